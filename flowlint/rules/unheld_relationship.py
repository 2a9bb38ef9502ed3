"""A service defines relationships only over entities it holds.

Why: a relationship links two records, so the service creating it must have both: it owns each
entity or receives a copy of it through a flow. On the Becoming a teacher page, Manage school
placements creates the "ITT provider to school" relationship, so it must receive provider data from
Publish and school data from Get information about schools. When the spec does not show where a
definer gets an entity, either a flow is missing or the relationship is in the wrong service.

Fails:
    flowlint: 1
    services:
      publish: {name: Publish teacher training courses}
      placements: {name: Manage school placements}
      gias: {name: Get information about schools, kind: third-party}
    entities:
      provider: {owner: publish}
      school: {owner: gias}
    relationships:
      - {name: ITT provider to school, from: provider, to: school, defined_by: placements}
    flows:
      - {from: gias, to: placements, entities: [school]}
      - {from: gias, to: publish, entities: [school]}

Passes:
    flowlint: 1
    services:
      publish: {name: Publish teacher training courses}
      placements: {name: Manage school placements}
      gias: {name: Get information about schools, kind: third-party}
    entities:
      provider: {owner: publish}
      school: {owner: gias}
    relationships:
      - {name: ITT provider to school, from: provider, to: school, defined_by: placements}
    flows:
      - {from: gias, to: placements, entities: [school]}
      - {from: gias, to: publish, entities: [school]}
      - {from: publish, to: placements, entities: [provider]}

Fix: add the flow that brings the entity to the service defining the relationship (from its
owner), or let a service that holds both entities define the relationship.
"""

from collections.abc import Iterator

from flowlint.api import (
    Model,
    Problem,
    Ref,
    Relationship,
    quoted,
    quoted_list,
    relationship_key,
)

CODE, NAME, SEVERITY = "FL202", "unheld-relationship", "warning"


def check(model: Model) -> Iterator[Problem]:
    """One problem per (definer, relationship, entity) where the definer neither owns nor receives
    the entity; the first definition in document order is reported."""
    # Only the relationships with an unheld end give a finding: those are put in document order
    # (which needs their lines), the others are left alone.
    found = [(rel, problems) for rel in model.relationships if (problems := _unheld(model, rel))]
    found.sort(key=lambda item: _document_order(item[0]))
    seen: set[tuple[str, tuple[str, str, str], str]] = set()
    for rel, problems in found:
        key = relationship_key(rel)
        for definer, end, problem in problems:
            if (definer, key, end) in seen:
                continue  # the same relationship defined again: FL201 reports that
            seen.add((definer, key, end))
            yield problem


def _unheld(model: Model, rel: Relationship) -> list[tuple[str, str, Problem]]:
    """(definer, entity, problem) for each definer of `rel` that neither owns nor receives one of
    its ends, in the order of its definers and ends."""
    # The place of each definer is read only for a problem: finding a position costs, and most
    # relationships have none (the position of every relationship is never looked up).
    definers: list[tuple[str, Relationship | Ref]]
    ends: list[Ref]
    if rel.within_entity:
        # Its definers are the entity's owners, so only the far end can be unheld.
        definers = [(owner, rel) for owner in dict.fromkeys(r.id for r in rel.defined_by)]
        ends = [rel.target]
    else:
        definers = [(ref.id, ref) for ref in rel.defined_by]
        ends = [rel.source, rel.target]
    problems = []
    for definer, where in definers:
        if definer not in model.services:
            continue  # FL004 reports the unknown service
        for end in dict.fromkeys(ref.id for ref in ends):
            entity = model.entities.get(end)
            if entity is None:
                continue  # FL004 reports the unknown entity
            owners = list(dict.fromkeys(ref.id for ref in entity.owners))
            if definer in owners or model.receives(definer, end):
                continue
            message = (
                f"service {quoted(definer)} defines relationship {quoted(rel.name)} over "
                f"entity {quoted(end)}, which it neither owns ({_owned_by(owners)}) nor "
                f"receives; {_fix(definer, end, owners)}"
            )
            subject = ("relationship", *relationship_key(rel), definer, end)
            problems.append((definer, end, Problem(where.location, message, subject)))
    return problems


def _document_order(rel: Relationship) -> tuple[str, int, int]:
    loc = rel.location
    return loc.file, loc.line, loc.column


def _owned_by(owners: list[str]) -> str:
    if not owners:
        return "it has no owner"
    if len(owners) == 1:
        return f"its owner is {quoted(owners[0])}"
    return "its owners are " + quoted_list(owners)


def _fix(definer: str, entity: str, owners: list[str]) -> str:
    source = f" from its owner {quoted(owners[0])}" if len(owners) == 1 else ""
    return (
        f"add a flow that brings {quoted(entity)} to {quoted(definer)}{source}, or let a service "
        f"that holds {quoted(entity)} define the relationship"
    )
