"""FL101 single-owner: each entity has exactly one owner."""

import pytest

from flowlint.testing import codes, lint_files, lint_text, positions
from tests.rules.helpers import PREAMBLE, at, lint

SERVICES = """\
flowlint: 1
services:
  placements: {name: Manage school placements}
  claims: {name: Claim funding for mentor training}
entities:
"""


def fl101(entities: str, select: tuple[str, ...] = ("FL101",)):
    return lint_text(SERVICES + entities, select=list(select))


def test_one_owner() -> None:
    assert fl101("  mentor: {owner: placements}\n") == []


def test_list_of_one_owner() -> None:
    assert fl101("  mentor: {owner: [placements]}\n") == []


def test_same_owner_twice_is_one_owner() -> None:
    assert fl101("  mentor: {owner: [placements, placements]}\n") == []


def test_no_owner_is_reported_at_the_entity() -> None:
    findings = fl101("  mentor: {name: Mentor}\n  school: {owner: claims}\n")
    assert positions(findings) == [(6, 3, "/entities/mentor")]
    assert findings[0].message == (
        "entity 'mentor' has no owner; add 'owner: <service id>' naming the service where its "
        "data is created"
    )
    assert findings[0].subject == ("entity", "mentor", "no-owner")


def test_empty_entity_has_no_owner() -> None:
    findings = fl101("  mentor: {}\n")
    assert positions(findings) == [(6, 3, "/entities/mentor")]


def test_two_owners_are_reported_at_the_owner_key() -> None:
    findings = fl101("  mentor: {owner: [placements, claims]}\n")
    assert positions(findings) == [(6, 12, "/entities/mentor/owner")]
    assert findings[0].message == (
        "entity 'mentor' has 2 owners, 'placements' and 'claims'; keep one owner and let the "
        "others receive a copy through a flow"
    )
    assert findings[0].subject == ("entity", "mentor", "owners", "claims", "placements")


def test_two_owners_in_a_block_list() -> None:
    findings = fl101("  mentor:\n    owner:\n      - placements\n      - claims\n      - claims\n")
    assert positions(findings) == [(7, 5, "/entities/mentor/owner")]
    assert "has 2 owners, 'placements' and 'claims';" in findings[0].message


def test_subject_does_not_depend_on_the_order_of_owners() -> None:
    one = fl101("  mentor: {owner: [placements, claims]}\n")
    other = fl101("  mentor: {owner: [claims, placements]}\n")
    assert one[0].subject == other[0].subject


@pytest.mark.parametrize(
    ("owner", "where"),
    [
        ("5", (6, 12, "/entities/mentor/owner")),
        ("{id: claims}", (6, 12, "/entities/mentor/owner")),
        ("[5]", (6, 20, "/entities/mentor/owner/0")),
        ("[]", (6, 12, "/entities/mentor/owner")),
        ("", (6, 12, "/entities/mentor/owner")),
        ("true", (6, 12, "/entities/mentor/owner")),
    ],
)
def test_owner_of_the_wrong_type_is_one_schema_finding(owner: str, where) -> None:
    findings = fl101(f"  mentor: {{owner: {owner}}}\n", select=("FL003", "FL101"))
    assert codes(findings) == ["FL003"]
    assert positions(findings) == [where]


def test_one_good_owner_beside_a_bad_item_is_one_schema_finding() -> None:
    findings = fl101("  mentor: {owner: [placements, 5]}\n", select=("FL003", "FL101"))
    assert codes(findings) == ["FL003"]
    assert positions(findings) == [(6, 32, "/entities/mentor/owner/1")]


def test_an_undeclared_owner_is_left_to_unknown_reference() -> None:
    findings = fl101("  mentor: {owner: placement}\n", select=("FL004", "FL101"))
    assert codes(findings) == ["FL004"]


def test_directory_model_reports_in_the_file_of_the_entity() -> None:
    findings = lint_files(
        {
            "services.yaml": SERVICES.removesuffix("entities:\n"),
            "entities/mentor.yaml": """\
            flowlint: 1
            entities:
              mentor:
                owner: [placements, claims]
            """,
            "entities/school.yaml": "flowlint: 1\nentities:\n  school: {personal_data: false}\n",
        },
        select=["FL101"],
    )
    assert [(f.location.file, *p) for f, p in zip(findings, positions(findings), strict=True)] == [
        ("entities/mentor.yaml", 4, 5, "/entities/mentor/owner"),
        ("entities/school.yaml", 3, 3, "/entities/school"),
    ]


