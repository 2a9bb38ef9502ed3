"""tests/needs.py: a skipped test is listed with its reason, and fails where CI requires every
test to run (FLOWLINT_REQUIRE=all)."""

from __future__ import annotations

import pytest

pytest_plugins = ["pytester"]

INNER = """
import pytest

def test_runs():
    pass

@pytest.mark.skipif(True, reason="Graphviz's dot is not installed")
def test_needs_dot():
    pass

def test_needs_chromium():
    pytest.skip("Chromium is not installed")

@pytest.mark.xfail(reason="a known gap", strict=True)
def test_known_gap():
    assert False
"""


def run_inner(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch, require: str | None):
    if require is None:
        monkeypatch.delenv("FLOWLINT_REQUIRE", raising=False)
    else:
        monkeypatch.setenv("FLOWLINT_REQUIRE", require)
    pytester.makeini("[pytest]\nasyncio_default_fixture_loop_scope = function\n")
    pytester.makepyfile(test_inner=INNER)
    return pytester.runpytest_inprocess("-p", "tests.needs", "-ra")


def test_without_the_requirement_skips_are_listed_with_their_reasons(pytester, monkeypatch):
    result = run_inner(pytester, monkeypatch, None)
    result.assert_outcomes(passed=1, skipped=2, xfailed=1)
    result.stdout.fnmatch_lines(
        [
            "SKIPPED [[]1[]] test_inner.py:*: Graphviz's dot is not installed",
            "SKIPPED [[]1[]] test_inner.py:*: Chromium is not installed",
        ]
    )


def test_where_every_test_is_required_a_skip_fails_with_its_reason(pytester, monkeypatch):
    result = run_inner(pytester, monkeypatch, "all")
    # A skip decided before the test runs (skipif) fails its setup, which pytest counts as an error.
    result.assert_outcomes(passed=1, failed=1, errors=1, xfailed=1)
    result.stdout.fnmatch_lines(
        [
            "*FLOWLINT_REQUIRE=all requires every test to run here: Graphviz's dot is not installed",
            "*FLOWLINT_REQUIRE=all requires every test to run here: Chromium is not installed",
        ]
    )
    assert result.ret == 1


def test_another_value_does_not_require_every_test(pytester, monkeypatch):
    run_inner(pytester, monkeypatch, "").assert_outcomes(passed=1, skipped=2, xfailed=1)
