"""FL102 unsourced-data: a service inside the line sends only entities it owns or received."""

from flowlint.testing import codes, lint_files, lint_text, positions
from tests.rules.helpers import at

SERVICES = """\
flowlint: 1
services:
  publish: {name: Publish}
  find: {name: Find}
  apply: {name: Apply}
  manage: {name: Manage}
  register: {name: Register}
  srs: {name: Student record system, kind: external}
entities:
  course: {owner: publish}
"""


def lint(flows: str, select: tuple[str, ...] = ("FL102",)):
    return lint_text(SERVICES + "flows:\n" + flows, select=list(select))


def test_sender_that_never_receives_is_reported_at_its_first_flow() -> None:
    findings = lint(
        """\
  - {from: publish, to: apply, entities: [course]}
  - {from: manage, to: apply, entities: [course]}
"""
    )
    assert positions(findings) == [(13, 42, "/flows/1/entities/0")]
    assert findings[0].message == (
        "service 'manage' sends 'course' to 'apply' but never receives it from its owner "
        "'publish' or from outside the line; add a flow that brings 'course' to 'manage', "
        "or send it from 'publish' directly"
    )
    assert findings[0].subject == ("service", "manage", "entity", "course")


def test_other_flows_of_the_root_are_counted_not_reported() -> None:
    findings = lint(
        """\
  - {from: manage, to: apply, entities: [course]}
  - {from: manage, to: find, entities: [course]}
  - {from: manage, to: register, entities: [course]}
"""
    )
    assert positions(findings) == [(12, 42, "/flows/0/entities/0")]
    assert "sends 'course' to 'apply' (and in 2 other flows) but" in findings[0].message


def test_one_other_flow_is_singular() -> None:
    findings = lint(
        """\
  - {from: manage, to: apply, entities: [course]}
  - {from: manage, to: find, entities: [course]}
"""
    )
    assert "(and in 1 other flow) but" in findings[0].message


def test_chain_from_the_owner_passes() -> None:
    findings = lint(
        """\
  - {from: publish, to: find, entities: [course]}
  - {from: find, to: apply, entities: [course]}
  - {from: apply, to: manage, entities: [course]}
"""
    )
    assert findings == []


def test_data_entering_from_outside_the_line_passes() -> None:
    findings = lint(
        """\
  - {from: srs, to: manage, entities: [course]}
  - {from: manage, to: register, entities: [course]}
"""
    )
    assert findings == []


def test_only_the_root_of_an_unsourced_chain_is_reported() -> None:
    # 'register' is the root; 'apply' and 'find' sort before it but got 'course' from it.
    findings = lint(
        """\
  - {from: apply, to: find, entities: [course]}
  - {from: register, to: apply, entities: [course]}
  - {from: find, to: manage, entities: [course]}
"""
    )
    assert positions(findings) == [(13, 44, "/flows/1/entities/0")]
    assert findings[0].subject == ("service", "register", "entity", "course")


def test_a_cycle_of_unsourced_senders_is_reported_once_at_its_smallest_id() -> None:
    findings = lint(
        """\
  - {from: register, to: manage, entities: [course]}
  - {from: manage, to: register, entities: [course]}
  - {from: register, to: apply, entities: [course]}
  - {from: apply, to: find, entities: [course]}
"""
    )
    assert positions(findings) == [(13, 45, "/flows/1/entities/0")]
    assert findings[0].subject == ("service", "manage", "entity", "course")


def test_a_cycle_fed_by_the_owner_passes() -> None:
    findings = lint(
        """\
  - {from: manage, to: register, entities: [course]}
  - {from: register, to: manage, entities: [course]}
  - {from: publish, to: register, entities: [course]}
"""
    )
    assert findings == []


def test_independent_roots_are_each_reported() -> None:
    findings = lint(
        """\
  - {from: manage, to: find, entities: [course]}
  - {from: register, to: find, entities: [course]}
"""
    )
    assert positions(findings) == [(12, 41, "/flows/0/entities/0"), (13, 43, "/flows/1/entities/0")]


