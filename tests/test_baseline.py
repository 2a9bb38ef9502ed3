"""Baselines: fingerprints that survive moving a block and splitting a file, the file format,
hiding known findings, failing on stale entries, pruning, and the `flowlint baseline` command."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
import textwrap
from collections import Counter
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from flowlint.baseline import (
    Baseline,
    BaselineError,
    Entry,
    Outcome,
    about,
    apply,
    build,
    compare,
    dumps,
    intersection,
    loads,
    only_new,
    prune,
    stable_pointer,
)
from flowlint.cli import app
from flowlint.engine import lint, select_rules
from flowlint.findings import INLINE, Finding, Location, Severity, Suppressed
from flowlint.loading import Loaded, parse_text
from flowlint.rules import BUILTIN_RULES
from flowlint.testing import lint_files, lint_text
from tests.conftest import BUNDLED_SPEC
from tests.shared import CLEAN, MIXED

runner = CliRunner()


def fingerprints(findings: list[Finding]) -> Counter[tuple[str, str]]:
    return Counter((f.code, f.fingerprint) for f in findings)


def moved(text: str) -> str:
    """The same spec with every section's blocks in reverse order (and no comments)."""
    data = yaml.safe_load(text)
    for key, value in data.items():
        if isinstance(value, list):
            data[key] = value[::-1]
        elif isinstance(value, dict):
            data[key] = dict(reversed(list(value.items())))
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000)


def split(text: str) -> dict[str, str]:
    """The same spec as a directory model: each section in a file of its own."""
    data = yaml.safe_load(text)
    files: dict[str, dict] = {}
    for key, value in data.items():
        if key != "flowlint" and isinstance(value, dict | list):
            files[f"model/{key}.yaml"] = {"flowlint": 1, key: value}
    rest = {k: v for k, v in data.items() if f"model/{k}.yaml" not in files}
    files["model/main.yaml"] = rest
    return {
        path: yaml.safe_dump(body, sort_keys=False, allow_unicode=True, width=1000)
        for path, body in files.items()
    }


# --- fingerprints survive moving blocks and splitting files ------------------------------------


def test_the_bundled_spec_keeps_its_fingerprints_when_blocks_move_and_files_split() -> None:
    text = BUNDLED_SPEC.read_text(encoding="utf-8")
    original = lint_text(text, select=["ALL"])
    assert len(original) >= 13
    assert fingerprints(lint_text(moved(text), select=["ALL"])) == fingerprints(original)
    assert fingerprints(lint_files(split(text), select=["ALL"])) == fingerprints(original)


# FL001 and FL002 are about the text as written (a dump cannot hold them), FL9xx about comments:
# they have tests of their own below and in test_suppressions.py.
STRUCTURAL = [r for r in BUILTIN_RULES if r.code not in ("FL001", "FL002") and r.code < "FL9"]


@pytest.mark.parametrize("rule", STRUCTURAL, ids=lambda r: r.code)
def test_every_rule_keeps_its_fingerprints_when_blocks_move_and_files_split(rule) -> None:
    text = textwrap.dedent(rule.doc.fails)
    original = [f for f in lint_text(text, select=["ALL"]) if f.code == rule.code]
    assert original, "the Fails example is reported"
    after_move = [f for f in lint_text(moved(text), select=["ALL"]) if f.code == rule.code]
    after_split = [f for f in lint_files(split(text), select=["ALL"]) if f.code == rule.code]
    assert fingerprints(after_move) == fingerprints(original)
    assert fingerprints(after_split) == fingerprints(original)


def test_a_relationship_defined_twice_keeps_its_fingerprint_whichever_comes_first() -> None:
    spec = """\
    flowlint: 1
    services:
      publish: {name: Publish}
      manage: {name: Manage}
    entities:
      provider: {owner: publish}
    relationships:
      - {name: Lead partner, from: provider, to: provider, defined_by: publish}
      - {name: Lead partner, from: provider, to: provider, defined_by: manage}
    """
    first = lint_text(spec, select=["FL201"])
    lines = spec.splitlines(keepends=True)
    swapped = "".join([*lines[:7], lines[8], lines[7]])
    second = lint_text(swapped, select=["FL201"])
    assert "defined again by 'manage'" in first[0].message
    assert "defined again by 'publish'" in second[0].message
    assert fingerprints(first) == fingerprints(second)


