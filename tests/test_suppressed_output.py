"""Suppressed findings stay visible in every output: the summary counts them, SARIF keeps them as
suppressed results (validated against the SARIF 2.1.0 schema), JSON and JUnit list them, and
the github and markdown formats add a notice.

The spec has two FL101 findings silenced inline (one comment gives a reason, one does not) and a
baseline that knows two more findings (the FL901 of the comment without a reason, and an FL101).
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from jsonschema import Draft7Validator
from markdown_it import MarkdownIt
from typer.testing import CliRunner

from flowlint.baseline import only_new
from flowlint.cli import app
from flowlint.engine import lint, select_rules
from flowlint.findings import NEW_SINCE, Report
from flowlint.loading import Loaded, parse_text
from flowlint.reporters import RenderOptions
from flowlint.reporters.sarif import sarif_log
from flowlint.rules import BUILTIN_RULES

SARIF_SCHEMA = json.loads(
    (Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8")
)
SPEC = """\
flowlint: 1
services:
  publish: {name: Publish}
  find: {name: Find}
  apply: {name: Apply}
entities:
  course: {owner: [publish, find]}  # flowlint: ignore[FL101] two teams own it until 2025
  mentor: {owner: [publish, apply]}  # flowlint: ignore[FL101]
  school: {owner: [find, apply]}
flows:
  - {from: publish, to: find, entities: [course, mentor]}
  - {from: find, to: apply, entities: [course, school]}