def test_position_of_the_entity_in_a_longer_list() -> None:
    text = """\
flowlint: 1
services:
  publish: {name: Publish}
  apply: {name: Apply}
  manage: {name: Manage}
entities:
  course: {owner: publish}
  provider: {owner: publish}
flows:
  - from: manage
    to: apply
    entities:
      - provider
      - course
"""
    findings = lint_text(text, select=["FL102"])
    assert positions(findings) == [(13, 9, "/flows/0/entities/0"), (14, 9, "/flows/0/entities/1")]


def test_status_does_not_matter_a_planned_flow_from_the_owner_is_a_source() -> None:
    findings = lint(
        """\
  - {from: publish, to: manage, entities: [course], status: planned}
  - {from: manage, to: apply, entities: [course]}
"""
    )
    assert findings == []


def test_entities_without_an_owner_are_left_to_fl101() -> None:
    text = """\
flowlint: 1
services:
  publish: {name: Publish}
  apply: {name: Apply}
  manage: {name: Manage}
entities:
  course: {name: Course}
flows:
  - {from: manage, to: apply, entities: [course]}
"""
    findings = lint_text(text, select=["FL101", "FL102"])
    assert codes(findings) == ["FL101"]


def test_every_owner_of_several_is_a_source_and_the_rest_are_still_judged() -> None:
    # Issue 11: two owners used to switch the lineage rules off for the entity.
    text = """\
flowlint: 1
services:
  publish: {name: Publish}
  apply: {name: Apply}
  manage: {name: Manage}
  find: {name: Find}
entities:
  provider: {owner: [publish, apply]}
flows:
  - {from: apply, to: find, entities: [provider]}
  - {from: manage, to: find, entities: [provider]}
"""
    findings = lint_text(text, select=["FL101", "FL102"])
    assert codes(findings) == ["FL101", "FL102"]
    assert positions(findings)[1] == (11, 41, "/flows/1/entities/0")
    assert findings[1].message == (
        "service 'manage' sends 'provider' to 'find' but never receives it from any of its "
        "owners 'publish' or 'apply' or from outside the line; add a flow that brings "
        "'provider' to 'manage', or send it from one of its owners directly"
    )


def test_sending_to_the_owner_advises_declaring_creates_not_sending_from_the_owner() -> None:
    # Issue 11 (and 13): the fix used to say "send it from 'publish' directly" to 'publish'.
    findings = lint(
        """\
  - {from: register, to: find, entities: [course]}
  - {from: register, to: publish, entities: [course]}
"""
    )
    assert positions(findings) == [(13, 46, "/flows/1/entities/0")]
    assert findings[0].message == (
        "service 'register' sends 'course' to its owner 'publish' (and in 1 other flow) but "
        "never receives it from its owner 'publish' or from outside the line, and does not "
        "declare that it creates it; if 'register' creates new 'course' records in 'publish', "
        "declare 'creates: [course]' on 'register', otherwise add a flow that brings 'course' "
        "to 'register'"
    )
    assert "directly" not in findings[0].message


def test_a_declared_creator_has_what_it_sends() -> None:
    text = SERVICES.replace(
        "  register: {name: Register}", "  register: {name: Register, creates: [course]}"
    )
    flows = """\
  - {from: register, to: publish, entities: [course]}
  - {from: register, to: find, entities: [course]}
"""
    assert (
        lint_text(
            text.replace("flowlint: 1", "flowlint: 1.1") + "flows:\n" + flows, select=["FL102"]
        )
        == []
    )


def test_delete_only_and_retired_flows_are_not_copies() -> None:
    findings = lint(
        """\
  - {from: publish, to: apply, entities: [course]}
  - {from: manage, to: apply, entities: [course], operations: [delete]}
  - {from: find, to: apply, entities: [course], status: retired}
"""
    )
    assert findings == []


def test_a_retired_flow_brings_nothing() -> None:
    findings = lint(
        """\
  - {from: publish, to: manage, entities: [course], status: retired}
  - {from: manage, to: apply, entities: [course]}
"""
    )
    assert positions(findings) == [(13, 42, "/flows/1/entities/0")]
    assert findings[0].subject == ("service", "manage", "entity", "course")


