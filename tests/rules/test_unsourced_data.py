"""FL102 unsourced-data: a service inside the line sends only entities it owns or received."""

from flowlint.testing import codes, lint_files, lint_text, positions

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


def test_entities_without_a_sole_owner_are_left_to_fl101() -> None:
    text = """\
flowlint: 1
services:
  publish: {name: Publish}
  apply: {name: Apply}
  manage: {name: Manage}
entities:
  course: {name: Course}
  provider: {owner: [publish, apply]}
flows:
  - {from: manage, to: apply, entities: [course, provider]}
"""
    findings = lint_text(text, select=["FL101", "FL102"])
    assert codes(findings) == ["FL101", "FL101"]


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
