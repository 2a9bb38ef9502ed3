"""FL111 unreconciled-best-effort: a best-effort flow says what repairs its copy."""

from flowlint.testing import lint_text, positions
from tests.rules.helpers import at

SPEC = """\
flowlint: 1.1
services:
  publisher: {name: Publishing app}
  email-alerts: {name: Email alerts}
entities:
  content-item: {owner: publisher}
flows:
"""


def fl111(flows: str):
    return lint_text(SPEC + flows, select=["FL111"])


def test_best_effort_without_reconciliation_is_reported_at_delivery() -> None:
    findings = fl111(
        """\
  - from: publisher
    to: email-alerts
    entities: [content-item]
    via: event
    delivery: best-effort
"""
    )
    assert positions(findings) == [(12, 5, "/flows/0/delivery")]
    assert findings[0].message == (
        "the flow from 'publisher' to 'email-alerts' is best-effort and says nothing repairs its "
        "copy: when a delivery fails, 'email-alerts' keeps stale data until the next change; add "
        "'reconciliation:' saying what repairs drift, or make the delivery 'guaranteed'"
    )
    assert findings[0].subject == (
        "flow",
        "publisher",
        "email-alerts",
        "content-item",
        "best-effort",
    )


def test_reconciled_guaranteed_unset_and_retired_flows_pass() -> None:
    assert (
        fl111(
            """\
  - {from: publisher, to: email-alerts, entities: [content-item], delivery: best-effort, reconciliation: weekly compare}
  - {from: publisher, to: email-alerts, entities: [content-item], delivery: guaranteed}
  - {from: publisher, to: email-alerts, entities: [content-item]}
  - {from: publisher, to: email-alerts, entities: [content-item], delivery: best-effort, status: retired}
"""
        )
        == []
    )


def test_a_blank_reconciliation_does_not_count() -> None:
    findings = fl111(
        "  - {from: publisher, to: email-alerts, entities: [content-item], delivery: best-effort, "
        'reconciliation: " "}\n'
    )
    assert positions(findings) == [(8, 67, "/flows/0/delivery")]


def test_flows_that_pass_do_not_stop_the_check_of_the_next() -> None:
    flows = """\
  - {from: publisher, to: email-alerts, entities: [content-item], delivery: guaranteed}
  - {from: publisher, to: email-alerts, entities: [content-item], delivery: best-effort, reconciliation: weekly}
  - {from: publisher, to: email-alerts, entities: [content-item, content-item], delivery: best-effort}
"""
    findings = fl111(flows)
    assert positions(findings) == [
        (*at(SPEC + flows, "delivery: best-effort}"), "/flows/2/delivery")
    ]
    assert findings[0].subject == (
        "flow",
        "publisher",
        "email-alerts",
        "content-item",
        "best-effort",
    )
