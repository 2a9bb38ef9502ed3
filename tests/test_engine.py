"""The engine on its own: which rules run, what `lint` passes on and drops (severities,
per-path ignores, suppressions and their FL9xx findings, subjects), crash isolation, the paused
garbage collector, and the exit code."""

from __future__ import annotations

import dataclasses
import gc
from collections.abc import Callable, Iterable

import pytest

import flowlint.engine
import flowlint.schema
from flowlint.baseline import Entry, Outcome
from flowlint.engine import (
    UnknownRuleError,
    exit_code,
    lint,
    lint_model,
    one_line,
    run_rules,
    select_rules,
)
from flowlint.findings import Finding, Location, Problem, Report, Severity
from flowlint.loading import Loaded, parse_text
from flowlint.model import Model, build_model
from flowlint.rule import Rule, RuleDoc
from flowlint.rules import BUILTIN_RULES
from flowlint.wording import MAX_MESSAGE
from tests.shared import MIXED

BY_CODE = {rule.code: rule for rule in BUILTIN_RULES}
DEFAULT = [r.code for r in BUILTIN_RULES if r.enabled_by_default]


def codes(rules: Iterable[Rule]) -> list[str]:
    return [rule.code for rule in rules]


def rule(
    code: str,
    check: Callable[[Model], Iterable[Problem]],
    severity: Severity = Severity.WARNING,
    name: str = "",
) -> Rule:
    """A rule of our own, as a plugin would add it."""
    return Rule(
        code, name or code.lower(), severity, True, check, RuleDoc("", "", "", "", ""), "test"
    )


def loaded(**files: str) -> Loaded:
    """Files given as name=text ('a' becomes a.yaml), in the order given."""
    return Loaded(tuple(parse_text(text, f"{name}.yaml") for name, text in files.items()))


def found(report: Report) -> list[tuple[str, str, int, int, str]]:
    return [
        (f.location.file, f.code, f.location.line, f.location.column, f.severity.value)
        for f in report.findings
    ]


# --- which rules run ----------------------------------------------------------------------------


def test_by_default_the_rules_on_by_default_run_in_their_order() -> None:
    assert "FL305" not in DEFAULT
    assert codes(select_rules(BUILTIN_RULES)) == DEFAULT
    assert codes(select_rules(BUILTIN_RULES, extend_select=["FL305"])) == codes(BUILTIN_RULES)


def test_select_takes_codes_names_prefixes_and_all_in_any_case() -> None:
    chosen = select_rules(BUILTIN_RULES, ["FL903", "fl30", " Single-Owner ", "  "])
    assert codes(chosen) == [
        "FL101",
        "FL301",
        "FL302",
        "FL303",
        "FL304",
        "FL305",  # off by default, but named by the prefix
        "FL306",
        "FL903",
    ]
    assert codes(select_rules(BUILTIN_RULES, ["all"])) == codes(BUILTIN_RULES)
    assert codes(select_rules(BUILTIN_RULES, [])) == []


def test_extend_select_adds_to_select_and_ignore_wins_over_both() -> None:
    chosen = select_rules(
        BUILTIN_RULES,
        ["FL3"],
        ignore=["FL302", "api-direction"],
        extend_select=["FL101", "FL302", "FL303"],
    )
    assert codes(chosen) == ["FL101", "FL301", "FL304", "FL305", "FL306"]
    assert codes(select_rules(BUILTIN_RULES, ["FL10"], ignore=["FL1"])) == []


@pytest.mark.parametrize("where", ["select", "extend_select", "ignore"])
def test_an_entry_that_names_no_rule_is_an_error(where: str) -> None:
    with pytest.raises(UnknownRuleError) as caught:
        select_rules(BUILTIN_RULES, **{where: ["FL101", "single-ownr"]})
    assert str(caught.value) == "unknown rule 'single-ownr' (did you mean 'single-owner'?)"
    with pytest.raises(UnknownRuleError) as caught:
        select_rules(BUILTIN_RULES, **{where: ["FL999"]})
    assert str(caught.value) == (
        "unknown rule 'FL999' (expected a rule code (FL101), name (single-owner), code prefix "
        "(FL1) or ALL)"
    )


