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
