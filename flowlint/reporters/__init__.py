"""Output formats. One module per format; this dict is the registry and drives `--format`.

Each module defines `render(report: Report, options: RenderOptions) -> str`. Modules are imported
only when their format is used, so start-up does not pay for formats nobody asked for.

Every text a reporter writes that comes from a spec, a file name, the configuration or git goes
through `flowlint.escaping`, with the function for its format. Formats meant for people (text,
concise, github, markdown) show at most `MAX_PER_RULE` findings of each rule and then say how
many they left out (`capped`), so the output of a run stays bounded whatever a spec provokes;
machine formats (json, sarif, junit, gitlab) keep every finding. Every format accounts for the
suppressed findings (`Report.suppressed`): the summary counts them, SARIF and JSON list them.
"""

from __future__ import annotations

import importlib
import posixpath
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from flowlint.findings import Finding, Report
    from flowlint.rule import Rule

# Findings of one rule a format for people shows; the rest are counted in one closing line.
MAX_PER_RULE = 1000

REPORTERS: dict[str, str] = {
    "text": "flowlint.reporters.text",
    "concise": "flowlint.reporters.concise",
    "json": "flowlint.reporters.json",
    "sarif": "flowlint.reporters.sarif",
    "github": "flowlint.reporters.github",
    "junit": "flowlint.reporters.junit",
    "gitlab": "flowlint.reporters.gitlab",
    "markdown": "flowlint.reporters.markdown",
}


@dataclass(frozen=True, slots=True)
class RenderOptions:
    """How to render a report.

    `color` and `quiet` shape the text formats; `version` is stamped into machine formats.
    `rules` are the codes of the rules that ran (JUnit lists a passing test for each).
    `known_rules` are every rule flowlint knows in this run, built-in and plugins (SARIF describes
    each); empty means the built-in rules.
    `root` (the repository root) and `cwd` (the directory the finding paths are relative to), both
    absolute, make the paths in CI formats repository-relative; empty, paths are shown as given.
    """

    color: bool = False
    quiet: bool = False
    version: str = ""
    rules: tuple[str, ...] = ()
    known_rules: tuple[Rule, ...] = ()
    root: str = ""
    cwd: str = ""


def get_reporter(name: str) -> Callable[[Report, RenderOptions], str]:
    """The render function of format `name` (a key of REPORTERS)."""
    return importlib.import_module(REPORTERS[name]).render


def repository_path(file: str, options: RenderOptions) -> str:
    """`file` relative to the repository root, in POSIX form, as CI systems want it.

    A relative `file` is taken relative to `options.cwd`. Without a root the path is returned as
    given; a file outside the root gets its absolute path.
    """
    if not options.root:
        return file
    absolute = posixpath.normpath(posixpath.join(options.cwd or options.root, file))
    relative = posixpath.relpath(absolute, options.root)
    return absolute if relative == ".." or relative.startswith("../") else relative


def occurrence_ids(findings: Iterable[Finding]) -> list[str]:
    """A unique id per finding: its fingerprint, with `:2`, `:3`... added for repeats.

    CI systems (GitHub code scanning, GitLab Code Quality) merge results that share an id, but two
    findings of one rule about the same things share a fingerprint; numbering the repeats in report
    order keeps each one while the first keeps the plain fingerprint.
    """
    seen: Counter[str] = Counter()
    ids = []
    for finding in findings:
        fingerprint = finding.fingerprint
        seen[fingerprint] += 1
        n = seen[fingerprint]
        ids.append(fingerprint if n == 1 else f"{fingerprint}:{n}")
    return ids


def capped(
    findings: Iterable[Finding], limit: int = MAX_PER_RULE
) -> tuple[list[Finding], Counter[str]]:
    """The first `limit` findings of each rule, in report order, and how many of each rule's
    findings were left out (by code; empty when none were)."""
    seen: Counter[str] = Counter()
    shown = []
    for finding in findings:
        seen[finding.code] += 1
        if seen[finding.code] <= limit:
            shown.append(finding)
    omitted = Counter({code: n - limit for code, n in seen.items() if n > limit})
    return shown, omitted


def omitted_line(omitted: Counter[str], limit: int = MAX_PER_RULE) -> str:
    """The closing line of a capped format: how many findings of which rules it left out."""
    total = sum(omitted.values())
    rules = ", ".join(f"{code} ({n:,})" for code, n in sorted(omitted.items()))
    return (
        f"{total:,} more finding{'' if total == 1 else 's'} not shown: {rules}; this format shows "
        f"at most {limit:,} per rule, --format json or sarif lists every finding."
    )


def suppression_summary(report: Report) -> str:
    """What the report does not show, as clauses of the summary sentence: e.g. '2 suppressed
    inline, 1 without a reason; 3 known findings hidden by the baseline .flowlint-baseline.json'.
    Empty when nothing is suppressed."""
    from flowlint.findings import INLINE

    clauses = []
    inline = [s for s in report.suppressed if s.kind == INLINE]
    if inline:
        without = sum(1 for s in inline if not s.reason)
        clause = f"{len(inline):,} suppressed inline"
        clauses.append(clause + (f", {without:,} without a reason" if without else ""))
    if report.baseline is not None:
        clauses.append(report.baseline.summary())
    return "; ".join(clauses)
