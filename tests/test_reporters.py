"""Every output format, rendered from one fixed report and checked line by line or by parsing.

SARIF is validated against the official SARIF 2.1.0 JSON Schema (tests/data, see its README).
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

from jsonschema import Draft7Validator

from flowlint.commands import OutputFormat
from flowlint.findings import Finding, Location, Report, Severity
from flowlint.reporters import (
    REPORTERS,
    RenderOptions,
    get_reporter,
    occurrence_ids,
    repository_path,
)
from flowlint.rules import BUILTIN_RULES
from flowlint.testing import lint_text
from tests.conftest import BUNDLED_SPEC, ROOT

SARIF_SCHEMA = json.loads(
    (Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8")
)

LINE = "specs/line.yaml"
ODD = "specs/odd, name:1.yaml"  # a comma and a colon, which GitHub property values must escape
LINE_TEXT = """\
flowlint: 1
services:
  publish: {name: Publish teacher training courses}
  find: {name: Find postgraduate teacher training}

entities:
  course: {owner: [publish, find]}
apis:
  publish-api: {name: Publish API, service: publish}
"""


def finding(code: str, severity: Severity, message: str, where: tuple, subject: tuple) -> Finding:
    names = {rule.code: rule.name for rule in BUILTIN_RULES}
    return Finding(code, names.get(code, "meta"), severity, message, Location(*where), subject)


TWO_OWNERS = finding(
    "FL101",
    Severity.ERROR,
    "entity 'course' has 2 owners, 'publish' and 'find'",
    (LINE, 7, 19, "/entities/course/owner"),
    ("entity", "course"),
)
# The same rule about the same entity again: it shares the fingerprint.
TWO_OWNERS_AGAIN = finding(
    "FL101",
    Severity.ERROR,
    "entity 'course' is owned twice",
    (LINE, 6, 1, "/entities"),
    ("entity", "course"),
)
NO_DOCS = finding(
    "FL301",
    Severity.WARNING,
    "100% of API 'publish-api' | has no docs, see: <docs>",
    (LINE, 9, 3, "/apis/publish-api"),
    ("api", "publish-api"),
)
UNUSED = finding("FL105", Severity.INFO, "entity 'x' is unused", (ODD, 1, 1, ""), ("entity", "x"))

REPORT = Report.of(
    [TWO_OWNERS, NO_DOCS, UNUSED, TWO_OWNERS_AGAIN],
    files=(LINE, ODD),
    texts={LINE: LINE_TEXT, ODD: "flowlint: 1\n"},
)
CLEAN = Report.of([], files=(LINE,), texts={LINE: LINE_TEXT})
OPTIONS = RenderOptions(version="9.9.9", root="/repo", cwd="/repo")


def render(name: str, report: Report = REPORT, **options: object) -> str:
    base = {"version": "9.9.9", "root": "/repo", "cwd": "/repo"}
    return get_reporter(name)(report, RenderOptions(**{**base, **options}))  # type: ignore[arg-type]


# The registry


def test_every_registered_format_renders_and_is_a_format_choice() -> None:
    assert set(REPORTERS) == {
        "text",
        "concise",
        "json",
        "sarif",
        "github",
        "junit",
        "gitlab",
        "markdown",
    }
    assert [member.value for member in OutputFormat] == list(REPORTERS)
    for name in REPORTERS:
        assert render(name).endswith("\n"), name


def test_repository_path() -> None:
    options = RenderOptions(root="/repo", cwd="/repo/sub")
    assert repository_path("a.yaml", options) == "sub/a.yaml"
    assert repository_path("../specs/a.yaml", options) == "specs/a.yaml"
    assert repository_path("/repo/specs/a.yaml", options) == "specs/a.yaml"
    assert repository_path("/elsewhere/a.yaml", options) == "/elsewhere/a.yaml"
    assert repository_path("../../up.yaml", options) == "/up.yaml"
    assert repository_path("a.yaml", RenderOptions()) == "a.yaml"


def test_occurrence_ids_number_the_repeats_of_a_fingerprint() -> None:
    ids = occurrence_ids(REPORT.findings)
    # The fingerprints every user's baseline holds: sha256 of the code and the subject.
    first = "14d47a36a29ec154"  # FL101 entity course
    assert TWO_OWNERS.fingerprint == TWO_OWNERS_AGAIN.fingerprint == first
    assert ids == [first, f"{first}:2", "e0da69606b0acd2f", "8233117c2a6eebbb"]


# text and concise


def test_text_shows_a_code_frame_under_each_finding() -> None:
    assert render("text") == (
        "specs/line.yaml:6:1: error FL101 [single-owner] entity 'course' is owned twice\n"
        "   6 | entities:\n"
        "     | ^\n"
        "\n"
        "specs/line.yaml:7:19: error FL101 [single-owner] entity 'course' has 2 owners, "
        "'publish' and 'find'\n"
        "   6 | entities:\n"
        "   7 |   course: {owner: [publish, find]}\n"
        "     |                   ^\n"
        "\n"
        "specs/line.yaml:9:3: warning FL301 [api-undocumented] 100% of API 'publish-api' | "
        "has no docs, see: <docs>\n"
        "   8 | apis:\n"
        "   9 |   publish-api: {name: Publish API, service: publish}\n"
        "     |   ^\n"
        "\n"
        "specs/odd, name:1.yaml:1:1: info FL105 [unused-entity] entity 'x' is unused\n"
        "   1 | flowlint: 1\n"
        "     | ^\n"
        "\n"
        "Found 2 errors, 1 warning and 1 info in 2 files.\n"
    )


def test_text_quiet_and_concise_are_one_line_per_finding() -> None:
    concise = render("concise")
    assert concise.splitlines() == [
        "specs/line.yaml:6:1: error FL101 [single-owner] entity 'course' is owned twice",
        "specs/line.yaml:7:19: error FL101 [single-owner] entity 'course' has 2 owners, "
        "'publish' and 'find'",
        "specs/line.yaml:9:3: warning FL301 [api-undocumented] 100% of API 'publish-api' | "
        "has no docs, see: <docs>",
        "specs/odd, name:1.yaml:1:1: info FL105 [unused-entity] entity 'x' is unused",
        "Found 2 errors, 1 warning and 1 info in 2 files.",
    ]
    quiet = concise.split("Found")[0]
    assert render("text", quiet=True) == quiet
    assert render("concise", quiet=True) == quiet
    assert render("text", CLEAN) == render("concise", CLEAN) == "No findings in 1 file.\n"


def frame(line: int, column: int, text: str | None) -> str:
    report = Report.of(
        [Finding("FL101", "single-owner", Severity.ERROR, "m", Location("f.yaml", line, column))],
        files=("f.yaml",),
        texts={} if text is None else {"f.yaml": text},
    )
    # Between the finding's line and the summary: the frame and its blank line, if any.
    return "\n".join(render("text", report).splitlines()[1:-1]).rstrip("\n")


def test_code_frame_edges() -> None:
    # Past the end of the text (a syntax error at end of file) and unknown text: no frame.
    assert frame(5, 1, "a: 1\n") == ""
    assert frame(1, 1, None) == ""
    # The last line of a file without a final newline still has its frame.
    assert frame(2, 4, "a: 1\nb: [") == "   1 | a: 1\n   2 | b: [\n     |    ^"
    # A tab is shown as its escape, and the caret stays under the column; wide characters take
    # two cells; CRLF is not shown.
    assert frame(1, 4, "x:\t1\r\n") == "   1 | x:\\t1\n     |     ^"
    assert frame(1, 5, "名前: 1\n") == "   1 | 名前: 1\n     | " + " " * 6 + "^"
    # A control character or a bidirectional control cannot reach the terminal: both are shown
    # as escapes, and the caret moves with the text they push along.
    assert frame(1, 1, "a: \x1b[31mred\n") == "   1 | a: \\x1b[31mred\n     | ^"
    assert frame(1, 9, "a: '\u202ex' # y\n") == "   1 | a: '\\u202ex' # y\n     |              ^"
    # Nothing in a spec line makes a workflow command of the row it is printed in.
    assert frame(1, 1, "##[error]x: 1\n") == "   1 | ##\\x5berror]x: 1\n     | ^"
    # The gutter is as wide as the finding's line number.
    text = "".join(f"k{n}: {n}\n" for n in range(1, 11))
    assert frame(10, 1, text) == "    9 | k9: 9\n   10 | k10: 10\n      | ^"


def test_text_with_colour_has_the_same_words() -> None:
    import re

    coloured = render("text", color=True)
    assert "\x1b[" in coloured
    # The gutter is dim; the spec line after it is shown as written.
    assert "   7 | \x1b[0m  course: {owner: [publish, find]}\n" in coloured
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == render("text")


def test_text_with_colour_escapes_what_a_spec_says_like_plain_text() -> None:
    import re

    hostile = Finding(
        "FL101",
        "single-owner",
        Severity.ERROR,
        "entity 'x\n::error::y\x1b]8;;http://e\x07\u202e' ##[error]z",
        Location("a\x1b[2J\n::warning::b.yaml", 1, 1),
    )
    report = Report.of([hostile], files=("a.yaml",), texts={})
    coloured = render("text", report, color=True)
    plain = re.sub(r"\x1b\[[0-9;]*m", "", coloured)
    assert plain == render("text", report)
    assert plain.splitlines()[0] == (
        "a\\x1b[2J\\n::warning::b.yaml:1:1: error FL101 [single-owner] entity "
        "'x\\n::error::y\\x1b]8;;http://e\\x07\\u202e' ##\\x5berror]z"
    )


# json


def test_json_carries_each_fingerprint() -> None:
    document = json.loads(render("json"))
    # Literal: a change to what a fingerprint is made of would make every baseline stale.
    assert [f["fingerprint"] for f in document["findings"]] == [
        "14d47a36a29ec154",
        "14d47a36a29ec154",
        "e0da69606b0acd2f",
        "8233117c2a6eebbb",
    ]


# sarif


def sarif(report: Report = REPORT, **options: object) -> dict:
    log = json.loads(render("sarif", report, **options))
    errors = sorted(Draft7Validator(SARIF_SCHEMA).iter_errors(log), key=str)
    assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors]
    return log


def test_the_sarif_schema_is_the_official_one() -> None:
    assert SARIF_SCHEMA["$id"].endswith("/sarif-schema-2.1.0.json")
    Draft7Validator.check_schema(SARIF_SCHEMA)
    # It rejects what it should, so validating against it means something.
    bad = {"version": "2.1.0", "runs": [{"tool": {"driver": {}}}]}
    assert not Draft7Validator(SARIF_SCHEMA).is_valid(bad)


def test_sarif_validates_and_describes_the_tool_and_every_rule() -> None:
    log = sarif()
    assert log["version"] == "2.1.0"
    (run,) = log["runs"]
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("flowlint", "9.9.9")
    assert [r["id"] for r in driver["rules"]] == [rule.code for rule in BUILTIN_RULES]
    single_owner = driver["rules"][[r.code for r in BUILTIN_RULES].index("FL101")]
    assert single_owner["name"] == "single-owner"
    assert single_owner["shortDescription"]["text"] == "Each entity has exactly one owner."
    assert single_owner["fullDescription"]["text"].startswith("The owner is where")
    assert "Why: the owner is where" in single_owner["help"]["text"]
    assert "Fix: " in single_owner["help"]["text"]
    assert "```yaml\n" in single_owner["help"]["markdown"]
    assert single_owner["defaultConfiguration"] == {"level": "error", "enabled": True}
    levels = {r["id"]: r["defaultConfiguration"]["level"] for r in driver["rules"]}
    assert (levels["FL103"], levels["FL104"]) == ("warning", "note")
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": "file:///repo/"}}


def test_sarif_results() -> None:
    results = sarif()["runs"][0]["results"]
    rules = sarif()["runs"][0]["tool"]["driver"]["rules"]
    first = TWO_OWNERS.fingerprint
    assert [r["ruleId"] for r in results] == ["FL101", "FL101", "FL301", "FL105"]
    assert all(rules[r["ruleIndex"]]["id"] == r["ruleId"] for r in results)
    assert [r["level"] for r in results] == ["error", "error", "warning", "note"]
    assert results[1]["message"] == {"text": "entity 'course' has 2 owners, 'publish' and 'find'"}
    assert results[1]["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "specs/line.yaml", "uriBaseId": "%SRCROOT%"},
        "region": {"startLine": 7, "startColumn": 19},
    }
    assert results[3]["locations"][0]["physicalLocation"]["artifactLocation"] == {
        "uri": "specs/odd%2C%20name%3A1.yaml",
        "uriBaseId": "%SRCROOT%",
    }
    assert [r["partialFingerprints"] for r in results] == [
        {"flowlint/v1": first},
        {"flowlint/v1": f"{first}:2"},
        {"flowlint/v1": NO_DOCS.fingerprint},
        {"flowlint/v1": UNUSED.fingerprint},
    ]
    assert [r["properties"]["fingerprint"] for r in results] == [
        f.fingerprint for f in REPORT.findings
    ]


def test_sarif_outside_the_root_and_without_one() -> None:
    outside = sarif(cwd="/elsewhere")["runs"][0]["results"][0]
    assert outside["locations"][0]["physicalLocation"]["artifactLocation"] == {
        "uri": "file:///elsewhere/specs/line.yaml"
    }
    plain = sarif(root="", cwd="")["runs"][0]
    assert "originalUriBaseIds" not in plain
    assert plain["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"] == {
        "uri": "specs/line.yaml"
    }


def test_sarif_describes_a_code_that_is_not_a_built_in_rule() -> None:
    meta = Finding("FL999", "meta", Severity.WARNING, "m", Location(LINE, 1, 1), ("x",))
    run = sarif(Report.of([meta], files=(LINE,)))["runs"][0]
    (result,) = run["results"]
    assert run["tool"]["driver"]["rules"][result["ruleIndex"]]["id"] == "FL999"


def test_sarif_of_a_clean_report_and_of_the_bundled_spec() -> None:
    assert sarif(CLEAN)["runs"][0]["results"] == []
    from flowlint.engine import lint
    from flowlint.loading import load_paths

    bundled = lint(load_paths([BUNDLED_SPEC]), BUILTIN_RULES)
    results = sarif(bundled, root=ROOT.as_posix(), cwd=ROOT.as_posix())["runs"][0]["results"]
    assert len(results) == len(bundled.findings) > 0
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert uris == {"specs/becoming-a-teacher.yaml"}
    ids = [r["partialFingerprints"]["flowlint/v1"] for r in results]
    assert len(set(ids)) == len(ids)


# github


def test_github_workflow_commands_exactly() -> None:
    assert render("github").splitlines() == [
        "::group::specs/line.yaml",
        "::error file=specs/line.yaml,line=6,col=1,title=FL101 single-owner::"
        "entity 'course' is owned twice",
        "::error file=specs/line.yaml,line=7,col=19,title=FL101 single-owner::"
        "entity 'course' has 2 owners, 'publish' and 'find'",
        "::warning file=specs/line.yaml,line=9,col=3,title=FL301 api-undocumented::"
        "100%25 of API 'publish-api' | has no docs, see: <docs>",
        "::endgroup::",
        "::group::specs/odd, name:1.yaml",
        "::notice file=specs/odd%2C name%3A1.yaml,line=1,col=1,title=FL105 unused-entity::"
        "entity 'x' is unused",
        "::endgroup::",
        "Found 2 errors, 1 warning and 1 info in 2 files.",
    ]
    assert render("github", quiet=True).splitlines()[-1] == "::endgroup::"
    assert render("github", CLEAN) == "No findings in 1 file.\n"


def test_github_escaping() -> None:
    message = Finding("FL101", "single-owner", Severity.ERROR, "one\ntwo", Location("a.yaml", 1, 1))
    lines = render("github", Report.of([message], files=("a.yaml",))).splitlines()
    assert lines[1] == "::error file=a.yaml,line=1,col=1,title=FL101 single-owner::one\\ntwo"


def test_github_step_summary_markdown() -> None:
    from flowlint.reporters.github import summary_markdown

    summary = summary_markdown(REPORT, RenderOptions(quiet=True, root="/repo", cwd="/repo"))
    assert summary.startswith("## flowlint\n\nFound 2 errors, 1 warning and 1 info in 2 files.\n")
    assert summary.endswith(render("markdown", quiet=True))


# junit


def test_junit_has_one_testcase_per_rule_and_file() -> None:
    ran = ("FL101", "FL105", "FL301", "FL303")
    root = ET.fromstring(render("junit", rules=ran))
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [LINE, ODD]
    line, odd = suites
    cases = {c.get("name"): c for c in line.findall("testcase")}
    assert list(cases) == [
        "FL101 single-owner",
        "FL105 unused-entity",
        "FL301 api-undocumented",
        "FL303 api-direction",
    ]
    assert all(c.get("classname") == LINE for c in cases.values())
    failure = cases["FL101 single-owner"].find("failure")
    assert failure is not None
    assert failure.get("message") == "2 findings of FL101 single-owner"
    assert failure.get("type") == "error"
    assert failure.text == (
        "6:1: error entity 'course' is owned twice\n"
        "7:19: error entity 'course' has 2 owners, 'publish' and 'find'"
    )
    assert cases["FL105 unused-entity"].find("failure") is None
    assert cases["FL303 api-direction"].find("failure") is None
    assert (line.get("tests"), line.get("failures"), line.get("errors")) == ("4", "2", "0")
    odd_failures = [c.get("name") for c in odd.findall("testcase") if c.find("failure") is not None]
    assert odd_failures == ["FL105 unused-entity"]
    assert (odd.get("tests"), odd.get("failures")) == ("4", "1")
    assert (root.get("tests"), root.get("failures"), root.get("errors")) == ("8", "3", "0")


def test_junit_without_the_list_of_rules_lists_the_failing_ones() -> None:
    root = ET.fromstring(render("junit"))
    for suite in root.findall("testsuite"):
        assert [c.get("name") for c in suite.findall("testcase")] == [
            "FL101 single-owner",
            "FL105 unused-entity",
            "FL301 api-undocumented",
        ]
    assert (root.get("tests"), root.get("failures")) == ("6", "3")
    clean = ET.fromstring(render("junit", CLEAN, rules=("FL101",)))
    assert (clean.get("tests"), clean.get("failures")) == ("1", "0")


def test_junit_is_well_formed_whatever_the_message_holds() -> None:
    odd = Finding(
        "FL101", "single-owner", Severity.ERROR, 'a <b> & "c" \x01 ]]>', Location("a.yaml", 1, 1)
    )
    text = render("junit", Report.of([odd], files=("a.yaml",)))
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    failure = ET.fromstring(text).find("testsuite/testcase/failure")
    assert failure is not None
    assert failure.text == '1:1: error a <b> & "c" \\x01 ]]>'


# gitlab


def test_gitlab_code_quality() -> None:
    issues = json.loads(render("gitlab"))
    first = TWO_OWNERS.fingerprint
    assert issues[0] == {
        "description": "FL101 single-owner: entity 'course' is owned twice",
        "check_name": "FL101",
        "fingerprint": first,
        "severity": "major",
        "location": {"path": "specs/line.yaml", "lines": {"begin": 6}},
    }
    assert [i["fingerprint"] for i in issues] == [
        first,
        f"{first}:2",
        NO_DOCS.fingerprint,
        UNUSED.fingerprint,
    ]
    assert [i["severity"] for i in issues] == ["major", "major", "minor", "info"]
    assert issues[3]["location"] == {"path": ODD, "lines": {"begin": 1}}
    assert json.loads(render("gitlab", CLEAN)) == []


def test_gitlab_paths_are_repository_relative() -> None:
    issues = json.loads(render("gitlab", cwd="/repo/sub"))
    assert issues[0]["location"]["path"] == "sub/specs/line.yaml"


# markdown


def test_markdown_table() -> None:
    assert render("markdown") == (
        "## flowlint\n"
        "\n"
        "Found 2 errors, 1 warning and 1 info in 2 files.\n"
        "\n"
        "| Severity | Rule | Location | Message |\n"
        "| --- | --- | --- | --- |\n"
        "| error | FL101 single-owner | specs/line.yaml:6:1 | entity 'course' is owned twice |\n"
        "| error | FL101 single-owner | specs/line.yaml:7:19 | "
        "entity 'course' has 2 owners, 'publish' and 'find' |\n"
        "| warning | FL301 api-undocumented | specs/line.yaml:9:3 | "
        "100% of API 'publish-api' \\| has no docs, see: \\<docs> |\n"
        "| info | FL105 unused-entity | specs/odd, name:1.yaml:1:1 | entity 'x' is unused |\n"
    )
    assert render("markdown", CLEAN) == "## flowlint\n\nNo findings in 1 file.\n"
    assert render("markdown", CLEAN, quiet=True) == ""


def test_markdown_cells_never_split_a_row() -> None:
    nasty = Finding(
        "FL101", "single-owner", Severity.ERROR, "x | y\n| z |", Location("a|b.yaml", 1, 1)
    )
    table = render("markdown", Report.of([nasty], files=("a|b.yaml",)), root="")
    row = table.splitlines()[-1]
    # Unescaped pipes are exactly the five cell borders.
    assert row.replace("\\|", "").count("|") == 5
    assert "\n" not in row


def test_every_format_renders_a_real_lint() -> None:
    report = Report.of(lint_text(LINE_TEXT), files=("spec.yaml",))
    for name in REPORTERS:
        out = render(name, report)
        assert "FL101" in out, name


def test_text_frames_cut_a_long_line_to_a_window_around_the_column() -> None:
    from flowlint.findings import Finding, Location, Report, Severity
    from flowlint.reporters import RenderOptions, get_reporter

    line = "x" * 5000 + "HERE" + "y" * 5000
    finding = Finding(
        "FL004", "unknown-reference", Severity.ERROR, "m", Location("big.yaml", 1, 5001, "/a")
    )
    report = Report.of([finding], files=("big.yaml",), texts={"big.yaml": line})
    out = get_reporter("text")(report, RenderOptions()).splitlines()
    # 60 characters before the column, 120 in all, an ellipsis at each end, the caret under it.
    assert out[1:3] == [
        "   1 | …" + "x" * 60 + "HERE" + "y" * 56 + "…",
        "     | " + " " * 61 + "^",
    ]


def test_text_frames_share_one_gutter_width() -> None:
    from flowlint.findings import Finding, Location, Report, Severity
    from flowlint.reporters import RenderOptions, get_reporter

    text = "\n".join(f"line{n}" for n in range(1, 121))
    findings = [
        Finding("FL105", "unused-entity", Severity.INFO, "m", Location("s.yaml", n, 1, "/x"))
        for n in (9, 120)
    ]
    report = Report.of(findings, files=("s.yaml",), texts={"s.yaml": text})
    out = get_reporter("text")(report, RenderOptions()).splitlines()
    # One width for every gutter, the numbers aligned right, so the bars line up.
    assert [row for row in out if "|" in row] == [
        "     8 | line8",
        "     9 | line9",
        "       | ^",
        "   119 | line119",
        "   120 | line120",
        "       | ^",
    ]
