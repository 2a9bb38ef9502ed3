"""The spec as one immutable, indexed model: what every rule reads.

`build_model` merges the files of a model, keeping the first declaration of an id and recording
later ones (FL002). It is tolerant: a value of the wrong type (already an FL003 finding) is read as
absent, so rules see only well-formed facts and one mistake gives one finding. The indexes rules
need (owner of an entity, flows into and out of a service, who holds an entity) are built here once,
in time linear in the size of the spec; what the lineage of each entity is (who has it, who keeps
it, first- or second-hand, whose edits reach an owner) is `flowlint.provenance`'s answer, made here.
"""

from __future__ import annotations

import re
from collections import defaultdict, deque
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from itertools import chain
from typing import TYPE_CHECKING, Any

from flowlint.findings import Location, Problem
from flowlint.loading import SourceFile, escape_pointer_token
from flowlint.provenance import Provenance, empty_provenance, is_copy, provenances

if TYPE_CHECKING:
    from flowlint.suggest import Suggester

INSIDE_KINDS = frozenset({"service"})
# Ids the schema accepts; a reference that is not one is an FL003 finding already.
VALID_ID = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
_EXTENSION_PREFIX = "x-"
LIVE = "live"
# A flow passes on every kind of change unless its `operations` say otherwise.
ALL_OPERATIONS = ("create", "update", "delete")


class _OnDemand:
    """The slot of a location field that the model builder may fill with `(source, pointer)`
    instead of a `Location`: reading it then gives `source.location(pointer + suffix)`, the same
    `Location` an eager lookup gives, made anew on each read (nothing is stored after
    construction). A `Location` given to the constructor is returned as it is.

    The builder makes hundreds of thousands of elements and references and rules read few of
    their locations: finding the position and making a `Location` for each cost more than
    building the rest of the model."""

    __slots__ = ("slot", "suffix")

    def __init__(self, slot: Any, suffix: str) -> None:
        self.slot = slot
        self.suffix = suffix

    def __get__(self, element: Any, owner: type | None = None) -> Any:
        if element is None:
            return self
        value = self.slot.__get__(element)
        if type(value) is tuple:
            source, pointer = value
            return source.location(pointer + self.suffix)
        return value

    def __set__(self, element: Any, value: Any) -> None:
        self.slot.__set__(element, value)


def _located_on_demand(**suffixes: str) -> Any:
    """Class decorator: the named location fields may be found on demand (see `_OnDemand`), each
    at the element's pointer plus its suffix. Reading, comparing, hashing, printing, copying and
    `dataclasses.replace` see a `Location` either way."""

    def decorate(cls: type) -> type:
        for name, suffix in suffixes.items():
            setattr(cls, name, _OnDemand(cls.__dict__[name], suffix))
        return cls

    return decorate


class _Placed:
    """What every element of the model can say about where its keys are written."""

    __slots__ = ()

    def at(self, key: str) -> Location:
        """Where `key` of this element is written (its `location` when the key is absent, or
        when the element was made with a `Location` rather than by the model builder)."""
        value = type(self).__dict__["location"].slot.__get__(self)
        if type(value) is tuple:
            source, pointer = value
            return source.location(f"{pointer}/{escape_pointer_token(key)}")  # type: ignore[no-any-return]
        return value  # type: ignore[no-any-return]

    @property
    def file(self) -> str:
        """The file the element is written in: its location's file, without finding its line
        and column (for ordering by file and index)."""
        value = type(self).__dict__["location"].slot.__get__(self)
        if type(value) is tuple:
            return value[0].path  # type: ignore[no-any-return]
        return value.file  # type: ignore[no-any-return]

    @property
    def pointer(self) -> str:
        """Its location's JSON Pointer, without finding its line and column."""
        value = type(self).__dict__["location"].slot.__get__(self)
        if type(value) is tuple:
            return value[1]  # type: ignore[no-any-return]
        return value.pointer  # type: ignore[no-any-return]


@_located_on_demand(location="")
@dataclass(frozen=True, slots=True)
class Ref:
    """A reference to a declared thing by id, with where the reference is written."""

    id: str
    location: Location


@_located_on_demand(location="")
@dataclass(frozen=True, slots=True)
class Service(_Placed):
    id: str
    name: str
    kind: str
    group: str | None
    status: str
    edits: tuple[Ref, ...]
    location: Location
    # Format 1.1: entities it is the designated distribution point for, and entities it creates
    # new records of in their owner.
    distributes: tuple[Ref, ...] = ()
    creates: tuple[Ref, ...] = ()

    @property
    def inside_boundary(self) -> bool:
        """Services of the line itself; third parties and external systems are outside."""
        return self.kind in INSIDE_KINDS


