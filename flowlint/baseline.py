"""Known findings: the baseline file, and what it hides from a check.

A baseline records each finding by its fingerprint (`Finding.fingerprint`: the rule and the ids of
what the finding is about, never a line number, message or file), with how many findings share it.
A check with a baseline shows only the findings beyond those counts, and reports the entries whose
findings are gone as stale: the baseline may only shrink, so a fixed finding must leave it too
(`flowlint baseline --prune`).

The file, `.flowlint-baseline.json` by default, is sorted and has one entry per line, so a review
diff shows exactly which known findings came or went:

    {
      "flowlint-baseline": 1,
      "findings": [
        {"code": "FL101", "rule": "single-owner", "about": "entity mentor owners claims ...",
         "count": 1, "fingerprint": "3f0c9d5e2a1b7c44"}
      ]
    }

Each entry is one line in the file (wrapped here). `about` is the finding's subject (its stable
ids), for the people reading the file; only `fingerprint` and `count` are compared. Everything
here is pure: reading and writing the file is the CLI's job.
"""

from __future__ import annotations

import dataclasses
import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from flowlint.findings import BASELINE, NEW_SINCE, Finding, Report, Suppressed

BASELINE_FILE = ".flowlint-baseline.json"
FORMAT_KEY = "flowlint-baseline"
FORMAT_VERSION = 1


class BaselineError(ValueError):
    """A baseline file flowlint cannot read; `str(error)` is one line."""


@dataclass(frozen=True, slots=True, order=True)
class Entry:
    """Known findings that share one fingerprint."""

    code: str
    about: str
    fingerprint: str
    rule: str = ""
    count: int = 1

    def as_dict(self) -> dict[str, Any]:
        """The entry as written to the file, keys in a fixed order."""
        return {
            "code": self.code,
            "rule": self.rule,
            "about": self.about,
            "count": self.count,
            "fingerprint": self.fingerprint,
        }

    def describe(self) -> str:
        """One line for people: 'FL101 [single-owner] entity mentor owners ... (2 findings)'."""
        times = f" ({self.count} findings)" if self.count > 1 else ""
        return f"{self.code} [{self.rule}] {self.about}{times}"


@dataclass(frozen=True, slots=True)
class Baseline:
    """The entries of a baseline file, sorted by code, subject and fingerprint."""

    entries: tuple[Entry, ...] = ()

    @property
    def total(self) -> int:
        """How many findings the baseline knows (entries times their counts)."""
        return sum(entry.count for entry in self.entries)

    def counts(self) -> Counter[str]:
        """Known findings per fingerprint."""
        return Counter({entry.fingerprint: entry.count for entry in self.entries})


@dataclass(frozen=True, slots=True)
class Comparison:
    """What a baseline does to a check's findings."""

    shown: tuple[Finding, ...]
    hidden: int
    stale: tuple[Entry, ...]
    # The findings hidden (`hidden` of them), in report order.
    known: tuple[Finding, ...] = ()


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a report says about the findings it does not show.

    `kind` is "baseline" (`source` is the baseline file) or "new-since" (`source` is the revision
    given and `commit` its merge base with HEAD).
    """

    kind: str
    source: str
    hidden: int
    stale: tuple[Entry, ...] = ()
    commit: str = ""

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape, under the report's "baseline" key."""
        if self.kind == "new-since":
            return {"new_since": self.source, "merge_base": self.commit, "hidden": self.hidden}
        return {
            "file": self.source,
            "hidden": self.hidden,
            "stale": [entry.as_dict() for entry in self.stale],
        }

    def summary(self) -> str:
        """The clause the text summary adds, e.g. '12 known findings hidden by the baseline x'."""
        findings = "finding" if self.hidden == 1 else "findings"
        if self.kind == "new-since":
            return (
                f"{self.hidden} {findings} already at {self.source} "
                f"(merge base {self.commit[:12]}) not shown"
            )
        return f"{self.hidden} known {findings} hidden by the baseline {self.source}"

    def stale_message(self) -> str:
        """The line that explains a failure on stale entries (empty when there are none)."""
        if not self.stale:
            return ""
        count = sum(entry.count for entry in self.stale)
        what = "1 finding that is gone" if count == 1 else f"{count} findings that are gone"
        return (
            f"the baseline {self.source} lists {what}; a baseline may only shrink: "
            f"remove {'it' if count == 1 else 'them'} with 'flowlint baseline --prune'"
        )


