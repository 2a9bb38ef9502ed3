"""FL107 lost-create: a service that declares `creates` gets its new records to the owner."""

from flowlint.testing import lint_text, positions

SPEC = """\
flowlint: 1.1
services:
  trs: {name: Teaching Record System}
  register: {name: Register trainee teachers, creates: [person]}
  afqts: {name: Apply for QTS, creates: [person, recognition]}
entities:
  person: {owner: trs}
  recognition: {owner: afqts}
apis:
  trs-api: {name: TRS API, service: trs, access: read-write, docs: "https://x.invalid", entities: [person]}
  trs-read: {name: TRS read API, service: trs, access: read, docs: "https://x.invalid"}
flows:
"""


def fl107(flows: str):
    return lint_text(SPEC + flows, select=["FL107"])


def test_a_creator_with_no_way_to_the_owner_is_reported_at_its_creates_entry() -> None:
    findings = fl107("  - {from: trs, to: register, entities: [person], stores: false}\n")
    assert positions(findings) == [
        (4, 57, "/services/register/creates/0"),
        (5, 42, "/services/afqts/creates/0"),
    ]
    assert findings[0].message == (
        "service 'register' creates 'person' records in its owner 'trs', but no flow passing "
        "creates carries 'person' from 'register' to it and it uses no write API of it: the new "
        "records never reach the owner; add that flow, or remove 'person' from the 'creates' of "
        "'register'"
    )
    assert findings[0].subject == ("service", "register", "creates", "person")
    assert findings[0].severity.value == "warning"


def test_a_flow_or_chain_passing_creates_to_the_owner_passes() -> None:
    assert (
        fl107(
            """\
  - {from: register, to: trs, entities: [person]}
  - {from: afqts, to: register, entities: [person], operations: [create]}
"""
        )
        == []
    )


def test_a_flow_that_does_not_pass_creates_does_not_count() -> None:
    findings = fl107(
        """\
  - {from: register, to: trs, entities: [person], operations: [update, delete]}
  - {from: afqts, to: trs, entities: [person], status: retired}
"""
    )
    assert [f.subject[1] for f in findings] == ["register", "afqts"]


def test_using_a_write_api_of_the_owner_counts() -> None:
    findings = fl107(
        """\
  - {from: trs, to: register, entities: [person], via: api, api: trs-api, stores: false}
  - {from: trs, to: afqts, entities: [person], via: api, api: trs-read, stores: false}
"""
    )
    # trs-api can write and lists person; trs-read can only read.
    assert [f.subject[1] for f in findings] == ["afqts"]


def test_owners_creating_their_own_entity_and_unknown_entities_are_left_alone() -> None:
    # afqts owns recognition; 'nothing' is unknown (FL004).
    text = SPEC.replace("creates: [person, recognition]", "creates: [recognition, nothing]")
    assert (
        lint_text(text + "  - {from: register, to: trs, entities: [person]}\n", select=["FL107"])
        == []
    )
