"""Configuration: where it is found, how it is checked, how it combines with the command line,
what it does to a check, and `flowlint config`."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from flowlint.cli import app
from flowlint.config import (
    ConfigError,
    Overrides,
    find_config_file,
    ignored_codes,
    parse_config,
    resolve,
)
from flowlint.rules import BUILTIN_RULES
from tests.shared import CLEAN, MIXED

runner = CliRunner()


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository with specs/mixed.yaml, as the current directory."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "specs").mkdir()
    (tmp_path / "specs" / "mixed.yaml").write_text(MIXED, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def invoke(*args: str):
    return runner.invoke(app, list(args))


def codes_of(result) -> list[str]:
    return [f["code"] for f in json.loads(result.stdout)["findings"]]


# --- finding the file ---------------------------------------------------------------------------


def test_flowlint_toml_wins_over_pyproject_in_the_same_directory(project: Path) -> None:
    write(project / "pyproject.toml", "[tool.flowlint]\nignore = ['FL105']\n")
    write(project / "flowlint.toml", "ignore = ['FL301']\n")
    assert find_config_file(project) == project / "flowlint.toml"


def test_a_pyproject_without_the_table_does_not_count(project: Path) -> None:
    write(project / "pyproject.toml", "[tool.flowlint]\nignore = ['FL105']\n")
    write(project / "sub" / "pyproject.toml", "[project]\nname = 'flowlint-specs'\n")
    assert find_config_file(project / "sub") == project / "pyproject.toml"


def test_the_search_stops_at_the_repository_root(tmp_path: Path) -> None:
    write(tmp_path / "flowlint.toml", "ignore = ['FL105']\n")
    (tmp_path / "repo" / ".git").mkdir(parents=True)
    (tmp_path / "repo" / "specs").mkdir()
    assert find_config_file(tmp_path / "repo" / "specs") is None
    assert find_config_file(tmp_path) == tmp_path / "flowlint.toml"


def test_outside_a_repository_only_the_current_directory_counts(tmp_path: Path) -> None:
    write(tmp_path / "flowlint.toml", "ignore = ['FL105']\n")
    (tmp_path / "specs").mkdir()
    assert find_config_file(tmp_path / "specs") is None


def test_an_unrelated_broken_pyproject_is_not_read(project: Path) -> None:
    write(project / "pyproject.toml", "[project\nname = 'x'\n")
    assert find_config_file(project) is None
    assert invoke("check", "-q", "--format", "json").exit_code == 1


# --- checking the file: one line naming the file and the key, exit 2 ----------------------------


@pytest.mark.parametrize(
    ("table", "message"),
    [
        (
            "selct = ['FL1']",
            "pyproject.toml: [tool.flowlint] unknown key 'selct' (did you mean 'select'?)",
        ),
        (
            "colour = true",
            "pyproject.toml: [tool.flowlint] unknown key 'colour' (known keys: specs, select, "
            "extend-select, ignore, severity, per-path-ignores, fail-on, baseline, rules-dir, "
            "rule-options, max-file-size)",
        ),
        (
            "select = ['FL1', 'XY12']",
            "pyproject.toml: [tool.flowlint] 'select': unknown rule 'XY12' (expected a rule code "
            "(FL101), name (single-owner), code prefix (FL1) or ALL)",
        ),
        (
            "ignore = ['single-ower']",
            "pyproject.toml: [tool.flowlint] 'ignore': unknown rule 'single-ower' "
            "(did you mean 'single-owner'?)",
        ),
        (
            "extend-select = 'FL305'",
            "pyproject.toml: [tool.flowlint] 'extend-select': expected a list, not the text "
            """'FL305' (e.g. ["FL1", "single-owner"])""",
        ),
        (
            "severity = {FL101 = 'fatal'}",
            "pyproject.toml: [tool.flowlint] 'severity.FL101': 'fatal' is not one of error, "
            "warning, info",
        ),
        (
            "severity = {FL1 = 'info'}",
            "pyproject.toml: [tool.flowlint] 'severity.FL1': unknown rule 'FL1': it is the start "
            "of several rules (FL101, FL102, FL103, FL104, FL105, FL106, ...); name one of them",
        ),
        (
            "per-path-ignores = {'legacy/*.yaml' = ['FL1', 'FL77']}",
            """pyproject.toml: [tool.flowlint] 'per-path-ignores."legacy/*.yaml"': unknown """
            "rule 'FL77' (expected a rule code (FL101), name (single-owner), code prefix (FL1) "
            "or ALL)",
        ),
        (
            "per-path-ignores = {'legacy/*.yaml' = 'FL1'}",
            """pyproject.toml: [tool.flowlint] 'per-path-ignores."legacy/*.yaml"': expected """
            """a list, not the text 'FL1' (e.g. ["FL1", "single-owner"])""",
        ),
        (
            "fail-on = 'errors'",
            "pyproject.toml: [tool.flowlint] 'fail-on': 'errors' is not one of error, warning, "
            "info, never (did you mean 'error'?)",
        ),
        (
            "specs = 'specs'",
            """pyproject.toml: [tool.flowlint] 'specs': expected a list, not the text 'specs' """
            """(e.g. ["specs"])""",
        ),
        (
            "specs = ['specs', 3]",
            "pyproject.toml: [tool.flowlint] 'specs': every item must be text, not the number 3",
        ),
        ("baseline = ''", "pyproject.toml: [tool.flowlint] 'baseline': must not be empty"),
    ],
)
def test_a_bad_pyproject_table_is_one_line_and_exit_2(
    project: Path, table: str, message: str
) -> None:
    write(project / "pyproject.toml", f"[project]\nname = 'specs'\n\n[tool.flowlint]\n{table}\n")
    result = invoke("check")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"flowlint: error: {message}\n"


def test_a_bad_flowlint_toml_names_the_key_without_a_table(project: Path) -> None:
    write(project / "flowlint.toml", "fail-on = 'sometimes'\n")
    result = invoke("check")
    assert result.exit_code == 2
    assert result.stderr == (
        "flowlint: error: flowlint.toml: 'fail-on': 'sometimes' is not one of error, warning, "
        "info, never\n"
    )


def test_invalid_toml_is_one_line(project: Path) -> None:
    write(project / "flowlint.toml", "ignore = ['FL105'\n")
    result = invoke("check")
    assert result.exit_code == 2
    assert result.stderr.startswith("flowlint: error: flowlint.toml: invalid TOML: ")
    assert result.stderr.count("\n") == 1


def test_a_bad_file_in_a_parent_directory_is_named_relative_to_here(project: Path, monkeypatch):
    write(project / "flowlint.toml", "selct = []\n")
    monkeypatch.chdir(project / "specs")
    result = invoke("check")
    assert result.stderr == (
        "flowlint: error: ../flowlint.toml: unknown key 'selct' (did you mean 'select'?)\n"
    )


def test_config_option_errors(project: Path) -> None:
    result = invoke("check", "--config", "missing.toml")
    assert (result.exit_code, result.stderr) == (
        2,
        "flowlint: error: missing.toml: no such file\n",
    )
    write(project / "pyproject.toml", "[project]\nname = 'specs'\n")
    result = invoke("check", "--config", "pyproject.toml")
    assert (result.exit_code, result.stderr) == (
        2,
        "flowlint: error: pyproject.toml: has no [tool.flowlint] table\n",
    )
    result = invoke("check", "--config", "pyproject.toml", "--isolated")
    assert (result.exit_code, result.stderr) == (
        2,
        "flowlint: error: --config and --isolated do not combine: --isolated reads no "
        "configuration file\n",
    )


def test_parse_config_normalises_names_to_codes() -> None:
    config = parse_config(
        {"severity": {"single-owner": "warning", "fl301": "error"}, "select": ["FL1"]},
        "flowlint.toml",
        "/project",
        BUILTIN_RULES,
    )
    assert config.values == {"select": ("FL1",), "severity": {"FL101": "warning", "FL301": "error"}}
    with pytest.raises(ConfigError):
        parse_config([], "flowlint.toml", "/project", BUILTIN_RULES)


# --- resolving: command line over file over defaults -----------------------------------------


def test_resolve_combines_file_and_command_line_and_says_where_each_came_from() -> None:
    config = parse_config(
        {
            "specs": ["model"],
            "select": ["FL1"],
            "extend-select": ["FL305"],
            "ignore": ["FL105"],
            "fail-on": "warning",
            "baseline": "ci/known.json",
        },
        "../flowlint.toml",
        "/repo",
        BUILTIN_RULES,
    )
    settings = resolve(
        config,
        Overrides(select=("FL3",), ignore=("FL104",), fail_on=None, extend_select=()),
        "/repo/sub",
    )
    assert settings.specs == ("../model",)
    assert settings.select == ("FL3",)
    assert settings.extend_select == ("FL305",)
    assert settings.ignore == ("FL105", "FL104")
    assert settings.fail_on == "warning"
    assert settings.baseline == "../ci/known.json"
    assert settings.root == "/repo"
    assert settings.origins == {
        "specs": "../flowlint.toml",
        "select": "command line",
        "extend-select": "../flowlint.toml",
        "ignore": "../flowlint.toml + command line",
        "severity": "default",
        "per-path-ignores": "default",
        "fail-on": "../flowlint.toml",
        "baseline": "../flowlint.toml",
        "rules-dir": "default",
        "rule-options": "default",
        "max-file-size": "default",
    }


def test_resolve_without_a_file_gives_the_defaults() -> None:
    settings = resolve(None, Overrides(), "/repo")
    assert (settings.specs, settings.select, settings.fail_on, settings.baseline) == (
        ("specs",),
        None,
        "error",
        None,
    )
    assert set(settings.origins.values()) == {"default"}


@pytest.mark.parametrize(
    ("glob", "path", "matched"),
    [
        ("specs/legacy/*.yaml", "specs/legacy/old.yaml", True),
        ("specs/legacy/*.yaml", "specs/legacy/deeper/old.yaml", False),
        ("specs/**/*.yaml", "specs/legacy/deeper/old.yaml", True),
        ("specs/**/*.yaml", "specs/top.yaml", True),
        ("specs/legacy", "specs/legacy/deeper/old.yaml", True),
        ("old.yaml", "specs/legacy/old.yaml", True),
        ("*.yml", "specs/legacy/old.yaml", False),
        ("specs/legacy-[0-9].yaml", "specs/legacy-2.yaml", True),
        ("specs/legacy?.yaml", "specs/legacy/.yaml", False),
    ],
)
def test_per_path_ignore_globs(glob: str, path: str, matched: bool) -> None:
    config = parse_config({"per-path-ignores": {glob: ["FL1"]}}, "f", "/repo", BUILTIN_RULES)
    settings = resolve(config, Overrides(), "/repo")
    ignored = ignored_codes(settings, [path], BUILTIN_RULES, "/repo")
    expected = {r.code for r in BUILTIN_RULES if r.code.startswith("FL1")}
    assert ignored == ({path: frozenset(expected)} if matched else {})


# --- what the configuration does to a check ------------------------------------------------------


def test_without_configuration_the_defaults_apply(project: Path) -> None:
    result = invoke("check", "--format", "json")
    assert (result.exit_code, codes_of(result)) == (1, ["FL101", "FL105", "FL301"])


def test_specs_names_what_to_check_relative_to_the_file(project: Path, monkeypatch) -> None:
    (project / "specs").rename(project / "model")
    write(project / "pyproject.toml", "[tool.flowlint]\nspecs = ['model/mixed.yaml']\n")
    monkeypatch.chdir(project / "model")
    result = invoke("check", "--no-color", "-q")
    assert result.stdout.splitlines()[0].startswith("mixed.yaml:6:12: error FL101")


def test_select_ignore_and_severity_from_the_file(project: Path) -> None:
    write(
        project / "flowlint.toml",
        """\
        select = ["FL1", "api-undocumented"]
        ignore = ["unused-entity"]
        severity = {FL101 = "info", api-undocumented = "error"}
        """,
    )
    result = invoke("check", "--format", "json")
    findings = json.loads(result.stdout)["findings"]
    assert [(f["code"], f["severity"]) for f in findings] == [("FL101", "info"), ("FL301", "error")]
    assert result.exit_code == 1


def test_the_command_line_select_replaces_and_ignore_adds(project: Path) -> None:
    write(project / "flowlint.toml", "select = ['FL1']\nignore = ['FL105']\n")
    assert codes_of(invoke("check", "--format", "json", "--select", "FL3")) == ["FL301"]
    assert codes_of(invoke("check", "--format", "json", "--ignore", "FL101")) == []
    assert codes_of(invoke("check", "--format", "json", "--extend-select", "FL3")) == [
        "FL101",
        "FL301",
    ]


def test_fail_on_from_the_file_and_over_it(project: Path) -> None:
    write(project / "flowlint.toml", "ignore = ['FL101']\nfail-on = 'warning'\n")
    assert invoke("check", "-q").exit_code == 1
    assert invoke("check", "-q", "--fail-on", "error").exit_code == 0
    write(project / "flowlint.toml", "ignore = ['FL101']\nfail-on = 'never'\n")
    assert invoke("check", "-q").exit_code == 0


def test_per_path_ignores(project: Path) -> None:
    legacy = MIXED.replace("publish", "register").replace("find", "dqt").replace("course", "fee")
    legacy = legacy.replace("provider", "trainee")
    write(project / "specs" / "legacy" / "old.yaml", legacy)
    write(project / "flowlint.toml", "per-path-ignores = {'specs/legacy/**' = ['FL1']}\n")
    findings = json.loads(invoke("check", "--format", "json").stdout)["findings"]
    assert [(f["file"], f["code"]) for f in findings] == [
        ("specs/legacy/old.yaml", "FL301"),
        ("specs/mixed.yaml", "FL101"),
        ("specs/mixed.yaml", "FL105"),
        ("specs/mixed.yaml", "FL301"),
    ]


def test_isolated_ignores_the_file(project: Path) -> None:
    write(project / "flowlint.toml", "select = ['FL3']\n")
    assert codes_of(invoke("check", "--format", "json")) == ["FL301"]
    assert codes_of(invoke("check", "--format", "json", "--isolated")) == [
        "FL101",
        "FL105",
        "FL301",
    ]


def test_config_option_names_another_file(project: Path) -> None:
    write(project / "ci" / "strict.toml", "select = ['FL1']\nignore = ['FL105']\n")
    assert codes_of(invoke("check", "--format", "json", "--config", "ci/strict.toml")) == ["FL101"]


def test_a_clean_spec_with_no_configuration_is_calm(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "specs").mkdir()
    write(tmp_path / "specs" / "clean.yaml", CLEAN)
    monkeypatch.chdir(tmp_path)
    result = invoke("check")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "No findings in 1 file.\n", "")


# --- flowlint config --------------------------------------------------------------------------------


def test_config_command_shows_values_and_origins(project: Path) -> None:
    write(
        project / "pyproject.toml",
        """\
        [project]
        name = "teacher-specs"

        [tool.flowlint]
        ignore = ["FL105"]
        severity = {lost-edit = "error"}
        per-path-ignores = {"specs/legacy/**" = ["FL1"]}
        baseline = ".flowlint-baseline.json"
        """,
    )
    result = invoke("config", "--select", "FL1,FL3", "--ignore", "FL104", "--fail-on", "warning")
    assert result.exit_code == 0
    assert result.stdout == textwrap.dedent(
        """\
        # configuration file: pyproject.toml [tool.flowlint]
        specs = ["specs"]                                 # default
        select = ["FL1", "FL3"]                           # command line
        extend-select = []                                # default
        ignore = ["FL105", "FL104"]                       # pyproject.toml + command line
        severity = {FL103 = "error"}                      # pyproject.toml
        per-path-ignores = {"specs/legacy/**" = ["FL1"]}  # pyproject.toml
        fail-on = "warning"                               # command line
        baseline = ".flowlint-baseline.json"              # pyproject.toml
        rules-dir = []                                    # default
        rule-options = {}                                 # default
        max-file-size = 16                                # default
        # rules that run (17): FL101, FL102, FL103, FL106, FL107, FL108, FL109, FL110, FL111, FL112, FL113, FL301, FL302, FL303, FL304, FL305, FL306
        """
    )


def test_config_command_without_a_file(project: Path) -> None:
    result = invoke("config", "--isolated")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "# configuration file: none (--isolated)"
    assert lines[2] == "select = (the rules on by default)  # default"
    assert lines[8] == "baseline = (none)                   # default"
    assert lines[11] == "max-file-size = 16                  # default"
    assert lines[12].startswith("# rules that run (30): FL001, FL002, FL003, FL004, FL005, FL101,")
    assert invoke("config").stdout.splitlines()[0] == "# configuration file: none found"


def test_config_command_reports_a_bad_file_like_check(project: Path) -> None:
    write(project / "flowlint.toml", "selct = []\n")
    result = invoke("config")
    assert (result.exit_code, result.stderr) == (
        2,
        "flowlint: error: flowlint.toml: unknown key 'selct' (did you mean 'select'?)\n",
    )


def test_the_config_schema_is_valid_json_schema() -> None:
    from jsonschema import Draft202012Validator

    from flowlint.config import KEYS, config_schema

    schema = config_schema()
    Draft202012Validator.check_schema(schema)
    assert tuple(schema["properties"]) == KEYS


def test_the_readme_example_is_a_valid_configuration() -> None:
    import tomllib

    from flowlint.config import KEYS
    from tests.conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Configuration\n", 1)[1].split("\n## ", 1)[0]
    example = section.split("```toml\n", 1)[1].split("```", 1)[0]
    table = tomllib.loads(example)["tool"]["flowlint"]
    config = parse_config(table, "pyproject.toml", "/repo", BUILTIN_RULES, "[tool.flowlint]")
    # rule-options needs a rule that takes options: docs/writing-rules.md shows one
    # (tests/test_plugins.py checks it).
    assert set(config.values) == set(table) == set(KEYS) - {"rule-options"}
    assert config.values["severity"] == {"FL105": "warning"}
