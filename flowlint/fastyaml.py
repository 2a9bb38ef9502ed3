"""A fast reader for ordinary spec files: YAML events straight to plain data and positions.

`flowlint.loading` composes every file into PyYAML nodes and builds plain data from them; that
handles everything YAML allows (tags, anchors, aliases, merge keys, duplicate keys) and reports
what flowlint refuses. Most spec files use none of that, and for them composing nodes is the
largest cost of a check: libyaml's composer calls PyYAML's Python resolver for every node and
keeps two marks per node until the whole tree is built.

`read_plain` reads the parser's events instead and builds the same data and the same
pointer -> (line, column) positions directly, never holding a node tree. Positions are kept
compactly, libyaml's index of each node's first character in an array per collection, and
found when asked for (`Positions`): a check asks for few of them, and making a pointer, a tuple
and a dictionary entry for each of the half a million nodes of a large spec cost about a third of
reading it and a hundred megabytes.

It handles only what needs no judgement: untagged, unanchored scalars, mappings and sequences,
with unique plain keys. On anything else (a tag, an anchor or alias, a merge key, a duplicate
key, a value the loader would report, too deep a nesting, a YAML error, several documents, an
empty document, a line break other than "\n" and "\r\n", a byte-order mark past the start) it
returns None, and the caller reads the file the full way, which then finds and words the
problem. So for every file it accepts, the result is exactly what the full reader gives (tests
compare the two).
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Iterator, Mapping
from itertools import accumulate
from typing import Any

import yaml
from yaml.events import (
    DocumentEndEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    SequenceStartEvent,
    StreamEndEvent,
)
from yaml.resolver import Resolver

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
# Implicit tags whose values are constructed (as the full reader does) and tags read as text.
_CONSTRUCTED = (_INT, "tag:yaml.org,2002:float", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null")
_TEXT = frozenset({_STR, "tag:yaml.org,2002:timestamp"})
_KEY_TAGS = _TEXT | frozenset(_CONSTRUCTED)
# The full reader refuses longer integers (see loading._MAX_INT_CHARS).
_MAX_INT_CHARS = 1000
# PyYAML's implicit resolvers by first character: a plain scalar starting with any other
# character is text, which is most of a spec.
_RESOLVERS: dict[str, list[tuple[str, Any]]] = Resolver.yaml_implicit_resolvers
# A plain key is read as the text written whatever its implicit tag, unless the tag is one the
# full reader treats apart (a merge key `<<`, or one it reports): only keys starting with one of
# these characters can have such a tag, so only they are resolved.
_KEY_RISK = frozenset(
    first
    for first, resolvers in _RESOLVERS.items()
    if any(tag not in _KEY_TAGS for tag, _ in resolvers)
)


class _NotPlain(Exception):
    """The file uses something only the full reader handles."""


# A node's position is kept as libyaml's index of its first character. Line and column follow
# from the text: libyaml counts characters after a leading byte-order mark, and starts a line after
# "\n" ("\r\n" included). It also starts one at a lone "\r", NEL, LINE SEPARATOR and PARAGRAPH
# SEPARATOR, which `str.splitlines` does not all agree on: a text with one of those, or with a
# byte-order mark past its start, is read the full way.
_OTHER_BREAKS = ("\x85", "\u2028", "\u2029", "\ufeff")
_BOM = "\ufeff"
# A mapping with more keys than this gets an index of its keys the first time a position in it is
# asked for; a smaller one is searched.
_SEARCHED = 16


def _escape(token: str) -> str:
    return token.replace("~", "~0").replace("/", "~1") if "~" in token or "/" in token else token


class Positions(Mapping[str, tuple[int, int]]):
    """pointer -> 1-based (line, column) of every node of data the event reader built, as the
    full reader's dictionary has them (a mapping member at its key, a list item at the item, the
    document at its first node), found when asked for.

    `marks` maps the `id` of each mapping and list in `data` to libyaml's indexes of its keys or
    items, in order; `body` is the text libyaml indexed (without a leading byte-order mark).
    Looking a pointer up walks `data` along it and finds the line of the index in `body`.
    Iterating (suppression comments and the language server want every node) builds the whole
    dictionary once, in the order the nodes are written. The data must not change afterwards
    (nothing changes it).
    """

    __slots__ = ("_body", "_data", "_index", "_marks", "_root", "_starts", "_whole")

    def __init__(self, data: Any, marks: dict[int, array[int]], root: int, body: str) -> None:
        self._data = data
        self._marks = marks
        self._root = root
        self._body = body
        self._starts: array[int] | None = None
        self._whole: dict[str, tuple[int, int]] | None = None
        self._index: dict[int, dict[str, int]] = {}

    def _lines(self) -> array[int]:
        """The index at which each line of the text starts."""
        if self._starts is None:
            starts = array("q", [0])
            starts.extend(accumulate(map(len, self._body.splitlines(keepends=True))))
            self._starts = starts
        return self._starts

    def _place(self, index: int) -> tuple[int, int]:
        """1-based (line, column) of the character at `index`."""
        starts = self._lines()
        line = bisect_right(starts, index) - 1
        return line + 1, index - starts[line] + 1

    def __getitem__(self, pointer: str) -> tuple[int, int]:
        found = self.get(pointer)
        if found is None:
            raise KeyError(pointer)
        return found  # type: ignore[no-any-return]

    def get(self, pointer: str, default: Any = None) -> Any:  # type: ignore[override]
        """The position of `pointer`, or `default` when no node is written there."""
        if self._whole is not None:
            return self._whole.get(pointer, default)
        if not pointer:
            return self._place(self._root) if pointer == "" else default
        if pointer[0] != "/":
            return default
        node = self._data
        tokens = pointer[1:].split("/")
        last = len(tokens) - 1
        for depth, token in enumerate(tokens):
            kind = type(node)
            if kind is dict:
                key = token
                if "~" in token:
                    key = token.replace("~1", "/").replace("~0", "~")
                    if _escape(key) != token:
                        return default  # not how the reader writes any key
                if key not in node:
                    return default
                if len(node) <= _SEARCHED:
                    position = list(node).index(key)
                else:
                    index = self._index.get(id(node))
                    if index is None:
                        index = self._index[id(node)] = {k: n for n, k in enumerate(node)}
                    position = index[key]
                if depth == last:
                    return self._place(self._marks[id(node)][position])
                node = node[key]
            elif kind is list:
                # Only the decimal form the reader writes ("3", not "03" or "+3").
                if not (token.isascii() and token.isdecimal()) or (
                    token[0] == "0" and len(token) > 1
                ):
                    return default
                position = int(token)
                if position >= len(node):
                    return default
                if depth == last:
                    return self._place(self._marks[id(node)][position])
                node = node[position]
            else:
                return default
        return default  # pragma: no cover - the loop returns at the last token

    def _every(self) -> dict[str, tuple[int, int]]:
        """The whole dictionary, in document order (as the full reader makes it)."""
        if self._whole is None:
            whole = {"": self._place(self._root)}
            marks = self._marks
            data = self._data
            starts = self._lines()
            last = len(starts) - 1
            line = 0  # the nodes come in document order: their lines are found going forwards
            if type(data) is dict or type(data) is list:
                stack: list[tuple[Iterator[tuple[str, Any, int]], str]] = []
                stack.append((_children(data, marks), "/"))
                while stack:
                    for token, value, index in stack[-1][0]:
                        if index < starts[line]:
                            line = bisect_right(starts, index) - 1
                        elif line < last and index >= starts[line + 1]:
                            line = bisect_right(starts, index, line) - 1
                        pointer = stack[-1][1] + token
                        whole[pointer] = line + 1, index - starts[line] + 1
                        if type(value) is dict or type(value) is list:
                            stack.append((_children(value, marks), pointer + "/"))
                            break
                    else:
                        stack.pop()
            self._whole = whole
        return self._whole

    def __iter__(self) -> Iterator[str]:
        return iter(self._every())

    def __len__(self) -> int:
        return len(self._every())

    def __contains__(self, pointer: object) -> bool:
        if not isinstance(pointer, str):
            return False
        try:
            self[pointer]
        except KeyError:
            return False
        return True

    def __repr__(self) -> str:
        return f"Positions({self._every()!r})"


def _children(
    container: dict[str, Any] | list[Any], marks: dict[int, array[int]]
) -> Iterator[tuple[str, Any, int]]:
    """(pointer token, value, index of its first character) of each member or item of a
    collection."""
    indexes = marks[id(container)]
    if type(container) is dict:
        for (key, value), mark in zip(container.items(), indexes, strict=True):
            yield _escape(key), value, mark
    else:
        for index, (value, mark) in enumerate(zip(container, indexes, strict=True)):
            yield str(index), value, mark


def read_plain(text: str, loader_class: type, max_depth: int) -> tuple[Any, Positions] | None:
    """(data, positions) of a one-document file of plain YAML data, or None to read it in full.

    Positions follow the full reader: 1-based, by JSON Pointer; a mapping member is at its key, a
    list item at the item, the document at its first node.
    """
    body = text[1:] if text.startswith(_BOM) else text
    # Lines libyaml counts differently from str.splitlines (each test is one pass in C, and
    # none is needed for ASCII text without "\r").
    if not body.isascii() and any(other in body for other in _OTHER_BREAKS):
        return None
    if "\r" in body and body.count("\r") != body.count("\r\n"):
        return None
    loader = loader_class(text)
    try:
        return _read(loader.get_event, max_depth, body)
    except (_NotPlain, yaml.YAMLError, RecursionError):
        return None
    finally:
        loader.dispose()


def _read(get: Any, max_depth: int, body: str) -> tuple[Any, Positions]:
    marks: dict[int, array[int]] = {}
    constructor = yaml.constructor.SafeConstructor()
    construct = {tag: constructor.yaml_constructors[tag] for tag in _CONSTRUCTED}
    resolvers = _RESOLVERS

    def resolve(value: str) -> str:
        # BaseResolver.resolve for a plain scalar (no path resolvers are registered).
        for tag, pattern in resolvers.get(value[:1], ()):
            if pattern.match(value):
                return tag
        return _STR

    def implicit(value: str) -> Any:
        # The value of a plain scalar whose first character can start a non-string.
        tag = resolve(value)
        if tag in _TEXT:
            return value
        if tag not in construct or (tag == _INT and len(value) > _MAX_INT_CHARS):
            raise _NotPlain
        try:
            return construct[tag](constructor, yaml.ScalarNode(tag, value))
        except (ValueError, KeyError, IndexError, TypeError, OverflowError):
            raise _NotPlain from None

    get()  # stream start
    if type(get()) is not DocumentStartEvent:
        raise _NotPlain  # no document: the file is empty
    event = get()
    root = event.start_mark.index
    kind = type(event)
    if kind is ScalarEvent:
        if event.tag is not None or event.anchor is not None:
            raise _NotPlain
        data = event.value
        if data[:1] in resolvers and event.implicit[0]:
            data = implicit(data)
    elif kind is MappingStartEvent or kind is SequenceStartEvent:
        if event.tag is not None or event.anchor is not None or max_depth <= 0:
            raise _NotPlain
        data = _collections(get, kind is MappingStartEvent, marks, max_depth, resolve, implicit)
    else:
        raise _NotPlain  # an alias
    if data is None or type(get()) is not DocumentEndEvent or type(get()) is not StreamEndEvent:
        raise _NotPlain  # an empty document, or several documents
    return data, Positions(data, marks, root, body)


def _collections(
    get: Any,
    is_mapping: bool,
    marks: dict[int, array[int]],
    max_depth: int,
    resolve: Any,
    implicit: Any,
) -> Any:
    """The root collection (its start event read), with everything in it, up to its end event.

    One loop with an explicit stack of the open collections instead of a call per collection;
    scalars, most of the events, are read inline. Each collection's keys or items have libyaml's
    indexes of their first characters in `marks[id(collection)]`, in order.
    """
    # Locals rather than globals: this loop runs once or twice per event.
    scalar_event, mapping_end, sequence_end = ScalarEvent, MappingEndEvent, SequenceEndEvent
    mapping_start, sequence_start = MappingStartEvent, SequenceStartEvent
    resolvers, key_risk, key_tags, not_plain = _RESOLVERS, _KEY_RISK, _KEY_TAGS, _NotPlain
    new_marks = array
    root: Any = {} if is_mapping else []
    container: Any = root  # the innermost open collection
    positions = marks[id(root)] = new_marks("q")  # its keys' or items' positions
    place = positions.append
    stack: list[tuple[Any, bool, Any]] = []  # the open collections around it
    while True:
        if is_mapping:
            while True:
                event = get()
                kind = type(event)
                if kind is scalar_event:
                    if event.tag is not None or event.anchor is not None:
                        raise not_plain
                    key = event.value
                    if (
                        key
                        and key[0] in key_risk
                        and event.implicit[0]
                        and resolve(key) not in key_tags
                    ):
                        raise not_plain  # a merge key, or a key the full reader reports
                    if key in container:
                        raise not_plain  # a duplicate key: FL002
                elif kind is mapping_end:
                    if not stack:
                        return root
                    container, is_mapping, place = stack.pop()
                    break
                else:
                    raise not_plain  # a complex key, or an alias
                place(event.start_mark.index)
                event = get()
                kind = type(event)
                if kind is scalar_event:
                    if event.tag is not None or event.anchor is not None:
                        raise not_plain
                    value = event.value
                    if (not value or value[0] in resolvers) and event.implicit[0]:
                        value = implicit(value)
                    container[key] = value
                    continue
                if kind is mapping_start:
                    value = {}
                elif kind is sequence_start:
                    value = []
                else:
                    raise not_plain  # an alias
                if event.tag is not None or event.anchor is not None or len(stack) >= max_depth - 1:
                    raise not_plain  # a tag, an anchor, or nesting too deep
                container[key] = value
                stack.append((container, True, place))
                container, is_mapping = value, kind is mapping_start
                positions = marks[id(value)] = new_marks("q")
                place = positions.append
                break
        else:
            while True:
                event = get()
                kind = type(event)
                if kind is sequence_end:
                    if not stack:
                        return root
                    container, is_mapping, place = stack.pop()
                    break
                place(event.start_mark.index)
                if kind is scalar_event:
                    if event.tag is not None or event.anchor is not None:
                        raise not_plain
                    value = event.value
                    if (not value or value[0] in resolvers) and event.implicit[0]:
                        value = implicit(value)
                    container.append(value)
                    continue
                if kind is mapping_start:
                    value = {}
                elif kind is sequence_start:
                    value = []
                else:
                    raise not_plain  # an alias
                if event.tag is not None or event.anchor is not None or len(stack) >= max_depth - 1:
                    raise not_plain  # a tag, an anchor, or nesting too deep
                container.append(value)
                stack.append((container, False, place))
                container, is_mapping = value, kind is mapping_start
                positions = marks[id(value)] = new_marks("q")
                place = positions.append
                break