def test_an_entity_declared_again_in_another_file_is_judged_by_its_first_declaration() -> None:
    findings = lint_files(
        {
            "a.yaml": SERVICES + "  mentor: {owner: placements}\n",
            "b.yaml": "flowlint: 1\nentities:\n  mentor: {owner: [placements, claims]}\n",
        },
        select=["FL002", "FL101"],
    )
    assert codes(findings) == ["FL002"]


@pytest.mark.parametrize("entity", ["  mentor: {onwer: placements}\n", "  mentor:\n"])
def test_a_schema_mistake_is_not_reported_again(entity: str) -> None:
    assert codes(fl101(entity, select=("FL003", "FL101"))) == ["FL003"]


SCOPED = """\
flowlint: 1.1
services:
  whitehall: {name: Whitehall publisher}
  specialist: {name: Specialist publisher}
entities:
"""


def test_scoped_owners_each_with_a_scope_pass() -> None:
    text = SCOPED + (
        "  document:\n    owner:\n      - {service: whitehall, scope: documents created in Whitehall}\n"
        "      - {service: specialist, scope: specialist documents, until: 2099-01-01}\n"
    )
    assert lint_text(text, select=["FL101"]) == []


def test_a_scoped_owner_without_a_scope_is_reported_at_that_owner() -> None:
    text = SCOPED + (
        "  a-good-one:\n    owner: [{service: whitehall, scope: all}, {service: specialist, scope: x}]\n"
        "  document:\n    owner:\n      - {service: whitehall, scope: documents created in Whitehall}\n"
        "      - {service: specialist}\n      - {service: whitehall, scope: '  '}\n"
    )
    findings = lint_text(text, select=["FL101"])
    assert positions(findings) == [
        (11, 9, "/entities/document/owner/1"),
        (12, 9, "/entities/document/owner/2"),
    ]
    assert findings[0].message == (
        "owner 'specialist' of entity 'document' has no scope, so the split of its records "
        "between its 3 owners is not said; add 'scope:' saying which records 'specialist' owns"
    )
    assert findings[0].subject == ("entity", "document", "unscoped-owner", "specialist")


def test_a_single_scoped_owner_still_says_its_scope() -> None:
    findings = lint_text(SCOPED + "  document: {owner: [{service: whitehall}]}\n", select=["FL101"])
    assert positions(findings) == [(6, 22, "/entities/document/owner/0")]
    assert findings[0].message == (
        "owner 'whitehall' of entity 'document' is written as a scoped owner but has no scope; "
        "add 'scope:' saying which records 'whitehall' owns, or write 'owner: whitehall'"
    )
    scoped = SCOPED + "  document: {owner: [{service: whitehall, scope: all}]}\n"
    assert lint_text(scoped, select=["FL101"]) == []


def test_three_plain_owners_are_one_finding_naming_them_all() -> None:
    findings = fl101(
        "  mentor: {owner: [placements, claims, placements]}\n  x: {owner: [claims, placements, y]}\n"
    )
    assert [f.message.split(";")[0] for f in findings] == [
        "entity 'mentor' has 2 owners, 'placements' and 'claims'",
        "entity 'x' has 3 owners, 'claims', 'placements' and 'y'",
    ]


def test_a_good_entity_before_a_bad_one_does_not_stop_the_check() -> None:
    findings = fl101("  a: {owner: placements}\n  mentor: {name: Mentor}\n")
    assert positions(findings) == [(7, 3, "/entities/mentor")]


def test_each_entity_is_judged_on_its_own_whatever_comes_before_it() -> None:
    # An entity with a schema mistake, one whose owner has the wrong type and one without an
    # owner come before an entity with two owners: none of them stops the check.
    spec = PREAMBLE + (
        "entities:\n"
        "  typo: {onwer: placements}\n"
        "  wrong-type: {owner: 5}\n"
        "  orphan: {name: Orphan}\n"
        "  mentor: {owner: [placements, claims, register]}\n"
    )
    assert lint(spec, "FL101") == [
        (*at(spec, "typo"), "/entities/typo"),
        (*at(spec, "orphan"), "/entities/orphan"),
        (*at(spec, "owner: [placements"), "/entities/mentor/owner"),
    ]
    found = lint_text(spec, select=["FL003", "FL101"])
    assert [(f.code, f.location.pointer) for f in found] == [
        ("FL003", "/entities/typo/onwer"),
        ("FL003", "/entities/wrong-type/owner"),
        ("FL101", "/entities/orphan"),
        ("FL101", "/entities/mentor/owner"),
    ]
    assert [f.subject for f in found if f.code == "FL101"] == [
        ("entity", "orphan", "no-owner"),
        ("entity", "mentor", "owners", "claims", "placements", "register"),
    ]
    assert found[-1].message.startswith(
        "entity 'mentor' has 3 owners, 'placements', 'claims' and 'register';"
    )
