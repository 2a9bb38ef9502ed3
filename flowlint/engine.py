"""Select rules, run them over one model, isolate a crashing rule, and build the report.

`lint` runs the rules, drops what `per-path-ignores` drops, applies inline suppressions (and adds
their FL9xx findings, see `flowlint.suppressions`), and gives findings without a subject one built
from their place, so that every fingerprint survives moving a block.

Pure: takes loaded files and rules, returns a `Report`. Reading files is the loader's job and
printing is the CLI's.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import gc
import traceback
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TypeVar

from flowlint.escaping import visible
from flowlint.findings import Finding, Problem, Report, Severity
from flowlint.loading import Loaded
from flowlint.model import Model, build_model
from flowlint.rule import Rule
from flowlint.wording import MAX_MESSAGE, excerpt

SCHEMA_CODE = "FL003"


class UnknownRuleError(ValueError):
    """A --select or --ignore entry names no rule."""


def select_rules(
    rules: Sequence[Rule],
    select: Iterable[str] | None = None,
    ignore: Iterable[str] = (),
    extend_select: Iterable[str] = (),
) -> tuple[Rule, ...]:
    """The rules to run.

    Entries are codes (`FL101`), names (`single-owner`), code prefixes (`FL1`) or `ALL`. With no
    `select`, the rules that are on by default run; naming a rule in `select` or `extend_select`
    turns it on even if it is off by default. `ignore` wins over both.
    """
    chosen = (
        [r for r in rules if r.enabled_by_default]
        if select is None
        else [r for r in rules if any(matches(r, s) for s in _checked(rules, select))]
    )
    added = _checked(rules, extend_select)
    chosen += [r for r in rules if any(matches(r, s) for s in added)]  # kept below: once
    dropped = _checked(rules, ignore)
    kept = {r.code for r in chosen if not any(matches(r, s) for s in dropped)}
    return tuple(r for r in rules if r.code in kept)


def _checked(rules: Sequence[Rule], selectors: Iterable[str]) -> list[str]:
    entries = [s.strip() for s in selectors if s.strip()]
    for entry in entries:
        if not any(matches(rule, entry) for rule in rules):
            from flowlint.suggest import unknown_rule

            raise UnknownRuleError(unknown_rule(entry, [(r.code, r.name) for r in rules]))
    return entries


def matches(rule: Rule, selector: str) -> bool:
    """True when `selector` (a code, name, code prefix or ALL) names `rule`."""
    upper = selector.upper()
    return upper == "ALL" or rule.code.startswith(upper) or rule.name == selector.lower()


_Result = TypeVar("_Result")


def _collector_paused(function: Callable[..., _Result]) -> Callable[..., _Result]:
    """Run `function` with Python's cyclic garbage collector paused, as the loader does.

    The model and the rules' work are hundreds of thousands of small objects, none of them cyclic
    garbage; with the collector on, each full collection walks all of them again (on a 50,000-flow
    spec that was a third of the time of `lint`, see docs/performance.md).
    """

    @functools.wraps(function)
    def paused(*args: object, **kwargs: object) -> _Result:
        was_enabled = gc.isenabled()
        gc.disable()
        try:
            return function(*args, **kwargs)
        finally:
            if was_enabled:
                gc.enable()

    return paused


@_collector_paused
def lint(
    loaded: Loaded,
    rules: Sequence[Rule],
    severities: Mapping[str, Severity] | None = None,
    path_ignores: Mapping[str, frozenset[str]] | None = None,
    known: Sequence[Rule] | None = None,
    today: str | None = None,
) -> Report:
    """Validate, build the model, run `rules` over it and apply suppressions.

    `severities` overrides rules' severities by code; `path_ignores` maps a file (as shown) to the
    codes not reported in it; `known` is every rule a suppression may name (default: the built-in
    rules and `rules`); `today` (YYYY-MM-DD) is the day `until` dates are judged against, the
    calendar's today when not given.
    """
    return _lint(loaded, rules, severities, path_ignores, known, today)[0]


@_collector_paused
def lint_model(
    loaded: Loaded,
    rules: Sequence[Rule],
    severities: Mapping[str, Severity] | None = None,
    path_ignores: Mapping[str, frozenset[str]] | None = None,
    known: Sequence[Rule] | None = None,
    today: str | None = None,
) -> tuple[Report, Model]:
    """`lint`, and the model the rules read: for views of the same run (the language server)."""
    return _lint(loaded, rules, severities, path_ignores, known, today)


def _lint(
    loaded: Loaded,
    rules: Sequence[Rule],
    severities: Mapping[str, Severity] | None,
    path_ignores: Mapping[str, frozenset[str]] | None,
    known: Sequence[Rule] | None,
    today: str | None,
) -> tuple[Report, Model]:
    from flowlint.schema import validate
    from flowlint.suppressions import apply_suppressions

    problems: dict[str, list[Problem]] = {}
    for source in loaded.files:
        for code, problem in source.problems:
            problems.setdefault(code, []).append(problem)
    # A crash while validating a file or building the model is an internal error that costs only
    # what it must: the other files' schema findings, and the loader's and schema's findings.
    failures: list[tuple[str, str]] = []
    if any(rule.code == SCHEMA_CODE for rule in rules):
        for source in loaded.files:
            try:
                found = validate(source)
            except Exception as exc:
                failures.append(_internal(f"while validating {source.path}", exc, "its FL003"))
                continue
            if found:
                problems.setdefault(SCHEMA_CODE, []).extend(found)
    if today is None:
        today = datetime.date.today().isoformat()
    try:
        model = build_model(loaded.files, problems, today)
    except Exception as exc:
        failures.append(_internal("while building the model", exc, "the rules'"))
        model = build_model((), problems, today)
    severities = severities or {}
    path_ignores = path_ignores or {}
    findings, errors, tracebacks, crashed = run_rules(model, rules, severities)
    if failures:
        errors = tuple(error for error, _ in failures) + errors
        tracebacks = tuple(trace for _, trace in failures) + tracebacks
        if any("while building the model" in error for error, _ in failures):
            crashed |= {rule.code for rule in rules if rule.code not in SOURCE_CODES}
    findings = [f for f in findings if f.code not in path_ignores.get(f.location.file, ())]
    selected = {rule.code: rule for rule in rules}
    # What ran for each file: a suppression naming anything else is not "unused" (FL902).
    ran = {
        source.path: frozenset(selected) - crashed - path_ignores.get(source.path, frozenset())
        for source in loaded.files
    }
    findings, suppressed, meta = apply_suppressions(
        loaded.files, findings, _names(rules, known), ran
    )
    for code, problem in meta:
        rule = selected.get(code)
        if rule is None or code not in ran[problem.location.file]:
            continue
        severity = severities.get(code, rule.severity)
        findings.append(
            Finding(
                code,
                rule.name,
                severity,
                one_line(problem.message),
                problem.location,
                problem.subject,
            )
        )
    data = {source.path: source.data for source in loaded.files}
    findings = [_with_subject(f, data) for f in findings]
    suppressed = [
        dataclasses.replace(s, finding=_with_subject(s.finding, data)) for s in suppressed
    ]
    report = Report.of(
        findings,
        files=tuple(f.path for f in loaded.files),
        errors=loaded.errors + errors,
        tracebacks=tracebacks,
        texts={source.path: source.text for source in loaded.files},
        suppressed=tuple(suppressed),
    )
    return report, model


def _names(rules: Sequence[Rule], known: Sequence[Rule] | None) -> dict[str, str]:
    if known is None:
        from flowlint.rules import BUILTIN_RULES

        known = BUILTIN_RULES
    return {rule.code: rule.name for rule in (*known, *rules)}


def _with_subject(finding: Finding, data: Mapping[str, object]) -> Finding:
    """The finding, given a subject made from its pointer when it has none (`data` is each file's
    data): list indexes of flows and relationships replaced by their ends, so its fingerprint does
    not change when a block moves."""
    if finding.subject:
        return finding
    from flowlint.baseline import stable_pointer

    pointer = stable_pointer(data.get(finding.location.file), finding.location.pointer)
    return dataclasses.replace(finding, subject=("at", pointer))


def one_line(message: str) -> str:
    """A rule's message as a finding holds it: one line of visible text, of bounded length.

    A message may quote the spec (a name in double quotes may hold "\n", "\x1b[31m" or U+202E);
    every character that is not printable becomes its escape (`flowlint.escaping.visible`), so a
    finding's message is one line in every format, the machine formats too. Rules quote values
    through `flowlint.wording`; a message longer than `MAX_MESSAGE` characters all the same (a
    plugin, say, that quotes a whole value) is cut, so no message grows with the spec.
    """
    return excerpt(visible(message), MAX_MESSAGE)


# Rules that report what the loader and the schema found: they do not need the model.
SOURCE_CODES = frozenset({"FL001", "FL002", SCHEMA_CODE})


def _internal(where: str, exc: Exception, missing: str) -> tuple[str, str]:
    """An internal error as one line (and its traceback, for --debug)."""
    what = " ".join(str(exc).split())
    return (
        f"internal error {where}: {type(exc).__name__}: {what}; {missing} findings are missing "
        "(--debug shows the traceback)",
        traceback.format_exc(),
    )


def run_rules(
    model: Model, rules: Sequence[Rule], severities: Mapping[str, Severity]
) -> tuple[list[Finding], tuple[str, ...], tuple[str, ...], frozenset[str]]:
    """Run each rule; a rule that raises is reported as an internal error and the others go on.

    Returns the findings, the errors and their tracebacks, and the codes of the rules that raised.
    """
    findings: list[Finding] = []
    errors: list[str] = []
    tracebacks: list[str] = []
    crashed: set[str] = set()
    for rule in rules:
        severity = severities.get(rule.code, rule.severity)
        try:
            problems = list(rule.run(model))
        except Exception as exc:
            errors.append(
                f"internal error in rule {rule.code} ({rule.name}): "
                f"{type(exc).__name__}: {' '.join(str(exc).split())}; its findings are missing "
                "(--debug shows the traceback)"
            )
            tracebacks.append(traceback.format_exc())
            crashed.add(rule.code)
            continue
        findings.extend(
            Finding(rule.code, rule.name, severity, one_line(p.message), p.location, p.subject)
            for p in problems
        )
    return findings, tuple(errors), tuple(tracebacks), frozenset(crashed)


FAIL_LEVELS = {"error": Severity.ERROR, "warning": Severity.WARNING, "info": Severity.INFO}


def exit_code(report: Report, fail_on: str = "error") -> int:
    """2 when the run was incomplete, 1 for a finding at or above `fail_on` or for stale baseline
    entries (unless `fail_on` is "never"), else 0."""
    if report.errors:
        return 2
    threshold = FAIL_LEVELS.get(fail_on)
    if threshold is None:  # "never"
        return 0
    if report.baseline is not None and report.baseline.stale:
        return 1
    return int(any(f.severity.rank >= threshold.rank for f in report.findings))
