"""Quick fixes for findings, each an exact edit of the file's text.

- Suppress with a reason: `# flowlint: ignore[CODE] reason` at the end of the finding's line (or
  on its own line above it when the line already has a comment or would grow too long); the edit
  is checked by reading the suppressions of the edited text, so the comment is offered only where
  it covers the finding. The placeholder reason is returned to be selected.
- The finding's own "did you mean 'x'?": the misspelt id, key, value or rule code replaced by it.
- An unused suppression (FL902): the rule removed from the comment, or the comment when it names
  no other.
- A suppression without a reason (FL901): a placeholder reason after its brackets, to be selected.

Pure: a finding and the file's text in, edits out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from flowlint.findings import Finding
from flowlint.loading import SourceFile, parse_text
from flowlint.lsp.text import Span, node_at, scalar_at, unescape_token, value_start
from flowlint.suppressions import META_CODES, UNUSED, WITHOUT_REASON, find_suppressions

PLACEHOLDER = "reason"
_LONGEST_LINE = 100
_DID_YOU_MEAN = re.compile(r"did you mean '([^'\n]+)'\?")
# Findings about the file's text rather than a node: a suppression cannot reach them.
_NOT_SUPPRESSIBLE = META_CODES | {"FL001"}


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace the text of `span` with `text`."""

    span: Span
    text: str


@dataclass(frozen=True, slots=True)
class Fix:
    """A quick fix: its title, its edits, and what to select once they are made."""

    title: str
    edits: tuple[Edit, ...]
    preferred: bool = False
    select: Span | None = None


def fixes(finding: Finding, source: SourceFile, lines: Sequence[str], path: str) -> list[Fix]:
    """The quick fixes of one finding in the file `path` (absolute) read as `source`."""
    found = []
    replacement = did_you_mean(finding, source, lines, path)
    if replacement is not None:
        found.append(replacement)
    if finding.code == UNUSED:
        removal = remove_unused(finding, source, lines, path)
        if removal is not None:
            found.append(removal)
    if finding.code == WITHOUT_REASON:
        reason = add_reason(finding, source, lines, path)
        if reason is not None:
            found.append(reason)
    suppression = suppress(finding, source, lines, path)
    if suppression is not None:
        found.append(suppression)
    return found


def did_you_mean(
    finding: Finding, source: SourceFile, lines: Sequence[str], path: str
) -> Fix | None:
    """Replace what the finding names with the suggestion in its message."""
    match = _DID_YOU_MEAN.search(finding.message)
    if match is None:
        return None
    suggestion = match[1]
    span = _misspelt(finding, source, lines, path)
    if span is None:
        return None
    written = lines[span.line][span.column : span.end_column]
    if written.strip("\"'") == suggestion:
        return None
    return Fix(f"Replace '{written}' with '{suggestion}'", (Edit(span, suggestion),), True)


def _misspelt(finding: Finding, source: SourceFile, lines: Sequence[str], path: str) -> Span | None:
    """The span of the word the finding says is wrong: a rule code in a suppression comment, a
    value of a key the schema knows, a list item, or else the key itself."""
    from flowlint.lsp.completion import schema_at

    location = finding.location
    line, column = location.line - 1, location.column - 1
    if not 0 <= line < len(lines):
        return None
    text = lines[line]
    pointer = location.pointer
    parent_pointer, _, last = pointer.rpartition("/")
    parent = node_at(source.data, parent_pointer)
    found = scalar_at(text, column)
    if found is None:
        return None
    if finding.code not in META_CODES and pointer and isinstance(parent, dict):
        key = unescape_token(last)
        tokens = [unescape_token(t) for t in parent_pointer.split("/")[1:]]
        known = any(key in node.get("properties", {}) for node, _ in schema_at(tokens))
        if known:  # the key is right: its value is what is misspelt
            after = value_start(lines, line, found[1])
            if after is None:
                return None
            line, column = after
            found = scalar_at(lines[line], column)
            if found is None:
                return None
    return Span(path, line, found[0], line, found[1])


