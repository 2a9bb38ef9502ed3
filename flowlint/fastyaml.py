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
    mark = event.start_mark
    positions[""] = (mark.line + 1, mark.column + 1)
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
        data = _collections(get, kind is MappingStartEvent, positions, max_depth, resolve, implicit)
    else:
        raise _NotPlain  # an alias
    if data is None or type(get()) is not DocumentEndEvent or type(get()) is not StreamEndEvent:
        raise _NotPlain  # an empty document, or several documents
    return data, positions


def _collections(
    get: Any,
    is_mapping: bool,
    positions: dict[str, tuple[int, int]],
    max_depth: int,
    resolve: Any,
    implicit: Any,
) -> Any:
    """The root collection (its start event read), with everything in it, up to its end event.

    One loop with an explicit stack of the open collections instead of a call per collection;
    scalars, most of the events, are read inline.
    """
    # Locals rather than globals: this loop runs once or twice per event.
    scalar_event, mapping_end, sequence_end = ScalarEvent, MappingEndEvent, SequenceEndEvent
    mapping_start, sequence_start = MappingStartEvent, SequenceStartEvent
    resolvers, key_risk, key_tags, not_plain = _RESOLVERS, _KEY_RISK, _KEY_TAGS, _NotPlain
    root: Any = {} if is_mapping else []
    container: Any = root  # the innermost open collection
    prefix = "/"  # its pointer and a slash
    index = 0  # in a sequence, the index of its next item
    stack: list[tuple[Any, str, bool, int]] = []  # the open collections around it
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
                    container, prefix, is_mapping, index = stack.pop()
                    break
                else:
                    raise not_plain  # a complex key, or an alias
                if "~" in key or "/" in key:
                    child = prefix + key.replace("~", "~0").replace("/", "~1")
                else:
                    child = prefix + key
                mark = event.start_mark
                positions[child] = (mark.line + 1, mark.column + 1)
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
                stack.append((container, prefix, True, 0))
                container, prefix, is_mapping, index = value, child + "/", kind is mapping_start, 0
                break
        else:
            while True:
                event = get()
                kind = type(event)
                if kind is sequence_end:
                    if not stack:
                        return root
                    container, prefix, is_mapping, index = stack.pop()
                    break
                child = f"{prefix}{index}"
                mark = event.start_mark
                positions[child] = (mark.line + 1, mark.column + 1)
                index += 1
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
                stack.append((container, prefix, False, index))
                container, prefix, is_mapping, index = value, child + "/", kind is mapping_start, 0
                break
