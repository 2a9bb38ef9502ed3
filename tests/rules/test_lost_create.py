"""FL107 lost-create: a service that declares `creates` gets its new records to the owner."""

from flowlint.testing import lint_text, positions
from tests.rules.helpers import at

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


def test_several_owners_are_named_as_alternatives() -> None:
    text = SPEC.replace("  person: {owner: trs}", "  person: {owner: [trs, afqts]}")
    findings = lint_text(text, select=["FL107"])
    assert positions(findings) == [(*at(text, "person]}"), "/services/register/creates/0")]
    assert findings[0].message == (
        "service 'register' creates 'person' records in its owner 'trs' or 'afqts', but no flow "
        "passing creates carries 'person' from 'register' to any of them and it uses no write "
        "API of theirs: the new records never reach the owner; add that flow, or remove 'person' "
        "from the 'creates' of 'register'"
    )


def test_each_created_entity_is_checked_once_and_none_hides_the_next() -> None:
    # register lists person twice, then its own entity, then one whose records reach the owner,
    # then one it sends through the owner's write API: only the lost ones are reported, once.
    text = (
        SPEC.replace(
            "creates: [person]}",
            "creates: [person, person, trainee, award, qts, degree]}",
        )
        .replace(
            "  recognition: {owner: afqts}\n",
            "  recognition: {owner: afqts}\n  trainee: {owner: register}\n"
            "  award: {owner: trs}\n  qts: {owner: trs}\n  degree: {owner: trs}\n",
        )
        .replace(
            "flows:\n",
            "  trs-qts: {name: QTS API, service: trs, access: write, "
            'docs: "https://x.invalid", entities: [qts]}\nflows:\n',
        )
    )
    spec = (
        text
        + "  - {from: register, to: trs, entities: [award]}\n"
        + "  - {from: trs, to: register, entities: [qts], via: api, api: trs-qts, stores: false}\n"
    )
    findings = lint_text(spec, select=["FL107"])
    assert positions(findings) == [
        (*at(spec, "person, person"), "/services/register/creates/0"),
        (*at(spec, "degree]}"), "/services/register/creates/5"),
        (*at(spec, "person, recognition"), "/services/afqts/creates/0"),
    ]
    assert [f.subject for f in findings] == [
        ("service", "register", "creates", "person"),
        ("service", "register", "creates", "degree"),
        ("service", "afqts", "creates", "person"),
    ]


def _write_api_cases(flows: str, apis: str = "") -> list[str]:
    """The services reported when afqts's person records may go through the flows given."""
    text = SPEC.replace("flows:\n", apis + "flows:\n")
    return [f.subject[1] for f in lint_text(text + flows, select=["FL107"])]


def test_a_write_api_counts_on_a_flow_from_the_creator_too() -> None:
    # afqts sends something else to trs through trs's write API: it can write its person
    # records there. Flows without an API, or through an unknown one, come first.
    flows = """\
  - {from: afqts, to: trs, entities: [recognition], operations: [update]}
  - {from: afqts, to: trs, entities: [recognition], via: api, api: nope, operations: [update]}
  - {from: afqts, to: trs, entities: [recognition], via: api, api: trs-api, operations: [update]}
"""
    assert _write_api_cases(flows) == ["register"]


def test_only_a_write_api_of_an_owner_listing_the_entity_or_nothing_counts() -> None:
    apis = (
        "  afqts-api: {name: AfQTS API, service: afqts, access: read-write, "
        'docs: "https://x.invalid"}\n'
        "  trs-other: {name: TRS other API, service: trs, access: write, "
        'docs: "https://x.invalid", entities: [recognition]}\n'
        "  trs-any: {name: TRS any API, service: trs, access: write, "
        'docs: "https://x.invalid"}\n'
    )
    other = "  - {from: trs, to: afqts, entities: [person], via: api, api: %s, stores: false}\n"
    # An API of a service that does not own person, a read API of the owner and a write API of
    # the owner that lists only other entities do not count ...
    assert _write_api_cases(other % "afqts-api", apis) == ["register", "afqts"]
    assert _write_api_cases(other % "trs-read", apis) == ["register", "afqts"]
    assert _write_api_cases(other % "trs-other", apis) == ["register", "afqts"]
    # ... nor an unknown API; a write API of the owner that lists no entities does, even after
    # those that do not count.
    assert _write_api_cases(other % "nope", apis) == ["register", "afqts"]
    flows = "".join(other % api for api in ("afqts-api", "trs-read", "trs-other", "trs-any"))
    assert _write_api_cases(flows, apis) == ["register"]
