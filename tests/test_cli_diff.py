"""`flowlint diff` on a real temporary git repository: verdicts, formats and exit codes."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from flowlint.cli import app
from tests.shared import GIT_ENV, git
from tests.test_diffing import BASE, COURSE_API, REGISTER_API, SRS_FLOW

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

SPEC = Path("specs") / "service-line.yaml"

runner = CliRunner()


def commit(repo: Path, text: str, message: str) -> None:
    (repo / SPEC).write_text(text, encoding="utf-8")
    git(repo, "add", str(SPEC))
    git(repo, "commit", "-q", "-m", message)


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Commits: base; v2 removes a flow and an API and adds a service (breaking); v3 changes
    an owner and copies personal data to a new service (risky); v4 renames a service (safe)."""
    root = tmp_path / "repo"
    (root / "specs").mkdir(parents=True)
    for key, value in GIT_ENV.items():
        monkeypatch.setenv(key, value)
    git(root, "init", "-q", "-b", "main")
    commit(root, BASE, "base")
    v2 = (
        BASE.replace("  - {from: apply, to: register, entities: [application]}\n", "")
        .replace(REGISTER_API, "")
        .replace(SRS_FLOW, "  - {from: srs, to: register, entities: [trainee], via: file}\n")
        .replace("services:\n", "services:\n  claims: {name: Claims}\n")
        .replace("flows:\n", "flows:\n  - {from: apply, to: claims, entities: [course]}\n")
    )
    commit(root, v2, "v2: remove a flow and an API")
    v3 = v2.replace("course: {owner: apply}", "course: {owner: manage}").replace(
        "{from: apply, to: claims, entities: [course]}",
        "{from: apply, to: claims, entities: [course, application]}",
    )
    commit(root, v3, "v3: move course to manage, copy applications to claims")
    commit(root, v3.replace("claims: {name: Claims}", "claims: {name: Claim funding}"), "v4")
    monkeypatch.chdir(root)
    return root


def invoke(*args: str):
    return runner.invoke(app, ["diff", *args])


def test_breaking_changes_between_two_commits_exit_1(repo: Path) -> None:
    result = invoke("HEAD~3", "HEAD~2")
    assert result.exit_code == 1, result.stderr
    assert result.stderr == ""
    assert result.stdout == (
        "Changes from HEAD~3 to HEAD~2: 2 breaking, 3 safe.\n"
        "\n"
        "breaking  flow apply -> register (copy) removed (it carried 'application')\n"
        "          'register' relies on it for 'application'\n"
        "\n"
        "breaking  API 'register-api' removed\n"
        "          'srs' uses it\n"
        "\n"
        "safe      service 'claims' added\n"
        "          a new service changes nothing that existed\n"
        "\n"
        "safe      flow apply -> claims (copy) added (carrying 'course')\n"
        "          no personal data reaches a service that did not have it\n"
        "\n"
        "safe      flow srs -> register now goes by file (was through API 'register-api')\n"
        "          the same data reaches 'register' another way\n"
        "\n"
        "Findings introduced: none.\n"
        "Findings resolved: none.\n"
    )
    assert invoke("HEAD~3", "HEAD~2", "--fail-on", "never").exit_code == 0


def test_a_change_that_introduces_an_error_is_breaking(repo: Path) -> None:
    # Moving 'course' to 'manage' leaves 'apply' sending (FL102, an error) and relating (FL202)
    # data it no longer holds: check would fail, so the owner change is breaking.
    result = invoke("HEAD~2", "HEAD~1")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == "Changes from HEAD~2 to HEAD~1: 1 breaking, 1 risky."
    assert [line for line in lines if line.startswith(("risky", "safe", "breaking"))] == [
        "breaking  owner of entity 'course': 'apply' -> 'manage'",
        "risky     flow apply -> claims (copy) now also carries 'application'",
    ]
    assert lines[3] == (
        "          responsibility for the data moves: every copy must now come from 'manage'; "
        "it introduces findings that check fails on: 1 FL102 unsourced-data error; it also "
        "introduces 1 FL202 unheld-relationship warning"
    )
    assert "          a new copy of personal data 'application' in 'claims'" in lines
    start = next(i for i, line in enumerate(lines) if line.startswith("Findings introduced ("))
    introduced = lines[start + 1 : lines.index("Findings resolved: none.")]
    assert {re.search(r" (FL\d+) ", line).group(1) for line in introduced} == {"FL102", "FL202"}
    assert lines[start] == f"Findings introduced ({len(introduced)}):"
    assert invoke("HEAD~2", "HEAD~1", "--fail-on", "never").exit_code == 0


