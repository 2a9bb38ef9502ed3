"""Two versions of a spec -> the semantic changes between them, each with a verdict.

Pure: takes two `Model`s (and the findings of each) and returns a `SpecDiff`. Things are matched by
identity, not by position, so moving a block or splitting a file changes nothing:
- services, entities and APIs by id; an entity's owners are compared as a set (kind `owner`);
- relationships by their name (case and spacing ignored) and their unordered pair of entities,
  so the same relationship written inside an entity and in `relationships:` is one relationship;
- flows by (from, to, via, api), the k-th such flow of one version with the k-th of the other;
  a flow whose mechanism changed (`via` or `api`) is then matched by (from, to) alone. A flow's
  entities are compared as a set: an entity dropped from a flow is a change.

Each change gets a verdict:
- breaking: something a consumer relies on goes (a live flow, or an entity of it, whose consumer no
  longer receives that data any other way; an API or entity that live flows or outside callers
  use; a service whose consumers remain), an API becomes (or is added) public while it exposes
  personal data, an entity loses its owner, or a direction of API access that a live flow uses.
- risky: an owner changes (a scoped owner is added or removed, or the scope an owner owns
  changes), personal data newly leaves the boundary or a new copy of it is made, data stops being
  marked personal, a public API becomes private, an API used by flows moves to another service; a
  flow stops passing on a kind of change (`operations` loses `delete`, `update` or `create`), loses
  its `reconciliation`, or becomes `delivery: best-effort`.
- safe: everything else (format 1.1's `distributes`, `creates`, `derived_from`, `stored_in`,
  `frequency`, `stores` and `until` record the design; what they change is told by the findings
  they introduce or resolve). A flow whose `until` date has passed in the head version is noted
  with its change, or on its own when nothing else about it changed.
Which findings a change introduces and resolves is found by comparing finding fingerprints (with
repeats counted), so a finding that only moved is neither.

Findings raise verdicts. A change is at least as bad as the findings it introduces (those whose
subject is about what it changed, see `_about`): a finding that `check` fails on (severity at or
above `fail-on`, default error) makes it breaking, another error or warning makes it at least
risky; its reason then names those findings, and the findings about it that it resolves. Only
findings the diff actually introduced or resolved are named. Findings introduced that no change
can be tied to count on their own (`SpecDiff.from_findings`), so a new finding that `check` fails
on always makes the diff breaking: `diff --fail-on breaking` fails whenever `check` would fail on
something the change added.
"""

from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import Enum

from flowlint.findings import Finding, Location, Severity
from flowlint.model import LIVE, Api, Entity, Flow, Model, Ref, Service, normalized_name

KINDS = ("service", "entity", "owner", "relationship", "flow", "api")
# The field of a note on a flow whose `until` has passed: a note, not a change of its own, so the
# findings it would name belong to the change that made the flow.
PAST_UNTIL = "until-passed"
ADDED, REMOVED, CHANGED = "added", "removed", "changed"
PUBLIC = "public"


class Verdict(str, Enum):
    """How much a change can hurt. Compare with `rank`: breaking > risky > safe."""

    BREAKING = "breaking"
    RISKY = "risky"
    SAFE = "safe"

    @property
    def rank(self) -> int:
        return {"breaking": 3, "risky": 2, "safe": 1}[self.value]

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True, slots=True)
class Change:
    """One semantic change.

    `ids` identify what changed (a service id; an entity id; (name, from, to) of a relationship;
    (from, to, via[, api]) of a flow). `field` names the attribute of a `changed` change.
    `location` is where the thing is in the head version, or in the base version when removed.
    `services` are the ids of the services the change touches (for drawing the affected part).
    """

    kind: str
    action: str
    ids: tuple[str, ...]
    detail: str
    verdict: Verdict
    reason: str
    field: str | None = None
    location: Location | None = None
    services: tuple[str, ...] = ()

    @property
    def sort_key(self) -> tuple[int, int, tuple[str, ...], str]:
        return (-self.verdict.rank, KINDS.index(self.kind), self.ids, self.field or "")

    def as_dict(self) -> dict[str, object]:
        """The change in the documented JSON shape."""
        loc = self.location
        return {
            "kind": self.kind,
            "action": self.action,
            "ids": list(self.ids),
            "field": self.field,
            "detail": self.detail,
            "verdict": self.verdict.value,
            "reason": self.reason,
            "file": loc.file if loc else None,
            "line": loc.line if loc else None,
            "pointer": loc.pointer if loc else None,
        }


@dataclass(frozen=True, slots=True)
class SpecDiff:
    """The changes between two versions, most severe first, and the findings that differ."""

    changes: tuple[Change, ...] = ()
    introduced: tuple[Finding, ...] = ()
    resolved: tuple[Finding, ...] = ()
    summary: Mapping[str, int] = field(default_factory=dict)
    # The worst verdict the introduced findings give on their own (None: none introduced).
    from_findings: Verdict | None = None

    def worst(self) -> Verdict | None:
        """The most severe verdict of the changes and the findings introduced, or None when
        nothing changed."""
        verdicts = [c.verdict for c in self.changes]
        if self.from_findings is not None:
            verdicts.append(self.from_findings)
        return max(verdicts, key=lambda v: v.rank, default=None)

    def findings_are_worse(self) -> bool:
        """True when the introduced findings give a worse verdict than every change."""
        if self.from_findings is None:
            return False
        changes = max((c.verdict.rank for c in self.changes), default=0)
        return self.from_findings.rank > changes

    def fails(self, fail_on: str) -> bool:
        """True when a change, or a finding introduced, is at least as severe as `fail_on`
        ('never' never fails)."""
        if fail_on == "never":
            return False
        worst = self.worst()
        return worst is not None and worst.rank >= Verdict(fail_on).rank


