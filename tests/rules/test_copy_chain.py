"""FL104 copy-chain: a service gets its copy of an entity from the owner, not from a copy."""

from flowlint.testing import codes, lint_files, lint_text, positions
from tests.rules.helpers import at

SERVICES = """\
flowlint: 1
services:
  publish: {name: Publish}
  find: {name: Find}
  apply: {name: Apply}
  manage: {name: Manage}
  gias: {name: Get information about schools, kind: third-party}
  dqt: {name: Database of Qualified Teachers, kind: third-party}
entities:
  course: {owner: publish}
  school: {owner: gias}
"""


def lint(flows: str, select: tuple[str, ...] = ("FL104",)):
    return lint_text(SERVICES + "flows:\n" + flows, select=list(select))


def test_copy_of_a_copy_is_reported_at_the_intermediates_flow() -> None:
    findings = lint(
        """\
  - {from: publish, to: find, entities: [course]}
  - {from: find, to: apply, entities: [course]}
"""
    )
    assert positions(findings) == [(14, 40, "/flows/1/entities/0")]
    assert findings[0].message == (
        "service 'find' passes its copy of 'course' on to 'apply', which gets 'course' only "
        "second-hand, never from its owner 'publish'; let it copy it from 'publish' directly, "
        "or, if 'find' is the designed distribution point, declare 'distributes: [course]' on "
        "'find'"
    )
    assert findings[0].subject == ("service", "find", "entity", "course")


def test_one_finding_per_intermediate_naming_every_receiver_at_its_first_flow() -> None:
    # Issue 11: ten design decisions gave 34 findings when each receiver was reported.
    findings = lint(
        """\
  - {from: publish, to: find, entities: [course]}
  - {from: find, to: manage, entities: [course]}
  - {from: find, to: apply, entities: [course]}
  - {from: find, to: apply, entities: [course], status: planned}
"""
    )
    assert positions(findings) == [(14, 41, "/flows/1/entities/0")]
    assert findings[0].message == (
        "service 'find' passes its copy of 'course' on to 'apply' and 'manage', which get "
        "'course' only second-hand, never from its owner 'publish'; let them copy it from "
        "'publish' directly, or, if 'find' is the designed distribution point, declare "
        "'distributes: [course]' on 'find'"
    )


def test_several_intermediates_give_one_finding_each() -> None:
    findings = lint(
        """\
  - {from: publish, to: find, entities: [course]}
  - {from: publish, to: manage, entities: [course]}
  - {from: manage, to: apply, entities: [course]}
  - {from: find, to: apply, entities: [course]}
"""
    )
    assert positions(findings) == [(15, 42, "/flows/2/entities/0"), (16, 40, "/flows/3/entities/0")]
    assert [f.subject[1] for f in findings] == ["manage", "find"]


def test_a_declared_distributor_gives_first_hand_copies() -> None:
    text = SERVICES.replace("  find: {name: Find}", "  find: {name: Find, distributes: [course]}")
    flows = """\
  - {from: publish, to: find, entities: [course]}
  - {from: find, to: apply, entities: [course]}
  - {from: find, to: manage, entities: [course]}
"""
    assert lint_text(text + "flows:\n" + flows, select=["FL104"]) == []


def test_a_chain_of_distributors_from_the_owner_is_first_hand() -> None:
    text = SERVICES.replace(
        "  find: {name: Find}", "  find: {name: Find, distributes: [course]}"
    ).replace("  manage: {name: Manage}", "  manage: {name: Manage, distributes: [course]}")
    flows = """\
  - {from: publish, to: find, entities: [course]}
  - {from: find, to: manage, entities: [course]}
  - {from: manage, to: apply, entities: [course]}
"""
    assert lint_text(text + "flows:\n" + flows, select=["FL104"]) == []