def test_a_duplicate_key_in_a_flow_keeps_its_fingerprint_when_the_flow_moves() -> None:
    head = "flowlint: 1\nflows:\n"
    bad = "  - {from: publish, to: find, entities: [course], to: apply}\n"
    other = "  - {from: apply, to: register, entities: [course]}\n"
    first = lint_text(head + bad + other, select=["FL002"])
    second = lint_text(head + other + bad, select=["FL002"])
    assert [f.location.pointer for f in first + second] == ["/flows/0/to", "/flows/1/to"]
    # The flow is named by its ends as YAML reads them: the last 'to' counts.
    assert first[0].subject == ("key", "/flows/publish->apply", "to")
    assert fingerprints(first) == fingerprints(second)


def test_a_declaration_repeated_in_another_file_keeps_its_fingerprint_across_files() -> None:
    one = "flowlint: 1\nservices:\n  publish: {name: Publish}\n"
    again = "flowlint: 1\nservices:\n  find: {name: Find}\n  publish: {name: Publish}\n"
    first = lint_files({"a.yaml": one, "b.yaml": again}, select=["FL002"])
    second = lint_files({"a.yaml": one, "c/d.yaml": again}, select=["FL002"])
    assert len(first) == 1 and fingerprints(first) == fingerprints(second)


def test_findings_without_a_subject_get_one_from_a_stable_pointer() -> None:
    text = "flowlint: 1\nflows:\n  - {from: a, to: b, entities: !!python/name:os.system x}\n"
    (finding,) = lint_text(text, select=["FL001"])
    assert finding.subject == ("at", "/flows/a->b/entities")


def test_stable_pointer() -> None:
    data = {"flows": [{"from": "a", "to": "b", "x": [1]}], "entities": {"a/b": {"c": 1}}}
    assert stable_pointer(data, "/flows/0/x/0") == "/flows/a->b/x/0"
    assert stable_pointer(data, "/entities/a~1b/c") == "/entities/a~1b/c"
    assert stable_pointer(data, "") == ""
    assert stable_pointer(None, "/flows/3") == "/flows/3"
    entity = {"entities": {"course": {"relationships": [{"name": "n", "to": "provider"}]}}}
    assert stable_pointer(entity, "/entities/course/relationships/0/name") == (
        "/entities/course/relationships/->provider/name"
    )


# --- the pure core --------------------------------------------------------------------------------

REPEATS = """\
flowlint: 1
services:
  publish: {name: Publish}
  find: {name: Find}
entities:
  course: {owner: publish}
flows:
  - {from: publish, to: find, entities: [course, candidate]}
  - {from: publish, to: find, entities: [course, candidate], via: api}
"""


def test_repeats_share_a_fingerprint_and_are_counted() -> None:
    findings = lint_text(REPEATS, select=["FL004"])
    assert len(findings) == 2 and findings[0].fingerprint == findings[1].fingerprint
    known = build(findings)
    assert known.entries == (
        Entry(
            "FL004",
            "entity candidate unknown entities of the flow from 'publish' to 'find'",
            findings[0].fingerprint,
            "unknown-reference",
            2,
        ),
    )
    # A third repeat is one new finding; with one fewer, one is stale.
    three = lint_text(REPEATS + "  - {from: publish, to: find, entities: [candidate]}\n")
    three = [f for f in three if f.code == "FL004"]
    result = compare(known, three)
    assert (len(result.shown), result.hidden, result.stale) == (1, 2, ())
    result = compare(known, findings[:1])
    assert (result.shown, result.hidden) == ((), 1)
    assert [(e.code, e.count) for e in result.stale] == [("FL004", 1)]


def test_only_rules_that_ran_can_be_stale() -> None:
    known = build(lint_text(MIXED))
    assert compare(known, [], ran=["FL101"]).stale == tuple(
        e for e in known.entries if e.code == "FL101"
    )
    assert len(compare(known, []).stale) == 3


def test_prune_removes_only_what_is_gone() -> None:
    findings = lint_text(MIXED)
    known = build(findings[1:])  # FL105 and FL301
    fixed = [f for f in findings if f.code != "FL105"]  # FL101 is new, FL105 is fixed
    after, gone = prune(known, fixed)
    assert [e.code for e in after.entries] == ["FL301"]
    assert [e.code for e in gone] == ["FL105"]
    assert prune(after, fixed) == (after, ())