def about(finding: Finding) -> str:
    """The human hint of a finding in the baseline: its subject, space-separated."""
    return " ".join(finding.subject) if finding.subject else finding.location.pointer or "/"


def build(findings: Iterable[Finding]) -> Baseline:
    """The baseline that knows exactly these findings."""
    counts: Counter[str] = Counter()
    first: dict[str, Finding] = {}
    for finding in findings:
        fingerprint = finding.fingerprint
        counts[fingerprint] += 1
        first.setdefault(fingerprint, finding)
    entries = (Entry(f.code, about(f), fp, f.rule, counts[fp]) for fp, f in first.items())
    return Baseline(tuple(sorted(entries)))


def compare(
    baseline: Baseline, findings: Sequence[Finding], ran: Iterable[str] | None = None
) -> Comparison:
    """Hide the findings the baseline knows; report entries whose findings are gone as stale.

    Findings sharing a fingerprint are hidden up to the entry's count, in report order, and the
    rest are shown. Only entries of rules in `ran` (all, when None) can be stale: a rule that did
    not run found nothing, which says nothing about its known findings.
    """
    allowance = baseline.counts()
    found: Counter[str] = Counter()
    shown = []
    known = []
    for finding in findings:
        fingerprint = finding.fingerprint
        found[fingerprint] += 1
        if found[fingerprint] <= allowance[fingerprint]:
            known.append(finding)
        else:
            shown.append(finding)
    codes = set(ran) if ran is not None else None
    stale = tuple(
        Entry(e.code, e.about, e.fingerprint, e.rule, e.count - found[e.fingerprint])
        for e in baseline.entries
        if found[e.fingerprint] < e.count and (codes is None or e.code in codes)
    )
    return Comparison(tuple(shown), len(known), stale, tuple(known))


def prune(
    baseline: Baseline, findings: Sequence[Finding], ran: Iterable[str] | None = None
) -> tuple[Baseline, tuple[Entry, ...]]:
    """The baseline without its stale entries (counts lowered to what is found), and what went.

    New findings are not added: pruning only ever shrinks a baseline.
    """
    stale = compare(baseline, findings, ran).stale
    gone = {entry.fingerprint: entry.count for entry in stale}
    kept = tuple(
        Entry(e.code, e.about, e.fingerprint, e.rule, e.count - gone.get(e.fingerprint, 0))
        for e in baseline.entries
        if e.count > gone.get(e.fingerprint, 0)
    )
    return Baseline(kept), stale


def apply(report: Report, baseline: Baseline, source: str, ran: Iterable[str]) -> Report:
    """The report without the findings `baseline` knows, saying how many it hid and which of its
    entries are stale. `source` names the baseline file; `ran` are the codes of the rules run."""
    comparison = compare(baseline, report.findings, ran)
    outcome = Outcome("baseline", source, comparison.hidden, comparison.stale)
    why = f"known in the baseline {source}"
    hidden = [Suppressed(finding, BASELINE, why) for finding in comparison.known]
    return _replace_findings(report, comparison.shown, outcome, hidden)


def only_new(report: Report, before: Sequence[Finding], rev: str, commit: str) -> Report:
    """The report without the findings already found `before` (at `commit`, the merge base of
    `rev`), counting repeats: two findings sharing a fingerprint where there was one is one new."""
    comparison = compare(build(before), report.findings)
    outcome = Outcome("new-since", rev, comparison.hidden, commit=commit)
    why = f"already at {rev} (merge base {commit[:12]})"
    hidden = [Suppressed(finding, NEW_SINCE, why) for finding in comparison.known]
    return _replace_findings(report, comparison.shown, outcome, hidden)


def intersection(trusted: Baseline, proposed: Baseline) -> Baseline:
    """The entries both baselines know, each with the smaller count: what a trusted baseline
    (`check --policy-from`) hides once a proposed one may only have removed from it."""
    counts = proposed.counts()
    kept = (
        dataclasses.replace(entry, count=min(entry.count, counts[entry.fingerprint]))
        for entry in trusted.entries
        if counts[entry.fingerprint] > 0
    )
    return Baseline(tuple(kept))


