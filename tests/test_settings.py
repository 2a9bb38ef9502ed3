"""Every command settles its settings the same way (flowlint.settings): the configured `specs`,
`--config` and `--isolated`, the baseline's place, the file-size limit and standard input."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from flowlint.cli import app
from tests.shared import CLEAN, MIXED, git

runner = CliRunner()


def invoke(*args: str, input: str | None = None):
    return runner.invoke(app, list(args), input=input)


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


@pytest.fixture
def elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository whose configuration keeps the specs in data/specs, not specs/."""
    (tmp_path / ".git").mkdir()
    write(tmp_path / "flowlint.toml", 'specs = ["data/specs"]\n')
    write(tmp_path / "data" / "specs" / "line.yaml", MIXED)
    monkeypatch.chdir(tmp_path)
    return tmp_path


# --- every command reads the configured specs ----------------------------------------------------


@pytest.mark.parametrize(
    ("args", "exit_code", "shows"),
    [
        (["check"], 1, "data/specs/line.yaml:6:12: error FL101"),
        (["graph"], 0, 's_publish -->|"course"| s_find'),
        (["lineage", "course"], 0, "course: 2 holders"),
        (["baseline"], 0, ".flowlint-baseline.json: 3 findings recorded as known."),
        (["config"], 0, 'specs = ["data/specs"]              # flowlint.toml'),
    ],
)
def test_every_command_reads_the_configured_specs(
    elsewhere: Path, args: list[str], exit_code: int, shows: str
) -> None:
    result = invoke(*args)
    assert (result.exit_code, result.stderr) == (exit_code, "")
    assert shows in result.stdout


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_diff_reads_the_configured_specs_and_rules(elsewhere: Path) -> None:
    shutil.rmtree(elsewhere / ".git")
    git(elsewhere, "init", "-q", "-b", "main")
    write(elsewhere / "data" / "specs" / "line.yaml", CLEAN)
    git(elsewhere, "add", ".")
    git(elsewhere, "commit", "-q", "-m", "clean")
    spec = elsewhere / "data" / "specs" / "line.yaml"
    write(spec, CLEAN.replace("course: {owner: publish}", "course: {owner: [publish, find]}"))
    result = invoke("diff", "HEAD")
    assert result.exit_code == 1, result.stderr
    assert result.stdout.splitlines()[0] == "Changes from HEAD to the work tree: 1 breaking."
    assert "data/specs/line.yaml:6:12: error FL101 [single-owner]" in result.stdout
    # The configuration's rules are the rules diff lints with: without FL101 the change is risky.
    write(elsewhere / "flowlint.toml", 'specs = ["data/specs"]\nignore = ["FL101"]\n')
    quiet = invoke("diff", "HEAD")
    assert quiet.exit_code == 0, quiet.stderr
    assert quiet.stdout.splitlines()[0] == "Changes from HEAD to the work tree: 1 risky."
    assert "Findings introduced: none." in quiet.stdout


def test_init_writes_where_the_configuration_looks_and_check_then_passes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".git").mkdir()
    write(tmp_path / "pyproject.toml", '[tool.flowlint]\nspecs = ["data/specs"]\n')
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")
    result = invoke("init")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        "Created ../data/specs/service-line.yaml: describe your service line there, then run "
        "'flowlint check'.\n"
    )
    assert (tmp_path / "data" / "specs" / "service-line.yaml").is_file()
    assert not (tmp_path / "sub" / "specs").exists()
    checked = invoke("check")
    assert (checked.exit_code, checked.stdout) == (0, "No findings in 1 file.\n")


def test_init_with_isolated_uses_specs_here_and_says_how_to_check_it(elsewhere: Path) -> None:
    result = invoke("init", "--isolated")
    assert result.exit_code == 0
    assert result.stdout == (
        "Created specs/service-line.yaml: describe your service line there, then run "
        "'flowlint check specs'.\n"
    )
    assert invoke("check", "specs").exit_code == 0


