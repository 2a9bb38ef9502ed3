"""The shared helper for rule tests.

A rule test writes a spec as text, lints it for one rule and asserts where the findings are:

    from tests.rules.helpers import PREAMBLE, at, lint

    def test_two_owners() -> None:
        spec = PREAMBLE + "entities:\\n  mentor: {owner: [placements, claims]}\\n"
        assert lint(spec, "FL101") == [(*at(spec, "owner: ["), "/entities/mentor/owner")]

`at(spec, text)` finds the line and column of a piece of the spec, so expected positions are
read off the spec itself rather than counted by hand; `lint` returns (line, column, pointer)
of each finding in the order the rule reports them. `PREAMBLE` declares the services most
rule tests need; a test adds the sections it is about.
"""

from __future__ import annotations

import textwrap

from flowlint.findings import Finding
from flowlint.testing import lint_text

PREAMBLE = """\
flowlint: 1.1
services:
  placements: {name: Manage school placements}
  claims: {name: Claim funding for mentor training}
  register: {name: Register trainee teachers}
  dqt: {name: Database of qualified teachers}
  gias: {name: Get information about schools, kind: external}
"""


def findings(spec: str, code: str, today: str | None = None) -> list[Finding]:
    """The findings of one rule (by code or name) on a spec, in the order they are reported."""
    return lint_text(spec, select=[code], today=today)


def lint(spec: str, code: str, today: str | None = None) -> list[tuple[int, int, str]]:
    """(line, column, pointer) of each finding of one rule on a spec."""
    return [
        (f.location.line, f.location.column, f.location.pointer)
        for f in findings(spec, code, today)
    ]


def at(spec: str, text: str, occurrence: int = 1) -> tuple[int, int]:
    """The 1-based (line, column) where the `occurrence`-th `text` starts in the spec as it is
    linted (dedented, as `lint` dedents it)."""
    linted = textwrap.dedent(spec)
    start = -1
    for _ in range(occurrence):
        start = linted.find(text, start + 1)
        if start == -1:
            raise AssertionError(f"{text!r} occurs fewer than {occurrence} times in the spec")
    line = linted.count("\n", 0, start) + 1
    column = start - (linted.rfind("\n", 0, start) + 1) + 1
    return line, column
