"""A flow through an API carries only entities the API lists.

Why: an API's `entities` say what it offers or accepts: its contract, which its documentation,
access control and personal-data checks (FL302) go by. A flow that says it goes through the API
but carries an entity the API does not list is either wrong about the data or wrong about the
channel: data is moving through an interface that does not say it handles it.

Fails:
    flowlint: 1.1
    services:
      trs: {name: Teaching Record System}
      aytq: {name: Access your teaching qualifications}
    entities:
      person: {owner: trs}
      alert: {owner: trs}
    apis:
      trs-api:
        name: TRS API
        service: trs
        access: read
        docs: https://example.org/trs-api
        entities: [person]
    flows:
      - {from: trs, to: aytq, entities: [person, alert], via: api, api: trs-api}

Passes:
    flowlint: 1.1
    services:
      trs: {name: Teaching Record System}
      aytq: {name: Access your teaching qualifications}
    entities:
      person: {owner: trs}
      alert: {owner: trs}
    apis:
      trs-api:
        name: TRS API
        service: trs
        access: read
        docs: https://example.org/trs-api
        entities: [person, alert]
    flows:
      - {from: trs, to: aytq, entities: [person, alert], via: api, api: trs-api}

Fix: add the entity to the API's `entities`, or correct the flow's entities or its `api`.
"""

from collections.abc import Iterator

from flowlint.api import Model, Problem, quoted, quoted_list

CODE, NAME, SEVERITY = "FL306", "api-entity-mismatch", "warning"

RETIRED = "retired"


def check(model: Model) -> Iterator[Problem]:
    """One problem per (flow, entity) carried through an API that lists entities but not this
    one, at the entity in the flow."""
    for flow in model.flows:
        if flow.api is None or flow.status == RETIRED:
            continue
        api = model.apis.get(flow.api.id)
        if api is None or not api.entities:
            continue  # unknown API (FL004), or one that does not say what it carries
        if api.service is not None and api.service.id not in (flow.source.id, flow.target.id):
            continue  # the API of neither end: the flow names the wrong API (FL303)
        listed = list(dict.fromkeys(ref.id for ref in api.entities))
        seen: set[str] = set()
        for ref in flow.entities:
            entity_id = ref.id
            if entity_id in seen or entity_id in listed or entity_id not in model.entities:
                continue  # repeated, listed, or unknown (FL004)
            seen.add(entity_id)
            yield Problem(
                ref.location,
                f"{flow.label} carries {quoted(entity_id)} through API {quoted(api.id)}, which "
                f"does not list it (its entities are {quoted_list(listed)}); add "
                f"{quoted(entity_id)} to the 'entities' of the API, or correct the flow",
                ("flow", flow.source.id, flow.target.id, "api", api.id, "entity", entity_id),
            )
