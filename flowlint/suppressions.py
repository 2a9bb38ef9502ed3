"""Inline suppressions: `# flowlint: ignore[FL301] reason` comments, and their FL9xx findings.

A suppression names one or more rules (codes or names, comma-separated) in brackets, then says why.
Written at the end of a node's line, or on its own line just above the node (several suppression
lines may be stacked above one node), it silences those rules for that node and everything under
it: for every finding whose JSON Pointer is the node's pointer or lies under it. The node of a line
is the outermost one that starts there, so a suppression above or on the first line of a file
covers the whole file.

Three meta findings keep suppressions honest:
- FL901 suppression-without-reason: nothing after the brackets says why.
- FL902 unused-suppression: a rule it names found nothing there to silence. Only rules that ran
  for that file count: naming a rule that is deselected, ignored or in `per-path-ignores` for the
  file is not "unused", so a narrower run (`--select FL1`) does not flag every other suppression.
- FL903 unknown-code-in-suppression: it names no rule, a rule that does not exist, or a FL9xx rule
  (meta findings are not suppressed inline; turn them off with `ignore` or `per-path-ignores`).

Comments are found in the file's text: a `#` at the start of a line or after a space, followed by
`flowlint: ignore`, that is not inside a scalar (checked with the YAML scanner, only for files that
have such a comment). Pure: text and findings in, findings out.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from flowlint.findings import INLINE, Finding, Location, Problem, Suppressed
from flowlint.loading import SourceFile
from flowlint.wording import excerpt, quoted

WITHOUT_REASON = "FL901"
UNUSED = "FL902"
UNKNOWN_CODE = "FL903"
# FL904 policy-changed and FL905 new-suppression are about the gate itself (flowlint.gate).
META_CODES = frozenset({WITHOUT_REASON, UNUSED, UNKNOWN_CODE, "FL904", "FL905"})

_DIRECTIVE = re.compile(r"#[ \t]*flowlint[ \t]*:[ \t]*ignore\b(?P<rest>[^\r\n]*)")
_CODES = re.compile(r"\[(?P<codes>[^\]\r\n]*)\](?P<reason>.*)")
_COMMENT_LINE = re.compile(r"[ \t]*#")


@dataclass(frozen=True, slots=True)
class Suppression:
    """One suppression comment and the node it covers.

    `codes` are the entries as written with their 1-based columns (none when the comment has no
    brackets); `pointer` is the covered node's pointer, or None when no node starts on
    `target_line`.
    """

    file: str
    line: int
    column: int
    codes: tuple[tuple[str, int], ...]
    target_line: int
    pointer: str | None
    reason: str = ""

    def covers(self, finding: Finding) -> bool:
        """True when `finding` is at the covered node or under it."""
        if self.pointer is None or finding.location.file != self.file:
            return False
        pointer = finding.location.pointer
        return not self.pointer or pointer == self.pointer or pointer.startswith(self.pointer + "/")


def find_suppressions(source: SourceFile) -> list[Suppression]:
    """Every suppression comment in one file, in line order."""
    text = source.text
    if "ignore" not in text:  # every spec says "flowlint: 1"
        return []
    lines = text.split("\n")
    found = []
    spans: list[tuple[tuple[int], tuple[int, int]]] | None = None
    for match in _DIRECTIVE.finditer(text):
        start = match.start()
        line_start = text.rfind("\n", 0, start) + 1
        before = text[line_start:start]
        if before and not before[-1].isspace():
            continue  # e.g. `name: a#flowlint: ignore`: part of a value, not a comment
        line = text.count("\n", 0, start) + 1
        column = start - line_start + 1
        if spans is None:
            spans = _scalar_spans(text)
        if any(begin <= (line, column) < end for begin, end in spans):
            continue  # inside a quoted or block scalar: text, not a comment
        own_line = not before.strip()
        target = _next_node_line(lines, line) if own_line else line
        found.append(_parse(source.path, line, column, match, target))
    if not found:
        return []
    nodes = _outermost_nodes(source.positions, {s.target_line for s in found})
    return [dataclasses.replace(s, pointer=nodes.get(s.target_line)) for s in found]


def _scalar_spans(text: str) -> list[tuple[tuple[int], tuple[int, int]]]:
    """Where the text of every scalar is, as the YAML scanner sees them: from `(line,)`, which
    sorts before every (line, column) of that line, to (line, column), 1-based.

    Only the line of the start counts: a directive before a scalar on the line it starts on would
    be a comment to the end of that line. A block scalar's text starts on the line after its
    header (`|`, `>-`, ...), whose end may hold a comment.
    """
    import yaml

    try:
        from yaml import CSafeLoader as Loader
    except ImportError:  # pragma: no cover - depends on how PyYAML was built
        from yaml import SafeLoader as Loader  # type: ignore[assignment]

    spans = []
    try:
        for token in yaml.scan(text, Loader=Loader):
            if isinstance(token, yaml.ScalarToken):
                first = token.start_mark.line + (2 if token.style in ("|", ">") else 1)
                end = token.end_mark
                spans.append(((first,), (end.line + 1, end.column + 1)))
    except yaml.YAMLError:
        pass  # a file that does not scan: FL001 reports it; keep the scalars seen so far
    return spans


def _parse(file: str, line: int, column: int, match: re.Match[str], target: int) -> Suppression:
    rest = match["rest"]
    brackets = _CODES.match(rest.lstrip())
    if brackets is None:
        return Suppression(file, line, column, (), target, None)
    offset = match.start("rest") - match.start() + (len(rest) - len(rest.lstrip()))
    inside_column = column + offset + 1  # just after '['
    codes = []
    position = 0
    for part in brackets["codes"].split(","):
        stripped = part.strip()
        if stripped:
            codes.append((stripped, inside_column + position + len(part) - len(part.lstrip())))
        position += len(part) + 1
    reason = brackets["reason"].strip().lstrip(":-–—").strip()
    return Suppression(file, line, column, tuple(codes), target, None, reason)


def _next_node_line(lines: Sequence[str], line: int) -> int:
    # Suppression comments may be stacked: each covers the first line below that is not a comment.
    below = line + 1
    while below <= len(lines) and _COMMENT_LINE.match(lines[below - 1]):
        below += 1
    return below


def _outermost_nodes(positions: Mapping[str, tuple[int, int]], wanted: set[int]) -> dict[int, str]:
    """For each wanted line, the pointer of the outermost node that starts on it."""
    best: dict[int, tuple[int, int, str]] = {}
    for pointer, (line, column) in positions.items():
        if line not in wanted:
            continue
        rank = (pointer.count("/"), column, pointer)  # the root, "", has none
        best[line] = min(best.get(line, rank), rank)
    return {line: rank[2] for line, rank in best.items()}


@dataclass(frozen=True, slots=True)
class RuleNames:
    """What a code or name in a suppression may refer to: code -> name of every known rule."""

    names: Mapping[str, str]

    def resolve(self, entry: str) -> str | None:
        upper = entry.upper()
        if upper in self.names:
            return upper
        lower = entry.lower()
        return next((code for code, name in self.names.items() if name == lower), None)


def apply_suppressions(
    sources: Iterable[SourceFile],
    findings: Sequence[Finding],
    known: Mapping[str, str],
    ran: Mapping[str, frozenset[str]],
) -> tuple[list[Finding], list[Suppressed], list[tuple[str, Problem]]]:
    """Set aside the findings that suppressions cover; return the rest, the ones set aside (with
    the reason of the comment that silenced each) and the meta problems.

    `known` maps every rule code to its name (for unknown-code checks); `ran` maps each file to the
    codes that ran for it (it differs per file with `per-path-ignores`).
    Meta problems come as (code, problem) pairs, in file and line order.
    """
    names = RuleNames(known)
    by_file = {source.path: (source, find_suppressions(source)) for source in sources}
    if not any(found for _, found in by_file.values()):
        return list(findings), [], []
    used: set[tuple[str, int, str]] = set()
    kept = []
    silenced = []
    resolved = {
        (s.file, s.line): {names.resolve(code) for code, _ in s.codes} - {None}
        for _, found in by_file.values()
        for s in found
    }
    for finding in findings:
        silenced_by = None
        for suppression in by_file.get(finding.location.file, (None, []))[1]:
            codes = resolved[suppression.file, suppression.line]
            if (
                finding.code in codes
                and finding.code not in META_CODES
                and suppression.covers(finding)
            ):
                silenced_by = suppression
                used.add((suppression.file, suppression.line, finding.code))
        if silenced_by is None:
            kept.append(finding)
        else:
            silenced.append(Suppressed(finding, INLINE, silenced_by.reason))
    meta: list[tuple[str, Problem]] = []
    for source, found in by_file.values():
        for suppression in found:
            meta.extend(_meta(source, suppression, names, ran[source.path], used))
    return kept, silenced, meta


def _meta(
    source: SourceFile,
    suppression: Suppression,
    names: RuleNames,
    ran: frozenset[str],
    used: set[tuple[str, int, str]],
) -> list[tuple[str, Problem]]:
    # Here, not at the top: only a spec with suppression comments needs the baseline module.
    from flowlint.baseline import stable_pointer

    pointer = suppression.pointer or ""
    stable = stable_pointer(source.data, pointer)
    here = Location(suppression.file, suppression.line, suppression.column, pointer)
    problems: list[tuple[str, Problem]] = []
    if not suppression.codes:
        problems.append(
            (
                UNKNOWN_CODE,
                Problem(
                    here,
                    "suppression names no rule; write '# flowlint: ignore[CODE] reason', "
                    "e.g. '# flowlint: ignore[FL101] mentor keeps two owners until 2025'",
                    ("suppression", stable, "no-code"),
                ),
            )
        )
        return problems
    listed = []
    for entry, column in suppression.codes:
        code = names.resolve(entry)
        where = Location(suppression.file, suppression.line, column, pointer)
        if code is None:
            problems.append(
                (
                    UNKNOWN_CODE,
                    Problem(
                        where,
                        f"suppression names unknown rule {quoted(entry)}"
                        f"{_did_you_mean(entry, names)}; "
                        "it silences nothing",
                        ("suppression", stable, "unknown", entry),
                    ),
                )
            )
        elif code in META_CODES:
            problems.append(
                (
                    UNKNOWN_CODE,
                    Problem(
                        where,
                        f"{code} ({names.names[code]}) cannot be suppressed inline; turn it off "
                        "with 'ignore' or 'per-path-ignores' in the configuration",
                        ("suppression", stable, "meta", code),
                    ),
                )
            )
        elif code not in listed:
            listed.append(code)
    if not suppression.reason:
        shown = excerpt(", ".join(entry for entry, _ in suppression.codes))
        problems.append(
            (
                WITHOUT_REASON,
                Problem(
                    here,
                    f"suppression of {shown} gives no reason; say why after the brackets, "
                    f"e.g. '# flowlint: ignore[{shown}] <why this is acceptable here>'",
                    ("suppression", stable, *listed, "no-reason"),
                ),
            )
        )
    for code in listed:
        if code not in ran or (suppression.file, suppression.line, code) in used:
            continue
        if suppression.pointer is None:
            detail = (
                f"no spec node starts on line {suppression.target_line}; put the comment at the "
                "end of the node's line or on the line above it"
            )
        else:
            detail = f"{code} reports nothing at {pointer or 'this file'}; remove it"
        problems.append(
            (
                UNUSED,
                Problem(
                    here,
                    f"unused suppression of {code} ({names.names[code]}): {detail}",
                    ("suppression", stable, code, "unused"),
                ),
            )
        )
    return problems


def _did_you_mean(entry: str, names: RuleNames) -> str:
    from flowlint.suggest import closest_rule

    close = closest_rule(entry, names.names.items())
    return f" (did you mean '{close}'?)" if close else ""
