"""FL905 new-suppression: suppression comments and baseline entries added since a base revision.

The comparison is pure (`flowlint.gate`); tests/test_new_since.py and tests/hostile/cases.toml run
it through `flowlint check --new-since` in real repositories.
"""

from __future__ import annotations

from flowlint import gate
from flowlint.baseline import Baseline, Entry
from flowlint.findings import Location
from flowlint.loading import parse_text
from flowlint.rules import BUILTIN_RULES

NAMES = {rule.code: rule.name for rule in BUILTIN_RULES}

SPEC = """\
flowlint: 1
services:
  placements: {name: Manage school placements}
  claims: {name: Claim funding for mentor training}
entities:
  mentor: {owner: [placements, claims]}{inline}
  school: {owner: [placements, claims]}
flows:
  - {from: placements, to: claims, entities: [mentor, school]}
"""


def spec(inline: str = "", above: str = "") -> str:
    text = SPEC.replace("{inline}", inline)
    if above:
        text = text.replace("  mentor:", f"  {above}\n  mentor:")
    return text


def new(now: str, before: str | None) -> list:
    sources_now = [parse_text(now, "spec.yaml")]
    sources_before = [parse_text(before, "spec.yaml")] if before is not None else []
    return gate.new_suppressions(sources_now, sources_before, NAMES, "origin/main")


def test_a_new_comment_is_reported_at_the_comment_with_its_reason() -> None:
    found = new(spec("  # flowlint: ignore[FL101] until the 2025 merge"), spec())
    assert [(p.location, p.message, p.subject) for p in found] == [
        (
            Location("spec.yaml", 6, 42, "/entities/mentor"),
            "suppression of FL101 at /entities/mentor added since origin/main (reason: until "
            "the 2025 merge)",
            ("suppression", "/entities/mentor", "FL101", "new"),
        )
    ]


def test_without_a_reason_and_by_name() -> None:
    (found,) = new(spec(above="# flowlint: ignore[single-owner]"), spec())
    assert found.location == Location("spec.yaml", 6, 3, "/entities/mentor")
    assert found.message.endswith("(no reason given)")
    assert "suppression of single-owner at /entities/mentor" in found.message


def test_a_comment_that_was_there_is_not_new_even_moved_or_reworded() -> None:
    before = spec("  # flowlint: ignore[FL101] both record mentors")
    assert new(before, before) == []
    moved = spec(above="# flowlint: ignore[single-owner] both record mentors, until 2025")
    assert new(moved, before) == []


def test_only_the_rules_added_to_a_comment_are_new() -> None:
    before = spec("  # flowlint: ignore[FL101] both record mentors")
    (found,) = new(spec("  # flowlint: ignore[FL101, FL105] both record mentors"), before)
    assert found.message.startswith("suppression of FL105 at /entities/mentor added since")


def test_the_same_comment_on_another_node_is_new() -> None:
    before = spec("  # flowlint: ignore[FL101] both record mentors")
    now = before.replace(
        "  school: {owner: [placements, claims]}",
        "  school: {owner: [placements, claims]}  # flowlint: ignore[FL101] both record schools",
    )
    (found,) = new(now, before)
    assert found.location.pointer == "/entities/school"


def test_everything_is_new_when_there_was_no_spec() -> None:
    assert len(new(spec("  # flowlint: ignore[FL101] reason"), None)) == 1
    assert new(spec(), None) == []


def test_a_long_reason_is_cut() -> None:
    (found,) = new(spec("  # flowlint: ignore[FL101] " + "x" * 200), spec())
    assert found.message.endswith("(reason: " + "x" * 79 + "…)")


def test_new_baseline_entries_since_the_merge_base() -> None:
    text = (
        '{\n  "flowlint-baseline": 1,\n  "findings": [\n'
        '    {"code": "FL101", "fingerprint": "aaaa"}\n  ]\n}\n'
    )
    here = Baseline((Entry("FL101", "entity mentor", "aaaa", "single-owner", 1),))
    (found,) = gate.new_baseline_entries(here, Baseline(), "known.json", text, "main", since=True)
    assert (found.location, found.message, found.subject) == (
        Location("known.json", 4, 5, "/findings/0"),
        "baseline entry added since main: FL101 [single-owner] entity mentor; it hides 1 finding "
        "from check",
        ("baseline", "aaaa"),
    )
    assert gate.new_baseline_entries(here, here, "known.json", text, "main", since=True) == []