def test_the_file_is_sorted_one_entry_per_line_and_reads_back() -> None:
    findings = lint_text(MIXED)
    text = dumps(build(reversed(findings)))
    by_code = {f.code: f.fingerprint for f in findings}
    assert text == (
        "{\n"
        '  "flowlint-baseline": 1,\n'
        '  "findings": [\n'
        '    {"code": "FL101", "rule": "single-owner", "about": "entity course owners find publish", '
        f'"count": 1, "fingerprint": "{by_code["FL101"]}"}},\n'
        '    {"code": "FL105", "rule": "unused-entity", "about": "entity provider", "count": 1, '
        f'"fingerprint": "{by_code["FL105"]}"}},\n'
        '    {"code": "FL301", "rule": "api-undocumented", "about": "api publish-api no-docs", '
        f'"count": 1, "fingerprint": "{by_code["FL301"]}"}}\n'
        "  ]\n"
        "}\n"
    )
    assert text == dumps(build(findings))
    assert loads(text, "b.json") == build(findings)
    assert json.loads(dumps(Baseline())) == {"flowlint-baseline": 1, "findings": []}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "{",
            "b.json: is not a baseline file: invalid JSON (Expecting property name enclosed "
            "in double quotes on line 1)",
        ),
        (
            "[]",
            'b.json: is not a baseline file (no "flowlint-baseline" key); write one with '
            "'flowlint baseline'",
        ),
        (
            '{"flowlint-baseline": 2, "findings": []}',
            "b.json: baseline format 2 is not supported; this flowlint reads format 1",
        ),
        ('{"flowlint-baseline": 1, "findings": {}}', 'b.json: "findings" must be a list'),
        (
            '{"flowlint-baseline": 1, "findings": [{"code": "FL101"}]}',
            'b.json: finding 1 has no "fingerprint"',
        ),
        (
            '{"flowlint-baseline": 1, "findings": [{"code": "FL101", "fingerprint": "ab", '
            '"count": 0}]}',
            'b.json: finding 1: "count" must be a whole number of at least 1',
        ),
    ],
)
def test_a_broken_baseline_file_is_one_line(text: str, message: str) -> None:
    with pytest.raises(BaselineError) as caught:
        loads(text, "b.json")
    assert str(caught.value) == message


def test_an_entry_needs_a_code_and_a_fingerprint_and_a_whole_count() -> None:
    def entry(item: str) -> str:
        with pytest.raises(BaselineError) as caught:
            loads(
                f'{{"flowlint-baseline": 1, "findings": [{{"code": "FL1", "fingerprint": "a"}}, {item}]}}',
                "b.json",
            )
        return str(caught.value)

    assert entry("1") == "b.json: finding 2 must be an object"
    assert entry('{"code": "FL101", "fingerprint": ""}') == 'b.json: finding 2 has no "fingerprint"'
    assert entry('{"code": "FL101", "fingerprint": 7}') == 'b.json: finding 2 has no "fingerprint"'
    assert entry('{"code": "", "fingerprint": "ab"}') == 'b.json: finding 2 has no "code"'
    assert entry('{"code": 101, "fingerprint": "ab"}') == 'b.json: finding 2 has no "code"'
    whole = 'b.json: finding 2: "count" must be a whole number of at least 1'
    for count in ("true", '"2"', "1.5", "-1"):
        assert entry(f'{{"code": "FL101", "fingerprint": "ab", "count": {count}}}') == whole, count


def test_an_entry_without_count_about_or_rule_gets_the_defaults() -> None:
    text = '{"flowlint-baseline": 1, "findings": [{"code": "FL101", "fingerprint": "ab"}]}'
    assert loads(text, "b.json").entries == (Entry("FL101", "", "ab", "", 1),)


def test_entries_sharing_a_fingerprint_are_merged_on_load_counts_added() -> None:
    # Two branches that each added a repeat, merged by hand: the first entry's words are kept.
    text = """{"flowlint-baseline": 1, "findings": [
        {"code": "FL004", "rule": "unknown-reference", "about": "entity candidate", "count": 2,
         "fingerprint": "ab"},
        {"code": "FL101", "rule": "single-owner", "about": "entity course", "fingerprint": "cd"},
        {"code": "FL004", "rule": "x", "about": "written again", "count": 3, "fingerprint": "ab"}
    ]}"""
    assert loads(text, "b.json").entries == (
        Entry("FL004", "entity candidate", "ab", "unknown-reference", 5),
        Entry("FL101", "entity course", "cd", "single-owner", 1),
    )


