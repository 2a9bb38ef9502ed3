"""Personal data leaves the service line only through an API.

Why: our data protection policy lets personal data leave the service line only through an API,
where every call is authenticated and logged and access can be withdrawn; a file or a manual export
is a copy that nobody can recall. So a flow from a service inside the line to a third party or an
external system that carries an entity marked `personal_data` must go `via: api`.

Fails:
    flowlint: 1
    services:
      register: {name: Register trainee teachers}
      dqt: {name: Database of Qualified Teachers, kind: third-party}
    entities:
      trainee: {owner: register, personal_data: true}
    flows:
      - from: register
        to: dqt
        entities: [trainee]
        via: file
        purpose: Award qualified teacher status

Passes:
    flowlint: 1
    services:
      register: {name: Register trainee teachers}
      dqt: {name: Database of Qualified Teachers, kind: third-party}
    entities:
      trainee: {owner: register, personal_data: true}
    apis:
      register-api:
        name: Register API
        service: register
        entities: [trainee]
        docs: https://example.org/register-api
    flows:
      - from: register
        to: dqt
        entities: [trainee]
        via: api
        api: register-api
        purpose: Award qualified teacher status

Fix: send the data through an API of the sending service (`via: api` and `api: <id>`). Where a
receiver accepts nothing but files (a regulator, say), list it under the rule's `exempt` option.
"""

from collections.abc import Iterator, Mapping
from typing import Any

from flowlint.api import Model, Problem

CODE, NAME, SEVERITY = "ORG101", "personal-data-via-api", "error"

OPTIONS_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "allowed-via": {
            "description": "The ways personal data may leave the service line.",
            "type": "array",
            "items": {"enum": ["api", "copy", "file", "manual"]},
            "minItems": 1,
            "uniqueItems": True,
            "default": ["api"],
        },
        "exempt": {
            "description": "Services outside the line that may receive personal data any way.",
            "type": "array",
            "items": {"type": "string"},
            "default": [],
        },
    },
}


def check(model: Model, options: Mapping[str, Any]) -> Iterator[Problem]:
    """One problem per flow that takes personal data out of the line another way."""
    allowed = options["allowed-via"]
    for flow in model.flows:
        if flow.via in allowed or flow.status == "retired" or flow.target.id in options["exempt"]:
            continue
        sender = model.services.get(flow.source.id)
        if sender is None or not sender.inside_boundary or not model.is_outside(flow.target.id):
            continue
        personal = sorted(
            {ref.id for ref in flow.entities if _is_personal(model, ref.id)},
        )
        if not personal:
            continue
        names = ", ".join(f"'{ident}'" for ident in personal)
        yield Problem(
            flow.location,
            f"{flow.label} takes personal data ({names}) out of the service line by "
            f"{flow.via}; personal data may leave only via {' or '.join(allowed)}: send it "
            f"through an API of '{flow.source.id}'",
            ("flow", flow.source.id, flow.target.id, *personal),
        )


def _is_personal(model: Model, entity_id: str) -> bool:
    entity = model.entities.get(entity_id)
    return entity is not None and entity.personal_data