@pytest.mark.parametrize(
    "args",
    [
        ["check"],
        ["graph"],
        ["lineage", "course"],
        ["baseline"],
        ["config"],
        ["init"],
        ["rules"],
        ["explain", "FL101"],
        ["diff", "data/specs/line.yaml"],
    ],
)
def test_every_command_takes_config_and_isolated(elsewhere: Path, args: list[str]) -> None:
    write(elsewhere / "other.toml", 'specs = ["nowhere"]\n')
    both = invoke(*args, "--config", "other.toml", "--isolated")
    assert (both.exit_code, both.stderr) == (
        2,
        "flowlint: error: --config and --isolated do not combine: --isolated reads no "
        "configuration file\n",
    )
    named = invoke(*args, "--config", "other.toml")
    if args[0] in ("rules", "explain"):
        assert named.exit_code == 0
    elif args[0] == "config":
        assert 'specs = ["nowhere"]' in named.stdout
    elif args[0] == "init":
        assert named.stdout == (
            "Created nowhere/service-line.yaml: describe your service line there, then run "
            "'flowlint check --config other.toml'.\n"
        )
    else:
        assert named.exit_code == 2
        assert "nowhere: no such file or directory (named by `specs` in other.toml)" in (
            named.stderr
        )


def test_graph_findings_are_those_check_reports_with_the_configuration(elsewhere: Path) -> None:
    outlined = invoke("graph", "--findings").stdout
    assert "owns: course, provider<br/>1 error, 1 warning, 1 info" in outlined
    write(elsewhere / "flowlint.toml", 'specs = ["data/specs"]\nselect = ["FL105"]\n')
    only_unused = invoke("graph", "--findings").stdout
    assert 'owns: course, provider<br/>1 info"]' in only_unused
    assert "error" not in only_unused


def test_settle_refuses_contradictions(tmp_path: Path) -> None:
    from flowlint.settings import CommandLine, SettingsError, settle

    with pytest.raises(SettingsError, match="--config and --isolated do not combine"):
        settle(CommandLine(config_file="x.toml", isolated=True), tmp_path)
    with pytest.raises(SettingsError, match="add '-' to the paths"):
        settle(CommandLine(paths=("specs",), stdin_filename="a.yaml"), tmp_path)
    only_stdin = settle(CommandLine(stdin_filename="specs/a.yaml", isolated=True), tmp_path)
    assert (only_stdin.specs, only_stdin.stdin_name) == (("-",), "specs/a.yaml")


# --- the baseline goes where check finds it ------------------------------------------------------


def test_baseline_from_a_subfolder_is_written_next_to_the_configuration(
    elsewhere: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (elsewhere / "data" / "notes").mkdir()
    monkeypatch.chdir(elsewhere / "data" / "notes")
    result = invoke("baseline")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        "../../.flowlint-baseline.json: 3 findings recorded as known.\n"
        "'flowlint check' uses it once the configuration names it: add this line to "
        "../../flowlint.toml:\n"
        '  baseline = ".flowlint-baseline.json"\n'
    )
    assert (elsewhere / ".flowlint-baseline.json").is_file()
    assert not Path(".flowlint-baseline.json").exists()
    # With the line added, check from the subfolder uses it.
    write(
        elsewhere / "flowlint.toml",
        'specs = ["data/specs"]\nbaseline = ".flowlint-baseline.json"\n',
    )
    checked = invoke("check")
    assert checked.exit_code == 0, checked.stdout + checked.stderr
    assert "3 known findings hidden by the baseline ../../.flowlint-baseline.json" in (
        checked.stdout
    )
    again = invoke("baseline")
    assert again.stdout == "../../.flowlint-baseline.json: 3 findings recorded as known.\n"


def test_baseline_without_a_configuration_goes_to_the_repository_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / ".git").mkdir()
    write(tmp_path / "team" / "specs" / "line.yaml", MIXED)
    monkeypatch.chdir(tmp_path / "team")
    result = invoke("baseline")
    assert result.exit_code == 0
    assert result.stdout == (
        "../.flowlint-baseline.json: 3 findings recorded as known.\n"
        "'flowlint check' uses it once a configuration file names it: add this line to a "
        "flowlint.toml in .., or to [tool.flowlint] in a pyproject.toml in ..:\n"
        '  baseline = ".flowlint-baseline.json"\n'
    )
    assert (tmp_path / ".flowlint-baseline.json").is_file()


def test_baseline_named_on_the_command_line_gets_the_line_relative_to_the_configuration(
    elsewhere: Path,
) -> None:
    result = invoke("baseline", "--baseline", "ci/known.json")
    assert result.stdout.splitlines() == [
        "ci/known.json: 3 findings recorded as known.",
        "'flowlint check' uses it once the configuration names it: add this line to flowlint.toml:",
        '  baseline = "ci/known.json"',
    ]


# --- the file-size limit -----------------------------------------------------------------------