@_located_on_demand(location="")
@dataclass(frozen=True, slots=True)
class Relationship(_Placed):
    """A relationship between two entities and the services that create it.

    `within_entity` is true for relationships written inside an entity, whose definers are that
    entity's owners.
    """

    name: str
    source: Ref
    target: Ref
    defined_by: tuple[Ref, ...]
    location: Location
    within_entity: bool = False
    # Format 1.1: the one service where it is persisted; `defined_by` then edit it there.
    stored_in: Ref | None = None


def normalized_name(name: str) -> str:
    """A relationship name compared case- and punctuation-insensitively: lower-case letters and
    digits only ("Course to school" and "course-to-school" are the same)."""
    return "".join(char for char in name.lower() if char.isalnum())


def relationship_key(rel: Relationship) -> tuple[str, str, str]:
    """What makes two relationship definitions the same: the unordered pair of entity ids and the
    normalized name."""
    first, second = sorted((rel.source.id, rel.target.id))
    return first, second, normalized_name(rel.name)


@_located_on_demand(location="")
@dataclass(frozen=True, slots=True)
class ScopedOwner(_Placed):
    """One owner in a list of scoped owners (format 1.1): the service, which part of the
    entity's records it owns, and the last day of a transitional split."""

    service: Ref
    scope: str | None
    until: str | None
    location: Location


@_located_on_demand(location="", owner_location="/owner")
@dataclass(frozen=True, slots=True)
class Entity(_Placed):
    """A data entity. `owners` holds every owner's service as a `Ref`, plain or scoped; for
    scoped owners `scoped_owners` adds their scopes."""

    id: str
    name: str | None
    owners: tuple[Ref, ...]
    owner_declared: bool
    personal_data: bool
    status: str
    location: Location
    owner_location: Location | None = None
    scoped_owners: tuple[ScopedOwner, ...] = ()
    derived_from: tuple[Ref, ...] = ()
    description: str | None = None

    @property
    def sole_owner(self) -> str | None:
        """The owner's id when exactly one owner is declared, else None."""
        return self.owners[0].id if len(self.owners) == 1 else None

    @property
    def scoped(self) -> bool:
        """True when the owners are written as scoped owners (`{service, scope}`)."""
        return bool(self.scoped_owners)


@_located_on_demand(location="")
@dataclass(frozen=True, slots=True)
class Flow(_Placed):
    """Data moving from one service to another; `index` is its position in its file's list."""

    index: int
    source: Ref
    target: Ref
    entities: tuple[Ref, ...]
    via: str
    api: Ref | None
    status: str
    purpose: str | None
    location: Location
    # Format 1.1; the defaults are what a 1.0 flow means.
    operations: tuple[str, ...] = ALL_OPERATIONS
    delivery: str | None = None
    reconciliation: str | None = None
    frequency: str | None = None
    until: str | None = None
    stores: bool = True
    operations_declared: bool = False

    @property
    def label(self) -> str:
        return f"the flow from '{self.source.id}' to '{self.target.id}'"

    @property
    def delete_only(self) -> bool:
        """True for a removal command carrying identifiers (`operations: [delete]`): not a
        copy, and it needs no copy at its sender."""
        return self.operations == ("delete",)


@_located_on_demand(location="")
@dataclass(frozen=True, slots=True)
class Api(_Placed):
    id: str
    name: str | None
    service: Ref | None
    access: str | None
    visibility: str | None
    status: str
    docs: str | None
    entities: tuple[Ref, ...]
    location: Location


@_located_on_demand(location="")
@dataclass(frozen=True, slots=True)
class Group(_Placed):
    """A group of services named in `groups` (format 1.1): its display name, as written."""

    id: str
    name: str | None
    description: str | None
    location: Location


@dataclass(frozen=True, slots=True)
class Redeclaration:
    """A service, entity or API id declared again in another file of the model."""

    kind: str
    id: str
    location: Location
    first: Location


# What refers, in `Model.references()`: formatted with the referring element.
_OWNER_OF = "owner of entity '{0.id}'"
_EDITS_OF = "edits of service '{0.id}'"
_RELATIONSHIP = "relationship '{0.name}'"
_DEFINED_BY = "defined_by of relationship '{0.name}'"
_FROM_OF = "'from' of {0.label}"
_TO_OF = "'to' of {0.label}"
_ENTITIES_OF_FLOW = "entities of {0.label}"
_API_OF = "'api' of {0.label}"
_SERVICE_OF = "'service' of API '{0.id}'"
_ENTITIES_OF_API = "entities of API '{0.id}'"
_DISTRIBUTES_OF = "distributes of service '{0.id}'"
_CREATES_OF = "creates of service '{0.id}'"
_DERIVED_FROM_OF = "derived_from of entity '{0.id}'"
_STORED_IN_OF = "stored_in of relationship '{0.name}'"


