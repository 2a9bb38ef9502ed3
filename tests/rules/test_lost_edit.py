"""FL103 lost-edit: a service that edits a copy sends the change back to the owner."""

from flowlint.testing import codes, lint_files, lint_text, positions
from tests.rules.helpers import at

HEAD = """\
flowlint: 1
services:
  apply: {name: Apply}
  manage: {name: Manage, edits: [application]}
  register: {name: Register}
entities:
  application: {owner: apply}
"""


def lint(flows: str, select: tuple[str, ...] = ("FL103",)):
    return lint_text(HEAD + "flows:\n" + flows, select=list(select))


def test_edit_that_never_goes_back_is_reported_at_the_edits_item() -> None:
    findings = lint("  - {from: apply, to: manage, entities: [application]}\n")
    assert positions(findings) == [(4, 34, "/services/manage/edits/0")]
    assert findings[0].message == (
        "service 'manage' edits 'application' but no flow carries it back to its owner 'apply': "
        "the change is made in a copy and never reaches the owner; add a flow that carries "
        "'application' from 'manage' to 'apply', or make the change in 'apply'"
    )
    assert findings[0].subject == ("service", "manage", "edits", "application")


def test_a_flow_back_to_the_owner_passes() -> None:
    findings = lint(
        """\
  - {from: apply, to: manage, entities: [application]}
  - {from: manage, to: apply, entities: [application]}
"""
    )
    assert findings == []


def test_a_chain_of_flows_back_to_the_owner_passes() -> None:
    findings = lint(
        """\
  - {from: apply, to: manage, entities: [application]}
  - {from: manage, to: register, entities: [application]}
  - {from: register, to: apply, entities: [application], status: planned}
"""
    )
    assert findings == []


def test_a_flow_back_carrying_another_entity_does_not_count() -> None:
    text = """\
flowlint: 1
services:
  apply: {name: Apply}
  manage: {name: Manage, edits: [application]}
entities:
  application: {owner: apply}
  decision: {owner: manage}
flows:
  - {from: apply, to: manage, entities: [application]}
  - {from: manage, to: apply, entities: [decision]}
"""
    assert positions(lint_text(text, select=["FL103"])) == [(4, 34, "/services/manage/edits/0")]


def test_edit_without_any_flow_is_still_lost() -> None:
    assert positions(lint("  - {from: apply, to: register, entities: [application]}\n")) == [
        (4, 34, "/services/manage/edits/0")
    ]


def test_the_owner_editing_its_own_entity_passes() -> None:
    text = """\
flowlint: 1
services:
  apply: {name: Apply, edits: [application]}
  manage: {name: Manage}
entities:
  application: {owner: apply}
flows:
  - {from: apply, to: manage, entities: [application]}
"""
    assert lint_text(text, select=["FL103"]) == []


def test_block_list_of_edits_reports_only_the_lost_one_once() -> None:
    text = """\
flowlint: 1
services:
  apply: {name: Apply}
  manage:
    name: Manage
    edits:
      - decision
      - application
      - application
entities:
  application: {owner: apply}
  decision: {owner: manage}
flows:
  - {from: apply, to: manage, entities: [application]}
  - {from: manage, to: apply, entities: [decision]}
"""
    findings = lint_text(text, select=["FL103"])
    assert positions(findings) == [(8, 9, "/services/manage/edits/1")]


def test_entities_without_a_sole_owner_are_left_to_fl101() -> None:
    text = """\
flowlint: 1
services:
  apply: {name: Apply}
  manage: {name: Manage, edits: [application, course]}
entities:
  application: {name: Application}
  course: {owner: [apply, manage]}
flows:
  - {from: apply, to: manage, entities: [application, course]}
"""
    assert codes(lint_text(text, select=["FL101", "FL103"])) == ["FL101", "FL101"]


def test_unknown_entities_and_owners_are_left_to_fl004() -> None:
    text = """\
flowlint: 1
services:
  apply: {name: Apply}
  manage: {name: Manage, edits: [aplication, school]}
entities:
  application: {owner: apply}
  school: {owner: gias}
flows:
  - {from: apply, to: manage, entities: [application]}
"""
    assert codes(lint_text(text, select=["FL004", "FL103"])) == ["FL004", "FL004"]


def test_directory_model_reports_in_the_file_of_the_service() -> None:
    findings = lint_files(
        {
            "a.yaml": """\
flowlint: 1
services:
  apply: {name: Apply}
  register: {name: Register, edits: [application]}
""",
            "b.yaml": """\
flowlint: 1
entities:
  application: {owner: apply}
flows:
  - {from: apply, to: register, entities: [application]}
""",
        },
        select=["FL103"],
    )
    assert positions(findings) == [(4, 38, "/services/register/edits/0")]
    assert findings[0].location.file == "a.yaml"


def test_an_edit_reaching_any_owner_of_several_is_not_lost() -> None:
    text = """\
flowlint: 1.1
services:
  whitehall: {name: Whitehall}
  specialist: {name: Specialist publisher}
  search: {name: Search, edits: [document]}
  frontend: {name: Frontend, edits: [document]}
entities:
  document:
    owner: [{service: whitehall, scope: news}, {service: specialist, scope: guidance}]
flows:
  - {from: whitehall, to: search, entities: [document]}
  - {from: search, to: specialist, entities: [document]}
  - {from: specialist, to: frontend, entities: [document]}
"""
    findings = lint_text(text, select=["FL103"])
    assert positions(findings) == [(6, 38, "/services/frontend/edits/0")]
    assert findings[0].message == (
        "service 'frontend' edits 'document' but no flow carries it back to any of its owners "
        "'whitehall' or 'specialist': the change is made in a copy and never reaches the owner; "
        "add a flow that carries 'document' from 'frontend' to one of them, or make the change "
        "in the owner"
    )


def test_a_flow_back_that_does_not_pass_updates_does_not_carry_the_edit() -> None:
    text = """\
flowlint: 1.1
services:
  apply: {name: Apply}
  manage: {name: Manage, edits: [application]}
entities:
  application: {owner: apply}
flows:
  - {from: apply, to: manage, entities: [application]}
  - {from: manage, to: apply, entities: [application], operations: [create, delete]}
  - {from: manage, to: apply, entities: [application], status: retired}
"""
    findings = lint_text(text, select=["FL103"])
    assert positions(findings) == [(4, 34, "/services/manage/edits/0")]
    passing = text.replace("operations: [create, delete]", "operations: [update]")
    assert lint_text(passing, select=["FL103"]) == []


def test_an_edit_listed_twice_does_not_hide_the_edits_after_it() -> None:
    spec = """\
flowlint: 1
services:
  apply: {name: Apply}
  register: {name: Register}
  manage: {name: Manage, edits: [application, application, trainee]}
entities:
  application: {owner: apply}
  trainee: {owner: register}
flows:
  - {from: apply, to: manage, entities: [application]}
  - {from: register, to: manage, entities: [trainee]}
"""
    findings = lint_text(spec, select=["FL103"])
    assert positions(findings) == [
        (*at(spec, "application, application"), "/services/manage/edits/0"),
        (*at(spec, "trainee]"), "/services/manage/edits/2"),
    ]
    assert [f.subject for f in findings] == [
        ("service", "manage", "edits", "application"),
        ("service", "manage", "edits", "trainee"),
    ]
