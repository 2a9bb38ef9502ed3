"""FL202 unheld-relationship: a service defines a relationship over an entity it does not hold."""

from flowlint.testing import codes, lint_files, lint_text, positions
from tests.rules.helpers import at

SERVICES = """\
flowlint: 1
services:
  publish: {name: Publish teacher training courses}
  manage: {name: Manage teacher training applications}
  placements: {name: Manage school placements}
  gias: {name: Get information about schools, kind: third-party}
entities:
  provider: {owner: publish}
  school: {owner: gias}
"""


def fl202(text: str, select=("FL202",)):
    return lint_text(SERVICES + text, select=list(select))


def test_definer_that_does_not_receive_one_end():
    findings = fl202(
        """\
relationships:
  - {name: ITT provider to school, from: provider, to: school, defined_by: placements}
flows:
  - {from: gias, to: placements, entities: [school]}
"""
    )
    assert positions(findings) == [(11, 64, "/relationships/0/defined_by")]
    assert findings[0].message == (
        "service 'placements' defines relationship 'ITT provider to school' over entity "
        "'provider', which it neither owns (its owner is 'publish') nor receives; add a flow "
        "that brings 'provider' to 'placements' from its owner 'publish', or let a service that "
        "holds 'provider' define the relationship"
    )
    assert findings[0].subject == (
        "relationship",
        "provider",
        "school",
        "ittprovidertoschool",
        "placements",
        "provider",
    )


def test_owned_and_received_ends_are_held():
    findings = fl202(
        """\
relationships:
  - {name: ITT provider to school, from: provider, to: school, defined_by: placements}
  - {name: Accredited provider to lead partner, from: provider, to: provider, defined_by: publish}
flows:
  - {from: gias, to: placements, entities: [school]}
  - {from: publish, to: placements, entities: [provider]}
"""
    )
    assert findings == []


def test_both_ends_unheld_give_one_finding_each():
    findings = fl202(
        """\
relationships:
  - {name: ITT provider to school, from: provider, to: school, defined_by: placements}
"""
    )
    assert positions(findings) == [(11, 64, "/relationships/0/defined_by")] * 2
    assert {f.subject[-1] for f in findings} == {"provider", "school"}


def test_each_definer_of_a_list_at_its_own_item():
    findings = fl202(
        """\
relationships:
  - name: Accredited provider to lead partner
    from: provider
    to: provider
    defined_by: [publish, manage]
"""
    )
    # 'provider' is both ends: one finding for 'manage', none for its owner 'publish'.
    assert positions(findings) == [(14, 27, "/relationships/0/defined_by/1")]
    assert "service 'manage' defines relationship" in findings[0].message


def test_within_entity_checks_only_the_far_end():
    findings = fl202(
        """\
  course:
    owner: publish
    relationships:
      - {name: Course to school, to: school}
      - {name: Course to accredited provider, to: provider}
"""
    )
    assert positions(findings) == [(13, 9, "/entities/course/relationships/0")]
    assert "service 'publish' defines relationship 'Course to school' over entity 'school'" in (
        findings[0].message
    )
    assert "its owner is 'gias'" in findings[0].message


def test_within_entity_clean_when_the_owner_receives_the_far_end():
    findings = fl202(
        """\
  course:
    owner: publish
    relationships:
      - {name: Course to school, to: school}
flows:
  - {from: gias, to: publish, entities: [school]}
"""
    )
    assert findings == []


def test_same_relationship_defined_twice_is_reported_once():
    # FL201 reports the repeat; FL202 reports the unheld entity once, at the first definition.
    findings = fl202(
        """\
  course:
    owner: publish
    relationships:
      - {name: Course to school, to: school}
relationships:
  - {name: course to school, from: course, to: school, defined_by: publish}
"""
    )
    assert positions(findings) == [(13, 9, "/entities/course/relationships/0")]


def test_unknown_services_and_entities_are_left_to_fl004():
    findings = fl202(
        """\
relationships:
  - {name: ITT provider to school, from: provider, to: schol, defined_by: [placement, manage]}
flows:
  - {from: publish, to: manage, entities: [provider]}
""",
        select=("FL202", "FL004"),
    )
    assert codes(findings) == ["FL004", "FL004"]


