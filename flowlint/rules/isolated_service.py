"""PLACEHOLDER: to be written.

Why: placeholder.

Fails:
    flowlint: 1

Passes:
    flowlint: 1

Fix: placeholder.
"""

from collections.abc import Iterator

from flowlint.findings import Problem
from flowlint.model import Model

CODE, NAME, SEVERITY = "FL106", "isolated-service", "warning"


def check(model: Model) -> Iterator[Problem]:
    """Placeholder."""
    yield from ()