def diff_models(
    base: Model,
    head: Model,
    base_findings: Iterable[Finding] = (),
    head_findings: Iterable[Finding] = (),
    fail_on: str = "error",
) -> SpecDiff:
    """Every semantic change from `base` to `head`, with verdicts and the findings that differ.

    `fail_on` is the severity `check` fails on ("error", "warning", "info" or "never"): an
    introduced finding at or above it makes the change it is about breaking.
    """
    context = _Context(base, head)
    changes = [
        *_services(context),
        *_entities(context),
        *_owners(context),
        *_relationships(context),
        *_flows(context),
        *_apis(context),
    ]
    introduced, resolved = compare_findings(base_findings, head_findings)
    if introduced or resolved:
        changes = [_with_findings(context, c, introduced, resolved, fail_on) for c in changes]
    changes.sort(key=lambda change: change.sort_key)
    counts = Counter(change.verdict.value for change in changes)
    summary = {verdict.value: counts.get(verdict.value, 0) for verdict in Verdict}
    from_findings = max(
        (finding_verdict(f, fail_on) for f in introduced), key=lambda v: v.rank, default=None
    )
    return SpecDiff(tuple(changes), introduced, resolved, summary, from_findings)


def compare_findings(
    base: Iterable[Finding], head: Iterable[Finding]
) -> tuple[tuple[Finding, ...], tuple[Finding, ...]]:
    """(introduced, resolved): head findings beyond base's count of each fingerprint, and the
    base findings beyond head's."""
    base, head = list(base), list(head)
    return _beyond(head, Counter(f.fingerprint for f in base)), _beyond(
        base, Counter(f.fingerprint for f in head)
    )


def _beyond(findings: list[Finding], allowed: Counter[str]) -> tuple[Finding, ...]:
    seen: Counter[str] = Counter()
    extra = []
    for finding in findings:
        seen[finding.fingerprint] += 1
        if seen[finding.fingerprint] > allowed[finding.fingerprint]:
            extra.append(finding)
    return tuple(extra)


# Words ---------------------------------------------------------------------------------------


def quoted(ids: Iterable[str]) -> str:
    """'a', 'a' and 'b', or 'a', 'b' and 'c'."""
    items = [f"'{i}'" for i in ids]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def flow_label(flow: Flow) -> str:
    """e.g. `flow apply -> manage (copy)` or `flow oracle -> manage (api apply-api)`."""
    how = f"api {flow.api.id}" if flow.api is not None else flow.via
    return f"flow {flow.source.id} -> {flow.target.id} ({how})"


def _entities_of(flow: Flow) -> list[str]:
    return list(dict.fromkeys(ref.id for ref in flow.entities))


# The comparison ------------------------------------------------------------------------------


class _Context:
    """Both models and the facts about them that several verdicts need, computed once."""

    def __init__(self, base: Model, head: Model) -> None:
        self.base = base
        self.head = head
        self.base_live = _live_receipts(base)
        self.head_live = _live_receipts(head)
        # Indexes, so each verdict is a lookup rather than a scan of every flow.
        self._through = {id(base): _by_api(base), id(head): _by_api(head)}
        self.base_live_receivers = _receivers(self.base_live)
        self.head_live_receivers = _receivers(self.head_live)
        self.head_receivers = _receivers(head.receipts)
        self.head_received = _received(head.receipts)

    def through(self, model: Model, api_id: str) -> list[Flow]:
        """The flows of `model` (base or head) that go through API `api_id`."""
        return self._through[id(model)].get(api_id, [])

    def personal(self, model: Model, entity_id: str) -> bool:
        entity = model.entities.get(entity_id)
        return entity is not None and entity.personal_data

    def new_personal_copies(self, flow: Flow, entity_ids: Iterable[str]) -> tuple[Verdict, str]:
        """Risky when `flow` (in head) brings personal data to a service that did not get it."""
        target = flow.target.id
        outside, inside = [], []
        for entity_id in entity_ids:
            if not self.personal(self.head, entity_id):
                continue
            if self.base.receives(target, entity_id) or self.head.owner_of(entity_id) == target:
                continue
            (outside if self.head.is_outside(target) else inside).append(entity_id)
        if outside:
            return Verdict.RISKY, (
                f"personal data {quoted(outside)} newly leaves the boundary: '{target}' is "
                f"{_kind_words(self.head.services[target])}"
            )
        if inside:
            return Verdict.RISKY, f"a new copy of personal data {quoted(inside)} in '{target}'"
        return Verdict.SAFE, ""

    def lost(self, target: str, entity_ids: Iterable[str]) -> list[str]:
        """Of the entities a live flow brought to `target`, those head no longer delivers live."""
        return [e for e in entity_ids if (target, e) not in self.head_live]

    def api_consumers(self, model: Model, api: Api, live_only: bool = True) -> list[str]:
        """Services on the far side of flows through `api` (the side that is not its service)."""
        owner = api.service.id if api.service else None
        found: dict[str, None] = {}
        for flow in self.through(model, api.id):
            if live_only and flow.status != LIVE:
                continue
            other = flow.source.id if flow.target.id == owner else flow.target.id
            found[other] = None
        return list(found)

    def exposed(self, model: Model, api: Api) -> list[str]:
        """Personal entities `api` lists or that a flow sends through it."""
        found = {ref.id: None for ref in api.entities if self.personal(model, ref.id)}
        for flow in self.through(model, api.id):
            found.update((e, None) for e in _entities_of(flow) if self.personal(model, e))
        return list(found)


def _by_api(model: Model) -> dict[str, list[Flow]]:
    index: dict[str, list[Flow]] = defaultdict(list)
    for flow in model.flows:
        if flow.api is not None:
            index[flow.api.id].append(flow)
    return index


def _receivers(receipts: Iterable[tuple[str, str]]) -> dict[str, set[str]]:
    """entity id -> the services that receive it."""
    index: dict[str, set[str]] = defaultdict(set)
    for target, entity in receipts:
        index[entity].add(target)
    return index


