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


# text and concise: frames, windows, summaries, colour and the cap on findings per rule.


def one_finding(
    line: int = 1,
    column: int = 1,
    text: str | None = None,
    severity: Severity = Severity.ERROR,
    message: str = "m",
) -> Report:
    finding = Finding("FL101", "single-owner", severity, message, Location("f.yaml", line, column))
    return Report.of([finding], files=("f.yaml",), texts={} if text is None else {"f.yaml": text})


def text(report: Report, **options: object) -> str:
    return get_reporter("text")(report, RenderOptions(**options))  # type: ignore[arg-type]


def frame_rows(line: int, column: int, source: str) -> list[str]:
    """The rows of the code frame under the one finding (not its line, the blank, the summary)."""
    return text(one_finding(line, column, source)).splitlines()[1:-2]


def test_a_line_of_120_characters_is_shown_whole() -> None:
    source = "a" * 119 + "Z"
    assert frame_rows(1, 120, source) == ["   1 | " + source, "     | " + " " * 119 + "^"]


def test_a_longer_line_is_cut_to_120_characters_around_the_column() -> None:
    # At the start: no ellipsis before, one after.
    source = "Z" + "a" * 120
    assert frame_rows(1, 1, source) == ["   1 | Z" + "a" * 119 + "…", "     | ^"]
    # In the middle: 60 characters before the column, an ellipsis at each end.
    source = "x" * 148 + "AB" + "y" * 150
    assert frame_rows(1, 149, source) == [
        "   1 | …" + "x" * 60 + "AB" + "y" * 58 + "…",
        "     | " + " " * 61 + "^",
    ]
    # One character cut at each end.
    source = "<" + "a" * 60 + "Z" + "a" * 59 + ">"
    assert frame_rows(1, 62, source) == [
        "   1 | …" + "a" * 60 + "Z" + "a" * 59 + "…",
        "     | " + " " * 61 + "^",
    ]
    # At the end: the last 120 characters, an ellipsis before only.
    source = "a" * 199 + "Z"
    assert frame_rows(1, 200, source) == [
        "   1 | …" + "a" * 119 + "Z",
        "     | " + " " * 120 + "^",
    ]


def test_a_long_line_before_the_finding_is_cut_around_the_same_column() -> None:
    before = "b" * 100 + "B" + "b" * 99
    line = "x" * 100 + "X" + "x" * 99
    assert frame_rows(2, 101, before + "\n" + line) == [
        "   1 | …" + "b" * 60 + "B" + "b" * 59 + "…",
        "   2 | …" + "x" * 60 + "X" + "x" * 59 + "…",
        "     | " + " " * 61 + "^",
    ]


def test_a_blank_line_before_the_finding_is_left_out_and_wide_characters_take_two_cells() -> None:
    # Fullwidth Latin letters (East Asian width F) are as wide as ideographs (W).
    assert frame_rows(2, 3, "  \nＡＢc: 1\n") == ["   2 | ＡＢc: 1", "     |     ^"]


def test_a_spec_line_in_a_frame_is_never_the_start_of_a_row() -> None:
    # `::` starts a workflow command only at the start of a line; in a frame the gutter starts it.
    assert frame_rows(1, 1, "::error::x\n") == ["   1 | ::error::x", "     | ^"]


def test_summary_lines() -> None:
    assert text(one_finding()).splitlines()[-1] == "Found 1 error in 1 file."
    warnings = Report.of(
        [
            Finding("FL103", "lost-edit", Severity.WARNING, "m", Location("a.yaml", n, 1))
            for n in (1, 2)
        ],
        files=("a.yaml", "b.yaml"),
    )
    assert text(warnings).splitlines()[-1] == "Found 2 warnings in 2 files."
    # A report made without Report.of (a run that stopped) has no counts: no findings.
    assert text(Report(files=("a.yaml",))) == "No findings in 1 file.\n"
    hidden = dataclasses.replace(
        Report.of([], files=("a.yaml",)), baseline=Outcome("baseline", "b.json", 2)
    )
    assert text(hidden) == (
        "No new findings in 1 file; 2 known findings hidden by the baseline b.json.\n"
    )