@dataclass(frozen=True, slots=True)
class Model:
    """The whole spec, read-only. Mappings are keyed by id; tuples keep document order."""

    files: tuple[str, ...]
    services: Mapping[str, Service]
    entities: Mapping[str, Entity]
    apis: Mapping[str, Api]
    relationships: tuple[Relationship, ...]
    flows: tuple[Flow, ...]
    redeclarations: tuple[Redeclaration, ...] = ()
    # Problems found before the model existed, by rule code (FL001-FL003).
    source_problems: Mapping[str, tuple[Problem, ...]] = field(default_factory=dict)
    flows_out_of: Mapping[str, tuple[Flow, ...]] = field(default_factory=dict)
    flows_into: Mapping[str, tuple[Flow, ...]] = field(default_factory=dict)
    flows_carrying: Mapping[str, tuple[Flow, ...]] = field(default_factory=dict)
    receipts: frozenset[tuple[str, str]] = frozenset()
    # (file, pointer) of every node with a schema problem at or below it.
    schema_flagged: frozenset[tuple[str, str]] = frozenset()
    # Format 1.1: display names of service groups, by the group as services write it.
    groups: Mapping[str, Group] = field(default_factory=dict)
    provenance_of: Mapping[str, Provenance] = field(default_factory=dict)
    # The day the spec is judged on (YYYY-MM-DD), for `until` dates; None when not given.
    today: str | None = None
    # The line's `service_line` name, `description` and `as_of`: the first file that gives each.
    service_line: str | None = None
    description: str | None = None
    as_of: str | None = None
    # `suggester(kind)`'s, made at the first look-up: a cache, not part of the model's value.
    _suggesters: dict[str, Suggester] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def is_valid_id(self, ident: str) -> bool:
        """True for an id of the form the schema accepts (lower-case kebab-case)."""
        return VALID_ID.match(ident) is not None

    def has_schema_problem(self, location: Location | _Placed) -> bool:
        """True when FL003 reported something at or below this node (a location, or an element
        of the model: its location's node, without finding its line): rules leave it alone."""
        if not self.schema_flagged:
            return False  # a valid spec
        return (location.file, location.pointer) in self.schema_flagged

    def owner_of(self, entity_id: str) -> str | None:
        """The sole declared owner of an entity, or None (unknown entity, no or several owners)."""
        entity = self.entities.get(entity_id)
        return entity.sole_owner if entity else None

    def owners_of(self, entity_id: str) -> tuple[str, ...]:
        """Every declared owner of an entity, plain or scoped, in document order (ids of services
        nobody declared included); () for an unknown entity or one without an owner."""
        entity = self.entities.get(entity_id)
        return tuple(dict.fromkeys(ref.id for ref in entity.owners)) if entity else ()

    def provenance(self, entity_id: str) -> Provenance:
        """The lineage of an entity: who has it, keeps it, first- or second-hand, and whose
        edits reach an owner (`flowlint.provenance`). An entity that is neither declared nor
        carried has an empty one."""
        found = self.provenance_of.get(entity_id)
        return empty_provenance(entity_id) if found is None else found

    def is_outside(self, service_id: str) -> bool:
        """True for a declared service outside the boundary (third-party or external)."""
        service = self.services.get(service_id)
        return service is not None and not service.inside_boundary

    def holders(self, entity_id: str) -> frozenset[str]:
        """Services that keep a copy of an entity legitimately: its owners, its creators, outside
        services that send it, and every service a chain of copies carries it to from them (not
        a service that gets it only through `stores: false` flows)."""
        return self.provenance(entity_id).holders

    def reaching_owner(self, entity_id: str) -> frozenset[str]:
        """Services from which a chain of flows passing updates of the entity reaches one of its
        owners (the owners included)."""
        return self.provenance(entity_id).reaching_owner

    def receives(self, service_id: str, entity_id: str) -> bool:
        """True when some flow carries `entity_id` into `service_id`."""
        return (service_id, entity_id) in self.receipts

    def references(self) -> Iterator[tuple[str, Ref, str]]:
        """Every reference in the spec as (kind of target, ref, what refers), in document order
        within each section. Kinds are 'service', 'entity' and 'api'."""
        for kind, ref, role, referrer in self._reference_sites():
            yield kind, ref, role.format(referrer)

    def undeclared_references(self) -> Iterator[tuple[str, Ref, str]]:
        """The references whose id is not declared as their kind, as `references()` gives them
        (and in its order); only their descriptions are made."""
        tables = {"service": self.services, "entity": self.entities, "api": self.apis}
        for kind, ref, role, referrer in self._reference_sites(tables):
            yield kind, ref, role.format(referrer)

    def referenced(self, kind: str) -> frozenset[str]:
        """The ids that some reference of `kind` ('service', 'entity' or 'api') names, declared
        or not: the ids of `references()` of that kind, without making their descriptions."""
        ids = {ref.id for k, ref, _, _ in self._declaration_sites() if k == kind}
        ids.update(ref.id for k, ref, _, _ in self._api_sites() if k == kind)
        ids.update(self._flow_ids(kind))
        return frozenset(ids)

    def _flow_ids(self, kind: str) -> set[str]:
        """The ids the flows' references of `kind` name: the keys of the flow indexes when the
        model has them (the builder makes them), else from each flow."""
        flows = self.flows
        indexed = bool(self.flows_carrying) or not flows
        if kind == "service":
            if indexed:
                return self.flows_out_of.keys() | self.flows_into.keys()
            return {flow.source.id for flow in flows} | {flow.target.id for flow in flows}
        if kind == "entity":
            if indexed:
                return set(self.flows_carrying)
            return {ref.id for flow in flows for ref in flow.entities}
        return {flow.api.id for flow in flows if flow.api is not None}

    def _reference_sites(
        self, undeclared: Mapping[str, Mapping[str, object]] | None = None
    ) -> Iterator[tuple[str, Ref, str, object]]:
        """`references()` with each description left as a format string and the element it is
        formatted with: most callers need the descriptions of few references.

        With `undeclared` (the declarations of each kind by kind), only the sites whose id is not
        declared, in the same order. The flows are most of a large spec's references: the ids
        they name, less the declared ones, find the few flows that can have such a site first."""
        if undeclared is None:
            yield from self._declaration_sites()
            yield from self._flow_sites(self.flows)
            yield from self._api_sites()
            return
        missing = {kind: self._flow_ids(kind) - undeclared[kind].keys() for kind in undeclared}
        flows: list[Flow] = []
        services, entities, apis = missing["service"], missing["entity"], missing["api"]
        if apis or ((services or entities) and not (self.flows_carrying or not self.flows)):
            flows = [
                flow
                for flow in self.flows
                if flow.source.id in services
                or flow.target.id in services
                or (flow.api is not None and flow.api.id in apis)
                or (entities and not entities.isdisjoint([ref.id for ref in flow.entities]))
            ]
        elif services or entities:  # the flow indexes name the flows with such an id
            chosen = {
                id(flow)
                for index, ids in (
                    (self.flows_out_of, services),
                    (self.flows_into, services),
                    (self.flows_carrying, entities),
                )
                for ident in ids
                for flow in index.get(ident, ())
            }
            flows = [flow for flow in self.flows if id(flow) in chosen]
        for site in chain(self._declaration_sites(), self._flow_sites(flows), self._api_sites()):
            if site[1].id not in undeclared[site[0]]:
                yield site

    def _declaration_sites(self) -> Iterator[tuple[str, Ref, str, object]]:
        """The sites of `_reference_sites` before the flows': entities, services, relationships."""
        for entity in self.entities.values():
            for ref in entity.owners:
                yield "service", ref, _OWNER_OF, entity
            for ref in entity.derived_from:
                yield "entity", ref, _DERIVED_FROM_OF, entity
        for service in self.services.values():
            for ref in service.edits:
                yield "entity", ref, _EDITS_OF, service
            for ref in service.distributes:
                yield "entity", ref, _DISTRIBUTES_OF, service
            for ref in service.creates:
                yield "entity", ref, _CREATES_OF, service
        for rel in self.relationships:
            yield "entity", rel.source, _RELATIONSHIP, rel
            yield "entity", rel.target, _RELATIONSHIP, rel
            if not rel.within_entity:
                for ref in rel.defined_by:
                    yield "service", ref, _DEFINED_BY, rel
                if rel.stored_in is not None:
                    yield "service", rel.stored_in, _STORED_IN_OF, rel

    @staticmethod
    def _flow_sites(flows: Iterable[Flow]) -> Iterator[tuple[str, Ref, str, object]]:
        """The sites of `_reference_sites` in `flows`."""
        for flow in flows:
            yield "service", flow.source, _FROM_OF, flow
            yield "service", flow.target, _TO_OF, flow
            for ref in flow.entities:
                yield "entity", ref, _ENTITIES_OF_FLOW, flow
            if flow.api is not None:
                yield "api", flow.api, _API_OF, flow

    def _api_sites(self) -> Iterator[tuple[str, Ref, str, object]]:
        """The sites of `_reference_sites` after the flows': the APIs'."""
        for api in self.apis.values():
            if api.service is not None:
                yield "service", api.service, _SERVICE_OF, api
            for ref in api.entities:
                yield "entity", ref, _ENTITIES_OF_API, api

    def suggester(self, kind: str) -> Suggester:
        """A "did you mean" `Suggester` over the declared ids of `kind` ('service', 'entity' or
        'api'), one per model: the rules that suggest an id (FL004, FL105, FL106) share its
        index and its answers."""
        found = self._suggesters.get(kind)
        if found is None:
            from flowlint.suggest import Suggester

            found = self._suggesters[kind] = Suggester(self.declared(kind))
        return found

    def declared(self, kind: str) -> Mapping[str, object]:
        """The declarations of one kind of thing: 'service', 'entity' or 'api'."""
        return {"service": self.services, "entity": self.entities, "api": self.apis}[kind]

    def reachable(self, entity_id: str, starts: Iterable[str]) -> frozenset[str]:
        """Services reached from `starts` along flows that carry `entity_id` (starts included)."""
        onward: dict[str, list[str]] = defaultdict(list)
        for flow in self.flows_carrying.get(entity_id, ()):
            onward[flow.source.id].append(flow.target.id)
        return _closure(onward, starts)

    def chain_from_owner(self, entity_id: str, service_id: str) -> tuple[Flow, ...] | None:
        """The shortest chain of copies (flows that are not retired nor delete-only) carrying
        `entity_id` from one of its declared owners to `service_id`.

        `()` when the service is an owner; None when the entity has no declared owner or no chain
        reaches the service. Among chains of equal length, the one from the first owner and whose
        flows come first in document order is chosen, so the answer is stable.
        """
        owners = self.provenance(entity_id).owners
        if not owners:
            return None
        came_by: dict[str, Flow | None] = dict.fromkeys(owners)
        onward: dict[str, list[Flow]] = defaultdict(list)
        for flow in self.flows_carrying.get(entity_id, ()):
            if is_copy(flow):
                onward[flow.source.id].append(flow)
        queue = deque(owners)
        while queue and service_id not in came_by:
            for flow in onward.get(queue.popleft(), ()):
                if flow.target.id not in came_by:
                    came_by[flow.target.id] = flow
                    queue.append(flow.target.id)
        if service_id not in came_by:
            return None
        chain: list[Flow] = []
        step = came_by[service_id]
        while step is not None:
            chain.append(step)
            step = came_by[step.source.id]
        return tuple(reversed(chain))


