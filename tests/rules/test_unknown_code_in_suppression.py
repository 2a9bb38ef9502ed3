"""FL903 unknown-code-in-suppression: a suppression names rules that exist."""

from flowlint.findings import Severity
from flowlint.testing import codes, lint_text, positions
from tests.rules.helpers import at

HEAD = """\
flowlint: 1
services:
  placements: {name: Manage school placements}
  claims: {name: Claim funding for mentor training}
entities:
"""
TAIL = """\
  mentor: {owner: [placements, claims]}
flows:
  - {from: placements, to: claims, entities: [mentor]}
"""


def lint(comment: str):
    return lint_text(HEAD + comment + "\n" + TAIL)


def test_an_unknown_code_is_reported_at_the_code_with_a_suggestion() -> None:
    findings = lint("  # flowlint: ignore[single-ownr] two owners until 2025")
    assert codes(findings) == ["FL903", "FL101"]
    assert positions(findings)[0] == (6, 22, "/entities/mentor")
    assert findings[0].severity is Severity.ERROR
    assert findings[0].message == (
        "suppression names unknown rule 'single-ownr' (did you mean 'single-owner'?); it "
        "silences nothing"
    )
    assert findings[0].subject == ("suppression", "/entities/mentor", "unknown", "single-ownr")


def test_the_known_codes_of_the_same_comment_still_work() -> None:
    findings = lint("  # flowlint: ignore[FL101, nonsense] two owners until 2025")
    assert codes(findings) == ["FL903"]
    assert positions(findings) == [(6, 29, "/entities/mentor")]
    assert findings[0].message == ("suppression names unknown rule 'nonsense'; it silences nothing")


def test_codes_and_names_are_case_insensitive() -> None:
    assert lint("  # flowlint: ignore[fl101] two owners until 2025") == []
    assert lint("  # flowlint: ignore[Single-Owner] two owners until 2025") == []


def test_a_prefix_is_not_a_rule_here() -> None:
    findings = lint("  # flowlint: ignore[FL1] two owners until 2025")
    assert codes(findings) == ["FL903", "FL101"]


def test_no_code_at_all() -> None:
    findings = lint("  # flowlint: ignore two owners until 2025")
    assert codes(findings) == ["FL903", "FL101"]
    assert findings[0].message == (
        "suppression names no rule; write '# flowlint: ignore[CODE] reason', "
        "e.g. '# flowlint: ignore[FL101] mentor keeps two owners until 2025'"
    )


# The subject is what a baseline fingerprints: pinned here, so that a change to it (which would
# make every user's baseline entry for FL903 stale) cannot pass unnoticed.


def test_no_code_subject() -> None:
    findings = lint("  # flowlint: ignore two owners until 2025")
    assert findings[0].subject == ("suppression", "/entities/mentor", "no-code")
    assert positions(findings)[0] == (6, 3, "/entities/mentor")


def test_empty_brackets_name_no_rule() -> None:
    findings = lint("  # flowlint: ignore[] two owners until 2025")
    assert codes(findings) == ["FL903", "FL101"]
    assert findings[0].subject == ("suppression", "/entities/mentor", "no-code")


def test_an_unknown_code_subject_keeps_the_entry_as_written() -> None:
    findings = lint("  # flowlint: ignore[FL101, Nonsense] two owners until 2025")
    assert findings[0].subject == ("suppression", "/entities/mentor", "unknown", "Nonsense")


def test_each_unknown_entry_is_one_finding_in_the_order_written() -> None:
    comment = "  # flowlint: ignore[zzz, FL101, aaa] two owners until 2025"
    findings = lint(comment)
    assert codes(findings) == ["FL903", "FL903"]
    assert positions(findings) == [
        (6, comment.index("zzz") + 1, "/entities/mentor"),
        (6, comment.index("aaa") + 1, "/entities/mentor"),
    ]
    assert [f.subject for f in findings] == [
        ("suppression", "/entities/mentor", "unknown", "zzz"),
        ("suppression", "/entities/mentor", "unknown", "aaa"),
    ]


def test_a_meta_rule_cannot_be_suppressed_inline() -> None:
    findings = lint("  # flowlint: ignore[FL101, unused-suppression] two owners until 2025")
    assert codes(findings) == ["FL903"]
    assert positions(findings) == [(6, 29, "/entities/mentor")]
    assert findings[0].message == (
        "FL902 (unused-suppression) cannot be suppressed inline; turn it off with 'ignore' or "
        "'per-path-ignores' in the configuration"
    )
    assert findings[0].subject == ("suppression", "/entities/mentor", "meta", "FL902")


def test_the_subject_names_a_flow_by_its_ends_not_its_place() -> None:
    # Moving the flow in the list does not change the subject.
    text = HEAD + TAIL.replace(
        "  - {from: placements, to: claims, entities: [mentor]}\n",
        "  - {from: claims, to: placements, entities: [mentor]}\n"
        "  - {from: placements, to: claims, entities: [mentor]}  # flowlint: ignore[FL1O3] x\n",
    )
    findings = lint_text(text, select=["FL9"])
    assert positions(findings) == [(*at(text, "FL1O3"), "/flows/1")]
    assert findings[0].subject == ("suppression", "/flows/placements->claims", "unknown", "FL1O3")