def test_a_distributor_with_a_second_hand_copy_is_reported_where_it_receives_it() -> None:
    # manage distributes but gets course from find, which is not a distributor: one finding, for
    # find; apply, fed by manage, is not reported again.
    text = SERVICES.replace(
        "  manage: {name: Manage}", "  manage: {name: Manage, distributes: [course]}"
    )
    flows = """\
  - {from: publish, to: find, entities: [course]}
  - {from: find, to: manage, entities: [course]}
  - {from: manage, to: apply, entities: [course]}
"""
    findings = lint_text(text + "flows:\n" + flows, select=["FL104"])
    assert positions(findings) == [(14, 41, "/flows/1/entities/0")]
    assert findings[0].subject == ("service", "find", "entity", "course")
    assert "on to 'manage', which gets" in findings[0].message


def test_a_service_that_keeps_nothing_is_looked_through() -> None:
    # manage passes course straight through (stores: false): apply's copy is first-hand.
    assert (
        lint(
            """\
  - {from: publish, to: manage, entities: [course], stores: false}
  - {from: manage, to: apply, entities: [course]}
"""
        )
        == []
    )
    # ... and a chain through it is measured through it: find is the intermediate.
    findings = lint(
        """\
  - {from: publish, to: find, entities: [course]}
  - {from: find, to: manage, entities: [course], stores: false}
  - {from: manage, to: apply, entities: [course]}
"""
    )
    assert positions(findings) == [(14, 41, "/flows/1/entities/0")]
    assert findings[0].subject == ("service", "find", "entity", "course")
    assert "on to 'apply', which gets" in findings[0].message


def test_every_owner_of_several_is_a_source() -> None:
    text = SERVICES.replace("  course: {owner: publish}", "  course: {owner: [publish, manage]}")
    flows = """\
  - {from: manage, to: apply, entities: [course]}
  - {from: publish, to: find, entities: [course]}
  - {from: find, to: register, entities: [course]}
"""
    findings = lint_text(
        text.replace("  manage: {name: Manage}", "  manage: {name: Manage}\n  register: {name: R}")
        + "flows:\n"
        + flows,
        select=["FL104"],
    )
    assert positions(findings) == [(16, 43, "/flows/2/entities/0")]
    assert (
        "never from any of its owners 'publish' or 'manage'; let it copy it from one of them"
        in (findings[0].message)
    )


def test_also_receiving_from_the_owner_passes() -> None:
    findings = lint(
        """\
  - {from: publish, to: find, entities: [course]}
  - {from: find, to: apply, entities: [course]}
  - {from: publish, to: apply, entities: [course]}
"""
    )
    assert findings == []


def test_also_receiving_from_outside_the_line_passes() -> None:
    findings = lint(
        """\
  - {from: publish, to: find, entities: [course]}
  - {from: find, to: apply, entities: [course]}
  - {from: dqt, to: apply, entities: [course]}
"""
    )
    assert findings == []


def test_an_owner_outside_the_line_is_named() -> None:
    findings = lint(
        """\
  - {from: gias, to: publish, entities: [school]}
  - {from: publish, to: find, entities: [school]}
"""
    )
    assert positions(findings) == [(14, 42, "/flows/1/entities/0")]
    assert (
        "service 'publish' passes its copy of 'school' on to 'find', which gets 'school' only "
        "second-hand, never from its owner 'gias'"
    ) in findings[0].message


def test_receivers_outside_the_line_are_not_reported() -> None:
    findings = lint(
        """\
  - {from: publish, to: find, entities: [course]}
  - {from: find, to: dqt, entities: [course]}
"""
    )
    assert findings == []


def test_unsourced_copies_are_left_to_fl102() -> None:
    findings = lint(
        """\
  - {from: manage, to: apply, entities: [course]}
  - {from: apply, to: find, entities: [course]}
""",
        select=("FL102", "FL104"),
    )
    assert codes(findings) == ["FL102"]


