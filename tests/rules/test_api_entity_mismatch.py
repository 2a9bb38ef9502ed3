"""FL306 api-entity-mismatch: a flow through an API carries only entities the API lists."""

from flowlint.testing import lint_text, positions
from tests.rules.helpers import at

SPEC = """\
flowlint: 1.1
services:
  trs: {name: Teaching Record System}
  aytq: {name: Access your teaching qualifications}
  other: {name: Another service}
entities:
  person: {owner: trs}
  alert: {owner: trs}
  induction: {owner: trs}
apis:
  trs-api: {name: TRS API, service: trs, access: read, docs: "https://x.invalid", entities: [person]}
  open-api: {name: Open API, service: trs, access: read, docs: "https://x.invalid"}
  other-api: {name: Other API, service: other, access: read, docs: "https://x.invalid", entities: [person]}
flows:
"""


def fl306(flows: str):
    return lint_text(SPEC + flows, select=["FL306"])


def test_each_unlisted_entity_is_reported_at_its_place_in_the_flow() -> None:
    findings = fl306(
        "  - {from: trs, to: aytq, entities: [person, alert, induction], via: api, api: trs-api}\n"
    )
    assert positions(findings) == [(15, 46, "/flows/0/entities/1"), (15, 53, "/flows/0/entities/2")]
    assert findings[0].message == (
        "the flow from 'trs' to 'aytq' carries 'alert' through API 'trs-api', which does not list "
        "it (its entities are 'person'); add 'alert' to the 'entities' of the API, or correct the "
        "flow"
    )
    assert findings[0].subject == ("flow", "trs", "aytq", "api", "trs-api", "entity", "alert")


def test_delete_only_flows_are_checked_too() -> None:
    findings = fl306(
        "  - {from: trs, to: aytq, entities: [alert], via: api, api: trs-api, operations: [delete]}\n"
    )
    assert positions(findings) == [(15, 38, "/flows/0/entities/0")]


def test_listed_entities_apis_without_a_list_retired_flows_and_unknowns_pass() -> None:
    assert (
        fl306(
            """\
  - {from: trs, to: aytq, entities: [person], via: api, api: trs-api}
  - {from: trs, to: aytq, entities: [alert], via: api, api: open-api}
  - {from: trs, to: aytq, entities: [alert], via: api, api: trs-api, status: retired}
  - {from: trs, to: aytq, entities: [nothing], via: api, api: trs-api}
  - {from: trs, to: aytq, entities: [alert], via: api, api: no-such-api}
"""
        )
        == []
    )


def test_an_api_of_neither_end_is_left_to_fl303() -> None:
    assert fl306("  - {from: trs, to: aytq, entities: [alert], via: api, api: other-api}\n") == []


def test_flows_left_alone_do_not_hide_later_ones_and_a_repeat_is_reported_once() -> None:
    # A flow without an API, a retired one, one through an unknown API, one through an API
    # without a list and one through an API of neither end, each before a flow that is
    # reported; that flow names alert twice.
    flows = """\
  - {from: trs, to: aytq, entities: [alert]}
  - {from: trs, to: aytq, entities: [alert], via: api, api: trs-api, status: retired}
  - {from: trs, to: aytq, entities: [alert], via: api, api: nope}
  - {from: trs, to: aytq, entities: [alert], via: api, api: open-api}
  - {from: trs, to: aytq, entities: [alert], via: api, api: other-api}
  - {from: trs, to: aytq, entities: [alert, person, alert, induction], via: api, api: trs-api}
"""
    findings = fl306(flows)
    spec = SPEC + flows
    assert positions(findings) == [
        (*at(spec, "alert, person"), "/flows/5/entities/0"),
        (*at(spec, "induction]"), "/flows/5/entities/3"),
    ]
    assert [f.subject[-1] for f in findings] == ["alert", "induction"]
