"""What a rule is: metadata read from its module, its documentation, and its check function.

A rule module defines `CODE`, `NAME`, `SEVERITY` (and optionally `ENABLED = False` for rules that
are off by default) and a `check(model)` generator of `Problem`s. Its docstring is its
documentation:

    One-line summary.

    Why: a paragraph on why it matters.

    Fails:
        <a complete spec that the rule reports>

    Passes:
        <the same spec, fixed>

    Fix: how to fix it.

A test runs every rule's two examples, so the docs cannot drift from the code.
"""

from __future__ import annotations

import inspect
import re
import textwrap
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from types import ModuleType

from flowlint.findings import Problem, Severity
from flowlint.model import Model

_SECTION = re.compile(r"^(Why|Fails|Passes|Fix):\s*(.*)$")


@dataclass(frozen=True, slots=True)
class RuleDoc:
    """A rule's documentation, split into its sections."""

    summary: str
    why: str
    fails: str
    passes: str
    fix: str


@dataclass(frozen=True, slots=True)
class Rule:
    """A rule as the engine sees it."""

    code: str
    name: str
    severity: Severity
    enabled_by_default: bool
    check: Callable[[Model], Iterable[Problem]]
    doc: RuleDoc
    origin: str = "flowlint"

    @classmethod
    def from_module(cls, module: ModuleType, origin: str = "flowlint") -> Rule:
        """Read a rule module's metadata, check function and docstring."""
        return cls(
            code=module.CODE,
            name=module.NAME,
            severity=Severity(module.SEVERITY),
            enabled_by_default=getattr(module, "ENABLED", True),
            check=module.check,
            doc=parse_doc(inspect.getdoc(module) or ""),
            origin=origin,
        )


def parse_doc(docstring: str) -> RuleDoc:
    """Split a rule docstring into summary, Why, Fails, Passes and Fix."""
    lines = docstring.strip().splitlines()
    summary = lines[0].strip() if lines else ""
    sections: dict[str, list[str]] = {"Why": [], "Fails": [], "Passes": [], "Fix": []}
    current: str | None = None
    for line in lines[1:]:
        match = _SECTION.match(line)
        if match:
            current = match.group(1)
            if match.group(2):
                sections[current].append(match.group(2))
            continue
        if current:
            sections[current].append(line)

    def prose(name: str) -> str:
        return " ".join(" ".join(sections[name]).split())

    def block(name: str) -> str:
        return textwrap.dedent("\n".join(sections[name])).strip("\n") + "\n"

    return RuleDoc(summary, prose("Why"), block("Fails"), block("Passes"), prose("Fix"))
