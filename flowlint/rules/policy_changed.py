"""A pull request weakens the policy of the check that gates it.

Why: in CI the configuration, the baseline and the rules folders come from the pull request just as
the specs do, so a pull request can weaken its own gate without touching a spec: turn rules off,
set `fail-on = "never"`, lower a severity, add a `per-path-ignores` glob, a baseline entry or a
rules folder, or edit a rule module. `flowlint check --policy-from origin/main` runs with the
policy of the base branch instead and reports each such change here, at the key that makes it, so
that a reviewer sees it and agrees to it before it is merged. Stricter settings are not reported.
The examples are a `flowlint.toml` in a pull request whose base branch has none.

Fails:
    # flowlint.toml in the pull request
    ignore = ["FL101"]
    fail-on = "never"

Passes:
    # flowlint.toml in the pull request
    extend-select = ["personal-data-purpose"]
    fail-on = "warning"

Fix: when the change is meant, have it reviewed and merged on its own: pull requests opened after
that run with it. Otherwise take it out of the pull request.
"""

from collections.abc import Iterator

from flowlint.api import Model, Problem

CODE, NAME, SEVERITY = "FL904", "policy-changed", "warning"
# The examples are configuration files, not specs (tests/test_rule_docs.py runs them).
EXAMPLE_FORMAT = "toml"


def check(model: Model) -> Iterator[Problem]:
    """Nothing: `flowlint check --policy-from` reports this (flowlint.gate)."""
    yield from ()