def _received(receipts: Iterable[tuple[str, str]]) -> dict[str, set[str]]:
    """service id -> the entities it receives."""
    index: dict[str, set[str]] = defaultdict(set)
    for target, entity in receipts:
        index[target].add(entity)
    return index


def _live_receipts(model: Model) -> frozenset[tuple[str, str]]:
    return frozenset(
        (flow.target.id, ref.id)
        for flow in model.flows
        if flow.status == LIVE
        for ref in flow.entities
    )


def _kind_words(service: Service) -> str:
    return {"third-party": "a third party", "external": "an external system"}.get(
        service.kind, f"of kind '{service.kind}'"
    )


def _changed_values(pairs: Iterable[tuple[str, object, object]]) -> Iterable[tuple[str, str]]:
    for name, old, new in pairs:
        if old != new:
            yield name, f"{name}: {_shown(old)} -> {_shown(new)}"


def _shown(value: object) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, bool):
        return "true" if value else "false"
    return f"'{value}'"


# Services ------------------------------------------------------------------------------------


def _services(ctx: _Context) -> Iterable[Change]:
    base, head = ctx.base, ctx.head
    for sid in sorted(base.services.keys() | head.services.keys()):
        old, new = base.services.get(sid), head.services.get(sid)
        label = f"service '{sid}'"
        if new is None:
            assert old is not None
            consumers = sorted(
                {
                    f.target.id
                    for f in base.flows_out_of.get(sid, ())
                    if f.status == LIVE and f.target.id != sid and f.target.id in head.services
                }
            )
            verdict, reason = (
                (Verdict.BREAKING, f"{quoted(consumers)} received data from it")
                if consumers and old.status == LIVE
                else (Verdict.SAFE, "no remaining service received data from it")
            )
            yield Change(
                "service",
                REMOVED,
                (sid,),
                f"{label} removed",
                verdict,
                reason,
                location=old.location,
                services=(sid, *consumers),
            )
            continue
        if old is None:
            yield Change(
                "service",
                ADDED,
                (sid,),
                f"{label} added",
                Verdict.SAFE,
                "a new service changes nothing that existed",
                location=new.location,
                services=(sid,),
            )
            continue
        yield from _service_changes(ctx, old, new)


def _service_changes(ctx: _Context, old: Service, new: Service) -> Iterable[Change]:
    sid = new.id
    label = f"service '{sid}'"

    def change(name: str, detail: str, verdict: Verdict, reason: str) -> Change:
        return Change(
            "service",
            CHANGED,
            (sid,),
            f"{label} {detail}",
            verdict,
            reason,
            field=name,
            location=new.location,
            services=(sid,),
        )

    for name, detail in _changed_values(
        [("name", old.name, new.name), ("group", old.group, new.group)]
    ):
        yield change(name, detail, Verdict.SAFE, "a label only")
    if old.kind != new.kind:
        detail = f"kind: '{old.kind}' -> '{new.kind}'"
        personal = sorted(e for e in ctx.head_received.get(sid, ()) if ctx.personal(ctx.head, e))
        if old.inside_boundary and not new.inside_boundary and personal:
            yield change(
                "kind",
                detail,
                Verdict.RISKY,
                f"personal data {quoted(personal)} it receives now leaves the boundary",
            )
        elif old.inside_boundary and not new.inside_boundary:
            yield change(
                "kind",
                detail,
                Verdict.SAFE,
                "it leaves the boundary, but receives no personal data",
            )
        else:
            yield change("kind", detail, Verdict.SAFE, "it is not moving out of the boundary")
    if old.status != new.status:
        detail = f"status: '{old.status}' -> '{new.status}'"
        consumers = sorted(
            {f.target.id for f in ctx.head.flows_out_of.get(sid, ()) if f.status == LIVE}
        )
        if old.status == LIVE and new.status != LIVE and consumers:
            yield change(
                "status",
                detail,
                Verdict.BREAKING,
                f"live flows from it still feed {quoted(consumers)}",
            )
        else:
            yield change("status", detail, Verdict.SAFE, "no live flow depends on the change")
    for name, reason in (
        ("edits", "records which copies the service changes"),
        ("distributes", "records the designed distribution points"),
        ("creates", "records which records it creates in their owner"),
    ):
        parts = _id_set_change(getattr(old, name), getattr(new, name))
        if parts:
            yield change(name, f"{name}: {parts}", Verdict.SAFE, reason)


# Entities and owners ---------------------------------------------------------------------------


def _entities(ctx: _Context) -> Iterable[Change]:
    base, head = ctx.base, ctx.head
    for eid in sorted(base.entities.keys() | head.entities.keys()):
        old, new = base.entities.get(eid), head.entities.get(eid)
        label = f"entity '{eid}'"
        if new is None:
            assert old is not None
            receivers = sorted(
                {t for t in ctx.base_live_receivers.get(eid, ()) if t in head.services}
                - set(o.id for o in old.owners)
            )
            apis = sorted(a.id for a in base.apis.values() if eid in {r.id for r in a.entities})
            if old.status == LIVE and (receivers or apis):
                users = [*(f"'{r}'" for r in receivers), *(f"API '{a}'" for a in apis)]
                reason = f"{', '.join(users)} {'use' if len(users) > 1 else 'uses'} it"
                verdict = Verdict.BREAKING
            else:
                verdict, reason = Verdict.SAFE, "no remaining service received it"
            yield Change(
                "entity",
                REMOVED,
                (eid,),
                f"{label} removed",
                verdict,
                reason,
                location=old.location,
                services=tuple(receivers),
            )
            continue
        if old is None:
            yield Change(
                "entity",
                ADDED,
                (eid,),
                f"{label} added",
                Verdict.SAFE,
                "a new entity changes nothing that existed",
                location=new.location,
            )
            continue
        yield from _entity_changes(ctx, old, new)


