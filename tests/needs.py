"""No silent skips in CI.

On a developer's machine a test that needs something the machine lacks (Graphviz's dot,
Chromium and axe-core, Spectral, git, a package index for the pre-commit hook) is skipped, and
pytest's `-ra` lists each skipped test with its reason at the end of the run. CI must not turn
green without the tests its install steps exist for, so .ci/run sets FLOWLINT_REQUIRE=all:
there every skip becomes a failure that names the reason. Loaded from tests/conftest.py.
"""

from __future__ import annotations

import os

import pytest

REQUIRE_VARIABLE = "FLOWLINT_REQUIRE"


def every_test_required() -> bool:
    """Whether this run fails on a skip (FLOWLINT_REQUIRE=all, as in CI)."""
    return os.environ.get(REQUIRE_VARIABLE, "").strip() == "all"


def skip_reason(longrepr: object) -> str:
    """The reason of a skip report: pytest keeps (path, line, 'Skipped: reason')."""
    if isinstance(longrepr, tuple) and len(longrepr) == 3:
        return str(longrepr[2]).removeprefix("Skipped: ")
    return str(longrepr)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    """Where every test is required, report a skipped test as failed, with the skip's reason."""
    outcome = yield
    report = outcome.get_result()
    if report.skipped and not hasattr(report, "wasxfail") and every_test_required():
        report.outcome = "failed"
        report.longrepr = (
            f"skipped, but {REQUIRE_VARIABLE}=all requires every test to run here: "
            f"{skip_reason(report.longrepr)}"
        )
