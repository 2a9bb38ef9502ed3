"""FL109 multi-path-copy: a service gets its copy of an entity from one sender."""

from flowlint.testing import lint_text, positions
from tests.rules.helpers import at

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
        "remove the other flows, or mark 'stores: false' a flow whose data the receiver only "
        "reads on demand and does not keep"
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


def test_scoped_owners_outside_any_group_are_one_path() -> None:
    text = SPEC.replace(
        "entities:\n",
        "  placements: {name: Placements}\n"
        "entities:\n"
        "  placement: {owner: [{service: publisher, scope: a}, {service: content-store, scope: b}]}\n",
    )
    flows = """\
  - {from: publisher, to: placements, entities: [placement]}
  - {from: content-store, to: placements, entities: [placement]}
"""
    assert fl109(flows, text) == []
    # ... and a third sender that is not an owner makes it several writers.
    flows += "  - {from: search, to: placements, entities: [placement]}\n"
    flows = "  - {from: publisher, to: search, entities: [placement]}\n" + flows
    spec = text + flows
    findings = fl109(flows, text)
    # Reported at the first flow from a second path: content-store's.
    assert positions(findings) == [(*at(spec, "placement]}", 3), "/flows/2/entities/0")]
    assert "from 3 senders, 'content-store', 'publisher' and 'search':" in findings[0].message


def test_flows_that_are_no_path_before_two_paths_do_not_hide_them() -> None:
    # An unkept flow, a loop, a sender that never got it and a copy into the owner, each before
    # the two flows that make two paths into search.
    text = SPEC.replace("  hesa:", "  apply: {name: Apply}\n  hesa:")
    flows = """\
  - {from: publisher, to: search, entities: [content-item], stores: false}
  - {from: search, to: search, entities: [content-item]}
  - {from: apply, to: search, entities: [content-item]}
  - {from: search, to: publisher, entities: [content-item]}
  - {from: publisher, to: content-store, entities: [content-item]}
  - {from: publisher, to: search, entities: [content-item]}
  - {from: content-store, to: search, entities: [content-item]}
"""
    spec = text + flows
    findings = fl109(flows, text)
    assert positions(findings) == [
        (*at(spec, "content-item]}", 7), "/flows/6/entities/0"),
    ]
    assert "receives 'content-item' from 2 senders, 'content-store' and 'publisher':" in (
        findings[0].message
    )


def test_receivers_and_entities_with_one_path_do_not_hide_later_ones() -> None:
    # In name order: entity 'application' has one flow into each receiver; receiver 'apply' gets trainee from its
    # scoped owners (publisher, and banner of a group), 'hesa' from the services of one group,
    # and 'search' from two senders.
    text = SPEC.replace(
        "entities:\n", "  apply: {name: Apply}\nentities:\n  application: {owner: apply}\n"
    ).replace("{service: sits, scope: its providers}]}", "{service: publisher, scope: other}]}")
    flows = """\
  - {from: apply, to: search, entities: [application]}
  - {from: apply, to: hesa, entities: [application]}
  - {from: banner, to: apply, entities: [trainee]}
  - {from: publisher, to: apply, entities: [trainee]}
  - {from: banner, to: hesa, entities: [trainee]}
  - {from: sits, to: hesa, entities: [trainee]}
  - {from: publisher, to: content-store, entities: [trainee]}
  - {from: sits, to: search, entities: [trainee]}
  - {from: content-store, to: search, entities: [trainee]}
"""
    spec = text + flows
    findings = fl109(flows, text)
    assert positions(findings) == [(*at(spec, "trainee]}", 7), "/flows/8/entities/0")]
    assert findings[0].subject == ("service", "search", "entity", "trainee")
    assert (
        "receives 'trainee' from 2 senders, 'content-store' and the services of group "
        "'student-record-systems':"
    ) in findings[0].message


def test_an_undeclared_entity_from_two_senders_is_still_reported() -> None:
    flows = """\
  - {from: banner, to: search, entities: [widget]}
  - {from: hesa, to: search, entities: [widget]}
"""
    findings = fl109(flows)
    assert positions(findings) == [(*at(SPEC + flows, "widget]}", 2), "/flows/1/entities/0")]
    assert "receives 'widget' from 2 senders, 'hesa' and the services of group" in (
        findings[0].message
    )


def test_more_than_ten_senders_are_named_up_to_ten() -> None:
    senders = [f"s{i:02}" for i in range(12)]
    text = SPEC.replace(
        "entities:\n",
        "".join(f"  {s}: {{name: {s}, kind: third-party}}\n" for s in senders) + "entities:\n",
    )
    flows = "".join(f"  - {{from: {s}, to: search, entities: [content-item]}}\n" for s in senders)
    findings = fl109(flows, text)
    assert positions(findings) == [
        (*at(text + flows, "content-item]}\n  - {from: s02"), "/flows/1/entities/0")
    ]
    assert (
        "receives 'content-item' from 12 senders, 's00', 's01', 's02', 's03', 's04', 's05', "
        "'s06', 's07', 's08', 's09' and 2 more: its copy"
    ) in findings[0].message
