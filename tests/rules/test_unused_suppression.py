"""FL902 unused-suppression: a suppression silences a finding that is there."""

from flowlint.testing import codes, lint_text, positions

SPEC = """\
flowlint: 1
services:
  placements: {name: Manage school placements}
  claims: {name: Claim funding for mentor training}
entities:
  mentor: {owner: placements}  # flowlint: ignore[FL101] claims records mentors too
flows:
  - {from: placements, to: claims, entities: [mentor]}
"""


def test_a_suppression_of_a_rule_that_finds_nothing_there_is_reported() -> None:
    findings = lint_text(SPEC)
    assert codes(findings) == ["FL902"]
    assert positions(findings) == [(6, 32, "/entities/mentor")]
    assert findings[0].message == (
        "unused suppression of FL101 (single-owner): FL101 reports nothing at "
        "/entities/mentor; remove it"
    )
    assert findings[0].subject == ("suppression", "/entities/mentor", "FL101", "unused")


def test_each_unused_code_is_one_finding() -> None:
    text = SPEC.replace("ignore[FL101]", "ignore[FL101, lost-edit, FL101]")
    findings = lint_text(text)
    assert [f.message.split(":")[0] for f in findings] == [
        "unused suppression of FL101 (single-owner)",
        "unused suppression of FL103 (lost-edit)",
    ]


def test_not_reported_when_the_rule_did_not_run() -> None:
    assert lint_text(SPEC, select=["FL9"]) == []
    assert lint_text(SPEC, ignore=["single-owner"]) == []
    assert codes(lint_text(SPEC, select=["FL101", "FL902"])) == ["FL902"]


def test_a_rule_off_by_default_counts_only_when_selected() -> None:
    text = SPEC.replace("ignore[FL101]", "ignore[FL305]")
    assert lint_text(text) == []
    assert codes(lint_text(text, select=["ALL"])) == ["FL902"]


def test_a_used_suppression_is_not_reported() -> None:
    text = SPEC.replace("{owner: placements}", "{owner: [placements, claims]}")
    assert lint_text(text) == []


def test_a_comment_on_a_line_where_no_node_starts() -> None:
    text = SPEC.replace(
        "  mentor: {owner: placements}  # flowlint: ignore[FL101] claims records mentors too\n",
        "  # flowlint: ignore[FL101] a blank line below\n\n  mentor: {owner: placements}\n",
    )
    findings = lint_text(text)
    assert positions(findings) == [(6, 3, "")]
    assert findings[0].message == (
        "unused suppression of FL101 (single-owner): no spec node starts on line 7; put the "
        "comment at the end of the node's line or on the line above it"
    )


def test_the_subject_of_a_comment_on_a_line_where_no_node_starts_has_no_pointer() -> None:
    text = SPEC.replace(
        "  mentor: {owner: placements}  # flowlint: ignore[FL101] claims records mentors too\n",
        "  # flowlint: ignore[FL101] a blank line below\n\n  mentor: {owner: placements}\n",
    )
    assert [f.subject for f in lint_text(text)] == [("suppression", "", "FL101", "unused")]


def test_the_subject_names_a_flow_by_its_ends_and_each_unused_code() -> None:
    text = SPEC.replace(
        "entities: [mentor]}\n", "entities: [mentor]}  # flowlint: ignore[FL103, FL101] x\n"
    )
    findings = lint_text(text)
    assert [f.subject for f in findings] == [
        ("suppression", "/entities/mentor", "FL101", "unused"),
        ("suppression", "/flows/placements->claims", "FL101", "unused"),
        ("suppression", "/flows/placements->claims", "FL103", "unused"),
    ]