def test_an_empty_baseline_file_is_written_in_full() -> None:
    assert dumps(Baseline()) == '{\n  "flowlint-baseline": 1,\n  "findings": []\n}\n'


def test_the_file_keeps_non_ascii_subjects_as_written() -> None:
    text = dumps(Baseline((Entry("FL105", "entity école", "ab", "unused-entity"),)))
    assert '"about": "entity école", "count": 1,' in text
    assert loads(text, "b.json").entries[0].about == "entity école"


def test_about_is_the_subject_or_else_the_pointer() -> None:
    here = Location("spec.yaml", 3, 3, "/entities/course")
    with_subject = Finding("FL105", "unused-entity", Severity.INFO, "m", here, ("entity", "course"))
    without = Finding("FL105", "unused-entity", Severity.INFO, "m", here)
    at_root = Finding("FL001", "yaml-syntax", Severity.ERROR, "m", Location("spec.yaml", 1, 1, ""))
    assert [about(f) for f in (with_subject, without, at_root)] == [
        "entity course",
        "/entities/course",
        "/",
    ]


def test_describe_counts_repeats() -> None:
    assert Entry("FL004", "entity candidate", "ab", "unknown-reference").describe() == (
        "FL004 [unknown-reference] entity candidate"
    )
    assert Entry("FL004", "entity candidate", "ab", "unknown-reference", 2).describe() == (
        "FL004 [unknown-reference] entity candidate (2 findings)"
    )


def test_a_stale_entry_counts_only_the_findings_that_are_gone() -> None:
    repeats = lint_text(REPEATS, select=["FL004"])
    (entry,) = build(repeats).entries
    known = Baseline((dataclasses.replace(entry, count=3),))
    assert compare(known, repeats[:1]).stale == (dataclasses.replace(entry, count=2),)


def test_prune_lowers_a_count_that_drops_without_reaching_zero() -> None:
    findings = lint_text(REPEATS + "  - {from: publish, to: find, entities: [candidate]}\n")
    repeats = [f for f in findings if f.code == "FL004"]
    assert len(repeats) == 3
    known = build(repeats)
    (entry,) = known.entries
    assert (entry.rule, entry.about) == (
        "unknown-reference",
        "entity candidate unknown entities of the flow from 'publish' to 'find'",
    )
    after, gone = prune(known, repeats[:2])  # one of three fixed
    assert after.entries == (dataclasses.replace(entry, count=2),)
    assert gone == (dataclasses.replace(entry, count=1),)
    after, gone = prune(known, repeats[:1])  # two of three fixed
    assert after.entries == (dataclasses.replace(entry, count=1),)
    assert gone == (dataclasses.replace(entry, count=2),)


def test_prune_with_a_selection_keeps_the_entries_of_rules_that_did_not_run() -> None:
    known = build(lint_text(MIXED))  # FL101, FL105, FL301; all fixed below
    after, gone = prune(known, [], ran=["FL101", "FL301"])
    assert [e.code for e in after.entries] == ["FL105"]
    assert [e.code for e in gone] == ["FL101", "FL301"]


def test_apply_hides_known_findings_and_says_which_entries_are_stale() -> None:
    source = parse_text(MIXED, "spec.yaml")
    report = lint(Loaded((source,)), select_rules(BUILTIN_RULES))
    fl101, fl105, fl301 = report.findings
    known = build([fl105, fl301])
    gone = Entry("FL201", "relationship x", "ff", "duplicate-relationship")
    extra = Entry("FL302", "api y", "ee", "api-direction")
    known = Baseline((*known.entries, gone, extra))
    inline = Suppressed(fl101, INLINE, "kept")
    before = dataclasses.replace(report, errors=("e",), tracebacks=("t",), suppressed=(inline,))
    after = apply(before, known, "b.json", ran=["FL101", "FL105", "FL201", "FL301"])
    assert after.findings == (fl101,)
    assert (after.errors, after.tracebacks, after.files) == (("e",), ("t",), ("spec.yaml",))
    assert after.suppressed == (
        inline,
        Suppressed(fl105, "baseline", "known in the baseline b.json"),
        Suppressed(fl301, "baseline", "known in the baseline b.json"),
    )
    # FL302 did not run: its entry is not stale.
    assert after.baseline == Outcome("baseline", "b.json", 2, (gone,))
    assert after.baseline.as_dict() == {"file": "b.json", "hidden": 2, "stale": [gone.as_dict()]}
    assert after.summary == {"error": 1, "warning": 0, "info": 0}