def _entity_changes(ctx: _Context, old: Entity, new: Entity) -> Iterable[Change]:
    eid = new.id
    label = f"entity '{eid}'"

    def change(name: str, detail: str, verdict: Verdict, reason: str, services=()) -> Change:
        return Change(
            "entity",
            CHANGED,
            (eid,),
            f"{label} {detail}",
            verdict,
            reason,
            field=name,
            location=new.location,
            services=tuple(services),
        )

    for name, detail in _changed_values([("name", old.name, new.name)]):
        yield change(name, detail, Verdict.SAFE, "a label only")
    if old.personal_data != new.personal_data:
        detail = f"personal_data: {_shown(old.personal_data)} -> {_shown(new.personal_data)}"
        if not new.personal_data:
            yield change(
                "personal_data",
                detail,
                Verdict.RISKY,
                "the rules that protect personal data stop checking it",
            )
        else:
            public = sorted(
                a.id
                for a in ctx.head.apis.values()
                if a.visibility == PUBLIC and eid in ctx.exposed(ctx.head, a)
            )
            outside = sorted(t for t in ctx.head_receivers.get(eid, ()) if ctx.head.is_outside(t))
            if public:
                yield change(
                    "personal_data",
                    detail,
                    Verdict.BREAKING,
                    f"public API {quoted(public)} now exposes personal data",
                )
            elif outside:
                yield change(
                    "personal_data",
                    detail,
                    Verdict.RISKY,
                    f"personal data now leaves the boundary to {quoted(outside)}",
                    services=outside,
                )
            else:
                yield change(
                    "personal_data", detail, Verdict.SAFE, "it is now protected as personal data"
                )
    derived = _id_set_change(old.derived_from, new.derived_from)
    if derived:
        yield change(
            "derived_from",
            f"derived_from: {derived}",
            Verdict.SAFE,
            "records what its owner computes it from",
        )
    old_scopes = {o.service.id: (o.scope, o.until) for o in old.scoped_owners}
    new_scopes = {o.service.id: (o.scope, o.until) for o in new.scoped_owners}
    for owner in sorted(old_scopes.keys() & new_scopes.keys()):
        (old_scope, old_until), (new_scope, new_until) = old_scopes[owner], new_scopes[owner]
        if old_scope != new_scope:
            yield change(
                "scope",
                f"scope of owner '{owner}': {_shown(old_scope)} -> {_shown(new_scope)}",
                Verdict.RISKY,
                f"which records '{owner}' owns changes: copies may now come from the wrong owner",
                services=(owner,),
            )
        if old_until != new_until:
            yield change(
                "until",
                f"until of owner '{owner}': {_shown(old_until)} -> {_shown(new_until)}",
                Verdict.SAFE,
                "the end of a transitional split",
                services=(owner,),
            )
    if old.status != new.status:
        detail = f"status: '{old.status}' -> '{new.status}'"
        carriers = sorted(ctx.head_live_receivers.get(eid, ()))
        if old.status == LIVE and new.status != LIVE and carriers:
            yield change(
                "status",
                detail,
                Verdict.RISKY,
                f"live flows still carry it to {quoted(carriers)}",
                services=carriers,
            )
        else:
            yield change("status", detail, Verdict.SAFE, "no live flow carries it")


def _id_set_change(old: Iterable[Ref], new: Iterable[Ref]) -> str:
    """'+a -b': the ids added to and removed from a list of references ('' when the same)."""
    before, after = {ref.id for ref in old}, {ref.id for ref in new}
    parts = [f"+{e}" for e in sorted(after - before)] + [f"-{e}" for e in sorted(before - after)]
    return " ".join(parts)


def _owners(ctx: _Context) -> Iterable[Change]:
    base, head = ctx.base, ctx.head
    for eid in sorted(base.entities.keys() & head.entities.keys()):
        old, new = base.entities[eid], head.entities[eid]
        before = sorted({ref.id for ref in old.owners})
        after = sorted({ref.id for ref in new.owners})
        location = new.owner_location or new.location
        label = f"owner of entity '{eid}'"
        if before and not after:
            yield Change(
                "owner",
                REMOVED,
                (eid,),
                f"{label} removed (was {quoted(before)})",
                Verdict.BREAKING,
                f"'{eid}' has no owner: nobody is responsible for it",
                location=location,
                services=tuple(before),
            )
        elif after and not before:
            yield Change(
                "owner",
                ADDED,
                (eid,),
                f"{label} set to {quoted(after)}",
                Verdict.SAFE,
                "the entity gains an owner",
                location=location,
                services=tuple(after),
            )
        elif before != after:
            yield Change(
                "owner",
                CHANGED,
                (eid,),
                f"{label}: {quoted(before)} -> {quoted(after)}",
                Verdict.RISKY,
                f"responsibility for the data moves: every copy must now come from {quoted(after)}",
                location=location,
                services=(*before, *after),
            )
        else:
            gone = [o for o in after if o in base.services and o not in head.services]
            if gone:
                yield Change(
                    "owner",
                    REMOVED,
                    (eid,),
                    f"{label} {quoted(gone)} removed from the spec",
                    Verdict.BREAKING,
                    f"'{eid}' has lost its owner: {quoted(gone)} no longer exists",
                    location=location,
                    services=tuple(gone),
                )


# Relationships ---------------------------------------------------------------------------------


@dataclass
class _Rel:
    name: str
    source: str
    target: str
    definers: set[str]
    location: Location