def test_a_service_that_keeps_nothing_may_pass_it_on() -> None:
    findings = lint(
        """\
  - {from: publish, to: manage, entities: [course], stores: false}
  - {from: manage, to: apply, entities: [course]}
"""
    )
    assert findings == []


def test_a_three_service_cycle_reports_the_smallest_id_once() -> None:
    findings = lint(
        """\
  - {from: register, to: manage, entities: [course]}
  - {from: manage, to: find, entities: [course]}
  - {from: find, to: register, entities: [course]}
"""
    )
    assert [f.subject[1] for f in findings] == ["find"]
    assert positions(findings) == [(14, 43, "/flows/2/entities/0")]


def test_a_good_entity_before_a_bad_one_does_not_stop_the_check() -> None:
    text = SERVICES.replace(
        "  course: {owner: publish}", "  alpha: {owner: publish}\n  course: {owner: publish}"
    )
    flows = """\
  - {from: publish, to: apply, entities: [alpha]}
  - {from: manage, to: apply, entities: [course]}
"""
    findings = lint_text(text + "flows:\n" + flows, select=["FL102"])
    assert [f.subject for f in findings] == [("service", "manage", "entity", "course")]


def test_unknown_references_are_left_to_fl004() -> None:
    text = """\
flowlint: 1
services:
  publish: {name: Publish}
  find: {name: Find}
  apply: {name: Apply}
  school-data: {name: School data, kind: service}
entities:
  course: {owner: publish}
  school: {owner: gias}
flows:
  - {from: pubish, to: find, entities: [course]}
  - {from: find, to: apply, entities: [course, corse]}
  - {from: school-data, to: apply, entities: [school]}
"""
    findings = lint_text(text, select=["FL004", "FL102"])
    assert codes(findings) == ["FL004", "FL004", "FL004"]


def test_an_unknown_sender_does_not_hide_a_separate_root() -> None:
    findings = lint(
        """\
  - {from: pubish, to: find, entities: [course]}
  - {from: find, to: apply, entities: [course]}
  - {from: manage, to: register, entities: [course]}
""",
        select=("FL004", "FL102"),
    )
    assert codes(findings) == ["FL004", "FL102"]
    assert findings[1].subject == ("service", "manage", "entity", "course")


def test_directory_model_reports_in_the_file_of_the_flow() -> None:
    findings = lint_files(
        {
            "a.yaml": SERVICES,
            "b.yaml": """\
flowlint: 1
flows:
  - {from: publish, to: find, entities: [course]}
  - {from: apply, to: find, entities: [course]}
""",
        },
        select=["FL102"],
    )
    assert positions(findings) == [(4, 40, "/flows/1/entities/0")]
    assert findings[0].location.file == "b.yaml"


def test_independent_chains_are_each_reported_at_their_root() -> None:
    # Two unsourced chains, apply -> find and register -> manage: each root is reported, and
    # the services they feed are not.
    flows = """\
  - {from: apply, to: find, entities: [course]}
  - {from: find, to: publish, entities: [course]}
  - {from: register, to: manage, entities: [course]}
  - {from: manage, to: find, entities: [course]}
"""
    findings = lint(flows)
    assert [f.subject for f in findings] == [
        ("service", "apply", "entity", "course"),
        ("service", "register", "entity", "course"),
    ]
    spec = SERVICES + "flows:\n" + flows
    assert positions(findings) == [
        (*at(spec, "course]}"), "/flows/0/entities/0"),
        (*at(spec, "course]}", 3), "/flows/2/entities/0"),
    ]


def test_an_entity_without_an_owner_does_not_stop_the_check_of_the_next() -> None:
    # 'alpha' sorts before 'course' and has no owner (FL101's): 'course' is still judged.
    text = SERVICES.replace(
        "  course: {owner: publish}", "  alpha: {name: Alpha}\n  course: {owner: publish}"
    )
    flows = """\
  - {from: manage, to: apply, entities: [alpha]}
  - {from: manage, to: apply, entities: [course]}
"""
    findings = lint_text(text + "flows:\n" + flows, select=["FL102"])
    assert positions(findings) == [
        (*at(text + "flows:\n" + flows, "course]}"), "/flows/1/entities/0")
    ]
    assert [f.subject for f in findings] == [("service", "manage", "entity", "course")]
