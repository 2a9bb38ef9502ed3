"""A flow through an API starts or ends at the API's service, in a direction the API allows.

Why: an API belongs to one service; data goes through it either out of that service (access `read`)
or into it (`write`), or both (`read-write`). A flow through an API of a third service says data
moves between two services that never talk to each other directly. The Becoming a teacher page says
student record systems "interact with Manage" through APIs, but the only such API it lists is
Apply's, so the spec has to say which service the data really reaches. A flow that writes through a
read-only API cannot happen as written.

Fails:
    flowlint: 1
    services:
      apply: {name: Apply for teacher training}
      manage: {name: Manage teacher training applications}
      tribal-sits: {name: Tribal SITS, kind: external}
    entities:
      application: {owner: apply, personal_data: true}
    flows:
      - {from: apply, to: manage, entities: [application]}
      - {from: tribal-sits, to: manage, entities: [application], via: api, api: apply-api}
    apis:
      apply-api:
        name: Apply for teacher training API
        service: apply
        access: read-write
        visibility: private
        docs: https://www.apply-for-teacher-training.service.gov.uk/api-docs
        entities: [application]

Passes:
    flowlint: 1
    services:
      apply: {name: Apply for teacher training}
      manage: {name: Manage teacher training applications}
      tribal-sits: {name: Tribal SITS, kind: external}
    entities:
      application: {owner: apply, personal_data: true}
    flows:
      - {from: apply, to: manage, entities: [application]}
      - {from: tribal-sits, to: apply, entities: [application], via: api, api: apply-api}
    apis:
      apply-api:
        name: Apply for teacher training API
        service: apply
        access: read-write
        visibility: private
        docs: https://www.apply-for-teacher-training.service.gov.uk/api-docs
        entities: [application]

Fix: make the flow start or end at the API's service (or name that service's API instead), and
set the API's `access` to allow the direction the data moves: `read` for data leaving its
service, `write` for data entering it, `read-write` for both.
"""

from collections.abc import Iterator

from flowlint.api import Model, Problem, quoted

CODE, NAME, SEVERITY = "FL303", "api-direction", "error"

READS = frozenset({"read", "read-write"})
WRITES = frozenset({"write", "read-write"})
ACCESSES = READS | WRITES


def check(model: Model) -> Iterator[Problem]:
    """A flow through an API of neither of its ends, or against the API's access."""
    reported: set[tuple[str, ...]] = set()
    for flow in model.flows:
        if flow.api is None:
            continue
        api = model.apis.get(flow.api.id)
        if api is None or api.service is None or api.service.id not in model.services:
            continue  # unknown API or service: FL004; no service: nothing to compare
        owner = api.service.id
        source, target = flow.source.id, flow.target.id
        entities = sorted(dict.fromkeys(ref.id for ref in flow.entities))
        subject = ("flow", source, target, *entities, "api", api.id)
        if subject in reported:
            continue
        if owner in (source, target):
            leaving = owner == source
            message = _direction(api.id, owner, api.access, flow.label, leaving=leaving)
        elif source in model.services and target in model.services:
            message = (
                f"{flow.label} goes through API {quoted(api.id)}, which belongs to "
                f"{quoted(owner)}, neither end of the flow; send the data to or from "
                f"{quoted(owner)} through {quoted(api.id)}, or name an API of {quoted(source)} "
                f"or {quoted(target)}"
            )
        else:
            continue  # an unknown end may be a typo for the API's service: FL004 reports it
        if message:
            reported.add(subject)
            yield Problem(flow.api.location, message, subject)


def _direction(api: str, owner: str, access: str | None, label: str, leaving: bool) -> str | None:
    if access not in ACCESSES:
        return None  # unset: nothing to check; not one of the three: FL003 reports it
    if leaving and access not in READS:
        return (
            f"{label} reads from {quoted(owner)} through API {quoted(api)}, whose access is "
            f"{quoted(access)}; set 'access: read-write' on {quoted(api)} if it serves data, "
            "or reverse the flow"
        )
    if not leaving and access not in WRITES:
        return (
            f"{label} writes to {quoted(owner)} through API {quoted(api)}, whose access is "
            f"{quoted(access)}; set 'access: read-write' on {quoted(api)} if it accepts data, "
            "or send the data another way"
        )
    return None
