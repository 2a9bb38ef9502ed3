"""Inline suppressions: which node a comment covers, what it silences, and where it is not one."""

from __future__ import annotations

from flowlint.engine import lint, select_rules
from flowlint.findings import INLINE, Finding, Location, Severity
from flowlint.loading import Loaded, parse_text
from flowlint.rules import BUILTIN_RULES
from flowlint.suppressions import apply_suppressions, find_suppressions
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
    # teacher has two owners (FL101) and no flow (FL105): two suppressions, with an ordinary
    # comment between them, stacked above it silence both. Only mentor's FL101 is left.
    text = SPEC.replace(
        "  teacher: {owner: placements}\n",
        "  # flowlint: ignore[FL101] teacher too, until the merge\n"
        "  # reviewed with the claims team\n"
        "  # flowlint: ignore[FL105] the reports read it\n"
        "  teacher: {owner: [placements, claims]}\n",
    )
    assert positions(lint_text(text)) == [(7, 5, "/entities/mentor/owner")]


def test_a_stack_that_ends_the_file_covers_nothing_with_or_without_a_final_newline() -> None:
    stack = "# flowlint: ignore[FL105] nothing below\n# the end"
    message = (
        "unused suppression of FL105 (unused-entity): no spec node starts on line 13; put the "
        "comment at the end of the node's line or on the line above it"
    )
    for text in (SPEC + stack, SPEC + stack + "\n"):
        findings = [f for f in lint_text(text) if f.code.startswith("FL9")]
        assert [(f.code, f.location.line, f.message) for f in findings] == [("FL902", 11, message)]


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


def test_a_suppression_at_the_end_of_a_line_needs_only_one_space_before_it() -> None:
    # On a top-level key it covers the whole section; on a node, that node.
    text = SPEC.replace("entities:\n", "entities: # flowlint: ignore[FL101, FL105] legacy owners\n")
    assert lint_text(text) == []
    text = SPEC.replace("  mentor:\n", "  mentor: # flowlint: ignore[FL101] until the merge\n")
    assert codes(lint_text(text)) == ["FL105"]


def test_a_hash_glued_to_what_comes_before_it_is_not_a_comment() -> None:
    # YAML wants a space before a comment's '#'. The glued one silences nothing; the proper
    # suppression below it still counts.
    text = SPEC.replace(
        "  claims: {name: Claim funding for mentor training}\n",
        "  claims: {name: Claim funding for mentor training}#flowlint: ignore[FL105] glued\n",
    ).replace("  mentor:\n", "  mentor:  # flowlint: ignore[FL101] until the merge\n")
    assert positions(lint_text(text)) == [(8, 3, "/entities/teacher")]


def test_a_directive_inside_a_scalar_does_not_hide_a_suppression_after_it() -> None:
    text = SPEC.replace(
        "  mentor:\n",
        '  x-note: "see # flowlint: ignore[FL105] in the guide"\n'
        "  mentor:  # flowlint: ignore[FL101] until the merge\n",
    )
    assert codes(lint_text(text)) == ["FL105"]


def test_tabs_and_a_space_before_the_brackets_are_allowed() -> None:
    # Columns: '#' is at 11; inside the brackets FL101 is at 33, FL105 at 40 and 'nope' at 47.
    text = SPEC.replace(
        "  mentor:\n",
        "  mentor:\t#\tflowlint\t:\tignore\t[ FL101 ,FL105,\tnope ]\t:\tuntil the merge\n",
    )
    findings = lint_text(text)
    assert [(f.code, *p) for f, p in zip(findings, positions(findings), strict=True)] == [
        ("FL902", 6, 11, "/entities/mentor"),
        ("FL903", 6, 47, "/entities/mentor"),
        ("FL105", 8, 3, "/entities/teacher"),
    ]
    assert findings[0].message == (
        "unused suppression of FL105 (unused-entity): FL105 reports nothing at /entities/mentor; "
        "remove it"
    )
    text = SPEC.replace("  mentor:\n", "  mentor: # flowlint: ignore [FL101, FL9] until then\n")
    findings = lint_text(text)
    assert [(f.code, f.location.line, f.location.column) for f in findings] == [
        ("FL903", 6, 38),
        ("FL105", 8, 3),
    ]


