"""Tests of the personal-data-via-api rule, with flowlint's own test helpers."""

from flowlint_policy_example import personal_data_via_api

from flowlint.api import Rule
from flowlint.testing import codes, lint_text, positions

RULE = Rule.from_module(personal_data_via_api)

SPEC = """\
    flowlint: 1
    services:
      register: {name: Register trainee teachers}
      dqt: {name: Database of Qualified Teachers, kind: third-party}
      hesa: {name: HESA, kind: external}
    entities:
      trainee: {owner: register, personal_data: true}
      course: {owner: register}
    flows:
      - {from: register, to: dqt, entities: [trainee], via: file}
      - {from: register, to: hesa, entities: [course], via: file}
      - {from: register, to: hesa, entities: [trainee, course], via: manual}
"""


def test_personal_data_leaving_by_file_or_by_hand_is_reported() -> None:
    findings = lint_text(SPEC, rules=[RULE])
    assert codes(findings) == ["ORG101", "ORG101"]
    assert positions(findings) == [(10, 5, "/flows/0"), (12, 5, "/flows/2")]
    assert findings[0].message == (
        "the flow from 'register' to 'dqt' takes personal data ('trainee') out of the service "
        "line by file; personal data may leave only via api: send it through an API of 'register'"
    )


def test_options_allow_other_ways_and_exempt_receivers() -> None:
    exempt = RULE.with_options({"exempt": ["dqt"]})
    assert positions(lint_text(SPEC, rules=[exempt])) == [(12, 5, "/flows/2")]
    files_too = RULE.with_options({"allowed-via": ["api", "file"]})
    assert positions(lint_text(SPEC, rules=[files_too])) == [(12, 5, "/flows/2")]


def test_the_documented_examples() -> None:
    assert codes(lint_text(RULE.doc.fails, rules=[RULE])) == ["ORG101"]
    assert lint_text(RULE.doc.passes, rules=[RULE]) == []
