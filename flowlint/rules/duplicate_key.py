"""A key appears once in a mapping, and an id is declared once in a model.

Why: YAML parsers silently keep the last of two equal keys, so half of what was written is thrown
away without a word. In a directory model, the same service, entity or API declared in two files is
the same trap across files.

Fails:
    flowlint: 1
    services:
      publish: {name: Publish teacher training courses}
      publish: {name: Find postgraduate teacher training}
    entities:
      course: {owner: publish}

Passes:
    flowlint: 1
    services:
      publish: {name: Publish teacher training courses}
      find: {name: Find postgraduate teacher training}
    entities:
      course: {owner: publish}
    flows:
      - {from: publish, to: find, entities: [course]}

Fix: keep one of the two declarations, merging what each says, or rename one of them.
"""

from collections.abc import Iterator

from flowlint.findings import Problem
from flowlint.model import Model

CODE, NAME, SEVERITY = "FL002", "duplicate-key", "error"


def check(model: Model) -> Iterator[Problem]:
    """Repeated keys within a file (found by the loader) and ids declared in two files."""
    yield from model.source_problems.get(CODE, ())
    for again in model.redeclarations:
        first = again.first
        yield Problem(
            again.location,
            f"{again.kind} '{again.id}' is already declared in {first.file} on line {first.line}; "
            "declare it once and keep the rest in one place",
            (again.kind.lower(), again.id, "redeclared"),
        )