def test_safe_changes_and_no_changes(repo: Path) -> None:
    safe = invoke("HEAD~1", "HEAD", "--fail-on", "risky")
    assert safe.exit_code == 0
    assert safe.stdout.splitlines()[:3] == [
        "Changes from HEAD~1 to HEAD: 1 safe.",
        "",
        "safe      service 'claims' name: 'Claims' -> 'Claim funding'",
    ]
    same = invoke("HEAD", "HEAD")
    assert same.exit_code == 0
    assert same.stdout == (
        "Changes from HEAD to HEAD: no semantic changes.\n"
        "\n"
        "Findings introduced: none.\n"
        "Findings resolved: none.\n"
    )


def test_head_defaults_to_the_work_tree_and_revisions_ignore_it(repo: Path) -> None:
    text = (repo / SPEC).read_text(encoding="utf-8")
    (repo / SPEC).write_text(
        text.replace("visibility: public", "visibility: private"), encoding="utf-8"
    )
    in_tree = invoke("HEAD")
    assert in_tree.exit_code == 0
    assert in_tree.stdout.splitlines()[:3] == [
        "Changes from HEAD to the work tree: 1 risky.",
        "",
        "risky     API 'course-api' visibility: 'public' -> 'private'",
    ]
    assert invoke("HEAD", "--fail-on", "risky").exit_code == 1
    # Between two revisions the uncommitted change is not read.
    assert "no semantic changes" in invoke("HEAD", "HEAD").stdout


