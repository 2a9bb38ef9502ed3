"""A change made to a copy of an entity flows back to its owner.

Why: the owner is the one place an entity is true. When a service changes its copy of an entity it
does not own and nothing carries the change back, the owner and every other copy keep the old
data, and the line disagrees with itself. The Becoming a teacher page says so plainly: "If data is
changed in a downstream service, it is not passed back to the owning service", which is the case
of Manage and Register changing copies of Apply's applications. With several owners (plain or
scoped), an edit must reach one of them. Only flows that pass updates carry an edit back: a flow
whose `operations` leave out `update` does not, and a retired flow carries nothing.

Fails:
    flowlint: 1
    services:
      apply: {name: Apply for teacher training}
      manage: {name: Manage teacher training applications, edits: [application]}
    entities:
      application: {owner: apply}
    flows:
      - {from: apply, to: manage, entities: [application]}

Passes:
    flowlint: 1
    services:
      apply: {name: Apply for teacher training}
      manage: {name: Manage teacher training applications, edits: [application]}
    entities:
      application: {owner: apply}
    flows:
      - {from: apply, to: manage, entities: [application]}
      - {from: manage, to: apply, entities: [application]}

Fix: add a flow (or a chain of flows) that carries the changed entity from the editing service back
to its owner, or make the change in the owner and let the copies follow.
"""

from collections.abc import Iterator

from flowlint.api import Model, Problem, quoted, quoted_list

CODE, NAME, SEVERITY = "FL103", "lost-edit", "warning"


def check(model: Model) -> Iterator[Problem]:
    """One problem per (service, entity) edit that no chain of flows takes back to an owner."""
    for service in model.services.values():
        seen: set[str] = set()
        for ref in service.edits:
            entity_id = ref.id
            if entity_id in seen:
                continue
            seen.add(entity_id)
            provenance = model.provenance(entity_id)
            if not provenance.edit_lost(service.id):
                continue  # no owner (FL101), unknown entity or owners (FL004), or the edit arrives
            owners = provenance.owners
            if len(owners) == 1:
                owner = f"its owner {quoted(owners[0])}"
                target, there = f"{quoted(owners[0])}", f"{quoted(owners[0])}"
            else:
                owner = f"any of its owners {quoted_list(owners, 'or')}"
                target, there = "one of them", "the owner"
            yield Problem(
                ref.location,
                f"service {quoted(service.id)} edits {quoted(entity_id)} but no flow carries it "
                f"back to {owner}: the change is made in a copy and never reaches the owner; add "
                f"a flow that carries {quoted(entity_id)} from {quoted(service.id)} to {target}, "
                f"or make the change in {there}",
                ("service", service.id, "edits", entity_id),
            )
