"""One entity's lineage: from its owners, along every copy, to every holder.

Pure: `lineage(model, entity_id)` returns a `Lineage` value; the CLI draws it as a tree or JSON. It
is a view of the model's one answer to lineage (`Model.provenance`, see `flowlint.provenance`):
who has the entity, who keeps it, first- or second-hand, and whose edits reach an owner are read
from there, never worked out again, so `flowlint lineage` and `flowlint check` agree.

The tree starts at the entity's owners (with their scopes for scoped owners), then at the services
that create its records in an owner (`creates`), then at each service outside the boundary that
sends it in, and goes breadth-first along its copies (flows that are not retired and not
delete-only). A holder hangs under the first holder that reaches it; the other flows that bring it
the entity are listed on it as `also` ways. Per holder it says:

- how it got the entity: the mechanism of the flow (copy, api and the API's id, file, manual,
  event) and the flow's status, and whether it keeps it (`stores: false` makes it a relay);
- whether it is inside the service line's boundary (None for a service nobody declared);
- whether it edits the entity, and whether those edits are lost (rule FL103);
- whether its copy is second-hand (it keeps only copies of copies), and whether it passes a
  second-hand copy on, which is what rule FL104 reports.

Flows that carry the entity from a service that never gets it (rule FL102) are listed as
`unsourced`, services that edit the entity without receiving it as `editors_without_copy`, and the
entities it is derived from (`derived_from`) and derived into as `derived_from` and `derived_into`.
Everything is walked with explicit stacks and queues: a chain of any length is drawn.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass

from flowlint.model import LIVE, Flow, Model

OWNER, CREATOR, SOURCE, COPY = "owner", "creator", "source", "copy"


@dataclass(frozen=True, slots=True)
class Way:
    """A flow that brings the entity to a holder."""

    source: str
    target: str
    via: str
    api: str | None
    status: str
    stores: bool = True

    @classmethod
    def of(cls, flow: Flow) -> Way:
        api = flow.api.id if flow.api is not None else None
        return cls(flow.source.id, flow.target.id, flow.via, api, flow.status, flow.stores)

    @property
    def mechanism(self) -> str:
        """E.g. 'copy', 'api apply-api', 'file', with ', planned' when the flow is not live and
        ', not kept' when the receiver does not store it."""
        text = f"{self.via} {self.api}" if self.via == "api" and self.api else self.via
        if self.status != LIVE:
            text = f"{text}, {self.status}"
        return text if self.stores else f"{text}, not kept"

    def as_dict(self) -> dict[str, object]:
        return {
            "from": self.source,
            "to": self.target,
            "via": self.via,
            "api": self.api,
            "status": self.status,
            "stores": self.stores,
        }


@dataclass(frozen=True, slots=True)
class Holder:
    """A service that has the entity, and the holders it passes it on to first."""

    service: str
    name: str
    role: str  # OWNER, CREATOR, SOURCE (outside service sending it in) or COPY
    inside_boundary: bool | None
    received: Way | None  # None for the roots (owners, creators and sources)
    also: tuple[Way, ...]
    edits: bool
    edit_lost: bool | None  # None: it does not edit it, or there is no owner to judge by
    second_hand: bool
    children: tuple[Holder, ...] = ()
    scope: str | None = None  # a scoped owner's scope
    until: str | None = None  # a scoped owner's end date
    keeps: bool = True  # False for a relay: it gets the entity only through `stores: false`
    distributes: bool = False  # a declared distributor of the entity
    passes_second_hand_to: tuple[str, ...] = ()  # FL104: who copies second-hand through it

    def walk(self, depth: int = 0) -> Iterator[tuple[int, Holder]]:
        """This holder and all below it, depth first, with their depth (an explicit stack: no
        recursion on the depth of the tree)."""
        stack = [(depth, self)]
        while stack:
            level, holder = stack.pop()
            yield level, holder
            stack.extend((level + 1, child) for child in reversed(holder.children))


@dataclass(frozen=True, slots=True)
class Derivation:
    """An entity computed from another (`derived_from`): the derived entity, the one it comes
    from, and the owners of the derived entity that lack the source (FL108)."""

    entity: str
    source: str
    owners_lacking: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Lineage:
    """The lineage of one entity; `roots` are its owners, creators, then outside senders."""

    entity: str
    name: str | None
    declared: bool
    personal_data: bool
    status: str
    owners: tuple[str, ...]
    roots: tuple[Holder, ...]
    unsourced: tuple[Way, ...]
    editors_without_copy: tuple[str, ...]
    lost_edits: tuple[str, ...] = ()  # every service whose edits are lost (FL103)
    derived_from: tuple[Derivation, ...] = ()
    derived_into: tuple[Derivation, ...] = ()
    undeclared: tuple[str, ...] = ()  # holders nobody declared as services

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
                    "scope": h.scope,
                    "until": h.until,
                    "keeps": h.keeps,
                    "distributes": h.distributes,
                    "edits": h.edits,
                    "edit_lost": h.edit_lost,
                    "second_hand": h.second_hand,
                    "passes_second_hand_to": list(h.passes_second_hand_to),
                    "also_from": [way.as_dict() for way in h.also],
                }
                for depth, h in self.holders()
            ],
            "unsourced": [way.as_dict() for way in self.unsourced],
            "editors_without_copy": list(self.editors_without_copy),
            "lost_edits": list(self.lost_edits),
            "derived_from": [
                {"entity": d.source, "owners_lacking": list(d.owners_lacking)}
                for d in self.derived_from
            ],
            "derived_into": [
                {"entity": d.entity, "owners_lacking": list(d.owners_lacking)}
                for d in self.derived_into
            ],
        }


def known_entities(model: Model) -> list[str]:
    """Ids a lineage can be drawn for: declared entities and entities some flow carries."""
    return sorted(model.entities.keys() | model.flows_carrying.keys())


def lineage(model: Model, entity_id: str) -> Lineage:
    """The lineage of `entity_id` (declared, or at least carried by a flow)."""
    entity = model.entities.get(entity_id)
    provenance = model.provenance(entity_id)
    owners = model.owners_of(entity_id)
    scopes = {
        owner.service.id: (owner.scope, owner.until)
        for owner in (entity.scoped_owners if entity is not None else ())
    }
    copies = [f for f in provenance.copies if f.source.id != f.target.id]
    outgoing: dict[str, list[Flow]] = {}
    incoming: dict[str, list[Flow]] = {}
    for flow in sorted(copies, key=lambda f: (f.target.id, f.location.file, f.index)):
        outgoing.setdefault(flow.source.id, []).append(flow)
        incoming.setdefault(flow.target.id, []).append(flow)
    creators = [c for c in provenance.creators if c not in owners]
    sources = sorted(provenance.sources - set(owners) - set(creators))
    starts = list(dict.fromkeys([*owners, *creators, *sources]))

    # Breadth first: a holder's parent is the first holder that reaches it.
    parent: dict[str, Flow | None] = dict.fromkeys(starts)
    children: dict[str, list[str]] = {}
    order: list[str] = list(starts)
    queue = deque(starts)
    while queue:
        current = queue.popleft()
        for flow in outgoing.get(current, ()):
            target = flow.target.id
            if target not in parent:
                parent[target] = flow
                children.setdefault(current, []).append(target)
                order.append(target)
                queue.append(target)

    inside = frozenset(sid for sid, service in model.services.items() if service.inside_boundary)
    chains = provenance.copy_chains(inside)
    editors = {s.id for s in model.services.values() if any(r.id == entity_id for r in s.edits)}
    # Children before parents: each holder is made once its children are (no recursion).
    built: dict[str, Holder] = {}
    for service_id in reversed(order):
        received = parent[service_id]
        service = model.services.get(service_id)
        role = (
            OWNER
            if service_id in owners
            else CREATOR
            if service_id in creators
            else SOURCE
            if received is None
            else COPY
        )
        scope, until = scopes.get(service_id, (None, None))
        edits = service_id in editors
        built[service_id] = Holder(
            service=service_id,
            name=service.name if service is not None else service_id,
            role=role,
            inside_boundary=service.inside_boundary if service is not None else None,
            received=Way.of(received) if received is not None else None,
            also=tuple(
                Way.of(f)
                for f in incoming.get(service_id, ())
                if f is not received and f.source.id in parent
            ),
            edits=edits,
            edit_lost=provenance.edit_lost(service_id) if edits else None,
            second_hand=provenance.second_hand(service_id, service_id in inside),
            children=tuple(built[child] for child in children.get(service_id, ())),
            scope=scope,
            until=until,
            keeps=service_id not in provenance.relays,
            distributes=service_id in provenance.distributors,
            passes_second_hand_to=chains[service_id].receivers if service_id in chains else (),
        )

    lost = sorted(e for e in editors if provenance.edit_lost(e))
    return Lineage(
        entity=entity_id,
        name=entity.name if entity else None,
        declared=entity is not None,
        personal_data=entity is not None and entity.personal_data,
        status=entity.status if entity else LIVE,
        owners=owners,
        roots=tuple(built[start] for start in starts),
        unsourced=tuple(Way.of(f) for f in copies if f.source.id not in parent),
        editors_without_copy=tuple(sorted(e for e in editors if e not in parent)),
        lost_edits=tuple(lost),
        derived_from=_derived_from(model, entity_id),
        derived_into=_derived_into(model, entity_id),
        undeclared=tuple(s for s in order if s not in model.services),
    )


def _derivation(model: Model, entity_id: str, source_id: str) -> Derivation:
    owners = model.provenance(entity_id).owners
    source = model.provenance(source_id)
    lacking = tuple(o for o in owners if o not in source.owners and o not in source.receivers)
    return Derivation(entity_id, source_id, lacking)


def _derived_from(model: Model, entity_id: str) -> tuple[Derivation, ...]:
    entity = model.entities.get(entity_id)
    if entity is None:
        return ()
    sources = dict.fromkeys(ref.id for ref in entity.derived_from if ref.id != entity_id)
    return tuple(_derivation(model, entity_id, source) for source in sources)


def _derived_into(model: Model, entity_id: str) -> tuple[Derivation, ...]:
    return tuple(
        _derivation(model, other.id, entity_id)
        for other in model.entities.values()
        if other.id != entity_id and any(ref.id == entity_id for ref in other.derived_from)
    )


def edit_lost(model: Model, service_id: str, entity_id: str) -> bool | None:
    """True when edits made by `service_id` reach no owner (FL103's test); None when the entity has
    no owner to judge by."""
    return model.provenance(entity_id).edit_lost(service_id)


def second_hand(model: Model, service_id: str, entity_id: str) -> bool:
    """True when a service inside the line keeps only second-hand copies of the entity (the
    receivers FL104 names)."""
    service = model.services.get(service_id)
    inside = service is not None and service.inside_boundary
    return model.provenance(entity_id).second_hand(service_id, inside)
