"""FL004 unknown-reference: every reference names something declared in the model."""

from flowlint.testing import codes, lint_files, lint_text, positions

DECLARED = """\
flowlint: 1
services:
  publish: {name: Publish teacher training courses}
  find: {name: Find postgraduate teacher training}
entities:
  course: {owner: publish}
  provider: {owner: publish}
apis:
  courses: {name: Courses API, service: publish, entities: [course]}
"""


def fl004(more: str, select: tuple[str, ...] = ("FL004",)):
    return lint_text(DECLARED + more, select=list(select))


def messages(findings) -> list[str]:
    return [f.message for f in findings]


def test_all_references_declared() -> None:
    text = """\
relationships:
  - {name: Provider to course, from: provider, to: course, defined_by: [publish]}
flows:
  - {from: publish, to: find, entities: [course], via: api, api: courses}
"""
    assert fl004(text) == []


def test_flow_from_and_to() -> None:
    findings = fl004("flows:\n  - {from: pubish, to: fnd, entities: [course]}\n")
    assert positions(findings) == [(11, 6, "/flows/0/from"), (11, 20, "/flows/0/to")]
    assert messages(findings) == [
        "unknown service 'pubish' in 'from' of the flow from 'pubish' to 'fnd' "
        "(did you mean 'publish'?)",
        "unknown service 'fnd' in 'to' of the flow from 'pubish' to 'fnd' (did you mean 'find'?)",
    ]


def test_flow_entities_each_item() -> None:
    findings = fl004("flows:\n  - {from: publish, to: find, entities: [course, courses, school]}\n")
    assert positions(findings) == [(11, 50, "/flows/0/entities/1"), (11, 59, "/flows/0/entities/2")]
    assert messages(findings) == [
        "unknown entity 'courses' in entities of the flow from 'publish' to 'find' "
        "(did you mean 'course'?)",
        "unknown entity 'school' in entities of the flow from 'publish' to 'find' "
        "(declare it under 'entities')",
    ]


def test_flow_api() -> None:
    findings = fl004(
        "flows:\n  - {from: publish, to: find, entities: [course], via: api, api: course}\n"
    )
    assert positions(findings) == [(11, 61, "/flows/0/api")]
    assert messages(findings) == [
        "unknown API 'course' in 'api' of the flow from 'publish' to 'find' "
        "(did you mean 'courses'?)"
    ]


def test_entity_owner_single_and_list() -> None:
    text = DECLARED.replace("course: {owner: publish}", "course: {owner: publsh}").replace(
        "provider: {owner: publish}", "provider: {owner: [publish, register]}"
    )
    findings = lint_text(text, select=["FL004"])
    assert positions(findings) == [
        (6, 12, "/entities/course/owner"),
        (7, 31, "/entities/provider/owner/1"),
    ]
    assert messages(findings) == [
        "unknown service 'publsh' in owner of entity 'course' (did you mean 'publish'?)",
        "unknown service 'register' in owner of entity 'provider' (declare it under 'services')",
    ]


def test_service_edits() -> None:
    text = DECLARED.replace(
        "find: {name: Find postgraduate teacher training}",
        "find: {name: Find postgraduate teacher training, edits: [course, cours]}",
    )
    findings = lint_text(text, select=["FL004"])
    assert positions(findings) == [(4, 68, "/services/find/edits/1")]
    assert messages(findings) == [
        "unknown entity 'cours' in edits of service 'find' (did you mean 'course'?)"
    ]


def test_relationship_from_to_and_defined_by() -> None:
    findings = fl004(
        "relationships:\n"
        "  - {name: Provider to school, from: providr, to: school, defined_by: [publish, manage]}\n"
        "  - {name: Course to find, from: course, to: course, defined_by: finder}\n"
    )
    assert positions(findings) == [
        (11, 32, "/relationships/0/from"),
        (11, 47, "/relationships/0/to"),
        (11, 81, "/relationships/0/defined_by/1"),
        (12, 54, "/relationships/1/defined_by"),
    ]
    assert messages(findings) == [
        "unknown entity 'providr' in relationship 'Provider to school' (did you mean 'provider'?)",
        "unknown entity 'school' in relationship 'Provider to school' (declare it under 'entities')",
        "unknown service 'manage' in defined_by of relationship 'Provider to school' "
        "(declare it under 'services')",
        "unknown service 'finder' in defined_by of relationship 'Course to find' "
        "(did you mean 'find'?)",
    ]


def test_relationship_within_an_entity() -> None:
    text = DECLARED.replace(
        "provider: {owner: publish}",
        "provider:\n    owner: publish\n    relationships:\n      - {name: Provider to school, to: school}",
    )
    findings = lint_text(text, select=["FL004"])
    assert positions(findings) == [(10, 36, "/entities/provider/relationships/0/to")]
    assert messages(findings) == [
        "unknown entity 'school' in relationship 'Provider to school' (declare it under 'entities')"
    ]


def test_api_service_and_entities() -> None:
    text = DECLARED.replace(
        "courses: {name: Courses API, service: publish, entities: [course]}",
        "courses: {name: Courses API, service: publisher, entities: [course, providers]}",
    )
    findings = lint_text(text, select=["FL004"])
    assert positions(findings) == [
        (9, 32, "/apis/courses/service"),
        (9, 71, "/apis/courses/entities/1"),
    ]
    assert messages(findings) == [
        "unknown service 'publisher' in 'service' of API 'courses' (did you mean 'publish'?)",
        "unknown entity 'providers' in entities of API 'courses' (did you mean 'provider'?)",
    ]


