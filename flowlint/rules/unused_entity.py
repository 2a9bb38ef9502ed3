"""Every declared entity is carried by a flow or offered by an API.

Why: an entity that no flow carries and no API offers is data that, as far as the spec says, never
leaves its owner: either nothing else uses it, or the flows that use it were never written down.
The Becoming a teacher page lists placement and teacher data among its entities but names no
service that uses them, which is exactly such a gap. Planned entities are reported too (the flows
they will need belong in the spec); retired entities are not.

Fails:
    flowlint: 1
    services:
      publish: {name: Publish teacher training courses}
      find: {name: Find postgraduate teacher training}
    entities:
      course: {owner: publish}
      provider: {owner: publish}
    flows:
      - {from: publish, to: find, entities: [course]}

Passes:
    flowlint: 1
    services:
      publish: {name: Publish teacher training courses}
      find: {name: Find postgraduate teacher training}
    entities:
      course: {owner: publish}
      provider: {owner: publish}
    flows:
      - {from: publish, to: find, entities: [course, provider]}

Fix: add the flows that copy the entity to the services that use it, or list it under the
`entities` of the API that offers it; if nothing uses it, remove it or mark it `status: retired`.
"""

from collections.abc import Iterator

from flowlint.api import Model, Problem, quoted

CODE, NAME, SEVERITY = "FL105", "unused-entity", "info"

RETIRED = "retired"


def check(model: Model) -> Iterator[Problem]:
    """One problem per declared, not retired entity that no flow (of any status) carries and no
    API (of any status) lists.

    A misspelt reference is FL004's finding, and it suggests the closest declared entity: that
    entity counts as used here, so one typo gives one finding.
    """
    used = set(model.flows_carrying)
    used.update(ref.id for api in model.apis.values() for ref in api.entities)
    unknowns = sorted(used - model.entities.keys())
    suggester = model.suggester("entity")
    for unknown in unknowns:
        close = suggester.closest(unknown)
        if close:
            used.add(close)
    for entity in model.entities.values():
        if entity.status == RETIRED or entity.id in used:
            continue
        yield Problem(
            entity.location,
            f"entity {quoted(entity.id)} is declared but no flow carries it and no API lists it; "
            f"add the flows that copy {quoted(entity.id)} to the services that use it, or list it "
            "under an API's 'entities'; if nothing uses it, remove it or mark it 'status: "
            "retired'",
            ("entity", entity.id),
        )
