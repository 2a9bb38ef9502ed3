"""A spec file must be valid YAML made of plain data.

Why: a file that does not parse cannot be checked at all, and a tag such as
`!!python/object/apply` would make other YAML tools run code. flowlint reports where parsing stopped
(or the tag it refused) and still checks the other files of the model.

Fails:
    flowlint: 1
    services:
      publish: {name: "Publish teacher training courses}
      find: {name: Find postgraduate teacher training}
    entities:
      course: {owner: publish}
    flows:
      - {from: publish, to: find, entities: [course]}

Passes:
    flowlint: 1
    services:
      publish: {name: "Publish teacher training courses"}
      find: {name: Find postgraduate teacher training}
    entities:
      course: {owner: publish}
    flows:
      - {from: publish, to: find, entities: [course]}

Fix: close the quote or bracket the message points at, or remove the tag; flowlint reads plain
YAML data only.
"""

from collections.abc import Iterator

from flowlint.api import Model, Problem

CODE, NAME, SEVERITY = "FL001", "yaml-syntax", "error"


def check(model: Model) -> Iterator[Problem]:
    """Problems the loader found while parsing."""
    yield from model.source_problems.get(CODE, ())
