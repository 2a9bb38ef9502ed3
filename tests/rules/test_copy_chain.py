"""FL104 copy-chain: a service gets its copy of an entity from the owner, not from a copy."""

from flowlint.testing import codes, lint_files, lint_text, positions

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


def test_copy_of_a_copy_is_reported_at_the_incoming_flow() -> None:
    findings = lint(
        """\
  - {from: publish, to: find, entities: [course]}
  - {from: find, to: apply, entities: [course]}
"""
    )
    assert positions(findings) == [(14, 40, "/flows/1/entities/0")]
    assert findings[0].message == (
        "service 'apply' receives 'course' only second-hand, through 'find', never from its "
        "owner 'publish'; copy it from 'publish' directly, unless the chain is intended"
    )
    assert findings[0].subject == ("service", "apply", "entity", "course")


def test_several_intermediaries_give_one_finding_at_the_first_flow() -> None:
    findings = lint(
        """\
  - {from: publish, to: find, entities: [course]}
  - {from: publish, to: manage, entities: [course]}
  - {from: manage, to: apply, entities: [course]}
  - {from: find, to: apply, entities: [course]}
  - {from: find, to: apply, entities: [course], status: planned}
"""
    )
    assert positions(findings) == [(15, 42, "/flows/2/entities/0")]
    assert "through 'manage' and 'find', never" in findings[0].message


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
        "service 'find' receives 'school' only second-hand, through 'publish', never from its owner 'gias'"
        in findings[0].message
    )


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
    findings = lint(
        """\
  - {from: publish, to: find, entities: [course]}
  - {from: find, to: find, entities: [course]}
"""
    )
    assert findings == []


def test_entities_without_a_sole_owner_and_unknown_references_are_left_alone() -> None:
    text = """\
flowlint: 1
services:
  publish: {name: Publish}
  find: {name: Find}
  apply: {name: Apply}
entities:
  course: {name: Course}
  provider: {owner: [publish, find]}
  school: {owner: gias}
  fee: {owner: publish}
flows:
  - {from: publish, to: find, entities: [course, provider, school, fee, subject]}
  - {from: find, to: apply, entities: [course, provider, school, subject]}
  - {from: pubish, to: apply, entities: [fee]}
"""
    findings = lint_text(text, select=["FL004", "FL101", "FL104"])
    assert codes(findings) == ["FL101", "FL101", "FL004", "FL004", "FL004", "FL004"]


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
