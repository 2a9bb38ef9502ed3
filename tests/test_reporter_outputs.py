"""Every output format of one small report, compared byte for byte with a golden file.

The report has findings of all three severities in two files, findings suppressed inline (with and
without a reason) and by a baseline, a message of two lines full of markup, and a file name that
GitHub property values and URIs must escape. Each format is also read back by the real parser of
its format (SARIF: the official JSON schema; JUnit: xml.etree; GitLab and JSON: json; GitHub: the
workflow command syntax), so a golden file cannot hold a broken document.

The golden files are under tests/data/reporters/. They were written by hand-checked runs and are
meant to change only when an output format does. To regenerate them after such a change, run

    FLOWLINT_REGENERATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_reporter_outputs.py

which rewrites them and fails, then review `git diff tests/data/reporters/` line by line.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from jsonschema import Draft7Validator

from flowlint.baseline import Outcome
from flowlint.findings import BASELINE, INLINE, Finding, Location, Report, Severity, Suppressed
from flowlint.reporters import RenderOptions, get_reporter
from flowlint.rule import Rule, RuleDoc

DATA = Path(__file__).parent / "data"
GOLDEN = DATA / "reporters"
SARIF_SCHEMA = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
REGENERATE = os.environ.get("FLOWLINT_REGENERATE_GOLDEN") == "1"

A = "specs/a.yaml"
ODD = "specs/odd, name:1.yaml"  # a comma and a colon: GitHub properties and URIs escape both
A_TEXT = """\
flowlint: 1
services:
  publish: {name: Publish}
entities:
  course: {owner: [publish, find]}
  mentor: {owner: [publish, find]}  # flowlint: ignore[FL101] two teams
  school: {owner: [publish, find]}  # flowlint: ignore[FL101]
flows:
  - {from: publish, to: find, entities: [course]}
"""
ODD_TEXT = "flowlint: 1\nservices: {}\n"

ERROR = Finding(
    "FL101",
    "single-owner",
    Severity.ERROR,
    "entity 'course' has 2 owners, 'publish' and 'find'",
    Location(A, 5, 11, "/entities/course/owner"),
    ("entity", "course"),
)
# Two lines, and text that is markup, a mention, a GitHub escape or a workflow command elsewhere.
WARNING = Finding(
    "FL103",
    "lost-edit",
    Severity.WARNING,
    "service 'find' edits 'course'\nbut 100% of <its> edits | stay @here ##[error]x & *y*",
    Location(A, 9, 5, "/flows/0"),
    ("edit", "find", "course"),
)
INFO = Finding(
    "FL105",
    "unused-entity",
    Severity.INFO,
    "entity 'x' is unused",
    Location(ODD, 1, 1, ""),
    ("entity", "x"),
)
HUSHED = Finding(
    "FL101",
    "single-owner",
    Severity.ERROR,
    "entity 'mentor' has 2 owners, 'publish' and 'find'",
    Location(A, 6, 11, "/entities/mentor/owner"),
    ("entity", "mentor"),
)
BARE = Finding(
    "FL101",
    "single-owner",
    Severity.ERROR,
    "entity 'school' has 2 owners",
    Location(A, 7, 11, "/entities/school/owner"),
    ("entity", "school"),
)
KNOWN = Finding(
    "FL103",
    "lost-edit",
    Severity.WARNING,
    "service 'x' edits 'y'",
    Location(ODD, 2, 3, "/services/x"),
    ("edit", "x", "y"),
)
BASELINE_FILE = ".flowlint-baseline.json"

# Given out of order: Report.of sorts findings and suppressed findings by file, line and column.
REPORT = dataclasses.replace(
    Report.of(
        [INFO, WARNING, ERROR],
        files=(A, ODD),
        texts={A: A_TEXT, ODD: ODD_TEXT},
        suppressed=(
            Suppressed(KNOWN, BASELINE, BASELINE_FILE),
            Suppressed(BARE, INLINE, ""),
            Suppressed(HUSHED, INLINE, "two teams"),
        ),
    ),
    baseline=Outcome("baseline", BASELINE_FILE, 1),
)


def rule(code: str, name: str, severity: Severity, doc: RuleDoc, **more: object) -> Rule:
    return Rule(code, name, severity, True, lambda model: (), doc, **more)  # type: ignore[arg-type]


# The rules SARIF describes: a fully documented one, an undocumented one that is off by default,
# and a plugin's. FL105 has findings but is not among them, so it gets a minimal descriptor.
KNOWN_RULES = (
    rule(
        "FL101",
        "single-owner",
        Severity.ERROR,
        RuleDoc(
            "Each entity has one owner.",
            "the owner is where edits land.",
            "entities:\n  a: {owner: [x, y]}\n",
            "entities:\n  a: {owner: x}\n",
            "Keep one owner.",
        ),
    ),
    dataclasses.replace(
        rule("FL103", "lost-edit", Severity.WARNING, RuleDoc("", "", "", "", "")),
        enabled_by_default=False,
    ),
    rule(
        "XP1",
        "plug-in",
        Severity.INFO,
        RuleDoc("Plug.", "", "  \n", "", "Do it."),
        origin="acme-plugin",
    ),
)
OPTIONS = RenderOptions(version="9.9.9", root="/repo", cwd="/repo", known_rules=KNOWN_RULES)


def golden(name: str, actual: str) -> str:
    """The golden file's text (rewritten, and the test failed, when regenerating)."""
    path = GOLDEN / name
    if REGENERATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8", newline="")
        pytest.fail(f"regenerated {path}: review the diff")
    return read(name)