def test_entity_without_owner():
    findings = fl202(
        """\
  mentor: {personal_data: true}
relationships:
  - {name: Mentor to school, from: mentor, to: school, defined_by: gias}
"""
    )
    assert positions(findings) == [(12, 56, "/relationships/0/defined_by")]
    assert "over entity 'mentor', which it neither owns (it has no owner) nor receives" in (
        findings[0].message
    )
    assert "add a flow that brings 'mentor' to 'gias', or let" in findings[0].message


def test_outside_service_defining_over_its_own_entity():
    findings = fl202(
        """\
relationships:
  - {name: School to school, from: school, to: school, defined_by: gias}
"""
    )
    assert findings == []


def test_directory_model():
    findings = lint_files(
        {
            "a.yaml": SERVICES,
            "b.yaml": """\
flowlint: 1
relationships:
  - {name: ITT provider to school, from: provider, to: school, defined_by: placements}
flows:
  - {from: gias, to: placements, entities: [school]}
""",
        },
        select=["FL202"],
    )
    assert positions(findings) == [(3, 64, "/relationships/0/defined_by")]
    assert findings[0].location.file == "b.yaml"


def test_an_unknown_definer_does_not_hide_the_next_one():
    text = """\
relationships:
  - {name: ITT provider to school, from: provider, to: school, defined_by: [placment, manage]}
"""
    findings = fl202(text)
    spec = SERVICES + text
    assert positions(findings) == [(*at(spec, "manage]"), "/relationships/0/defined_by/1")] * 2
    assert [f.subject[-2:] for f in findings] == [("manage", "provider"), ("manage", "school")]


def test_an_unknown_or_held_end_does_not_hide_the_other_end():
    text = """\
relationships:
  - {name: School to provider, from: schol, to: provider, defined_by: manage}
  - {name: Provider to school, from: provider, to: school, defined_by: placements}
flows:
  - {from: publish, to: placements, entities: [provider]}
"""
    findings = fl202(text)
    spec = SERVICES + text
    assert positions(findings) == [
        (*at(spec, "defined_by: manage}"), "/relationships/0/defined_by"),
        (*at(spec, "defined_by: placements}"), "/relationships/1/defined_by"),
    ]
    assert [f.subject for f in findings] == [
        ("relationship", "provider", "schol", "schooltoprovider", "manage", "provider"),
        ("relationship", "provider", "school", "providertoschool", "placements", "school"),
    ]


def test_an_entity_with_two_owners_names_both_and_no_single_source():
    text = """\
  mentor: {owner: [placements, gias]}
relationships:
  - {name: Mentor to provider, from: mentor, to: provider, defined_by: publish}
"""
    findings = fl202(text)
    assert findings[0].message == (
        "service 'publish' defines relationship 'Mentor to provider' over entity 'mentor', which "
        "it neither owns (its owners are 'placements' and 'gias') nor receives; add a flow that "
        "brings 'mentor' to 'publish', or let a service that holds 'mentor' define the "
        "relationship"
    )


def test_a_repeated_definition_still_reports_its_new_definers():
    # The second definition repeats 'placements' (reported once, at the first) and adds 'manage'.
    text = """\
relationships:
  - {name: Provider to school, from: provider, to: school, defined_by: placements}
  - {name: Provider to school, from: provider, to: school, defined_by: [placements, manage]}
"""
    findings = fl202(text)
    spec = SERVICES + text
    assert positions(findings) == [
        (*at(spec, "defined_by: placements}"), "/relationships/0/defined_by"),
        (*at(spec, "defined_by: placements}"), "/relationships/0/defined_by"),
        (*at(spec, "manage]"), "/relationships/1/defined_by/1"),
        (*at(spec, "manage]"), "/relationships/1/defined_by/1"),
    ]
    assert [f.subject[-2:] for f in findings] == [
        ("placements", "provider"),
        ("placements", "school"),
        ("manage", "provider"),
        ("manage", "school"),
    ]


def test_two_relationships_over_the_same_entity_are_each_reported():
    text = """\
relationships:
  - {name: ITT provider to school, from: provider, to: school, defined_by: gias}
  - {name: Lead partner, from: provider, to: provider, defined_by: gias}
"""
    findings = fl202(text)
    assert [f.subject for f in findings] == [
        ("relationship", "provider", "school", "ittprovidertoschool", "gias", "provider"),
        ("relationship", "provider", "provider", "leadpartner", "gias", "provider"),
    ]
