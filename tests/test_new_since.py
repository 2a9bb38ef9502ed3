"""`flowlint check --new-since REV` in a real temporary git repository: only what the branch
added since the merge base is reported, and the work tree is never touched."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from flowlint.cli import app
from tests.shared import MIXED as BASE
from tests.shared import commit, git

runner = CliRunner()


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """main has specs/line.yaml with three findings; the branch `feature` starts from it."""
    git(tmp_path, "init", "-q", "-b", "main")
    commit(tmp_path, {"specs/line.yaml": BASE}, "the spec as it is")
    git(tmp_path, "checkout", "-q", "-b", "feature")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def check(*args: str):
    return runner.invoke(app, ["check", "--no-color", *args])


def test_only_what_the_branch_added_is_reported(repo: Path) -> None:
    base = git(repo, "rev-parse", "main")
    # The branch moves the entities below the flows (no new finding), adds an unused entity and a
    # second API without docs.
    changed = BASE.replace(
        "entities:\n  course: {owner: [publish, find]}\n  provider: {owner: publish}\n", ""
    ).replace(
        "apis:\n",
        "entities:\n  provider: {owner: publish}\n  school: {owner: publish}\n"
        "  course: {owner: [publish, find]}\n"
        "apis:\n  find-api: {name: Find API, service: find, access: read}\n",
    )
    commit(repo, {"specs/line.yaml": changed}, "add school and find-api")
    result = check("--new-since", "main", "-q")
    assert result.stdout.splitlines() == [
        "specs/line.yaml:7:3: info FL105 [unused-entity] entity 'school' is declared but no flow "
        "carries it and no API lists it; add the flows that copy 'school' to the services that "
        "use it, or list it under an API's 'entities'; if nothing uses it, remove it or mark it "
        "'status: retired'",
        "specs/line.yaml:10:3: warning FL301 [api-undocumented] API 'find-api' is live but has no "
        "documentation; add 'docs: <url>' pointing at its documentation, or set its status to "
        "'in-development' or 'planned' if it is not live",
    ]
    result = check("--new-since", "main", "--fail-on", "warning")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[-1] == (
        f"Found 1 warning and 1 info in 1 file; 3 findings already at main "
        f"(merge base {base[:12]}) not shown."
    )
    document = json.loads(check("--new-since", "main", "--format", "json").stdout)
    assert [f["code"] for f in document["findings"]] == ["FL105", "FL301"]
    assert document["baseline"] == {"new_since": "main", "merge_base": base, "hidden": 3}


def test_nothing_new_passes_even_with_old_errors(repo: Path) -> None:
    result = check("--new-since", "main")
    base = git(repo, "rev-parse", "main")[:12]
    assert (result.exit_code, result.stdout) == (
        0,
        f"No new findings in 1 file; 3 findings already at main (merge base {base}) not shown.\n",
    )
    assert check().exit_code == 1  # without --new-since the FL101 error fails


def test_the_merge_base_is_the_reference_not_the_tip_of_rev(repo: Path) -> None:
    # main moves on after the branch started; the branch fixes FL105 and adds an unused entity
    # that main also added later. Against the merge base, the branch's entity is new.
    fixed = BASE.replace("  provider: {owner: publish}\n", "  fee: {owner: publish}\n")
    git(repo, "checkout", "-q", "main")
    commit(repo, {"specs/line.yaml": fixed}, "main: fee")
    git(repo, "checkout", "-q", "feature")
    commit(repo, {"specs/line.yaml": fixed}, "feature: fee too")
    result = check("--new-since", "main", "-q")
    assert result.stdout.splitlines() == [
        "specs/line.yaml:7:3: info FL105 [unused-entity] entity 'fee' is declared but no flow "
        "carries it and no API lists it; add the flows that copy 'fee' to the services that use "
        "it, or list it under an API's 'entities'; if nothing uses it, remove it or mark it "
        "'status: retired'",
    ]


def test_uncommitted_changes_and_new_files_count(repo: Path) -> None:
    (repo / "specs" / "line.yaml").write_text(
        BASE.replace("  provider: {owner: publish}\n", "  provider: {owner: publish}\n  fee: {}\n"),
        "utf-8",
    )
    (repo / "specs" / "more.yaml").write_text(
        "flowlint: 1\nentities:\n  school: {owner: gias}\n", "utf-8"
    )
    result = check("--new-since", "HEAD", "--format", "json")
    found = [(f["file"], f["code"]) for f in json.loads(result.stdout)["findings"]]
    assert found == [
        ("specs/line.yaml", "FL101"),  # fee has no owner
        ("specs/line.yaml", "FL105"),
        ("specs/more.yaml", "FL105"),
        ("specs/more.yaml", "FL004"),  # gias is not declared
    ]


def test_one_more_repeat_is_one_new_finding(repo: Path) -> None:
    two = BASE + "  - {from: publish, to: find, entities: [candidate]}\n"
    commit(repo, {"specs/line.yaml": two}, "one unknown entity")
    three = two + "  - {from: publish, to: find, entities: [candidate], via: api}\n"
    (repo / "specs" / "line.yaml").write_text(three, "utf-8")
    result = check("--new-since", "HEAD", "-q", "--select", "FL004")
    assert [line.split(": ", 2)[0] for line in result.stdout.splitlines()] == [
        "specs/line.yaml:14:42"
    ]


def test_the_work_tree_and_index_are_not_touched(repo: Path) -> None:
    (repo / "specs" / "line.yaml").write_text(BASE + "# edited\n", "utf-8")
    (repo / "untracked.txt").write_text("x", "utf-8")
    status = git(repo, "status", "--porcelain")
    head = git(repo, "rev-parse", "HEAD")
    check("--new-since", "main")
    assert git(repo, "status", "--porcelain") == status
    assert git(repo, "rev-parse", "HEAD") == head
    assert (repo / "specs" / "line.yaml").read_text("utf-8") == BASE + "# edited\n"


def test_an_unknown_revision_is_exit_2(repo: Path) -> None:
    result = check("--new-since", "no-such-branch")
    assert (result.exit_code, result.stdout, result.stderr) == (
        2,
        "",
        "flowlint: error: unknown git revision 'no-such-branch'\n",
    )


def test_outside_a_git_repository_is_exit_2(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "specs").mkdir()
    (tmp_path / "specs" / "line.yaml").write_text(BASE, "utf-8")
    monkeypatch.chdir(tmp_path)
    result = check("--new-since", "main")
    assert (result.exit_code, result.stdout) == (2, "")
    assert (
        result.stderr == f"flowlint: error: not a git repository: {tmp_path.resolve().as_posix()}\n"
    )


def test_new_since_and_baseline_do_not_combine(repo: Path) -> None:
    result = check("--new-since", "main", "--baseline", "known.json")
    assert (result.exit_code, result.stderr) == (
        2,
        "flowlint: error: --baseline and --new-since do not combine: --new-since compares with "
        "git instead\n",
    )


def test_a_configured_baseline_is_not_used_with_new_since(repo: Path) -> None:
    # The configured baseline does not exist: reading it would be an error (exit 2).
    (repo / "flowlint.toml").write_text('baseline = "missing.json"\n', "utf-8")
    base = git(repo, "rev-parse", "main")[:12]
    result = check("--new-since", "main")
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        f"No new findings in 1 file; 3 findings already at main (merge base {base}) not shown.\n",
        "",
    )
    # Without --new-since the configured baseline is read, and its absence is the exit 2.
    result = check()
    assert (result.exit_code, result.stdout, result.stderr) == (
        2,
        "",
        "flowlint: error: missing.json: no such baseline file; write it with 'flowlint baseline'\n",
    )