# --- what lint passes on ------------------------------------------------------------------------

SUPPRESSED = MIXED.replace(
    "  provider: {owner: publish}\n",
    "  provider: {owner: publish}  # flowlint: ignore[FL105, FL101] not used yet\n",
)


def test_severities_override_rules_and_meta_rules() -> None:
    report = lint(
        loaded(a=SUPPRESSED),
        select_rules(BUILTIN_RULES),
        severities={"FL101": Severity.INFO, "FL902": Severity.ERROR},
    )
    assert found(report) == [
        ("a.yaml", "FL101", 6, 12, "info"),
        ("a.yaml", "FL902", 7, 31, "error"),
        ("a.yaml", "FL301", 9, 3, "warning"),
    ]
    assert report.summary == {"error": 1, "warning": 1, "info": 1}


# The same, with other names: no declaration is made twice.
OTHER = (
    SUPPRESSED.replace("publish", "p2")
    .replace("find", "f2")
    .replace("course", "c2")
    .replace("provider", "v2")
)


def test_per_path_ignores_drop_findings_and_make_no_unused_suppression_there() -> None:
    # In b.yaml FL101 is ignored: its suppression is not unused there, as it is in a.yaml.
    report = lint(
        loaded(a=SUPPRESSED, b=OTHER),
        select_rules(BUILTIN_RULES),
        path_ignores={"b.yaml": frozenset({"FL101", "FL301"})},
    )
    assert [(file, code, line) for file, code, line, _, _ in found(report)] == [
        ("a.yaml", "FL101", 6),
        ("a.yaml", "FL902", 7),
        ("a.yaml", "FL301", 9),
    ]
    assert [(s.finding.location.file, s.finding.code) for s in report.suppressed] == [
        ("a.yaml", "FL105"),
        ("b.yaml", "FL105"),
    ]
    # An ignored meta rule is dropped in that file only.
    report = lint(
        loaded(a=SUPPRESSED, b=OTHER),
        select_rules(BUILTIN_RULES, ["FL105", "FL9"]),
        path_ignores={"a.yaml": frozenset({"FL902"})},
    )
    assert found(report) == []
    report = lint(
        loaded(a=SUPPRESSED, b=OTHER),
        select_rules(BUILTIN_RULES, ["FL101", "FL105", "FL9"]),
        path_ignores={"a.yaml": frozenset({"FL902"})},
    )
    assert [(file, code) for file, code, *_ in found(report)] == [
        ("a.yaml", "FL101"),
        ("b.yaml", "FL101"),
        ("b.yaml", "FL902"),
    ]


def test_meta_findings_need_their_rule_selected() -> None:
    report = lint(loaded(a=SUPPRESSED), select_rules(BUILTIN_RULES, ["FL1", "FL903"]))
    assert [code for _, code, *_ in found(report)] == ["FL101"]
    report = lint(loaded(a=SUPPRESSED), select_rules(BUILTIN_RULES, ["FL1", "FL902"]))
    assert [code for _, code, *_ in found(report)] == ["FL101", "FL902"]
    meta = report.findings[1]
    assert (meta.rule, meta.subject) == (
        "unused-suppression",
        ("suppression", "/entities/provider", "FL101", "unused"),
    )
    assert report.findings[1].message == (
        "unused suppression of FL101 (single-owner): FL101 reports nothing at "
        "/entities/provider; remove it"
    )


def test_a_meta_finding_message_is_one_line_of_visible_text() -> None:
    text = MIXED.replace("  provider:", "  # flowlint: ignore[x\u202ey] reason\n  provider:")
    report = lint(loaded(a=text), select_rules(BUILTIN_RULES, ["FL903"]))
    assert [f.message for f in report.findings] == [
        "suppression names unknown rule 'x\\u202ey'; it silences nothing"
    ]