def test_colour_summary_of_a_clean_report_is_green() -> None:
    clean = Report.of([], files=("a.yaml",))
    assert text(clean, color=True) == "\x1b[32mNo findings in 1 file.\x1b[0m\n"


def test_concise_with_colour_has_no_frames() -> None:
    report = one_finding(1, 1, "a: 1\n", Severity.WARNING)
    assert get_reporter("concise")(report, RenderOptions(color=True)) == (
        "\x1b[1mf.yaml:1:1:\x1b[0m \x1b[33mwarning\x1b[0m\x1b[1m FL101\x1b[0m"
        "\x1b[2m [single-owner]\x1b[0m m\n"
        "\x1b[33mFound 1 warning in 1 file.\x1b[0m\n"
    )


def test_colour_never_wraps_a_long_line() -> None:
    message = " ".join(["word"] * 30_000)  # 150,000 characters
    assert text(one_finding(message=message), color=True) == (
        "\x1b[1mf.yaml:1:1:\x1b[0m \x1b[1;31merror\x1b[0m\x1b[1m FL101\x1b[0m"
        f"\x1b[2m [single-owner]\x1b[0m {message}\n"
        "\x1b[1;31mFound 1 error in 1 file.\x1b[0m\n"
    )


MANY = Report.of(
    [
        *(
            Finding("FL105", "unused-entity", Severity.INFO, f"e{n}", Location("a.yaml", n, 1))
            for n in range(1, 1003)
        ),
        Finding("FL101", "single-owner", Severity.ERROR, "x", Location("a.yaml", 1, 1)),
    ],
    files=("a.yaml",),
)
OMITTED = (
    "2 more findings not shown: FL105 (2); this format shows at most 1,000 per rule, "
    "--format json or sarif lists every finding."
)


@pytest.mark.parametrize("color", [False, True])
def test_at_most_1000_findings_of_a_rule_are_shown_then_a_line_says_how_many_were_not(
    color: bool,
) -> None:
    lines = get_reporter("concise")(MANY, RenderOptions(color=color)).splitlines()
    plain = [re.sub(r"\x1b\[[0-9;]*m", "", line) for line in lines]
    assert len(plain) == 1 + 1000 + 2
    assert plain[0] == "a.yaml:1:1: error FL101 [single-owner] x"
    assert plain[1000] == "a.yaml:1000:1: info FL105 [unused-entity] e1000"
    assert plain[-2:] == [OMITTED, "Found 1 error and 1002 info in 1 file."]


# github


def test_github_says_in_a_notice_how_many_findings_it_left_out() -> None:
    lines = get_reporter("github")(MANY, RenderOptions(quiet=True)).splitlines()
    assert len(lines) == 1 + 1001 + 1 + 1
    assert lines[-2:] == ["::endgroup::", f"::notice title=flowlint::{OMITTED}"]


def test_github_step_summary_paths_are_repository_relative() -> None:
    from flowlint.reporters.github import summary_markdown

    report = one_finding()
    summary = summary_markdown(report, RenderOptions(quiet=True, root="/repo", cwd="/repo/sub"))
    assert summary.splitlines()[-1] == "| error | FL101 single-owner | sub/f.yaml:1:1 | m |"


# sarif


def sarif_of(report: Report, **options: object) -> dict:
    log = json.loads(get_reporter("sarif")(report, RenderOptions(**options)))  # type: ignore[arg-type]
    errors = sorted(Draft7Validator(SARIF_SCHEMA).iter_errors(log), key=str)
    assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors]
    return log


