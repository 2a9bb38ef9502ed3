"""Inline suppressions: which node a comment covers, what it silences, and where it is not one."""

from __future__ import annotations

from flowlint.loading import parse_text
from flowlint.suppressions import find_suppressions
from flowlint.testing import codes, lint_files, lint_text, positions

# mentor has two owners (FL101); teacher is carried by no flow (FL105).
SPEC = """\
flowlint: 1
services:
  placements: {name: Manage school placements}
  claims: {name: Claim funding for mentor training}
entities:
  mentor:
    owner: [placements, claims]
  teacher: {owner: placements}
flows:
  - {from: placements, to: claims, entities: [mentor]}
"""


def with_line(text: str, number: int, line: str) -> str:
    """`text` with `line` inserted before line `number` (1-based)."""
    lines = text.splitlines(keepends=True)
    return "".join([*lines[: number - 1], line + "\n", *lines[number - 1 :]])


def test_without_suppressions_both_findings_are_reported() -> None:
    assert codes(lint_text(SPEC)) == ["FL101", "FL105"]


def test_a_comment_above_a_node_silences_the_finding_under_it() -> None:
    text = with_line(SPEC, 6, "  # flowlint: ignore[FL101] two owners until the 2025 merge")
    assert [(f.code, f.location.line) for f in lint_text(text)] == [("FL105", 9)]


def test_a_comment_at_the_end_of_a_node_line_silences_it() -> None:
    text = SPEC.replace("  mentor:\n", "  mentor:  # flowlint: ignore[FL101] until the merge\n")
    assert codes(lint_text(text)) == ["FL105"]


def test_a_comment_on_the_finding_own_line_works_too() -> None:
    text = SPEC.replace(
        "    owner: [placements, claims]\n",
        "    owner: [placements, claims]  # flowlint: ignore[single-owner] until the merge\n",
    )
    assert codes(lint_text(text)) == ["FL105"]


def test_a_name_works_like_a_code_and_several_are_comma_separated() -> None:
    text = with_line(SPEC, 5, "# flowlint: ignore[single-owner, FL105] legacy section")
    assert lint_text(text) == []


def test_a_suppression_covers_only_its_own_node() -> None:
    # On teacher's line, FL101 about mentor is not silenced, and the FL101 part is unused.
    text = SPEC.replace(
        "  teacher: {owner: placements}\n",
        "  teacher: {owner: placements}  # flowlint: ignore[FL101, FL105] kept for reports\n",
    )
    findings = lint_text(text)
    assert [(f.code, f.location.line, f.location.column) for f in findings] == [
        ("FL101", 7, 5),
        ("FL902", 8, 33),
    ]
    assert findings[1].message == (
        "unused suppression of FL101 (single-owner): FL101 reports nothing at "
        "/entities/teacher; remove it"
    )


def test_a_suppression_covers_only_the_codes_it_names() -> None:
    text = with_line(SPEC, 6, "  # flowlint: ignore[FL105] not this one")
    assert [f.code for f in lint_text(text)] == ["FL902", "FL101", "FL105"]


def test_a_comment_two_lines_above_covers_nothing() -> None:
    text = with_line(SPEC, 5, "# flowlint: ignore[FL101] one line too high\n")
    findings = lint_text(text)
    assert [f.code for f in findings] == ["FL902", "FL101", "FL105"]
    assert findings[0].message == (
        "unused suppression of FL101 (single-owner): no spec node starts on line 6; put the "
        "comment at the end of the node's line or on the line above it"
    )


def test_stacked_comments_all_cover_the_node_below() -> None:
    text = with_line(SPEC, 6, "  # flowlint: ignore[FL101] two owners until the merge")
    text = with_line(text, 6, "  # flowlint: ignore[FL105] also fine")
    findings = lint_text(text)
    # FL105 is about teacher, not mentor: that suppression is unused.
    assert [(f.code, f.location.line) for f in findings] == [("FL902", 6), ("FL105", 10)]


def test_a_comment_above_the_first_line_covers_the_whole_file() -> None:
    text = "# flowlint: ignore[FL101, FL105] imported from the legacy register\n" + SPEC
    assert lint_text(text) == []


def test_a_suppression_in_one_file_does_not_reach_another() -> None:
    other = "flowlint: 1\n# flowlint: ignore[FL101] not here\nx-note: nothing\n"
    findings = lint_files({"a.yaml": SPEC, "b.yaml": other})
    assert [(f.location.file, f.code) for f in findings] == [
        ("a.yaml", "FL101"),
        ("a.yaml", "FL105"),
        ("b.yaml", "FL902"),
    ]