def test_a_flow_to_itself_is_not_a_chain() -> None:
    # find keeps a second-hand copy (from manage) and sends it to itself, first in the file: were
    # the self-flow a hop, find would be an intermediate feeding itself, reported at flows/0.
    flows = """\
  - {from: find, to: find, entities: [course]}
  - {from: publish, to: manage, entities: [course]}
  - {from: manage, to: find, entities: [course]}
"""
    findings = lint(flows)
    assert positions(findings) == [(15, 41, "/flows/2/entities/0")]
    assert findings[0].subject == ("service", "manage", "entity", "course")
    assert "'manage' passes its copy of 'course' on to 'find', which gets" in findings[0].message
    # ... and so when a relay elsewhere (apply keeps nothing) makes chains be measured through
    # relays, the other way the rule follows flows.
    relayed = lint(flows + "  - {from: publish, to: apply, entities: [course], stores: false}\n")
    assert positions(relayed) == positions(findings)
    assert [f.subject for f in relayed] == [("service", "manage", "entity", "course")]


def test_a_chain_of_three_hops_reports_each_intermediate() -> None:
    spec = (
        SERVICES
        + """\
flows:
  - {from: publish, to: find, entities: [course]}
  - {from: manage, to: apply, entities: [course]}
  - {from: find, to: manage, entities: [course]}
"""
    )
    findings = lint_text(spec, select=["FL104"])
    # One finding per intermediate (find, and manage), each at its flow on the way; findings
    # come in document order.
    assert positions(findings) == [
        (*at(spec, "course]}", 2), "/flows/1/entities/0"),
        (*at(spec, "course]}", 3), "/flows/2/entities/0"),
    ]
    assert [f.subject for f in findings] == [
        ("service", "manage", "entity", "course"),
        ("service", "find", "entity", "course"),
    ]
    assert "'manage' passes its copy of 'course' on to 'apply', which gets" in findings[0].message
    assert "'find' passes its copy of 'course' on to 'manage', which gets" in findings[1].message


def test_entities_without_an_owner_or_a_chain_do_not_hide_a_later_chain() -> None:
    # Entities are checked in name order: 'application' (no owner) and 'assessment' (copied
    # first-hand only) come before 'course', whose chain is still reported.
    spec = SERVICES + (
        "  application: {name: Application}\n"
        "  assessment: {owner: apply}\n"
        "flows:\n"
        "  - {from: apply, to: find, entities: [application, assessment]}\n"
        "  - {from: find, to: manage, entities: [application]}\n"
        "  - {from: publish, to: find, entities: [course]}\n"
        "  - {from: find, to: manage, entities: [course]}\n"
    )
    findings = lint_text(spec, select=["FL104"])
    assert positions(findings) == [(*at(spec, "course]}", 2), "/flows/3/entities/0")]
    assert findings[0].subject == ("service", "find", "entity", "course")


def test_entities_without_an_owner_and_unknown_references_are_left_alone() -> None:
    text = """\
flowlint: 1
services:
  publish: {name: Publish}
  find: {name: Find}
  apply: {name: Apply}
entities:
  course: {name: Course}
  school: {owner: gias}
  fee: {owner: publish}
flows:
  - {from: publish, to: find, entities: [course, school, fee, subject]}
  - {from: find, to: apply, entities: [course, school, subject]}
  - {from: pubish, to: apply, entities: [fee]}
"""
    findings = lint_text(text, select=["FL004", "FL101", "FL104"])
    assert codes(findings) == ["FL101", "FL004", "FL004", "FL004", "FL004"]


def test_directory_model_reports_in_the_file_of_the_flow() -> None:
    findings = lint_files(
        {
            "a.yaml": SERVICES,
            "b.yaml": """\
flowlint: 1
flows:
  - {from: publish, to: manage, entities: [course]}
  - {from: manage, to: find, entities: [course]}
""",
        },
        select=["FL104"],
    )
    assert positions(findings) == [(4, 41, "/flows/1/entities/0")]
    assert findings[0].location.file == "b.yaml"
