"""FL108 underived-entity: the owner of a derived entity has what it is derived from."""

from flowlint.testing import lint_text, positions
from tests.rules.helpers import at

SPEC = """\
flowlint: 1.1
services:
  publisher: {name: Publishing app}
  whitehall: {name: Whitehall}
  search: {name: Site search}
entities:
  content-item: {owner: publisher}
  organisation: {owner: whitehall}
  search-document:
    owner: search
    derived_from: [content-item, organisation]
flows:
"""


def fl108(flows: str, text: str = SPEC):
    return lint_text(text + flows, select=["FL108"])


def test_a_source_the_owner_never_gets_is_reported_at_its_derived_from_entry() -> None:
    findings = fl108("  - {from: publisher, to: search, entities: [content-item]}\n")
    assert positions(findings) == [(11, 34, "/entities/search-document/derived_from/1")]
    assert findings[0].message == (
        "entity 'search-document' is derived from 'organisation', but its owner 'search' "
        "neither owns nor receives 'organisation'; add a flow that brings 'organisation' from "
        "its owner 'whitehall' to 'search', or correct the 'derived_from' of 'search-document'"
    )
    assert findings[0].subject == ("entity", "search-document", "derived-from", "organisation")
    assert findings[0].severity.value == "error"


def test_owning_or_receiving_every_source_passes() -> None:
    text = SPEC.replace("organisation: {owner: whitehall}", "organisation: {owner: search}")
    assert fl108("  - {from: publisher, to: search, entities: [content-item]}\n", text) == []


def test_a_retired_or_delete_only_flow_does_not_bring_it() -> None:
    findings = fl108(
        """\
  - {from: publisher, to: search, entities: [content-item], status: retired}
  - {from: whitehall, to: search, entities: [organisation], operations: [delete]}
"""
    )
    assert [f.subject[3] for f in findings] == ["content-item", "organisation"]


def test_each_scoped_owner_must_have_the_source() -> None:
    text = SPEC.replace(
        "    owner: search\n",
        "    owner: [{service: search, scope: GOV.UK}, {service: whitehall, scope: legacy}]\n",
    )
    findings = fl108(
        "  - {from: publisher, to: search, entities: [content-item, organisation]}\n", text
    )
    assert positions(findings) == [(11, 20, "/entities/search-document/derived_from/0")]
    assert (
        "but its owner 'whitehall' neither owns nor receives 'content-item'" in findings[0].message
    )


def test_unknown_sources_and_entities_without_an_owner_are_left_to_other_rules() -> None:
    text = SPEC.replace("[content-item, organisation]", "[content-item, nowhere]")
    assert fl108("  - {from: publisher, to: search, entities: [content-item]}\n", text) == []
    no_owner = SPEC.replace("    owner: search\n", "")
    assert fl108("", no_owner) == []


THREE_OWNERS = SPEC.replace(
    "    owner: search\n",
    "    owner:\n"
    "      - {service: search, scope: GOV.UK}\n"
    "      - {service: whitehall, scope: legacy}\n"
    "      - {service: publisher, scope: drafts}\n",
)


def test_the_owners_that_lack_a_source_are_all_named() -> None:
    findings = fl108("", THREE_OWNERS)
    assert [f.message for f in findings] == [
        "entity 'search-document' is derived from 'content-item', but its owners 'search' and "
        "'whitehall' neither own nor receive 'content-item'; add a flow that brings "
        "'content-item' from its owner 'publisher' to 'search' and 'whitehall', or correct the "
        "'derived_from' of 'search-document'",
        "entity 'search-document' is derived from 'organisation', but its owners 'search' and "
        "'publisher' neither own nor receive 'organisation'; add a flow that brings "
        "'organisation' from its owner 'whitehall' to 'search' and 'publisher', or correct the "
        "'derived_from' of 'search-document'",
    ]


def test_one_owner_of_several_lacking_a_source_is_named_alone() -> None:
    flows = "  - {from: publisher, to: search, entities: [content-item]}\n"
    flows += "  - {from: publisher, to: whitehall, entities: [content-item]}\n"
    flows += "  - {from: whitehall, to: search, entities: [organisation]}\n"
    findings = fl108(flows, THREE_OWNERS)
    assert [f.message for f in findings] == [
        "entity 'search-document' is derived from 'organisation', but its owner 'publisher' "
        "neither owns nor receives 'organisation'; add a flow that brings 'organisation' from "
        "its owner 'whitehall' to 'publisher', or correct the 'derived_from' of "
        "'search-document'"
    ]


def test_a_source_with_two_owners_names_no_single_origin() -> None:
    text = SPEC.replace(
        "organisation: {owner: whitehall}", "organisation: {owner: [whitehall, publisher]}"
    )
    findings = fl108("  - {from: publisher, to: search, entities: [content-item]}\n", text)
    assert findings[0].message == (
        "entity 'search-document' is derived from 'organisation', but its owner 'search' "
        "neither owns nor receives 'organisation'; add a flow that brings 'organisation' to "
        "'search', or correct the 'derived_from' of 'search-document'"
    )


def test_a_repeated_unknown_or_own_source_does_not_hide_the_next() -> None:
    text = SPEC.replace(
        "[content-item, organisation]",
        "[organisation, nowhere, search-document, organisation, content-item]",
    )
    findings = fl108("", text)
    assert positions(findings) == [
        (*at(text, "organisation, nowhere"), "/entities/search-document/derived_from/0"),
        (*at(text, "content-item]"), "/entities/search-document/derived_from/4"),
    ]
    assert [f.subject for f in findings] == [
        ("entity", "search-document", "derived-from", "organisation"),
        ("entity", "search-document", "derived-from", "content-item"),
    ]


def test_a_derived_entity_without_an_owner_does_not_stop_the_check() -> None:
    text = SPEC.replace(
        "  search-document:\n",
        "  draft: {derived_from: [content-item]}\n  search-document:\n",
    )
    findings = fl108("", text)
    assert [f.subject for f in findings] == [
        ("entity", "search-document", "derived-from", "content-item"),
        ("entity", "search-document", "derived-from", "organisation"),
    ]
