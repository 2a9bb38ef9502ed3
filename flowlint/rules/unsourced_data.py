"""A service sends only data it owns or has received.

Why: a service can only pass on a copy it got from somewhere. When a service inside the line sends
an entity that no chain of flows brings to it from the entity's owner (or from a third party or
external system outside the line), either a flow is missing from the spec or the service is
making up its own version of data that another service owns. The Becoming a teacher page says
that "where one service uses the entity authored in another, the data is copied": every copy
should be traceable back to the owner, as course data is from Publish.

Fails:
    flowlint: 1
    services:
      publish: {name: Publish teacher training courses}
      apply: {name: Apply for teacher training}
      manage: {name: Manage teacher training applications}
    entities:
      course: {owner: publish}
    flows:
      - {from: publish, to: apply, entities: [course]}
      - {from: manage, to: apply, entities: [course]}

Passes:
    flowlint: 1
    services:
      publish: {name: Publish teacher training courses}
      apply: {name: Apply for teacher training}
      manage: {name: Manage teacher training applications}
    entities:
      course: {owner: publish}
    flows:
      - {from: publish, to: apply, entities: [course]}
      - {from: publish, to: manage, entities: [course]}

Fix: add the flow that brings the entity to the sending service from its owner (or from the
outside service it comes from), or send it from the owner directly.
"""

from collections import defaultdict
from collections.abc import Iterator

from flowlint.api import Flow, Model, Problem

CODE, NAME, SEVERITY = "FL102", "unsourced-data", "error"


def check(model: Model) -> Iterator[Problem]:
    """One problem per root unsourced sender of an entity.

    Services that received the entity (directly or not) from an unsourced sender are not reported
    again: fixing the root fixes them. Roots are the first services, in topological order of the
    flows among unsourced services; in a cycle of unsourced services the smallest id is reported.
    """
    for entity_id in sorted(model.flows_carrying):
        owner = model.owner_of(entity_id)
        if owner is None or owner not in model.services:
            continue  # no sole owner (FL101) or unknown entity or owner (FL004)
        yield from _entity_problems(model, entity_id, owner)


def _entity_problems(model: Model, entity_id: str, owner: str) -> Iterator[Problem]:
    holders = model.holders(entity_id)
    onward: dict[str, list[str]] = defaultdict(list)
    sent: dict[str, list[Flow]] = defaultdict(list)
    for flow in model.flows_carrying[entity_id]:
        source = flow.source.id
        if source in holders:
            continue
        sent[source].append(flow)
        if flow.target.id not in holders:
            onward[source].append(flow.target.id)
    if not sent:
        return
    # An undeclared sender (FL004) may be a typo for a holder: what it feeds is not judged.
    unknown = [s for s in sent if s not in model.services]
    covered: set[str] = set()
    _extend(covered, onward, unknown)
    senders = sorted(s for s in sent if s not in covered)
    for service_id in _roots(onward, senders, covered):
        flows = sent[service_id]
        # Named by its target, not its place in the files: splitting the model changes nothing.
        first = min(flows, key=lambda flow: flow.target.id)
        ref = next(r for r in first.entities if r.id == entity_id)
        others = len(flows) - 1
        also = f" (and in {others} other flow{'s' if others > 1 else ''})" if others else ""
        yield Problem(
            ref.location,
            f"service '{service_id}' sends '{entity_id}' to '{first.target.id}'{also} but never "
            f"receives it from its owner '{owner}' or from outside the line; add a flow that "
            f"brings '{entity_id}' to '{service_id}', or send it from '{owner}' directly",
            ("service", service_id, "entity", entity_id),
        )


def _roots(onward: dict[str, list[str]], senders: list[str], covered: set[str]) -> list[str]:
    """The first sender of each source component of the graph, by smallest id.

    A depth-first search started from the senders in id order gives a finishing order; taking
    senders in reverse finishing order and covering what each reaches keeps exactly one sender
    (the smallest id) of each strongly connected component that nothing else reaches.
    """
    finished: list[str] = []
    seen = set(covered)
    for start in senders:
        if start in seen:
            continue
        seen.add(start)
        stack = [(start, iter(sorted(onward.get(start, ()))))]
        while stack:
            node, children = stack[-1]
            for child in children:
                if child not in seen:
                    seen.add(child)
                    stack.append((child, iter(sorted(onward.get(child, ())))))
                    break
            else:
                stack.pop()
                finished.append(node)
    roots = []
    reached = set(covered)
    for node in reversed(finished):
        if node in reached:
            continue
        roots.append(node)
        _extend(reached, onward, [node])
    return roots


def _extend(seen: set[str], edges: dict[str, list[str]], starts: list[str]) -> None:
    """Add to `seen` everything reached from `starts`, not walking again through what it has."""
    queue = [s for s in starts if s not in seen]
    seen.update(queue)
    while queue:
        for nxt in edges.get(queue.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                queue.append(nxt)
