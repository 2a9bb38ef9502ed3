"""FL201 duplicate-relationship: the same relationship defined more than once."""

from flowlint.testing import codes, lint_files, lint_text, positions
from tests.rules.helpers import at

SERVICES = """\
flowlint: 1
services:
  publish: {name: Publish teacher training courses}
  manage: {name: Manage teacher training applications}
  placements: {name: Manage school placements}
  gias: {name: Get information about schools, kind: third-party}
"""


def fl201(text: str, select=("FL201",)):
    return lint_text(SERVICES + text, select=list(select))


def test_two_services_in_one_defined_by_list():
    findings = fl201(
        """\
entities:
  provider: {owner: publish}
relationships:
  - name: Accredited provider to lead partner
    from: provider
    to: provider
    defined_by: [publish, manage]
"""
    )
    assert positions(findings) == [(13, 27, "/relationships/0/defined_by/1")]
    assert findings[0].message == (
        "relationship 'Accredited provider to lead partner' from 'provider' to 'provider' is "
        "defined again by 'manage', after 'publish' in spec.yaml on line 10 (2 definitions in "
        "all, by 'publish' and 'manage'); let one service create it and the others receive it "
        "with a copy of the entities, or give the relationships different names if they mean "
        "different things"
    )
    assert findings[0].severity.value == "warning"


def test_one_definer_is_clean():
    findings = fl201(
        """\
entities:
  provider: {owner: publish}
relationships:
  - {name: Accredited provider to lead partner, from: provider, to: provider, defined_by: publish}
  - {name: Accredited provider to lead partner, from: provider, to: course, defined_by: publish}
  - {name: Lead partner to accredited provider, from: provider, to: provider, defined_by: manage}
"""
    )
    assert findings == []


def test_within_entity_then_top_level_by_the_owner():
    findings = fl201(
        """\
entities:
  course:
    owner: publish
    relationships:
      - {name: Course to school, to: school}
  school: {owner: gias}
relationships:
  - {name: Course to school, from: course, to: school, defined_by: publish}
"""
    )
    assert positions(findings) == [(14, 5, "/relationships/0")]
    message = findings[0].message
    assert "is defined again by 'publish', after 'publish' within entity 'course'" in message
    assert "in spec.yaml on line 11 (2 definitions in all, by 'publish')" in message


def test_order_is_document_order_not_section_order():
    # The top-level entry comes first in the file, so the within-entity one is the repeat.
    findings = fl201(
        """\
relationships:
  - {name: Course to school, from: course, to: school, defined_by: publish}
entities:
  course:
    owner: publish
    relationships:
      - {name: Course to school, to: school}
  school: {owner: gias}
"""
    )
    assert positions(findings) == [(13, 9, "/entities/course/relationships/0")]
    assert "again by 'publish' within entity 'course', after 'publish' in" in findings[0].message


def test_names_compare_without_case_or_punctuation_and_ends_in_either_order():
    findings = fl201(
        """\
entities:
  course: {owner: publish}
  school: {owner: gias}
relationships:
  - {name: Course to school, from: course, to: school, defined_by: publish}
  - {name: "course-to-SCHOOL!", from: school, to: course, defined_by: placements}
  - {name: Course to schools, from: course, to: school, defined_by: manage}
"""
    )
    assert positions(findings) == [(12, 5, "/relationships/1")]
    assert "relationship 'course-to-SCHOOL!' from 'school' to 'course'" in findings[0].message


def test_repeated_entry_with_a_list_reports_each_definition():
    findings = fl201(
        """\
entities:
  provider: {owner: publish}
  school: {owner: gias}
relationships:
  - {name: ITT provider to school, from: provider, to: school, defined_by: placements}
  - name: ITT provider to school
    from: provider
    to: school
    defined_by: [publish, placements]
"""
    )
    assert positions(findings) == [
        (12, 5, "/relationships/1"),
        (15, 27, "/relationships/1/defined_by/1"),
    ]
    assert all("3 definitions in all, by 'placements' and 'publish'" in f.message for f in findings)
    # The fingerprint subjects are pinned: a change would make every user's baseline stale.
    assert [f.subject for f in findings] == [
        ("relationship", "provider", "school", "ittprovidertoschool", "defined-again", "1"),
        ("relationship", "provider", "school", "ittprovidertoschool", "defined-again", "2"),
    ]


def test_same_service_listed_twice():
    findings = fl201(
        """\
entities:
  provider: {owner: publish}
relationships:
  - name: Accredited provider to lead partner
    from: provider
    to: provider
    defined_by: [publish, publish]
"""
    )
    assert positions(findings) == [(13, 27, "/relationships/0/defined_by/1")]


