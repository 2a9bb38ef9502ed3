"""flowlint.config without the CLI: finding the file (with a fake reader where the file system
does not matter), the one-line errors of a bad file, resolving with the command line, and the
per-path-ignores globs; every message and value asserted exactly."""

from __future__ import annotations

import dataclasses
import os
from pathlib import Path

import pytest

from flowlint.config import (
    DEFAULT_MAX_FILE_SIZE,
    KEYS,
    Config,
    ConfigError,
    Overrides,
    Settings,
    config_from_text,
    config_schema,
    display_path,
    find_config_file,
    find_config_root,
    ignored_codes,
    parse_config,
    read_config_file,
    resolve,
    rule_options,
    search_config,
)
from flowlint.rules import BUILTIN_RULES

RULES = BUILTIN_RULES
FL1 = frozenset(r.code for r in RULES if r.code.startswith("FL1"))


def _error(table: object, table_name: str = "", unresolved: bool = False) -> str:
    with pytest.raises(ConfigError) as caught:
        parse_config(table, "flowlint.toml", "/p", RULES, table_name, unresolved=unresolved)
    return str(caught.value)


# --- finding the file ------------------------------------------------------------------------


def _reader(files: dict[str, str]):
    return lambda path: files.get(path.as_posix())


def test_search_config_takes_the_nearest_folder_and_flowlint_toml_first() -> None:
    folders = [Path("/r/a/b"), Path("/r/a"), Path("/r")]
    cwd = Path("/r/a/b")
    files = {
        "/r/a/pyproject.toml": "[tool.flowlint]\nignore = []\n",
        "/r/a/flowlint.toml": "",
        "/r/flowlint.toml": "ignore = []\n",
    }
    assert search_config(folders, _reader(files), cwd) == Path("/r/a/flowlint.toml")
    del files["/r/a/flowlint.toml"]
    assert search_config(folders, _reader(files), cwd) == Path("/r/a/pyproject.toml")
    # A pyproject.toml that only mentions flowlint, or has no [tool] table, does not count.
    files["/r/a/pyproject.toml"] = "[project]\nname = 'flowlint-specs'\n"
    files["/r/a/b/pyproject.toml"] = "[tool.black]\nline-length = 99 # flowlint\n"
    assert search_config(folders, _reader(files), cwd) == Path("/r/flowlint.toml")
    files["/r/a/pyproject.toml"] = "tool = 'flowlint'\n"
    assert search_config(folders, _reader(files), cwd) == Path("/r/flowlint.toml")
    assert search_config(folders[:2], _reader(files), cwd) is None
    assert search_config([], _reader(files), cwd) is None


def test_a_broken_pyproject_is_an_error_only_when_it_mentions_flowlint() -> None:
    folders = [Path("/r")]
    broken = {"/r/pyproject.toml": "[project\nname = 'x'\n"}
    assert search_config(folders, _reader(broken), Path("/r")) is None
    mentions = {"/r/pyproject.toml": "[tool.flowlint\nignore = []\n"}
    with pytest.raises(ConfigError, match=r"^pyproject\.toml: invalid TOML: "):
        search_config(folders, _reader(mentions), Path("/r"))
    with pytest.raises(ConfigError, match=r"^\.\./pyproject\.toml: invalid TOML: "):
        search_config(folders, _reader(mentions), Path("/r/specs"))


