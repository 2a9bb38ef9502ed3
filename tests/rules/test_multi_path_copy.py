"""FL109 multi-path-copy: a service gets its copy of an entity from one sender."""

from flowlint.testing import lint_text, positions

SPEC = """\
flowlint: 1.1
services:
  publisher: {name: Publishing app}
  content-store: {name: Content store, distributes: [content-item]}
  search: {name: Site search}
  banner: {name: Ellucian Banner, kind: third-party, group: student-record-systems}
  sits: {name: Tribal SITS, kind: third-party, group: student-record-systems}
  hesa: {name: HESA, kind: external}
entities:
  content-item: {owner: publisher}
  trainee: {owner: [{service: banner, scope: its providers}, {service: sits, scope: its providers}]}
flows:
"""


def fl109(flows: str, text: str = SPEC):
    return lint_text(text + flows, select=["FL109"])


def test_two_senders_are_reported_at_the_first_flow_from_the_second() -> None:
    findings = fl109(
        """\
  - {from: publisher, to: content-store, entities: [content-item]}
  - {from: content-store, to: search, entities: [content-item]}
  - {from: content-store, to: search, entities: [content-item], via: event}
  - {from: publisher, to: search, entities: [content-item]}
"""
    )
    assert positions(findings) == [(16, 46, "/flows/3/entities/0")]
    assert findings[0].message == (
        "service 'search' receives 'content-item' from 2 senders, 'content-store' and "
        "'publisher': its copy has several writers and the order of their changes is undefined; "
        "take 'content-item' from one of them (its owner, or one designated distributor) and "
        "remove the other flows"
    )
    assert findings[0].subject == ("service", "search", "entity", "content-item")


def test_one_sender_in_several_flows_passes() -> None:
    assert (
        fl109(
            """\
  - {from: publisher, to: search, entities: [content-item]}
  - {from: publisher, to: search, entities: [content-item], via: event}
"""
        )
        == []
    )


def test_delete_only_retired_and_unkept_flows_are_not_paths() -> None:
    assert (
        fl109(
            """\
  - {from: publisher, to: content-store, entities: [content-item]}
  - {from: content-store, to: search, entities: [content-item]}
  - {from: publisher, to: search, entities: [content-item], operations: [delete]}
  - {from: publisher, to: search, entities: [content-item], status: retired}
  - {from: publisher, to: search, entities: [content-item], stores: false}
"""
        )
        == []
    )


def test_scoped_owners_and_services_of_one_group_are_one_path() -> None:
    assert (
        fl109(
            """\
  - {from: banner, to: hesa, entities: [trainee]}
  - {from: sits, to: hesa, entities: [trainee]}
"""
        )
        == []
    )
    text = SPEC.replace(
        "  trainee: {owner: [{service: banner, scope: its providers}, {service: sits, scope: its providers}]}",
        "  trainee: {owner: publisher}",
    )
    assert (
        fl109(
            """\
  - {from: publisher, to: banner, entities: [trainee]}
  - {from: publisher, to: sits, entities: [trainee]}
  - {from: banner, to: hesa, entities: [trainee]}
  - {from: sits, to: hesa, entities: [trainee]}
""",
            text,
        )
        == []
    )


def test_a_group_and_another_sender_are_two_paths() -> None:
    text = SPEC.replace(
        "  trainee: {owner: [{service: banner, scope: its providers}, {service: sits, scope: its providers}]}",
        "  trainee: {owner: publisher}",
    )
    findings = fl109(
        """\
  - {from: publisher, to: banner, entities: [trainee]}
  - {from: banner, to: hesa, entities: [trainee]}
  - {from: publisher, to: hesa, entities: [trainee]}
""",
        text,
    )
    assert positions(findings) == [(15, 44, "/flows/2/entities/0")]
    assert "from 2 senders, 'publisher' and the services of group 'student-record-systems':" in (
        findings[0].message
    )


def test_owners_receiving_and_senders_that_never_got_it_are_left_to_other_rules() -> None:
    assert (
        fl109(
            """\
  - {from: content-store, to: publisher, entities: [content-item]}
  - {from: search, to: publisher, entities: [content-item]}
  - {from: publisher, to: content-store, entities: [content-item]}
  - {from: hesa, to: search, entities: [trainee]}
  - {from: content-store, to: search, entities: [content-item]}
  - {from: nobody, to: search, entities: [content-item]}
"""
        )
        == []
    )
