"""The event reader's own edges: its nesting limit and its nested collections.

`tests/test_fast_path.py` compares it with the node builder on many files; these pin down the
explicit stack that replaced its recursion: the depth at which it gives up matches the node
builder's limit, and it leaves mappings and sequences in the right parent at every level.
"""

from __future__ import annotations

import pytest
import yaml

from flowlint import loading
from flowlint.fastyaml import read_plain
from flowlint.loading import Limits, parse_text


def nested(levels: int, kinds: str) -> str:
    """Flow-style YAML `levels` collections deep, kinds taken in turn from 'm' and 's'."""
    text = "leaf"
    for level in reversed(range(levels)):
        text = (
            f"{{k{level}: {text}, after{level}: {level}}}"
            if kinds[level % len(kinds)] == "m"
            else f"[{level}, {text}, x]"
        )
    return text + "\n"


def full_parse(text: str, limits: Limits) -> loading.SourceFile:
    fast = loading.read_plain
    loading.read_plain = lambda *args: None  # type: ignore[assignment]
    try:
        return parse_text(text, "spec.yaml", limits)
    finally:
        loading.read_plain = fast


@pytest.mark.parametrize("kinds", ["m", "s", "ms", "sm", "mms"])
@pytest.mark.parametrize("levels", [1, 2, 4, 5, 6, 9])
def test_nesting_limit_and_structure_match_the_node_builder(levels: int, kinds: str) -> None:
    max_depth = 5
    text = nested(levels, kinds)
    fast = read_plain(text, yaml.CSafeLoader, max_depth)
    full = full_parse(text, Limits(max_depth=max_depth))
    if levels > max_depth:
        assert fast is None
        assert full.problems  # the node builder reports the nesting
    else:
        assert fast is not None and not full.problems
        assert fast == (full.data, full.positions)
        assert fast[0] == yaml.safe_load(text)


def test_a_limit_of_zero_refuses_any_collection_but_not_a_scalar() -> None:
    assert read_plain("[1]\n", yaml.CSafeLoader, 0) is None
    assert read_plain("text\n", yaml.CSafeLoader, 0) == ("text", {"": (1, 1)})


def test_siblings_after_closed_collections_land_in_their_parent() -> None:
    text = "a:\n  - b: [1, {c: [2, 3]}]\n    d: 4\n  - [5, [6]]\n  - 7\ne: {f: {g: []}, h: 8}\n"
    fast = read_plain(text, yaml.CSafeLoader, 64)
    assert fast is not None
    data, positions = fast
    assert data == yaml.safe_load(text)
    assert positions["/a/0/d"] == (3, 5)
    assert positions["/a/2"] == (5, 5)
    assert positions["/e/h"] == (6, 17)
    full = full_parse(text, Limits())
    assert (data, positions) == (full.data, full.positions)


POINTED = """\
flowlint: 1
services:
  a/b: {name: Slash, "~x": tilde}
  big: {k0: 0, k1: 1, k2: 2, k3: 3, k4: 4, k5: 5, k6: 6, k7: 7, k8: 8, k9: 9, k10: 10, k11: 11,
        k12: 12, k13: 13, k14: 14, k15: 15, k16: 16, k17: 17}
"3": [zero, one, [two, {deep: [x, y, z, w, v, u, t, s, r, q, p]}]]
empty: {}
none: []
scalar: text
"": blank key
"\u0663": arabic three
"""
POINTERS = [
    "",
    "/",
    "flowlint",
    "/flowlint",
    "/flowlint/0",
    "/services/a~1b",
    "/services/a~1b/name",
    "/services/a/b",
    "/services/~0x",
    "/services/~00x",
    "/services/~x",
    "/services/~2x",
    "/services/big/k17",
    "/services/big/k18",
    "/3",
    "/3/0",
    "/3/2/1/deep/10",
    "/3/2/1/deep/11",
    "/3/02",
    "/3/+2",
    "/3/-1",
    "/3/\u0662",
    "/3/2/1/deep/1/0",
    "/empty",
    "/empty/x",
    "/none/0",
    "/scalar/0",
    "/",
    "//",
    "/\u0663",
    "/services//",
]


def test_positions_found_when_asked_are_the_ones_the_whole_dictionary_has() -> None:
    found = read_plain(POINTED, yaml.CSafeLoader, 64)
    assert found is not None
    _, lazy = found
    whole = full_parse(POINTED, Limits()).positions  # the node builder's dictionary
    assert isinstance(whole, dict)
    every = [*POINTERS, *whole]
    # Looked up one by one, before the whole dictionary is made...
    answers = {pointer: lazy.get(pointer) for pointer in every}
    assert answers == {pointer: whole.get(pointer) for pointer in every}
    assert [pointer in lazy for pointer in every] == [pointer in whole for pointer in every]
    with pytest.raises(KeyError):
        lazy["/services/a/b"]
    # ... and after it.
    assert dict(lazy) == whole and list(lazy) == list(whole) and len(lazy) == len(whole)
    assert {pointer: lazy.get(pointer) for pointer in every} == answers


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\r\nb: [x,\r\n  y]\r\nc: {d: e}\r\n",
        "\ufeffa: 1\nb: [x, y]\n",
        "\ufeffa: 1\r\nb:\r\n  - é𝄞\r\n  - z\r\n",
        "a: 'one\r\n  two'\r\nb: 2\r\n",
    ],
    ids=["crlf", "bom", "bom-crlf", "crlf-in-quotes"],
)
def test_windows_line_ends_and_a_byte_order_mark_are_read_fast_with_the_same_positions(
    text: str,
) -> None:
    found = read_plain(text, yaml.CSafeLoader, 64)
    assert found is not None
    full = full_parse(text, Limits())
    assert found[0] == full.data
    assert dict(found[1]) == full.positions
    assert {p: found[1].get(p) for p in full.positions} == full.positions


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\rb: 2\n",
        "a: x\x85b: y\n",
        "a: 1\u2028b: 2\n",
        "a: 1\u2029b: 2\n",
        "a: 1\nb: \ufeffx\n",
    ],
    ids=["cr", "nel", "line-separator", "paragraph-separator", "inner-bom"],
)
def test_other_line_breaks_are_left_to_the_full_reader(text: str) -> None:
    assert read_plain(text, yaml.CSafeLoader, 64) is None
    source = parse_text(text, "spec.yaml")
    assert source.positions == full_parse(text, Limits()).positions
