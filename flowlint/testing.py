"""Helpers for testing rules: lint YAML text in memory, without files or the CLI.

Example::

    from flowlint.testing import lint_text, positions

    def test_two_owners():
        findings = lint_text(SPEC, select=["FL101"])
        assert positions(findings) == [(7, 15, "/entities/mentor/owner")]
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Mapping, Sequence

from flowlint.engine import lint, select_rules
from flowlint.findings import Finding
from flowlint.loading import Loaded, parse_text
from flowlint.rule import Rule


def lint_files(
    files: Mapping[str, str],
    select: Iterable[str] | None = None,
    ignore: Iterable[str] = (),
    rules: Sequence[Rule] | None = None,
    today: str | None = None,
) -> list[Finding]:
    """Lint a model made of several files, given as {path: YAML text}, in path order; `today`
    (YYYY-MM-DD) fixes the day `until` dates are judged against. A rule that raises fails with
    its traceback (AssertionError) instead of giving no findings."""
    if rules is None:
        from flowlint.rules import BUILTIN_RULES

        rules = BUILTIN_RULES
    chosen = select_rules(rules, select, ignore)
    sources = tuple(parse_text(textwrap.dedent(text), path) for path, text in sorted(files.items()))
    report = lint(Loaded(sources), chosen, today=today)
    if report.tracebacks:
        # A rule that raises loses its findings quietly in a report; in a test it must fail,
        # or "no findings" would pass for a rule that crashed.
        raise AssertionError("a rule raised:\n" + "\n".join(report.tracebacks))
    return list(report.findings)


def lint_text(
    text: str,
    select: Iterable[str] | None = None,
    ignore: Iterable[str] = (),
    path: str = "spec.yaml",
    rules: Sequence[Rule] | None = None,
    today: str | None = None,
) -> list[Finding]:
    """Lint one spec given as YAML text (dedented first, so it can be indented in a test)."""
    return lint_files({path: text}, select, ignore, rules, today)


def positions(findings: Iterable[Finding]) -> list[tuple[int, int, str]]:
    """(line, column, pointer) of each finding: the usual thing to assert."""
    return [(f.location.line, f.location.column, f.location.pointer) for f in findings]


def codes(findings: Iterable[Finding]) -> list[str]:
    """The code of each finding, in order."""
    return [f.code for f in findings]
