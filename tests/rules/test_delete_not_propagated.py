"""FL112 delete-not-propagated: a copy that is passed on or served also learns of deletes."""

from flowlint.testing import lint_text, positions
from tests.rules.helpers import at

SPEC = """\
flowlint: 1.1
services:
  publisher: {name: Publishing app}
  content-store: {name: Content store, distributes: [content-item, organisation]}
  frontend: {name: Website}
  search: {name: Site search}
entities:
  content-item: {owner: publisher}
  organisation: {owner: publisher}
apis:
  search-api: {name: Search API, service: search, access: read, docs: "https://x.invalid", entities: [content-item]}
flows:
"""


def fl112(flows: str):
    return lint_text(SPEC + flows, select=["FL112"])


def test_a_copy_passed_on_without_deletes_is_reported_at_operations() -> None:
    findings = fl112(
        """\
  - {from: publisher, to: content-store, entities: [content-item, organisation], operations: [create, update]}
  - {from: content-store, to: frontend, entities: [content-item]}
"""
    )
    assert positions(findings) == [(13, 82, "/flows/0/operations")]
    assert findings[0].message == (
        "the flow from 'publisher' to 'content-store' does not pass on deletes of 'content-item', "
        "which 'content-store' passes on or serves: records deleted at the source live on "
        "downstream; add 'delete' to its 'operations', or add 'reconciliation:' saying what "
        "removes records the source no longer has"
    )
    assert findings[0].subject == (
        "flow",
        "publisher",
        "content-store",
        "content-item",
        "no-delete",
    )


def test_a_copy_served_through_an_api_without_deletes_is_reported() -> None:
    findings = fl112(
        "  - {from: publisher, to: search, entities: [content-item], operations: [update]}\n"
    )
    assert positions(findings) == [(13, 61, "/flows/0/operations")]


def test_deletes_reconciliation_end_of_the_line_unkept_retired_and_unset_pass() -> None:
    assert (
        fl112(
            """\
  - {from: publisher, to: content-store, entities: [content-item], operations: [create, update, delete]}
  - {from: publisher, to: content-store, entities: [content-item], operations: [update], reconciliation: nightly sweep}
  - {from: publisher, to: frontend, entities: [content-item], operations: [update]}
  - {from: publisher, to: search, entities: [content-item], operations: [update], stores: false}
  - {from: publisher, to: search, entities: [content-item], operations: [update], status: retired}
  - {from: publisher, to: content-store, entities: [organisation]}
  - {from: content-store, to: frontend, entities: [content-item, organisation]}
"""
        )
        == []
    )


def test_a_receiver_that_owns_the_entity_is_not_judged() -> None:
    assert (
        fl112(
            """\
  - {from: content-store, to: publisher, entities: [content-item], operations: [create]}
  - {from: publisher, to: frontend, entities: [content-item]}
"""
        )
        == []
    )


def test_a_flow_to_itself_a_retired_onward_flow_or_a_retired_api_is_not_passing_on() -> None:
    text = SPEC.replace(
        "flows:\n",
        '  old-api: {name: Old API, service: frontend, access: read, docs: "https://x.invalid", '
        "entities: [content-item], status: retired}\n"
        "flows:\n",
    )
    flows = """\
  - {from: publisher, to: content-store, entities: [content-item], operations: [update]}
  - {from: content-store, to: content-store, entities: [content-item]}
  - {from: content-store, to: search, entities: [content-item], status: retired}
  - {from: publisher, to: frontend, entities: [content-item], operations: [update]}
"""
    assert lint_text(text + flows, select=["FL112"]) == []


def test_flows_that_pass_do_not_hide_a_later_one() -> None:
    # Operations unset, with delete, unkept, and nothing kept passed on, each before a flow that
    # is reported.
    flows = """\
  - {from: publisher, to: content-store, entities: [content-item]}
  - {from: publisher, to: content-store, entities: [content-item], operations: [update, delete]}
  - {from: publisher, to: search, entities: [content-item], operations: [update], stores: false}
  - {from: publisher, to: content-store, entities: [organisation], operations: [update]}
  - {from: content-store, to: frontend, entities: [content-item]}
  - {from: publisher, to: search, entities: [content-item], operations: [update]}
"""
    # An API that names no service serves nothing to judge.
    text = SPEC.replace(
        "flows:\n",
        '  loose-api: {name: Loose API, access: read, docs: "https://x.invalid", '
        "entities: [content-item]}\nflows:\n",
    )
    spec = text + flows
    findings = lint_text(spec, select=["FL112"])
    assert positions(findings) == [(*at(spec, "operations: [update]}", 2), "/flows/5/operations")]
    assert findings[0].subject == ("flow", "publisher", "search", "content-item", "no-delete")
