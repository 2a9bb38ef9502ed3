"""Records of an entity are created in one place, or in places that do not sync both ways.

Why: when two services both create records of one entity and copy it to each other in both
directions (the owner and a service that creates records in it, or two scoped owners syncing
both ways), a record created in each at about the same time arrives in the other as a new record:
concurrent creates give duplicates, and sync races decide which version wins. The teaching record
system's documents describe exactly this: TRNs issued in several places and a monthly job to
find the duplicates. A temporary two-way sync during a roll-out is a known risk: it is not
reported while every flow of it has an `until` date that has not passed.

A service counts when it keeps a copy it creates records in: an owner (plain or scoped), or a
creator (`creates`) that keeps what it receives; a creator that only reads the owner's records
(`stores: false`) is a client of the owner, not a second master. "Both ways" means directly or
through a chain of flows.

Fails:
    flowlint: 1.1
    services:
      trs: {name: Teaching Record System}
      register: {name: Register trainee teachers, creates: [person]}
    entities:
      person: {owner: trs}
    flows:
      - {from: register, to: trs, entities: [person]}
      - {from: trs, to: register, entities: [person]}

Passes:
    flowlint: 1.1
    services:
      trs: {name: Teaching Record System}
      register: {name: Register trainee teachers, creates: [person]}
    entities:
      person: {owner: trs}
    flows:
      - {from: register, to: trs, entities: [person]}
      - {from: trs, to: register, entities: [person], stores: false}

Fix: create the records in one place and let the other read or receive them (`stores: false` for
a read on demand); or match records before creating one (and say how in the spec's description);
or, for a sync kept only during a migration, give each of its flows an `until` date.
"""

from collections import deque
from collections.abc import Iterator

from flowlint.api import Flow, Model, Problem, Provenance, quoted

CODE, NAME, SEVERITY = "FL110", "multi-master", "warning"

PAIRS_NAMED = 10


def check(model: Model) -> Iterator[Problem]:
    """One problem per entity whose records are created in two services that copy it to each
    other both ways, at the entity."""
    for entity in model.entities.values():
        provenance = model.provenance(entity.id)
        if not provenance.copies or not provenance.owners:
            continue
        masters = _masters(provenance)
        if len(masters) < 2:
            continue
        onward: dict[str, list[Flow]] = {}
        for flow in provenance.copies:
            if flow.source.id != flow.target.id:
                onward.setdefault(flow.source.id, []).append(flow)
        reached = {master: _reached(onward, master) for master in masters}
        pairs = []
        for index, first in enumerate(masters):
            for second in masters[index + 1 :]:
                if second not in reached[first] or first not in reached[second]:
                    continue
                sync = (*_chain(reached[first], second), *_chain(reached[second], first))
                if all(_temporary(flow, model.today) for flow in sync):
                    continue
                pairs.append((first, second))
        if not pairs:
            continue
        named = [f"{quoted(a)} and {quoted(b)}" for a, b in pairs[:PAIRS_NAMED]]
        more = len(pairs) - len(named)
        both = "; ".join(named) + (f"; and {more} more pairs" if more else "")
        yield Problem(
            entity.location,
            f"records of {quoted(entity.id)} are created in both {both}, which copy it to each "
            "other both ways: records created in each at the same time arrive in the other as "
            "new ones and give duplicates; create the records in one place and let the other "
            "read them, or give each flow of a temporary sync an 'until' date",
            ("entity", entity.id, "multi-master"),
        )


def _masters(provenance: Provenance) -> list[str]:
    """The owners, then the creators that keep what they receive, each once, in that order."""
    if not provenance.creators:
        return list(provenance.owners)
    kept = {flow.target.id for flow in provenance.copies if flow.stores}
    creators = [c for c in provenance.creators if c in kept and c not in provenance.owners]
    return [*provenance.owners, *creators]


def _reached(onward: dict[str, list[Flow]], start: str) -> dict[str, Flow | None]:
    """Every service a chain of flows reaches from `start`, with the flow that reaches it first
    breadth-first (None for `start`): the shortest chains."""
    came_by: dict[str, Flow | None] = {start: None}
    queue = deque([start])
    while queue:
        for flow in onward.get(queue.popleft(), ()):
            if flow.target.id not in came_by:
                came_by[flow.target.id] = flow
                queue.append(flow.target.id)
    return came_by


def _chain(came_by: dict[str, Flow | None], end: str) -> list[Flow]:
    """The shortest chain to `end` that `_reached` found."""
    chain: list[Flow] = []
    step = came_by[end]
    while step is not None:
        chain.append(step)
        step = came_by[step.source.id]
    return chain


def _temporary(flow: Flow, today: str | None) -> bool:
    """True for a flow with an `until` date that has not passed."""
    return flow.until is not None and (today is None or flow.until >= today)
