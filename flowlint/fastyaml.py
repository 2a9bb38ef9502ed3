"""A fast reader for ordinary spec files: YAML events straight to plain data and positions.

`flowlint.loading` composes every file into PyYAML nodes and builds plain data from them; that
handles everything YAML allows (tags, anchors, aliases, merge keys, duplicate keys) and reports
what flowlint refuses. Most spec files use none of that, and for them composing nodes is the
largest cost of a check: libyaml's composer calls PyYAML's Python resolver for every node and
keeps two marks per node until the whole tree is built.

`read_plain` reads the parser's events instead and builds the same data and the same
pointer -> (line, column) positions directly, never holding a node tree. It handles only what
needs no judgement: untagged, unanchored scalars, mappings and sequences, with unique plain keys.
On anything else (a tag, an anchor or alias, a merge key, a duplicate key, a value the loader
would report, too deep a nesting, a YAML error, several documents, an empty document) it returns
None, and the caller reads the file the full way, which then finds and words the problem. So for
every file it accepts, the result is exactly what the full reader gives (tests compare the two).
"""

from __future__ import annotations

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


def read_plain(
    text: str, loader_class: type, max_depth: int
) -> tuple[Any, dict[str, tuple[int, int]]] | None:
    """(data, positions) of a one-document file of plain YAML data, or None to read it in full.

    Positions follow the full reader: 1-based, by JSON Pointer; a mapping member is at its key, a
    list item at the item, the document at its first node.
    """
    loader = loader_class(text)
    try:
        return _read(loader.get_event, max_depth)
    except (_NotPlain, yaml.YAMLError, RecursionError):
        return None
    finally:
        loader.dispose()


def _read(get: Any, max_depth: int) -> tuple[Any, dict[str, tuple[int, int]]]:
    positions: dict[str, tuple[int, int]] = {}
    constructor = yaml.constructor.SafeConstructor()
    construct = {tag: constructor.yaml_constructors[tag] for tag in _CONSTRUCTED}
    resolvers = _RESOLVERS

    def resolve(value: str) -> str:
        # BaseResolver.resolve for a plain scalar (no path resolvers are registered).
        for tag, pattern in resolvers.get(value[:1], ()):
            if pattern.match(value):
                return tag
        return _STR

    def scalar(event: Any) -> Any:
        if event.tag is not None or event.anchor is not None:
            raise _NotPlain
        value = event.value
        if not event.implicit[0] or (value and value[0] not in resolvers):
            return value
        tag = resolve(value)
        if tag in _TEXT:
            return value
        if tag not in construct or (tag == _INT and len(value) > _MAX_INT_CHARS):
            raise _NotPlain
        try:
            return construct[tag](constructor, yaml.ScalarNode(tag, value))
        except (ValueError, KeyError, IndexError, TypeError, OverflowError):
            raise _NotPlain from None

    def node(event: Any, pointer: str, depth: int) -> Any:
        kind = type(event)
        if kind is ScalarEvent:
            return scalar(event)
        if kind is not MappingStartEvent and kind is not SequenceStartEvent:
            raise _NotPlain  # an alias
        if event.tag is not None or event.anchor is not None or depth >= max_depth:
            raise _NotPlain
        if kind is MappingStartEvent:
            mapping: dict[str, Any] = {}
            while True:
                key_event = get()
                if type(key_event) is MappingEndEvent:
                    return mapping
                if (
                    type(key_event) is not ScalarEvent
                    or key_event.tag is not None
                    or key_event.anchor is not None
                ):
                    raise _NotPlain
                key = key_event.value
                if key_event.implicit[0] and key[:1] in _KEY_RISK and resolve(key) not in _KEY_TAGS:
                    raise _NotPlain  # a merge key, or a key the full reader reports
                if key in mapping:
                    raise _NotPlain  # a duplicate key: FL002
                if "~" in key or "/" in key:
                    child = f"{pointer}/{key.replace('~', '~0').replace('/', '~1')}"
                else:
                    child = f"{pointer}/{key}"
                mark = key_event.start_mark
                positions[child] = (mark.line + 1, mark.column + 1)
                mapping[key] = node(get(), child, depth + 1)
        if kind is SequenceStartEvent:
            items: list[Any] = []
            index = 0
            while True:
                item_event = get()
                if type(item_event) is SequenceEndEvent:
                    return items
                child = f"{pointer}/{index}"
                mark = item_event.start_mark
                positions[child] = (mark.line + 1, mark.column + 1)
                items.append(node(item_event, child, depth + 1))
                index += 1
        raise AssertionError(kind)  # pragma: no cover - excluded above

    get()  # stream start
    if type(get()) is not DocumentStartEvent:
        raise _NotPlain  # no document: the file is empty
    root = get()
    mark = root.start_mark
    positions[""] = (mark.line + 1, mark.column + 1)
    data = node(root, "", 0)
    if data is None or type(get()) is not DocumentEndEvent or type(get()) is not StreamEndEvent:
        raise _NotPlain  # an empty document, or several documents
    return data, positions
