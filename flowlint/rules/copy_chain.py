"""A service takes its copy of an entity from the owner, not from another copy.

Why: every hop between copies is a chance for the data to be late, filtered or changed on the
way, and the service at the end of a chain depends on services that are not responsible for the
data. The Becoming a teacher page's rule is that a service using an entity authored in another
copies it from there: a copy of a copy hides who the owner is. Often this is a choice, so it is
worth knowing rather than an error.

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

Fix: copy the entity from its owner directly (a flow from the owner, or its API), or accept the
chain knowingly.
"""

from collections import defaultdict
from collections.abc import Iterator

from flowlint.api import Flow, Model, Problem

CODE, NAME, SEVERITY = "FL104", "copy-chain", "info"


def check(model: Model) -> Iterator[Problem]:
    """One problem per (service, entity) received only from other copies inside the line.

    Only services that hold the entity legitimately are reported: a service fed by a sender that
    never got the entity itself is an unsourced-data (FL102) problem, not a chain.
    """
    inside = frozenset(sid for sid, service in model.services.items() if service.inside_boundary)
    for entity_id in sorted(model.flows_carrying):
        owner = model.owner_of(entity_id)
        if owner is None or owner not in model.services:
            continue  # no sole owner (FL101) or unknown entity or owner (FL004)
        holders = model.holders(entity_id)
        # Flows into each candidate: a declared service inside the line, not the owner, that
        # holds the entity; `direct` are those with a flow that is not a copy of a copy.
        incoming: dict[str, list[Flow]] = defaultdict(list)
        direct: set[str] = set()
        for flow in model.flows_carrying[entity_id]:
            source_id = flow.source.id
            target_id = flow.target.id
            if source_id == target_id or target_id in direct:
                continue
            if target_id not in inside or target_id == owner or target_id not in holders:
                continue
            incoming[target_id].append(flow)
            if not _second_hand(inside, source_id, owner):
                direct.add(target_id)
        for service_id, flows in incoming.items():
            if service_id in direct:
                continue
            through = list(dict.fromkeys(flow.source.id for flow in flows))
            names = " and ".join(f"'{s}'" for s in through)
            ref = next(r for r in flows[0].entities if r.id == entity_id)
            yield Problem(
                ref.location,
                f"service '{service_id}' receives '{entity_id}' only second-hand, through "
                f"{names}, never from its owner '{owner}'; copy it from '{owner}' directly, "
                "unless the chain is intended",
                ("service", service_id, "entity", entity_id),
            )


def _second_hand(inside: frozenset[str], source_id: str, owner: str) -> bool:
    """True when a flow from `source_id` brings a copy of a copy: from a declared service inside
    the line that is not the owner. Unknown senders (FL004) are not judged."""
    return source_id in inside and source_id != owner