def test_one_rule_used_and_one_unused_in_the_same_comment() -> None:
    text = SPEC.replace("  mentor:\n", "  mentor:  # flowlint: ignore[FL101, FL105] the merge\n")
    findings = lint_text(text)
    assert [(f.code, f.location.line, f.location.column) for f in findings] == [
        ("FL902", 6, 12),
        ("FL105", 8, 3),
    ]
    assert findings[0].message == (
        "unused suppression of FL105 (unused-entity): FL105 reports nothing at /entities/mentor; "
        "remove it"
    )


def test_a_suppression_does_not_reach_a_node_whose_name_only_starts_the_same() -> None:
    text = (
        SPEC.replace("  mentor:\n", "  mentor:  # flowlint: ignore[FL101] until the merge\n")
        .replace("  teacher:", "  mentor2: {owner: [placements, claims]}\n  teacher:")
        .replace("entities: [mentor]", "entities: [mentor, mentor2]")
    )
    assert positions(lint_text(text)) == [
        (8, 13, "/entities/mentor2/owner"),
        (9, 3, "/entities/teacher"),
    ]


def test_a_comment_at_column_1_right_after_a_block_scalar_is_a_suppression() -> None:
    text = SPEC.replace(
        "  mentor:\n",
        "  x-notes: |\n"
        "    kept for the 2025 merge\n"
        "# flowlint: ignore[FL101] two owners until the merge\n"
        "  mentor:\n",
    )
    assert positions(lint_text(text)) == [(11, 3, "/entities/teacher")]


def test_a_comment_on_the_header_line_of_a_block_scalar_is_a_suppression() -> None:
    # It was taken for the scalar's text, and so silently did nothing.
    for header in ("|", ">-"):
        text = SPEC.replace(
            "  teacher: {owner: placements}\n",
            f"  teacher:\n    owner: placements\n    description: {header}  "
            "# flowlint: ignore[FL105] read by reports\n"
            "      Teachers in training.\n",
        )
        findings = lint_text(text)
        assert [(f.code, *p) for f, p in zip(findings, positions(findings), strict=True)] == [
            ("FL101", 7, 5, "/entities/mentor/owner"),
            ("FL105", 8, 3, "/entities/teacher"),
            ("FL902", 10, 20 + len(header), "/entities/teacher/description"),
        ], header


def test_a_comment_covers_the_outermost_node_that_starts_on_its_line() -> None:
    # On the second line of this flow mapping, 'to' of a relationship starts before x-note, but
    # x-note is the outer node: the comment covers it.
    text = SPEC.replace(
        "  teacher: {owner: placements}\n",
        "  teacher: {owner: placements, relationships: [{name: Teacher to mentor,\n"
        "            to: mentor}], x-note: y}  # flowlint: ignore[FL105] read by reports\n",
    )
    findings = lint_text(text, select=["FL105", "FL9"])
    assert [f.message for f in findings if f.code == "FL902"] == [
        "unused suppression of FL105 (unused-entity): FL105 reports nothing at "
        "/entities/teacher/x-note; remove it"
    ]


def test_line_and_column_when_the_file_starts_with_an_empty_line() -> None:
    text = "\n# flowlint: ignore[nope] x\n" + SPEC
    first = lint_text(text)[0]
    assert (first.code, first.location.line, first.location.column) == ("FL903", 2, 20)


def test_unknown_rules_are_reported_with_a_suggestion_when_there_is_one() -> None:
    text = SPEC.replace(
        "  mentor:\n", "  mentor:  # flowlint: ignore[single-owners, FL101, zzz] the merge\n"
    )
    findings = lint_text(text)
    assert [(f.code, f.location.column, f.message) for f in findings] == [
        (
            "FL903",
            31,
            "suppression names unknown rule 'single-owners' (did you mean 'single-owner'?); "
            "it silences nothing",
        ),
        ("FL903", 53, "suppression names unknown rule 'zzz'; it silences nothing"),
        ("FL105", 3, findings[2].message),
    ]
    assert [f.location.pointer for f in findings[:2]] == ["/entities/mentor"] * 2