def _closure(edges: Mapping[str, list[str]], starts: Iterable[str]) -> frozenset[str]:
    seen = set(starts)
    stack = list(seen)
    while stack:
        for nxt in edges.get(stack.pop(), ()):
            if nxt not in seen:
                seen.add(nxt)
                stack.append(nxt)
    return frozenset(seen)


def build_model(
    files: Iterable[SourceFile],
    source_problems: Mapping[str, Iterable[Problem]] = {},
    today: str | None = None,
) -> Model:
    """Merge parsed files into one indexed model. Ill-typed values are read as absent.

    `today` (YYYY-MM-DD) is the day `until` dates are judged against; the engine gives it."""
    builder = _ModelBuilder()
    paths = []
    for source in files:
        paths.append(source.path)
        if isinstance(source.data, dict):
            builder.add(source)
    return builder.finish(tuple(paths), {k: tuple(v) for k, v in source_problems.items()}, today)


class _ModelBuilder:
    def __init__(self) -> None:
        self.services: dict[str, Service] = {}
        self.entities: dict[str, Entity] = {}
        self.apis: dict[str, Api] = {}
        self.relationships: list[Relationship] = []
        self.flows: list[Flow] = []
        self.redeclarations: list[Redeclaration] = []
        self.groups: dict[str, Group] = {}
        self.line: dict[str, str] = {}

    def add(self, source: SourceFile) -> None:
        data = source.data
        for key in ("service_line", "description", "as_of"):
            value = data.get(key)
            if key not in self.line and isinstance(value, str) and value.strip():
                self.line[key] = value
        for group_id, body, pointer in _members(data, "groups"):
            if group_id not in self.groups:
                self.groups[group_id] = _placed_group(
                    source,
                    pointer,
                    id=group_id,
                    name=_text(body, "name"),
                    description=_text(body, "description"),
                )
        for service_id, body, pointer in _members(data, "services"):
            self._declare("service", self.services, service_id, source, pointer, body)
        for entity_id, body, pointer in _members(data, "entities"):
            self._declare("entity", self.entities, entity_id, source, pointer, body)
        for api_id, body, pointer in _members(data, "apis"):
            self._declare("API", self.apis, api_id, source, pointer, body)
        for index, body in _items(data, "relationships"):
            relationship = _relationship(source, f"/relationships/{index}", body)
            if relationship:
                self.relationships.append(relationship)
        for index, body in _items(data, "flows"):
            flow = _flow(source, index, body)
            if flow:
                self.flows.append(flow)

    def _declare(
        self,
        kind: str,
        table: dict[str, Any],
        ident: str,
        source: SourceFile,
        pointer: str,
        body: dict[str, Any],
    ) -> None:
        if ident in table:
            first = table[ident].location
            again = source.location(pointer)
            self.redeclarations.append(Redeclaration(kind, ident, again, first))
            return
        if kind == "service":
            table[ident] = _service(source, ident, pointer, body)
        elif kind == "entity":
            entity, relationships = _entity(source, ident, pointer, body)
            table[ident] = entity
            self.relationships.extend(relationships)
        else:
            table[ident] = _api(source, ident, pointer, body)

    def finish(
        self,
        paths: tuple[str, ...],
        problems: Mapping[str, tuple[Problem, ...]],
        today: str | None = None,
    ) -> Model:
        flows = tuple(self.flows)
        out_of: dict[str, list[Flow]] = defaultdict(list)
        into: dict[str, list[Flow]] = defaultdict(list)
        carrying: dict[str, list[Flow]] = defaultdict(list)
        receipts: set[tuple[str, str]] = set()
        receive = receipts.add
        for flow in flows:
            target = flow.target.id
            out_of[flow.source.id].append(flow)
            into[target].append(flow)
            refs = flow.entities
            if len(refs) == 1:  # most flows carry one entity
                entity = refs[0].id
                carrying[entity].append(flow)
                receive((target, entity))
                continue
            for entity in dict.fromkeys([r.id for r in refs]):
                carrying[entity].append(flow)
                receive((target, entity))
        return Model(
            files=paths,
            services=self.services,
            entities=self.entities,
            apis=self.apis,
            relationships=tuple(self.relationships),
            flows=flows,
            redeclarations=tuple(self.redeclarations),
            source_problems=problems,
            flows_out_of=_freeze(out_of),
            flows_into=_freeze(into),
            flows_carrying=_freeze(carrying),
            receipts=frozenset(receipts),
            schema_flagged=_flagged(problems.get("FL003", ())),
            groups=self.groups,
            provenance_of=provenances(self.services, self.entities, carrying),
            today=today,
            service_line=self.line.get("service_line"),
            description=self.line.get("description"),
            as_of=self.line.get("as_of"),
        )


