"""FL901 suppression-without-reason: a suppression says why."""

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


def lint(comment: str, select=("FL101", "FL9")):
    return lint_text(HEAD + comment + "\n" + TAIL, select=list(select))


def test_no_reason_is_reported_at_the_comment_and_still_silences() -> None:
    findings = lint("  # flowlint: ignore[FL101]")
    assert codes(findings) == ["FL901"]
    assert positions(findings) == [(6, 3, "/entities/mentor")]
    assert findings[0].severity is Severity.WARNING
    assert findings[0].message == (
        "suppression of FL101 gives no reason; say why after the brackets, "
        "e.g. '# flowlint: ignore[FL101] <why this is acceptable here>'"
    )
    assert findings[0].subject == ("suppression", "/entities/mentor", "FL101", "no-reason")


def test_the_codes_are_named_as_written() -> None:
    findings = lint("  # flowlint: ignore[single-owner,FL105]   ")
    assert codes(findings) == ["FL901"]
    assert "suppression of single-owner, FL105 gives no reason" in findings[0].message


def test_a_reason_passes() -> None:
    assert lint("  # flowlint: ignore[FL101] both record mentors until 2025") == []


def test_punctuation_alone_is_no_reason() -> None:
    assert codes(lint("  # flowlint: ignore[FL101] --")) == ["FL901"]


def test_reported_even_when_the_named_rule_did_not_run() -> None:
    findings = lint("  # flowlint: ignore[FL101]", select=["FL9"])
    assert codes(findings) == ["FL901"]


def test_the_subject_names_each_rule_once_by_its_code_and_leaves_out_unknown_ones() -> None:
    # The subject is what a baseline fingerprints: rules by code, each once, in the order written.
    findings = lint("  # flowlint: ignore[single-owner, nonsense, FL105, FL101]")
    assert codes(findings) == ["FL901", "FL903"]
    assert findings[0].subject == ("suppression", "/entities/mentor", "FL101", "FL105", "no-reason")
    assert "suppression of single-owner, nonsense, FL105, FL101 gives no reason" in (
        findings[0].message
    )


def test_the_subject_names_a_flow_by_its_ends() -> None:
    text = HEAD + TAIL.replace(
        "entities: [mentor]}\n", "entities: [mentor]}  # flowlint: ignore[FL103]\n"
    )
    findings = lint_text(text, select=["FL101", "FL9"])
    assert codes(findings) == ["FL101", "FL901"]
    assert findings[1].subject == ("suppression", "/flows/placements->claims", "FL103", "no-reason")