def _relationship_index(model: Model) -> dict[tuple[str, frozenset[str]], _Rel]:
    index: dict[tuple[str, frozenset[str]], _Rel] = {}
    for rel in model.relationships:
        key = (" ".join(rel.name.casefold().split()), frozenset({rel.source.id, rel.target.id}))
        found = index.get(key)
        if found is None:
            found = index[key] = _Rel(rel.name, rel.source.id, rel.target.id, set(), rel.location)
        found.definers.update(ref.id for ref in rel.defined_by)
    return index


def _relationships(ctx: _Context) -> Iterable[Change]:
    before, after = _relationship_index(ctx.base), _relationship_index(ctx.head)
    for key in sorted(before.keys() | after.keys(), key=lambda k: (k[0], sorted(k[1]))):
        old, new = before.get(key), after.get(key)
        shown = new or old
        assert shown is not None
        ids = (shown.name, shown.source, shown.target)
        label = f"relationship '{shown.name}' ({shown.source} -> {shown.target})"
        if new is None:
            yield Change(
                "relationship",
                REMOVED,
                ids,
                f"{label} removed",
                Verdict.SAFE,
                "no flow or API depends on a relationship",
                location=shown.location,
                services=tuple(sorted(shown.definers)),
            )
        elif old is None:
            yield Change(
                "relationship",
                ADDED,
                ids,
                f"{label} added",
                Verdict.SAFE,
                "a new relationship changes nothing that existed",
                location=new.location,
                services=tuple(sorted(new.definers)),
            )
        else:
            if old.definers != new.definers:
                parts = [f"+{s}" for s in sorted(new.definers - old.definers)]
                parts += [f"-{s}" for s in sorted(old.definers - new.definers)]
                yield Change(
                    "relationship",
                    CHANGED,
                    ids,
                    f"{label} defined_by: {' '.join(parts)}",
                    Verdict.SAFE,
                    "who creates it changes",
                    field="defined_by",
                    location=new.location,
                    services=tuple(sorted(old.definers ^ new.definers)),
                )
            if (old.source, old.target) != (new.source, new.target) or old.name != new.name:
                yield Change(
                    "relationship",
                    CHANGED,
                    ids,
                    f"{label} rewritten (was '{old.name}' ({old.source} -> {old.target}))",
                    Verdict.SAFE,
                    "the same relationship, reworded",
                    field="name",
                    location=new.location,
                )


# Flows -----------------------------------------------------------------------------------------


def _flow_key(flow: Flow) -> tuple[str, str, str, str]:
    return (flow.source.id, flow.target.id, flow.via, flow.api.id if flow.api else "")


def _flow_ids(flow: Flow) -> tuple[str, ...]:
    return _flow_key(flow) if flow.api else _flow_key(flow)[:3]


def _pair_flows(base: Model, head: Model) -> tuple[list[tuple[Flow, Flow]], list[Flow], list[Flow]]:
    """(matched pairs, removed, added): by full identity, then by (from, to)."""
    pairs: list[tuple[Flow, Flow]] = []
    waiting: dict[tuple[str, ...], list[Flow]] = defaultdict(list)
    for flow in base.flows:
        waiting[_flow_key(flow)].append(flow)
    unmatched_head = []
    for flow in head.flows:
        queue = waiting.get(_flow_key(flow))
        if queue:
            pairs.append((queue.pop(0), flow))
        else:
            unmatched_head.append(flow)
    by_ends: dict[tuple[str, str], list[Flow]] = defaultdict(list)
    for queue in waiting.values():
        for flow in queue:
            by_ends[(flow.source.id, flow.target.id)].append(flow)
    for queue in by_ends.values():
        queue.sort(key=lambda f: (f.location.file, f.index))
    added = []
    for flow in unmatched_head:
        queue = by_ends.get((flow.source.id, flow.target.id))
        if queue:
            pairs.append((queue.pop(0), flow))
        else:
            added.append(flow)
    removed = [flow for queue in by_ends.values() for flow in queue]
    return pairs, removed, added


def _flows(ctx: _Context) -> Iterable[Change]:
    pairs, removed, added = _pair_flows(ctx.base, ctx.head)
    for flow in removed:
        entities = _entities_of(flow)
        target = flow.target.id
        detail = f"{flow_label(flow)} removed (it carried {quoted(entities)})"
        lost = ctx.lost(target, entities)
        if flow.status != LIVE:
            verdict, reason = Verdict.SAFE, f"it was {flow.status}: nothing relied on it yet"
        elif target not in ctx.head.services:
            verdict, reason = Verdict.SAFE, f"its consumer '{target}' was removed too"
        elif not lost:
            verdict = Verdict.SAFE
            reason = f"'{target}' still receives {quoted(entities)} through other flows"
        else:
            verdict, reason = Verdict.BREAKING, f"'{target}' relies on it for {quoted(lost)}"
        yield Change(
            "flow",
            REMOVED,
            _flow_ids(flow),
            detail,
            verdict,
            reason,
            location=flow.location,
            services=(flow.source.id, target),
        )
    for flow in added:
        entities = _entities_of(flow)
        verdict, reason = ctx.new_personal_copies(flow, entities)
        if verdict is Verdict.SAFE:
            reason = "no personal data reaches a service that did not have it"
        yield Change(
            "flow",
            ADDED,
            _flow_ids(flow),
            f"{flow_label(flow)} added (carrying {quoted(entities)})",
            verdict,
            reason,
            location=flow.location,
            services=(flow.source.id, flow.target.id),
        )
    for flow in added:
        note = _past_until(ctx, flow)
        if note is not None:
            yield note
    for old, new in pairs:
        changes = list(_flow_changes(ctx, old, new))
        yield from changes
        note = _past_until(ctx, new) if changes else None
        if note is not None and not any(c.field == "until" for c in changes):
            yield note