def _flagged(problems: Iterable[Problem]) -> frozenset[tuple[str, str]]:
    flagged: set[tuple[str, str]] = set()
    for problem in problems:
        pointer = problem.location.pointer
        while True:
            flagged.add((problem.location.file, pointer))
            if not pointer:
                break
            pointer = pointer.rpartition("/")[0]
    return frozenset(flagged)


def _freeze(index: dict[str, list[Flow]]) -> dict[str, tuple[Flow, ...]]:
    return {key: tuple(value) for key, value in index.items()}


def _members(data: dict[str, Any], section: str) -> Iterable[tuple[str, dict[str, Any], str]]:
    table = data.get(section)
    if not isinstance(table, dict):
        return
    for ident, body in table.items():
        if ident.startswith(_EXTENSION_PREFIX):
            continue  # a user's own extension, not a declaration
        yield (
            ident,
            body if isinstance(body, dict) else {},
            f"/{section}/{escape_pointer_token(ident)}",
        )


def _items(data: dict[str, Any], section: str) -> Iterable[tuple[int, dict[str, Any]]]:
    items = data.get(section)
    if not isinstance(items, list):
        return
    for index, body in enumerate(items):
        if isinstance(body, dict):
            yield index, body


def _text(body: dict[str, Any], key: str) -> str | None:
    value = body.get(key)
    return value if isinstance(value, str) else None


