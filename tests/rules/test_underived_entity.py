"""FL108 underived-entity: the owner of a derived entity has what it is derived from."""

from flowlint.testing import lint_text, positions

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
