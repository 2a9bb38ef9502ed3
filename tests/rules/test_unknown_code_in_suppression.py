"""FL903 unknown-code-in-suppression: a suppression names rules that exist."""

from flowlint.findings import Severity
from flowlint.testing import codes, lint_text, positions

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
