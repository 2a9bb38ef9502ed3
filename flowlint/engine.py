"""Select rules, run them over one model, isolate a crashing rule, and build the report.

Pure: takes loaded files and rules, returns a `Report`. Reading files is the loader's job and
printing is the CLI's.
"""

from __future__ import annotations

import traceback
from collections.abc import Iterable, Mapping, Sequence

from flowlint.findings import Finding, Problem, Report, Severity
from flowlint.loading import Loaded
from flowlint.model import Model, build_model
from flowlint.rule import Rule

SCHEMA_CODE = "FL003"


class UnknownRuleError(ValueError):
    """A --select or --ignore entry names no rule."""


def select_rules(
    rules: Sequence[Rule], select: Iterable[str] | None = None, ignore: Iterable[str] = ()
) -> tuple[Rule, ...]:
    """The rules to run.

    Entries are codes (`FL101`), names (`single-owner`), code prefixes (`FL1`) or `ALL`. With no
    `select`, the rules that are on by default run; naming a rule in `select` turns it on even if it
    is off by default.
    """
    chosen = (
        [r for r in rules if r.enabled_by_default]
        if select is None
        else [r for r in rules if any(_matches(r, s) for s in _checked(rules, select))]
    )
    dropped = _checked(rules, ignore)
    return tuple(r for r in chosen if not any(_matches(r, s) for s in dropped))


def _checked(rules: Sequence[Rule], selectors: Iterable[str]) -> list[str]:
    entries = [s.strip() for s in selectors if s.strip()]
    for entry in entries:
        if not any(_matches(rule, entry) for rule in rules):
            known = ", ".join(r.code for r in rules)
            raise UnknownRuleError(
                f"unknown rule '{entry}': expected a code, name or prefix of {known} or ALL"
            )
    return entries


def _matches(rule: Rule, selector: str) -> bool:
    upper = selector.upper()
    return upper == "ALL" or rule.code.startswith(upper) or rule.name == selector.lower()


def lint(
    loaded: Loaded,
    rules: Sequence[Rule],
    severities: Mapping[str, Severity] | None = None,
) -> Report:
    """Validate, build the model and run `rules` over it."""
    from flowlint.schema import validate

    problems: dict[str, list[Problem]] = {}
    for source in loaded.files:
        for code, problem in source.problems:
            problems.setdefault(code, []).append(problem)
    if any(rule.code == SCHEMA_CODE for rule in rules):
        for source in loaded.files:
            found = validate(source)
            if found:
                problems.setdefault(SCHEMA_CODE, []).extend(found)
    model = build_model(loaded.files, problems)
    findings, errors, tracebacks = run_rules(model, rules, severities or {})
    return Report.of(
        findings,
        files=tuple(f.path for f in loaded.files),
        errors=loaded.errors + errors,
        tracebacks=tracebacks,
        texts={source.path: source.text for source in loaded.files},
    )


def run_rules(
    model: Model, rules: Sequence[Rule], severities: Mapping[str, Severity]
) -> tuple[list[Finding], tuple[str, ...], tuple[str, ...]]:
    """Run each rule; a rule that raises is reported as an internal error and the others go on."""
    findings: list[Finding] = []
    errors: list[str] = []
    tracebacks: list[str] = []
    for rule in rules:
        severity = severities.get(rule.code, rule.severity)
        try:
            problems = list(rule.check(model))
        except Exception as exc:
            errors.append(
                f"internal error in rule {rule.code} ({rule.name}): "
                f"{type(exc).__name__}: {exc}; its findings are missing "
                "(--debug shows the traceback)"
            )
            tracebacks.append(traceback.format_exc())
            continue
        findings.extend(
            Finding(rule.code, rule.name, severity, p.message, p.location, p.subject)
            for p in problems
        )
    return findings, tuple(errors), tuple(tracebacks)


FAIL_LEVELS = {"error": Severity.ERROR, "warning": Severity.WARNING, "info": Severity.INFO}


def exit_code(report: Report, fail_on: str = "error") -> int:
    """2 when the run was incomplete, 1 for a finding at or above `fail_on`, else 0."""
    if report.errors:
        return 2
    threshold = FAIL_LEVELS.get(fail_on)
    if threshold is None:  # "never"
        return 0
    return int(any(f.severity.rank >= threshold.rank for f in report.findings))
