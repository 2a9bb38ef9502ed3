"""FL303 api-direction: a flow through an API of neither end, or against its access."""

import pytest

from flowlint.testing import codes, lint_files, lint_text, positions
from tests.rules.helpers import at

HEAD = """\
flowlint: 1
services:
  apply: {name: Apply for teacher training}
  manage: {name: Manage teacher training applications}
  tribal-sits: {name: Tribal SITS, kind: external}
entities:
  application: {owner: apply, personal_data: true}
"""


def fl303(flows: str, access: str | None = "read-write", select=("FL303",)):
    api = "  apply-api: {name: Apply API, service: apply"
    api += f", access: {access}}}\n" if access else "}\n"
    return lint_text(HEAD + "flows:\n" + flows + "apis:\n" + api, select=list(select))


def test_api_of_neither_end():
    findings = fl303(
        "  - {from: tribal-sits, to: manage, entities: [application], via: api, api: apply-api}\n"
    )
    assert positions(findings) == [(9, 72, "/flows/0/api")]
    assert findings[0].message == (
        "the flow from 'tribal-sits' to 'manage' goes through API 'apply-api', which belongs to "
        "'apply', neither end of the flow; send the data to or from 'apply' through "
        "'apply-api', or name an API of 'tribal-sits' or 'manage'"
    )
    assert findings[0].subject == (
        "flow",
        "tribal-sits",
        "manage",
        "application",
        "api",
        "apply-api",
    )
    assert findings[0].severity.value == "error"


def test_api_of_neither_end_even_without_access():
    findings = fl303(
        "  - {from: tribal-sits, to: manage, entities: [application], via: api, api: apply-api}\n",
        access=None,
    )
    assert positions(findings) == [(9, 72, "/flows/0/api")]


IN = "  - {from: tribal-sits, to: apply, entities: [application], via: api, api: apply-api}\n"
OUT = "  - {from: apply, to: manage, entities: [application], via: api, api: apply-api}\n"


@pytest.mark.parametrize(
    ("access", "expected"),
    [
        ("read-write", []),
        (None, []),
        ("read", [(9, 71, "/flows/0/api")]),
        ("write", [(10, 66, "/flows/1/api")]),
    ],
)
def test_direction_against_access(access, expected):
    findings = fl303(IN + OUT, access=access)
    assert positions(findings) == expected


def test_direction_messages():
    (writes,) = fl303(IN, access="read")
    assert writes.message == (
        "the flow from 'tribal-sits' to 'apply' writes to 'apply' through API 'apply-api', whose "
        "access is 'read'; set 'access: read-write' on 'apply-api' if it accepts data, or send "
        "the data another way"
    )
    (reads,) = fl303(OUT, access="write")
    assert "reads from 'apply' through API 'apply-api', whose access is 'write'" in reads.message


def test_invalid_access_is_left_to_the_schema():
    findings = fl303(IN, access="rw", select=("FL303", "FL003"))
    assert codes(findings) == ["FL003"]


def test_unknown_api_or_api_service_is_left_to_fl004():
    text = HEAD + (
        "flows:\n"
        "  - {from: tribal-sits, to: manage, entities: [application], via: api, api: aply-api}\n"
        "  - {from: tribal-sits, to: manage, entities: [application], via: api, api: apply-api}\n"
        "apis:\n"
        "  apply-api: {name: Apply API, service: aply, access: read}\n"
    )
    findings = lint_text(text, select=["FL303", "FL004"])
    assert codes(findings) == ["FL004", "FL004"]


def test_unknown_end_that_may_be_the_api_service_is_left_to_fl004():
    findings = fl303(
        "  - {from: tribal-sits, to: aply, entities: [application], via: api, api: apply-api}\n",
        select=("FL303", "FL004"),
    )
    assert codes(findings) == ["FL004"]


def test_api_without_service_is_not_checked():
    text = HEAD + (
        "flows:\n"
        "  - {from: tribal-sits, to: manage, entities: [application], via: api, api: apply-api}\n"
        "apis:\n"
        "  apply-api: {name: Apply API, access: read}\n"
    )
    assert lint_text(text, select=["FL303"]) == []


def test_flows_without_api_are_not_checked():
    findings = fl303("  - {from: tribal-sits, to: manage, entities: [application]}\n")
    assert findings == []


def test_directory_model():
    findings = lint_files(
        {
            "a.yaml": HEAD
            + "apis:\n  apply-api: {name: Apply API, service: apply, access: read}\n",
            "b.yaml": "flowlint: 1\nflows:\n" + IN,
        },
        select=["FL303"],
    )
    assert positions(findings) == [(3, 71, "/flows/0/api")]
    assert findings[0].location.file == "b.yaml"


def test_reads_message_whole():
    (reads,) = fl303(OUT, access="write")
    assert reads.message == (
        "the flow from 'apply' to 'manage' reads from 'apply' through API 'apply-api', whose "
        "access is 'write'; set 'access: read-write' on 'apply-api' if it serves data, or "
        "reverse the flow"
    )
    assert reads.subject == ("flow", "apply", "manage", "application", "api", "apply-api")


def test_a_flow_reported_once_and_flows_left_alone_do_not_hide_later_ones():
    # A flow without an API, one through an unknown API, one with an unknown end, then a flow
    # through an API of neither end, the same flow again (its entities in another order), and
    # another flow of the same pair through the API.
    flows = (
        "  - {from: tribal-sits, to: manage, entities: [application]}\n"
        "  - {from: tribal-sits, to: manage, entities: [application], via: api, api: aply-api}\n"
        "  - {from: tribal-sits, to: aply, entities: [application], via: api, api: apply-api}\n"
        "  - {from: tribal-sits, to: manage, entities: [application, offer], via: api, "
        "api: apply-api}\n"
        "  - {from: tribal-sits, to: manage, entities: [offer, application], via: api, "
        "api: apply-api}\n"
        "  - {from: tribal-sits, to: manage, entities: [offer], via: api, api: apply-api}\n"
    )
    findings = fl303(flows)
    spec = HEAD + "flows:\n" + flows
    assert positions(findings) == [
        (*at(spec, "api: apply-api}", 2), "/flows/3/api"),
        (*at(spec, "api: apply-api}", 4), "/flows/5/api"),
    ]
    assert [f.subject for f in findings] == [
        ("flow", "tribal-sits", "manage", "application", "offer", "api", "apply-api"),
        ("flow", "tribal-sits", "manage", "offer", "api", "apply-api"),
    ]
