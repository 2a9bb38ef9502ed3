"""FL005 self-flow: a flow goes from one service to another."""

from flowlint.testing import codes, lint_text, positions
from tests.rules.helpers import at

HEAD = """\
flowlint: 1
services:
  register: {name: Register trainee teachers}
  dqt: {name: Database of Qualified Teachers, kind: third-party}
entities:
  trainee: {owner: register, personal_data: true}
  course: {owner: register}
flows:
"""


def fl005(flows: str, select: tuple[str, ...] = ("FL005",)):
    return lint_text(HEAD + flows, select=list(select))


def test_a_flow_from_a_service_to_itself_is_reported_at_its_to() -> None:
    findings = fl005(
        "  - {from: register, to: dqt, entities: [trainee], purpose: Award QTS}\n"
        "  - {from: register, to: register, entities: [trainee, course]}\n"
    )
    assert positions(findings) == [(10, 22, "/flows/1/to")]
    assert findings[0].message == (
        "the flow sends 'trainee', 'course' from 'register' to 'register' itself; a flow moves a "
        "copy between two services: set 'to' to the service that receives it, or remove the flow "
        "if only 'register' uses it"
    )
    assert findings[0].subject == ("flow", "register", "register", "self")


def test_block_style_self_flows_are_each_one_finding() -> None:
    findings = fl005(
        "  - from: dqt\n    to: dqt\n    entities: [trainee]\n    via: file\n"
        "  - from: register\n    to: register\n    entities: [course]\n"
    )
    assert positions(findings) == [(10, 5, "/flows/0/to"), (14, 5, "/flows/1/to")]
    assert "the flow sends 'trainee' from 'dqt' to 'dqt' itself" in findings[0].message


def test_a_flow_the_schema_already_rejects_is_left_to_fl003() -> None:
    assert fl005("  - {from: register, to: register, entities: []}\n") == []


def test_flows_between_two_services_are_clean() -> None:
    assert fl005("  - {from: register, to: dqt, entities: [trainee], purpose: Award QTS}\n") == []


def test_one_mistake_one_finding_when_the_service_holds_the_data() -> None:
    # 'register' owns what it sends: no other rule says anything about the flow.
    findings = fl005(
        "  - {from: register, to: dqt, entities: [trainee, course], purpose: Award QTS}\n"
        "  - {from: register, to: register, entities: [trainee], purpose: Keep}\n",
        select=("ALL",),
    )
    assert codes(findings) == ["FL005"]


def test_a_malformed_or_unknown_id_is_left_to_the_rules_about_ids() -> None:
    assert fl005("  - {from: Bad_Id, to: Bad_Id, entities: [course]}\n") == []
    # An undeclared service: FL004 for each reference, and the self-flow is a mistake of its own.
    unknown = fl005("  - {from: ghost, to: ghost, entities: [course]}\n", ("FL004", "FL005"))
    assert sorted(codes(unknown)) == ["FL004", "FL004", "FL005"]


def test_one_mistake_one_finding_when_the_service_never_receives_the_data() -> None:
    findings = fl005(
        "  - {from: register, to: dqt, entities: [trainee], purpose: Award QTS}\n"
        "  - {from: dqt, to: dqt, entities: [course], via: file}\n",
        ("ALL",),
    )
    assert codes(findings) == ["FL005"]  # not also FL102 for 'dqt' sending what it never gets


def test_a_flow_with_a_schema_mistake_does_not_stop_the_check_of_the_next() -> None:
    flows = (
        "  - {from: register, to: register, entities: [course], bogus: 1}\n"
        "  - {from: dqt, to: dqt, entities: [trainee, trainee]}\n"
    )
    findings = fl005(flows, ("FL003", "FL005"))
    assert [(f.code, f.location.pointer) for f in findings] == [
        ("FL003", "/flows/0/bogus"),
        ("FL005", "/flows/1/to"),
    ]
    assert positions(findings)[1] == (*at(HEAD + flows, "to: dqt"), "/flows/1/to")
    assert findings[1].message.startswith("the flow sends 'trainee' from 'dqt' to 'dqt' itself;")
    assert findings[1].subject == ("flow", "dqt", "dqt", "self")
