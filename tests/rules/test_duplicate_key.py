"""FL002 duplicate-key: a key appears once in a mapping, and an id is declared once in a model."""

from flowlint.testing import codes, lint_files, lint_text, positions
from tests.rules.helpers import at

SERVICES = """\
flowlint: 1
services:
  publish: {name: Publish teacher training courses}
  find: {name: Find postgraduate teacher training}
"""


def fl002(text: str):
    return lint_text(text, select=["FL002"])


def test_repeated_key_is_reported_at_the_second_naming_the_first() -> None:
    findings = fl002(SERVICES + "  publish: {name: Publish}\n")
    assert positions(findings) == [(5, 3, "/services/publish")]
    assert findings[0].message == (
        "duplicate key 'publish': it is already set on line 3, column 3; keep one of them "
        "(as YAML does, flowlint uses only the last)"
    )
    assert findings[0].subject == ("key", "/services", "publish")


def test_repeated_top_level_section() -> None:
    findings = fl002(SERVICES + "services:\n  apply: {name: Apply}\n")
    assert positions(findings) == [(5, 1, "/services")]
    assert "duplicate key 'services': it is already set on line 2, column 1" in findings[0].message


def test_repeated_key_in_a_flow_mapping() -> None:
    findings = fl002(
        SERVICES + "flows:\n  - {from: publish, to: find, entities: [course], to: apply}\n"
    )
    assert positions(findings) == [(6, 51, "/flows/0/to")]
    assert "it is already set on line 6, column 21" in findings[0].message


def test_keys_are_compared_as_written_text() -> None:
    # `no` and "no" are the same key; YAML 1.1 would read the first as the boolean false.
    findings = fl002('flowlint: 1\nx-flags:\n  no: 1\n  "no": 2\n  1: a\n  "1": b\n')
    assert positions(findings) == [(4, 3, "/x-flags/no"), (6, 3, "/x-flags/1")]


def test_each_repeat_is_one_finding() -> None:
    text = SERVICES + "  publish: {name: A}\n  publish: {name: B}\n"
    assert positions(fl002(text)) == [(5, 3, "/services/publish"), (6, 3, "/services/publish")]


def test_the_last_declaration_is_kept_as_yaml_keeps_it() -> None:
    # The kept service (the last) has a valid body; the earlier one is not read or validated.
    text = SERVICES.replace(
        "publish: {name: Publish teacher training courses}", "publish: {kind: nonsense}"
    )
    findings = lint_text(text + "  publish: {name: Publish}\n", select=["FL002", "FL003"])
    assert codes(findings) == ["FL002"]
    # A broken last body is what YAML keeps, so it is validated where it is written.
    broken = lint_text(SERVICES + "  publish: {kind: nonsense}\n", select=["FL002", "FL003"])
    assert codes(broken) == ["FL002", "FL003", "FL003"]
    assert {f.location.line for f in broken} == {5}


def test_distinct_keys_give_no_finding() -> None:
    assert fl002(SERVICES) == []


def test_id_declared_in_two_files_is_reported_at_the_later_file() -> None:
    findings = lint_files(
        {
            "a.yaml": SERVICES,
            "b.yaml": """\
            flowlint: 1
            services:
              apply: {name: Apply for teacher training}
              publish: {name: Publish teacher training courses}
            """,
        },
        select=["FL002"],
    )
    assert [f.location.file for f in findings] == ["b.yaml"]
    assert positions(findings) == [(4, 3, "/services/publish")]
    assert findings[0].message == (
        "service 'publish' is already declared in a.yaml on line 3; "
        "declare it once and keep the rest in one place"
    )
    assert findings[0].subject == ("service", "publish", "redeclared")


def test_entity_and_api_declared_in_two_files() -> None:
    findings = lint_files(
        {
            "a.yaml": SERVICES
            + "entities:\n  course: {owner: publish}\n"
            + "apis:\n  courses: {name: Courses API, service: publish}\n",
            "b/c.yaml": "flowlint: 1\nentities:\n  course: {owner: find}\n"
            "apis:\n  courses: {name: Courses API}\n",
        },
        select=["FL002"],
    )
    assert [(f.location.file, *p) for f, p in zip(findings, positions(findings), strict=True)] == [
        ("b/c.yaml", 3, 3, "/entities/course"),
        ("b/c.yaml", 5, 3, "/apis/courses"),
    ]
    assert findings[0].message.startswith(
        "entity 'course' is already declared in a.yaml on line 6;"
    )
    assert findings[1].message.startswith("API 'courses' is already declared in a.yaml on line 8;")


def test_three_files_give_two_findings_each_naming_the_first() -> None:
    one = "flowlint: 1\nservices:\n  publish: {name: Publish}\n"
    findings = lint_files({"a.yaml": one, "b.yaml": one, "c.yaml": one}, select=["FL002"])
    assert [(f.location.file, f.location.line) for f in findings] == [("b.yaml", 3), ("c.yaml", 3)]
    assert all("already declared in a.yaml on line 3" in f.message for f in findings)


def test_same_id_for_different_kinds_is_fine() -> None:
    findings = lint_files(
        {"a.yaml": SERVICES, "b.yaml": "flowlint: 1\nentities:\n  publish: {owner: publish}\n"},
        select=["FL002"],
    )
    assert findings == []


def test_a_key_repeated_in_a_flow_names_the_flow_by_its_ends_not_its_index() -> None:
    # The fingerprint subject must not change when a block moves: the flow is named by its ends
    # (the kept, last, values), a key in a mapping inside it by the path below the flow.
    flow = (
        "  - {from: publish, to: find, entities: [course], description: {a: 1, a: 2}, to: apply}\n"
    )
    other = "  - {from: find, to: publish, entities: [course]}\n"
    first = fl002(SERVICES + "flows:\n" + flow + other)
    moved = fl002(SERVICES + "flows:\n" + other + flow)
    spec = SERVICES + "flows:\n" + flow
    assert positions(first) == [
        (*at(spec, "a: 2"), "/flows/0/description/a"),
        (*at(spec, "to: apply"), "/flows/0/to"),
    ]
    assert [f.subject for f in first] == [
        ("key", "/flows/publish->apply/description", "a"),
        ("key", "/flows/publish->apply", "to"),
    ]
    assert [f.subject for f in moved] == [f.subject for f in first]
    assert [f.location.pointer for f in moved] == ["/flows/1/description/a", "/flows/1/to"]


def test_a_key_repeated_in_a_relationship_names_it_by_its_section_and_ends() -> None:
    spec = SERVICES + (
        "entities:\n"
        "  course:\n"
        "    owner: publish\n"
        "    relationships:\n"
        "      - {name: Course to school, to: school, name: Course-school}\n"
        "  school: {owner: find}\n"
        "relationships:\n"
        "  - {name: Course to school, from: course, to: school, from: school}\n"
    )
    findings = fl002(spec)
    assert positions(findings) == [
        (*at(spec, "name: Course-school"), "/entities/course/relationships/0/name"),
        (*at(spec, "from: school"), "/relationships/0/from"),
    ]
    assert [f.subject for f in findings] == [
        ("key", "/entities/course/relationships/course->school", "name"),
        ("key", "/relationships/school->school", "from"),
    ]