def test_the_size_limit_says_how_to_raise_it_and_zero_means_no_limit(elsewhere: Path) -> None:
    over = invoke("check", "--max-file-size", "0.0001")
    assert (over.exit_code, over.stdout) == (2, "")
    size = (elsewhere / "data" / "specs" / "line.yaml").stat().st_size
    assert over.stderr == (
        f"flowlint: error: data/specs/line.yaml: file is {size:,} bytes, over the 105-byte "
        "limit; raise the limit with --max-file-size MB, or max-file-size in the configuration "
        "(0: no limit)\n"
    )
    unlimited = invoke("check", "--max-file-size", "0")
    assert (unlimited.exit_code, unlimited.stderr) == (1, "")
    assert "Found 1 error, 1 warning and 1 info in 1 file." in unlimited.stdout
    # The configuration sets it for every command; the command line wins.
    write(elsewhere / "flowlint.toml", 'specs = ["data/specs"]\nmax-file-size = 0.0001\n')
    for args in (["check"], ["graph"], ["lineage", "course"], ["baseline"]):
        refused = invoke(*args)
        assert refused.exit_code == 2, args
        assert "over the 105-byte limit" in refused.stderr
    assert invoke("graph", "--max-file-size", "0").exit_code == 0
    from flowlint.settings import limits

    assert limits(0).max_file_bytes is None
    assert limits(16).max_file_bytes == 16 * 1024 * 1024


def test_a_bad_max_file_size_in_the_configuration_is_one_line(elsewhere: Path) -> None:
    write(elsewhere / "flowlint.toml", "max-file-size = '16'\n")
    result = invoke("check")
    assert (result.exit_code, result.stderr) == (
        2,
        "flowlint: error: flowlint.toml: 'max-file-size': expected a number, not the text '16'\n",
    )


# --- standard input ----------------------------------------------------------------------------


def test_check_dash_reads_a_spec_from_standard_input(elsewhere: Path) -> None:
    result = invoke("check", "-", "--format", "concise", input=MIXED)
    assert result.exit_code == 1, result.stderr
    assert result.stdout.splitlines()[0].startswith("-:6:12: error FL101 [single-owner]")
    named = invoke(
        "check", "-", "--stdin-filename", "data/specs/new.yaml", "--format", "concise", input=CLEAN
    )
    assert (named.exit_code, named.stdout) == (0, "No findings in 1 file.\n")
    alone = invoke("check", "--stdin-filename", "draft.yaml", "-q", input=MIXED)
    assert alone.exit_code == 1
    assert alone.stdout.startswith("draft.yaml:6:12: error FL101")


def test_standard_input_stands_in_for_its_file_in_a_directory_model(elsewhere: Path) -> None:
    # The editor's buffer (fixed) replaces the file on disk (two owners) in the model.
    result = invoke(
        "check",
        "-",
        "data/specs",
        "--stdin-filename",
        "data/specs/line.yaml",
        input=CLEAN,
    )
    assert (result.exit_code, result.stdout) == (0, "No findings in 1 file.\n")


def test_per_path_ignores_match_the_stdin_filename(elsewhere: Path) -> None:
    write(
        elsewhere / "flowlint.toml",
        'specs = ["data/specs"]\nper-path-ignores = { "legacy/**" = ["FL1", "FL3"] }\n',
    )
    ignored = invoke("check", "--stdin-filename", "legacy/old.yaml", "-q", input=MIXED)
    assert (ignored.exit_code, ignored.stdout) == (0, "")
    checked = invoke("check", "--stdin-filename", "current/new.yaml", "-q", input=MIXED)
    assert checked.exit_code == 1


def test_standard_input_is_bounded_by_the_size_limit(elsewhere: Path) -> None:
    result = invoke("check", "-", "--max-file-size", "0.0001", input=MIXED)
    assert result.exit_code == 2
    assert result.stderr == (
        "flowlint: error: -: is longer than the 105-byte limit; raise the limit with "
        "--max-file-size MB, or max-file-size in the configuration (0: no limit)\n"
    )


def test_new_since_and_diff_do_not_read_standard_input(elsewhere: Path) -> None:
    result = invoke("check", "-", "--new-since", "main", input=MIXED)
    assert (result.exit_code, result.stderr) == (
        2,
        "flowlint: error: --new-since does not combine with a spec read from standard input: "
        "name the files\n",
    )
    diffed = invoke("diff", "HEAD", "--path", "-")
    assert diffed.exit_code == 2
    assert "not from standard input" in diffed.stderr
