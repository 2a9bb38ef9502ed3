"""FL305 personal-data-purpose (off by default): personal data leaving the line without a purpose."""

import pytest

from flowlint.testing import codes, lint_files, lint_text, positions

HEAD = """\
flowlint: 1
services:
  register: {name: Register trainee teachers}
  publish: {name: Publish teacher training courses}
  dqt: {name: Database of Qualified Teachers, kind: third-party}
  tribal-sits: {name: Tribal SITS, kind: external}
entities:
  trainee: {owner: register, personal_data: true}
  application: {owner: register, personal_data: true}
  course: {owner: publish}
flows:
"""


def fl305(flows: str, select=("FL305",)):
    return lint_text(HEAD + flows, select=list(select))


def test_personal_data_to_a_third_party_without_purpose():
    findings = fl305("  - {from: register, to: dqt, entities: [course, trainee, application]}\n")
    assert positions(findings) == [(12, 5, "/flows/0")]
    assert findings[0].message == (
        "the flow from 'register' to 'dqt' takes personal data ('trainee', 'application') to "
        "third-party 'dqt' outside the service line but states no purpose; add 'purpose:' "
        "saying why 'dqt' needs it"
    )
    assert findings[0].subject == ("flow", "register", "dqt", "application", "course", "trainee")


def test_off_by_default():
    text = HEAD + "  - {from: register, to: dqt, entities: [trainee]}\n"
    assert "FL305" not in codes(lint_text(text))
    assert codes(lint_text(text, select=["personal-data-purpose"])) == ["FL305"]


def test_external_service_and_blank_purpose():
    findings = fl305("  - {from: register, to: tribal-sits, entities: [trainee], purpose: ' '}\n")
    assert positions(findings) == [(12, 5, "/flows/0")]
    assert "to external 'tribal-sits' outside" in findings[0].message


@pytest.mark.parametrize(
    "flow",
    [
        "{from: register, to: dqt, entities: [trainee], purpose: Trainee records held in DQT}",
        "{from: register, to: publish, entities: [trainee]}",
        "{from: publish, to: dqt, entities: [course]}",
        "{from: dqt, to: register, entities: [trainee]}",
    ],
)
def test_clean(flow):
    assert fl305(f"  - {flow}\n") == []


def test_one_finding_per_flow_and_no_duplicates():
    findings = fl305(
        "  - {from: register, to: dqt, entities: [trainee, trainee]}\n"
        "  - {from: register, to: dqt, entities: [application], status: planned}\n"
    )
    assert positions(findings) == [(12, 5, "/flows/0"), (13, 5, "/flows/1")]
    assert "personal data ('trainee') to" in findings[0].message


def test_unknown_target_or_entity_is_left_to_fl004():
    findings = fl305(
        "  - {from: register, to: dq, entities: [trainee]}\n"
        "  - {from: register, to: dqt, entities: [traine]}\n",
        select=("FL305", "FL004"),
    )
    assert codes(findings) == ["FL004", "FL004"]


def test_invalid_kind_is_left_to_the_schema():
    text = HEAD.replace("kind: third-party", "kind: thirdparty")
    findings = lint_text(
        text + "  - {from: register, to: dqt, entities: [trainee]}\n", select=["FL305", "FL003"]
    )
    assert codes(findings) == ["FL003"]


def test_directory_model():
    findings = lint_files(
        {
            "a.yaml": HEAD,
            "b.yaml": "flowlint: 1\nflows:\n  - {from: register, to: dqt, entities: [trainee]}\n",
        },
        select=["FL305"],
    )
    assert positions(findings) == [(3, 5, "/flows/0")]
    assert findings[0].location.file == "b.yaml"


def test_a_flow_between_two_outside_systems_is_not_the_lines_sharing() -> None:
    # Issue 11: EWC sending its new TRNs to Teachers' Pensions shares nothing of the line's.
    text = """\
flowlint: 1
services:
  trs: {name: Teaching Record System}
  ewc: {name: Education Workforce Council, kind: external}
  tps: {name: Teachers' Pensions, kind: third-party}
entities:
  trn: {owner: trs, personal_data: true}
flows:
  - {from: ewc, to: tps, entities: [trn]}
  - {from: trs, to: tps, entities: [trn]}
"""
    findings = lint_text(text, select=["FL305"])
    assert positions(findings) == [(10, 5, "/flows/1")]


def test_a_flow_written_twice_is_reported_once_and_passing_flows_do_not_stop_the_check():
    flows = (
        "  - {from: register, to: dqt, entities: [trainee], purpose: Trainee records}\n"
        "  - {from: publish, to: dqt, entities: [course]}\n"
        "  - {from: register, to: dqt, entities: [trainee, course]}\n"
        "  - {from: register, to: dqt, entities: [course, trainee]}\n"
        "  - {from: register, to: tribal-sits, entities: [trainee]}\n"
    )
    findings = fl305(flows)
    assert positions(findings) == [(14, 5, "/flows/2"), (16, 5, "/flows/4")]
    assert [f.subject for f in findings] == [
        ("flow", "register", "dqt", "course", "trainee"),
        ("flow", "register", "tribal-sits", "trainee"),
    ]
