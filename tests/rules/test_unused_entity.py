"""FL105 unused-entity: every entity is carried by a flow or listed by an API."""

from flowlint.testing import codes, lint_files, lint_text, positions

SPEC = """\
flowlint: 1
services:
  publish: {name: Publish}
  find: {name: Find}
entities:
  course: {owner: publish}
  provider: {owner: publish}
  subject: {owner: publish, status: planned}
  fee: {owner: publish, status: retired}
flows:
  - {from: publish, to: find, entities: [course]}
"""


def test_entity_nothing_carries_is_reported_at_its_key() -> None:
    findings = lint_text(SPEC, select=["FL105"])
    assert positions(findings) == [(7, 3, "/entities/provider"), (8, 3, "/entities/subject")]
    assert findings[0].message == (
        "entity 'provider' is declared but no flow carries it and no API lists it; add the flows "
        "that copy 'provider' to the services that use it, or list it under an API's 'entities'; "
        "if nothing uses it, remove it or mark it 'status: retired'"
    )
    assert findings[0].subject == ("entity", "provider")


def test_carried_by_a_flow_of_any_status_or_listed_by_an_api_passes() -> None:
    text = (
        SPEC
        + """\
  - {from: publish, to: find, entities: [subject], status: planned}
apis:
  publish-api: {name: Publish API, service: publish, status: retired, entities: [provider]}
"""
    )
    assert lint_text(text, select=["FL105"]) == []


def test_a_relationship_is_not_a_use() -> None:
    text = """\
flowlint: 1
services:
  publish: {name: Publish}
  find: {name: Find}
entities:
  course:
    owner: publish
    relationships:
      - {name: Course to provider, to: provider}
  provider: {owner: publish}
flows:
  - {from: publish, to: find, entities: [course]}
"""
    assert positions(lint_text(text, select=["FL105"])) == [(10, 3, "/entities/provider")]


def test_entities_without_an_owner_still_count() -> None:
    text = """\
flowlint: 1
services:
  publish: {name: Publish}
entities:
  course: {name: Course}
"""
    assert codes(lint_text(text, select=["FL101", "FL105"])) == ["FL101", "FL105"]


def test_a_misspelt_reference_is_reported_once_by_fl004() -> None:
    text = """\
flowlint: 1
services:
  publish: {name: Publish}
  find: {name: Find}
entities:
  course: {owner: publish}
  provider: {owner: publish}
flows:
  - {from: publish, to: find, entities: [corse]}
apis:
  publish-api: {name: Publish API, service: publish, entities: [providers]}
"""
    assert codes(lint_text(text, select=["FL004", "FL105"])) == ["FL004", "FL004"]


def test_an_unrelated_unknown_reference_does_not_hide_an_unused_entity() -> None:
    text = """\
flowlint: 1
services:
  publish: {name: Publish}
  find: {name: Find}
entities:
  course: {owner: publish}
  provider: {owner: publish}
flows:
  - {from: publish, to: find, entities: [course, mentor]}
"""
    findings = lint_text(text, select=["FL004", "FL105"])
    assert codes(findings) == ["FL105", "FL004"]
    assert positions(findings)[0] == (7, 3, "/entities/provider")


def test_directory_model_reports_in_the_file_of_the_entity() -> None:
    findings = lint_files(
        {
            "a.yaml": """\
flowlint: 1
flows:
  - {from: publish, to: find, entities: [course]}
""",
            "b.yaml": """\
flowlint: 1
services:
  publish: {name: Publish}
  find: {name: Find}
entities:
  course: {owner: publish}
  provider: {owner: publish}
""",
        },
        select=["FL105"],
    )
    assert positions(findings) == [(7, 3, "/entities/provider")]
    assert findings[0].location.file == "b.yaml"