"""
NEW = "  school: {owner: [find, apply]}\n  teacher: {owner: [find, publish]}\n"
SUMMARY = (
    "Found 1 error and 1 info in 1 file; 2 suppressed inline, 1 without a reason; "
    "2 known findings hidden by the baseline .flowlint-baseline.json."
)
BASELINE = [".flowlint-baseline.json"]

runner = CliRunner()


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "spec.yaml").write_text(SPEC, encoding="utf-8")
    assert runner.invoke(app, ["baseline", "spec.yaml"]).exit_code == 0
    (tmp_path / "spec.yaml").write_text(
        SPEC.replace("  school: {owner: [find, apply]}\n", NEW), encoding="utf-8"
    )
    return tmp_path


def check(fmt: str) -> str:
    result = runner.invoke(
        app, ["check", "--format", fmt, "--baseline", *BASELINE, "spec.yaml"], env={"NO_COLOR": "1"}
    )
    assert result.exit_code == 1, result.stderr
    return result.stdout


def test_without_a_baseline_the_summary_counts_inline_suppressions(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "spec.yaml").write_text(SPEC, encoding="utf-8")
    result = runner.invoke(app, ["check", "--format", "concise", "spec.yaml"])
    assert result.stdout.splitlines()[-1] == (
        "Found 1 error and 1 warning in 1 file; 2 suppressed inline, 1 without a reason."
    )


def test_text_and_concise_summaries_count_what_is_suppressed(project: Path) -> None:
    assert check("concise").splitlines()[-1] == SUMMARY
    assert check("text").splitlines()[-1] == SUMMARY


def test_github_adds_a_notice_with_the_counts(project: Path) -> None:
    lines = check("github").splitlines()
    assert lines[-2] == (
        "::notice title=flowlint::findings not shown: 2 suppressed inline, 1 without a reason; "
        "2 known findings hidden by the baseline .flowlint-baseline.json."
    )
    assert lines[-1] == SUMMARY


def test_sarif_keeps_suppressed_results_with_their_justification(project: Path) -> None:
    log = json.loads(check("sarif"))
    assert list(Draft7Validator(SARIF_SCHEMA).iter_errors(log)) == []
    results = log["runs"][0]["results"]
    shown = [r for r in results if "suppressions" not in r]
    hidden = {
        (r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"]): r[
            "suppressions"
        ]
        for r in results
        if "suppressions" in r
    }
    assert [(r["ruleId"], r["level"]) for r in shown] == [("FL105", "note"), ("FL101", "error")]
    assert hidden == {
        ("FL101", 7): [{"kind": "inSource", "justification": "two teams own it until 2025"}],
        ("FL101", 8): [{"kind": "inSource"}],
        ("FL901", 8): [
            {
                "kind": "external",
                "justification": "known in the baseline .flowlint-baseline.json",
            }
        ],
        ("FL101", 9): [
            {
                "kind": "external",
                "justification": "known in the baseline .flowlint-baseline.json",
            }
        ],
    }
    ids = [r["partialFingerprints"]["flowlint/v1"] for r in results]
    assert len(set(ids)) == len(ids)


def test_json_lists_the_suppressed_findings(project: Path) -> None:
    document = json.loads(check("json"))
    assert document["summary"] == {"error": 1, "warning": 0, "info": 1}
    assert [
        (s["code"], s["line"], s["suppression"]["kind"], s["suppression"]["reason"])
        for s in document["suppressed"]
    ] == [
        ("FL101", 7, "inline", "two teams own it until 2025"),
        ("FL101", 8, "inline", ""),
        ("FL901", 8, "baseline", "known in the baseline .flowlint-baseline.json"),
        ("FL101", 9, "baseline", "known in the baseline .flowlint-baseline.json"),
    ]


def test_markdown_adds_a_notice_and_a_collapsed_table(project: Path) -> None:
    text = check("markdown")
    assert (
        "> **Suppressed:** 2 suppressed inline, 1 without a reason; 2 known findings hidden by the "
        "baseline .flowlint-baseline.json.\n\n<details>\n<summary>4 suppressed findings</summary>\n"
    ) in text
    assert (
        "| error | FL101 single-owner | spec.yaml:7:12 | entity 'course' has 2 owners, 'publish' "
        "and 'find'; keep one owner and let the others receive a copy through a flow | inline: two "
        "teams own it until 2025 |"
    ) in text
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    rows = [t for t in tokens if t.type == "tr_open"]
    assert len(rows) == 3 + 5  # header and two findings; header and four suppressed


def test_junit_lists_them_in_the_suite_output(project: Path) -> None:
    root = ET.fromstring(check("junit"))
    out = root.find("testsuite/system-out")
    assert out is not None and out.text is not None
    assert out.text.splitlines() == [
        "7:12: error FL101 entity 'course' has 2 owners, 'publish' and 'find'; keep one owner and "
        "let the others receive a copy through a flow (suppressed, inline: two teams own it until "
        "2025)",
        "8:12: error FL101 entity 'mentor' has 2 owners, 'publish' and 'apply'; keep one owner and "
        "let the others receive a copy through a flow (suppressed, inline: no reason given)",
        "8:38: warning FL901 suppression of FL101 gives no reason; say why after the brackets, "
        "e.g. '# flowlint: ignore[FL101] <why this is acceptable here>' (suppressed, baseline: "
        "known in the baseline .flowlint-baseline.json)",
        "9:12: error FL101 entity 'school' has 2 owners, 'find' and 'apply'; keep one owner and "
        "let the others receive a copy through a flow (suppressed, baseline: known in the "
        "baseline .flowlint-baseline.json)",
    ]


def test_findings_already_at_the_merge_base_are_external_suppressions() -> None:
    source = parse_text(SPEC, "spec.yaml")
    report = lint(Loaded((source,)), select_rules(BUILTIN_RULES))
    newer = only_new(report, report.findings, "origin/main", "0123456789abcdef0123")
    assert newer.findings == ()
    assert {s.kind for s in newer.suppressed if s.finding.code == "FL901"} == {NEW_SINCE}
    log = sarif_log(newer, RenderOptions())
    assert list(Draft7Validator(SARIF_SCHEMA).iter_errors(log)) == []
    assert {
        json.dumps(r["suppressions"]) for r in log["runs"][0]["results"] if r["ruleId"] == "FL901"
    } == {
        json.dumps(
            [
                {
                    "kind": "external",
                    "justification": "already at origin/main (merge base 0123456789ab)",
                }
            ]
        )
    }
    assert isinstance(newer, Report)
