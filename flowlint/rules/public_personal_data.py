"""A public API carries no personal data.

Why: anyone can call a public API, so personal data served or accepted by one is published. On the
Becoming a teacher page the public API (Publish's) carries only course and provider data, while the
APIs that handle applications and trainees are private. An entity marked `personal_data` listed in
a public API, or sent through one by a flow, is a data-protection breach waiting to happen.

Fails:
    flowlint: 1
    services:
      apply: {name: Apply for teacher training}
      manage: {name: Manage teacher training applications}
    entities:
      application: {owner: apply, personal_data: true}
    flows:
      - {from: apply, to: manage, entities: [application]}
    apis:
      apply-api:
        name: Apply for teacher training API
        service: apply
        access: read-write
        visibility: public
        docs: https://www.apply-for-teacher-training.service.gov.uk/api-docs
        entities: [application]

Passes:
    flowlint: 1
    services:
      apply: {name: Apply for teacher training}
      manage: {name: Manage teacher training applications}
    entities:
      application: {owner: apply, personal_data: true}
    flows:
      - {from: apply, to: manage, entities: [application]}
    apis:
      apply-api:
        name: Apply for teacher training API
        service: apply
        access: read-write
        visibility: private
        docs: https://www.apply-for-teacher-training.service.gov.uk/api-docs
        entities: [application]

Fix: make the API `visibility: private` (with access control), or remove the personal entity from
it and serve personal data through a private API.
"""

from collections.abc import Iterator

from flowlint.api import Flow, Model, Problem, Ref, quoted

CODE, NAME, SEVERITY = "FL302", "public-personal-data", "error"

PUBLIC = "public"


def check(model: Model) -> Iterator[Problem]:
    """One problem per (public API, personal entity): at the API's `entities` item when the API
    lists it, otherwise at the first flow that sends it through the API."""
    reported: set[tuple[str, str]] = set()
    for api in model.apis.values():
        if api.visibility != PUBLIC:
            continue
        for ref in api.entities:
            if not _personal(model, ref) or (api.id, ref.id) in reported:
                continue
            reported.add((api.id, ref.id))
            yield Problem(
                ref.location,
                f"public API {quoted(api.id)} carries personal entity {quoted(ref.id)}; make the "
                f"API 'visibility: private', or remove {quoted(ref.id)} from it",
                ("api", api.id, "personal", ref.id),
            )
    # Flows through a public API carrying personal data the API does not list: one problem per
    # (API, entity), at the first such flow, naming how many others there are.
    through: dict[tuple[str, str], list[tuple[Flow, Ref]]] = {}
    for flow in model.flows:
        if flow.api is None:
            continue
        api = model.apis.get(flow.api.id)
        if api is None or api.visibility != PUBLIC:
            continue
        for ref in flow.entities:
            key = (api.id, ref.id)
            if _personal(model, ref) and key not in reported:
                uses = through.setdefault(key, [])
                if not uses or uses[-1][0] is not flow:
                    uses.append((flow, ref))
    for (api_id, entity_id), uses in through.items():
        flow, ref = uses[0]
        others = len(uses) - 1
        more = f" (and {others} more flow{'s' if others > 1 else ''})" if others else ""
        yield Problem(
            ref.location,
            f"{flow.label} sends personal entity {quoted(entity_id)} through public API "
            f"{quoted(api_id)}{more}; make {quoted(api_id)} 'visibility: private', or send "
            f"{quoted(entity_id)} another way",
            ("api", api_id, "personal", entity_id),
        )


def _personal(model: Model, ref: Ref) -> bool:
    entity = model.entities.get(ref.id)
    return entity is not None and entity.personal_data