def _flow_changes(ctx: _Context, old: Flow, new: Flow) -> Iterable[Change]:
    label = flow_label(new)
    target = new.target.id
    ends = (new.source.id, target)

    def change(name: str, detail: str, verdict: Verdict, reason: str) -> Change:
        return Change(
            "flow",
            CHANGED,
            _flow_ids(new),
            f"{label} {detail}",
            verdict,
            reason,
            field=name,
            location=new.location,
            services=ends,
        )

    if _flow_key(old) != _flow_key(new):
        yield Change(
            "flow",
            CHANGED,
            _flow_ids(new),
            f"flow {new.source.id} -> {target} now goes {_how(new)} (was {_how(old)})",
            Verdict.SAFE,
            f"the same data reaches '{target}' another way",
            field="via",
            location=new.location,
            services=ends,
        )
    before, after = _entities_of(old), _entities_of(new)
    dropped = [e for e in before if e not in after]
    gained = [e for e in after if e not in before]
    if dropped:
        lost = ctx.lost(target, dropped)
        detail = f"no longer carries {quoted(dropped)}"
        if old.status == LIVE and lost:
            yield change(
                "entities", detail, Verdict.BREAKING, f"'{target}' relies on it for {quoted(lost)}"
            )
        elif old.status == LIVE:
            yield change(
                "entities",
                detail,
                Verdict.SAFE,
                f"'{target}' still receives {quoted(dropped)} through other flows",
            )
        else:
            yield change(
                "entities",
                detail,
                Verdict.SAFE,
                f"the flow was {old.status}: nothing relied on it yet",
            )
    if gained:
        verdict, reason = ctx.new_personal_copies(new, gained)
        yield change(
            "entities",
            f"now also carries {quoted(gained)}",
            verdict,
            reason or "no personal data reaches a service that did not have it",
        )
    if old.status != new.status:
        detail = f"status: '{old.status}' -> '{new.status}'"
        lost = ctx.lost(target, [e for e in before if e in after])
        if old.status == LIVE and new.status != LIVE and lost and target in ctx.head.services:
            yield change(
                "status", detail, Verdict.BREAKING, f"'{target}' relies on it for {quoted(lost)}"
            )
        else:
            yield change("status", detail, Verdict.SAFE, "no consumer loses data it relied on")
    if old.purpose != new.purpose:
        yield change(
            "purpose",
            f"purpose: {_shown(old.purpose)} -> {_shown(new.purpose)}",
            Verdict.SAFE,
            "a description only",
        )
    yield from _format_1_1_flow_changes(ctx, old, new, change)


# What no longer reaching the receiver costs, by operation a flow stops passing on.
_LOST_OPERATION = {
    "delete": "records deleted at the source now live on in '{0}'",
    "update": "changes at the source no longer reach '{0}'",
    "create": "new records at the source no longer reach '{0}'",
}


def _format_1_1_flow_changes(
    ctx: _Context, old: Flow, new: Flow, change: Callable[[str, str, Verdict, str], Change]
) -> Iterable[Change]:
    """The changes to a flow's format 1.1 fields, and a note when its `until` has passed."""
    target = new.target.id
    if old.operations != new.operations:
        detail = f"operations: [{', '.join(old.operations)}] -> [{', '.join(new.operations)}]"
        lost = [op for op in old.operations if op not in new.operations]
        if lost:
            reason = "; ".join(_LOST_OPERATION[op].format(target) for op in lost)
            yield change("operations", detail, Verdict.RISKY, reason)
        else:
            yield change("operations", detail, Verdict.SAFE, "it passes on more kinds of change")
    if old.reconciliation != new.reconciliation:
        detail = f"reconciliation: {_shown(old.reconciliation)} -> {_shown(new.reconciliation)}"
        if old.reconciliation and not new.reconciliation:
            yield change(
                "reconciliation",
                detail,
                Verdict.RISKY,
                f"nothing is said to repair drift in the copy in '{target}' any more",
            )
        else:
            yield change("reconciliation", detail, Verdict.SAFE, "what repairs drift in the copy")
    if old.delivery != new.delivery:
        detail = f"delivery: {_shown(old.delivery)} -> {_shown(new.delivery)}"
        if new.delivery == "best-effort":
            yield change(
                "delivery",
                detail,
                Verdict.RISKY,
                f"a failed delivery is no longer retried: '{target}' may keep stale data",
            )
        else:
            yield change("delivery", detail, Verdict.SAFE, "deliveries are at least as reliable")
    for name, reason in (
        ("frequency", "when data moves: a description"),
        ("stores", "whether the receiver keeps a copy: the findings tell what it changes"),
        ("until", "when a temporary flow ends"),
    ):
        before, after = getattr(old, name), getattr(new, name)
        if before != after:
            yield change(name, f"{name}: {_shown(before)} -> {_shown(after)}", Verdict.SAFE, reason)


def _past_until(ctx: _Context, flow: Flow) -> Change | None:
    """A note on a changed or added flow whose `until` date has passed in the head version."""
    today = ctx.head.today
    if flow.until is None or today is None or flow.until >= today or flow.status == "retired":
        return None
    return Change(
        "flow",
        CHANGED,
        _flow_ids(flow),
        f"{flow_label(flow)} was to end on {flow.until}, which has passed ({today})",
        Verdict.SAFE,
        "noted: retire the flow, or set a new 'until' if it is still needed (FL113)",
        field=PAST_UNTIL,
        location=flow.location,
        services=(flow.source.id, flow.target.id),
    )


def _how(flow: Flow) -> str:
    return f"through API '{flow.api.id}'" if flow.api else f"by {flow.via}"


# APIs ------------------------------------------------------------------------------------------

_DIRECTIONS = {"read": {"read"}, "write": {"write"}, "read-write": {"read", "write"}}


