"""`flowlint check --output FILE`, repository-relative paths, and the GitHub job summary."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from jsonschema import Draft7Validator
from typer.testing import CliRunner

from flowlint.cli import app
from tests.conftest import ROOT
from tests.shared import CLEAN, MIXED

runner = CliRunner()
SARIF_SCHEMA = json.loads(
    (Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8")
)
SUMMARY = "Found 1 error, 1 warning and 1 info in 1 file.\n"


def invoke(*args: str, summary: Path | None = None):
    # GITHUB_STEP_SUMMARY is always set or removed, so a run inside GitHub Actions cannot leak in.
    env = {"GITHUB_STEP_SUMMARY": str(summary) if summary else None, "NO_COLOR": None}
    return runner.invoke(app, list(args), env=env)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository root (it has .git) with specs/mixed.yaml and specs/clean.yaml; cwd is there."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "specs").mkdir()
    (tmp_path / "specs" / "mixed.yaml").write_text(MIXED, encoding="utf-8")
    (tmp_path / "specs" / "clean.yaml").write_text(CLEAN, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_output_writes_the_format_to_the_file_and_the_summary_to_the_terminal(repo: Path) -> None:
    plain = invoke("check", "specs/mixed.yaml", "--format", "json")
    result = invoke("check", "specs/mixed.yaml", "--format", "json", "--output", "report.json")
    assert (result.exit_code, plain.exit_code) == (1, 1)
    assert result.stdout == SUMMARY
    assert result.stderr == ""
    assert (repo / "report.json").read_text(encoding="utf-8") == plain.stdout
    assert [f["code"] for f in json.loads(plain.stdout)["findings"]] == ["FL101", "FL105", "FL301"]


def test_output_of_a_clean_spec_exits_0_calmly(repo: Path) -> None:
    result = invoke("check", "specs/clean.yaml", "--format", "sarif", "-o", "out.sarif")
    assert (result.exit_code, result.stdout) == (0, "No findings in 1 file.\n")
    log = json.loads((repo / "out.sarif").read_text(encoding="utf-8"))
    assert log["runs"][0]["results"] == []


def test_output_with_quiet_prints_nothing(repo: Path) -> None:
    result = invoke("check", "specs/mixed.yaml", "-q", "--format", "concise", "-o", "out.txt")
    assert (result.exit_code, result.stdout) == (1, "")
    assert (repo / "out.txt").read_text(encoding="utf-8").count("\n") == 3


def test_output_creates_missing_directories_and_replaces_an_old_file(repo: Path) -> None:
    target = repo / "reports" / "ci" / "flowlint.xml"
    invoke("check", "specs/mixed.yaml", "--format", "junit", "-o", "reports/ci/flowlint.xml")
    root = ET.fromstring(target.read_text(encoding="utf-8"))
    assert root.get("failures") == "3"
    invoke("check", "specs/clean.yaml", "--format", "junit", "-o", "reports/ci/flowlint.xml")
    assert ET.fromstring(target.read_text(encoding="utf-8")).get("failures") == "0"


def test_output_dash_is_stdout(repo: Path) -> None:
    result = invoke("check", "specs/mixed.yaml", "--format", "gitlab", "--output", "-")
    assert result.exit_code == 1
    assert len(json.loads(result.stdout)) == 3
    assert not (repo / "-").exists()


def test_text_to_a_file_has_frames_and_no_colour(repo: Path) -> None:
    result = invoke("check", "specs/mixed.yaml", "-o", "out.txt")
    written = (repo / "out.txt").read_text(encoding="utf-8")
    assert result.stdout == SUMMARY
    assert "\x1b[" not in written
    assert written.splitlines()[1:4] == [
        "   5 | entities:",
        "   6 |   course: {owner: [publish, find]}",
        "     |            ^",
    ]
    assert written.endswith(SUMMARY)


def test_output_that_cannot_be_written_is_exit_2_with_one_line(repo: Path) -> None:
    (repo / "taken").write_text("a file, not a directory", encoding="utf-8")
    result = invoke("check", "specs/mixed.yaml", "-o", "taken/out.json", "--format", "json")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == "flowlint: error: cannot write taken/out.json: Not a directory\n"
    assert result.stderr.count("\n") == 1
    directory = invoke("check", "specs/mixed.yaml", "-o", "specs")
    assert directory.exit_code == 2 and "is a directory" in directory.stderr


def test_ci_formats_give_paths_relative_to_the_repository_root(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (repo / "sub").mkdir()
    monkeypatch.chdir(repo / "sub")
    result = invoke("check", "../specs/mixed.yaml", "--format", "github")
    assert result.stdout.splitlines()[:2] == [
        "::group::specs/mixed.yaml",
        "::error file=specs/mixed.yaml,line=6,col=12,title=FL101 single-owner::entity 'course' "
        "has 2 owners, 'publish' and 'find'; keep one owner and let the others receive a copy "
        "through a flow",
    ]
    absolute = invoke("check", str(repo / "specs" / "mixed.yaml"), "--format", "gitlab")
    assert {i["location"]["path"] for i in json.loads(absolute.stdout)} == {"specs/mixed.yaml"}
    sarif = json.loads(invoke("check", "../specs/mixed.yaml", "--format", "sarif").stdout)
    run = sarif["runs"][0]
    assert run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == repo.as_uri() + "/"
    location = run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert location == {"uri": "specs/mixed.yaml", "uriBaseId": "%SRCROOT%"}
    # Text formats keep the path as it was given.
    assert invoke("check", "../specs/mixed.yaml").stdout.startswith("../specs/mixed.yaml:6:12:")


def test_junit_lists_a_passing_testcase_for_each_rule_that_ran(repo: Path) -> None:
    result = invoke("check", "specs/mixed.yaml", "--format", "junit", "--select", "FL1,FL301")
    cases = ET.fromstring(result.stdout).findall("testsuite/testcase")
    names = [c.get("name", "") for c in cases]
    assert [n.split()[0] for n in names] == [
        "FL101",
        "FL102",
        "FL103",
        "FL104",
        "FL105",
        "FL106",
        "FL107",
        "FL108",
        "FL109",
        "FL110",
        "FL111",
        "FL112",
        "FL113",
        "FL301",
    ]
    failed = [c.get("name") for c in cases if c.find("failure") is not None]
    assert failed == ["FL101 single-owner", "FL105 unused-entity", "FL301 api-undocumented"]


# The GitHub job summary


def test_github_format_appends_a_table_to_the_step_summary(repo: Path) -> None:
    summary = repo / "step-summary.md"
    summary.write_text("## Earlier step\n", encoding="utf-8")
    result = invoke("check", "specs/mixed.yaml", "--format", "github", summary=summary)
    assert result.exit_code == 1
    assert result.stdout.startswith("::group::specs/mixed.yaml\n")
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("## Earlier step\n\n## flowlint\n\n" + SUMMARY + "\n")
    rows = text.splitlines()[-3:]
    assert rows[0].startswith("| error | FL101 single-owner | specs/mixed.yaml:6:12 | entity")
    assert [row.split(" | ")[1] for row in rows] == [
        "FL101 single-owner",
        "FL105 unused-entity",
        "FL301 api-undocumented",
    ]
    # A second run appends again rather than replacing.
    invoke("check", "specs/clean.yaml", "--format", "github", "-q", summary=summary)
    assert summary.read_text(encoding="utf-8").endswith(
        "\n\n## flowlint\n\nNo findings in 1 file.\n"
    )


def test_step_summary_is_written_with_output_too_and_only_for_github(repo: Path) -> None:
    summary = repo / "summary.md"
    result = invoke(
        "check", "specs/mixed.yaml", "--format", "github", "-o", "a.txt", summary=summary
    )
    assert result.stdout == SUMMARY
    assert (repo / "a.txt").read_text(encoding="utf-8").startswith("::group::")
    assert summary.read_text(encoding="utf-8").startswith("## flowlint\n")
    summary.unlink()
    for name in ("text", "sarif", "markdown"):
        invoke("check", "specs/mixed.yaml", "--format", name, summary=summary)
    assert not summary.exists()
    invoke("check", "specs/mixed.yaml", "--format", "github")  # not set: nothing written
    assert sorted(p.name for p in repo.iterdir()) == [".git", "a.txt", "specs"]


def test_a_step_summary_that_cannot_be_written_is_exit_2(repo: Path) -> None:
    result = invoke(
        "check", "specs/clean.yaml", "--format", "github", summary=repo / "missing" / "s.md"
    )
    assert result.exit_code == 2
    assert result.stderr.startswith("flowlint: error: cannot append the job summary to ")


# As users run it


def test_sarif_file_from_the_installed_command_validates(repo: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "flowlint",
            "check",
            "specs/mixed.yaml",
            "--format=sarif",
            "-of.sarif",
        ],
        capture_output=True,
        text=True,
        cwd=repo,
        timeout=60,
        env={k: v for k, v in os.environ.items() if k != "GITHUB_STEP_SUMMARY"},
    )
    assert (done.returncode, done.stdout, done.stderr) == (1, SUMMARY, "")
    log = json.loads((repo / "f.sarif").read_text(encoding="utf-8"))
    assert not list(Draft7Validator(SARIF_SCHEMA).iter_errors(log))
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in log["runs"][0]["results"]
    }
    assert uris == {"specs/mixed.yaml"}


# docs/ci.md: its YAML is valid and every flowlint command in it is one flowlint accepts.


def ci_doc_yaml_blocks() -> list[str]:
    import re

    text = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    return re.findall(r"```yaml\n(.*?)```", text, flags=re.DOTALL)


def test_ci_doc_yaml_is_valid_and_uses_the_hook_this_repository_provides() -> None:
    import yaml

    blocks = [yaml.safe_load(block) for block in ci_doc_yaml_blocks()]
    workflow, gitlab, pre_commit, docs_steps, docs_gitlab, docs_pre_commit = blocks
    assert set(workflow["jobs"]["flowlint"]) >= {"runs-on", "steps"}
    assert gitlab["flowlint"]["artifacts"]["reports"] == {
        "codequality": "gl-code-quality-report.json",
        "junit": "flowlint-junit.xml",
    }
    hook, docs_hook = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert pre_commit["repos"][0]["hooks"][0]["id"] == hook["id"]
    # `flowlint docs --check`: steps for the workflow above, a GitLab job, both hooks.
    assert docs_steps[0]["run"].startswith("flowlint docs ")
    assert docs_gitlab["flowlint-docs"]["script"][0].startswith("flowlint docs ")
    assert [h["id"] for h in docs_pre_commit["repos"][0]["hooks"]] == [hook["id"], docs_hook["id"]]


def test_every_flowlint_command_in_the_ci_doc_parses() -> None:
    import re
    import shlex

    import typer.main

    group = typer.main.get_command(app)
    commands = [
        line.strip().removeprefix("- run: ").removeprefix("run: ").removeprefix("- ")
        for block in ci_doc_yaml_blocks()
        for line in block.splitlines()
        if re.match(r"\s*(- )?(run: )?flowlint ", line)
    ]
    assert len(commands) >= 6
    for command in commands:
        argv = shlex.split(re.sub(r"\$\{\{[^}]*\}\}|\$\w+", "X", command))
        assert argv[0] == "flowlint", command
        sub = group.get_command(None, argv[1])  # type: ignore[arg-type, attr-defined]
        assert sub is not None, command
        sub.make_context(argv[1], argv[2:])  # raises on an unknown option or a bad value