def test_a_suppression_may_name_any_known_rule_and_selected_rules_are_known() -> None:
    org = rule("ORG001", lambda model: [], name="org-rule")
    text = MIXED.replace("  provider:", "  # flowlint: ignore[ORG001] reason\n  provider:")
    meta = select_rules(BUILTIN_RULES, ["FL9"])
    unknown = lint(loaded(a=text), meta)
    assert [f.message for f in unknown.findings] == [
        "suppression names unknown rule 'ORG001'; it silences nothing"
    ]
    # Known (a plugin rule not run this time): nothing to say. Run: unused.
    assert lint(loaded(a=text), meta, known=[*BUILTIN_RULES, org]).findings == ()
    ran = lint(loaded(a=text), (*meta, org))
    assert [f.message for f in ran.findings] == [
        "unused suppression of ORG001 (org-rule): ORG001 reports nothing at /entities/provider; "
        "remove it"
    ]


def test_today_is_the_day_until_dates_are_judged_against() -> None:
    text = MIXED.replace(
        "  - {from: publish, to: find, entities: [course]}",
        "  - {from: publish, to: find, entities: [course], until: 2024-03-31}",
    )
    fl113 = select_rules(BUILTIN_RULES, ["FL113"])
    assert lint(loaded(a=text), fl113, today="2024-03-31").findings == ()
    assert [f.code for f in lint(loaded(a=text), fl113, today="2024-04-01").findings] == ["FL113"]
    # Without `today`, the calendar's today (long after 2024).
    assert [f.code for f in lint(loaded(a=text), fl113).findings] == ["FL113"]
    report, model = lint_model(loaded(a=text), fl113, today="2024-04-01")
    assert model.today == "2024-04-01" and len(report.findings) == 1


def test_the_schema_is_checked_only_when_fl003_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "flowlint: 1\nservices:\n  apply: Apply for teacher training\n"
    assert [f.code for f in lint(loaded(a=text), select_rules(BUILTIN_RULES)).findings] == ["FL003"]

    def fail(source):
        raise AssertionError("validated")

    monkeypatch.setattr(flowlint.schema, "validate", fail)
    report = lint(loaded(a=text), select_rules(BUILTIN_RULES, ignore=["FL003"]))
    assert ([f.code for f in report.findings], report.errors) == (["FL106"], ())


def test_what_the_loader_found_is_reported() -> None:
    text = "flowlint: 1\nservices:\n  publish: {name: P, name: Q}\n"
    report = lint(loaded(a=text, b="flowlint: 1\nx: [\n"), select_rules(BUILTIN_RULES, ["FL0"]))
    assert [(f.location.file, f.code, f.location.line) for f in report.findings] == [
        ("a.yaml", "FL002", 3),
        ("b.yaml", "FL001", 3),
    ]


def test_the_report_has_the_files_their_texts_and_the_loader_errors() -> None:
    files = loaded(a=MIXED, b="flowlint: 1\n")
    files = dataclasses.replace(files, errors=("c.yaml: no such file or directory",))
    report = lint(files, select_rules(BUILTIN_RULES))
    assert report.files == ("a.yaml", "b.yaml")
    assert report.texts == {"a.yaml": MIXED, "b.yaml": "flowlint: 1\n"}
    assert report.errors == ("c.yaml: no such file or directory",)


# --- subjects -----------------------------------------------------------------------------------

FLOWS = """\
flowlint: 1
flows:
  - {from: publish, to: find, entities: [course]}
  - {from: find, to: apply, entities: [course]}
"""


def test_a_finding_without_a_subject_gets_one_from_its_stable_pointer() -> None:
    at_second_flow = Location("b.yaml", 4, 5, "/flows/1/to")

    def check(model: Model) -> Iterable[Problem]:
        yield Problem(Location("a.yaml", 3, 5, "/flows/0/to"), "no subject")
        yield Problem(at_second_flow, "no subject")
        yield Problem(at_second_flow, "its own", ("flow", "find", "apply"))

    text = FLOWS.replace("  - {from: find", "  # flowlint: ignore[ORG001] known\n  - {from: find")
    report = lint(loaded(a=FLOWS, b=text), [rule("ORG001", check)])
    assert [f.subject for f in report.findings] == [("at", "/flows/publish->find/to")]
    assert [s.finding.subject for s in report.suppressed] == [
        ("flow", "find", "apply"),
        ("at", "/flows/find->apply/to"),
    ]


