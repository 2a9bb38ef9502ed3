"""flowlint.loading without the CLI: the one-line notes and errors of reading paths, decoding,
standard input and editor overlays, and the words of YAML problems, asserted exactly."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from flowlint.findings import Location
from flowlint.loading import (
    Limits,
    Loaded,
    SourceFile,
    decode,
    is_spec,
    links_note,
    load_paths,
    looks_like_spec,
    over_the_limit,
    parse_text,
    skipped_note,
)


def test_notes_name_at_most_five_files_and_count_the_rest() -> None:
    assert links_note(["a"]) == (
        "skipped 1 symbolic link that leads outside the folder checked (never opened): a"
    )
    assert links_note(["a", "b"]) == (
        "skipped 2 symbolic links that lead outside the folder checked (never opened): a, b"
    )
    six = [f"f{n}" for n in range(6)]
    assert links_note(six) == (
        "skipped 6 symbolic links that lead outside the folder checked (never opened): "
        "f0, f1, f2, f3, f4 and 1 more"
    )
    assert links_note(six[:5]).endswith(": f0, f1, f2, f3, f4")
    assert skipped_note(["a.yaml"]) == (
        "skipped 1 YAML file with no top-level 'flowlint' key (not flowlint specs): a.yaml"
    )
    assert skipped_note([*six, "f6"]) == (
        "skipped 7 YAML files with no top-level 'flowlint' key (not flowlint specs): "
        "f0, f1, f2, f3, f4 and 2 more"
    )
    assert skipped_note(six[:5]).endswith(": f0, f1, f2, f3, f4")
    assert skipped_note(six).endswith(": f0, f1, f2, f3, f4 and 1 more")
    assert over_the_limit("big.yaml", 20_000_000, 16_777_216) == (
        "big.yaml: file is 20,000,000 bytes, over the 16,777,216-byte limit; raise the limit "
        "with --max-file-size MB, or max-file-size in the configuration (0: no limit)"
    )


UTF8 = "UTF-8 text"


def test_decode_reads_utf8_and_says_why_not_otherwise() -> None:
    assert decode(b"a: 1\n") == ("a: 1\n", "")
    assert decode(b"\xef\xbb\xbfa: 1\n") == ("a: 1\n", "")
    assert decode("é: ü\n".encode()) == ("é: ü\n", "")
    assert decode(b"") == ("", "")
    utf32 = (None, "file is UTF-32; flowlint reads UTF-8 text: re-save the file as UTF-8")
    utf16 = (None, "file is UTF-16; flowlint reads UTF-8 text: re-save the file as UTF-8")
    assert decode("a: 1\n".encode("utf-32")) == utf32
    assert decode(b"\x00\x00\xfe\xff" + "a".encode("utf-32-be")) == utf32
    assert decode(b"\xff\xfe\x00\x00a") == utf32
    assert decode(b"\xff\xfea\x00") == utf16
    assert decode(b"\xfe\xff\x00a") == utf16
    assert decode("ab: 1\n".encode("utf-16-le")) == utf16
    assert decode("ab: 1\n".encode("utf-16-be")) == utf16
    # Odd lengths are judged on their even part; fewer than four bytes are never UTF-16.
    assert decode("ab".encode("utf-16-le") + b"c") == utf16
    assert decode(b"a\x00b") == ("a\x00b", "")
    assert decode(b"a\x00") == ("a\x00", "")
    # A zero byte here and there is not UTF-16.
    assert decode(b"a\x00bc") == ("a\x00bc", "")
    assert decode(b"\x00a\x00\x00") == ("\x00a\x00\x00", "")
    assert decode(b"a: 1\nb: 2\nc: \xe9\n") == (
        None,
        "file is not UTF-8 text (byte 0xe9 on line 3); re-save it as UTF-8",
    )
    assert decode(b"\n\xff") == (
        None,
        "file is not UTF-8 text (byte 0xff on line 2); re-save it as UTF-8",
    )
    # The fewest bytes that can be UTF-16, and odd lengths judged on their whole units.
    assert decode(b"a\x00b\x00") == utf16
    assert decode(b"a\x00b\x00\x00") == utf16
    assert decode(b"a\x00" * 4 + b"\x00") == utf16
    assert decode(b"a\x00" * 31 + b"ab" + b"\x00" * 8)[0] is not None
    assert decode(b"\xff") == (
        None,
        "file is not UTF-8 text (byte 0xff on line 1); re-save it as UTF-8",
    )


# --- reading paths --------------------------------------------------------------------------


def _write(root: Path, name: str, text: str = "flowlint: 1\n") -> Path:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _names(loaded: Loaded, root: Path) -> list[str]:
    return [Path(f.path).relative_to(root).as_posix() for f in loaded.files]


def test_a_directory_of_yaml_that_is_not_flowlint_is_one_error_and_skipped_files(
    tmp_path: Path,
) -> None:
    one = tmp_path / "one"
    _write(one, "a.yaml", "name: not a spec\n")
    loaded = load_paths([one])
    root = one.as_posix()
    assert (loaded.files, loaded.skipped) == ((), (f"{root}/a.yaml",))
    assert loaded.errors == (
        f"{root}: no flowlint spec files in this directory: its YAML file has no top-level "
        "'flowlint' key",
    )
    two = tmp_path / "two"
    _write(two, "a.yaml", "name: not a spec\n")
    # It mentions flowlint, so it is parsed; it has no such key, so it is skipped too.
    _write(two, "b.yml", "tool: flowlint\n")
    loaded = load_paths([two])
    root = two.as_posix()
    assert loaded.skipped == (f"{root}/a.yaml", f"{root}/b.yml")
    assert loaded.errors == (
        f"{root}: no flowlint spec files in this directory: its 2 YAML files have no top-level "
        "'flowlint' key",
    )


def test_skipped_files_beside_a_spec_are_no_error(tmp_path: Path) -> None:
    _write(tmp_path, "a.yaml", "name: not a spec\n")
    _write(tmp_path, "b.yaml")
    # Not a mapping, but written like a spec: read, so the schema can say what is wrong.
    _write(tmp_path, "c.yaml", "- flowlint: 1\n")
    _write(tmp_path, "d.yaml", "flowlint: [\n")
    _write(tmp_path, "e.yaml", "- flowlint\n")
    loaded = load_paths([tmp_path])
    assert _names(loaded, tmp_path) == ["b.yaml", "c.yaml", "d.yaml"]
    assert loaded.files[2].problems[0][0] == "FL001"
    assert loaded.skipped == ((tmp_path / "a.yaml").as_posix(), (tmp_path / "e.yaml").as_posix())
    assert loaded.errors == ()
    # A file named on its own is read whatever it holds.
    named = load_paths([tmp_path / "a.yaml"])
    assert (len(named.files), named.skipped, named.errors) == (1, (), ())
    # A directory read once already adds nothing, and says nothing, the second time.
    again = load_paths([tmp_path, tmp_path])
    assert (_names(again, tmp_path), again.errors) == (["b.yaml", "c.yaml", "d.yaml"], ())


def test_links_that_lead_outside_a_directory_model_are_never_opened(tmp_path: Path) -> None:
    outside = _write(tmp_path, "outside.yaml")
    model = tmp_path / "model"
    model.mkdir()
    (model / "out.yaml").symlink_to(outside)
    (model / "gone.yaml").symlink_to(tmp_path / "missing.yaml")
    loaded = load_paths([model])
    root = model.as_posix()
    assert loaded.files == ()
    assert loaded.links == (f"{root}/gone.yaml", f"{root}/out.yaml")
    assert loaded.errors == (
        f"{root}: no spec files in this directory, only symbolic links that lead outside it",
    )
    _write(model, "in.yaml")
    (model / "in-link.yaml").symlink_to(model / "in.yaml")
    (model / "sub").mkdir()
    (model / "sub" / "up.yaml").symlink_to(model / "in.yaml")
    loaded = load_paths([model])
    # The links inside are kept (and read once, as the file they lead to).
    assert _names(loaded, model) == ["in-link.yaml"]
    assert loaded.links == (f"{root}/gone.yaml", f"{root}/out.yaml")
    assert loaded.errors == ()


def test_a_link_into_a_sibling_folder_with_the_same_prefix_is_outside(tmp_path: Path) -> None:
    model = tmp_path / "model"
    sibling = tmp_path / "model-other"
    _write(sibling, "a.yaml")
    _write(model, "b.yaml")
    (model / "a.yaml").symlink_to(sibling / "a.yaml")
    loaded = load_paths([model])
    assert _names(loaded, model) == ["b.yaml"]
    assert loaded.links == ((model / "a.yaml").as_posix(),)


def test_a_dangling_link_inside_the_model_says_where_it_leads(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").symlink_to("missing.yaml")
    _write(tmp_path, "b.yaml")
    loaded = load_paths([tmp_path])
    assert loaded.errors == (
        f"{(tmp_path / 'a.yaml').as_posix()}: cannot read: it is a symbolic link to "
        "'missing.yaml', which does not exist",
    )
    (tmp_path / "c.yaml").symlink_to("d.yaml")
    (tmp_path / "d.yaml").symlink_to("c.yaml")
    loaded = load_paths([tmp_path / "c.yaml"])
    assert loaded.errors == (
        f"{(tmp_path / 'c.yaml').as_posix()}: cannot read: it is a loop of symbolic links",
    )


def test_a_path_through_a_file_is_one_line(tmp_path: Path) -> None:
    spec = _write(tmp_path, "a.yaml")
    loaded = load_paths([spec / "b.yaml", spec])
    assert loaded.errors == (f"{spec.as_posix()}/b.yaml: cannot read: Not a directory",)
    assert [f.path for f in loaded.files] == [spec.as_posix()]


def test_a_pipe_or_socket_in_a_directory_model_is_not_opened(tmp_path: Path) -> None:
    import socket

    _write(tmp_path, "a.yaml")
    os.mkfifo(tmp_path / "pipe.yaml")
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(tmp_path / "sock.yaml"))
        loaded = load_paths([tmp_path])
    finally:
        server.close()
    root = tmp_path.as_posix()
    assert _names(loaded, tmp_path) == ["a.yaml"]
    assert loaded.errors == (
        f"{root}/pipe.yaml: is a named pipe, not a file; remove it",
        f"{root}/sock.yaml: is a socket, not a file; remove it",
    )


def test_a_device_named_on_its_own_is_read_within_the_limit() -> None:
    loaded = load_paths(["/dev/null"])
    assert [(f.path, f.data) for f in loaded.files] == [("/dev/null", None)]
    assert loaded.errors == ()
    loaded = load_paths(["/dev/zero"], Limits(max_file_bytes=10))
    assert loaded.errors == (
        "/dev/zero: is longer than the 10-byte limit; raise the limit with --max-file-size MB, "
        "or max-file-size in the configuration (0: no limit)",
    )


def test_without_a_limit_the_whole_file_is_read(tmp_path: Path) -> None:
    spec = _write(tmp_path, "a.yaml", "flowlint: 1\n" + "# padding\n" * 20)
    loaded = load_paths([spec], Limits(max_file_bytes=None))
    assert [f.text for f in loaded.files] == [spec.read_text(encoding="utf-8")]
    exact = load_paths([spec], Limits(max_file_bytes=len(spec.read_bytes())))
    assert ([f.text for f in exact.files], exact.errors) == ([spec.read_text(encoding="utf-8")], ())


def test_read_at_most_reads_chunks_up_to_the_size() -> None:
    import io

    from flowlint.loading import _read_at_most

    class Trickle(io.RawIOBase):
        """A stream that gives at most three bytes a read, as a pipe may."""

        def __init__(self, data: bytes) -> None:
            self.data = data

        def readable(self) -> bool:
            return True

        def read(self, size: int = -1) -> bytes:
            chunk, self.data = self.data[: min(size, 3)], self.data[min(size, 3) :]
            return chunk

    assert _read_at_most(Trickle(b"abcdefghij"), 7) == b"abcdefg"  # type: ignore[arg-type]
    assert _read_at_most(Trickle(b"abcd"), 7) == b"abcd"  # type: ignore[arg-type]
    assert _read_at_most(Trickle(b"abcd"), 0) == b""  # type: ignore[arg-type]


# --- standard input ---------------------------------------------------------------------------


class _Stdin:
    def __init__(self, data: bytes | None = None, error: OSError | None = None) -> None:
        import io

        self.buffer = io.BytesIO(data or b"")
        if error is not None:

            def fail(*args: object) -> bytes:
                raise error

            self.buffer.read = fail  # type: ignore[method-assign]


def test_standard_input_is_read_first_and_stands_in_for_its_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = _write(tmp_path, "a.yaml", "flowlint: 1\nservice_line: on disk\n")
    _write(tmp_path, "b.yaml")
    monkeypatch.setattr(sys, "stdin", _Stdin(b"flowlint: 1\nservice_line: unsaved\n"))
    loaded = load_paths([tmp_path, "-"], stdin_name=str(spec))
    assert [(f.path, f.data.get("service_line")) for f in loaded.files] == [
        (str(spec), "unsaved"),
        ((tmp_path / "b.yaml").as_posix(), None),
    ]
    monkeypatch.setattr(sys, "stdin", _Stdin(b"flowlint: 1\n"))
    loaded = load_paths(["-"])
    assert [(f.path, f.data) for f in loaded.files] == [("-", {"flowlint": 1})]


@pytest.mark.parametrize(
    ("stdin", "limits", "error"),
    [
        (lambda: None, Limits(), "-: standard input is closed; there is no spec to read"),
        (
            lambda: _Stdin(error=OSError(5, "Input/output error")),
            Limits(),
            "-: cannot read standard input: Input/output error",
        ),
        (
            lambda: _Stdin(error=OSError("gone")),
            Limits(),
            "-: cannot read standard input: gone",
        ),
        (
            lambda: _Stdin(b"flowlint: 1\n"),
            Limits(max_file_bytes=11),
            "-: is longer than the 11-byte limit; raise the limit with --max-file-size MB, or "
            "max-file-size in the configuration (0: no limit)",
        ),
        (
            lambda: _Stdin(b"flowlint: \xe9\n"),
            Limits(),
            "-: file is not UTF-8 text (byte 0xe9 on line 1); re-save it as UTF-8",
        ),
    ],
)
def test_standard_input_that_cannot_be_read_is_one_line(
    stdin: Callable[[], object], limits: Limits, error: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", stdin())
    loaded = load_paths(["-"], limits)
    assert (loaded.files, loaded.errors) == ((), (error,))


def test_standard_input_without_a_limit_or_at_it(monkeypatch: pytest.MonkeyPatch) -> None:
    text = b"flowlint: 1\n"
    monkeypatch.setattr(sys, "stdin", _Stdin(text))
    loaded = load_paths(["-"], Limits(max_file_bytes=None), stdin_name="spec.yaml")
    assert [(f.path, f.text) for f in loaded.files] == [("spec.yaml", "flowlint: 1\n")]
    monkeypatch.setattr(sys, "stdin", _Stdin(text))
    loaded = load_paths(["-"], Limits(max_file_bytes=len(text)))
    assert [(f.path, f.text) for f in loaded.files] == [("-", "flowlint: 1\n")]


# --- editor overlays --------------------------------------------------------------------------


def test_overlays_stand_in_for_files_and_add_unsaved_ones_under_a_model(tmp_path: Path) -> None:
    model = tmp_path / "model"
    _write(model, "b.yaml", "flowlint: 1\nservice_line: on disk\n")
    _write(model, "d.yaml")
    top = os.path.abspath(model)
    overlays = {
        os.path.join(top, "b.yaml"): "flowlint: 1\nservice_line: in the editor\n",
        os.path.join(top, "a.yaml"): "flowlint: 1\nservice_line: unsaved\n",
        os.path.join(top, "sub", "c.yml"): "flowlint: 1\n",
        os.path.join(top, ".hidden", "e.yaml"): "flowlint: 1\n",
        os.path.join(top, "notes.txt"): "flowlint: 1\n",
        os.path.join(str(tmp_path), "beside.yaml"): "flowlint: 1\n",
    }
    loaded = load_paths([model], overlays=overlays)
    assert [
        (Path(f.path).relative_to(model).as_posix(), (f.data or {}).get("service_line"))
        for f in loaded.files
    ] == [("a.yaml", "unsaved"), ("b.yaml", "in the editor"), ("d.yaml", None), ("sub/c.yml", None)]
    # An overlay named on its own is read though it is not on disk.
    alone = load_paths([tmp_path / "beside.yaml"], overlays=overlays)
    assert [f.text for f in alone.files] == ["flowlint: 1\n"]
    # Nothing unsaved under the model: the files on disk, as without overlays.
    other = {os.path.join(str(tmp_path), "beside.yaml"): "flowlint: 1\n"}
    assert _names(load_paths([model], overlays=other), model) == ["b.yaml", "d.yaml"]


def test_an_overlay_over_the_limit_is_one_line(tmp_path: Path) -> None:
    spec = _write(tmp_path, "a.yaml")
    overlays = {os.path.abspath(spec): "flowlint: 1\n# more\n"}
    loaded = load_paths([spec], Limits(max_file_bytes=12), overlays=overlays)
    assert loaded.errors == (f"{spec.as_posix()}: is longer than the 12-byte limit",)
    loaded = load_paths([spec], Limits(max_file_bytes=19), overlays=overlays)
    assert [f.text for f in loaded.files] == ["flowlint: 1\n# more\n"]


def test_spec_files_are_told_by_their_flowlint_key() -> None:
    assert is_spec(parse_text("flowlint: 1\n", "a.yaml")) is True
    assert is_spec(parse_text("name: flowlint\n", "a.yaml")) is False
    assert is_spec(parse_text("flowlint: [\n", "a.yaml")) is True
    assert is_spec(parse_text("- a\n- flowlint\n", "a.yaml")) is False
    for text in [
        "flowlint: 1",
        "'flowlint': 1",
        '"flowlint" : 1',
        "--- flowlint: 1",
        "- flowlint:",
    ]:
        assert looks_like_spec(f"# a spec\n{text}\n"), text
    for text in ["flowlints: 1", "x: flowlint", "#flowlint: 1", "flowlint 1"]:
        assert not looks_like_spec(f"# a spec\n{text}\n"), text


# --- parsing: positions, limits and the words of YAML problems ---------------------------------


def _problems(text: str, limits: Limits | None = None) -> list[tuple[str, int, int, str, str]]:
    source = parse_text(text, "s.yaml", limits or Limits())
    return [
        (code, p.location.line, p.location.column, p.location.pointer, p.message)
        for code, p in source.problems
    ]


def test_position_falls_back_to_the_root_then_to_the_first_line() -> None:
    assert SourceFile("a.yaml", None, {}).position("/x/y") == (1, 1)
    assert SourceFile("a.yaml", None, {"": (3, 4)}).position("/x/y") == (3, 4)
    assert SourceFile("a.yaml", None, {"": (3, 4), "/x": (5, 6)}).position("/x/y") == (5, 6)
    failed = parse_text("a: [\n", "a.yaml")
    assert (failed.positions, failed.location("/a")) == ({}, Location("a.yaml", 1, 1, "/a"))


def test_an_empty_document_is_at_the_first_line() -> None:
    for text in ["--- !!null\n", "&a ~\n", ""]:
        source = parse_text(text, "e.yaml")
        assert (source.data, dict(source.positions), source.problems) == (None, {"": (1, 1)}, ())
    tagged = parse_text("--- !!map {}\n", "e.yaml")
    assert (tagged.data, dict(tagged.positions)) == ({}, {"": (1, 5)})


def test_parsing_leaves_the_garbage_collector_as_it_was() -> None:
    import gc

    assert gc.isenabled()
    parse_text("a: 1\n", "a.yaml")
    assert gc.isenabled()
    gc.disable()
    try:
        parse_text("a: 1\n", "a.yaml")
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_limits_given_reach_every_file_read(tmp_path: Path, monkeypatch) -> None:
    spec = _write(tmp_path, "a.yaml", "flowlint: 1\na: {b: [1]}\n")
    too_deep = (
        "FL001",
        2,
        8,
        "/a/b",
        "nesting is deeper than 2 levels; flowlint stops reading here",
    )
    loaded = load_paths([spec], Limits(max_depth=2))
    assert [_problems(f.text, Limits(max_depth=2)) for f in loaded.files] == [[too_deep]]
    assert [
        [
            (c, p.location.line, p.location.column, p.location.pointer, p.message)
            for c, p in f.problems
        ]
        for f in loaded.files
    ] == [[too_deep]]
    monkeypatch.setattr(sys, "stdin", _Stdin(spec.read_bytes()))
    loaded = load_paths(["-"], Limits(max_depth=2))
    assert [[p.message for _, p in f.problems] for f in loaded.files] == [[too_deep[4]]]


def test_a_syntax_failure_is_in_its_file() -> None:
    for text in ["a\x07\n", "a: [\n", "a: &x [*x]\n"]:
        source = parse_text(text, "named.yaml")
        assert [p.location.file for _, p in source.problems] == ["named.yaml"], text
    stopped = parse_text("a: 1\nb: &x [*x]\n", "named.yaml")
    assert (stopped.path, stopped.data, dict(stopped.positions)) == (
        "named.yaml",
        None,
        {"": (1, 1), "/a": (1, 1), "/b": (2, 1), "/b/0": (2, 4)},
    )


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("\x07\n", 1, 1),
        ("a\x07b\n", 1, 2),
        ("a\n\x07\n", 2, 1),
        ("a\r\n\x07\n", 2, 1),
        ("ab\rcd\x07\n", 2, 3),
        ("a: 1\nb: [\x07]\n", 2, 5),
        ("a: 1\nb: \x85\x07\n", 3, 1),
    ],
)
def test_a_forbidden_character_is_at_its_line_and_column(text: str, line: int, column: int) -> None:
    assert _problems(text) == [
        (
            "FL001",
            line,
            column,
            "",
            "invalid YAML: the character U+0007 is not allowed in YAML text; remove it",
        )
    ]


def test_the_pure_python_reader_too_deep_for_its_recursion_is_one_problem(monkeypatch) -> None:
    import yaml

    import flowlint.loading

    monkeypatch.setattr(flowlint.loading, "_Loader", yaml.SafeLoader)
    text = "a: &x 1\nb: " + "[" * 800 + "]" * 800 + "\n"
    source = parse_text(text, "deep.yaml")
    assert source.data is None
    assert [(c, p.location, p.message) for c, p in source.problems] == [
        (
            "FL001",
            Location("deep.yaml", 1, 1),
            "nesting is deeper than 64 levels; flowlint stops reading here",
        )
    ]


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("]\n", (1, 1, "invalid YAML: did not find expected node content")),
        (
            "a: %\n",
            (
                1,
                4,
                "invalid YAML: character '%' cannot start a value here; put the value in quotes",
            ),
        ),
        (
            "a: `b`\n",
            (
                1,
                4,
                "invalid YAML: '`' is reserved and cannot start a plain value; put the value in quotes",
            ),
        ),
        (
            "a: " + "k" * 1021 + ": 1\n",
            (
                1,
                1025,
                "invalid YAML: unexpected ':' (a mapping value is not allowed here); quote a value "
                "that contains ': ', or check the indentation",
            ),
        ),
        (
            "a: " + "k" * 1022 + ": 1\n",
            (
                1,
                1026,
                "invalid YAML: this key is 1,025 characters long; YAML allows at most 1024 "
                "characters in a key on one line: shorten it",
            ),
        ),
        (
            "k" * 1025 + ": 1\n",
            (
                1,
                1026,
                "invalid YAML: this key is 1,025 characters long; YAML allows at most 1024 "
                "characters in a key on one line: shorten it",
            ),
        ),
        (
            "? a\n" + "k" * 1030 + ": 1\n",
            (
                2,
                1031,
                "invalid YAML: this key is 1,030 characters long; YAML allows at most 1024 "
                "characters in a key on one line: shorten it",
            ),
        ),
        (
            "a: *x",
            (1, 4, "invalid YAML: alias '*x' refers to no anchor; define '&x' before using it"),
        ),
        (
            "a: 1\n" + "k" * 1100 + "\n",
            (
                3,
                1,
                "invalid YAML: could not find expected ':' while scanning a simple key that "
                "starts on line 2, column 1; add ':' after the key, or quote the text",
            ),
        ),
    ],
)
def test_the_words_of_a_yaml_problem(text: str, problem: tuple[int, int, str]) -> None:
    assert _problems(text) == [("FL001", *problem[:2], "", problem[2])]


def test_numbers_too_long_and_values_a_tag_cannot_read() -> None:
    assert _problems("x: !!int " + "1" * 1000 + "\n") == []
    assert _problems("x: !!int " + "1" * 1001 + "\n") == [
        (
            "FL001",
            1,
            4,
            "/x",
            "this number is 1,001 characters long, over flowlint's limit of 1,000; write it in "
            "quotes if it is meant as text",
        )
    ]
    cannot = "cannot be read as an integer: remove the tag '!!int' or correct the value"
    assert _problems("x: !!int " + "a" * 40 + "\n") == [
        ("FL001", 1, 4, "/x", f"'{'a' * 40}' {cannot}")
    ]
    assert _problems("x: !!int " + "a" * 38 + "bcd\n") == [
        ("FL001", 1, 4, "/x", f"'{'a' * 37}...' {cannot}")
    ]


def test_a_merge_of_several_sources_reports_once_and_merges_the_mappings() -> None:
    source = parse_text("m: &m {a: 1}\nx:\n  <<: [1, 2, *m]\n  b: 2\n", "s.yaml")
    assert source.data == {"m": {"a": 1}, "x": {"b": 2, "a": 1}}
    assert _problems("m: &m {a: 1}\nx:\n  <<: [1, 2, *m]\n") == [
        (
            "FL001",
            3,
            3,
            "/x",
            "'<<' merges only mappings into a mapping; write '<<: *anchor' naming an anchored "
            "mapping",
        )
    ]
    assert _problems("x:\n  <<: {a: !!int b}\n") == [
        (
            "FL001",
            2,
            11,
            "/x/<</a",
            "'b' cannot be read as an integer: remove the tag '!!int' or correct the value",
        )
    ]
    text = "x:\n  <<: {a: [1]}\n"
    assert _problems(text, Limits(max_depth=4)) == []
    assert _problems(text, Limits(max_depth=3)) == [
        ("FL001", 2, 11, "/x/<</a", "nesting is deeper than 3 levels; flowlint stops reading here")
    ]


ALIASED = "a: &x [abcdefghij, abcdefghijabcdefghij]\nb: &y {k: *x, jj: abc}\nc: *y\n"


def _stop(line: int, column: int, pointer: str, message: str) -> list[tuple]:
    return [("FL001", line, column, pointer, message)]


def test_aliases_count_the_nodes_and_text_they_add_up_to_the_limit() -> None:
    # *x adds 3 nodes and 30 characters; *y adds 7 nodes ({k: x, jj: abc}) and 36 characters.
    nodes = (
        "aliases expand to more than {} nodes; flowlint stops reading here (is this an alias bomb?)"
    )
    chars = (
        "aliases expand to more than {} characters of text; flowlint stops reading here "
        "(is this an alias bomb?)"
    )
    assert _problems(ALIASED, Limits(max_alias_nodes=10, max_alias_chars=66)) == []
    assert _problems(ALIASED, Limits(max_alias_nodes=9)) == _stop(2, 4, "/c", nodes.format(9))
    assert _problems(ALIASED, Limits(max_alias_nodes=2)) == _stop(1, 4, "/b/k", nodes.format(2))
    assert _problems(ALIASED, Limits(max_alias_chars=65)) == _stop(2, 4, "/c", chars.format(65))
    assert _problems(ALIASED, Limits(max_alias_chars=30)) == _stop(2, 4, "/c", chars.format(30))
    assert _problems(ALIASED, Limits(max_alias_chars=29)) == _stop(1, 4, "/b/k", chars.format(29))
    assert _problems(ALIASED, Limits(max_depth=3)) == []
    assert _problems(ALIASED, Limits(max_depth=2)) == _stop(
        1, 4, "/b/k", "nesting is deeper than 2 levels; flowlint stops reading here"
    )
    # A long text given by alias counts each time it is repeated; a short one does not.
    long = "a: &x " + "x" * 64 + "\nb: *x\nc: *x\n"
    assert _problems(long, Limits(max_alias_chars=128)) == []
    assert _problems(long, Limits(max_alias_chars=127)) == _stop(1, 4, "/c", chars.format(127))
    short = "a: &x " + "x" * 63 + "\nb: *x\nc: *x\n"
    assert _problems(short, Limits(max_alias_chars=0)) == []
    assert parse_text(long, "s.yaml").data == {"a": "x" * 64, "b": "x" * 64, "c": "x" * 64}


def test_nested_aliases_are_measured_once_each() -> None:
    text = "a: &a [aa, bb]\nb: &b [*a, *a, cc]\nc: &c {k: *b, l: *a}\nd: [*c, *b]\n"
    # a: 3 nodes, 4 characters; b: 1 + 3 + 3 + 1 = 8 nodes, 10 characters;
    # c: 1 + 1 + 8 + 1 + 3 = 14 nodes, 1 + 10 + 1 + 4 = 16 characters.
    # Aliases add 3+3 (in b), 8+3 (in c), 14+8 (in d) = 39 nodes and 4+4+10+4+16+10 = 48 characters.
    assert _problems(text, Limits(max_alias_nodes=39, max_alias_chars=48)) == []
    assert [p[4][:32] for p in _problems(text, Limits(max_alias_nodes=38))] == [
        "aliases expand to more than 38 n"
    ]
    assert [p[3] for p in _problems(text, Limits(max_alias_chars=47))] == ["/d/1"]
    # Heights: a 1, b 2, c 3; *c at depth 2 reaches 5, *b in c at depth 2 reaches 4.
    assert _problems(text, Limits(max_depth=5)) == []
    assert [p[3] for p in _problems(text, Limits(max_depth=4))] == ["/d/0"]
    assert [p[3] for p in _problems(text, Limits(max_depth=3))] == ["/c/k"]


def test_link_prefix_and_sorting_of_directory_models(tmp_path: Path) -> None:
    _write(tmp_path, "a/x.yaml")
    _write(tmp_path, "a-b/y.yaml")
    _write(tmp_path, "a.yaml")
    # Sorted as the paths are written: '-' comes before '/' and '.'.
    assert _names(load_paths([tmp_path]), tmp_path) == ["a-b/y.yaml", "a.yaml", "a/x.yaml"]
    top = os.path.abspath(tmp_path)
    overlays = {os.path.join(top, "a-c", "z.yaml"): "flowlint: 1\n"}
    assert _names(load_paths([tmp_path], overlays=overlays), tmp_path) == [
        "a-b/y.yaml",
        "a-c/z.yaml",
        "a.yaml",
        "a/x.yaml",
    ]


def test_a_hidden_folder_below_the_model_hides_an_unsaved_file(tmp_path: Path) -> None:
    _write(tmp_path, "a.yaml")
    top = os.path.abspath(tmp_path)
    overlays = {
        os.path.join(top, "sub", ".cache", "b.yaml"): "flowlint: 1\n",
        os.path.join(top, "sub dir", "c.yaml"): "flowlint: 1\n",
    }
    assert _names(load_paths([tmp_path], overlays=overlays), tmp_path) == [
        "a.yaml",
        "sub dir/c.yaml",
    ]


def test_a_second_directory_of_yaml_that_is_not_flowlint_is_an_error_too(tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    _write(first, "a.yaml")
    _write(first, "b.yaml", "name: not a spec\n")
    _write(second, "c.yaml", "name: not a spec\n")
    loaded = load_paths([first, second])
    assert _names(loaded, tmp_path) == ["first/a.yaml"]
    assert loaded.errors == (
        f"{second.as_posix()}: no flowlint spec files in this directory: its YAML file has no "
        "top-level 'flowlint' key",
    )


def test_paths_after_standard_input_are_read_too(tmp_path: Path, monkeypatch) -> None:
    spec = _write(tmp_path, "a.yaml")
    monkeypatch.setattr(sys, "stdin", _Stdin(b"flowlint: 1\n"))
    loaded = load_paths(["-", spec])
    assert [f.path for f in loaded.files] == ["-", spec.as_posix()]


def test_a_link_inside_the_model_through_a_file_says_what_is_wrong(tmp_path: Path) -> None:
    _write(tmp_path, "file.txt", "")
    (tmp_path / "a.yaml").symlink_to(tmp_path / "file.txt" / "b.yaml")
    loaded = load_paths([tmp_path])
    assert loaded.errors == (f"{(tmp_path / 'a.yaml').as_posix()}: cannot read: Not a directory",)


def test_a_device_in_a_directory_model_is_not_opened(tmp_path: Path) -> None:
    import stat

    _write(tmp_path, "a.yaml")
    try:
        os.mknod(tmp_path / "null.yaml", stat.S_IFCHR | 0o600, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("making a device file needs root (CAP_MKNOD)")
    loaded = load_paths([tmp_path])
    assert _names(loaded, tmp_path) == ["a.yaml"]
    assert loaded.errors == (
        f"{(tmp_path / 'null.yaml').as_posix()}: is a device, not a file; remove it",
    )


def test_a_folder_that_cannot_be_listed_is_passed_over_and_the_walk_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Root lists any folder (and CI runs as root), so the refusal is made here: the first
    # subfolder the walk opens, whichever the file system lists first, cannot be listed.
    for name in ("a", "b", "c"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "line.yaml").write_text("flowlint: 1\n", encoding="utf-8")
    (tmp_path / "top.yaml").write_text("flowlint: 1\n", encoding="utf-8")
    real_scandir = os.scandir
    refused: list[str] = []

    def scandir(folder: str):  # type: ignore[no-untyped-def]
        if folder != os.fspath(tmp_path) and not refused:
            refused.append(folder)
            raise PermissionError(13, "Permission denied", folder)
        return real_scandir(folder)

    monkeypatch.setattr("flowlint.loading.os.scandir", scandir)
    loaded = load_paths([tmp_path])
    assert len(refused) == 1
    listed = sorted({"a", "b", "c"} - {Path(refused[0]).name})
    assert [Path(file.path).relative_to(tmp_path).as_posix() for file in loaded.files] == [
        *(f"{name}/line.yaml" for name in listed),
        "top.yaml",
    ]
    assert loaded.errors == ()
