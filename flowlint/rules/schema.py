"""A spec file follows spec format v1.

Why: rules can only reason about what they can read. A misspelt key, a value of the wrong type or
an unknown kind would otherwise be silently ignored, and the spec would say less than its author
thinks. Keys starting with `x-` are free for your own extensions.

Fails:
    flowlint: 1
    services:
      publish: {name: Publish teacher training courses, kind: servcie}
      find: {name: Find postgraduate teacher training}
    entities:
      course: {owner: publish}
    flows:
      - {from: publish, to: find, entities: [course]}

Passes:
    flowlint: 1
    services:
      publish: {name: Publish teacher training courses, kind: service}
      find: {name: Find postgraduate teacher training}
    entities:
      course: {owner: publish}
    flows:
      - {from: publish, to: find, entities: [course]}

Fix: follow the message: it names the key, what it expected and, for a near miss, the word you
probably meant. `flowlint schema` prints the whole format.
"""

from collections.abc import Iterator

from flowlint.api import Model, Problem

CODE, NAME, SEVERITY = "FL003", "schema", "error"


def check(model: Model) -> Iterator[Problem]:
    """Problems the JSON Schema validation found."""
    yield from model.source_problems.get(CODE, ())