def _choice(body: dict[str, Any], key: str, default: str) -> str:
    return _text(body, key) or default


_new = object.__new__
_set_ref_id = Ref.__dict__["id"].__set__
_set_ref_location = Ref.__dict__["location"].slot.__set__


def _placed_ref(ident: str, source: SourceFile, pointer: str) -> Ref:
    """`Ref(ident, source.location(pointer))`, with the location looked up only when read."""
    ref = _new(Ref)
    _set_ref_id(ref, ident)
    _set_ref_location(ref, (source, pointer))
    return ref


def _placed(cls: type) -> Any:
    """A maker of `cls` elements at (source, pointer) from its other fields by name: what the
    builder uses instead of the constructor, which would cost a `Location` and about twice the
    time. Every field on demand gets `(source, pointer)`."""
    slots = {name: cls.__dict__[name] for name in cls.__dataclass_fields__}  # type: ignore[attr-defined]
    lazy = tuple(slot.slot.__set__ for slot in slots.values() if isinstance(slot, _OnDemand))
    setters = {
        name: slot.__set__ for name, slot in slots.items() if not isinstance(slot, _OnDemand)
    }

    # Positional-only: Relationship and Flow have fields named `source` too.
    def make(file: SourceFile, pointer: str, /, **values: Any) -> Any:
        if len(values) != len(setters):  # a field left out (an unknown one is a KeyError below)
            raise TypeError(f"{cls.__name__} needs {sorted(setters)}, got {sorted(values)}")
        element = _new(cls)
        for name, value in values.items():
            setters[name](element, value)
        place = (file, pointer)
        for setter in lazy:
            setter(element, place)
        return element

    return make


