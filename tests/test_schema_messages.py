"""FL003 wording: each mistake gives exactly one finding, at the right place, in words a spec
author can act on."""

from __future__ import annotations

import pytest

from flowlint.testing import lint_text

# The parsing and structure layer. FL101 is left out: see tests/rules/test_single_owner.py for
# the mistakes it would report a second time.
STRUCTURE = ["FL001", "FL002", "FL003", "FL004"]

BASE = """\
flowlint: 1
services:
  publish: {name: Publish teacher training courses}
  find: {name: Find postgraduate teacher training}
entities:
  course: {owner: publish}
apis:
  courses: {name: Courses API, service: publish}
flows:
  - {from: publish, to: find, entities: [course]}
"""


def one(text: str) -> tuple[int, int, str, str]:
    """The single finding of `text`: (line, column, pointer, message)."""
    findings = lint_text(text, select=STRUCTURE)
    assert len(findings) == 1, [f"{f.code} {f.message}" for f in findings]
    found = findings[0]
    assert found.code == "FL003"
    return found.location.line, found.location.column, found.location.pointer, found.message


def edit(old: str, new: str) -> str:
    assert BASE.count(old) == 1, old
    return BASE.replace(old, new)


def test_the_base_spec_is_clean() -> None:
    assert lint_text(BASE, select=STRUCTURE) == []


def test_unknown_key_suggests_the_nearest() -> None:
    assert one(edit("course: {owner: publish}", "course: {onwer: publish}")) == (
        6,
        12,
        "/entities/course/onwer",
        "unknown key 'onwer' in entity 'course' (did you mean 'owner'?); expected one of: "
        "derived_from, description, name, owner, personal_data, relationships, status "
        "(or an 'x-' extension key)",
    )


def test_unknown_key_without_a_near_miss() -> None:
    assert one(BASE + "colour: blue\n")[3] == (
        "unknown key 'colour' in the spec; expected one of: apis, as_of, description, "
        "entities, flowlint, flows, groups, relationships, service_line, services "
        "(or an 'x-' extension key)"
    )


def test_misspelt_required_key_is_one_finding() -> None:
    # Not also "missing the required key 'name'".
    assert one(edit("publish: {name: Publish", "publish: {nme: Publish")) == (
        3,
        13,
        "/services/publish/nme",
        "unknown key 'nme' in service 'publish' (did you mean 'name'?); expected one of: "
        "creates, description, distributes, edits, group, kind, name, status "
        "(or an 'x-' extension key)",
    )


def test_missing_name_on_a_service() -> None:
    assert one(edit("find: {name: Find postgraduate teacher training}", "find: {}")) == (
        4,
        3,
        "/services/find",
        "service 'find' is missing the required key 'name'",
    )


def test_several_missing_keys_are_one_finding() -> None:
    assert one(edit("- {from: publish, to: find, entities: [course]}", "- {from: publish}")) == (
        10,
        5,
        "/flows/0",
        "the flow from 'publish' is missing the required keys 'to' and 'entities'",
    )


def test_missing_flowlint() -> None:
    assert one(BASE.replace("flowlint: 1\n", "")) == (
        1,
        1,
        "",
        "missing 'flowlint: 1': every spec file starts with the format version",
    )


def test_flowlint_2() -> None:
    assert one(BASE.replace("flowlint: 1", "flowlint: 2")) == (
        1,
        1,
        "/flowlint",
        "the format version is 2, but flowlint reads formats 1 and 1.1: write 'flowlint: 1' (or 'flowlint: 1.1' for a spec that uses the fields added in 1.1)",
    )


def test_flowlint_quoted() -> None:
    assert one(BASE.replace("flowlint: 1", 'flowlint: "1"')) == (
        1,
        1,
        "/flowlint",
        "the format version is the text '1'; write the number, without quotes: 'flowlint: 1'",
    )


def test_flowlint_of_another_type() -> None:
    assert one(BASE.replace("flowlint: 1", "flowlint: yes"))[3] == (
        "the format version must be the number 1 or 1.1, not the boolean true: write 'flowlint: 1'"
    )


def test_bad_enum_with_suggestion() -> None:
    assert one(
        edit("find: {name: Find postgraduate teacher training}", "find: {name: F, kind: servcie}")
    ) == (
        4,
        19,
        "/services/find/kind",
        "'kind' of service 'find' is 'servcie'; expected one of: service, third-party, external "
        "(did you mean 'service'?)",
    )


def test_enum_suggestion_ignores_case() -> None:
    assert one(edit("course: {owner: publish}", "course: {owner: publish, status: LIVE}"))[3] == (
        "'status' of entity 'course' is 'LIVE'; expected one of: live, planned, retired "
        "(did you mean 'live'?)"
    )


def test_bad_enum_without_suggestion() -> None:
    assert one(edit("{name: Courses API,", "{name: Courses API, access: everyone,"))[3] == (
        "'access' of API 'courses' is 'everyone'; expected one of: read, write, read-write"
    )


