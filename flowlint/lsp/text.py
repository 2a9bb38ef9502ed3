"""Where things are written: from the loader's locations to exact spans of text, and back.

The loader records where each node starts (a mapping member at its key, a list item at the item),
1-based, in code points. An editor wants ranges, 0-based, in the units of the negotiated position
encoding (UTF-16 unless the client offers better). This module finds, from a location and the
file's text, the span of the id, key or value written there, and converts columns.

Pure: text in, spans out. Nothing here knows about the LSP library.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from flowlint.findings import Location

# Line breaks as the LSP counts them (YAML also breaks at NEL, LS and PS; a spec holding those
# characters gets positions off by the lines they add).
_BREAK = re.compile(r"\r\n|\r|\n")
# Characters of an id being typed or looked up (wider than ids: a misspelt one is still a word).
_WORD = re.compile(r"[A-Za-z0-9_.\-]+")
# Where a plain scalar ends: a flow indicator, ': ', ' #', or the end of the line.
_PLAIN_END = re.compile(r"[,\[\]{}]|:(?=[ \t]|$)|[ \t]+#|[ \t]*$")


@dataclass(frozen=True, slots=True, order=True)
class Span:
    """A range of text in one file: 0-based lines, columns in code points, end exclusive."""

    file: str
    line: int
    column: int
    end_line: int
    end_column: int

    def contains(self, line: int, column: int) -> bool:
        """True when (line, column) is inside the span or just after its end (a cursor at the
        end of a word is on the word)."""
        return (self.line, self.column) <= (line, column) <= (self.end_line, self.end_column)


def split_lines(text: str) -> list[str]:
    """The lines of `text` as the LSP counts them, without their line breaks."""
    return _BREAK.split(text)


def to_units(line: str, column: int, encoding: str) -> int:
    """A code-point column of `line` in the units of `encoding` ('utf-8', 'utf-16', 'utf-32')."""
    head = line[:column]
    if encoding == "utf-32" or head.isascii():
        return len(head) + max(0, column - len(line))
    if encoding == "utf-8":
        return len(head.encode("utf-8"))
    return len(head.encode("utf-16-le")) // 2


def from_units(line: str, units: int, encoding: str) -> int:
    """A column in the units of `encoding` as a code-point column of `line` (clamped to it)."""
    if encoding == "utf-32" or line.isascii():
        return min(units, len(line))
    counted = 0
    for index, char in enumerate(line):
        if counted >= units:
            return index
        code = ord(char)
        if encoding == "utf-8":
            counted += 1 if code < 0x80 else 2 if code < 0x800 else 3 if code < 0x10000 else 4
        else:
            counted += 2 if code >= 0x10000 else 1
    return len(line)


def word_at(line: str, column: int) -> tuple[int, int]:
    """The (start, end) columns of the word the cursor at `column` is in or just after; an empty
    range at the cursor when there is none."""
    for match in _WORD.finditer(line):
        if match.start() <= column <= match.end():
            return match.start(), match.end()
        if match.start() > column:
            break
    return column, column


def unescape_token(token: str) -> str:
    """One JSON Pointer reference token as the key it names."""
    return token.replace("~1", "/").replace("~0", "~")


def node_at(data: Any, pointer: str) -> Any:
    """The value at `pointer` in plain data, or None when there is none."""
    node = data
    for token in pointer.split("/")[1:] if pointer else ():
        if isinstance(node, dict):
            node = node.get(unescape_token(token))
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            return None
    return node


def scalar_at(line: str, column: int) -> tuple[int, int, str] | None:
    """The scalar written at `column` of `line`: (start, end, its text without quotes), or None
    when no plain or quoted scalar starts there. Anchors and tags before it are skipped."""
    while column < len(line) and line[column] in "&!":  # `&anchor value`, `!tag value`
        space = line.find(" ", column)
        if space < 0:
            return None
        column = space
        while column < len(line) and line[column] == " ":
            column += 1
    if column >= len(line):
        return None
    first = line[column]
    if first in "\"'":
        end = column + 1
        while end < len(line):
            if first == "'" and line.startswith("''", end):
                end += 2
                continue
            if first == '"' and line[end] == "\\":
                end += 2
                continue
            if line[end] == first:
                inner = line[column + 1 : end]
                text = inner.replace("''", "'") if first == "'" else inner
                return column, end + 1, text
            end += 1
        return None
    if first in ",[]{}#&*!|>%@`-?:" and not (
        first in "-?:" and column + 1 < len(line) and line[column + 1] not in " \t"
    ):
        return None
    if first in " \t":
        return None
    match = _PLAIN_END.search(line, column + 1)
    end = match.start() if match else len(line)
    return column, end, line[column:end]


def value_start(lines: Sequence[str], line: int, column: int) -> tuple[int, int] | None:
    """Where the value of the key whose text ends at (line, column) starts: after the ':' and any
    spaces, line breaks and comments. None when there is no ':' there."""
    text = lines[line]
    while column < len(text) and text[column] in " \t":
        column += 1
    if column >= len(text) or text[column] != ":":
        return None
    column += 1
    while True:
        while column < len(text) and text[column] in " \t":
            column += 1
        if column < len(text) and text[column] != "#":
            return line, column
        line += 1
        if line >= len(lines):
            return None
        text, column = lines[line], 0


def written_at(
    lines: Sequence[str], data: Any, location: Location, ident: str, *, as_key: bool
) -> Span | None:
    """The span where `ident` is written at `location`: the mapping key there (`as_key`, a
    declaration) or the value there (a reference: a mapping member's value or a list item).

    None when the text there is not `ident` as written: an id that comes from somewhere else (a
    merge key, an alias, the entity a relationship is written in).
    """
    pointer = location.pointer
    parent_pointer, _, last = pointer.rpartition("/")
    parent = node_at(data, parent_pointer)
    line, column = location.line - 1, location.column - 1
    if not 0 <= line < len(lines):
        return None
    if as_key:
        if not isinstance(parent, dict) or unescape_token(last) != ident:
            return None
        found = scalar_at(lines[line], column)
        if found is None or found[2] != ident:
            return None
        return Span(location.file, line, found[0], line, found[1])
    if node_at(data, pointer) != ident:
        return None
    if isinstance(parent, dict):
        key = scalar_at(lines[line], column)
        if key is None or key[2] != unescape_token(last):
            return None
        start = value_start(lines, line, key[1])
        if start is None:
            return None
        line, column = start
    found = scalar_at(lines[line], column)
    if found is None or found[2] != ident:
        return None
    return Span(location.file, line, found[0], line, found[1])


def finding_span(lines: Sequence[str], data: Any, location: Location) -> Span:
    """The span a finding at `location` underlines: the key or scalar written there, with a
    scalar value on the same line (`to: fnd`); the rest of the line for a flow collection, a
    list item's dash or a comment; one character at least."""
    line = min(max(location.line - 1, 0), max(len(lines) - 1, 0))
    text = lines[line] if lines else ""
    column = min(max(location.column - 1, 0), len(text))
    found = scalar_at(text, column)
    if found is None:
        end = len(text.rstrip())
        return Span(location.file, line, column, line, max(end, column + 1))
    end = found[1]
    value = node_at(data, location.pointer)
    if location.pointer and not isinstance(value, dict | list):
        after = value_start(lines, line, end)
        if after is not None and after[0] == line:
            scalar = scalar_at(text, after[1])
            if scalar is not None:
                end = scalar[1]
    return Span(location.file, line, found[0], line, end)
