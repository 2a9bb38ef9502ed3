"""FL304 not-live-dependency: a live flow depending on something that is not live."""

import pytest

from flowlint.testing import codes, lint_files, lint_text, positions
from tests.rules.helpers import at

HEAD = """\
flowlint: 1
services:
  placements: {name: Manage school placements}
  claims: {name: Claim funding for mentor training}
  old: {name: An old service, status: retired}
  new: {name: A new service, kind: third-party, status: planned}
entities:
  mentor: {owner: placements, status: planned}
  school: {owner: placements}
apis:
  claims-api: {name: Claims API, service: claims, access: write, status: in-development}
  live-api: {name: Live API, service: claims, access: write}
flows:
"""


def fl304(flows: str, select=("FL304",)):
    return lint_text(HEAD + flows, select=list(select))


def test_live_flow_carrying_a_planned_entity():
    findings = fl304("  - {from: placements, to: claims, entities: [school, mentor]}\n")
    assert positions(findings) == [(14, 55, "/flows/0/entities/1")]
    assert findings[0].message == (
        "the flow from 'placements' to 'claims' is live but carries planned entity 'mentor'; "
        "mark the flow 'status: planned' until 'mentor' is live, or correct its status"
    )
    assert findings[0].subject == (
        "flow",
        "placements",
        "claims",
        "mentor",
        "school",
        "entity",
        "mentor",
    )


def test_services_at_either_end():
    findings = fl304("  - {from: old, to: new, entities: [school]}\n")
    assert positions(findings) == [(14, 6, "/flows/0/from"), (14, 17, "/flows/0/to")]
    assert findings[0].message == (
        "the flow from 'old' to 'new' is live but comes from retired service 'old'; retire the "
        "flow too ('status: retired'), or change it to use what replaced 'old'"
    )
    assert "is live but goes to planned service 'new'" in findings[1].message


def test_api_in_development():
    findings = fl304(
        "  - {from: placements, to: claims, entities: [school], via: api, api: claims-api}\n"
        "  - {from: placements, to: claims, entities: [school], via: api, api: live-api}\n"
    )
    assert positions(findings) == [(14, 66, "/flows/0/api")]
    assert "is live but goes through in-development API 'claims-api'" in findings[0].message


def test_explicitly_live_flow_is_checked():
    findings = fl304("  - {from: placements, to: claims, entities: [mentor], status: live}\n")
    assert positions(findings) == [(14, 47, "/flows/0/entities/0")]


@pytest.mark.parametrize("status", ["planned", "retired"])
def test_flows_that_are_not_live_are_not_checked(status):
    findings = fl304(f"  - {{from: old, to: new, entities: [mentor], status: {status}}}\n")
    assert findings == []


def test_one_finding_per_dependency():
    findings = fl304(
        "  - {from: old, to: old, entities: [mentor, mentor]}\n"
        "  - {from: placements, to: claims, entities: [mentor]}\n"
    )
    assert positions(findings) == [
        (14, 6, "/flows/0/from"),
        (14, 37, "/flows/0/entities/0"),
        (15, 47, "/flows/1/entities/0"),
    ]
    assert [f.subject for f in findings] == [
        ("flow", "old", "old", "mentor", "service", "old"),
        ("flow", "old", "old", "mentor", "entity", "mentor"),
        ("flow", "placements", "claims", "mentor", "entity", "mentor"),
    ]


def test_unknown_ids_are_left_to_fl004():
    findings = fl304(
        "  - {from: ol, to: claims, entities: [mentr], via: api, api: claim-api}\n",
        select=("FL304", "FL004"),
    )
    assert codes(findings) == ["FL004", "FL004", "FL004"]


def test_directory_model():
    findings = lint_files(
        {
            "a.yaml": HEAD,
            "b.yaml": "flowlint: 1\nflows:\n  - {from: placements, to: claims, entities: [mentor]}\n",
        },
        select=["FL304"],
    )
    assert positions(findings) == [(3, 47, "/flows/0/entities/0")]
    assert findings[0].location.file == "b.yaml"


def test_one_end_not_live_is_enough():
    flows = (
        "  - {from: old, to: claims, entities: [school]}\n"
        "  - {from: placements, to: new, entities: [school]}\n"
    )
    spec = HEAD + flows
    assert positions(fl304(flows)) == [
        (*at(spec, "from: old"), "/flows/0/from"),
        (*at(spec, "to: new"), "/flows/1/to"),
    ]


def test_flows_left_alone_and_a_repeated_dependency_do_not_hide_later_ones():
    # A planned flow and a live flow with only live dependencies come first; the reported flow
    # carries mentor twice and then goes through an API in development; the last flow comes
    # from an undeclared service (FL004's) and carries mentor.
    flows = (
        "  - {from: placements, to: claims, entities: [mentor], status: planned}\n"
        "  - {from: placements, to: claims, entities: [school]}\n"
        "  - {from: placements, to: claims, entities: [mentor, mentor], via: api, "
        "api: claims-api}\n"
        "  - {from: ol, to: claims, entities: [mentor]}\n"
    )
    findings = fl304(flows)
    spec = HEAD + flows
    assert positions(findings) == [
        (*at(spec, "mentor, mentor"), "/flows/2/entities/0"),
        (*at(spec, "api: claims-api}"), "/flows/2/api"),
        (*at(spec, "mentor]}"), "/flows/3/entities/0"),
    ]
    assert [f.subject[-2:] for f in findings] == [
        ("entity", "mentor"),
        ("api", "claims-api"),
        ("entity", "mentor"),
    ]
