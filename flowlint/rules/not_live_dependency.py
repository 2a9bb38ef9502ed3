"""A live flow depends only on live services, entities and APIs.

Why: a flow marked live says data moves today. If one of its ends, an entity it carries or the API
it goes through is planned, in development or retired, the flow cannot be running as described:
either the status of the flow is wrong or the spec has fallen behind. The Becoming a teacher page
says the `mentor` entity exists only "in the future" and that Register's API is in development, so
flows that need them are planned too.

Fails:
    flowlint: 1
    services:
      placements: {name: Manage school placements}
      claims: {name: Claim funding for mentor training}
    entities:
      mentor: {owner: placements, personal_data: true, status: planned}
    flows:
      - {from: placements, to: claims, entities: [mentor]}

Passes:
    flowlint: 1
    services:
      placements: {name: Manage school placements}
      claims: {name: Claim funding for mentor training}
    entities:
      mentor: {owner: placements, personal_data: true, status: planned}
    flows:
      - {from: placements, to: claims, entities: [mentor], status: planned}

Fix: give the flow the status of what it depends on (`status: planned` until that is live, or
`retired` when it has gone), or correct the status of the service, entity or API if it is live.
"""

from collections.abc import Iterator, Mapping

from flowlint.api import LIVE, Api, Entity, Flow, Model, Problem, Ref, Service, quoted

CODE, NAME, SEVERITY = "FL304", "not-live-dependency", "warning"

# Statuses that are not live, by kind; any other value is a schema finding (FL003), not ours.
_NOT_LIVE = {
    "service": frozenset({"planned", "retired"}),
    "entity": frozenset({"planned", "retired"}),
    "API": frozenset({"planned", "in-development", "retired"}),
}


def check(model: Model) -> Iterator[Problem]:
    """One problem per (live flow, dependency that is not live), at the dependency's reference."""
    reported: set[tuple[str, ...]] = set()
    # Most flows depend only on live things: the ids of what is not live find those quickly.
    not_live_services = _not_live(model.services, "service")
    not_live_entities = _not_live(model.entities, "entity")
    not_live_apis = _not_live(model.apis, "API")
    for flow in model.flows:
        if flow.status != LIVE:
            continue
        if (
            flow.source.id not in not_live_services
            and flow.target.id not in not_live_services
            and (flow.api is None or flow.api.id not in not_live_apis)
            and (not not_live_entities or all(r.id not in not_live_entities for r in flow.entities))
        ):
            continue
        entities = sorted(dict.fromkeys(ref.id for ref in flow.entities))
        for kind, role, ref in _dependencies(flow):
            status = _status(model, kind, ref.id)
            if status not in _NOT_LIVE[kind]:
                continue
            subject = ("flow", flow.source.id, flow.target.id, *entities, kind.lower(), ref.id)
            if subject in reported:
                continue
            reported.add(subject)
            yield Problem(ref.location, _message(flow, role, kind, ref.id, status), subject)


def _not_live(table: Mapping[str, Service | Entity | Api], kind: str) -> frozenset[str]:
    return frozenset(ident for ident, thing in table.items() if thing.status in _NOT_LIVE[kind])


def _dependencies(flow: Flow) -> Iterator[tuple[str, str, Ref]]:
    yield "service", "comes from", flow.source
    if flow.target.id != flow.source.id:
        yield "service", "goes to", flow.target
    for ref in flow.entities:
        yield "entity", "carries", ref
    if flow.api is not None:
        yield "API", "goes through", flow.api


def _status(model: Model, kind: str, ident: str) -> str | None:
    """The declared status, or None for an undeclared id (FL004 reports it)."""
    table = {"service": model.services, "entity": model.entities, "API": model.apis}[kind]
    thing = table.get(ident)
    return thing.status if thing is not None else None


def _message(flow: Flow, role: str, kind: str, ident: str, status: str) -> str:
    if status == "retired":
        fix = (
            f"retire the flow too ('status: retired'), or change it to use what replaced "
            f"{quoted(ident)}"
        )
    else:
        fix = (
            f"mark the flow 'status: planned' until {quoted(ident)} is live, or correct its status"
        )
    return f"{flow.label} is live but {role} {status} {kind} {quoted(ident)}; {fix}"