def test_only_new_hides_what_was_there_before_counting_repeats() -> None:
    findings = lint_text(REPEATS + "  - {from: publish, to: find, entities: [candidate]}\n")
    source = parse_text(REPEATS, "spec.yaml")
    report = dataclasses.replace(
        lint(Loaded((source,)), select_rules(BUILTIN_RULES)), findings=tuple(findings)
    )
    before = [f for f in findings if f.code == "FL004"][:2]
    newer = only_new(report, before, "main", "0123456789abcdef0123")
    assert newer.findings == tuple(f for f in findings if f not in before)
    why = "already at main (merge base 0123456789ab)"
    assert newer.suppressed == tuple(Suppressed(f, "new-since", why) for f in before)
    assert newer.baseline == Outcome("new-since", "main", 2, commit="0123456789abcdef0123")
    assert newer.baseline.as_dict() == {
        "new_since": "main",
        "merge_base": "0123456789abcdef0123",
        "hidden": 2,
    }
    assert newer.baseline.summary() == (
        "2 findings already at main (merge base 0123456789ab) not shown"
    )


def test_summaries_and_stale_messages_agree_in_number() -> None:
    one = Outcome("new-since", "main", 1, commit="0123456789abcdef")
    assert one.summary() == "1 finding already at main (merge base 0123456789ab) not shown"
    assert (
        Outcome("baseline", "b.json", 1).summary()
        == "1 known finding hidden by the baseline b.json"
    )
    assert (
        Outcome("baseline", "b.json", 0).summary()
        == "0 known findings hidden by the baseline b.json"
    )
    assert Outcome("baseline", "b.json", 0).stale_message() == ""
    two = Entry("FL004", "entity candidate", "ab", "unknown-reference", 2)
    assert Outcome("baseline", "b.json", 0, (two,)).stale_message() == (
        "the baseline b.json lists 2 findings that are gone; a baseline may only shrink: "
        "remove them with 'flowlint baseline --prune'"
    )


def test_intersection_keeps_what_both_know_with_the_smaller_count() -> None:
    trusted = Baseline(
        (
            Entry("FL004", "entity candidate", "ab", "unknown-reference", 3),
            Entry("FL101", "entity course", "cd", "single-owner", 1),
            Entry("FL105", "entity provider", "ef", "unused-entity", 1),
            Entry("FL201", "relationship x", "ij", "duplicate-relationship", 1),
        )
    )
    proposed = Baseline(
        (
            Entry("FL004", "changed words", "ab", "unknown-reference", 2),
            Entry("FL101", "entity course", "cd", "single-owner", 1),
            Entry("FL105", "entity provider", "ef", "unused-entity", 4),
            Entry("FL301", "api new", "gh", "api-undocumented", 1),
        )
    )
    # FL201 was removed, FL301 added (not trusted), FL004 lowered, FL105 raised (not trusted).
    assert intersection(trusted, proposed) == Baseline(
        (
            Entry("FL004", "entity candidate", "ab", "unknown-reference", 2),
            Entry("FL101", "entity course", "cd", "single-owner", 1),
            Entry("FL105", "entity provider", "ef", "unused-entity", 1),
        )
    )


def test_stable_pointer_reads_escaped_keys_and_nested_lists() -> None:
    ends = {"from": "a", "to": "b"}
    assert stable_pointer({"x/y": [ends]}, "/x~1y/0/to") == "/x~1y/a->b/to"
    assert stable_pointer({"x~y": [ends]}, "/x~0y/0") == "/x~0y/a->b"
    nested = {"flows": [{"from": "a", "to": "b", "steps": [{"from": "c", "to": "d"}]}]}
    assert stable_pointer(nested, "/flows/0/steps/0/to") == "/flows/a->b/steps/c->d/to"
    # An index past the end, and an item that is not a flow or relationship, stay as they are.
    assert stable_pointer({"flows": [ends]}, "/flows/1/to") == "/flows/1/to"
    assert stable_pointer({"x": [{"name": "n"}]}, "/x/0/name") == "/x/0/name"
    # A flow missing its 'to' (a schema error) is still named by its 'from'.
    assert stable_pointer({"flows": [{"from": "a"}]}, "/flows/0") == "/flows/a->None"


