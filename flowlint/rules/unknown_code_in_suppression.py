"""A suppression names rules that exist.

Why: a misspelt code (`FL1O1` with a letter O) or name silences nothing, so the finding it was
meant for is still reported, or worse, the author believes a problem is handled when it is not.
A suppression that names no rule at all, or a FL9xx rule (suppressions are not suppressed inline),
is reported too.

Fails:
    flowlint: 1
    services:
      placements: {name: Manage school placements}
      claims: {name: Claim funding for mentor training}
    entities:
      # flowlint: ignore[single-owners] both services record mentors until the 2025 merge
      mentor: {owner: [placements, claims]}
    flows:
      - {from: placements, to: claims, entities: [mentor]}

Passes:
    flowlint: 1
    services:
      placements: {name: Manage school placements}
      claims: {name: Claim funding for mentor training}
    entities:
      # flowlint: ignore[single-owner] both services record mentors until the 2025 merge
      mentor: {owner: [placements, claims]}
    flows:
      - {from: placements, to: claims, entities: [mentor]}

Fix: use the rule's code (FL101) or name (single-owner) as the message suggests; to turn off an
FL9xx rule, use `ignore` or `per-path-ignores` in the configuration.
"""

from collections.abc import Iterator

from flowlint.api import Model, Problem

CODE, NAME, SEVERITY = "FL903", "unknown-code-in-suppression", "error"


def check(model: Model) -> Iterator[Problem]:
    """Nothing: the engine reports this while it applies suppressions (flowlint.suppressions)."""
    yield from ()