def test_sarif_without_a_version_says_unknown() -> None:
    driver = sarif_of(one_finding())["runs"][0]["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("flowlint", "unknown")


def test_sarif_root_uri_ends_with_one_slash() -> None:
    def base(root: str) -> str:
        log = sarif_of(one_finding(), root=root, cwd=root)
        return log["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"]

    assert base("/repo") == "file:///repo/"
    assert base("/repo/") == "file:///repo/"
    # A repository at the root of the file system (a container's working directory).
    assert base("/") == "file:///"


def test_sarif_uri_of_a_file_name_that_is_not_utf8_holds_its_bytes() -> None:
    finding = Finding(
        "FL101", "single-owner", Severity.ERROR, "m", Location("a\udcff/b.yaml", 1, 1)
    )
    log = sarif_of(Report.of([finding], files=("a\udcff/b.yaml",)), root="/repo", cwd="/repo")
    location = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": "a%FF/b.yaml", "uriBaseId": "%SRCROOT%"}


class FakeMetadata:
    """What importlib.metadata.metadata gives: an email message of the package's metadata."""

    def __init__(self, headers: list[tuple[str, str]]) -> None:
        from email.message import Message

        self.message = Message()
        for key, value in headers:
            self.message[key] = value

    def __call__(self, name: str) -> object:
        from importlib import metadata

        if name.lower() != "flowlint":  # as importlib.metadata, whatever the case
            raise metadata.PackageNotFoundError(name)
        return self.message


@pytest.mark.parametrize(
    ("headers", "uri"),
    [
        ([], ""),
        ([("Home-page", " https://home.example/ ")], "https://home.example/"),
        (
            [
                ("Project-URL", "Bug Tracker, https://bugs.example/"),
                ("Project-URL", " Repository , https://code.example/a,b "),
                ("Project-URL", "Homepage, https://later.example/"),
                ("Home-page", "https://home.example/"),
            ],
            "https://code.example/a,b",
        ),
        ([("Project-URL", "HomePage, https://h.example/")], "https://h.example/"),
        ([("Project-URL", "home, https://h.example/")], "https://h.example/"),
        ([("Project-URL", "Documentation, https://d.example/")], "https://d.example/"),
    ],
)
def test_sarif_information_uri_is_the_project_home_page(
    monkeypatch: pytest.MonkeyPatch, headers: list[tuple[str, str]], uri: str
) -> None:
    from importlib import metadata

    monkeypatch.setattr(metadata, "metadata", FakeMetadata(headers))
    driver = sarif_of(one_finding(), version="1.0")["runs"][0]["tool"]["driver"]
    assert driver.get("informationUri") == (uri or None)


def test_sarif_without_installed_metadata_has_no_information_uri(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from importlib import metadata

    def missing(name: str) -> object:
        raise metadata.PackageNotFoundError(name)

    monkeypatch.setattr(metadata, "metadata", missing)
    assert "informationUri" not in sarif_of(one_finding())["runs"][0]["tool"]["driver"]


# junit


def junit_of(report: Report, **options: object) -> ET.Element:
    return ET.fromstring(get_reporter("junit")(report, RenderOptions(**options)))  # type: ignore[arg-type]


def test_junit_failure_type_is_the_most_severe_finding_of_the_rule() -> None:
    findings = [
        Finding("FL101", "single-owner", severity, "m", Location("a.yaml", line, 1))
        for line, severity in ((1, Severity.INFO), (2, Severity.ERROR), (3, Severity.WARNING))
    ]
    failure = junit_of(Report.of(findings, files=("a.yaml",))).find("testsuite/testcase/failure")
    assert failure is not None
    assert (failure.get("message"), failure.get("type")) == (
        "3 findings of FL101 single-owner",
        "error",
    )


def test_junit_names_a_rule_unknown_to_the_run_by_its_findings() -> None:
    # A rule that ran but is not among the known rules, with a finding: named by the finding.
    named = Finding("XP1", "plug-in", Severity.WARNING, "m", Location("a.yaml", 1, 1))
    case = junit_of(Report.of([named], files=("a.yaml",)), rules=("XP1", "XP2")).findall(
        "testsuite/testcase"
    )
    assert [c.get("name") for c in case] == ["XP1 plug-in", "XP2"]
    failure = case[0].find("failure")
    assert failure is not None
    assert failure.get("message") == "1 finding of XP1 plug-in"
    # A finding without a rule name: the code alone, with no space after it.
    bare = Finding("XP1", "", Severity.WARNING, "m", Location("a.yaml", 1, 1))
    case = junit_of(Report.of([bare], files=("a.yaml",))).findall("testsuite/testcase")
    assert [c.get("name") for c in case] == ["XP1"]
    failure = case[0].find("failure")
    assert failure is not None
    assert failure.get("message") == "1 finding of XP1"


# markdown


def test_markdown_tables_say_how_many_findings_they_left_out() -> None:
    hidden = tuple(Suppressed(f, INLINE, "") for f in MANY.findings)
    report = dataclasses.replace(MANY, suppressed=hidden)
    lines = get_reporter("markdown")(report, RenderOptions(quiet=True)).splitlines()
    # The findings table: header, 1,001 rows, a blank line and the closing line.
    assert lines[:2] == ["| Severity | Rule | Location | Message |", "| --- | --- | --- | --- |"]
    assert lines[1002:1006] == [
        "| info | FL105 unused-entity | a.yaml:1000:1 | e1000 |",
        "",
        OMITTED,
        "> **Suppressed:** 1,003 suppressed inline, 1,003 without a reason.",
    ]
    assert lines[-5:] == [
        "| info | FL105 unused-entity | a.yaml:1000:1 | e1000 | inline: no reason given |",
        "",
        OMITTED,
        "",
        "</details>",
    ]
    # 1,005 lines of findings; a note, a blank, <details>, <summary>, a blank, the header, 1,001
    # rows, a blank, the closing line, a blank and </details>.
    assert len(lines) == 1005 + 5 + 2 + 1001 + 4


def test_markdown_one_suppressed_finding() -> None:
    report = Report.of([], files=("f.yaml",), suppressed=(Suppressed(ERROR, INLINE, "why"),))
    assert get_reporter("markdown")(report, RenderOptions()) == (
        "## flowlint\n"
        "\n"
        "No findings in 1 file; 1 suppressed inline.\n"
        "\n"
        "> **Suppressed:** 1 suppressed inline.\n"
        "\n"
        "<details>\n"
        "<summary>1 suppressed finding</summary>\n"
        "\n"
        "| Severity | Rule | Location | Message | Why it is not shown |\n"
        "| --- | --- | --- | --- | --- |\n"
        "| error | FL101 single-owner | specs/a.yaml:5:11 | "
        "entity 'course' has 2 owners, 'publish' and 'find' | inline: why |\n"
        "\n"
        "</details>\n"
    )


# findings: the values every format renders


def test_severities_rank_and_print_as_their_names() -> None:
    assert [s.rank for s in (Severity.INFO, Severity.WARNING, Severity.ERROR)] == [1, 2, 3]
    assert [str(s) for s in Severity] == ["error", "warning", "info"]
    assert f"{Severity.WARNING}" == "warning"


def test_worst_is_the_most_severe_finding() -> None:
    def worst(*severities: Severity) -> Severity | None:
        return Report.of(
            [Finding("FL1", "r", s, "m", Location("a", n, 1)) for n, s in enumerate(severities)]
        ).worst()

    assert worst() is None
    assert worst(Severity.INFO, Severity.WARNING, Severity.INFO) is Severity.WARNING
    # By rank, not by name: "warning" and "info" both sort after "error" as text.
    assert worst(Severity.WARNING, Severity.ERROR, Severity.INFO) is Severity.ERROR


def test_fingerprints_are_the_rule_and_the_subject_or_else_the_pointer() -> None:
    def fingerprint(code: str, subject: tuple[str, ...], pointer: str = "/p") -> str:
        return Finding(
            code, "r", Severity.ERROR, "m", Location("a", 1, 1, pointer), subject
        ).fingerprint

    # sha256 of "FL101\x1fentity\x1fcourse", and of "FL003\x1f/services/x" (no subject).
    assert fingerprint("FL101", ("entity", "course")) == "14d47a36a29ec154"
    assert fingerprint("FL003", (), "/services/x") == "7e87a1ee96c7055a"
    # Not the line, the file, the message or the pointer when there is a subject.
    moved = Finding(
        "FL101", "x", Severity.INFO, "n", Location("b", 9, 9, "/q"), ("entity", "course")
    )
    assert moved.fingerprint == "14d47a36a29ec154"
    # The parts are kept apart: ("ab", "c") is not ("a", "bc").
    assert fingerprint("FL1", ("ab", "c")) != fingerprint("FL1", ("a", "bc"))


def test_report_of_sorts_by_file_line_column_code_and_message_and_counts_every_severity() -> None:
    def at(file: str, line: int, column: int, code: str = "FL1", message: str = "m") -> Finding:
        return Finding(code, "r", Severity.INFO, message, Location(file, line, column))

    ordered = [
        at("a", 1, 2),
        at("a", 2, 1, "FL1", "b"),
        at("a", 2, 1, "FL1", "c"),
        at("a", 2, 1, "FL2", "a"),
        at("a", 10, 1),
        at("b", 1, 1),
    ]
    report = Report.of(list(reversed(ordered)))
    assert list(report.findings) == ordered
    assert report.summary == {"error": 0, "warning": 0, "info": 6}
    assert list(report.summary) == ["error", "warning", "info"]
    hidden = Report.of([], suppressed=tuple(Suppressed(f, INLINE) for f in reversed(ordered)))
    assert [s.finding for s in hidden.suppressed] == ordered
    assert hidden.summary == {"error": 0, "warning": 0, "info": 0}
    stopped = Report.of([], ("a",), errors=("a: cannot read",), tracebacks=("Traceback",))
    assert (stopped.files, stopped.errors, stopped.tracebacks) == (
        ("a",),
        ("a: cannot read",),
        ("Traceback",),
    )


# reporters/__init__.py: paths, caps and the closing line


def test_repository_path_outside_the_root_is_absolute() -> None:
    from flowlint.reporters import repository_path

    options = RenderOptions(root="/repo/sub", cwd="/repo/sub")
    assert repository_path("/repo", options) == "/repo"  # the root's parent: ".." relative
    assert repository_path("../x.yaml", options) == "/repo/x.yaml"
    # A name that starts with two dots is inside.
    assert repository_path("..x.yaml", options) == "..x.yaml"


def test_capped_keeps_the_limit_and_counts_only_what_is_beyond_it() -> None:
    from flowlint.reporters import capped

    findings = [
        Finding(code, "r", Severity.INFO, "m", Location("a", n, 1))
        for n, code in enumerate(["FL1", "FL2", "FL1", "FL2", "FL1"])
    ]
    shown, omitted = capped(findings, limit=2)
    assert shown == findings[:4]
    assert dict(omitted) == {"FL1": 1}
    shown, omitted = capped(findings, limit=3)
    assert (shown, dict(omitted)) == (findings, {})


def test_omitted_line() -> None:
    from collections import Counter

    from flowlint.reporters import omitted_line

    assert omitted_line(Counter({"FL2": 1500, "FL1": 1})) == (
        "1,501 more findings not shown: FL1 (1), FL2 (1,500); this format shows at most 1,000 "
        "per rule, --format json or sarif lists every finding."
    )
    assert omitted_line(Counter({"FL1": 1}), limit=5) == (
        "1 more finding not shown: FL1 (1); this format shows at most 5 per rule, "
        "--format json or sarif lists every finding."
    )