def remove_unused(
    finding: Finding, source: SourceFile, lines: Sequence[str], path: str
) -> Fix | None:
    """Remove the unused rule from its suppression comment (the comment, when it is the only)."""
    subject = finding.subject
    if len(subject) < 3:
        return None
    code = subject[2]
    for suppression in find_suppressions(source):
        if suppression.line != finding.location.line:
            continue
        line = suppression.line - 1
        text = lines[line]
        kept = [entry for entry, _ in suppression.codes if entry.upper() != code]
        if len(kept) == len(suppression.codes):
            continue
        if kept:
            opening = text.index("[", suppression.column - 1)
            closing = text.index("]", opening)
            span = Span(path, line, opening + 1, line, closing)
            return Fix(f"Remove {code} from the suppression", (Edit(span, ", ".join(kept)),), True)
        start = suppression.column - 1
        if not text[:start].strip():  # the comment's own line: remove the line
            span = Span(path, line, 0, line + 1, 0)
        else:
            before = len(text[:start].rstrip())
            span = Span(path, line, before, line, len(text))
        return Fix("Remove the unused suppression", (Edit(span, ""),), True)
    return None


def add_reason(finding: Finding, source: SourceFile, lines: Sequence[str], path: str) -> Fix | None:
    """A placeholder reason after the brackets of a suppression that gives none (FL901)."""
    for suppression in find_suppressions(source):
        if suppression.line != finding.location.line or not suppression.codes:
            continue
        line = suppression.line - 1
        text = lines[line]
        closing = text.find("]", suppression.column - 1)
        if closing < 0:
            return None
        after = closing + 1
        end = len(text.rstrip())
        edit = Edit(Span(path, line, after, line, end), f" {PLACEHOLDER}")
        placeholder = Span(path, line, after + 1, line, after + 1 + len(PLACEHOLDER))
        return Fix("Add a reason to the suppression", (edit,), True, placeholder)
    return None


def suppress(finding: Finding, source: SourceFile, lines: Sequence[str], path: str) -> Fix | None:
    """An inline suppression of the finding, with a placeholder reason to select and replace."""
    if finding.code in _NOT_SUPPRESSIBLE:
        return None
    line = finding.location.line - 1
    if not 0 <= line < len(lines):
        return None
    text = lines[line]
    directive = f"# flowlint: ignore[{finding.code}] "
    trailing = f"  {directive}{PLACEHOLDER}"
    indent = text[: len(text) - len(text.lstrip())]
    above = f"{indent}{directive}{PLACEHOLDER}"
    places = [
        (
            Edit(Span(path, line, len(text), line, len(text)), trailing),
            Span(
                path,
                line,
                len(text) + len(trailing) - len(PLACEHOLDER),
                line,
                len(text) + len(trailing),
            ),
        ),
        (
            Edit(Span(path, line, 0, line, 0), above + "\n"),
            Span(path, line, len(above) - len(PLACEHOLDER), line, len(above)),
        ),
    ]
    if "#" in text or len(text) + len(trailing) > _LONGEST_LINE:
        places.reverse()
    for edit, placeholder in places:
        if _covers(edit, finding, source, lines):
            title = f"Suppress {finding.code} ({finding.rule}) here, with a reason"
            return Fix(title, (edit,), False, placeholder)
    return None


def _covers(edit: Edit, finding: Finding, source: SourceFile, lines: Sequence[str]) -> bool:
    """True when the text with `edit` made has a suppression of the finding's rule covering it."""
    edited = list(lines)
    row = edited[edit.span.line]
    edited[edit.span.line] = row[: edit.span.column] + edit.text + row[edit.span.end_column :]
    after = parse_text("\n".join(edited), source.path)
    shift = edit.text.count("\n")
    moved = Finding(
        finding.code,
        finding.rule,
        finding.severity,
        finding.message,
        type(finding.location)(
            finding.location.file,
            finding.location.line + shift,
            finding.location.column,
            finding.location.pointer,
        ),
    )
    return any(
        finding.code in {entry.upper() for entry, _ in suppression.codes}
        and suppression.covers(moved)
        for suppression in find_suppressions(after)
    )
