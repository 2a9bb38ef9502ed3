"""A service gets its copy of an entity from one sender.

Why: when one service receives the same entity from two or more senders (from a hub and from
the owner, from two hubs, from a nightly file and a live feed), its copy has several writers. Each
path has its own delay and its own filtering, the order in which their changes arrive is
undefined, and the copy ends up with whichever came last: the search index fed three ways, the
reporting store fed by "two models". A delete-only flow (a removal command) is not a path, nor is
a flow the receiver does not keep (`stores: false`), nor one from a sender that never got the
entity (FL102 reports that). Flows that all come from scoped owners of
the entity bring different records, so they are not competing writers; nor are the services of
one `group` (similar services, such as the student record systems a provider picks one of): each
sends its own customers' records, so a group is one path. An owner receiving the entity is a
different question (writes into an owner: FL107 and FL110).

Fails:
    flowlint: 1.1
    services:
      publisher: {name: Publishing app}
      content-store: {name: Content store, distributes: [content-item]}
      search: {name: Site search}
    entities:
      content-item: {owner: publisher}
    flows:
      - {from: publisher, to: content-store, entities: [content-item]}
      - {from: content-store, to: search, entities: [content-item]}
      - {from: publisher, to: search, entities: [content-item]}

Passes:
    flowlint: 1.1
    services:
      publisher: {name: Publishing app}
      content-store: {name: Content store, distributes: [content-item]}
      search: {name: Site search}
    entities:
      content-item: {owner: publisher}
    flows:
      - {from: publisher, to: content-store, entities: [content-item]}
      - {from: content-store, to: search, entities: [content-item]}

Fix: choose one path for the copy (from the owner, or from one designated distributor) and
remove the others; if one path only removes records, say so with `operations: [delete]`; if the
receiver only reads one of them on demand and keeps nothing (an adaptor, a screen that looks the
data up), say so with `stores: false` on that flow.
"""

from collections.abc import Iterator

from flowlint.api import Flow, Model, Problem, quoted

CODE, NAME, SEVERITY = "FL109", "multi-path-copy", "warning"

LIMIT = 10


def check(model: Model) -> Iterator[Problem]:
    """One problem per (receiver, entity) with copies from two or more declared senders, at the
    first flow (in document order) from a second sender."""
    services = model.services
    for entity_id in sorted(model.flows_carrying):
        provenance = model.provenance(entity_id)
        has, owners = provenance.has, provenance.owners
        # Each receiver's first flow, and the flows of those with more than one: most receivers
        # get an entity once, and one flow is one path.
        first: dict[str, Flow] = {}
        paths: dict[str, list[Flow]] = {}
        for flow in provenance.copies:
            if not flow.stores:
                continue  # not kept
            source, target = flow.source.id, flow.target.id
            if source == target or source not in services:
                continue  # a loop, or an unknown sender (FL004)
            if source not in has:
                continue  # a sender that never got it: FL102's
            if target in owners:
                continue
            if target not in first:
                first[target] = flow
            elif target in paths:
                paths[target].append(flow)
            else:
                paths[target] = [first[target], flow]
        if not paths:
            continue
        entity = model.entities.get(entity_id)
        scoped = (
            frozenset(owner.service.id for owner in entity.scoped_owners)
            if entity is not None
            else frozenset()
        )
        for receiver in sorted(paths):
            flows = paths[receiver]
            if all(flow.source.id in scoped for flow in flows):
                continue
            path_of = {flow.source.id: _path(model, flow.source.id) for flow in flows}
            first = path_of[flows[0].source.id]
            second = next((flow for flow in flows if path_of[flow.source.id] != first), None)
            if second is None:
                continue
            named = sorted(set(path_of.values()))
            ref = next(r for r in second.entities if r.id == entity_id)
            yield Problem(
                ref.location,
                f"service {quoted(receiver)} receives {quoted(entity_id)} from {len(named)} "
                f"senders, {_and(named)}: its copy has several writers and the order of their "
                f"changes is undefined; take {quoted(entity_id)} from one of them (its owner, or "
                "one designated distributor) and remove the other flows, or mark 'stores: false' "
                "a flow whose data the receiver only reads on demand and does not keep",
                ("service", receiver, "entity", entity_id),
            )


def _path(model: Model, sender: str) -> str:
    """How a sender is named as a path: the service, or its group (similar services that each
    send their own records count as one)."""
    group = model.services[sender].group
    return f"the services of group {quoted(group)}" if group else f"{quoted(sender)}"


def _and(names: list[str]) -> str:
    """The senders' paths (always two or more) for the message, naming at most LIMIT."""
    shown = names[:LIMIT]
    more = len(names) - len(shown)
    if more:
        return f"{', '.join(shown)} and {more} more"
    return f"{', '.join(shown[:-1])} and {shown[-1]}"
