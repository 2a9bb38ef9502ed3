"""Completion: declared ids where the schema expects an id, keys and values the schema allows.

Where the cursor is, in the spec's structure, is found by writing a marker word in place of the
word being typed and reading the entry around it (the top-level key above the cursor and the
member of it the cursor is in) with the loader: the marker is then a key or a value at a JSON
Pointer. Text that does not read yet (an open bracket, a key without its ':') is tried with the
marker as a key and with the line's brackets closed.

What is expected there comes from the JSON Schema alone: a value whose schema is reached through
a definition named `<kind>Id` (`serviceId`, `entityId`, `apiId`, ...) takes the declared ids of
that kind; a key takes the properties of its object; a value takes the schema's enum or boolean
values. A field the spec format adds is completed as soon as the schema says what it holds.

Pure: text, cursor and model in; the word's columns and the items out.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from flowlint.loading import Limits, parse_text
from flowlint.lsp.text import word_at
from flowlint.model import Model

MARKER = "flowlintcursorhere"
MOST = 200  # completion items given at once
_ID_DEFINITION = re.compile(r"^(?P<kind>[a-z][A-Za-z]*)Id$")
_LIMITS = Limits(max_file_bytes=1 << 20)
_OPENERS = {"[": "]", "{": "}"}
_TOP_LEVEL_KEY = re.compile(r"^[\"']?([A-Za-z_][\w-]*)[\"']?[ \t]*:", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class Item:
    """One completion: what is inserted, what kind of thing it is, and a word on it."""

    label: str
    kind: str  # an id's kind ('service', 'entity', 'api', ...), 'key' or 'value'
    detail: str
    insert: str


@dataclass(frozen=True, slots=True)
class Place:
    """Where the cursor is: the pointer tokens of the key or value being written, and whether it
    is a key; `siblings` are the other keys of its mapping."""

    path: tuple[str, ...]
    is_key: bool
    siblings: frozenset[str]


def complete(
    lines: Sequence[str], line: int, column: int, model: Model | None
) -> tuple[int, int, list[Item], bool]:
    """The completions at (line, column) (0-based, code points): the columns of the word they
    replace, the items, and whether there are more than shown.

    A big spec declares thousands of ids: past `MOST` items, only those that hold the letters
    typed so far, in order, are given (those starting with them first), and the editor asks again
    as more is typed."""
    text = lines[line] if line < len(lines) else ""
    start, end = word_at(text, column)
    place = locate(lines, line, start, end)
    if place is None:
        return start, end, [], False
    items = list(_items(place, model))
    if len(items) <= MOST:
        return start, end, items, False
    typed = text[start:column].lower()
    matching = [item for item in items if _holds(item.label.lower(), typed)]
    matching.sort(key=lambda item: (not item.label.lower().startswith(typed), item.label))
    return start, end, matching[:MOST], True


def _holds(label: str, typed: str) -> bool:
    """True when `label` has the letters of `typed` in order."""
    position = 0
    for char in typed:
        position = label.find(char, position) + 1
        if position == 0:
            return False
    return True


def locate(lines: Sequence[str], line: int, start: int, end: int) -> Place | None:
    """The place of the word at columns [start, end) of `line`, or None when it cannot be read."""
    edited = list(lines)
    if line >= len(edited):
        edited += [""] * (line + 1 - len(edited))
    cursor_line = edited[line]
    for closing in (False, True):
        for as_key in (False, True):
            marker = MARKER + (":" if as_key else "")
            row = cursor_line[:start] + marker + ("" if closing else cursor_line[end:])
            if closing:
                row += _closers(row)
            edited[line] = row
            chunk = _entry(edited, line, keep_after=not closing)
            source = parse_text(chunk, "<completion>", _LIMITS)
            if source.data is None or any(code == "FL001" for code, _ in source.problems):
                continue
            found = _find_marker(source.data, ())
            if found is not None and found.is_key and len(found.path) == 1:
                # Only the cursor's entry was read: the file's other top-level keys are taken.
                taken = {match[1] for match in _TOP_LEVEL_KEY.finditer("\n".join(lines))}
                found = Place(found.path, True, frozenset(taken - {MARKER}))
            if found is not None:
                return found
    return None


def _closers(row: str) -> str:
    """The brackets that close those left open in `row` (outside quotes)."""
    stack: list[str] = []
    quote = ""
    for char in row:
        if quote:
            if char == quote:
                quote = ""
        elif char in "\"'":
            quote = char
        elif char == "#":
            break
        elif char in _OPENERS:
            stack.append(_OPENERS[char])
        elif stack and char == stack[-1]:
            stack.pop()
    return "".join(reversed(stack))


def _indent(row: str) -> int:
    return len(row) - len(row.lstrip(" "))


def _blank(row: str) -> bool:
    stripped = row.strip()
    return not stripped or stripped.startswith("#")


def _entry(lines: Sequence[str], line: int, keep_after: bool) -> str:
    """The text read to place the cursor: the top-level key line above it and the member of that
    key the cursor is in (a big spec is not read whole for each completion)."""
    top = line
    while top > 0 and not _is_top_level(lines[top]):
        top -= 1
    if top == line:
        rows = [lines[line]]
    else:
        members = [i for i in range(top + 1, line + 1) if not _blank(lines[i])]
        least = min(_indent(lines[i]) for i in members)
        first = max(i for i in members if _indent(lines[i]) == least)
        last = line + 1
        if keep_after:
            while last < len(lines) and (_blank(lines[last]) or _indent(lines[last]) > least):
                if _is_top_level(lines[last]):
                    break
                last += 1
        rows = [lines[top], *lines[first:last]]
    return "\n".join(rows) + "\n"


def _is_top_level(row: str) -> bool:
    return bool(row) and row[0] not in " \t#-" and not row.startswith(("---", "..."))


def _find_marker(node: Any, path: tuple[str, ...]) -> Place | None:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == MARKER:
                return Place((*path, key), True, frozenset(node) - {MARKER})
            if value == MARKER:
                return Place((*path, key), False, frozenset(node) - {key})
            found = _find_marker(value, (*path, key))
            if found is not None:
                return found
    elif isinstance(node, list):
        for index, value in enumerate(node):
            if value == MARKER:
                return Place((*path, str(index)), False, frozenset())
            found = _find_marker(value, (*path, str(index)))
            if found is not None:
                return found
    return None


# ---------------------------------------------------------------------------------------------
# The schema: what a place takes.

Alternative = tuple[Mapping[str, Any], tuple[str, ...]]  # a subschema and the definitions passed


@cache
def _schema() -> Mapping[str, Any]:
    from flowlint.schema import spec_schema

    return spec_schema()


def _expand(node: Any, through: tuple[str, ...]) -> list[Alternative]:
    """The alternatives a subschema stands for: `$ref`s followed, `anyOf`/`oneOf`/`allOf` opened,
    each with the names of the definitions passed on the way."""
    found: list[Alternative] = []
    stack: list[tuple[Any, tuple[str, ...]]] = [(node, through)]
    definitions = _schema().get("$defs", {})
    while stack:
        current, passed = stack.pop()
        if not isinstance(current, Mapping):
            continue
        reference = current.get("$ref")
        if isinstance(reference, str) and reference.startswith("#/$defs/"):
            name = reference.rpartition("/")[2]
            if name not in passed:  # a definition that names itself is not followed again
                stack.append((definitions.get(name), (*passed, name)))
        for keyword in ("anyOf", "oneOf", "allOf"):
            for branch in current.get(keyword, ()):
                stack.append((branch, passed))
        found.append((current, passed))
    return found


def _step(alternatives: list[Alternative], token: str) -> list[Alternative]:
    found: list[Alternative] = []
    for node, passed in alternatives:
        if token.isdigit() and "items" in node:
            found += _expand(node["items"], passed)
            continue
        properties = node.get("properties", {})
        if token in properties:
            found += _expand(properties[token], passed)
        elif any(re.search(pattern, token) for pattern in node.get("patternProperties", {})):
            continue  # an extension key: anything goes
        elif isinstance(node.get("additionalProperties"), Mapping):
            found += _expand(node["additionalProperties"], passed)
    return found


def schema_at(path: Sequence[str]) -> list[Alternative]:
    """The alternatives of the schema at a path of pointer tokens."""
    alternatives = _expand(_schema(), ())
    for token in path:
        alternatives = _step(alternatives, token)
    return alternatives


def id_kinds(alternatives: list[Alternative]) -> list[str]:
    """The kinds of id a value may be: from the `<kind>Id` definitions passed to reach a text
    alternative."""
    kinds: dict[str, None] = {}
    for node, passed in alternatives:
        if node.get("type") != "string":
            continue
        for name in reversed(passed):
            match = _ID_DEFINITION.match(name)
            if match:
                kinds[match["kind"].lower()] = None
                break
    return list(kinds)


def _description(node: Mapping[str, Any]) -> str:
    for alternative, _ in _expand(node, ()):
        text = alternative.get("description")
        if isinstance(text, str):
            return text
    return ""


def _items(place: Place, model: Model | None) -> Iterator[Item]:
    if place.is_key:
        yield from _key_items(place)
        return
    alternatives = schema_at(place.path)
    for kind in id_kinds(alternatives):
        yield from _id_items(kind, model)
    seen: set[str] = set()
    for node, _ in alternatives:
        values = list(node.get("enum", ()))
        if "const" in node:
            values.append(node["const"])
        if node.get("type") == "boolean":
            values += [True, False]
        for value in values:
            text = _yaml_scalar(value)
            if text not in seen:
                seen.add(text)
                yield Item(text, "value", node.get("description", ""), text)


def _yaml_scalar(value: object) -> str:
    if value is True:
        return "true"
    if value is False:
        return "false"
    return str(value)


def _key_items(place: Place) -> Iterator[Item]:
    seen: set[str] = set(place.siblings)
    for node, _ in schema_at(place.path[:-1]):
        for key, subschema in node.get("properties", {}).items():
            if key in seen:
                continue
            seen.add(key)
            yield Item(key, "key", _description(subschema), f"{key}: ")


def _id_items(kind: str, model: Model | None) -> Iterator[Item]:
    if model is None:
        return
    try:
        declared = model.declared(kind)
    except KeyError:
        return
    word = "API" if kind == "api" else kind
    for ident, element in declared.items():
        name = getattr(element, "name", None)
        detail = f"{word} · {name}" if name and name != ident else word
        yield Item(ident, kind, detail, ident)