def read(name: str) -> str:
    with (GOLDEN / name).open(encoding="utf-8", newline="") as file:
        return file.read()


FORMATS = [
    ("text", "text.txt", {}),
    ("text", "text-quiet.txt", {"quiet": True}),
    ("text", "text-color.txt", {"color": True}),
    ("concise", "concise.txt", {}),
    ("json", "json.json", {}),
    ("sarif", "sarif.json", {}),
    ("github", "github.txt", {}),
    ("github", "github-quiet.txt", {"quiet": True}),
    ("junit", "junit.xml", {"rules": ("FL101", "FL103", "FL301")}),
    ("gitlab", "gitlab.json", {}),
    ("markdown", "markdown.md", {}),
    ("markdown", "markdown-quiet.md", {"quiet": True}),
]


@pytest.mark.parametrize(("fmt", "name", "options"), FORMATS, ids=[f[1] for f in FORMATS])
def test_golden_output(fmt: str, name: str, options: dict[str, object]) -> None:
    actual = get_reporter(fmt)(REPORT, dataclasses.replace(OPTIONS, **options))
    assert actual == golden(name, actual)


def test_the_findings_are_in_report_order_with_stable_fingerprints() -> None:
    assert REPORT.findings == (ERROR, WARNING, INFO)
    assert [s.finding for s in REPORT.suppressed] == [HUSHED, BARE, KNOWN]
    # A fingerprint is the first 16 hex digits of sha256 of the code and the subject, joined by
    # U+001F: every user's baseline holds these, so they must never change.
    assert [f.fingerprint for f in REPORT.findings] == [
        "14d47a36a29ec154",
        "fd3e4367e3385703",
        "8233117c2a6eebbb",
    ]


# Each golden output read back by the real parser of its format.


def test_sarif_is_valid_and_matches_the_report() -> None:
    log = json.loads(read("sarif.json"))
    errors = sorted(Draft7Validator(SARIF_SCHEMA).iter_errors(log), key=str)
    assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors]
    (run,) = log["runs"]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["FL101", "FL103", "XP1", "FL105"]
    results = run["results"]
    assert [(r["ruleId"], r["ruleIndex"]) for r in results] == [
        ("FL101", 0),
        ("FL103", 1),
        ("FL105", 3),
        ("FL101", 0),
        ("FL101", 0),
        ("FL103", 1),
    ]
    assert [r.get("suppressions") for r in results] == [
        None,
        None,
        None,
        [{"kind": "inSource", "justification": "two teams"}],
        [{"kind": "inSource"}],
        [{"kind": "external", "justification": BASELINE_FILE}],
    ]
    assert results[1]["message"]["text"] == WARNING.message


def test_junit_parses_and_counts() -> None:
    root = ET.fromstring(read("junit.xml").encode("utf-8"))
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("8", "3", "0")
    suites = root.findall("testsuite")
    assert [(s.get("name"), s.get("tests"), s.get("failures")) for s in suites] == [
        (A, "4", "2"),
        (ODD, "4", "1"),
    ]
    first = suites[0].find("testcase[@name='FL103 lost-edit']/failure")
    assert first is not None
    assert first.text == "9:5: warning " + WARNING.message.replace("\n", "\\n")
    out = suites[0].find("system-out")
    assert out is not None
    assert out.text == (
        "6:11: error FL101 entity 'mentor' has 2 owners, 'publish' and 'find' "
        "(suppressed, inline: two teams)\n"
        "7:11: error FL101 entity 'school' has 2 owners (suppressed, inline: no reason given)"
    )


def test_gitlab_parses_as_code_quality() -> None:
    issues = json.loads(read("gitlab.json"))
    assert [(i["check_name"], i["severity"], i["location"]) for i in issues] == [
        ("FL101", "major", {"path": A, "lines": {"begin": 5}}),
        ("FL103", "minor", {"path": A, "lines": {"begin": 9}}),
        ("FL105", "info", {"path": ODD, "lines": {"begin": 1}}),
    ]
    assert issues[1]["description"] == "FL103 lost-edit: " + WARNING.message


def test_json_parses_to_the_report() -> None:
    document = json.loads(read("json.json"))
    assert [f["message"] for f in document["findings"]] == [f.message for f in REPORT.findings]
    assert [s["suppression"] for s in document["suppressed"]] == [
        {"kind": "inline", "reason": "two teams"},
        {"kind": "inline", "reason": ""},
        {"kind": "baseline", "reason": BASELINE_FILE},
    ]
    assert document["baseline"] == {"file": BASELINE_FILE, "hidden": 1, "stale": []}


# A workflow command: `::name key=value,key=value::message` where no value holds `,` or `:`
# and nothing holds a raw line break.
WORKFLOW_COMMAND = re.compile(r"^::(error|warning|notice|group|endgroup)( [^:]*)?::(.*)$")


def test_github_lines_are_workflow_commands_or_plain_text() -> None:
    lines = read("github.txt").splitlines()
    commands = [WORKFLOW_COMMAND.match(line) for line in lines[:-1]]
    assert all(commands), lines
    assert [m.group(1) for m in commands if m] == [
        "group",
        "error",
        "warning",
        "endgroup",
        "group",
        "notice",
        "endgroup",
        "notice",
    ]
    for match in commands:
        assert match is not None
        for prop in (match.group(2) or "").strip().split(","):
            if prop:
                key, value = prop.split("=", 1)
                assert key in ("file", "line", "col", "title"), prop
                assert ":" not in value and "," not in value, prop
    assert not lines[-1].startswith("::")