def test_entries_without_defined_by_count_once_each():
    findings = fl201(
        """\
entities:
  provider: {owner: publish}
relationships:
  - {name: Accredited provider to lead partner, from: provider, to: provider}
  - {name: Accredited provider to lead partner, from: provider, to: provider}
  - {name: Accredited provider to lead partner, from: provider, to: provider, defined_by: publish}
"""
    )
    assert positions(findings) == [(11, 5, "/relationships/1"), (12, 5, "/relationships/2")]
    assert "defined again by an entry without 'defined_by', after an entry without" in (
        findings[0].message
    )
    assert "by 'publish' and an unnamed service" in findings[1].message
    assert [f.subject for f in findings] == [
        (
            "relationship",
            "provider",
            "provider",
            "accreditedprovidertoleadpartner",
            "defined-again",
            str(extra),
        )
        for extra in (1, 2)
    ]


def test_entries_that_all_lack_defined_by_are_by_unnamed_services():
    spec = SERVICES + (
        "entities:\n"
        "  provider: {owner: publish}\n"
        "relationships:\n"
        "  - {name: Lead partner, from: provider, to: provider}\n"
        "  - {name: Lead partner, from: provider, to: provider}\n"
    )
    findings = lint_text(spec, select=["FL201"])
    assert positions(findings) == [(*at(spec, "{name: Lead partner", 2), "/relationships/1")]
    assert findings[0].message == (
        "relationship 'Lead partner' from 'provider' to 'provider' is defined again by an entry "
        "without 'defined_by', after an entry without 'defined_by' in spec.yaml on line "
        f"{at(spec, '{name: Lead partner')[0]} (2 definitions in all, by unnamed services); let "
        "one service create it and the others receive it with a copy of the entities, or give "
        "the relationships different names if they mean different things"
    )


def test_three_definers_in_one_list_are_numbered_in_list_order():
    spec = SERVICES + (
        "entities:\n"
        "  provider: {owner: publish}\n"
        "relationships:\n"
        "  - {name: Lead partner, from: provider, to: provider, "
        "defined_by: [publish, manage, placements]}\n"
    )
    findings = lint_text(spec, select=["FL201"])
    assert positions(findings) == [
        (*at(spec, "manage, placements"), "/relationships/0/defined_by/1"),
        (*at(spec, "placements]"), "/relationships/0/defined_by/2"),
    ]
    assert [f.subject for f in findings] == [
        ("relationship", "provider", "provider", "leadpartner", "defined-again", "1"),
        ("relationship", "provider", "provider", "leadpartner", "defined-again", "2"),
    ]
    line = at(spec, "{name: Lead partner")[0]
    for finding, again in zip(findings, ("manage", "placements"), strict=True):
        assert finding.message.startswith(
            f"relationship 'Lead partner' from 'provider' to 'provider' is defined again by "
            f"'{again}', after 'publish' in spec.yaml on line {line} (3 definitions in all, by "
            "'publish', 'manage' and 'placements'); "
        )


def test_three_plain_owners_of_the_entity_each_define_it():
    spec = SERVICES + (
        "entities:\n"
        "  mentor:\n"
        "    owner: [placements, manage, publish]\n"
        "    relationships:\n"
        "      - {name: Mentor to school, to: school}\n"
        "  school: {owner: gias}\n"
    )
    findings = lint_text(spec, select=["FL201"])
    where = (*at(spec, "{name: Mentor"), "/entities/mentor/relationships/0")
    assert positions(findings) == [where, where]
    assert [f.subject for f in findings] == [
        ("relationship", "mentor", "school", "mentortoschool", "defined-again", "1"),
        ("relationship", "mentor", "school", "mentortoschool", "defined-again", "2"),
    ]
    assert [f.message.split(", after ")[0].split("defined again by ")[1] for f in findings] == [
        "'manage' within entity 'mentor'",
        "'publish' within entity 'mentor'",
    ]
    assert "(3 definitions in all, by 'placements', 'manage' and 'publish')" in findings[0].message


def test_relationships_with_nothing_to_say_before_a_duplicate_do_not_hide_it():
    # A relationship defined once, and one stored in one place and edited by two tools, come
    # before the one defined twice.
    spec = SERVICES + (
        "entities:\n"
        "  provider: {owner: publish}\n"
        "  school: {owner: gias}\n"
        "relationships:\n"
        "  - {name: Provider to school, from: provider, to: school, defined_by: publish}\n"
        "  - {name: Lead partner, from: provider, to: provider, stored_in: publish, "
        "defined_by: [publish, manage]}\n"
        "  - {name: Partner school, from: provider, to: school, defined_by: [publish, manage]}\n"
    )
    findings = lint_text(spec, select=["FL201"])
    assert positions(findings) == [(*at(spec, "manage]}", 2), "/relationships/2/defined_by/1")]
    assert findings[0].subject == (
        "relationship",
        "provider",
        "school",
        "partnerschool",
        "defined-again",
        "1",
    )


