"""A flow goes from one service to another.

Why: a flow says that a copy of data moves between two services, and every lineage answer
(who holds an entity, where edits are lost, which copies are second-hand) is built from those
moves. A flow from a service to itself moves nothing: it is almost always a slip for another
service (a copy-pasted `from` left in `to`), and the service it should name is then missing from
the lineage without a word. Data a service keeps for its own use needs no flow.

Fails:
    flowlint: 1
    services:
      register: {name: Register trainee teachers}
      dqt: {name: Database of Qualified Teachers, kind: third-party}
    entities:
      trainee: {owner: register, personal_data: true}
    flows:
      - {from: register, to: register, entities: [trainee], purpose: Award QTS}

Passes:
    flowlint: 1
    services:
      register: {name: Register trainee teachers}
      dqt: {name: Database of Qualified Teachers, kind: third-party}
    entities:
      trainee: {owner: register, personal_data: true}
    flows:
      - {from: register, to: dqt, entities: [trainee], purpose: Award QTS}

Fix: set `to` (or `from`) to the other service the data moves to (or comes from); if the service
only uses the data itself, remove the flow.
"""

from collections.abc import Iterator

from flowlint.api import Model, Problem, quoted

CODE, NAME, SEVERITY = "FL005", "self-flow", "error"


def check(model: Model) -> Iterator[Problem]:
    """One problem per flow whose `from` and `to` name the same service."""
    for flow in model.flows:
        service = flow.source.id
        if flow.target.id != service or not model.is_valid_id(service):
            continue  # a malformed id is reported once, by FL003
        if model.has_schema_problem(flow):
            continue
        # A flow of the model carries at least one entity (one without is FL003's alone).
        what = ", ".join(quoted(e) for e in dict.fromkeys(ref.id for ref in flow.entities))
        yield Problem(
            flow.target.location,
            f"the flow sends {what} from {quoted(service)} to {quoted(service)} itself; a flow "
            "moves a copy between two services: set 'to' to the service that receives it, or "
            f"remove the flow if only {quoted(service)} uses it",
            ("flow", service, service, "self"),
        )