def test_messages_of_a_suppression_without_a_rule_or_a_reason() -> None:
    text = with_line(SPEC, 6, "  # flowlint: ignore (FL101) two owners")
    assert lint_text(text, select=["FL9"])[0].message == (
        "suppression names no rule; write '# flowlint: ignore[CODE] reason', e.g. "
        "'# flowlint: ignore[FL101] mentor keeps two owners until 2025'"
    )
    text = with_line(SPEC, 5, "# flowlint: ignore[FL101, unused-entity]")
    assert lint_text(text, select=["FL9"])[0].message == (
        "suppression of FL101, unused-entity gives no reason; say why after the brackets, e.g. "
        "'# flowlint: ignore[FL101, unused-entity] <why this is acceptable here>'"
    )


def test_an_unused_suppression_of_the_whole_file_says_so() -> None:
    text = "# flowlint: ignore[FL104] imported from the legacy register\n" + SPEC
    findings = lint_text(text, select=["FL104", "FL9"])
    assert [(f.message, f.location.pointer) for f in findings] == [
        (
            "unused suppression of FL104 (copy-chain): FL104 reports nothing at this file; "
            "remove it",
            "",
        )
    ]


def test_meta_finding_subjects_name_the_covered_node_and_what_is_wrong() -> None:
    # The subject makes the fingerprint that a baseline keeps: a change would make every
    # baseline that knows one of these findings stale. Flow items are named by their ends.
    text = SPEC.replace(
        "flows:\n",
        "flows:\n  # flowlint: ignore[FL101, FL902, nope, FL105]\n",
    ).replace("  mentor:\n", "  mentor:  # flowlint: ignore without brackets\n")
    text = "# flowlint: ignore[FL104] nothing\n\n" + text
    findings = lint_text(text, select=["FL1", "FL9"])
    assert [(f.code, f.subject) for f in findings if f.code.startswith("FL9")] == [
        ("FL902", ("suppression", "", "FL104", "unused")),
        ("FL903", ("suppression", "/entities/mentor", "no-code")),
        ("FL901", ("suppression", "/flows/placements->claims", "FL101", "FL105", "no-reason")),
        ("FL902", ("suppression", "/flows/placements->claims", "FL101", "unused")),
        ("FL902", ("suppression", "/flows/placements->claims", "FL105", "unused")),
        ("FL903", ("suppression", "/flows/placements->claims", "meta", "FL902")),
        ("FL903", ("suppression", "/flows/placements->claims", "unknown", "nope")),
    ]
    above = "flowlint: 1\nx-a: 1\n# flowlint: ignore[FL105] too high\n\nx-b: 2\n"
    (finding,) = lint_text(above, select=["FL105", "FL9"])
    assert (finding.location.pointer, finding.subject) == (
        "",
        ("suppression", "", "FL105", "unused"),
    )


def test_the_reason_is_what_follows_the_brackets() -> None:
    reasons = {
        " : until the merge": "until the merge",
        " — until the merge": "until the merge",
        " XML import keeps both -": "XML import keeps both -",
        "": "",
    }
    for written, reason in reasons.items():
        text = SPEC.replace("  mentor:\n", f"  mentor:  # flowlint: ignore[FL101]{written}\n")
        source = parse_text(text, "spec.yaml")
        report = lint(Loaded((source,)), select_rules(BUILTIN_RULES))
        assert [(s.finding.code, s.kind, s.reason) for s in report.suppressed] == [
            ("FL101", INLINE, reason)
        ], written


def test_a_finding_in_a_file_that_was_not_read_is_kept() -> None:
    # A plugin may report on a file that is not a spec (a configuration file, say).
    source = parse_text(with_line(SPEC, 6, "  # flowlint: ignore[FL101] merge"), "spec.yaml")
    elsewhere = Finding(
        "FL101",
        "single-owner",
        Severity.ERROR,
        "m",
        Location("other.yaml", 6, 3, "/entities/mentor"),
    )
    kept, silenced, meta = apply_suppressions(
        [source], [elsewhere], {"FL101": "single-owner"}, {"spec.yaml": frozenset({"FL101"})}
    )
    assert (kept, silenced) == ([elsewhere], [])
    assert [(code, problem.location.line) for code, problem in meta] == [("FL902", 6)]