def _replace_findings(
    report: Report, shown: Sequence[Finding], outcome: Outcome, hidden: Sequence[Suppressed]
) -> Report:
    rebuilt = Report.of(
        list(shown),
        report.files,
        report.errors,
        report.tracebacks,
        report.texts,
        (*report.suppressed, *hidden),
    )
    return dataclasses.replace(rebuilt, baseline=outcome)


def dumps(baseline: Baseline) -> str:
    """The file's text: sorted, one entry per line, a newline at the end."""
    lines = [
        "    " + json.dumps(entry.as_dict(), ensure_ascii=False)  # ", " and ": " between items
        for entry in sorted(baseline.entries)
    ]
    body = ",\n".join(lines)
    findings = f"[\n{body}\n  ]" if lines else "[]"
    return f'{{\n  "{FORMAT_KEY}": {FORMAT_VERSION},\n  "findings": {findings}\n}}\n'


def loads(text: str, name: str) -> Baseline:
    """Read a baseline file's text; `name` is the file as shown in messages."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BaselineError(
            f"{name}: is not a baseline file: invalid JSON ({exc.msg} on line {exc.lineno})"
        ) from None
    if not isinstance(document, dict) or FORMAT_KEY not in document:
        raise BaselineError(
            f'{name}: is not a baseline file (no "{FORMAT_KEY}" key); '
            "write one with 'flowlint baseline'"
        )
    if document[FORMAT_KEY] != FORMAT_VERSION:
        raise BaselineError(
            f"{name}: baseline format {document[FORMAT_KEY]!r} is not supported; "
            f"this flowlint reads format {FORMAT_VERSION}"
        )
    items = document.get("findings")
    if not isinstance(items, list):
        raise BaselineError(f'{name}: "findings" must be a list')
    entries: dict[str, Entry] = {}
    for number, item in enumerate(items, start=1):
        entry = _entry(item, name, number)
        if entry.fingerprint in entries:  # merged by hand, say: add the counts up
            before = entries[entry.fingerprint]
            entry = Entry(
                before.code,
                before.about,
                before.fingerprint,
                before.rule,
                before.count + entry.count,
            )
        entries[entry.fingerprint] = entry
    return Baseline(tuple(sorted(entries.values())))


def _entry(item: Any, name: str, number: int) -> Entry:
    where = f"{name}: finding {number}"
    if not isinstance(item, dict):
        raise BaselineError(f"{where} must be an object")
    fingerprint, code, count = item.get("fingerprint"), item.get("code"), item.get("count", 1)
    if not isinstance(fingerprint, str) or not fingerprint:
        raise BaselineError(f'{where} has no "fingerprint"')
    if not isinstance(code, str) or not code:
        raise BaselineError(f'{where} has no "code"')
    if not isinstance(count, int) or isinstance(count, bool) or count < 1:
        raise BaselineError(f'{where}: "count" must be a whole number of at least 1')
    return Entry(code, str(item.get("about", "")), fingerprint, str(item.get("rule", "")), count)


def stable_pointer(data: Any, pointer: str) -> str:
    """`pointer` with the list index of each flow or relationship replaced by its ends.

    `/flows/3/api` becomes `/flows/publish->find/api` (and `/entities/course/relationships/1`
    becomes `/entities/course/relationships/->provider`), so a subject built from it survives
    reordering the list, moving a block or splitting a file.
    """
    if not pointer:
        return pointer
    node = data
    parts = []
    for token in pointer.split("/")[1:]:
        key = token.replace("~1", "/").replace("~0", "~")
        part = token
        if isinstance(node, list) and key.isdigit() and int(key) < len(node):
            item = node[int(key)]
            if isinstance(item, dict) and ("from" in item or "to" in item):
                # A relationship inside an entity has no 'from': the entity is in the pointer.
                part = f"{item.get('from', '')}->{item.get('to')}"
            node = item
        elif isinstance(node, dict):
            node = node.get(key)
        else:
            node = None
        parts.append(part)
    return "/" + "/".join(parts)
