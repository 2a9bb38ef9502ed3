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

import dataclasses
from collections.abc import Iterator

from flowlint.api import Model, Problem, quoted

CODE, NAME, SEVERITY = "FL002", "duplicate-key", "error"


def check(model: Model) -> Iterator[Problem]:
    """Repeated keys within a file (found by the loader) and ids declared in two files."""
    items: dict[tuple[str, str], str] | None = None  # listed only when a key is repeated
    for problem in model.source_problems.get(CODE, ()):
        if items is None:
            items = _list_items(model)
        yield _stable_subject(problem, items)
    for again in model.redeclarations:
        first = again.first
        yield Problem(
            again.location,
            f"{again.kind} {quoted(again.id)} is already declared in {first.file} on line "
            f"{first.line}; declare it once and keep the rest in one place",
            (again.kind.lower(), again.id, "redeclared"),
        )


def _list_items(model: Model) -> dict[tuple[str, str], str]:
    """(file, pointer of a flow or relationship) -> the same pointer naming what it connects."""
    items = {}
    for flow in model.flows:
        loc = flow.location
        items[loc.file, loc.pointer] = f"/flows/{flow.source.id}->{flow.target.id}"
    for rel in model.relationships:
        loc = rel.location
        section = loc.pointer.rpartition("/")[0]
        items[loc.file, loc.pointer] = f"{section}/{rel.source.id}->{rel.target.id}"
    return items


def _stable_subject(problem: Problem, items: dict[tuple[str, str], str]) -> Problem:
    # The loader's subject is ("key", pointer of the mapping, key); the pointer has a list index
    # inside a flow or relationship: name the item by its ends instead, so moving a block keeps
    # the fingerprint.
    pointer = problem.subject[1]
    parts = pointer.split("/")
    for end in range(len(parts), 2, -1):
        stable = items.get((problem.location.file, "/".join(parts[:end])))
        if stable is not None:
            rest = "/".join(["", *parts[end:]])  # "" when the key is the item's own
            subject = ("key", stable + rest, *problem.subject[2:])
            return dataclasses.replace(problem, subject=subject)
    return problem
