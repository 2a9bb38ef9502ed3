"""One entity's lineage: from its owner, along every flow that carries it, to every holder.

Pure: `lineage(model, entity_id)` returns a `Lineage` value; the CLI draws it as a tree or JSON.

The tree starts at the entity's declared owners, then at each service outside the boundary that
sends it in (the same starting points as `Model.holders`), and goes breadth-first along the flows
that carry the entity. A holder hangs under the first holder that reaches it; the other flows that
bring it the entity are listed on it as `also` ways. Per holder it says:

- how it got the entity: the mechanism of the flow (copy, api and the API's id, file, manual) and
  the flow's status;
- whether it is inside the service line's boundary (None for a service nobody declared);
- whether it edits the entity, and whether those edits are lost: no chain of flows takes them
  back to the sole owner (the test of rule FL103 lost-edit, read from `Model.reaching_owner`);
- whether its copy is second-hand: it is inside the line and every flow bringing it the entity
  comes from another copy inside the line, never from the owner (the test of rule FL104
  copy-chain).

Flows that carry the entity from a service that never gets it (rule FL102) are listed as
`unsourced`, and services that edit the entity without receiving it as `editors_without_copy`.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass

from flowlint.model import LIVE, Flow, Model

OWNER, SOURCE, COPY = "owner", "source", "copy"


@dataclass(frozen=True, slots=True)
class Way:
    """A flow that brings the entity to a holder."""

    source: str
    target: str
    via: str
    api: str | None
    status: str

    @classmethod
    def of(cls, flow: Flow) -> Way:
        api = flow.api.id if flow.api is not None else None
        return cls(flow.source.id, flow.target.id, flow.via, api, flow.status)

    @property
    def mechanism(self) -> str:
        """E.g. 'copy', 'api apply-api', 'file', with ', planned' when the flow is not live."""
        text = f"{self.via} {self.api}" if self.via == "api" and self.api else self.via
        return text if self.status == LIVE else f"{text}, {self.status}"

    def as_dict(self) -> dict[str, object]:
        return {
            "from": self.source,
            "to": self.target,
            "via": self.via,
            "api": self.api,
            "status": self.status,
        }


@dataclass(frozen=True, slots=True)
class Holder:
    """A service that holds the entity, and the holders it passes it on to first."""

    service: str
    name: str
    role: str  # OWNER, SOURCE (outside service sending it in) or COPY
    inside_boundary: bool | None
    received: Way | None  # None for the owner and sources
    also: tuple[Way, ...]
    edits: bool
    edit_lost: bool | None  # None: it does not edit it, or there is no sole owner to judge by
    second_hand: bool
    children: tuple[Holder, ...] = ()

    def walk(self, depth: int = 0) -> Iterator[tuple[int, Holder]]:
        """This holder and all below it, depth first, with their depth."""
        yield depth, self
        for child in self.children:
            yield from child.walk(depth + 1)


@dataclass(frozen=True, slots=True)
class Lineage:
    """The lineage of one entity; `roots` are its owners, then the outside services sending it."""

    entity: str
    name: str | None
    declared: bool
    personal_data: bool
    status: str
    owners: tuple[str, ...]
    roots: tuple[Holder, ...]
    unsourced: tuple[Way, ...]
    editors_without_copy: tuple[str, ...]

    def holders(self) -> Iterator[tuple[int, Holder]]:
        """Every holder, depth first, with its depth (roots are at 0)."""
        for root in self.roots:
            yield from root.walk()

    def as_dict(self) -> dict[str, object]:
        """The JSON shape of `flowlint lineage --format json`.

        `holders` is the tree flattened depth first: each holder names its parent in `from`
        (null for roots) with `depth` (0 for roots).
        """
        return {
            "entity": self.entity,
            "name": self.name,
            "declared": self.declared,
            "personal_data": self.personal_data,
            "status": self.status,
            "owners": list(self.owners),
            "holders": [
                {
                    "service": h.service,
                    "name": h.name,
                    "role": h.role,
                    "depth": depth,
                    "from": h.received.source if h.received else None,
                    "via": h.received.via if h.received else None,
                    "api": h.received.api if h.received else None,
                    "status": h.received.status if h.received else None,
                    "inside_boundary": h.inside_boundary,
                    "edits": h.edits,
                    "edit_lost": h.edit_lost,
                    "second_hand": h.second_hand,
                    "also_from": [way.as_dict() for way in h.also],
                }
                for depth, h in self.holders()
            ],
            "unsourced": [way.as_dict() for way in self.unsourced],
            "editors_without_copy": list(self.editors_without_copy),
        }


def known_entities(model: Model) -> list[str]:
    """Ids a lineage can be drawn for: declared entities and entities some flow carries."""
    return sorted(model.entities.keys() | model.flows_carrying.keys())


def lineage(model: Model, entity_id: str) -> Lineage:
    """The lineage of `entity_id` (declared, or at least carried by a flow)."""
    entity = model.entities.get(entity_id)
    owners = tuple(dict.fromkeys(ref.id for ref in entity.owners)) if entity else ()
    flows = [f for f in model.flows_carrying.get(entity_id, ()) if f.source.id != f.target.id]
    outgoing: dict[str, list[Flow]] = {}
    incoming: dict[str, list[Flow]] = {}
    for flow in sorted(flows, key=lambda f: (f.target.id, f.location.file, f.index)):
        outgoing.setdefault(flow.source.id, []).append(flow)
        incoming.setdefault(flow.target.id, []).append(flow)
    # Outside services that send it are where it enters, as in `Model.holders` (even a flow to
    # itself counts: the service has the entity).
    carried = model.flows_carrying.get(entity_id, ())
    sources = sorted({f.source.id for f in carried if model.is_outside(f.source.id)} - set(owners))
    starts = [*owners, *sources]

    # Breadth first: a holder's parent is the first holder that reaches it.
    parent: dict[str, Flow | None] = dict.fromkeys(starts)
    children: dict[str, list[str]] = {}
    queue = deque(starts)
    while queue:
        current = queue.popleft()
        for flow in outgoing.get(current, ()):
            target = flow.target.id
            if target not in parent:
                parent[target] = flow
                children.setdefault(current, []).append(target)
                queue.append(target)

    def build(service_id: str) -> Holder:
        received = parent[service_id]
        also = tuple(
            Way.of(f)
            for f in incoming.get(service_id, ())
            if f is not received and f.source.id in parent
        )
        role = OWNER if service_id in owners else SOURCE if received is None else COPY
        return _holder(
            model,
            entity_id,
            service_id,
            role,
            Way.of(received) if received is not None else None,
            also,
            incoming.get(service_id, ()),
            tuple(build(child) for child in children.get(service_id, ())),
        )

    editors = sorted(
        s.id for s in model.services.values() if any(r.id == entity_id for r in s.edits)
    )
    return Lineage(
        entity=entity_id,
        name=entity.name if entity else None,
        declared=entity is not None,
        personal_data=entity is not None and entity.personal_data,
        status=entity.status if entity else LIVE,
        owners=owners,
        roots=tuple(build(start) for start in starts),
        unsourced=tuple(Way.of(f) for f in flows if f.source.id not in parent),
        editors_without_copy=tuple(e for e in editors if e not in parent),
    )


def _holder(
    model: Model,
    entity_id: str,
    service_id: str,
    role: str,
    received: Way | None,
    also: tuple[Way, ...],
    incoming: list[Flow] | tuple[Flow, ...],
    children: tuple[Holder, ...],
) -> Holder:
    service = model.services.get(service_id)
    edits = service is not None and any(ref.id == entity_id for ref in service.edits)
    return Holder(
        service=service_id,
        name=service.name if service is not None else service_id,
        role=role,
        inside_boundary=service.inside_boundary if service is not None else None,
        received=received,
        also=also,
        edits=edits,
        edit_lost=edit_lost(model, service_id, entity_id) if edits else None,
        second_hand=second_hand(model, service_id, entity_id, incoming),
        children=children,
    )


def edit_lost(model: Model, service_id: str, entity_id: str) -> bool | None:
    """True when edits made by `service_id` never reach the entity's sole owner (FL103's test);
    None when there is no sole declared owner to judge by."""
    owner = model.owner_of(entity_id)
    if owner is None or owner not in model.services:
        return None
    return service_id != owner and service_id not in model.reaching_owner(entity_id)


def second_hand(
    model: Model,
    service_id: str,
    entity_id: str,
    incoming: list[Flow] | tuple[Flow, ...],
) -> bool:
    """True when a holder inside the line gets the entity only from other copies inside the
    line, never from its owner (FL104's test)."""
    owner = model.owner_of(entity_id)
    service = model.services.get(service_id)
    if owner is None or owner not in model.services or service is None:
        return False
    if not service.inside_boundary or service_id == owner:
        return False
    if service_id not in model.holders(entity_id) or not incoming:
        return False
    return all(_from_a_copy_inside(model, flow.source.id, owner) for flow in incoming)


def _from_a_copy_inside(model: Model, source_id: str, owner: str) -> bool:
    source = model.services.get(source_id)
    return source is not None and source.inside_boundary and source_id != owner
