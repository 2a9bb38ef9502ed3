"""A suppression silences a finding that is there.

Why: a suppression that silences nothing is left over from a finding that has since been fixed, or
sits on the wrong line and never worked. Either way it misleads readers into thinking the spec has
a problem it does not have, and it would silently hide the same problem if it came back. Only
rules that ran for the file count: naming a rule that is deselected, ignored or in
`per-path-ignores` there is not reported.

Fails:
    flowlint: 1
    services:
      placements: {name: Manage school placements}
      claims: {name: Claim funding for mentor training}
    entities:
      mentor: {owner: placements}  # flowlint: ignore[FL101] claims also records mentors
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

Fix: remove the suppression, or move it to the line of the node the finding is about (or the line
just above it).
"""

from collections.abc import Iterator

from flowlint.api import Model, Problem

CODE, NAME, SEVERITY = "FL902", "unused-suppression", "warning"


def check(model: Model) -> Iterator[Problem]:
    """Nothing: the engine reports this while it applies suppressions (flowlint.suppressions)."""
    yield from ()
