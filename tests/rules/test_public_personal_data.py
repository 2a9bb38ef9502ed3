"""FL302 public-personal-data: personal data in a public API."""

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
  course: {owner: apply}
"""


def fl302(text: str, select=("FL302",)):
    return lint_text(HEAD + text, select=list(select))


def test_public_api_listing_a_personal_entity():
    findings = fl302(
        """\
apis:
  apply-api:
    name: Apply API
    visibility: public
    entities: [course, application]
"""
    )
    assert positions(findings) == [(13, 24, "/apis/apply-api/entities/1")]
    assert findings[0].message == (
        "public API 'apply-api' carries personal entity 'application'; make the API "
        "'visibility: private', or remove 'application' from it"
    )
    assert findings[0].subject == ("api", "apply-api", "personal", "application")
    assert findings[0].severity.value == "error"


def test_private_or_unset_visibility_and_non_personal_entities_are_clean():
    findings = fl302(
        """\
apis:
  apply-api: {name: Apply API, visibility: private, entities: [application]}
  other-api: {name: Other API, entities: [application]}
  course-api: {name: Course API, visibility: public, entities: [course]}
"""
    )
    assert findings == []


def test_personal_data_false_is_not_personal():
    text = HEAD.replace("course: {owner: apply}", "course: {owner: apply, personal_data: false}")
    findings = lint_text(
        text + "apis:\n  course-api: {name: Course API, visibility: public, entities: [course]}\n",
        select=["FL302"],
    )
    assert findings == []


def test_flow_through_a_public_api_that_lists_the_entity_is_not_reported_again():
    findings = fl302(
        """\
flows:
  - {from: tribal-sits, to: apply, entities: [application], via: api, api: apply-api}
apis:
  apply-api: {name: Apply API, service: apply, visibility: public, entities: [application]}
"""
    )
    assert positions(findings) == [(12, 79, "/apis/apply-api/entities/0")]


def test_flows_through_a_public_api_that_does_not_list_the_entity():
    findings = fl302(
        """\
flows:
  - {from: tribal-sits, to: apply, entities: [course, application], via: api, api: apply-api}
  - {from: tribal-sits, to: apply, entities: [application], via: api, api: apply-api}
apis:
  apply-api: {name: Apply API, service: apply, visibility: public, entities: [course]}
"""
    )
    assert positions(findings) == [(10, 55, "/flows/0/entities/1")]
    assert findings[0].message == (
        "the flow from 'tribal-sits' to 'apply' sends personal entity 'application' through "
        "public API 'apply-api' (and 1 more flow); make 'apply-api' 'visibility: private', or "
        "send 'application' another way"
    )


def test_entity_listed_twice_in_a_flow_counts_once():
    findings = fl302(
        """\
flows:
  - {from: tribal-sits, to: apply, entities: [application, application], via: api, api: pub}
apis:
  pub: {name: Apply API, service: apply, visibility: public}
"""
    )
    assert positions(findings) == [(10, 47, "/flows/0/entities/0")]
    assert findings[0].message == (
        "the flow from 'tribal-sits' to 'apply' sends personal entity 'application' through "
        "public API 'pub'; make 'pub' 'visibility: private', or send 'application' another way"
    )


def test_unknown_entities_and_apis_are_left_to_fl004():
    findings = fl302(
        """\
flows:
  - {from: tribal-sits, to: apply, entities: [aplication], via: api, api: apply-ap}
apis:
  apply-api: {name: Apply API, service: apply, visibility: public, entities: [applicaton]}
""",
        select=("FL302", "FL004"),
    )
    assert codes(findings) == ["FL004", "FL004", "FL004"]


def test_directory_model():
    findings = lint_files(
        {
            "a.yaml": HEAD,
            "b.yaml": """\
flowlint: 1
apis:
  apply-api:
    name: Apply API
    visibility: public
    entities: [application]
""",
        },
        select=["FL302"],
    )
    assert positions(findings) == [(6, 16, "/apis/apply-api/entities/0")]
    assert findings[0].location.file == "b.yaml"


def test_private_apis_and_flows_without_a_public_api_do_not_stop_the_check():
    text = """\
flows:
  - {from: manage, to: apply, entities: [application]}
  - {from: tribal-sits, to: apply, entities: [application], via: api, api: private-api}
  - {from: tribal-sits, to: apply, entities: [application], via: api, api: no-such-api}
  - {from: tribal-sits, to: apply, entities: [course, application], via: api, api: apply-api}
  - {from: tribal-sits, to: manage, entities: [application], via: api, api: apply-api}
  - {from: manage, to: apply, entities: [application], via: api, api: apply-api}
apis:
  private-api: {name: Private API, service: apply, visibility: private, entities: [application]}
  apply-api: {name: Apply API, service: apply, visibility: public, entities: [course]}
  listing-api: {name: Listing API, service: apply, visibility: public, entities: [application]}
"""
    findings = fl302(text)
    spec = HEAD + text
    assert positions(findings) == [
        (*at(spec, "application], via: api, api: apply-api}"), "/flows/3/entities/1"),
        (*at(spec, "application]}\n", 3), "/apis/listing-api/entities/0"),
    ]
    assert findings[0].message == (
        "the flow from 'tribal-sits' to 'apply' sends personal entity 'application' through "
        "public API 'apply-api' (and 2 more flows); make 'apply-api' 'visibility: private', or "
        "send 'application' another way"
    )
    assert [f.subject for f in findings] == [
        ("api", "apply-api", "personal", "application"),
        ("api", "listing-api", "personal", "application"),
    ]
