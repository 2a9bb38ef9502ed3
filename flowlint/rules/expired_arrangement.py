"""A temporary arrangement has not outlived its end date.

Why: `until` marks something the line means to end: a two-way sync kept only during a roll-out, a
flow to a system being replaced, ownership split while records move from one service to another.
When the date has passed and the spec still says it, either the arrangement ended and the spec is
out of date, or it outlived its plan and the risks it was allowed for (duplicates, two writers)
are now permanent. Dates are judged against today, or the day `check --today YYYY-MM-DD` gives,
so that CI runs can be reproduced.

Fails:
    flowlint: 1.1
    services:
      old-crm: {name: Legacy CRM}
      trs: {name: Teaching Record System}
    entities:
      person: {owner: trs}
    flows:
      - {from: trs, to: old-crm, entities: [person], until: 2024-03-31}

Passes:
    flowlint: 1.1
    services:
      old-crm: {name: Legacy CRM}
      trs: {name: Teaching Record System}
    entities:
      person: {owner: trs}
    flows:
      - {from: trs, to: old-crm, entities: [person], until: 2024-03-31, status: retired}

Fix: if the arrangement has ended, remove it or mark the flow `status: retired` (for a scoped
owner, give the records their one owner); if it is still needed, set a new `until` date.
"""

from collections.abc import Iterator

from flowlint.api import Model, Problem, quoted

CODE, NAME, SEVERITY = "FL113", "expired-arrangement", "warning"

RETIRED = "retired"


def check(model: Model) -> Iterator[Problem]:
    """One problem per flow (not retired) and per scoped owner whose `until` is before today."""
    today = model.today
    if today is None:
        return
    for entity in model.entities.values():
        for owner in entity.scoped_owners:
            if owner.until is None or owner.until >= today:
                continue
            service = owner.service.id
            yield Problem(
                owner.at("until"),
                f"the scoped ownership of {quoted(entity.id)} by {quoted(service)} was to end on "
                f"{owner.until}, which has passed ({today}); give these records their one owner "
                "and remove this scoped owner, or set a new 'until' if the split is still needed",
                ("entity", entity.id, "owner", service, "until"),
            )
    for flow in model.flows:
        if flow.until is None or flow.until >= today or flow.status == RETIRED:
            continue
        entities = sorted(dict.fromkeys(ref.id for ref in flow.entities))
        yield Problem(
            flow.at("until"),
            f"{flow.label} was to end on {flow.until}, which has passed ({today}); remove it or "
            "mark it 'status: retired' if it has ended, or set a new 'until' if it is still "
            "needed",
            ("flow", flow.source.id, flow.target.id, *entities, "until"),
        )
