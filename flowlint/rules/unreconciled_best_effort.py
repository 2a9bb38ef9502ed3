"""A best-effort flow says what repairs its copy when a delivery fails.

Why: `delivery: best-effort` is "fire and forget": a message that fails is not retried, so the
copy stays stale until the next change to that record, which may never come. Lines that accept
this run a reconciliation job (compare the copy with the owner, alert on drift, re-send), and the
spec should say which: without one, a lost delivery is found only when someone notices wrong data.

Fails:
    flowlint: 1.1
    services:
      publisher: {name: Publishing app}
      email-alerts: {name: Email alerts}
    entities:
      content-item: {owner: publisher}
    flows:
      - from: publisher
        to: email-alerts
        entities: [content-item]
        via: event
        delivery: best-effort

Passes:
    flowlint: 1.1
    services:
      publisher: {name: Publishing app}
      email-alerts: {name: Email alerts}
    entities:
      content-item: {owner: publisher}
    flows:
      - from: publisher
        to: email-alerts
        entities: [content-item]
        via: event
        delivery: best-effort
        reconciliation: nightly job re-sends items changed in the last day

Fix: add `reconciliation:` saying what repairs drift in the copy, or make the delivery
`guaranteed` (retried until it arrives).
"""

from collections.abc import Iterator

from flowlint.api import Model, Problem, quoted

CODE, NAME, SEVERITY = "FL111", "unreconciled-best-effort", "warning"

BEST_EFFORT = "best-effort"
RETIRED = "retired"


def check(model: Model) -> Iterator[Problem]:
    """One problem per flow with `delivery: best-effort` and no `reconciliation`, at `delivery`."""
    for flow in model.flows:
        if flow.delivery != BEST_EFFORT or flow.status == RETIRED:
            continue
        if (flow.reconciliation or "").strip():
            continue
        entities = sorted(dict.fromkeys(ref.id for ref in flow.entities))
        yield Problem(
            flow.at("delivery"),
            f"{flow.label} is best-effort and says nothing repairs its copy: when a delivery "
            f"fails, {quoted(flow.target.id)} keeps stale data until the next change; add "
            "'reconciliation:' saying what repairs drift, or make the delivery 'guaranteed'",
            ("flow", flow.source.id, flow.target.id, *entities, "best-effort"),
        )