def test_the_search_looks_up_to_the_repository_root(tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    deep = repo / "a" / "b"
    deep.mkdir(parents=True)
    (repo / ".git").mkdir()
    (tmp_path / "flowlint.toml").write_text("", encoding="utf-8")
    assert find_config_root(deep) == repo
    assert find_config_root(tmp_path) == tmp_path
    assert find_config_file(deep) is None
    (repo / "flowlint.toml").write_text("", encoding="utf-8")
    (repo / "a" / "pyproject.toml").write_text("[project]\n", encoding="utf-8")
    assert find_config_file(deep) == repo / "flowlint.toml"
    (repo / "a" / "pyproject.toml").write_text("[tool.flowlint]\n", encoding="utf-8")
    assert find_config_file(deep) == repo / "a" / "pyproject.toml"
    # A folder named like the file is not one; a flowlint.toml that is not UTF-8 still counts
    # (reading it then says what is wrong), a pyproject.toml that is not does not.
    (deep / "pyproject.toml").write_bytes(b"[tool.flowlint]\n\xff\n")
    assert find_config_file(deep) == repo / "a" / "pyproject.toml"
    (deep / "flowlint.toml").mkdir()
    assert find_config_file(deep) == repo / "a" / "pyproject.toml"
    (repo / "a" / "flowlint.toml").write_bytes(b"\xff")
    assert find_config_file(deep) == repo / "a" / "flowlint.toml"


def test_reading_a_file_that_cannot_be_used_is_one_line(tmp_path: Path) -> None:
    def message(path: Path, **kwargs: bool) -> str:
        with pytest.raises(ConfigError) as caught:
            read_config_file(path, RULES, tmp_path, **kwargs)
        return str(caught.value)

    assert message(tmp_path / "none.toml") == "none.toml: no such file"
    (tmp_path / "folder.toml").mkdir()
    assert message(tmp_path / "folder.toml") == (
        "folder.toml: is a directory, not a configuration file"
    )
    (tmp_path / "latin.toml").write_bytes(b"ignore = ['\xe9']\n")
    assert message(tmp_path / "latin.toml") == "latin.toml: is not UTF-8 text"
    pyproject = tmp_path / "sub" / "pyproject.toml"
    pyproject.parent.mkdir()
    pyproject.write_text("[project]\nname = 'x'\n", encoding="utf-8")
    assert read_config_file(pyproject, RULES, tmp_path) is None
    assert message(pyproject, explicit=True) == "sub/pyproject.toml: has no [tool.flowlint] table"
    pyproject.write_text("tool = 3\n", encoding="utf-8")
    assert message(pyproject, explicit=True) == "sub/pyproject.toml: has no [tool.flowlint] table"
    pyproject.write_text("[tool.flowlint]\nselect = ['FL1']\n", encoding="utf-8")
    assert read_config_file(pyproject, RULES, tmp_path) == Config(
        "sub/pyproject.toml", str(tmp_path / "sub"), "[tool.flowlint]", {"select": ("FL1",)}
    )


def test_config_from_text_reads_a_pyproject_table_or_a_whole_flowlint_toml() -> None:
    cwd = Path("/r/specs")
    config = config_from_text("fail-on = 'info'\n", Path("../flowlint.toml"), RULES, cwd)
    assert config == Config("../flowlint.toml", "/r", "", {"fail-on": "info"})
    shown = config_from_text(
        "[tool.flowlint]\nfail-on = 'never'\n", Path("pyproject.toml"), RULES, cwd, shown="HEAD"
    )
    assert shown == Config("HEAD", "/r/specs", "[tool.flowlint]", {"fail-on": "never"})
    with pytest.raises(ConfigError) as caught:
        config_from_text("[tool.flowlint]\nselect = ['XY']\n", Path("pyproject.toml"), RULES, cwd)
    assert str(caught.value).startswith("pyproject.toml: [tool.flowlint] 'select': unknown rule")
    kept = config_from_text(
        "[tool.flowlint]\nselect = ['XY']\n",
        Path("pyproject.toml"),
        RULES,
        cwd,
        unresolved=True,
    )
    assert kept is not None and kept.values == {"select": ("XY",)}
    kept = config_from_text("select = ['XY']\n", Path("flowlint.toml"), RULES, cwd, unresolved=True)
    assert kept is not None and kept.values == {"select": ("XY",)}


def test_display_path_is_relative_to_the_current_folder() -> None:
    assert display_path(Path("/r/flowlint.toml"), Path("/r/a/b")) == "../../flowlint.toml"
    assert display_path(Path("flowlint.toml"), Path("/r")) == "flowlint.toml"
    assert display_path(Path("x/../y.toml"), Path("/r")) == "y.toml"


# --- checking a table ------------------------------------------------------------------------


def test_a_table_that_is_not_a_table() -> None:
    assert _error([]) == "flowlint.toml: the configuration must be a table"
    assert _error("x", "[tool.flowlint]") == "flowlint.toml: [tool.flowlint] must be a table"


def test_the_first_unknown_key_is_named_with_the_closest_known_one() -> None:
    assert _error({"select": [], "igonre": [], "selct": []}) == (
        "flowlint.toml: unknown key 'igonre' (did you mean 'ignore'?)"
    )
    assert _error({"colour": 1}, "[tool.flowlint]") == (
        "flowlint.toml: [tool.flowlint] unknown key 'colour' (known keys: " + ", ".join(KEYS) + ")"
    )


@pytest.mark.parametrize(
    ("table", "message"),
    [
        (
            {"fail-on": "errors"},
            "'fail-on': 'errors' is not one of error, warning, info, never (did you mean 'error'?)",
        ),
        ({"fail-on": 3}, "'fail-on': the number 3 is not one of error, warning, info, never"),
        (
            {"fail-on": True},
            "'fail-on': the boolean true is not one of error, warning, info, never",
        ),
        (
            {"severity": {"FL101": "bad"}},
            "'severity.FL101': 'bad' is not one of error, warning, info",
        ),
        ({"severity": "FL101"}, "'severity': expected a table, not the text 'FL101'"),
        (
            {"select": "FL1"},
            """'select': expected a list, not the text 'FL1' (e.g. ["FL1", "single-owner"])""",
        ),
        (
            {"ignore": {"a": 1}},
            """'ignore': expected a list, not a table (e.g. ["FL1", "single-owner"])""",
        ),
        (
            {"per-path-ignores": []},
            """'per-path-ignores': expected a table, not a list (e.g. ["FL1", "single-owner"])""",
        ),
        (
            {"per-path-ignores": {"x/*": "FL1"}},
            """'per-path-ignores."x/*"': expected a list, not the text 'FL1' (e.g. ["FL1", "single-owner"])""",
        ),
        ({"specs": "specs"}, """'specs': expected a list, not the text 'specs' (e.g. ["specs"])"""),
        (
            {"rules-dir": 1.5},
            """'rules-dir': expected a list, not the number 1.5 (e.g. ["rules"])""",
        ),
        (
            {"rules-dir": ["rules", False]},
            "'rules-dir': every item must be text, not the boolean false",
        ),
        ({"extend-select": [["FL1"]]}, "'extend-select': every item must be text, not a list"),
        ({"max-file-size": "big"}, "'max-file-size': expected a number, not the text 'big'"),
        ({"max-file-size": -1}, "'max-file-size': -1 is less than the minimum of 0"),
        ({"baseline": ""}, "'baseline': must not be empty"),
        ({"baseline": ["a"]}, "'baseline': expected text, not a list"),
        ({"select": [""]}, "'select': must not be empty"),
        (
            {"rule-options": {"FL101": 3}},
            "'rule-options.FL101': expected a table, not the number 3",
        ),
        (
            {"rule-options": {"FL101": {}}, "severity": {"FL1": 1}},
            "'severity.FL1': the number 1 is not one of error, warning, info",
        ),
    ],
)
def test_a_schema_error_is_one_line_naming_the_key(table: dict, message: str) -> None:
    assert _error(table) == f"flowlint.toml: {message}"


def test_of_several_schema_errors_the_first_key_written_is_named() -> None:
    assert _error({"specs": "a", "fail-on": 1}) == (
        """flowlint.toml: 'specs': expected a list, not the text 'a' (e.g. ["specs"])"""
    )
    assert _error({"fail-on": 1, "specs": "a"}) == (
        "flowlint.toml: 'fail-on': the number 1 is not one of error, warning, info, never"
    )
    # Within one key, the shallowest error first.
    assert _error({"specs": [1, 2]}) == (
        "flowlint.toml: 'specs': every item must be text, not the number 1"
    )


def test_a_long_schema_message_is_cut() -> None:
    message = _error({"rule-options": {"FL101": {}}, "max-file-size": -(10**200)})
    assert message.startswith("flowlint.toml: 'max-file-size': -1000")
    assert message.endswith("…")
    assert len(message) == len("flowlint.toml: 'max-file-size': ") + 160


def test_a_valid_table_is_normalised() -> None:
    config = parse_config(
        {
            "max-file-size": 2.5,
            "specs": ["a", "b"],
            "rules-dir": ["rules"],
            "select": ["FL1", "single-owner"],
            "extend-select": ["ALL"],
            "ignore": ["fl105"],
            "severity": {"single-owner": "info", "fl301": "error", "FL102": "warning"},
            "per-path-ignores": {"legacy/*": ["FL1"], "old.yaml": ["lost-edit"]},
            "fail-on": "never",
            "baseline": "known.json",
        },
        "f.toml",
        "/p",
        RULES,
        "[tool.flowlint]",
    )
    assert config == Config(
        "f.toml",
        "/p",
        "[tool.flowlint]",
        {
            "max-file-size": 2.5,
            "specs": ("a", "b"),
            "rules-dir": ("rules",),
            "select": ("FL1", "single-owner"),
            "extend-select": ("ALL",),
            "ignore": ("fl105",),
            "severity": {"FL101": "info", "FL301": "error", "FL102": "warning"},
            "per-path-ignores": {"legacy/*": ("FL1",), "old.yaml": ("lost-edit",)},
            "fail-on": "never",
            "baseline": "known.json",
        },
    )
    # In the order of KEYS, whatever order the file has.
    assert list(config.values) == [k for k in KEYS if k in config.values]


def test_unknown_rules_are_errors_unless_unresolved() -> None:
    assert _error({"select": ["FL1", "XY1"]}) == (
        "flowlint.toml: 'select': unknown rule 'XY1' (expected a rule code (FL101), name "
        "(single-owner), code prefix (FL1) or ALL)"
    )
    assert _error({"severity": {"single-ownr": "info"}}) == (
        "flowlint.toml: 'severity.single-ownr': unknown rule 'single-ownr' "
        "(did you mean 'single-owner'?)"
    )
    assert _error({"per-path-ignores": {"a": ["FL101"], "b/*": ["FL7"]}}) == (
        """flowlint.toml: 'per-path-ignores."b/*"': unknown rule 'FL7' (expected a rule code """
        "(FL101), name (single-owner), code prefix (FL1) or ALL)"
    )
    kept = parse_config(
        {"select": ["XY1"], "severity": {"my-rule": "info", "fl101": "warning"}},
        "f",
        "/p",
        RULES,
        unresolved=True,
    )
    assert kept.values == {"select": ("XY1",), "severity": {"my-rule": "info", "FL101": "warning"}}


# --- rule options ------------------------------------------------------------------------------

OPTIONS_SCHEMA = {
    "type": "object",
    "properties": {"limit": {"type": "integer", "default": 3}, "mode": {"enum": ["a", "b"]}},
    "additionalProperties": False,
}
WITH_OPTIONS = (
    dataclasses.replace(RULES[0], origin="flowlint"),
    dataclasses.replace(
        RULES[5], code="XY901", name="my-rule", origin="rules-dir r", options_schema=OPTIONS_SCHEMA
    ),
)


def test_rule_options_are_kept_by_code_after_their_schema_accepts_them() -> None:
    assert rule_options({"my-rule": {"limit": 4}}, "f: ", WITH_OPTIONS) == {"XY901": {"limit": 4}}
    assert rule_options({"xy901": {"mode": "a"}}, "f: ", WITH_OPTIONS) == {"XY901": {"mode": "a"}}
    assert rule_options({}, "f: ", WITH_OPTIONS) == {}


@pytest.mark.parametrize(
    ("table", "message"),
    [
        (
            {"XY902": {}},
            "f: 'rule-options.XY902': unknown rule 'XY902' (did you mean 'XY901'?)",
        ),
        (
            {"FL001": {"limit": 1}},
            "f: 'rule-options.FL001': rule FL001 yaml-syntax from flowlint takes no options",
        ),
        (
            {"XY901": {"limit": "many"}},
            "f: 'rule-options.XY901.limit': 'many' is not of type 'integer' "
            "(rule XY901 my-rule from rules-dir r)",
        ),
        (
            {"my-rule": {"colour": 1}},
            "f: 'rule-options.my-rule.colour': unknown option (known: limit, mode) "
            "(rule XY901 my-rule from rules-dir r)",
        ),
    ],
)
def test_rule_options_errors_name_the_rule_and_the_option(table: dict, message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        rule_options(table, "f: ", WITH_OPTIONS)
    assert str(caught.value) == message


def test_rule_options_through_parse_config() -> None:
    config = parse_config({"rule-options": {"my-rule": {"limit": 1}}}, "f", "/p", WITH_OPTIONS)
    assert config.values == {"rule-options": {"XY901": {"limit": 1}}}
    kept = parse_config(
        {"rule-options": {"other-rule": {"x": 1}, "my-rule": {"mode": "b"}}},
        "f",
        "/p",
        WITH_OPTIONS,
        unresolved=True,
    )
    assert kept.values == {"rule-options": {"other-rule": {"x": 1}, "XY901": {"mode": "b"}}}


# --- resolving ---------------------------------------------------------------------------------


def test_resolve_without_a_file_gives_every_default() -> None:
    settings = resolve(None, Overrides(), "/here")
    assert settings == Settings(
        origins=dict.fromkeys(KEYS, "default"), root="/here", config_file=None
    )
    assert settings.max_file_size == DEFAULT_MAX_FILE_SIZE == 16
    assert settings.specs == ("specs",)
    assert [settings.value(key) for key in ("fail-on", "max-file-size", "rules-dir")] == [
        "error",
        16,
        (),
    ]


def test_the_command_line_alone() -> None:
    overrides = Overrides(
        specs=("a.yaml",),
        select=("FL1",),
        extend_select=("FL3", "FL3"),
        ignore=("FL105",),
        fail_on="warning",
        baseline="base.json",
        rules_dir=("r", "r", "s"),
        max_file_size=0,
    )
    settings = resolve(None, overrides, "/here")
    assert (
        settings.specs,
        settings.select,
        settings.extend_select,
        settings.ignore,
        settings.fail_on,
        settings.baseline,
        settings.rules_dir,
        settings.max_file_size,
    ) == (("a.yaml",), ("FL1",), ("FL3",), ("FL105",), "warning", "base.json", ("r", "s"), 0)
    assert settings.origins == {
        "specs": "command line",
        "select": "command line",
        "extend-select": "command line",
        "ignore": "command line",
        "severity": "default",
        "per-path-ignores": "default",
        "fail-on": "command line",
        "baseline": "command line",
        "rules-dir": "command line",
        "rule-options": "default",
        "max-file-size": "command line",
    }


def test_the_file_alone_with_its_paths_relative_to_its_folder() -> None:
    config = Config(
        "../flowlint.toml",
        "/repo",
        "",
        {
            "specs": ("model", "/abs/specs"),
            "extend-select": ("FL3",),
            "ignore": ("FL105",),
            "severity": {"FL101": "info"},
            "per-path-ignores": {"x/*": ("FL1",)},
            "fail-on": "info",
            "baseline": "ci/../known.json",
            "rules-dir": ("rules", "rules"),
            "rule-options": {"XY901": {"limit": 1}},
            "max-file-size": 1,
        },
    )
    settings = resolve(config, Overrides(), "/repo/sub")
    assert settings == Settings(
        specs=("../model", "../../abs/specs"),
        select=None,
        extend_select=("FL3",),
        ignore=("FL105",),
        severity={"FL101": "info"},
        per_path_ignores={"x/*": ("FL1",)},
        fail_on="info",
        baseline="../known.json",
        rules_dir=("../rules",),
        rule_options={"XY901": {"limit": 1}},
        max_file_size=1,
        origins={key: "default" if key == "select" else "../flowlint.toml" for key in KEYS},
        config_file="../flowlint.toml",
        root="/repo",
    )
    # The settings own their tables: changing one does not change the file's.
    assert settings.severity is not config.values["severity"]


def test_the_command_line_over_the_file() -> None:
    config = Config(
        "flowlint.toml",
        "/repo",
        "",
        {
            "specs": ("model",),
            "select": ("FL1",),
            "extend-select": ("FL3", "FL4"),
            "ignore": ("FL105",),
            "fail-on": "info",
            "baseline": "known.json",
            "rules-dir": ("rules",),
            "max-file-size": 1,
        },
    )
    overrides = Overrides(
        specs=("other",),
        select=("FL2",),
        extend_select=("FL4", "FL5"),
        ignore=("FL105", "FL104"),
        fail_on="never",
        baseline="mine.json",
        rules_dir=("more", "rules"),
        max_file_size=3,
    )
    settings = resolve(config, overrides, "/repo")
    assert (settings.specs, settings.select, settings.fail_on, settings.baseline) == (
        ("other",),
        ("FL2",),
        "never",
        "mine.json",
    )
    assert settings.extend_select == ("FL3", "FL4", "FL5")
    assert settings.ignore == ("FL105", "FL104")
    assert settings.rules_dir == ("rules", "more")
    assert settings.max_file_size == 3
    assert settings.origins == {
        "specs": "command line",
        "select": "command line",
        "extend-select": "flowlint.toml + command line",
        "ignore": "flowlint.toml + command line",
        "severity": "default",
        "per-path-ignores": "default",
        "fail-on": "command line",
        "baseline": "command line",
        "rules-dir": "flowlint.toml + command line",
        "rule-options": "default",
        "max-file-size": "command line",
    }


def test_a_file_that_sets_nothing_still_roots_the_globs() -> None:
    settings = resolve(Config("flowlint.toml", "/repo"), Overrides(), "/repo/a")
    assert settings.origins == dict.fromkeys(KEYS, "default")
    assert (settings.root, settings.config_file, settings.specs) == (
        "/repo",
        "flowlint.toml",
        ("specs",),
    )


# --- per-path-ignores -------------------------------------------------------------------------


def _ignored(globs: dict[str, tuple[str, ...]], files: list[str], cwd: str = "/repo") -> dict:
    settings = Settings(per_path_ignores=globs, root="/repo")
    return ignored_codes(settings, files, RULES, cwd)


def test_ignored_codes_per_file_from_every_matching_glob() -> None:
    globs = {"legacy/*.yaml": ("FL1",), "*.yaml": ("FL301", "lost-edit"), "x/": ("FL2",)}
    found = _ignored(globs, ["legacy/a.yaml", "b.yaml", "legacy/c.yml", "x/d.yml"])
    assert found == {
        "legacy/a.yaml": FL1 | {"FL301"},
        "b.yaml": frozenset({"FL301", "FL103"}),
        "x/d.yml": frozenset(r.code for r in RULES if r.code.startswith("FL2")),
    }
    # Files are named as the current folder sees them; globs are relative to the root.
    assert _ignored(globs, ["a.yaml", "../top.yml"], cwd="/repo/legacy") == {
        "a.yaml": FL1 | {"FL301"}
    }
    assert _ignored({}, ["a.yaml"]) == {}
    assert _ignored({"*.yaml": ("FL999",)}, ["a.yaml"]) == {}


@pytest.mark.parametrize(
    ("glob", "path", "matched"),
    [
        ("a.yaml", "a.yaml", True),
        ("a.yaml", "a_yaml", False),
        ("a.yaml", "xa.yaml", False),
        ("a.yaml", "a.yaml.bak", False),
        ("*.yaml", "deep/er/a.yaml", True),
        ("a?.yaml", "ab.yaml", True),
        ("a?.yaml", "a.yaml", False),
        ("specs/*", "specs/a/b.yaml", True),
        ("specs/*.yaml", "specs/a/b.yaml", False),
        ("/specs/*.yaml", "specs/b.yaml", True),
        ("specs/", "specs/b.yaml", True),
        ("specs", "other/specs/b.yaml", False),
        ("spec", "specs/b.yaml", False),
        ("s/**", "s/a/b/c.yaml", True),
        ("s/**/c.yaml", "s/c.yaml", True),
        ("s/**/c.yaml", "s/a/b/c.yaml", True),
        ("s/**/c.yaml", "t/c.yaml", False),
        ("s/**c.yaml", "s/a/xc.yaml", True),
        ("s/*/c.yaml", "s/a/b/c.yaml", False),
        ("v[0-9].yaml", "v7.yaml", True),
        ("v[0-9].yaml", "vx.yaml", False),
        ("v[!0-9].yaml", "vx.yaml", True),
        ("v[!0-9].yaml", "v7.yaml", False),
        ("v[ab].yaml", "vb.yaml", True),
        ("v[ab].yaml", "v-.yaml", False),
        ("v[.].yaml", "v..yaml", True),
        ("v[.].yaml", "vx.yaml", False),
        ("v[].yaml", "v[].yaml", True),
        ("v[x", "v[x", True),
        ("v[x", "vx", False),
        ("v[]x].yaml", "v].yaml", True),
        ("s/**x.yaml", "s/a.yaml", False),
        ("*x.yaml", "a.yaml", False),
        ("v[ab]-[cd].yaml", "va-c.yaml", True),
        ("v[!0-9].yaml", "v!.yaml", True),
        ("v[ab].yaml", "vX.yaml", False),
        ("XML/*.yaml", "XML/a.yaml", True),
    ],
)
def test_glob(glob: str, path: str, matched: bool) -> None:
    found = _ignored({glob: ("FL101",)}, [path])
    assert found == ({path: frozenset({"FL101"})} if matched else {})


def test_the_schema_is_read_once() -> None:
    assert config_schema() is config_schema()
    assert config_schema()["additionalProperties"] is False
    assert list(config_schema()["properties"]) == list(KEYS)


def test_paths_are_posix_relative_to_the_current_folder() -> None:
    config = Config("f", "/a/b", "", {"specs": ("./x/../y",), "baseline": "../base.json"})
    settings = resolve(config, Overrides(), "/a/b/c")
    assert settings.specs == ("../y",)
    assert settings.baseline == "../../base.json"
    config = Config("f", "rel", "", {"specs": ("./x/../y",)})
    assert resolve(config, Overrides(), "/a").specs == (os.path.normpath("rel/y"),)


def test_every_type_the_schema_names_has_a_word() -> None:
    from flowlint.config import _TYPE_WORDS

    def types(node: object) -> set[str]:
        if isinstance(node, dict):
            found = {node["type"]} if isinstance(node.get("type"), str) else set()
            return found.union(*(types(value) for value in node.values()))
        if isinstance(node, list):
            return set().union(*(types(value) for value in node))
        return set()

    assert types(config_schema()) == {"array", "number", "object", "string"} == set(_TYPE_WORDS)


def test_a_value_toml_has_and_json_does_not_is_named_by_its_type() -> None:
    import datetime

    assert _error({"baseline": datetime.date(2024, 5, 1)}) == (
        "flowlint.toml: 'baseline': expected text, not date"
    )


def test_a_rule_that_must_be_one_rule_cannot_be_a_prefix() -> None:
    assert _error({"severity": {"FL1": "info"}}) == (
        "flowlint.toml: 'severity.FL1': unknown rule 'FL1': it is the start of several rules "
        "(FL101, FL102, FL103, FL104, FL105, FL106, ...); name one of them"
    )
    assert _error({"severity": {"ALL": "info"}}) == (
        "flowlint.toml: 'severity.ALL': unknown rule 'ALL' (expected a rule code (FL101) or name "
        "(single-owner))"
    )
    with pytest.raises(ConfigError) as caught:
        rule_options({"FL90": {}}, "f: ", RULES)
    assert str(caught.value) == (
        "f: 'rule-options.FL90': unknown rule 'FL90': it is the start of several rules (FL901, "
        "FL902, FL903, FL904, FL905); name one of them"
    )
    with pytest.raises(ConfigError) as caught:
        parse_config({"rule-options": {"FL001": {"a": 1}}}, "f.toml", "/p", RULES)
    assert str(caught.value) == (
        "f.toml: 'rule-options.FL001': rule FL001 yaml-syntax from flowlint takes no options"
    )


def test_unknown_rules_are_errors_by_default(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"^f: 'select': unknown rule 'XY1'"):
        parse_config({"select": ["XY1"]}, "f", "/p", RULES)
    path = tmp_path / "flowlint.toml"
    path.write_text("select = ['XY1']\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"^flowlint\.toml: 'select': unknown rule 'XY1'"):
        read_config_file(path, RULES, tmp_path)
    kept = read_config_file(path, RULES, tmp_path, unresolved=True)
    assert kept == Config("flowlint.toml", str(tmp_path), "", {"select": ("XY1",)})


def test_a_path_through_a_file_cannot_be_read(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        read_config_file(tmp_path / "file" / "flowlint.toml", RULES, tmp_path)
    assert str(caught.value) == "file/flowlint.toml: cannot read: Not a directory"


def test_config_from_text_without_a_table_or_with_broken_toml() -> None:
    cwd = Path("/r")
    assert config_from_text("[project]\n", Path("pyproject.toml"), RULES, cwd) is None
    with pytest.raises(ConfigError, match=r"^HEAD:flowlint\.toml: invalid TOML: "):
        config_from_text("a = [", Path("flowlint.toml"), RULES, cwd, shown="HEAD:flowlint.toml")


def test_on_another_drive_the_path_is_shown_whole(monkeypatch: pytest.MonkeyPatch) -> None:
    def other_drive(path: str, start: str) -> str:
        raise ValueError("path is on mount 'D:', start on mount 'C:'")

    monkeypatch.setattr(os.path, "relpath", other_drive)
    assert display_path(Path("/r/flowlint.toml"), Path("/q")) == "/r/flowlint.toml"
