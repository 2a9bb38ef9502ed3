"""The command line: formats, rule selection, --fail-on, colour and every exit code."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from flowlint import __version__
from flowlint.cli import app
from tests.shared import CLEAN, MIXED

runner = CliRunner()


def invoke(*args: str, env: dict[str, str] | None = None):
    return runner.invoke(app, list(args), env=env)


@pytest.fixture
def clean(write_spec) -> Path:
    return write_spec("clean.yaml", CLEAN)


@pytest.fixture
def mixed(write_spec) -> Path:
    return write_spec("mixed.yaml", MIXED)


def test_clean_spec_exits_0_with_a_calm_summary(clean: Path) -> None:
    result = invoke("check", str(clean))
    assert result.exit_code == 0
    assert result.stdout == "No findings in 1 file.\n"


def test_text_format_is_one_line_per_finding_then_a_summary(mixed: Path) -> None:
    result = invoke("check", str(mixed), "--no-color")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == (
        f"{mixed.as_posix()}:6:12: error FL101 [single-owner] entity 'course' has 2 owners, "
        "'publish' and 'find'; keep one owner and let the others receive a copy through a flow"
    )
    # Under each finding line: an indented code frame and a blank line (tests/test_reporters.py).
    finding_lines = [line for line in lines[:-1] if line and not line.startswith(" ")]
    assert [line.split(": ", 2)[1].split(" [")[0] for line in finding_lines] == [
        "error FL101",
        "info FL105",
        "warning FL301",
    ]
    assert lines[-1] == "Found 1 error, 1 warning and 1 info in 1 file."


def test_quiet_prints_findings_only(mixed: Path, clean: Path) -> None:
    # One line per finding: no code frame, no blank line between findings, no summary.
    result = invoke("check", str(mixed), "-q", "--no-color")
    assert result.exit_code == 1
    assert [line.split(" [", 1)[0] for line in result.stdout.splitlines()] == [
        f"{mixed.as_posix()}:6:12: error FL101",
        f"{mixed.as_posix()}:7:3: info FL105",
        f"{mixed.as_posix()}:9:3: warning FL301",
    ]
    assert result.stdout.endswith("'in-development' or 'planned' if it is not live\n")
    full = invoke("check", str(mixed), "--no-color").stdout
    assert "   6 |   course: {owner: [publish, find]}" in full
    assert full.endswith("Found 1 error, 1 warning and 1 info in 1 file.\n")
    result = invoke("check", str(clean), "--quiet")
    assert (result.exit_code, result.stdout) == (0, "")


def test_json_format_has_the_documented_shape(mixed: Path) -> None:
    result = invoke("check", str(mixed), "--format", "json")
    document = json.loads(result.stdout)
    assert document["flowlint"] == __version__
    assert document["summary"] == {"error": 1, "warning": 1, "info": 1}
    first = document["findings"][0]
    # The fingerprint is the rule and the finding's subject (never its line or file), hashed:
    # the first 16 hex digits of SHA-256 over the parts joined by U+001F.
    subject = ("FL101", "entity", "course", "owners", "find", "publish")
    fingerprint = hashlib.sha256("\x1f".join(subject).encode("utf-8")).hexdigest()[:16]
    assert first == {
        "code": "FL101",
        "rule": "single-owner",
        "severity": "error",
        "message": "entity 'course' has 2 owners, 'publish' and 'find'; keep one owner and let "
        "the others receive a copy through a flow",
        "file": mixed.as_posix(),
        "line": 6,
        "column": 12,
        "pointer": "/entities/course/owner",
        "fingerprint": fingerprint,
    }
    assert [(f["code"], f["line"], f["column"]) for f in document["findings"]] == [
        ("FL101", 6, 12),
        ("FL105", 7, 3),
        ("FL301", 9, 3),
    ]
    assert list(first) == [
        "code",
        "rule",
        "severity",
        "message",
        "file",
        "line",
        "column",
        "pointer",
        "fingerprint",
    ]


def test_json_of_a_clean_spec(clean: Path) -> None:
    document = json.loads(invoke("check", str(clean), "--format", "json").stdout)
    assert document["findings"] == [] and document["summary"] == {
        "error": 0,
        "warning": 0,
        "info": 0,
    }


@pytest.mark.parametrize(
    ("options", "codes"),
    [
        ([], ["FL101", "FL105", "FL301"]),
        (["--select", "FL1"], ["FL101", "FL105"]),
        (["--select", "single-owner,api-undocumented"], ["FL101", "FL301"]),
        (["--select", "FL101", "--select", "FL301"], ["FL101", "FL301"]),
        (["--ignore", "FL105"], ["FL101", "FL301"]),
        (["--select", "ALL", "--ignore", "FL1,FL3"], []),
        (["--ignore", "unused-entity,FL301"], ["FL101"]),
    ],
)
def test_select_and_ignore(mixed: Path, options: list[str], codes: list[str]) -> None:
    result = invoke("check", str(mixed), "--format", "json", *options)
    assert [f["code"] for f in json.loads(result.stdout)["findings"]] == codes


def test_select_all_turns_on_rules_that_are_off_by_default(write_spec) -> None:
    spec = write_spec(
        "purpose.yaml",
        """\
        flowlint: 1
        services:
          register: {name: Register trainee teachers}
          dqt: {name: Database of Qualified Teachers, kind: third-party}
        entities:
          trainee: {owner: register, personal_data: true}
        flows:
          - {from: register, to: dqt, entities: [trainee]}
        """,
    )
    assert "FL305" not in invoke("check", str(spec)).stdout
    assert "FL305" in invoke("check", str(spec), "--select", "ALL").stdout


@pytest.mark.parametrize(
    ("fail_on", "expected"),
    [("error", 1), ("warning", 1), ("info", 1), ("never", 0)],
)
def test_fail_on_with_an_error(mixed: Path, fail_on: str, expected: int) -> None:
    assert invoke("check", str(mixed), "--fail-on", fail_on).exit_code == expected


@pytest.mark.parametrize(
    ("fail_on", "expected"),
    [("error", 0), ("warning", 1), ("info", 1), ("never", 0)],
)
def test_fail_on_with_only_a_warning_and_an_info(mixed: Path, fail_on: str, expected: int) -> None:
    result = invoke("check", str(mixed), "--ignore", "FL101", "--fail-on", fail_on)
    assert result.exit_code == expected


def test_fail_on_info_catches_an_info_alone(mixed: Path) -> None:
    only_info = ["--select", "FL105"]
    assert invoke("check", str(mixed), *only_info, "--fail-on", "warning").exit_code == 0
    assert invoke("check", str(mixed), *only_info, "--fail-on", "info").exit_code == 1


def test_default_path_is_specs_in_the_current_directory(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "specs").mkdir()
    (tmp_path / "specs" / "line.yaml").write_text(CLEAN, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = invoke("check")
    assert result.exit_code == 0 and result.stdout == "No findings in 1 file.\n"


def test_no_path_and_no_specs_directory_is_exit_2(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = invoke("check")
    assert result.exit_code == 2
    assert "no specs/ directory here" in result.stderr


def test_missing_path_is_exit_2_with_one_line(tmp_path: Path) -> None:
    result = invoke("check", str(tmp_path / "nope.yaml"))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert (
        result.stderr
        == f"flowlint: error: {(tmp_path / 'nope.yaml').as_posix()}: no such file or directory\n"
    )


def test_directory_without_specs_is_exit_2(tmp_path: Path) -> None:
    result = invoke("check", str(tmp_path))
    assert result.exit_code == 2
    assert "no *.yaml or *.yml spec files" in result.stderr


def test_not_utf8_is_exit_2_and_other_files_are_still_checked(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(MIXED, encoding="utf-8")
    (tmp_path / "b.yaml").write_bytes("flowlint: 1\nservice_line: Caf\xe9\n".encode("latin-1"))
    result = invoke("check", str(tmp_path))
    assert result.exit_code == 2
    assert "FL101" in result.stdout
    assert result.stderr.count("\n") == 1
    assert "b.yaml: file is not UTF-8 text (byte 0xe9 on line 2)" in result.stderr


NOBODY = 65534


def check_as_unprivileged_user(path: Path, *options: str) -> tuple[int, str]:
    """`check [OPTIONS] PATH` as it runs for a user without read permission: (exit code, stderr).

    Root reads any file, and CI runs as root, so there the check runs in a forked child that
    has dropped to the unprivileged user 'nobody' (after a first check has imported everything
    the command needs, since nobody cannot read the interpreter's files under /root)."""
    if os.geteuid() != 0:
        result = invoke("check", *options, str(path))
        return result.exit_code, result.stderr
    invoke("check", str(path))  # as root: imports the whole command before the fork
    read_end, write_end = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - the child reports through the pipe
        try:
            os.setgroups([])
            os.setgid(NOBODY)
            os.setuid(NOBODY)
            result = invoke("check", *options, str(path))
            os.write(write_end, json.dumps([result.exit_code, result.stderr]).encode())
        finally:
            os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        reported = pipe.read()
    os.waitpid(child, 0)
    exit_code, stderr = json.loads(reported)
    return exit_code, stderr


@pytest.fixture
def open_folder() -> Iterator[Path]:
    """A folder that every user may enter (tmp_path's parents are private to its owner)."""
    with tempfile.TemporaryDirectory(prefix="flowlint-") as name:
        folder = Path(name)
        folder.chmod(0o755)
        yield folder


def test_unreadable_file_is_exit_2_with_one_line(open_folder: Path) -> None:
    spec = open_folder / "line.yaml"
    spec.write_text(CLEAN, encoding="utf-8")
    spec.chmod(0)
    exit_code, stderr = check_as_unprivileged_user(spec)
    assert exit_code == 2, stderr
    assert stderr == f"flowlint: error: {spec}: cannot read: Permission denied\n"


def test_a_folder_on_the_way_that_cannot_be_entered_is_exit_2_with_one_line(
    open_folder: Path,
) -> None:
    private = open_folder / "private"
    private.mkdir(mode=0o700)
    spec = private / "line.yaml"
    spec.write_text(CLEAN, encoding="utf-8")
    exit_code, stderr = check_as_unprivileged_user(spec)
    assert exit_code == 2, stderr
    assert stderr == f"flowlint: error: {spec}: cannot read: Permission denied\n"


def test_unreadable_directory_entry_is_exit_2(tmp_path: Path) -> None:
    # A dangling symlink cannot be read by anyone, root included.
    (tmp_path / "a.yaml").write_text(CLEAN, encoding="utf-8")
    (tmp_path / "b.yaml").symlink_to(tmp_path / "missing-target.yaml")
    result = invoke("check", str(tmp_path))
    assert result.exit_code == 2
    assert "b.yaml: cannot read" in result.stderr


def test_unknown_rule_is_exit_2(clean: Path) -> None:
    result = invoke("check", str(clean), "--select", "FL999")
    assert result.exit_code == 2
    assert result.stderr.startswith("flowlint: error: unknown rule 'FL999'")


def test_bad_option_value_is_exit_2(clean: Path) -> None:
    assert invoke("check", str(clean), "--format", "xml").exit_code == 2
    assert invoke("check", str(clean), "--fail-on", "sometimes").exit_code == 2


def test_syntax_and_schema_problems_are_findings_not_crashes(write_spec) -> None:
    spec = write_spec("broken.yaml", 'flowlint: 1\nservices:\n  publish: {name: "Publish}\n')
    result = invoke("check", str(spec), "--no-color")
    assert result.exit_code == 1
    assert result.stdout.startswith(
        f"{spec.as_posix()}:4:1: error FL001 [yaml-syntax] invalid YAML"
    )
    listy = write_spec("list.yaml", "- flowlint: 1\n")
    result = invoke("check", str(listy))
    assert (
        result.exit_code == 1
        and "FL003" in result.stdout
        and "top level is a list" in result.stdout
    )


def test_empty_file_is_a_finding(write_spec) -> None:
    result = invoke("check", str(write_spec("empty.yaml", "")))
    assert result.exit_code == 1
    assert ":1:1: error FL003 [schema] the file is empty" in result.stdout


def test_duplicate_key_is_a_finding(write_spec) -> None:
    spec = write_spec("dup.yaml", CLEAN + "flowlint: 1\n")
    result = invoke("check", str(spec), "--select", "FL002")
    assert result.exit_code == 1
    assert (
        f"{spec.as_posix()}:9:1: error FL002 [duplicate-key] duplicate key 'flowlint'"
        in result.stdout
    )


def test_a_crashing_rule_is_isolated(mixed: Path, monkeypatch) -> None:
    import dataclasses

    import flowlint.rules

    def explode(model):
        raise RuntimeError("boom")

    rules = tuple(
        dataclasses.replace(r, check=explode) if r.code == "FL101" else r
        for r in flowlint.rules.BUILTIN_RULES
    )
    monkeypatch.setattr(flowlint.rules, "BUILTIN_RULES", rules)
    result = invoke("check", str(mixed), "--no-color")
    assert result.exit_code == 2
    assert "FL301" in result.stdout and "FL101" not in result.stdout
    assert result.stderr.startswith(
        "flowlint: error: internal error in rule FL101 (single-owner): RuntimeError: boom"
    )
    assert "Traceback" not in result.stderr
    debug = invoke("check", str(mixed), "--debug")
    assert "Traceback" in debug.stderr and "RuntimeError: boom" in debug.stderr


def test_colour_only_when_asked_for_and_allowed(mixed: Path) -> None:
    # CliRunner's stdout is not a terminal: no colour.
    assert "\x1b[" not in invoke("check", str(mixed)).stdout
    from flowlint.findings import Report
    from flowlint.reporters import RenderOptions, get_reporter
    from flowlint.testing import lint_text

    report = Report.of(lint_text(MIXED))
    coloured = get_reporter("text")(report, RenderOptions(color=True))
    assert "\x1b[" in coloured
    plain = get_reporter("text")(report, RenderOptions(color=False))
    assert "\x1b[" not in plain


def test_no_color_environment_variable_wins(monkeypatch) -> None:
    from flowlint.commands import use_color

    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    assert use_color(no_color=False) is True
    assert use_color(no_color=True) is False
    monkeypatch.setenv("NO_COLOR", "1")
    assert use_color(no_color=False) is False


def test_version() -> None:
    result = invoke("--version")
    assert result.exit_code == 0 and result.stdout == f"flowlint {__version__}\n"


# The installed command, as users run it.


def run_flowlint(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "flowlint", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=60,
        env={**os.environ, "NO_COLOR": "1"},
    )


def test_python_dash_m_runs_the_check(mixed: Path) -> None:
    result = run_flowlint("check", str(mixed))
    assert result.returncode == 1
    assert "FL101" in result.stdout and result.stderr == ""


def test_usage_errors_are_one_line_without_traceback(clean: Path) -> None:
    result = run_flowlint("check", str(clean), "--bogus")
    assert result.returncode == 2
    assert result.stdout == ""
    assert (
        result.stderr == "flowlint: error: No such option: --bogus (see 'flowlint check --help')\n"
    )


def test_missing_path_via_the_installed_command(tmp_path: Path) -> None:
    result = run_flowlint("check", "missing.yaml", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == "flowlint: error: missing.yaml: no such file or directory\n"


def test_console_script_is_installed() -> None:
    script = Path(sys.executable).parent / "flowlint"
    result = subprocess.run([str(script), "--version"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and result.stdout == f"flowlint {__version__}\n"


def test_no_command_shows_the_help_on_stderr_and_exits_2(tmp_path: Path) -> None:
    """Not an error line with the help inside it: the help itself, as --help prints it."""
    bare = run_flowlint(cwd=tmp_path)
    helped = run_flowlint("--help", cwd=tmp_path)
    assert (bare.returncode, bare.stdout) == (2, "")
    assert bare.stderr == helped.stdout
    assert bare.stderr.startswith("Usage: flowlint [OPTIONS] COMMAND [ARGS]...\n")


def test_a_flow_from_a_service_to_itself_is_a_finding(write_spec) -> None:
    spec = write_spec(
        "self.yaml",
        CLEAN + "  - {from: publish, to: publish, entities: [course]}\n",
    )
    result = invoke("check", str(spec), "--format", "concise")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{spec.as_posix()}:9:21: error FL005 [self-flow] the flow sends 'course' from 'publish' "
        "to 'publish' itself; a flow moves a copy between two services: set 'to' to the service "
        "that receives it, or remove the flow if only 'publish' uses it",
        "Found 1 error in 1 file.",
    ]


def test_the_process_writes_every_byte_before_it_ends_without_freeing(tmp_path: Path) -> None:
    """`flowlint check` as a process ends with os._exit (flowlint.cli.main): what it wrote to a
    pipe and to --output must be whole, and the same as a check in this process gives."""
    from tests.test_bench import generate

    spec = generate.generate(2_000, seed=3, many_findings=True)
    path = tmp_path / "spec.yaml"
    path.write_text(spec.text, encoding="utf-8")
    piped = run_flowlint("check", str(path), "--format", "json", cwd=tmp_path)
    in_process = invoke("check", str(path), "--format", "json")
    assert (piped.returncode, in_process.exit_code) == (1, 1)
    assert piped.stdout == in_process.stdout
    found = json.loads(piped.stdout)["findings"]
    assert len(found) == sum(spec.expected.values()) > 900
    written = run_flowlint("check", str(path), "--format", "json", "-o", "out.json", cwd=tmp_path)
    assert written.returncode == 1
    assert (tmp_path / "out.json").read_text(encoding="utf-8") == piped.stdout
    assert written.stderr == ""  # the summary line goes to stdout with -o
    assert written.stdout.startswith("Found ")


@pytest.mark.parametrize(
    ("option", "complaint"),
    [
        ("--config", "cannot read: Permission denied"),
        ("--baseline", "cannot read the baseline: Permission denied"),
    ],
)
def test_an_unreadable_config_or_baseline_is_exit_2_with_one_line(
    open_folder: Path, option: str, complaint: str
) -> None:
    spec = open_folder / "line.yaml"
    spec.write_text(CLEAN, encoding="utf-8")
    private = open_folder / "private.toml"
    private.write_text('fail-on = "error"\n', encoding="utf-8")
    private.chmod(0)
    exit_code, stderr = check_as_unprivileged_user(spec, option, str(private))
    assert exit_code == 2, stderr
    assert stderr.startswith("flowlint: error: ") and stderr.count("\n") == 1
    assert stderr.endswith(f"private.toml: {complaint}\n")