def _apis(ctx: _Context) -> Iterable[Change]:
    base, head = ctx.base, ctx.head
    for aid in sorted(base.apis.keys() | head.apis.keys()):
        old, new = base.apis.get(aid), head.apis.get(aid)
        label = f"API '{aid}'"
        if new is None:
            assert old is not None
            users = ctx.api_consumers(base, old)
            owner = (old.service.id,) if old.service else ()
            if old.status == LIVE and users:
                verdict = Verdict.BREAKING
                reason = f"{quoted(users)} {'uses' if len(users) == 1 else 'use'} it"
            elif old.status == LIVE and old.visibility == PUBLIC:
                verdict = Verdict.BREAKING
                reason = "it was public: callers outside the spec may rely on it"
            else:
                verdict, reason = Verdict.SAFE, "no live flow used it"
            yield Change(
                "api",
                REMOVED,
                (aid,),
                f"{label} removed",
                verdict,
                reason,
                location=old.location,
                services=(*owner, *users),
            )
            continue
        owner = (new.service.id,) if new.service else ()
        if old is None:
            exposed = ctx.exposed(head, new)
            if new.visibility == PUBLIC and exposed:
                verdict = Verdict.BREAKING
                reason = f"a public API that exposes personal data {quoted(exposed)}"
            else:
                verdict, reason = Verdict.SAFE, "a new API changes nothing that existed"
            yield Change(
                "api",
                ADDED,
                (aid,),
                f"{label} added",
                verdict,
                reason,
                location=new.location,
                services=owner,
            )
            continue
        yield from _api_changes(ctx, old, new)


def _api_changes(ctx: _Context, old: Api, new: Api) -> Iterable[Change]:
    aid = new.id
    label = f"API '{aid}'"
    owner = (new.service.id,) if new.service else ()

    def change(name: str, detail: str, verdict: Verdict, reason: str, services=()) -> Change:
        return Change(
            "api",
            CHANGED,
            (aid,),
            f"{label} {detail}",
            verdict,
            reason,
            field=name,
            location=new.location,
            services=(*owner, *services),
        )

    for name, detail in _changed_values(
        [("name", old.name, new.name), ("docs", old.docs, new.docs)]
    ):
        yield change(name, detail, Verdict.SAFE, "documentation only")
    if old.visibility != new.visibility:
        detail = f"visibility: {_shown(old.visibility)} -> {_shown(new.visibility)}"
        exposed = ctx.exposed(ctx.head, new)
        if new.visibility == PUBLIC and exposed:
            yield change(
                "visibility",
                detail,
                Verdict.BREAKING,
                f"it becomes public while it exposes personal data {quoted(exposed)}",
            )
        elif old.visibility == PUBLIC and old.status == LIVE:
            yield change(
                "visibility", detail, Verdict.RISKY, "callers outside the spec may lose access"
            )
        else:
            yield change("visibility", detail, Verdict.SAFE, "it exposes no personal data")
    before = list(dict.fromkeys(ref.id for ref in old.entities))
    after = list(dict.fromkeys(ref.id for ref in new.entities))
    dropped = [e for e in before if e not in after]
    gained = [e for e in after if e not in before]
    if dropped:
        used = {e for f in ctx.through(ctx.base, aid) if f.status == LIVE for e in _entities_of(f)}
        relied = [e for e in dropped if e in used]
        if old.status == LIVE and relied:
            yield change(
                "entities",
                f"no longer offers {quoted(dropped)}",
                Verdict.BREAKING,
                f"live flows through it carried {quoted(relied)}",
                ctx.api_consumers(ctx.base, old),
            )
        elif old.status == LIVE and old.visibility == PUBLIC:
            yield change(
                "entities",
                f"no longer offers {quoted(dropped)}",
                Verdict.BREAKING,
                "it is public: callers outside the spec may rely on them",
            )
        else:
            yield change(
                "entities",
                f"no longer offers {quoted(dropped)}",
                Verdict.SAFE,
                "no live flow through it carried them",
            )
    if gained:
        personal = [e for e in gained if ctx.personal(ctx.head, e)]
        if new.visibility == PUBLIC and personal:
            yield change(
                "entities",
                f"now also offers {quoted(gained)}",
                Verdict.BREAKING,
                f"a public API now exposes personal data {quoted(personal)}",
            )
        else:
            yield change(
                "entities",
                f"now also offers {quoted(gained)}",
                Verdict.SAFE,
                "no personal data becomes public",
            )
    if old.access != new.access:
        detail = f"access: {_shown(old.access)} -> {_shown(new.access)}"
        lost_directions = _DIRECTIONS.get(old.access or "", set()) - _DIRECTIONS.get(
            new.access or "", set()
        )
        broken = [
            f
            for f in ctx.through(ctx.head, aid)
            if f.status == LIVE and new.service and _direction(f, new.service.id) in lost_directions
        ]
        if broken and new.access is not None:
            yield change(
                "access",
                detail,
                Verdict.BREAKING,
                f"live {flow_label(broken[0])} "
                f"{'reads' if _direction(broken[0], owner[0]) == 'read' else 'writes'}"
                " through it",
                ctx.api_consumers(ctx.head, new),
            )
        else:
            yield change("access", detail, Verdict.SAFE, "no live flow uses a direction it loses")
    old_owner = old.service.id if old.service else None
    new_owner = new.service.id if new.service else None
    if old_owner != new_owner:
        users = ctx.api_consumers(ctx.base, old)
        detail = f"service: {_shown(old_owner)} -> {_shown(new_owner)}"
        if users:
            yield change(
                "service",
                detail,
                Verdict.RISKY,
                f"{quoted(users)} must now reach it at another service",
                users,
            )
        else:
            yield change("service", detail, Verdict.SAFE, "no live flow goes through it")
    if old.status != new.status:
        detail = f"status: '{old.status}' -> '{new.status}'"
        users = ctx.api_consumers(ctx.head, new)
        if old.status == LIVE and new.status != LIVE and users:
            yield change(
                "status",
                detail,
                Verdict.BREAKING,
                f"live flows of {quoted(users)} still go through it",
                users,
            )
        else:
            yield change("status", detail, Verdict.SAFE, "no live flow depends on the change")


