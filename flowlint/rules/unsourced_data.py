"""A service sends only data it owns or has received.

Why: a service can only pass on a copy it got from somewhere. When a service inside the line sends
an entity that no chain of flows brings to it from the entity's owner (or from a third party or
external system outside the line), either a flow is missing from the spec or the service is
making up its own version of data that another service owns. The Becoming a teacher page says
that "where one service uses the entity authored in another, the data is copied": every copy
should be traceable back to the owner, as course data is from Publish.

A service that creates new records of an entity in its owner (a registry's "create or match"
request, a form that submits through the owner's write API) declares it with `creates`; it then
has what it sends. Every owner of an entity with several owners is a source; retired flows and
delete-only flows (`operations: [delete]`, a removal command) are not copies.

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
outside service it comes from), or send it from the owner directly. When the receiver is the owner
and the sender creates the records there, declare `creates: [<entity>]` on the sender.
"""

from collections import defaultdict
from collections.abc import Iterator

from flowlint.api import Flow, Model, Problem, Provenance, excerpt, quoted, quoted_list

CODE, NAME, SEVERITY = "FL102", "unsourced-data", "error"


def check(model: Model) -> Iterator[Problem]:
    """One problem per root unsourced sender of an entity.

    Services that received the entity (directly or not) from an unsourced sender are not reported
    again: fixing the root fixes them. Roots are the first services, in topological order of the
    flows among unsourced services; in a cycle of unsourced services the smallest id is reported.
    """
    for entity_id in sorted(model.flows_carrying):
        provenance = model.provenance(entity_id)
        if not provenance.owners:
            continue  # no owner (FL101) or unknown entity or owners (FL004)
        yield from _entity_problems(model, provenance)


def _entity_problems(model: Model, provenance: Provenance) -> Iterator[Problem]:
    entity_id, has, owners = provenance.entity, provenance.has, provenance.owners
    onward: dict[str, list[str]] = defaultdict(list)
    sent: dict[str, list[Flow]] = defaultdict(list)
    for flow in provenance.copies:
        source = flow.source.id
        if source in has or source == flow.target.id:
            continue  # sourced, or a flow to itself (FL005's)
        sent[source].append(flow)
        if flow.target.id not in has:
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
        # A flow into an owner comes first: it is the one a missing `creates` explains.
        first = min(flows, key=lambda flow: (flow.target.id not in owners, flow.target.id))
        ref = next(r for r in first.entities if r.id == entity_id)
        others = len(flows) - 1
        also = f" (and in {others} other flow{'s' if others > 1 else ''})" if others else ""
        target = first.target.id
        never = f"never receives it from {_owners(owners)} or from outside the line"
        if target in owners:
            message = (
                f"service {quoted(service_id)} sends {quoted(entity_id)} to its owner "
                f"{quoted(target)}{also} but {never}, and does not declare that it creates it; "
                f"if {quoted(service_id)} creates new {quoted(entity_id)} records in "
                f"{quoted(target)}, declare 'creates: [{excerpt(entity_id)}]' on "
                f"{quoted(service_id)}, otherwise add a flow that brings {quoted(entity_id)} to "
                f"{quoted(service_id)}"
            )
        else:
            source = f"{quoted(owners[0])}" if len(owners) == 1 else "one of its owners"
            message = (
                f"service {quoted(service_id)} sends {quoted(entity_id)} to {quoted(target)}{also} "
                f"but {never}; add a flow that brings {quoted(entity_id)} to {quoted(service_id)}, "
                f"or send it from {source} directly"
            )
        yield Problem(ref.location, message, ("service", service_id, "entity", entity_id))


def _owners(owners: tuple[str, ...]) -> str:
    if len(owners) == 1:
        return f"its owner {quoted(owners[0])}"
    return f"any of its owners {quoted_list(owners, 'or')}"


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
