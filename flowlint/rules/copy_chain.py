"""A service takes its copy of an entity from the owner, not from another copy.

Why: every hop between copies is a chance for the data to be late, filtered or changed on the
way, and the service at the end of a chain depends on services that are not responsible for the
data. The Becoming a teacher page's rule is that a service using an entity authored in another
copies it from there: a copy of a copy hides who the owner is. Often this is a choice, so it is
worth knowing rather than an error.

Real lines copy through designated distribution points: a publishing API every consumer reads
from, a hub that is the only way into a legacy system. Declare one with `distributes: [<entity>]`
on the service: a copy from a distributor that got the entity first-hand (from an owner, or from
another such distributor) is first-hand too, and a service that passes data straight through
without keeping it (every incoming flow `stores: false`) is looked through. The finding is about
the intermediate service that passes its copy on, once per entity, naming every service that
copies through it.

Fails:
    flowlint: 1
    services:
      publish: {name: Publish teacher training courses}
      find: {name: Find postgraduate teacher training}
      apply: {name: Apply for teacher training}
    entities:
      course: {owner: publish}
    flows:
      - {from: publish, to: find, entities: [course]}
      - {from: find, to: apply, entities: [course]}

Passes:
    flowlint: 1
    services:
      publish: {name: Publish teacher training courses}
      find: {name: Find postgraduate teacher training}
      apply: {name: Apply for teacher training}
    entities:
      course: {owner: publish}
    flows:
      - {from: publish, to: find, entities: [course]}
      - {from: publish, to: apply, entities: [course]}

Fix: copy the entity from its owner directly (a flow from the owner, or its API); or, if the
intermediate is the designed distribution point, declare it with `distributes: [<entity>]`; or
accept the chain knowingly.
"""

from collections.abc import Iterator

from flowlint.api import Model, Problem, excerpt, quoted, quoted_list

CODE, NAME, SEVERITY = "FL104", "copy-chain", "info"


def check(model: Model) -> Iterator[Problem]:
    """One problem per (intermediate service, entity): a service inside the line, keeping a copy it
    did not get first-hand and that is not a declared distributor, passing it on to services that
    keep only second-hand copies (`Provenance.copy_chains`). Reported at the intermediate's first
    flow (in document order) on the way to them."""
    inside = frozenset(sid for sid, service in model.services.items() if service.inside_boundary)
    for entity_id in sorted(model.flows_carrying):
        provenance = model.provenance(entity_id)
        if not provenance.owners:
            continue  # no owner (FL101) or unknown entity or owners (FL004)
        chains = provenance.copy_chains(inside)
        if not chains:
            continue
        owners = provenance.owners
        entity = quoted(entity_id)
        if len(owners) == 1:
            owner = source = quoted(owners[0])
            owner = f"its owner {owner}"
        else:
            owner, source = f"any of its owners {quoted_list(owners, 'or')}", "one of them"
        for chain in chains.values():
            fed = chain.receivers
            ref = next(r for r in chain.first_flow.entities if r.id == entity_id)
            get = "gets" if len(fed) == 1 else "get"
            intermediate = quoted(chain.intermediate)
            yield Problem(
                ref.location,
                f"service {intermediate} passes its copy of {entity} on to "
                f"{quoted_list(fed)}, which {get} {entity} only second-hand, never "
                f"from {owner}; let {'it' if len(fed) == 1 else 'them'} copy it from {source} "
                f"directly, or, if {intermediate} is the designed distribution point, "
                f"declare 'distributes: [{excerpt(entity_id)}]' on {intermediate}",
                ("service", chain.intermediate, "entity", entity_id),
            )