def test_boolean_where_text_is_expected_hints_to_quote() -> None:
    assert one(edit("{name: Find postgraduate teacher training}", "{name: no}")) == (
        4,
        10,
        "/services/find/name",
        "'name' of service 'find' must be text, not the boolean false "
        "(YAML reads yes/no/on/off/true/false as booleans: quote the value)",
    )


def test_number_where_text_is_expected() -> None:
    assert one(BASE + "as_of: 2024\n")[3] == "'as_of' must be text, not the number 2024"


def test_text_where_a_boolean_is_expected() -> None:
    assert one(edit("{owner: publish}", "{owner: publish, personal_data: 'yes'}")) == (
        6,
        28,
        "/entities/course/personal_data",
        "'personal_data' of entity 'course' must be true or false, not the text 'yes'",
    )


def test_bad_id_key_suggests_kebab_case() -> None:
    assert one(
        edit("find: {name: Find", "Find: {name: Find").replace("to: find", "to: publish")
    ) == (
        4,
        3,
        "/services/Find",
        "service id 'Find' is not valid: ids are lower-case kebab-case (did you mean 'find'?)",
    )


@pytest.mark.parametrize(
    ("bad", "hint"),
    [
        ("studentRecord", "(did you mean 'student-record'?)"),
        ("student_record", "(did you mean 'student-record'?)"),
        ("Student Record", "(did you mean 'student-record'?)"),
        ("2nd-record", "letters, digits and single hyphens, starting with a letter"),
        ("café", "letters, digits and single hyphens, starting with a letter"),
    ],
)
def test_bad_id_suggestions(bad: str, hint: str) -> None:
    found = one(BASE.replace("entities:\n", f"  '{bad}': {{name: Student record}}\nentities:\n"))
    assert found[3].startswith(f"service id '{bad}' is not valid: ids are lower-case kebab-case")
    assert found[3].endswith(hint)


def test_bad_id_value_suggests_kebab_case() -> None:
    found = lint_text(
        edit("course: {owner: publish}", "course: {owner: Publish}"), select=["FL003"]
    )
    assert [(f.location.line, f.location.column, f.location.pointer, f.message) for f in found] == [
        (
            6,
            12,
            "/entities/course/owner",
            "'owner' of entity 'course' is 'Publish', which is not a valid id: ids are lower-case "
            "kebab-case (did you mean 'publish'?)",
        )
    ]


def test_via_api_without_api() -> None:
    text = edit("entities: [course]}", "entities: [course], via: api}")
    assert one(text) == (
        10,
        5,
        "/flows/0",
        "the flow from 'publish' to 'find' has 'via: api' but no 'api': name the API it goes "
        "through with 'api: <api id>'",
    )


def test_api_without_via_api() -> None:
    assert one(edit("entities: [course]}", "entities: [course], api: courses}")) == (
        10,
        51,
        "/flows/0/api",
        "'api' is only allowed on a flow with 'via: api'; add 'via: api' or remove 'api'",
    )


def test_api_with_another_via() -> None:
    text = edit("entities: [course]}", "entities: [course], via: file, api: courses}")
    assert one(text)[:3] == (10, 62, "/flows/0/api")


def test_misspelt_via_value_is_not_also_an_api_problem() -> None:
    text = edit("entities: [course]}", "entities: [course], via: API, api: courses}")
    assert one(text) == (
        10,
        51,
        "/flows/0/via",
        "'via' of the flow from 'publish' to 'find' is 'API'; expected one of: copy, api, file, "
        "manual, event (did you mean 'api'?)",
    )


def test_misspelt_via_key_is_not_also_an_api_problem() -> None:
    text = edit("entities: [course]}", "entities: [course], vai: api, api: courses}")
    assert one(text)[:3] == (10, 51, "/flows/0/vai")


def test_empty_entities_on_a_flow() -> None:
    assert one(edit("entities: [course]}", "entities: []}")) == (
        10,
        31,
        "/flows/0/entities",
        "'entities' of the flow from 'publish' to 'find' is an empty list; a flow carries at "
        "least one entity: list their ids, e.g. 'entities: [course]'",
    )


def test_entities_as_one_id_instead_of_a_list() -> None:
    assert one(edit("entities: [course]}", "entities: course}"))[3] == (
        "'entities' of the flow from 'publish' to 'find' must be a list, not the text 'course'"
    )


def test_owner_of_the_wrong_type() -> None:
    assert one(edit("course: {owner: publish}", "course: {owner: 5}")) == (
        6,
        12,
        "/entities/course/owner",
        "'owner' of entity 'course' must be a service id, a list of service ids, or a list of scoped owners ({service, scope}), "
        "not the number 5",
    )


def test_owner_list_with_a_bad_item_is_one_finding_at_the_item() -> None:
    assert one(edit("course: {owner: publish}", "course: {owner: [publish, 5]}")) == (
        6,
        29,
        "/entities/course/owner/1",
        "item 2 of 'owner' of entity 'course' must be a service id, not the number 5",
    )


