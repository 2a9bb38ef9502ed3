"""A service that creates records of an entity in its owner gets them there.

Why: `creates` says that a service makes new records of an entity it does not own, in the owner:
a registry's "create or match" request, a form that submits through the owner's write API, an
event the owner consumes. When nothing carries the new records from the creator to an owner (no
flow passing creates, directly or through other services, and no use of an owner's write API),
the records exist only in the creator, and the owner, which the rest of the line trusts, never
hears of them.

Fails:
    flowlint: 1.1
    services:
      trs: {name: Teaching Record System}
      register: {name: Register trainee teachers, creates: [person]}
    entities:
      person: {owner: trs}
    flows:
      - {from: trs, to: register, entities: [person], stores: false}

Passes:
    flowlint: 1.1
    services:
      trs: {name: Teaching Record System}
      register: {name: Register trainee teachers, creates: [person]}
    entities:
      person: {owner: trs}
    flows:
      - {from: trs, to: register, entities: [person], stores: false}
      - {from: register, to: trs, entities: [person], operations: [create]}

Fix: add the flow (or the use of the owner's write API) that takes the new records from the
creating service to the owner, or remove the entity from its `creates` if it does not create them.
"""

from collections.abc import Iterator

from flowlint.api import Model, Problem, Provenance, Service, quoted, quoted_list

CODE, NAME, SEVERITY = "FL107", "lost-create", "warning"

RETIRED = "retired"
WRITE_ACCESS = frozenset({"write", "read-write"})


def check(model: Model) -> Iterator[Problem]:
    """One problem per (service, entity) in `creates` whose new records reach no owner."""
    for service in model.services.values():
        seen: set[str] = set()
        for ref in service.creates:
            entity_id = ref.id
            if entity_id in seen:
                continue
            seen.add(entity_id)
            provenance = model.provenance(entity_id)
            owners = provenance.owners
            if not owners or service.id in owners:
                continue  # no owner (FL101), unknown entity or owners (FL004), or its own
            if service.id in provenance.creates_reach_owner:
                continue
            if _uses_a_write_api(model, service, provenance):
                continue
            owner = quoted_list(owners, "or")
            yield Problem(
                ref.location,
                f"service {quoted(service.id)} creates {quoted(entity_id)} records in its owner "
                f"{owner}, but no flow passing creates carries {quoted(entity_id)} from "
                f"{quoted(service.id)} to {'it' if len(owners) == 1 else 'any of them'} and it "
                f"uses no write API of {'it' if len(owners) == 1 else 'theirs'}: the new records "
                f"never reach the owner; add that flow, or remove {quoted(entity_id)} from the "
                f"'creates' of {quoted(service.id)}",
                ("service", service.id, "creates", entity_id),
            )


def _uses_a_write_api(model: Model, service: Service, provenance: Provenance) -> bool:
    """True when a flow to or from `service` goes through an API of an owner that can write and
    lists the entity (or lists no entities)."""
    flows = (*model.flows_out_of.get(service.id, ()), *model.flows_into.get(service.id, ()))
    for flow in flows:
        if flow.api is None or flow.status == RETIRED:
            continue
        api = model.apis.get(flow.api.id)
        if api is None or api.service is None or api.service.id not in provenance.owners:
            continue
        if api.access not in WRITE_ACCESS or api.status == RETIRED:
            continue
        if not api.entities or any(ref.id == provenance.entity for ref in api.entities):
            return True
    return False