_placed_service = _placed(Service)
_placed_entity = _placed(Entity)
_placed_relationship = _placed(Relationship)
_placed_api = _placed(Api)
_placed_group = _placed(Group)
_placed_scoped_owner = _placed(ScopedOwner)
_set_entity_owner_location = Entity.__dict__["owner_location"].__set__


def _ref(source: SourceFile, body: dict[str, Any], key: str, pointer: str) -> Ref | None:
    value = body.get(key)
    if not isinstance(value, str):
        return None
    return _placed_ref(value, source, f"{pointer}/{key}")


def _refs(source: SourceFile, body: dict[str, Any], key: str, pointer: str) -> tuple[Ref, ...]:
    """A reference that may be one id or a list of ids; non-text items are skipped."""
    value = body.get(key)
    if isinstance(value, str):
        return (_placed_ref(value, source, f"{pointer}/{key}"),)
    if not isinstance(value, list):
        return ()
    return _listed_refs(source, value, f"{pointer}/{key}/")


def _listed_refs(source: SourceFile, items: list[Any], prefix: str) -> tuple[Ref, ...]:
    """The text items of a list whose own pointer is `prefix` without its final slash."""
    return tuple(
        [
            _placed_ref(item, source, f"{prefix}{index}")
            for index, item in enumerate(items)
            if isinstance(item, str)
        ]
    )


def _service(source: SourceFile, ident: str, pointer: str, body: dict[str, Any]) -> Service:
    return _placed_service(  # type: ignore[no-any-return]
        source,
        pointer,
        id=ident,
        name=_text(body, "name") or ident,
        kind=_choice(body, "kind", "service"),
        group=_text(body, "group"),
        status=_choice(body, "status", LIVE),
        edits=_refs(source, body, "edits", pointer),
        distributes=_refs(source, body, "distributes", pointer),
        creates=_refs(source, body, "creates", pointer),
    )


def _entity(
    source: SourceFile, ident: str, pointer: str, body: dict[str, Any]
) -> tuple[Entity, list[Relationship]]:
    scoped = _scoped_owners(source, body, pointer)
    owners = tuple(o.service for o in scoped) if scoped else _refs(source, body, "owner", pointer)
    # owner_location: found on demand when the entity declares an owner, else None (below).
    entity = _placed_entity(
        source,
        pointer,
        id=ident,
        name=_text(body, "name"),
        owners=owners,
        owner_declared="owner" in body,
        personal_data=body.get("personal_data") is True,
        status=_choice(body, "status", LIVE),
        scoped_owners=scoped,
        derived_from=_refs(source, body, "derived_from", pointer),
        description=_text(body, "description"),
    )
    if "owner" not in body:
        _set_entity_owner_location(entity, None)
    relationships = []
    items = body.get("relationships")
    for index, item in enumerate(items if isinstance(items, list) else ()):
        if not isinstance(item, dict):
            continue
        at = f"{pointer}/relationships/{index}"
        target = _ref(source, item, "to", at)
        name = _text(item, "name")
        if target is None or name is None:
            continue
        relationships.append(
            _placed_relationship(
                source,
                at,
                name=name,
                source=_placed_ref(ident, source, at),
                target=target,
                defined_by=tuple(_placed_ref(o.id, source, at) for o in owners),
                within_entity=True,
                stored_in=None,
            )
        )
    return entity, relationships


def _scoped_owners(
    source: SourceFile, body: dict[str, Any], pointer: str
) -> tuple[ScopedOwner, ...]:
    """The owners written as `{service, scope, until}` mappings; () for plain ids. In a list
    that mixes the two (a schema finding), the plain ids are read and the mappings skipped."""
    items = body.get("owner")
    if not isinstance(items, list) or any(isinstance(item, str) for item in items):
        return ()
    scoped = []
    for index, item in enumerate(items):
        if not isinstance(item, dict) or not isinstance(item.get("service"), str):
            continue
        at = f"{pointer}/owner/{index}"
        scoped.append(
            _placed_scoped_owner(
                source,
                at,
                service=_placed_ref(item["service"], source, f"{at}/service"),
                scope=_text(item, "scope"),
                until=_text(item, "until"),
            )
        )
    return tuple(scoped)


