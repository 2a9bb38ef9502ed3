"""A suppression says why the finding it silences is acceptable.

Why: `# flowlint: ignore[FL101]` hides a finding from everyone who reads the report later. Without a
reason nobody can tell whether it was a considered decision, a temporary workaround with an end
date, or a way to make the build pass; a reason makes the exception reviewable and lets the next
person know when it can go.

Fails:
    flowlint: 1
    services:
      placements: {name: Manage school placements}
      claims: {name: Claim funding for mentor training}
    entities:
      # flowlint: ignore[FL101]
      mentor: {owner: [placements, claims]}
    flows:
      - {from: placements, to: claims, entities: [mentor]}

Passes:
    flowlint: 1
    services:
      placements: {name: Manage school placements}
      claims: {name: Claim funding for mentor training}
    entities:
      # flowlint: ignore[FL101] both services record mentors until the 2025 merge
      mentor: {owner: [placements, claims]}
    flows:
      - {from: placements, to: claims, entities: [mentor]}

Fix: write the reason after the brackets, on the same line: `# flowlint: ignore[FL101] <why>`.
"""

from collections.abc import Iterator

from flowlint.api import Model, Problem

CODE, NAME, SEVERITY = "FL901", "suppression-without-reason", "warning"


def check(model: Model) -> Iterator[Problem]:
    """Nothing: the engine reports this while it applies suppressions (flowlint.suppressions)."""
    yield from ()