def test_owner_list_with_two_bad_items_is_two_findings() -> None:
    found = lint_text(edit("{owner: publish}", "{owner: [5, true]}"), select=STRUCTURE)
    assert [f.message for f in found] == [
        "item 1 of 'owner' of entity 'course' must be a service id, not the number 5",
        "item 2 of 'owner' of entity 'course' must be a service id, not the boolean true "
        "(YAML reads yes/no/on/off/true/false as booleans: quote the value)",
    ]


def test_empty_owner_list() -> None:
    assert one(edit("course: {owner: publish}", "course: {owner: []}"))[3] == (
        "'owner' of entity 'course' is an empty list; list at least one service id"
    )


def test_empty_owner() -> None:
    assert one(edit("course: {owner: publish}", "course: {owner: }"))[3] == (
        "'owner' of entity 'course' is empty; it must be a service id, a list of service ids, or a list of scoped owners ({service, scope})"
    )


def test_empty_entity_body() -> None:
    text = edit("course: {owner: publish}", "course: {owner: publish}\n  school:")
    assert one(text) == (7, 3, "/entities/school", "entity 'school' is empty; it must be a mapping")


def test_section_of_the_wrong_type() -> None:
    assert one(
        BASE.replace("flows:\n  - {from: publish, to: find, entities: [course]}\n", "flows: {}\n")
    ) == (
        9,
        1,
        "/flows",
        "'flows' must be a list, not a mapping",
    )


def test_flow_that_is_not_a_mapping() -> None:
    assert one(BASE + "  - publish to find\n")[3] == (
        "the 2nd flow must be a mapping, not the text 'publish to find'"
    )


def test_relationship_within_an_entity_is_named() -> None:
    text = edit(
        "course: {owner: publish}",
        "course:\n    owner: publish\n    relationships:\n      - {name: Course to course, to: 5}",
    )
    assert one(text) == (
        9,
        34,
        "/entities/course/relationships/0/to",
        "'to' of relationship 'Course to course' of entity 'course' must be an entity id, "
        "not the number 5",
    )


def test_empty_defined_by() -> None:
    text = (
        BASE
        + "relationships:\n  - {name: Course to course, from: course, to: course, defined_by: []}\n"
    )
    assert one(text)[2:] == (
        "/relationships/0/defined_by",
        "'defined_by' of relationship 'Course to course' is an empty list; list at least one "
        "service id",
    )


def test_api_status_enum() -> None:
    assert one(edit("service: publish}", "service: publish, status: beta}"))[3] == (
        "'status' of API 'courses' is 'beta'; expected one of: live, in-development, planned, "
        "retired"
    )


def test_x_extension_keys_are_accepted_everywhere() -> None:
    text = """\
    flowlint: 1
    x-owner-team: data-architecture
    services:
      publish: {name: Publish, x-repo: publish-teacher-training}
      find: {name: Find, x-tags: [candidate]}
    entities:
      course:
        owner: publish
        x-note: {anything: [goes, here]}
        relationships:
          - {name: Course to course, to: course, x-seen: true}
    relationships:
      - {name: Course again, from: course, to: course, defined_by: publish, x-since: 2024}
    flows:
      - {from: publish, to: find, entities: [course], x-frequency: daily}
    apis:
      courses: {name: Courses API, service: publish, x-rate-limit: 100}
    """
    assert lint_text(text, select=STRUCTURE) == []


def test_extension_keys_are_not_validated_inside() -> None:
    assert (
        lint_text(BASE + "x-anything: {flowlint: 2, Bad Key: [1, {a: null}]}\n", select=STRUCTURE)
        == []
    )


def test_validate_with_a_recursive_schema_of_its_own() -> None:
    from flowlint.loading import parse_text
    from flowlint.schema import validate

    schema = {
        "$defs": {"node": {"type": "object", "properties": {"child": {"$ref": "#/$defs/node"}}}},
        "$ref": "#/$defs/node",
    }
    found = validate(parse_text("child: {child: 5}\n", "spec.yaml"), schema)
    assert [(p.location.pointer, p.message) for p in found] == [
        ("/child/child", "'child' of 'child' must be a mapping, not the number 5")
    ]


def test_the_bundled_schema_is_validated_without_references() -> None:
    import json

    from flowlint.schema import _inline_refs, spec_schema

    inlined = dict(_inline_refs(spec_schema()))
    del inlined["$defs"]
    assert '"$ref"' not in json.dumps(inlined)


def test_extension_keys_in_id_maps_are_not_declarations() -> None:
    from flowlint.testing import lint_text

    spec = """\
    flowlint: 1
    services:
      x-notes: {anything: [goes, here]}
      publish: {name: Publish teacher training courses}
      find: {name: Find postgraduate teacher training}
    entities:
      x-owner-team: data-architecture
      course: {owner: publish}
    apis:
      x-reviewed: "2024-05"
    flows:
      - {from: publish, to: find, entities: [course]}
    """
    assert [(f.code, f.message) for f in lint_text(spec, select=["ALL"])] == []