def test_paths_on_disk_compare_without_git(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # not a git repository
    Path("old.yaml").write_text(BASE, encoding="utf-8")
    Path("new.yaml").write_text(BASE.replace(COURSE_API, ""), encoding="utf-8")
    result = invoke("old.yaml", "new.yaml")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[:4] == [
        "Changes from old.yaml to new.yaml: 1 breaking.",
        "",
        "breaking  API 'course-api' removed",
        "          it was public: callers outside the spec may rely on it",
    ]


def test_json_output(repo: Path) -> None:
    result = invoke("HEAD~3", "HEAD~2", "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert (data["base"], data["head"]) == ("HEAD~3", "HEAD~2")
    assert data["summary"] == {"breaking": 2, "risky": 0, "safe": 3}
    first = data["changes"][0]
    assert first == {
        "kind": "flow",
        "action": "removed",
        "ids": ["apply", "register", "copy"],
        "field": None,
        "detail": "flow apply -> register (copy) removed (it carried 'application')",
        "verdict": "breaking",
        "reason": "'register' relies on it for 'application'",
        "file": "specs/service-line.yaml",
        "line": 16,
        "pointer": "/flows/1",
    }
    assert data["findings"] == {"introduced": [], "resolved": []}
    risky = json.loads(invoke("HEAD~2", "HEAD~1", "--format", "json").stdout)
    introduced = risky["findings"]["introduced"]
    assert {f["code"] for f in introduced} == {"FL102", "FL202"}
    assert all(f["file"] == "specs/service-line.yaml" for f in introduced)


def test_markdown_is_a_pull_request_comment_with_a_diagram_of_the_affected_part(repo: Path) -> None:
    result = invoke("HEAD~3", "HEAD~2", "--format", "markdown")
    assert result.exit_code == 1
    out = result.stdout
    assert out.startswith(
        "### flowlint diff\n\n**2 breaking**, 3 safe changes from `HEAD~3` to `HEAD~2`.\n"
    )
    assert "| Verdict | Change | Why |\n| --- | --- | --- |\n" in out
    assert (
        "| **breaking** | flow apply -> register (copy) removed (it carried 'application') "
        "| 'register' relies on it for 'application' |"
    ) in out
    diagram = out.split("```mermaid\n", 1)[1].split("```", 1)[0].splitlines()
    assert diagram[0] == "flowchart LR"
    nodes = dict(
        re.fullmatch(r'  (s\d+)\["([^"]*)"\](.*)', line).group(2, 1)
        for line in diagram
        if re.fullmatch(r"  s\d+\[.*", line)
    )
    # Every service a change touches, and no other.
    assert set(nodes) == {"Apply (apply)", "Register (register)", "SRS (srs)", "Claims (claims)"}
    edges = [line for line in diagram if re.match(r"  s\d+ ", line)]
    apply_, register, srs, claims = (
        nodes[n] for n in ("Apply (apply)", "Register (register)", "SRS (srs)", "Claims (claims)")
    )
    assert f'  {apply_} -->|"added: course"| {claims}' in edges
    assert f'  {srs} -->|"changed: trainee by file"| {register}' in edges
    assert f'  {apply_} -.->|"removed: application"| {register}' in edges
    removed_index = edges.index(f'  {apply_} -.->|"removed: application"| {register}')
    assert f"  linkStyle {removed_index} stroke:#cf222e,stroke-width:3px" in diagram
    assert f"  class {claims} added" in diagram
    assert out.endswith("Findings introduced: none.\n\nFindings resolved: none.\n")


def test_bad_revision_and_not_a_repository_exit_2_with_one_line(
    repo: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = invoke("no-such-branch")
    assert (bad.exit_code, bad.stdout) == (2, "")
    assert bad.stderr == "flowlint: error: unknown git revision 'no-such-branch'\n"
    missing = invoke("HEAD", "--path", "nowhere")
    assert missing.exit_code == 2
    assert missing.stderr.splitlines() == [
        "flowlint: error: nowhere: no such file or directory at HEAD",
        "flowlint: error: nowhere: no such file or directory",
    ]
    elsewhere = tmp_path / "plain"
    (elsewhere / "specs").mkdir(parents=True)
    monkeypatch.chdir(elsewhere)
    outside = invoke("HEAD")
    assert outside.exit_code == 2
    assert (
        outside.stderr
        == f"flowlint: error: not a git repository: {elsewhere.resolve().as_posix()}\n"
    )


def test_as_a_process(repo: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "flowlint", "diff", "HEAD~3", "HEAD~2", "--format", "json"],
        cwd=repo,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
        check=False,
    )
    assert done.returncode == 1, done.stderr
    assert json.loads(done.stdout)["summary"]["breaking"] == 2


def test_a_version_that_is_not_valid_yaml_is_not_compared(repo: Path) -> None:
    (repo / SPEC).write_text("flowlint: 1\nservices: [\n", encoding="utf-8")
    result = invoke("HEAD")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "flowlint: error: specs/service-line.yaml in the work tree is not valid YAML, so the "
        "versions cannot be compared (line 3, column 1: invalid YAML: did not find expected "
        "node content)\n"
    )


def test_mermaid_ids_are_generated_and_labels_quoted() -> None:
    from flowlint.commands.diff import render_mermaid
    from flowlint.diffing import diff_models
    from flowlint.loading import parse_text
    from flowlint.model import build_model

    before = build_model([parse_text(BASE, "spec.yaml")])
    after_text = BASE.replace(
        "services:\n", 'services:\n  odd-one: {name: "The \\"odd\\" one [x] -->"}\n'
    ).replace("flows:\n", "flows:\n  - {from: apply, to: odd-one, entities: [course]}\n")
    after = build_model([parse_text(after_text, "spec.yaml")])
    diagram = render_mermaid(diff_models(before, after), before, after).splitlines()
    assert diagram == [
        "flowchart LR",
        '  s0["The #quot;odd#quot; one [x] --#gt; (odd-one)"]',
        '  s1["Apply (apply)"]',
        '  s1 -->|"added: course"| s0',
        "  classDef removed stroke-dasharray:5 5,color:#6e7781",
        "  classDef added stroke:#1a7f37,stroke-width:2px",
        "  classDef breaking stroke:#cf222e,stroke-width:3px",
        "  classDef risky stroke:#bf8700,stroke-width:2px",
        "  class s0 added",
    ]


# --- issue 13: explanations name only findings the diff has; findings raise verdicts ------------


@pytest.fixture
def versions(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Write the base spec (clean) and a changed one as files; return a function that diffs them."""
    monkeypatch.chdir(tmp_path)
    Path("old.yaml").write_text(BASE, encoding="utf-8")

    def diff_to(old: str, new: str, *args: str):
        changed = BASE.replace(old, new)
        assert changed != BASE
        Path("new.yaml").write_text(changed, encoding="utf-8")
        return invoke("old.yaml", "new.yaml", *args)

    return diff_to


def test_explanations_name_only_the_findings_the_diff_introduced_or_resolved(versions) -> None:
    # 'manage' receives both entities, so it may define the relationship instead of 'apply':
    # nothing about duplicate relationships changes, and the explanation must not say so.
    result = versions("to: application, defined_by: apply}", "to: application, defined_by: manage}")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        "Changes from old.yaml to new.yaml: 1 safe.\n"
        "\n"
        "safe      relationship 'Course to application' (course -> application) defined_by: "
        "+manage -apply\n"
        "          who creates it changes\n"
        "\n"
        "Findings introduced: none.\n"
        "Findings resolved: none.\n"
    )
    # Defined by both: the diff introduces an FL201 warning, names it, and rates it risky.
    both = versions(
        "to: application, defined_by: apply}", "to: application, defined_by: [apply, manage]}"
    )
    assert both.exit_code == 0
    assert both.stdout.splitlines()[2:4] == [
        "risky     relationship 'Course to application' (course -> application) defined_by: "
        "+manage",
        "          who creates it changes; it introduces 1 FL201 duplicate-relationship warning",
    ]
    # An edit the owner makes itself loses nothing: no lost-edit finding to point at.
    edits = versions("apply: {name: Apply}", "apply: {name: Apply, edits: [application]}")
    assert edits.stdout.splitlines()[2:4] == [
        "safe      service 'apply' edits: +application",
        "          records which copies the service changes",
    ]


def test_one_owner_to_two_is_breaking_and_fails_like_check(versions) -> None:
    result = versions("course: {owner: apply}", "course: {owner: [apply, manage]}")
    assert result.exit_code == 1
    assert result.stdout.splitlines()[:4] == [
        "Changes from old.yaml to new.yaml: 1 breaking.",
        "",
        "breaking  owner of entity 'course': 'apply' -> 'apply' and 'manage'",
        "          responsibility for the data moves: every copy must now come from 'apply' and "
        "'manage'; it introduces findings that check fails on: 1 FL101 single-owner error",
    ]
    assert "new.yaml:10:12: error FL101 [single-owner]" in result.stdout
    assert invoke("old.yaml", "new.yaml", "--fail-on", "never").exit_code == 0
    # check fails on the same spec, for the same finding.
    assert runner.invoke(app, ["check", "-q", "new.yaml"]).exit_code == 1


def test_the_configured_fail_on_is_what_makes_a_finding_breaking(versions) -> None:
    change = (
        "to: application, defined_by: apply}",
        "to: application, defined_by: [apply, manage]}",
    )
    assert versions(*change).exit_code == 0  # a new warning: risky
    Path("flowlint.toml").write_text('fail-on = "warning"\n', encoding="utf-8")
    gated = versions(*change)
    assert gated.exit_code == 1  # check would now fail on the warning: breaking
    assert gated.stdout.splitlines()[2] == (
        "breaking  relationship 'Course to application' (course -> application) defined_by: +manage"
    )
    assert runner.invoke(app, ["check", "-q", "new.yaml"]).exit_code == 1


def test_a_new_error_no_change_explains_still_fails_the_diff(versions) -> None:
    # An unknown key: an FL003 error, and no semantic change it could be about.
    result = versions("apply: {name: Apply}", "apply: {name: Apply, colour: red}")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[:2] == [
        "Changes from old.yaml to new.yaml: no semantic changes.",
        "The findings introduced make it breaking: check fails on some of them, whatever "
        "change they come from.",
    ]
    data = json.loads(invoke("old.yaml", "new.yaml", "--format", "json").stdout)
    assert (data["summary"], data["verdict"]) == (
        {"breaking": 0, "risky": 0, "safe": 0},
        "breaking",
    )


def test_the_missing_second_version_is_what_the_hint_describes(
    repo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.rmtree(repo / "specs")
    result = invoke("HEAD")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "flowlint: error: nothing in the work tree to compare HEAD with: there is no specs/ "
        "directory here; give the version to compare it with as a second argument (a git "
        "revision, or a spec file or directory), or name the spec files with --path\n"
    )
    assert "name HEAD" not in result.stderr