# --- the commands ----------------------------------------------------------------------------------


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / "specs").mkdir()
    (tmp_path / "specs" / "mixed.yaml").write_text(MIXED, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def invoke(*args: str):
    return runner.invoke(app, list(args))


NO_CONFIG_HINT = (
    "'flowlint check' uses it once a configuration file names it: add this line to a "
    "flowlint.toml here, or to [tool.flowlint] in a pyproject.toml here:\n"
    '  baseline = ".flowlint-baseline.json"\n'
)


def test_baseline_command_writes_the_file(project: Path) -> None:
    result = invoke("baseline")
    assert (result.exit_code, result.stdout) == (
        0,
        ".flowlint-baseline.json: 3 findings recorded as known.\n" + NO_CONFIG_HINT,
    )
    written = (project / ".flowlint-baseline.json").read_text(encoding="utf-8")
    assert written == dumps(build(lint_text(MIXED)))


def test_check_with_a_baseline_hides_known_findings_and_says_how_many(project: Path) -> None:
    invoke("baseline")
    result = invoke("check", "--baseline", ".flowlint-baseline.json")
    assert (result.exit_code, result.stdout, result.stderr) == (
        0,
        "No new findings in 1 file; 3 known findings hidden by the baseline "
        ".flowlint-baseline.json.\n",
        "",
    )
    document = json.loads(
        invoke("check", "--baseline", ".flowlint-baseline.json", "--format", "json").stdout
    )
    assert document["findings"] == []
    assert document["baseline"] == {"file": ".flowlint-baseline.json", "hidden": 3, "stale": []}


SCHOOL = (
    "specs/mixed.yaml:7:3: info FL105 [unused-entity] entity 'school' is declared but no flow "
    "carries it and no API lists it; add the flows that copy 'school' to the services that use "
    "it, or list it under an API's 'entities'; if nothing uses it, remove it or mark it "
    "'status: retired'\n"
)


def test_a_new_finding_is_shown_and_fails(project: Path) -> None:
    invoke("baseline")
    spec = project / "specs" / "mixed.yaml"
    spec.write_text(
        MIXED.replace("  provider:", "  school: {owner: publish}\n  provider:"), "utf-8"
    )
    # Only the new finding is shown; the three known ones (FL101 on line 6 among them) are not.
    result = invoke("check", "--baseline", ".flowlint-baseline.json", "--no-color", "-q")
    assert (result.exit_code, result.stdout) == (0, SCHOOL)  # info does not fail by default
    # In the text format it keeps its code frame, and the summary counts what is hidden.
    result = invoke(
        "check", "--baseline", ".flowlint-baseline.json", "--fail-on", "info", "--no-color"
    )
    assert (result.exit_code, result.stdout, result.stderr) == (
        1,
        SCHOOL + "   6 |   course: {owner: [publish, find]}\n"
        "   7 |   school: {owner: publish}\n"
        "     |   ^\n"
        "\n"
        "Found 1 info in 1 file; 3 known findings hidden by the baseline "
        ".flowlint-baseline.json.\n",
        "",
    )


def test_a_stale_entry_fails_until_pruned(project: Path) -> None:
    invoke("baseline")
    spec = project / "specs" / "mixed.yaml"
    spec.write_text(MIXED.replace("  provider: {owner: publish}\n", ""), "utf-8")
    result = invoke("check", "--baseline", ".flowlint-baseline.json")
    assert result.exit_code == 1
    assert result.stdout == (
        "No new findings in 1 file; 2 known findings hidden by the baseline "
        ".flowlint-baseline.json.\n"
    )
    assert result.stderr == (
        "flowlint: the baseline .flowlint-baseline.json lists 1 finding that is gone; a baseline "
        "may only shrink: remove it with 'flowlint baseline --prune':\n"
        "  FL105 [unused-entity] entity provider\n"
    )
    stale = json.loads(
        invoke("check", "--baseline", ".flowlint-baseline.json", "--format", "json").stdout
    )["baseline"]["stale"]
    assert [(s["code"], s["about"], s["count"]) for s in stale] == [("FL105", "entity provider", 1)]
    assert (
        invoke("check", "--baseline", ".flowlint-baseline.json", "--fail-on", "never").exit_code
        == 0
    )

    result = invoke("baseline", "--prune")
    assert (result.exit_code, result.stdout) == (
        0,
        ".flowlint-baseline.json: removed 1 finding that is gone; 2 findings remain known.\n"
        "  FL105 [unused-entity] entity provider\n",
    )
    assert invoke("check", "--baseline", ".flowlint-baseline.json").exit_code == 0
    result = invoke("baseline", "--prune")
    assert result.stdout == ".flowlint-baseline.json: no stale entries; nothing to remove.\n"


def test_with_select_only_the_selected_rules_entries_are_stale_or_pruned(project: Path) -> None:
    invoke("baseline")  # FL101, FL105 and FL301
    (project / "specs" / "mixed.yaml").write_text(CLEAN, "utf-8")  # all three fixed
    result = invoke("check", "--baseline", ".flowlint-baseline.json", "--select", "FL3")
    assert (result.exit_code, result.stderr) == (
        1,
        "flowlint: the baseline .flowlint-baseline.json lists 1 finding that is gone; a baseline "
        "may only shrink: remove it with 'flowlint baseline --prune':\n"
        "  FL301 [api-undocumented] api publish-api no-docs\n",
    )
    result = invoke("baseline", "--prune", "--select", "FL3")
    assert (result.exit_code, result.stdout) == (
        0,
        ".flowlint-baseline.json: removed 1 finding that is gone; 2 findings remain known.\n"
        "  FL301 [api-undocumented] api publish-api no-docs\n",
    )
    text = (project / ".flowlint-baseline.json").read_text("utf-8")
    assert [e.code for e in loads(text, "x").entries] == ["FL101", "FL105"]


def test_prune_never_adds_new_findings(project: Path) -> None:
    invoke("baseline", "--select", "FL3")
    result = invoke("baseline", "--prune")
    assert result.stdout == ".flowlint-baseline.json: no stale entries; nothing to remove.\n"
    text = (project / ".flowlint-baseline.json").read_text("utf-8")
    assert [e.code for e in loads(text, "x").entries] == ["FL301"]


def test_a_missing_or_broken_baseline_is_exit_2(project: Path) -> None:
    result = invoke("check", "--baseline", "known.json")
    assert (result.exit_code, result.stderr) == (
        2,
        "flowlint: error: known.json: no such baseline file; write it with 'flowlint baseline'\n",
    )
    result = invoke("baseline", "--prune", "--baseline", "known.json")
    assert (result.exit_code, result.stderr) == (
        2,
        "flowlint: error: known.json: no such baseline file; write it with 'flowlint baseline' "
        "(without --prune)\n",
    )
    (project / "known.json").write_text("{}", "utf-8")
    result = invoke("check", "--baseline", "known.json")
    assert (result.exit_code, result.stderr) == (
        2,
        'flowlint: error: known.json: is not a baseline file (no "flowlint-baseline" key); '
        "write one with 'flowlint baseline'\n",
    )


def test_the_configured_baseline_is_used_by_check_and_written_by_baseline(project: Path) -> None:
    (project / "flowlint.toml").write_text('baseline = "ci/known.json"\n', "utf-8")
    result = invoke("baseline")
    assert result.stdout == "ci/known.json: 3 findings recorded as known.\n"
    result = invoke("check")
    assert (result.exit_code, result.stdout) == (
        0,
        "No new findings in 1 file; 3 known findings hidden by the baseline ci/known.json.\n",
    )
    assert invoke("check", "--isolated", "-q").exit_code == 1


def test_baseline_is_not_written_when_a_file_cannot_be_read(project: Path) -> None:
    result = invoke("baseline", "specs", "missing.yaml")
    assert result.exit_code == 2
    assert result.stderr == (
        "flowlint: error: missing.yaml: no such file or directory\n"
        "flowlint: error: the baseline was not written: flowlint could not check every file\n"
    )
    assert not (project / ".flowlint-baseline.json").exists()


def test_adopting_flowlint_end_to_end_in_a_subprocess(project: Path) -> None:
    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "flowlint", *args],
            capture_output=True,
            text=True,
            cwd=project,
            env={"NO_COLOR": "1", "PATH": "/usr/bin:/bin"},
            timeout=60,
        )

    assert run("baseline").stdout == (
        ".flowlint-baseline.json: 3 findings recorded as known.\n" + NO_CONFIG_HINT
    )
    done = run("check", "--baseline", ".flowlint-baseline.json")
    assert (done.returncode, done.stderr) == (0, "")
