"""Trust decisions beyond the hostile corpus: the user's own configuration, `--policy-from` with
`--config`, `--rules-dir` and `--isolated`, and FL904 findings in the machine formats.
(tests/hostile/cases.toml holds the attacks; this file the ways the options combine.)"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from flowlint.cli import app
from tests.shared import commit, git

runner = CliRunner()

SPEC = """\
flowlint: 1
services:
  publish: {name: Publish teacher training courses}
  find: {name: Find postgraduate teacher training}
entities:
  course: {owner: [publish, find]}
flows:
  - {from: publish, to: find, entities: [course]}
"""
FINDING = (
    "specs/line.yaml:6:12: error FL101 [single-owner] entity 'course' has 2 owners, 'publish' "
    "and 'find'; keep one owner and let the others receive a copy through a flow"
)
RULE = '''\
"""A rule that reports every service, to show it ran.

Why: tests.

Fails:
    flowlint: 1

Passes:
    flowlint: 1

Fix: nothing.
"""

from flowlint.api import Model, Problem

CODE, NAME, SEVERITY = "ORG1", "org-service", "info"


def check(model: Model):
    for service in model.services.values():
        yield Problem(service.location, f"service '{service.id}' ({VERSION})")
'''


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """main has specs/line.yaml (one FL101); the branch `pr` starts from it."""
    git(tmp_path, "init", "-q", "-b", "main")
    commit(tmp_path, {"specs/line.yaml": SPEC}, "the spec")
    git(tmp_path, "checkout", "-q", "-b", "pr")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")
    return tmp_path


def invoke(*args: str):
    return runner.invoke(app, list(args))


def user_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str) -> Path:
    folder = tmp_path / "home-config"
    (folder / "flowlint").mkdir(parents=True)
    (folder / "flowlint" / "config.toml").write_text(text, encoding="utf-8")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(folder))
    return folder / "flowlint" / "config.toml"


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("allow-local-rules = yes\n", "invalid TOML: "),
        ("trust = true\n", "unknown key 'trust' (known keys: allow-local-rules)"),
        ("allow-local-rules = 1\n", "'allow-local-rules' must be true, false or a list of folders"),
    ],
)
def test_a_broken_user_configuration_is_one_line(
    repo: Path, monkeypatch: pytest.MonkeyPatch, text: str, problem: str
) -> None:
    path = user_config(repo, monkeypatch, text)
    commit(repo, {"flowlint.toml": 'rules-dir = ["rules"]\n', "rules/org.py": RULE}, "rules")
    result = invoke("check", "--format", "concise")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr.startswith(f"flowlint: error: {path}: {problem}")
    assert result.stderr.count("\n") == 1


def test_a_user_configuration_allows_folders_under_the_ones_it_lists(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    user_config(repo, monkeypatch, f'allow-local-rules = ["{repo}"]\n')
    commit(
        repo,
        {"flowlint.toml": 'rules-dir = ["rules"]\n', "rules/org.py": 'VERSION = "here"\n' + RULE},
        "rules",
    )
    result = invoke("check", "--format", "concise", "--select", "ORG1")
    assert result.stdout.splitlines()[0] == (
        "specs/line.yaml:3:3: info ORG1 [org-service] service 'publish' (here)"
    )


def test_the_command_lines_rules_dir_needs_no_permission_and_is_read_at_the_revision(
    repo: Path,
) -> None:
    commit(repo, {"org/org.py": 'VERSION = "base"\n' + RULE}, "a rules folder")
    (repo / "org" / "org.py").write_text('VERSION = "work tree"\n' + RULE, encoding="utf-8")
    here = invoke("check", "--format", "concise", "--select", "ORG1", "--rules-dir", "org")
    assert "(work tree)" in here.stdout
    policy = invoke(
        "check", "--format", "concise", "--select", "ORG1,FL9", "--rules-dir", "org",
        "--policy-from", "HEAD",
    )  # fmt: skip
    assert policy.stdout.splitlines() == [
        "org/org.py:1:1: warning FL904 [policy-changed] the rule module org/org.py differs from "
        "HEAD's; this check ran the rules at HEAD",
        "specs/line.yaml:3:3: info ORG1 [org-service] service 'publish' (base)",
        "specs/line.yaml:4:3: info ORG1 [org-service] service 'find' (base)",
        "Found 1 warning and 2 info in 1 file.",
    ]
    missing = invoke("check", "--rules-dir", "elsewhere", "--policy-from", "HEAD")
    assert missing.stderr == "flowlint: error: --rules-dir elsewhere: no such directory at HEAD\n"


def test_config_is_read_at_the_revision(repo: Path) -> None:
    commit(repo, {"ci.toml": 'fail-on = "never"\n'}, "ci config")
    (repo / "ci.toml").write_text('fail-on = "error"\n', encoding="utf-8")
    # The work tree's file would fail on the error; the revision's says never.
    assert invoke("check", "--config", "ci.toml").exit_code == 1
    result = invoke("check", "--format", "concise", "--config", "ci.toml", "--policy-from", "HEAD")
    assert result.exit_code == 0
    # Stricter than the policy: not a weakening, no FL904.
    assert result.stdout.splitlines() == [FINDING, "Found 1 error in 1 file."]
    gone = invoke("check", "--config", "elsewhere.toml", "--policy-from", "HEAD")
    assert gone.stderr == "flowlint: error: elsewhere.toml at HEAD: no such file\n"


def test_policy_from_does_not_combine_with_isolated_and_needs_git(
    repo: Path, tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    both = invoke("check", "--isolated", "--policy-from", "main")
    assert both.stderr == (
        "flowlint: error: --policy-from and --isolated do not combine: --policy-from reads the "
        "configuration of a git revision\n"
    )
    unknown = invoke("check", "--policy-from", "nope")
    assert unknown.stderr == "flowlint: error: --policy-from: unknown git revision 'nope'\n"
    elsewhere = tmp_path_factory.mktemp("no-repository")
    (elsewhere / "specs").mkdir()
    monkeypatch.chdir(elsewhere)
    outside = invoke("check", "--policy-from", "main")
    assert outside.exit_code == 2
    assert outside.stderr.startswith("flowlint: error: --policy-from: not a git repository: ")


def test_policy_changes_in_json_and_sarif_point_into_the_configuration(repo: Path) -> None:
    commit(repo, {"flowlint.toml": 'fail-on = "warning"\n'}, "policy")
    (repo / "flowlint.toml").write_text('fail-on = "never"\n', encoding="utf-8")
    as_json = json.loads(invoke("check", "--format", "json", "--policy-from", "HEAD").stdout)
    (changed,) = [f for f in as_json["findings"] if f["code"] == "FL904"]
    assert (changed["file"], changed["line"], changed["column"], changed["pointer"]) == (
        "flowlint.toml",
        1,
        1,
        "/fail-on",
    )
    sarif = json.loads(invoke("check", "--format", "sarif", "--policy-from", "HEAD").stdout)
    results = sarif["runs"][0]["results"]
    (result,) = [r for r in results if r["ruleId"] == "FL904"]
    location = result["locations"][0]["physicalLocation"]
    assert location["artifactLocation"]["uri"] == "flowlint.toml"


def test_a_trusted_policy_can_turn_the_gate_findings_off(repo: Path) -> None:
    commit(repo, {"flowlint.toml": 'ignore = ["policy-changed"]\n'}, "policy")
    (repo / "flowlint.toml").write_text('ignore = ["ALL"]\n', encoding="utf-8")
    result = invoke("check", "--format", "concise", "--policy-from", "HEAD")
    assert result.stdout.splitlines() == [FINDING, "Found 1 error in 1 file."]
