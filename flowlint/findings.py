"""The values every stage passes on: severities, source locations, problems and findings.

A rule yields `Problem`s (where and what); the engine turns each into a `Finding` by adding the
rule's code, name and effective severity. A `Report` is what reporters render: the findings it
shows, and the `Suppressed` findings it does not (silenced by a comment, or known to a baseline),
which every format still accounts for.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Protocol


class StaleEntry(Protocol):
    """A baseline entry whose findings are gone (`flowlint.baseline.Entry`)."""

    def describe(self) -> str: ...

    def as_dict(self) -> dict[str, Any]: ...


class Hidden(Protocol):
    """What a baseline or `--new-since` says about the findings a report does not show
    (`flowlint.baseline.Outcome`): this module needs only its words, not the baseline module."""

    @property
    def hidden(self) -> int: ...

    @property
    def stale(self) -> tuple[StaleEntry, ...]: ...

    def as_dict(self) -> dict[str, Any]: ...

    def summary(self) -> str: ...

    def stale_message(self) -> str: ...


class Severity(str, Enum):
    """How bad a finding is. Compare with `rank`: error > warning > info."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return _RANKS[self]

    def __str__(self) -> str:
        return self.value


_RANKS = {Severity.INFO: 1, Severity.WARNING: 2, Severity.ERROR: 3}


@dataclass(frozen=True, slots=True, order=True)
class Location:
    """Where a finding is: file, 1-based line and column, and an RFC 6901 pointer in that file."""

    file: str
    line: int
    column: int
    pointer: str = ""


@dataclass(frozen=True, slots=True)
class Problem:
    """What a rule reports: a location, a message, and the stable ids of what it is about.

    `subject` names the things involved by id (e.g. `("entity", "mentor")`), never by position,
    so it can identify the same problem after a block moves or a file is split.
    """

    location: Location
    message: str
    subject: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Finding:
    """A problem with the rule that found it and its effective severity."""

    code: str
    rule: str
    severity: Severity
    message: str
    location: Location
    subject: tuple[str, ...] = ()

    @property
    def fingerprint(self) -> str:
        """A stable id of the finding: its rule and the ids of what it is about.

        It does not depend on line numbers, message wording or file order, so moving a block or
        splitting a file keeps it. Two findings of one rule about the same things share it; a
        baseline counts such repeats.
        """
        import hashlib  # here, not at the top: it is slow to import and only reports need it

        basis = self.subject or (self.location.pointer,)
        digest = hashlib.sha256("\x1f".join((self.code, *basis)).encode("utf-8"))
        return digest.hexdigest()[:16]

    @property
    def sort_key(self) -> tuple[str, int, int, str, str]:
        loc = self.location
        return (loc.file, loc.line, loc.column, self.code, self.message)

    def as_dict(self) -> dict[str, object]:
        """The finding in the documented JSON shape."""
        loc = self.location
        return {
            "code": self.code,
            "rule": self.rule,
            "severity": self.severity.value,
            "message": self.message,
            "file": loc.file,
            "line": loc.line,
            "column": loc.column,
            "pointer": loc.pointer,
            "fingerprint": self.fingerprint,
        }


INLINE = "inline"
BASELINE = "baseline"
NEW_SINCE = "new-since"


@dataclass(frozen=True, slots=True)
class Suppressed:
    """A finding a report does not show, and why.

    `kind` is INLINE (a `# flowlint: ignore[...]` comment; `reason` is what the comment says after
    the brackets, '' when it says nothing), BASELINE (a baseline entry knows it; `reason` names the
    baseline file) or NEW_SINCE (it was already in the spec at the merge base; `reason` says
    which revision).
    """

    finding: Finding
    kind: str
    reason: str = ""


@dataclass(frozen=True, slots=True)
class Report:
    """The outcome of a check: sorted findings, files read, and problems that stopped the run."""

    findings: tuple[Finding, ...] = ()
    files: tuple[str, ...] = ()
    errors: tuple[str, ...] = ()
    summary: dict[str, int] = field(default_factory=dict)
    # Tracebacks of internal errors, shown only with --debug.
    tracebacks: tuple[str, ...] = ()
    # Each file's text by path, for reporters that show the spec lines under a finding.
    texts: Mapping[str, str] = field(default_factory=dict, repr=False)
    # Findings a baseline or --new-since did not show: how many, and stale baseline entries.
    baseline: Hidden | None = None
    # Findings not shown because a comment, a baseline or --new-since hides them.
    suppressed: tuple[Suppressed, ...] = ()

    @classmethod
    def of(
        cls,
        findings: list[Finding],
        files: tuple[str, ...] = (),
        errors: tuple[str, ...] = (),
        tracebacks: tuple[str, ...] = (),
        texts: Mapping[str, str] | None = None,
        suppressed: tuple[Suppressed, ...] = (),
    ) -> Report:
        """Build a report with findings (and suppressed findings) sorted by file, line, column
        and code."""
        ordered = tuple(sorted(findings, key=lambda f: f.sort_key))
        counts = Counter(f.severity.value for f in ordered)
        summary = {s.value: counts.get(s.value, 0) for s in Severity}
        hidden = tuple(sorted(suppressed, key=lambda s: s.finding.sort_key))
        return cls(ordered, files, errors, summary, tracebacks, texts or {}, suppressed=hidden)

    def worst(self) -> Severity | None:
        """The most severe finding's severity, or None when there are none."""
        return max((f.severity for f in self.findings), key=lambda s: s.rank, default=None)
