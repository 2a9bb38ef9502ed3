"""FL110 multi-master: records of an entity are not created in two places that sync both ways."""

from flowlint.testing import lint_text, positions

SPEC = """\
flowlint: 1.1
services:
  trs: {name: Teaching Record System}
  dqt: {name: Database of Qualified Teachers, creates: [person]}
  register: {name: Register trainee teachers, creates: [person]}
  hub: {name: Integration hub}
  tps: {name: Teachers' Pensions, kind: third-party}
  ewc: {name: Education Workforce Council, kind: external}
entities:
  person: {owner: trs}
  trn:
    owner: [{service: trs, scope: England}, {service: ewc, scope: Wales}]
flows:
"""


def fl110(flows: str, today: str = "2025-06-01", text: str = SPEC):
    return lint_text(text + flows, select=["FL110"], today=today)


def test_owner_and_a_keeping_creator_syncing_both_ways_are_reported_at_the_entity() -> None:
    findings = fl110(
        """\
  - {from: trs, to: dqt, entities: [person]}
  - {from: dqt, to: trs, entities: [person]}
"""
    )
    assert positions(findings) == [(10, 3, "/entities/person")]
    assert findings[0].message == (
        "records of 'person' are created in both 'trs' and 'dqt', which copy it to each other "
        "both ways: records created in each at the same time arrive in the other as new ones "
        "and give duplicates; create the records in one place and let the other read them, or "
        "give each flow of a temporary sync an 'until' date"
    )
    assert findings[0].subject == ("entity", "person", "multi-master")


def test_both_ways_through_a_chain_counts() -> None:
    findings = fl110(
        """\
  - {from: trs, to: hub, entities: [person]}
  - {from: hub, to: dqt, entities: [person]}
  - {from: dqt, to: trs, entities: [person]}
"""
    )
    assert positions(findings) == [(10, 3, "/entities/person")]


def test_two_scoped_owners_syncing_both_ways_are_reported() -> None:
    findings = fl110(
        """\
  - {from: trs, to: ewc, entities: [trn]}
  - {from: ewc, to: trs, entities: [trn]}
"""
    )
    assert positions(findings) == [(11, 3, "/entities/trn")]
    assert "created in both 'trs' and 'ewc'" in findings[0].message


def test_one_way_a_client_creator_and_a_creator_that_keeps_nothing_pass() -> None:
    assert (
        fl110(
            """\
  - {from: dqt, to: trs, entities: [person]}
  - {from: register, to: trs, entities: [person]}
  - {from: trs, to: register, entities: [person], stores: false}
  - {from: trs, to: tps, entities: [person]}
  - {from: tps, to: trs, entities: [person]}
"""
        )
        == []
    )


def test_a_temporary_sync_is_quiet_until_its_date_passes() -> None:
    flows = """\
  - {from: trs, to: dqt, entities: [person], until: 2025-12-31}
  - {from: dqt, to: trs, entities: [person], until: 2025-12-31}
"""
    assert fl110(flows, today="2025-06-01") == []
    assert fl110(flows, today="2025-12-31") == []
    assert positions(fl110(flows, today="2026-01-01")) == [(10, 3, "/entities/person")]
    one_dated = flows.replace(
        "entities: [person], until: 2025-12-31}\n  - {from: dqt",
        "entities: [person]}\n  - {from: dqt",
    )
    assert positions(fl110(one_dated, today="2025-06-01")) == [(10, 3, "/entities/person")]


def test_retired_and_delete_only_flows_do_not_sync() -> None:
    assert (
        fl110(
            """\
  - {from: trs, to: dqt, entities: [person]}
  - {from: dqt, to: trs, entities: [person], status: retired}
  - {from: dqt, to: trs, entities: [person], operations: [delete]}
"""
        )
        == []
    )