def _relationship(source: SourceFile, pointer: str, body: dict[str, Any]) -> Relationship | None:
    name = _text(body, "name")
    start = _ref(source, body, "from", pointer)
    end = _ref(source, body, "to", pointer)
    if name is None or start is None or end is None:
        return None
    return _placed_relationship(  # type: ignore[no-any-return]
        source,
        pointer,
        name=name,
        source=start,
        target=end,
        defined_by=_refs(source, body, "defined_by", pointer),
        within_entity=False,
        stored_in=_ref(source, body, "stored_in", pointer),
    )


# The slots of a Flow, set directly by `_flow`: it makes one flow per entry of the largest
# section, and `_placed`'s keyword arguments cost a dictionary per flow.
_FLOW_SLOTS = {name: Flow.__dict__[name] for name in Flow.__dataclass_fields__}
_set_flow_location = _FLOW_SLOTS.pop("location").slot.__set__
(
    _set_flow_index,
    _set_flow_source,
    _set_flow_target,
    _set_flow_entities,
    _set_flow_via,
    _set_flow_api,
    _set_flow_status,
    _set_flow_purpose,
    _set_flow_operations,
    _set_flow_delivery,
    _set_flow_reconciliation,
    _set_flow_frequency,
    _set_flow_until,
    _set_flow_stores,
    _set_flow_operations_declared,
) = (slot.__set__ for slot in _FLOW_SLOTS.values())
if tuple(_FLOW_SLOTS) != (
    "index",
    "source",
    "target",
    "entities",
    "via",
    "api",
    "status",
    "purpose",
    "operations",
    "delivery",
    "reconciliation",
    "frequency",
    "until",
    "stores",
    "operations_declared",
):  # pragma: no cover - a new field of Flow must be set by _flow too
    raise TypeError(f"Flow's fields changed: {tuple(_FLOW_SLOTS)}; update model._flow")


def _flow(source: SourceFile, index: int, body: dict[str, Any]) -> Flow | None:
    """The flow at /flows/<index>, as `_placed(Flow)` would make it, with its slots set one by
    one (the same element, about twice as fast)."""
    get = body.get
    start = get("from")
    end = get("to")
    items = get("entities")
    if not (isinstance(start, str) and isinstance(end, str) and isinstance(items, list)):
        return None
    pointer = f"/flows/{index}"
    entities = _listed_refs(source, items, f"{pointer}/entities/")
    if not entities:
        return None
    operations = get("operations")
    declared = isinstance(operations, list)
    if declared:
        listed = [op for op in ALL_OPERATIONS if op in operations]
        operations = tuple(listed) if listed else ALL_OPERATIONS
    else:
        operations = ALL_OPERATIONS
    api = get("api")
    via = get("via")
    status = get("status")
    purpose = get("purpose")
    delivery = get("delivery")
    reconciliation = get("reconciliation")
    frequency = get("frequency")
    until = get("until")
    flow = _new(Flow)
    _set_flow_index(flow, index)
    _set_flow_source(flow, _placed_ref(start, source, f"{pointer}/from"))
    _set_flow_target(flow, _placed_ref(end, source, f"{pointer}/to"))
    _set_flow_entities(flow, entities)
    _set_flow_via(flow, via if isinstance(via, str) and via else "copy")
    _set_flow_api(
        flow, _placed_ref(api, source, f"{pointer}/api") if isinstance(api, str) else None
    )
    _set_flow_status(flow, status if isinstance(status, str) and status else LIVE)
    _set_flow_purpose(flow, purpose if isinstance(purpose, str) else None)
    _set_flow_operations(flow, operations)
    _set_flow_delivery(flow, delivery if isinstance(delivery, str) else None)
    _set_flow_reconciliation(flow, reconciliation if isinstance(reconciliation, str) else None)
    _set_flow_frequency(flow, frequency if isinstance(frequency, str) else None)
    _set_flow_until(flow, until if isinstance(until, str) else None)
    _set_flow_stores(flow, get("stores") is not False)
    _set_flow_operations_declared(flow, declared)
    _set_flow_location(flow, (source, pointer))
    return flow


def _api(source: SourceFile, ident: str, pointer: str, body: dict[str, Any]) -> Api:
    return _placed_api(  # type: ignore[no-any-return]
        source,
        pointer,
        id=ident,
        name=_text(body, "name"),
        service=_ref(source, body, "service", pointer),
        access=_text(body, "access"),
        visibility=_text(body, "visibility"),
        status=_choice(body, "status", LIVE),
        docs=_text(body, "docs"),
        entities=_refs(source, body, "entities", pointer),
    )