def test_an_entity_without_an_owner_is_named_as_the_definer():
    spec = SERVICES + (
        "entities:\n"
        "  course:\n"
        "    name: Course\n"
        "    relationships:\n"
        "      - {name: Course to school, to: school}\n"
        "  school: {owner: gias}\n"
        "relationships:\n"
        "  - {name: Course to school, from: course, to: school, defined_by: publish}\n"
    )
    findings = lint_text(spec, select=["FL201"])
    assert positions(findings) == [(*at(spec, "{name: Course to school, from"), "/relationships/0")]
    assert (
        "is defined again by 'publish', after entity 'course', which has no owner in spec.yaml "
        f"on line {at(spec, '{name: Course to school')[0]} (2 definitions in all, by 'publish' "
        "and an unnamed service)"
    ) in findings[0].message


def test_unknown_ends_still_count_and_are_reported_once_by_fl004():
    findings = fl201(
        """\
entities:
  application:
    owner: publish
    relationships:
      - {name: Candidate to application, to: candidate}
relationships:
  - {name: Candidate to application, from: candidate, to: application, defined_by: publish}
""",
        select=("FL201", "FL004"),
    )
    assert codes(findings) == ["FL004", "FL201", "FL004"]
    assert positions(findings) == [
        (11, 42, "/entities/application/relationships/0/to"),
        (13, 5, "/relationships/0"),
        (13, 38, "/relationships/0/from"),
    ]


def test_several_plain_owners_of_the_entity_each_define_it_as_defined_by_would():
    # Issue 11: consistent with the same relationship at top level with `defined_by: [a, b]`.
    within = fl201(
        """\
entities:
  mentor:
    owner: [placements, manage]
    relationships:
      - {name: Mentor to school, to: school}
  school: {owner: gias}
"""
    )
    top = fl201(
        """\
entities:
  mentor: {owner: placements}
  school: {owner: gias}
relationships:
  - {name: Mentor to school, from: mentor, to: school, defined_by: [placements, manage]}
"""
    )
    assert positions(within) == [(11, 9, "/entities/mentor/relationships/0")]
    assert positions(top) == [(11, 81, "/relationships/0/defined_by/1")]
    assert [f.subject for f in within] == [f.subject for f in top]
    assert within[0].subject == (
        "relationship",
        "mentor",
        "school",
        "mentortoschool",
        "defined-again",
        "1",
    )
    assert "is defined again by 'manage' within entity 'mentor', after 'placements' within " in (
        within[0].message
    )
    assert "(2 definitions in all, by 'placements' and 'manage')" in within[0].message
    assert "(2 definitions in all, by 'placements' and 'manage')" in top[0].message


def test_scoped_owners_count_as_one_definer():
    findings = fl201(
        """\
entities:
  mentor:
    owner: [{service: placements, scope: school-led}, {service: manage, scope: provider-led}]
    relationships:
      - {name: Mentor to school, to: school}
  school: {owner: gias}
"""
    )
    assert findings == []


def test_editors_of_one_stored_relationship_are_one_definition():
    findings = fl201(
        """\
entities:
  provider: {owner: publish}
relationships:
  - name: Accredited provider to lead partner
    from: provider
    to: provider
    stored_in: publish
    defined_by: [publish, manage]
"""
    )
    assert findings == []


def test_a_stored_relationship_defined_again_elsewhere_is_still_reported():
    findings = fl201(
        """\
entities:
  provider: {owner: publish}
relationships:
  - {name: Lead partner, from: provider, to: provider, stored_in: publish, defined_by: [publish, manage]}
  - {name: Lead partner, from: provider, to: provider, defined_by: placements}
"""
    )
    assert positions(findings) == [(11, 5, "/relationships/1")]
    assert (
        "defined again by 'placements', after 'publish' and 'manage' editing it in 'publish'"
        in (findings[0].message)
    )


def test_many_definers_are_named_up_to_ten():
    definers = ", ".join(f"s{i}" for i in range(12))
    findings = fl201(
        f"""\
entities:
  provider: {{owner: publish}}
relationships:
  - {{name: Lead partner, from: provider, to: provider, defined_by: [{definers}]}}
"""
    )
    # One finding per definer after the first, at its place in the list, numbered 1 to 11.
    assert [f.location.pointer for f in findings] == [
        f"/relationships/0/defined_by/{i}" for i in range(1, 12)
    ]
    assert [f.subject for f in findings] == [
        ("relationship", "provider", "provider", "leadpartner", "defined-again", str(i))
        for i in range(1, 12)
    ]
    assert (
        "(12 definitions in all, by 's0', 's1', 's2', 's3', 's4', 's5', 's6', 's7', 's8', "
        "'s9' and 2 more)"
    ) in findings[0].message


def test_directory_model_reports_in_the_file_of_the_repeat():
    findings = lint_files(
        {
            "a.yaml": SERVICES
            + """\
entities:
  course: {owner: publish}
  school: {owner: gias}
relationships:
  - {name: Course to school, from: course, to: school, defined_by: publish}
""",
            "b.yaml": """\
flowlint: 1
relationships:
  - {name: Course to school, from: course, to: school, defined_by: placements}
""",
        },
        select=["FL201"],
    )
    assert positions(findings) == [(3, 5, "/relationships/0")]
    assert findings[0].location.file == "b.yaml"
    assert "after 'publish' in a.yaml on line 11" in findings[0].message
