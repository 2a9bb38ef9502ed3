"""The shared rule-test helper: `at` reads positions off the spec, `lint` returns them."""

import pytest

from tests.rules.helpers import PREAMBLE, at, findings, lint


def test_the_preamble_is_a_valid_spec() -> None:
    assert [f.code for f in findings(PREAMBLE, "FL0")] == []


def test_lint_returns_line_column_and_pointer_read_off_with_at() -> None:
    spec = PREAMBLE + "entities:\n  mentor: {owner: [placements, claims]}\n"
    assert at(spec, "owner: [") == (9, 12)
    assert lint(spec, "FL101") == [(9, 12, "/entities/mentor/owner")]


def test_at_counts_occurrences_and_dedents_like_lint() -> None:
    spec = """\
        a: x
          b: x
    """
    assert at(spec, "x") == (1, 4)
    assert at(spec, "x", occurrence=2) == (2, 6)
    with pytest.raises(AssertionError, match="fewer than 3 times"):
        at(spec, "x", occurrence=3)


def test_a_rule_that_raises_fails_the_test_instead_of_finding_nothing() -> None:
    import dataclasses

    from flowlint.rules import BUILTIN_RULES
    from flowlint.testing import lint_text

    def explode(model):
        raise RuntimeError("boom")

    single_owner = next(rule for rule in BUILTIN_RULES if rule.code == "FL101")
    crashing = dataclasses.replace(single_owner, check=explode)
    with pytest.raises(AssertionError, match=r"(?s)a rule raised:.*RuntimeError: boom"):
        lint_text(PREAMBLE, rules=[crashing])