def _direction(flow: Flow, api_service: str) -> str:
    """'read' for data leaving the API's service, 'write' for data entering it."""
    return "write" if flow.target.id == api_service else "read"


# Findings a change introduces or resolves -------------------------------------------------------

_FAIL_LEVELS = {"error": Severity.ERROR, "warning": Severity.WARNING, "info": Severity.INFO}


def finding_verdict(finding: Finding, fail_on: str = "error") -> Verdict:
    """How bad introducing `finding` is: breaking when `check` fails on it (its severity is at or
    above `fail_on`), risky for another error or warning, else safe."""
    gate = _FAIL_LEVELS.get(fail_on)
    if gate is not None and finding.severity.rank >= gate.rank:
        return Verdict.BREAKING
    if finding.severity.rank >= Severity.WARNING.rank:
        return Verdict.RISKY
    return Verdict.SAFE


def _with_findings(
    ctx: _Context,
    change: Change,
    introduced: Sequence[Finding],
    resolved: Sequence[Finding],
    fail_on: str,
) -> Change:
    """`change` with the findings about it: its verdict raised by those it introduces, and its
    reason naming those it introduces and resolves."""
    about = _about(ctx, change)
    if about is None:
        return change
    new = [f for f in introduced if f.subject and about(f.subject)]
    gone = [f for f in resolved if f.subject and about(f.subject)]
    if not new and not gone:
        return change
    verdict = max(
        (change.verdict, *(finding_verdict(f, fail_on) for f in new)), key=lambda v: v.rank
    )
    failing = [f for f in new if finding_verdict(f, fail_on) is Verdict.BREAKING]
    others = [f for f in new if f not in failing]
    notes = []
    if failing:
        notes.append(f"it introduces findings that check fails on: {_counted(failing)}")
    if others:
        notes.append(f"it {'also ' if failing else ''}introduces {_counted(others)}")
    if gone:
        notes.append(f"it resolves {_counted(gone)}")
    reason = "; ".join([change.reason, *notes])
    return dataclasses.replace(change, verdict=verdict, reason=reason)


def _counted(findings: Sequence[Finding]) -> str:
    """e.g. `2 FL101 single-owner errors and 1 FL104 copy-chain info finding`."""
    counts = Counter((f.severity.rank, f.code, f.rule, f.severity.value) for f in findings)
    parts = []
    for (_, code, rule, severity), n in sorted(counts.items(), key=lambda i: (-i[0][0], i[0])):
        noun = "info finding" if severity == Severity.INFO.value else severity
        parts.append(f"{n} {code} {rule} {noun}{'' if n == 1 else 's'}")
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"


Subject = tuple[str, ...]


def _about(ctx: _Context, change: Change) -> Callable[[Subject], bool] | None:
    """Whether a finding's subject (the ids it is about, see each rule) is about what `change`
    changed; None for changes that cannot introduce or resolve findings (labels).

    Subjects name things by id: ("entity", e, ...), ("service", s, "entity"|"edits", e),
    ("relationship", a, b, name, ...), ("flow", from, to, ...), ("api", a, ...).
    """
    kind, ids, name = change.kind, change.ids, change.field
    if (name in ("name", "group", "purpose") and kind != "flow") or name == PAST_UNTIL:
        return None
    if kind == "service":
        sid = ids[0]
        if name == "edits":
            return lambda s: s[:3] == ("service", sid, "edits")
        return lambda s: s[:2] == ("service", sid) or (s[0] == "flow" and sid in s[1:3])
    if kind in ("entity", "owner"):
        return _about_entities({ids[0]})
    if kind == "relationship":
        first, second = sorted(ids[1:3])
        key = ("relationship", first, second, normalized_name(ids[0]))
        return lambda s: s[:4] == key
    if kind == "flow":
        source, target = ids[0], ids[1]
        if name == "purpose":
            return lambda s: s[:3] == ("flow", source, target)
        before, after = (
            {
                ref.id
                for flow in model.flows_out_of.get(source, ())
                if flow.target.id == target
                for ref in flow.entities
            }
            for model in (ctx.base, ctx.head)
        )
        if name == "via":
            return lambda s: s[:3] == ("flow", source, target)
        # A flow that now carries more or less is about the entities it gained or dropped.
        carried = before ^ after if name == "entities" else before | after
        entities = _about_entities(carried)
        return lambda s: (
            s[:3] == ("flow", source, target)
            or s in (("service", source), ("service", target))
            or (s[0] == "entity" and len(s) == 2 and s[1] in carried)
            or (s[0] == "service" and len(s) >= 4 and s[2] in ("entity", "edits") and entities(s))
            or (s[0] == "relationship" and len(s) == 6 and s[4] == target and s[5] in carried)
        )
    if kind == "api":
        aid = ids[0]
        return lambda s: s[:2] == ("api", aid) or (s[0] == "flow" and s[-2:] == ("api", aid))
    return None


def _about_entities(entity_ids: set[str]) -> Callable[[Subject], bool]:
    """Subjects about one of `entity_ids`: the entity itself, a service holding or editing it, an
    API or a flow carrying it, a relationship defined over it by a service that does not hold it."""

    def about(s: Subject) -> bool:
        head = s[0]
        if head == "entity":
            return len(s) >= 2 and s[1] in entity_ids
        if head == "service":
            return len(s) >= 4 and s[2] in ("entity", "edits") and s[3] in entity_ids
        if head == "api":
            return len(s) >= 4 and s[2] == "personal" and s[3] in entity_ids
        if head == "flow":
            return any(e in entity_ids for e in s[3:])
        if head == "relationship":  # (relationship, a, b, name, definer, entity) of FL202
            return len(s) == 6 and s[5] in entity_ids
        return False

    return about
