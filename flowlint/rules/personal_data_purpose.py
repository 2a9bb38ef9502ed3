"""A flow taking personal data outside the service line states its purpose.

Why: data protection law asks why personal data is shared, and sharing with a third party or an
external system is where that question is asked first. On the Becoming a teacher page, Register
sends trainee data to the Database of Qualified Teachers; a flow like that should say what the
data is for, so the sharing can be checked against its lawful basis. Only flows from a service of
the line to one outside it are the line's sharing: a flow between two outside systems (a pension
provider sending its own data to another body) is not. Off by default: turn it on with
`--select FL305` where the spec doubles as a record of processing.

Fails:
    flowlint: 1
    services:
      register: {name: Register trainee teachers}
      dqt: {name: Database of Qualified Teachers, kind: third-party}
    entities:
      trainee: {owner: register, personal_data: true}
    flows:
      - {from: register, to: dqt, entities: [trainee]}

Passes:
    flowlint: 1
    services:
      register: {name: Register trainee teachers}
      dqt: {name: Database of Qualified Teachers, kind: third-party}
    entities:
      trainee: {owner: register, personal_data: true}
    flows:
      - {from: register, to: dqt, entities: [trainee], purpose: Trainee records held in DQT}

Fix: add `purpose:` to the flow, saying in a few words why the receiver needs the personal data.
"""

from collections.abc import Iterator

from flowlint.api import Model, Problem, quoted

CODE, NAME, SEVERITY = "FL305", "personal-data-purpose", "warning"
ENABLED = False

# Kinds outside the boundary; an unknown kind is a schema finding (FL003), not ours.
OUTSIDE = frozenset({"third-party", "external"})


def check(model: Model) -> Iterator[Problem]:
    """Once per flow from a service of the line into an outside service that carries personal data
    and has no purpose."""
    reported: set[tuple[str, ...]] = set()
    for flow in model.flows:
        service = model.services.get(flow.target.id)
        if (flow.purpose or "").strip() or service is None or service.kind not in OUTSIDE:
            continue
        sender = model.services.get(flow.source.id)
        if sender is None or sender.kind in OUTSIDE:
            continue  # sharing between outside systems, or an unknown sender (FL004)
        personal = [
            ident
            for ident in dict.fromkeys(ref.id for ref in flow.entities)
            if ident in model.entities and model.entities[ident].personal_data
        ]
        if not personal:
            continue
        entities = sorted(dict.fromkeys(ref.id for ref in flow.entities))
        subject = ("flow", flow.source.id, flow.target.id, *entities)
        if subject in reported:
            continue
        reported.add(subject)
        names = ", ".join(f"{quoted(ident)}" for ident in personal)
        target = flow.target.id
        yield Problem(
            flow.location,
            f"{flow.label} takes personal data ({names}) to {service.kind} {quoted(target)} "
            "outside the service line but states no purpose; add 'purpose:' saying why "
            f"{quoted(target)} needs it",
            subject,
        )