def test_a_deselected_rule_makes_no_unused_suppression() -> None:
    text = with_line(SPEC, 6, "  # flowlint: ignore[FL101] two owners until the merge")
    assert codes(lint_text(text, select=["FL105", "FL9"])) == ["FL105"]
    assert codes(lint_text(text, ignore=["FL101"])) == ["FL105"]


def test_meta_rules_can_be_turned_off_like_any_rule() -> None:
    text = with_line(SPEC, 6, "  # flowlint: ignore[FL105]")
    assert codes(lint_text(text)) == ["FL901", "FL902", "FL101", "FL105"]
    assert codes(lint_text(text, ignore=["FL9"])) == ["FL101", "FL105"]


def test_meta_findings_cannot_be_suppressed_inline() -> None:
    text = with_line(SPEC, 6, "  # flowlint: ignore[FL101, FL902] until the merge")
    findings = lint_text(text)
    assert [(f.code, f.location.column) for f in findings] == [("FL903", 29), ("FL105", 3)]
    assert findings[0].message == (
        "FL902 (unused-suppression) cannot be suppressed inline; turn it off with 'ignore' or "
        "'per-path-ignores' in the configuration"
    )


def test_a_directive_without_brackets_is_reported() -> None:
    text = with_line(SPEC, 6, "  # flowlint: ignore FL101 two owners")
    findings = lint_text(text)
    assert codes(findings) == ["FL903", "FL101", "FL105"]
    assert findings[0].message.startswith("suppression names no rule; write '# flowlint: ignore[")
    assert positions(findings)[0] == (6, 3, "/entities/mentor")


def test_empty_brackets_are_reported() -> None:
    text = with_line(SPEC, 6, "  # flowlint: ignore[] two owners")
    assert codes(lint_text(text)) == ["FL903", "FL101", "FL105"]


def test_text_that_only_looks_like_a_suppression_is_not_one() -> None:
    text = SPEC.replace(
        "  placements: {name: Manage school placements}",
        "  placements:\n"
        '    name: "Manage # flowlint: ignore[FL101] x"\n'
        "    x-note: 'it''s # flowlint: ignore[FL101] x'\n"
        "    x-more: a#flowlint:ignore[FL101]\n"
        "    x-block: |\n"
        "      # flowlint: ignore[FL101] x\n",
    )
    source = parse_text(text, "spec.yaml")
    assert find_suppressions(source) == []
    assert codes(lint_text(text)) == ["FL101", "FL105"]


def test_an_apostrophe_in_a_plain_value_does_not_hide_a_comment() -> None:
    text = SPEC.replace(
        "  mentor:\n",
        "  mentor:\n    x-note: the school's mentor  # flowlint: ignore[FL101] until 2025\n",
    )
    assert codes(lint_text(text)) == ["FL902", "FL101", "FL105"]  # covers x-note, not owner
    text = SPEC.replace("  mentor:\n", "  mentor:  # flowlint: ignore[FL101] the school's call\n")
    assert codes(lint_text(text)) == ["FL105"]


def test_a_reason_may_start_with_a_dash_or_colon() -> None:
    for reason in (" -- until the merge", ": until the merge", " - until the merge"):
        text = with_line(SPEC, 6, f"  # flowlint: ignore[FL101]{reason}")
        assert codes(lint_text(text)) == ["FL105"], reason
    text = with_line(SPEC, 6, "  # flowlint: ignore[FL101] --")
    assert codes(lint_text(text)) == ["FL901", "FL105"]


def test_suppressions_in_a_flow_item_cover_that_flow() -> None:
    text = """\
    flowlint: 1
    services:
      publish: {name: Publish teacher training courses}
      find: {name: Find postgraduate teacher training}
    entities:
      course: {owner: publish}
    flows:
      - {from: publish, to: find, entities: [course]}
      # flowlint: ignore[FL004] find will own provider next release
      - {from: find, to: publish, entities: [provider]}
    """
    assert lint_text(text) == []


def test_meta_finding_fingerprints_survive_moving_the_block() -> None:
    first = with_line(SPEC, 6, "  # flowlint: ignore[FL105]")
    moved = SPEC.replace("  mentor:\n    owner: [placements, claims]\n", "").replace(
        "  teacher: {owner: placements}\n",
        "  teacher: {owner: placements}\n  # flowlint: ignore[FL105]\n  mentor:\n"
        "    owner: [placements, claims]\n",
    )
    before = {(f.code, f.fingerprint) for f in lint_text(first)}
    after = {(f.code, f.fingerprint) for f in lint_text(moved)}
    assert before == after
    assert {code for code, _ in before} == {"FL901", "FL902", "FL101", "FL105"}
