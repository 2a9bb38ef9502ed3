"""A suppression comment or baseline entry is new in this change.

Why: with `--new-since` a gate shows only the findings a pull request adds, so one that silences a
finding with a new `# flowlint: ignore[...]` comment, or adds a baseline entry for it, looks
clean. Each suppression comment and baseline entry added since the merge base is listed, with its
reason, so that the reviewer decides whether the exception is acceptable. A comment that only
moves with its node, or changes its reason, is not new. The examples are a spec in a pull
request whose base branch does not have it.

Fails:
    flowlint: 1
    services:
      placements: {name: Manage school placements}
      claims: {name: Claim funding for mentor training}
    entities:
      # flowlint: ignore[FL101] both services record mentors until the 2025 merge
      mentor: {owner: [placements, claims]}
    flows:
      - {from: placements, to: claims, entities: [mentor]}

Passes:
    flowlint: 1
    services:
      placements: {name: Manage school placements}
      claims: {name: Claim funding for mentor training}
    entities:
      mentor: {owner: placements}
    flows:
      - {from: placements, to: claims, entities: [mentor]}

Fix: nothing to fix when the reviewer agrees with the reason: the finding is information for the
review. Otherwise fix what the suppression or baseline entry hides and remove it.
"""

from collections.abc import Iterator

from flowlint.api import Model, Problem

CODE, NAME, SEVERITY = "FL905", "new-suppression", "info"


def check(model: Model) -> Iterator[Problem]:
    """Nothing: `flowlint check --new-since` reports this (flowlint.gate)."""
    yield from ()