# --- crash isolation ----------------------------------------------------------------------------


def boom(*args: object, **kwargs: object) -> list[Problem]:
    raise RuntimeError("line one\nline   two")


def test_a_crashing_rule_costs_only_its_findings() -> None:
    text = MIXED.replace("  provider:", "  # flowlint: ignore[FL101, FL105] reason\n  provider:")
    rules = [
        dataclasses.replace(r, check=boom) if r.code in ("FL101", "FL301") else r
        for r in select_rules(BUILTIN_RULES)
    ]
    report = lint(loaded(a=text), rules)
    # FL101 crashed: its suppression is not called unused.
    assert [f.code for f in report.findings] == []
    assert [s.finding.code for s in report.suppressed] == ["FL105"]
    assert report.errors == (
        "internal error in rule FL101 (single-owner): RuntimeError: line one line two; its "
        "findings are missing (--debug shows the traceback)",
        "internal error in rule FL301 (api-undocumented): RuntimeError: line one line two; its "
        "findings are missing (--debug shows the traceback)",
    )
    assert len(report.tracebacks) == 2
    assert all(t.startswith("Traceback (most recent call last)") for t in report.tracebacks)
    assert report.tracebacks[0].endswith("RuntimeError: line one\nline   two\n")


def test_run_rules_returns_findings_in_rule_order_and_the_codes_that_crashed() -> None:
    model = build_model(loaded(a=MIXED).files, {}, "2024-01-01")
    rules = [
        BY_CODE["FL301"],
        dataclasses.replace(BY_CODE["FL105"], check=boom),
        BY_CODE["FL101"],
    ]
    findings, errors, tracebacks, crashed = run_rules(model, rules, {"FL101": Severity.INFO})
    assert [(f.code, f.rule, f.severity.value, f.subject) for f in findings] == [
        ("FL301", "api-undocumented", "warning", ("api", "publish-api", "no-docs")),
        ("FL101", "single-owner", "info", ("entity", "course", "owners", "find", "publish")),
    ]
    assert [e.split(":")[0] for e in errors] == ["internal error in rule FL105 (unused-entity)"]
    assert len(tracebacks) == 1
    assert crashed == frozenset({"FL105"})


def test_a_crash_validating_one_file_keeps_the_others(monkeypatch: pytest.MonkeyPatch) -> None:
    broken = "flowlint: 1\nservices:\n  apply: Apply for teacher training\n"
    validate = flowlint.schema.validate

    def fragile(source):
        if source.path == "b.yaml":
            raise RuntimeError("boom\nagain")
        return validate(source)

    monkeypatch.setattr(flowlint.schema, "validate", fragile)
    rules = [*select_rules(BUILTIN_RULES, ["FL003", "FL101"]), rule("ORG001", boom)]
    report = lint(loaded(a=broken, b=broken, c=broken), rules)
    assert [(f.location.file, f.code) for f in report.findings] == [
        ("a.yaml", "FL003"),
        ("c.yaml", "FL003"),
    ]
    assert [e.split("; ")[0] for e in report.errors] == [
        "internal error while validating b.yaml: RuntimeError: boom again",
        "internal error in rule ORG001 (org001): RuntimeError: line one line two",
    ]
    assert report.errors[0].endswith(
        "; its FL003 findings are missing (--debug shows the traceback)"
    )
    assert [t.splitlines()[-1] for t in report.tracebacks] == ["again", "line   two"]


