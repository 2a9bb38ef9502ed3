"""Where each entity's records come from and who keeps them: the one meaning of lineage.

Every rule about lineage (FL102 unsourced-data, FL103 lost-edit, FL104 copy-chain, FL107-FL110),
the `lineage` and `graph` views and the language server read these answers; none works them out
again, so they cannot disagree. `provenances` computes them for every entity once, when the model
is built, in time linear in the number of (flow, entity) pairs.

The words, for one entity:

- **owners**: the services its `owner` names, plain or scoped; each is a legitimate source.
- **creators**: services that declare `creates` for it: they make new records in the owner.
- **sources**: declared services outside the line that send it (they hold their own version).
- **copies**: the flows that pass records of it on: not `retired`, and not delete-only (a flow
  whose `operations` are only `delete` is a removal command carrying identifiers); **receivers**
  the services they go to, **keepers** those that keep what one of them brings (`stores` true).
- **has**: who may pass it on: owners, creators and sources, and every service the copies carry
  it to from them (through a `stores: false` receiver too: it passes the data on in the same
  exchange).
- **holders**: who keeps a copy: `has`, less the **relays**, services that get it only through
  `stores: false` flows and keep nothing.
- **first-hand**: a copy is first-hand when it comes from an owner, from outside the line (or from
  an undeclared service, which FL004 reports), or from a declared distributor (`distributes`) or
  a relay that itself got it first-hand; a chain of distributors starting at the owner is the
  designed path. `first_hand` are the services that keep at least one first-hand copy.
- **reaching owner**: services from which a chain of flows passing updates leads to an owner, so
  an edit made there reaches it (FL103); `creates_reach_owner` the same for new records (FL107),
  made only for an entity that has creators (empty otherwise).

Retired flows count for nothing here; every other status counts (a planned flow is part of the
design being checked).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol

from flowlint.findings import Location

# What lineage reads of the model's elements (flowlint.model's Flow, Service and Entity have it):
# this module depends on no other, and the model builder calls it.


class _Ref(Protocol):
    @property
    def id(self) -> str: ...


class Flow(Protocol):
    """The parts of a `flowlint.model.Flow` that lineage reads."""

    @property
    def source(self) -> _Ref: ...
    @property
    def target(self) -> _Ref: ...
    @property
    def entities(self) -> tuple[_Ref, ...]: ...
    @property
    def status(self) -> str: ...
    @property
    def operations(self) -> tuple[str, ...]: ...
    @property
    def stores(self) -> bool: ...
    @property
    def index(self) -> int: ...
    @property
    def file(self) -> str: ...
    @property
    def location(self) -> Location: ...


class Service(Protocol):
    """The parts of a `flowlint.model.Service` that lineage reads."""

    @property
    def inside_boundary(self) -> bool: ...
    @property
    def creates(self) -> tuple[_Ref, ...]: ...
    @property
    def distributes(self) -> tuple[_Ref, ...]: ...


class Entity(Protocol):
    """The parts of a `flowlint.model.Entity` that lineage reads."""

    @property
    def owners(self) -> tuple[_Ref, ...]: ...


RETIRED = "retired"
CREATE, UPDATE, DELETE = "create", "update", "delete"


@dataclass(frozen=True, slots=True)
class CopyChain:
    """A service that passes a second-hand copy on (FL104): its first flow on the way (in
    document order) and the services that get the entity only second-hand through it."""

    intermediate: str
    first_flow: Flow
    receivers: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Provenance:
    """The lineage answers for one entity (see the module's docstring for each word)."""

    entity: str
    owners: tuple[str, ...]
    creators: tuple[str, ...]
    distributors: tuple[str, ...]
    sources: frozenset[str]
    copies: tuple[Flow, ...]
    receivers: frozenset[str]
    keepers: frozenset[str]
    has: frozenset[str]
    holders: frozenset[str]
    relays: frozenset[str]
    first_hand: frozenset[str]
    reaching_owner: frozenset[str]
    creates_reach_owner: frozenset[str]

    def is_owner(self, service_id: str) -> bool:
        """True for one of the entity's declared owners (plain or scoped)."""
        return service_id in self.owners

    def second_hand(self, service_id: str, inside: bool) -> bool:
        """True when `service_id`, a service inside the line that keeps copies it receives and is
        not an owner, keeps only second-hand ones: FL104's test."""
        return (
            inside
            and bool(self.owners)
            and service_id in self.holders
            and service_id not in self.owners
            and service_id not in self.first_hand
            and service_id in self.keepers
        )

    def copy_chains(self, inside: Collection[str]) -> dict[str, CopyChain]:
        """FL104's answer: the intermediates of the entity's copy chains, by service.

        An intermediate is a service that keeps a copy it did not get first-hand, is neither an
        owner nor a declared distributor, and passes it on to services inside the line (`inside`:
        the ids of the line's services) that keep only second-hand copies; relays (services that
        keep nothing) are looked through. Senders that never got the entity are FL102's, and a
        distributor whose own copy is second-hand is reported where it receives it.
        """
        # Who might keep only second-hand copies (`second_hand`, less the `inside` test): most
        # entities have nobody, and need nothing more.
        owners = self.owners
        if not owners:
            return {}
        candidates = (self.keepers & self.holders) - self.first_hand - self.relays
        if not candidates:
            return {}
        found: dict[str, tuple[list[Flow], set[str]]] = {}
        if not self.relays:
            # Nothing to look through: each copy into a receiver with only second-hand copies,
            # from a holder that is neither a distributor nor an owner, is a link of a chain.
            holders, distributors = self.holders, self.distributors
            for flow in self.copies:
                receiver = flow.target.id
                if receiver not in candidates or receiver not in inside or receiver in owners:
                    continue
                sender = flow.source.id
                if (
                    sender == receiver
                    or sender not in holders
                    or sender in distributors
                    or sender in owners
                ):
                    continue
                chain = found.get(sender)
                if chain is None:
                    found[sender] = ([flow], {receiver})
                else:
                    chain[0].append(flow)
                    chain[1].add(receiver)
            return self._chains(found)
        into: dict[str, list[Flow]] = defaultdict(list)
        for flow in self.copies:
            target = flow.target.id
            if flow.source.id != target:
                into[target].append(flow)
        for receiver in sorted(into):
            if receiver in self.relays or not self.second_hand(receiver, receiver in inside):
                continue
            for intermediate, flow in self._intermediates(into, receiver):
                flows, receivers = found.setdefault(intermediate, ([], set()))
                flows.append(flow)
                receivers.add(receiver)
        return self._chains(found)

    @staticmethod
    def _chains(found: dict[str, tuple[list[Flow], set[str]]]) -> dict[str, CopyChain]:
        """The chains of `copy_chains` from each intermediate's flows on the way and receivers."""
        return {
            service: CopyChain(
                service,
                flows[0] if len(flows) == 1 else min(flows, key=_document_order),
                tuple(sorted(receivers)),
            )
            for service, (flows, receivers) in sorted(found.items())
        }

    def _intermediates(
        self, into: Mapping[str, list[Flow]], receiver: str
    ) -> Iterator[tuple[str, Flow]]:
        """The services that keep a copy and pass it on towards `receiver`, each with its flow on
        the way, looking through relays."""
        relays_seen: set[str] = set()
        stack = list(into.get(receiver, ()))
        while stack:
            flow = stack.pop()
            sender = flow.source.id
            if sender in self.relays:
                if sender not in relays_seen:
                    relays_seen.add(sender)
                    stack.extend(into.get(sender, ()))
            elif (
                sender in self.holders
                and sender not in self.distributors
                and sender not in self.owners
            ):
                yield sender, flow

    def edit_lost(self, service_id: str) -> bool | None:
        """True when edits made by `service_id` reach no owner (FL103's test); None when the
        entity has no owner to judge by."""
        if not self.owners:
            return None
        return service_id not in self.owners and service_id not in self.reaching_owner


def _document_order(flow: Flow) -> tuple[str, int]:
    return flow.file, flow.index


def is_copy(flow: Flow) -> bool:
    """True for a flow that passes records on: not retired, and not delete-only."""
    return flow.status != RETIRED and flow.operations != (DELETE,)


def provenances(
    services: Mapping[str, Service],
    entities: Mapping[str, Entity],
    carrying: Mapping[str, Sequence[Flow]],
) -> dict[str, Provenance]:
    """The `Provenance` of every declared entity and every entity some flow carries.

    Owners named by no declared service are left out of `owners` (FL004 reports them), so an
    entity whose every owner is undeclared is judged by nobody, as one with no owner.
    """
    inside = {ident for ident, service in services.items() if service.inside_boundary}
    creators_of: dict[str, list[str]] = defaultdict(list)
    distributors_of: dict[str, list[str]] = defaultdict(list)
    for ident, service in services.items():
        for ref in service.creates:
            creators_of[ref.id].append(ident)
        for ref in service.distributes:
            distributors_of[ref.id].append(ident)
    result: dict[str, Provenance] = {}
    for entity_id in entities.keys() | carrying.keys():
        entity = entities.get(entity_id)
        owners = (
            tuple(dict.fromkeys(ref.id for ref in entity.owners if ref.id in services))
            if entity is not None
            else ()
        )
        result[entity_id] = _provenance(
            entity_id,
            owners,
            tuple(dict.fromkeys(creators_of.get(entity_id, ()))),
            tuple(dict.fromkeys(distributors_of.get(entity_id, ()))),
            carrying.get(entity_id, ()),
            services,
            inside,
        )
    return result


_new = object.__new__
# The slots of a Provenance, set directly: one is made per entity, and a frozen dataclass's
# generated __init__ sets each field through object.__setattr__.
_PROVENANCE_SETTERS = tuple(
    Provenance.__dict__[name].__set__
    for name in Provenance.__dataclass_fields__  # type: ignore[attr-defined]
)
_DELETE_ONLY = (DELETE,)
if tuple(Provenance.__dataclass_fields__) != (  # type: ignore[attr-defined]
    "entity",
    "owners",
    "creators",
    "distributors",
    "sources",
    "copies",
    "receivers",
    "keepers",
    "has",
    "holders",
    "relays",
    "first_hand",
    "reaching_owner",
    "creates_reach_owner",
):  # pragma: no cover - a new field must be set by _provenance too
    raise TypeError("Provenance's fields changed; update provenance._provenance")


def _provenance(
    entity_id: str,
    owners: tuple[str, ...],
    creators: tuple[str, ...],
    distributors: tuple[str, ...],
    flows: Sequence[Flow],
    services: Mapping[str, Service],
    inside: set[str],
) -> Provenance:
    # One pass over the flows carrying the entity: the copies (`is_copy`), where each goes, who
    # keeps what it brings, who sends it from outside the line, and the chains back to an owner
    # for updates and for new records (only flows that are copies pass either).
    copies: list[Flow] = []
    onward: dict[str, list[Flow]] = {}
    stored_into: set[str] = set()
    received_into: set[str] = set()
    outside: set[str] = set()
    updates_back: dict[str, list[str]] = {}
    creates_back: dict[str, list[str]] = {}
    for flow in flows:
        operations = flow.operations
        if flow.status == RETIRED or operations == _DELETE_ONLY:
            continue
        copies.append(flow)
        source = flow.source.id
        target = flow.target.id
        found = onward.get(source)
        if found is None:
            onward[source] = [flow]
        else:
            found.append(flow)
        received_into.add(target)
        if flow.stores:
            stored_into.add(target)
        if source not in inside and source in services:
            outside.add(source)
        if UPDATE in operations:
            updates_back.setdefault(target, []).append(source)
        if creators and CREATE in operations:
            creates_back.setdefault(target, []).append(source)
    sources = frozenset(outside)
    starts = [*owners, *creators, *sorted(sources)]
    has = _closure(onward, starts)
    relays = frozenset(
        ident
        for ident in received_into
        if ident not in stored_into
        and ident not in owners
        and ident not in creators
        and ident not in sources
    )
    holders = has - relays

    # First-hand: from the roots (owners, and services outside the line or undeclared) through
    # distributors and relays that got it first-hand themselves.
    passes_on = set(distributors) | relays
    roots = [s for s in onward if s in owners or s not in inside]
    expanded = set(roots)
    first_hand: set[str] = set()
    stack = list(roots)
    while stack:
        for flow in onward.get(stack.pop(), ()):
            target = flow.target.id
            if flow.stores:
                first_hand.add(target)
            if target in passes_on and target not in expanded:
                expanded.add(target)
                stack.append(target)

    provenance = _new(Provenance)
    for setter, value in zip(
        _PROVENANCE_SETTERS,
        (
            entity_id,
            owners,
            creators,
            distributors,
            sources,
            tuple(copies),
            frozenset(received_into),
            frozenset(stored_into),
            has,
            holders,
            relays,
            frozenset(first_hand),
            _closure_ids(updates_back, owners),
            _closure_ids(creates_back, owners) if creators else frozenset(),
        ),
        strict=True,
    ):
        setter(provenance, value)
    return provenance


def _closure(onward: Mapping[str, list[Flow]], starts: Iterable[str]) -> frozenset[str]:
    seen = set(starts)
    stack = list(seen)
    while stack:
        for flow in onward.get(stack.pop(), ()):
            target = flow.target.id
            if target not in seen:
                seen.add(target)
                stack.append(target)
    return frozenset(seen)


def _closure_ids(edges: Mapping[str, list[str]], starts: Iterable[str]) -> frozenset[str]:
    seen = set(starts)
    stack = list(seen)
    while stack:
        for nxt in edges.get(stack.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)
    return frozenset(seen)


def empty_provenance(entity_id: str) -> Provenance:
    """The provenance of an entity nothing declares or carries."""
    nothing: frozenset[str] = frozenset()
    return Provenance(
        entity=entity_id,
        owners=(),
        creators=(),
        distributors=(),
        sources=nothing,
        copies=(),
        receivers=nothing,
        keepers=nothing,
        has=nothing,
        holders=nothing,
        relays=nothing,
        first_hand=nothing,
        reaching_owner=nothing,
        creates_reach_owner=nothing,
    )
