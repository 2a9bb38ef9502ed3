"""The loader: plain data, positions, limits and the one-line errors of load_paths."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
import yaml

from flowlint.findings import Location
from flowlint.loading import (
    Limits,
    SourceFile,
    decode,
    escape_pointer_token,
    load_paths,
    parse_text,
)
from flowlint.schema import validate


def parse(text: str, limits: Limits | None = None) -> SourceFile:
    return parse_text(textwrap.dedent(text), "spec.yaml", limits or Limits())


def problems(source: SourceFile) -> list[tuple[str, int, int, str, str]]:
    return [
        (code, p.location.line, p.location.column, p.location.pointer, p.message)
        for code, p in source.problems
    ]


# Positions


def test_mapping_members_are_at_their_key_and_list_items_at_the_item() -> None:
    source = parse(
        """\
        flowlint: 1
        services:
          publish:
            name: Publish
            edits:
              - course
              -   provider
        """
    )
    assert source.positions == {
        "": (1, 1),
        "/flowlint": (1, 1),
        "/services": (2, 1),
        "/services/publish": (3, 3),
        "/services/publish/name": (4, 5),
        "/services/publish/edits": (5, 5),
        "/services/publish/edits/0": (6, 9),
        "/services/publish/edits/1": (7, 11),
    }


def test_nested_flow_style_positions() -> None:
    source = parse("flows:\n  - {from: a, to: b, entities: [x, {y: z}]}\n")
    assert source.positions == {
        "": (1, 1),
        "/flows": (1, 1),
        "/flows/0": (2, 5),
        "/flows/0/from": (2, 6),
        "/flows/0/to": (2, 15),
        "/flows/0/entities": (2, 22),
        "/flows/0/entities/0": (2, 33),
        "/flows/0/entities/1": (2, 36),
        "/flows/0/entities/1/y": (2, 37),
    }


def test_columns_count_characters_and_crlf_lines_count_once() -> None:
    source = parse_text("é: {ü: 1}\r\nb: [x,\r\n  y]\r\n", "spec.yaml")
    assert source.positions["/é/ü"] == (1, 5)
    assert source.positions["/b/1"] == (3, 3)


def test_the_root_is_at_the_first_node_after_comments() -> None:
    assert parse("# A spec\n\nflowlint: 1\n").positions[""] == (3, 1)


def test_location_falls_back_to_the_nearest_recorded_ancestor() -> None:
    source = parse("services:\n  publish: {name: P}\n")
    assert source.location("/services/publish/kind") == Location(
        "spec.yaml", 2, 3, "/services/publish/kind"
    )
    assert source.location("/apis/x") == Location("spec.yaml", 1, 1, "/apis/x")


def test_the_text_is_kept() -> None:
    assert parse_text("flowlint: 1\n", "spec.yaml").text == "flowlint: 1\n"


# Keys and pointers


def test_escape_pointer_token() -> None:
    assert escape_pointer_token("a/b") == "a~1b"
    assert escape_pointer_token("a~b") == "a~0b"
    assert escape_pointer_token("~/") == "~0~1"  # "~" first, so "/" never becomes "~01"
    assert escape_pointer_token("plain") == "plain"


def test_keys_with_slash_and_tilde_are_escaped_in_pointers() -> None:
    source = parse("services:\n  a/b: {n~1: 1}\n")
    assert source.data == {"services": {"a/b": {"n~1": 1}}}
    assert source.positions["/services/a~1b"] == (2, 3)
    assert source.positions["/services/a~1b/n~01"] == (2, 9)


def test_yaml_11_keys_stay_text_as_written() -> None:
    source = parse("no: 1\non: 2\nyes: 3\n1e3: 4\n~: 5\nnull: 6\n2024-05-01: 7\n0o17: 8\n")
    assert list(source.data) == ["no", "on", "yes", "1e3", "~", "null", "2024-05-01", "0o17"]
    assert source.positions["/~0"] == (5, 1)
    assert source.problems == ()


def test_values_are_plain_yaml_11_scalars_except_dates() -> None:
    source = parse(
        "a: no\nb: on\nc: 1e3\nd: ~\ne: 0x1f\nf: 2024-05-01\ng: 2001-12-14t21:59:43.10-05:00\n"
        'h: "no"\ni: 1_000\n'
    )
    assert source.data == {
        "a": False,
        "b": True,
        "c": "1e3",  # YAML 1.1 floats need a dot: PyYAML reads this as text
        "d": None,
        "e": 31,
        "f": "2024-05-01",
        "g": "2001-12-14t21:59:43.10-05:00",
        "h": "no",
        "i": 1000,
    }


def test_duplicate_key_is_a_problem_and_the_last_value_is_kept_as_yaml_keeps_it() -> None:
    source = parse("services:\n  publish: {name: A}\n  find: {name: F}\n  publish: {name: B}\n")
    assert source.data == {"services": {"publish": {"name": "B"}, "find": {"name": "F"}}}
    assert source.data == yaml.safe_load(source.text)
    assert list(source.data["services"]) == ["publish", "find"]  # the place of the first
    assert problems(source) == [
        (
            "FL002",
            4,
            3,
            "/services/publish",
            "duplicate key 'publish': it is already set on line 2, column 3; keep one of them "
            "(as YAML does, flowlint uses only the last)",
        )
    ]
    # Positions are those of the value kept.
    assert source.positions["/services/publish"] == (4, 3)
    assert source.positions["/services/publish/name"] == (4, 13)


def test_a_key_that_is_a_list_is_refused() -> None:
    source = parse("? [a, b]\n: c\nd: e\n")
    assert source.data == {"d": "e"}
    assert problems(source) == [
        ("FL001", 1, 3, "", "a mapping key must be plain text, not a list or mapping")
    ]


# Tags


def test_python_tag_constructs_nothing_and_runs_nothing(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    text = (
        f'x-a: !!python/object/apply:os.system ["touch {marker}"]\n'
        f'x-b: !!python/object/new:subprocess.call [["touch", "{marker}"]]\n'
        f"x-c: !!python/name:os.system\n"
    )
    source = parse_text(text, "spec.yaml")
    assert not marker.exists()
    assert source.data == {
        "x-a": [f"touch {marker}"],
        "x-b": [["touch", str(marker)]],
        "x-c": "",
    }
    assert [
        (code, line, column, pointer) for code, line, column, pointer, _ in problems(source)
    ] == [
        ("FL001", 1, 6, "/x-a"),
        ("FL001", 2, 6, "/x-b"),
        ("FL001", 3, 6, "/x-c"),
    ]
    assert problems(source)[0][4] == (
        "tag '!!python/object/apply:os.system' is not supported: flowlint reads plain YAML data "
        "only and never constructs objects; remove the tag"
    )


def test_local_tag_is_refused_and_its_text_kept() -> None:
    source = parse("services: !include services.yaml\n")
    assert source.data == {"services": "services.yaml"}
    assert problems(source) == [
        (
            "FL001",
            1,
            11,
            "/services",
            "tag '!include' is not supported: flowlint reads plain YAML data only and never "
            "constructs objects; remove the tag",
        )
    ]


def test_standard_tags_read_plain_data() -> None:
    source = parse(
        "a: !!str 5\nb: !!int '7'\nc: !!binary aGk=\nd: ! text\ne: !!map {k: v}\nf: !!seq [1]\n"
        "g: !!timestamp 2024-05-01\n"
    )
    assert source.data == {
        "a": "5",
        "b": 7,
        "c": "aGk=",
        "d": "text",
        "e": {"k": "v"},
        "f": [1],
        "g": "2024-05-01",
    }
    assert source.problems == ()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "a: !!int abc\n",
            "'abc' cannot be read as an integer: remove the tag '!!int' or correct the value",
        ),
        (
            "a: !!int ''\n",
            "'' cannot be read as an integer: remove the tag '!!int' or correct the value",
        ),
        (
            "a: !!float x\n",
            "'x' cannot be read as a number: remove the tag '!!float' or correct the value",
        ),
        (
            "a: !!bool maybe\n",
            "'maybe' cannot be read as true or false: remove the tag '!!bool' or correct the value",
        ),
    ],
)
def test_a_standard_tag_that_cannot_read_its_value_keeps_the_text(text: str, message: str) -> None:
    source = parse(text)
    assert problems(source) == [("FL001", 1, 4, "/a", message)]
    assert isinstance(source.data["a"], str)


def test_an_integer_too_long_to_convert() -> None:
    source = parse("a: " + "9" * 5000 + "\nb: 0x" + "f" * 5000 + "\n")
    assert source.data == {"a": "9" * 5000, "b": "0x" + "f" * 5000}
    assert [(p[1], p[2], p[3]) for p in problems(source)] == [(1, 4, "/a"), (2, 4, "/b")]
    assert problems(source)[0][4] == (
        "this number is 5,000 characters long, over flowlint's limit of 1,000; "
        "write it in quotes if it is meant as text"
    )


# Merge keys and aliases


def test_merge_key_merges_and_written_keys_win() -> None:
    source = parse(
        """\
        x-defaults: &defaults {kind: service, status: live}
        services:
          publish:
            <<: *defaults
            name: Publish
            status: planned
        """
    )
    assert source.data["services"]["publish"] == {
        "name": "Publish",
        "status": "planned",
        "kind": "service",
    }
    # A merged key is at the `<<` that brought it in; a written key is where it is written.
    assert source.positions["/services/publish/kind"] == (4, 5)
    assert source.positions["/services/publish/status"] == (6, 5)
    assert not any("<<" in pointer for pointer in source.positions)


def test_merge_of_several_mappings_earlier_wins() -> None:
    source = parse("a: &a {k: 1}\nb: &b {k: 2, j: 2}\nc:\n  <<: [*a, *b]\n")
    assert source.data["c"] == {"k": 1, "j": 2}


def test_merge_of_a_non_mapping_is_refused() -> None:
    source = parse("a: &a [1]\nb:\n  <<: *a\n  k: 1\n")
    assert source.data["b"] == {"k": 1}
    assert problems(source) == [
        (
            "FL001",
            3,
            3,
            "/b",
            "'<<' merges only mappings into a mapping; write '<<: *anchor' naming an "
            "anchored mapping",
        )
    ]


def test_aliases_share_plain_data() -> None:
    source = parse("x-owners: &o [publish]\nentities:\n  course: {owner: *o}\n")
    assert source.data["entities"]["course"]["owner"] == ["publish"]
    assert source.positions["/entities/course/owner"] == (3, 12)


def billion_laughs(levels: int) -> str:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    names = "abcdefghijklmnopqrstuvwxyz"
    for level in range(1, levels):
        name, previous = names[level], names[level - 1]
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
    return "\n".join(lines) + "\n"


def test_alias_bomb_stops_with_one_finding() -> None:
    source = parse(billion_laughs(9))  # 9**9 strings if expanded: must stop long before
    assert source.data is None
    assert problems(source) == [
        (
            "FL001",
            5,
            4,
            "/f/0",
            "aliases expand to more than 100,000 nodes; flowlint stops reading here "
            "(is this an alias bomb?)",
        )
    ]
    assert validate(source) == []  # the file did not load: the schema adds nothing


def test_alias_expansion_limit_is_configurable() -> None:
    text = billion_laughs(3)  # about 900 nodes when expanded: well under the default
    assert parse(text).problems == ()
    limited = parse(text, Limits(max_alias_nodes=50))
    assert [p[4][:40] for p in problems(limited)] == ["aliases expand to more than 50 nodes; fl"]


def test_recursive_alias_is_refused() -> None:
    source = parse("a: &a\n  b: *a\n")
    assert source.data is None
    assert problems(source) == [
        (
            "FL001",
            1,
            4,
            "/a/b",
            "an alias refers to a mapping or list that contains it, which would repeat forever; "
            "flowlint stops reading here",
        )
    ]


# Nesting


def test_nesting_deeper_than_the_limit() -> None:
    source = parse("a: " + "[" * 70 + "]" * 70 + "\n")
    assert source.data is None
    assert problems(source) == [
        (
            "FL001",
            1,
            67,
            "/a" + "/0" * 63,
            "nesting is deeper than 64 levels; flowlint stops reading here",
        )
    ]


def test_nesting_at_the_limit_is_read_and_one_more_is_not() -> None:
    assert parse("[" * 64 + "]" * 64 + "\n").problems == ()
    assert [p[3].count("/") for p in problems(parse("[" * 65 + "]" * 65 + "\n"))] == [64]


def test_nesting_deeper_than_libyaml_allows() -> None:
    source = parse("[" * 5000 + "]" * 5000 + "\n")
    assert [p[4] for p in problems(source)] == [
        "nesting is deeper than 64 levels; flowlint stops reading here"
    ]


def test_nesting_built_up_through_aliases() -> None:
    lines, previous = [], "1"
    for level in range(4):
        lines.append(f"a{level}: &a{level} " + "[" * 30 + previous + "]" * 30)
        previous = f"*a{level}"
    source = parse("\n".join(lines) + "\n")
    assert [(p[1], p[3].count("/0"), p[4]) for p in problems(source)] == [
        (2, 30, "nesting is deeper than 64 levels; flowlint stops reading here")
    ]


# Whole files


def test_multiple_documents_are_one_problem() -> None:
    source = parse("flowlint: 1\n---\nflowlint: 1\n---\nflowlint: 1\n")
    assert source.data is None
    assert problems(source) == [
        (
            "FL001",
            2,
            1,
            "",
            "several YAML documents in one file: flowlint reads one document per file; "
            "split them into separate files of a directory model",
        )
    ]


def test_one_document_with_markers_is_fine() -> None:
    assert parse("---\nflowlint: 1\n...\n").data == {"flowlint": 1}


@pytest.mark.parametrize("text", ["", "\n\n", "# only a comment\n# and another\n", "---\n"])
def test_empty_file_is_one_schema_problem(text: str) -> None:
    source = parse_text(text, "spec.yaml")
    assert (source.data, source.problems) == (None, ())
    found = validate(source)
    assert [(p.location, p.message) for p in found] == [
        (
            Location("spec.yaml", 1, 1, ""),
            "the file is empty: a spec file starts with 'flowlint: 1'",
        )
    ]


@pytest.mark.parametrize(
    ("text", "what"),
    [
        ("- flowlint: 1\n", "a list"),
        ("flowlint\n", "the text 'flowlint'"),
        ("1\n", "the number 1"),
        ("true\n", "the boolean true"),
    ],
)
def test_top_level_that_is_not_a_mapping_is_one_schema_problem(text: str, what: str) -> None:
    found = validate(parse_text(text, "spec.yaml"))
    assert [(p.location.line, p.location.column, p.message) for p in found] == [
        (1, 1, f"the top level is {what}; a spec file is a mapping that starts with 'flowlint: 1'")
    ]


def test_nul_byte_is_a_syntax_problem_at_its_position() -> None:
    source = parse_text("flowlint: 1\nservice_line: Te\x00acher\n", "spec.yaml")
    assert source.data is None
    assert problems(source) == [
        (
            "FL001",
            2,
            17,
            "",
            "invalid YAML: the NUL character (U+0000) is not allowed in YAML text; remove it",
        )
    ]


def test_forbidden_character_after_non_ascii_text_is_at_its_column() -> None:
    source = parse_text("é: ü\x01\n", "spec.yaml")
    assert [(p[1], p[2]) for p in problems(source)] == [(1, 5)]


def test_lone_surrogate_is_a_syntax_problem() -> None:
    source = parse_text("a: \ud800\n", "spec.yaml")
    assert [p[4] for p in problems(source)] == [
        "invalid YAML: the character U+D800 is not allowed in YAML text; remove it"
    ]


# Bytes


def test_byte_order_mark_is_read_fine() -> None:
    text, reason = decode("\ufeffflowlint: 1\n".encode())
    assert (text, reason) == ("flowlint: 1\n", "")
    source = parse_text("\ufeffflowlint: 1\nx-a: {b: 1}\n", "spec.yaml")
    assert source.data == {"flowlint": 1, "x-a": {"b": 1}}
    assert source.positions["/x-a/b"] == (2, 7)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_is_refused_with_a_reason(encoding: str) -> None:
    text, reason = decode("flowlint: 1\nservices: {}\n".encode(encoding))
    assert text is None
    assert reason == "file is UTF-16; flowlint reads UTF-8 text: re-save the file as UTF-8"


def test_utf32_is_refused_with_a_reason() -> None:
    text, reason = decode("flowlint: 1\n".encode("utf-32"))
    assert text is None
    assert reason == "file is UTF-32; flowlint reads UTF-8 text: re-save the file as UTF-8"


def test_latin1_is_refused_naming_the_byte_and_line() -> None:
    text, reason = decode("flowlint: 1\nservice_line: Café\n".encode("latin-1"))
    assert text is None
    assert reason == "file is not UTF-8 text (byte 0xe9 on line 2); re-save it as UTF-8"


def test_utf8_is_read() -> None:
    assert decode("a: café\n".encode()) == ("a: café\n", "")
    assert decode(b"") == ("", "")


# load_paths


def write(root: Path, name: str, text: str = "flowlint: 1\n") -> Path:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_missing_path_is_a_one_line_error(tmp_path: Path) -> None:
    loaded = load_paths([tmp_path / "nope.yaml"])
    assert loaded.files == ()
    assert loaded.errors == (f"{(tmp_path / 'nope.yaml').as_posix()}: no such file or directory",)


def test_directory_without_spec_files_is_a_one_line_error(tmp_path: Path) -> None:
    write(tmp_path, "notes.txt")
    write(tmp_path, ".hidden.yaml")
    loaded = load_paths([tmp_path])
    assert loaded.errors == (
        f"{tmp_path.as_posix()}: no *.yaml or *.yml spec files in this directory",
    )


def test_directory_model_is_sorted_recursive_and_skips_hidden(tmp_path: Path) -> None:
    for name in [
        "b.yaml",
        "a.yml",
        "sub/c.yaml",
        "sub/deeper/a.yaml",
        "a.yaml.bak",
        "README.md",
        ".hidden.yaml",
        ".git/config.yaml",
        "sub/.cache/x.yaml",
    ]:
        write(tmp_path, name)
    loaded = load_paths([tmp_path])
    assert loaded.errors == ()
    root = tmp_path.as_posix()
    assert [f.path for f in loaded.files] == [
        f"{root}/a.yml",
        f"{root}/b.yaml",
        f"{root}/sub/c.yaml",
        f"{root}/sub/deeper/a.yaml",
    ]


def test_a_file_named_twice_is_read_once(tmp_path: Path) -> None:
    spec = write(tmp_path, "a.yaml")
    loaded = load_paths([tmp_path, spec, tmp_path / "." / "a.yaml"])
    assert [f.path for f in loaded.files] == [spec.as_posix()]


def test_symlink_loop_in_a_directory_terminates(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml")
    (tmp_path / "loop").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "back").symlink_to(tmp_path, target_is_directory=True)
    (tmp_path / "self.yaml").symlink_to(tmp_path / "self.yaml")
    loaded = load_paths([tmp_path])
    assert [f.path for f in loaded.files] == [(tmp_path / "a.yaml").as_posix()]
    assert len(loaded.errors) == 1
    assert loaded.errors[0].startswith(f"{(tmp_path / 'self.yaml').as_posix()}: cannot read: ")


def test_file_over_the_size_limit_is_a_one_line_error(tmp_path: Path) -> None:
    spec = write(tmp_path, "big.yaml", "flowlint: 1\n" + "# padding\n" * 20)
    loaded = load_paths([spec], Limits(max_file_bytes=100))
    assert loaded.files == ()
    assert loaded.errors == (
        f"{spec.as_posix()}: file is 212 bytes, over the 100-byte limit; raise the limit with "
        "--max-file-size MB, or max-file-size in the configuration (0: no limit)",
    )


def test_undecodable_file_is_an_error_and_the_others_are_read(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml")
    (tmp_path / "b.yaml").write_bytes("flowlint: 1\n".encode("utf-16"))
    loaded = load_paths([tmp_path])
    assert [Path(f.path).name for f in loaded.files] == ["a.yaml"]
    assert loaded.errors == (
        f"{(tmp_path / 'b.yaml').as_posix()}: file is UTF-16; flowlint reads UTF-8 text: "
        "re-save the file as UTF-8",
    )


def test_relative_paths_are_shown_as_given(tmp_path: Path, monkeypatch) -> None:
    write(tmp_path, "specs/a.yaml")
    monkeypatch.chdir(tmp_path)
    loaded = load_paths(["specs"])
    assert [f.path for f in loaded.files] == ["specs/a.yaml"]


def test_the_quick_test_for_ascii_text_agrees_with_the_full_one_on_every_character() -> None:
    from flowlint.loading import _NOT_PRINTABLE, _printable_ascii

    for code in range(0x100):
        text = f"a: b{chr(code)}c\n"
        expected = _NOT_PRINTABLE.search(text) is None
        assert _printable_ascii(text) == (expected and code < 0x80), code