def test_a_crash_building_the_model_keeps_the_source_findings(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def fragile(files, problems, today):
        if files:
            raise RuntimeError("boom")
        return build_model(files, problems, today)

    monkeypatch.setattr(flowlint.engine, "build_model", fragile)
    text = (
        "flowlint: 1\n"
        "services:\n"
        "  apply: Apply  # flowlint: ignore[FL003] reason\n"
        "entities:  # flowlint: ignore[FL101, FL902] reason\n"
        "  course: {owner: [apply, find], owner: apply}\n"
    )
    report, model = lint_model(loaded(a=text), select_rules(BUILTIN_RULES), today="2024-04-01")
    # FL002 and FL003 ran (they read the files, not the model) and FL003's suppression is used.
    # The rules that need the model, FL9xx among them, count as not run: no FL902 for FL101, no
    # FL903.
    assert [(f.code, f.location.line, f.location.column) for f in report.findings] == [
        ("FL002", 5, 34)
    ]
    assert model.today == "2024-04-01"
    assert [s.finding.code for s in report.suppressed] == ["FL003"]
    assert report.errors == (
        "internal error while building the model: RuntimeError: boom; the rules' findings are "
        "missing (--debug shows the traceback)",
    )
    assert len(report.tracebacks) == 1


# --- the garbage collector ----------------------------------------------------------------------


def test_lint_pauses_the_garbage_collector_and_restores_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen = []

    def check(model: Model) -> list[Problem]:
        seen.append(gc.isenabled())
        return []

    assert gc.isenabled()
    lint(loaded(a=MIXED), [rule("ORG001", check)])
    lint_model(loaded(a=MIXED), [rule("ORG001", check)])
    assert seen == [False, False]
    assert gc.isenabled()
    gc.disable()
    try:
        lint(loaded(a=MIXED), [rule("ORG001", check)])
        assert not gc.isenabled()  # left as it was
    finally:
        gc.enable()
    monkeypatch.setattr(flowlint.engine, "_lint", boom)
    with pytest.raises(RuntimeError):
        lint(loaded(a=MIXED), [])
    assert gc.isenabled()


# --- one line, and the exit code -----------------------------------------------------------------


def test_one_line_escapes_what_is_not_printable_and_bounds_the_length() -> None:
    assert one_line("a\nb\u202ec") == "a\\nb\\u202ec"
    assert one_line("x" * MAX_MESSAGE) == "x" * MAX_MESSAGE
    assert one_line("x" * (MAX_MESSAGE + 1)) == "x" * (MAX_MESSAGE - 1) + "…"


def finding(severity: Severity) -> Finding:
    return Finding("FL000", "x", severity, "m", Location("a.yaml", 1, 1, ""))


@pytest.mark.parametrize(
    ("severity", "fail_on", "code"),
    [
        (Severity.ERROR, "error", 1),
        (Severity.WARNING, "error", 0),
        (Severity.WARNING, "warning", 1),
        (Severity.INFO, "warning", 0),
        (Severity.INFO, "info", 1),
        (Severity.ERROR, "never", 0),
    ],
)
def test_the_exit_code_follows_fail_on(severity: Severity, fail_on: str, code: int) -> None:
    assert exit_code(Report.of([finding(severity)]), fail_on) == code
    assert exit_code(Report.of([]), fail_on) == 0


def test_the_exit_code_of_an_incomplete_run_or_a_stale_baseline() -> None:
    assert exit_code(Report.of([finding(Severity.ERROR)])) == 1  # fail_on is "error"
    assert exit_code(Report.of([finding(Severity.WARNING)])) == 0
    incomplete = Report.of([], errors=("internal error",))
    assert exit_code(incomplete) == 2
    assert exit_code(incomplete, "never") == 2
    stale = dataclasses.replace(
        Report.of([finding(Severity.INFO)]),
        baseline=Outcome("baseline", "b.json", 0, (Entry("FL105", "entity x", "ab"),)),
    )
    assert exit_code(stale) == 1
    assert exit_code(stale, "never") == 0
    clean = dataclasses.replace(Report.of([]), baseline=Outcome("baseline", "b.json", 3))
    assert exit_code(clean) == 0