def test_same_unknown_id_twice_is_two_findings() -> None:
    findings = fl004(
        "flows:\n  - {from: apply, to: find, entities: [course]}\n"
        "  - {from: apply, to: publish, entities: [course]}\n"
    )
    assert positions(findings) == [(11, 6, "/flows/0/from"), (12, 6, "/flows/1/from")]
    # Two places to fix, so two distinct subjects (the role names the flow).
    assert findings[0].subject != findings[1].subject


def test_reference_across_files_of_a_directory_model() -> None:
    findings = lint_files(
        {
            "a.yaml": DECLARED,
            "flows/b.yaml": """\
            flowlint: 1
            flows:
              - {from: publish, to: find, entities: [course]}
              - {from: publish, to: apply, entities: [course]}
            """,
        },
        select=["FL004"],
    )
    assert [(f.location.file, *p) for f, p in zip(findings, positions(findings), strict=True)] == [
        ("flows/b.yaml", 4, 21, "/flows/1/to")
    ]


def test_outside_services_must_be_declared_too() -> None:
    text = DECLARED.replace(
        "entities:\n", "  dqt: {name: Database of qualified teachers, kind: external}\nentities:\n"
    )
    assert (
        lint_text(
            text + "flows:\n  - {from: dqt, to: find, entities: [course]}\n", select=["FL004"]
        )
        == []
    )
    findings = fl004("flows:\n  - {from: dqt, to: find, entities: [course]}\n")
    assert messages(findings) == [
        "unknown service 'dqt' in 'from' of the flow from 'dqt' to 'find' "
        "(declare it under 'services')"
    ]


def test_value_of_the_wrong_type_is_left_to_the_schema() -> None:
    findings = fl004(
        "flows:\n  - {from: publish, to: 5, entities: [course, {a: 1}]}\n", ("FL003", "FL004")
    )
    assert codes(findings) == ["FL003", "FL003"]


def test_invalid_id_is_left_to_the_schema() -> None:
    findings = fl004(
        "flows:\n  - {from: Publish, to: find, entities: [course]}\n", ("FL003", "FL004")
    )
    assert codes(findings) == ["FL003"]


def test_subjects_name_the_kind_the_id_and_the_role() -> None:
    # The subject is what a baseline fingerprints: pinned for each kind of reference.
    findings = fl004(
        "flows:\n  - {from: apply, to: find, entities: [course, school], via: api, api: zzz}\n"
        "  - {from: apply, to: publish, entities: [course]}\n"
    )
    assert [f.subject for f in findings] == [
        ("service", "apply", "unknown", "'from' of the flow from 'apply' to 'find'"),
        ("entity", "school", "unknown", "entities of the flow from 'apply' to 'find'"),
        ("api", "zzz", "unknown", "'api' of the flow from 'apply' to 'find'"),
        ("service", "apply", "unknown", "'from' of the flow from 'apply' to 'publish'"),
    ]
    assert findings[2].message == (
        "unknown API 'zzz' in 'api' of the flow from 'apply' to 'find' (declare it under 'apis')"
    )


def test_an_invalid_id_does_not_stop_the_check_of_the_next_reference() -> None:
    findings = fl004(
        "flows:\n  - {from: Publish, to: fnd, entities: [course]}\n", ("FL003", "FL004")
    )
    assert codes(findings) == ["FL003", "FL004"]
    assert positions(findings)[1] == (11, 21, "/flows/0/to")


FLOWS = "flowlint: 1\nflows:\n  - {from: publish, to: find, entities: [course]}\n"
BROKEN = "flowlint: 1\nservices: [\n"


def test_a_file_with_a_yaml_error_may_declare_what_is_missing() -> None:
    findings = lint_files({"a.yaml": BROKEN, "f.yaml": FLOWS}, select=["FL001", "FL004"])
    assert codes(findings) == ["FL001", "FL004", "FL004", "FL004"]
    assert findings[1].message == (
        "unknown service 'publish' in 'from' of the flow from 'publish' to 'find' (declare it "
        "under 'services'; a.yaml has a YAML error and may declare it)"
    )
    # The hint does not change the subject: fixing the YAML error keeps the baseline valid.
    assert findings[1].subject == (
        "service",
        "publish",
        "unknown",
        "'from' of the flow from 'publish' to 'find'",
    )


def test_files_with_yaml_errors_are_named_up_to_three_in_order() -> None:
    two = {"b.yaml": BROKEN, "a.yaml": BROKEN, "f.yaml": FLOWS}
    findings = lint_files(two, select=["FL004"])
    assert findings[0].message.endswith(
        "(declare it under 'services'; a.yaml, b.yaml have a YAML error and may declare it)"
    )
    three = two | {"c.yaml": BROKEN}
    findings = lint_files(three, select=["FL004"])
    assert findings[0].message.endswith(
        "(declare it under 'services'; a.yaml, b.yaml, c.yaml have a YAML error and may declare it)"
    )
    four = three | {"0.yaml": BROKEN}
    findings = lint_files(four, select=["FL004"])
    assert findings[0].message.endswith(
        "(declare it under 'services'; 0.yaml, a.yaml, b.yaml and others have a YAML error and "
        "may declare it)"
    )
