"""FL110 multi-master: records of an entity are not created in two places that sync both ways."""

from flowlint.testing import lint_text, positions
from tests.rules.helpers import at

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


def test_every_hop_of_a_chain_must_be_temporary() -> None:
    # The sync from trs to dqt goes through hub; only its second hop and the way back are dated.
    flows = """\
  - {from: trs, to: hub, entities: [person]}
  - {from: hub, to: dqt, entities: [person], until: 2025-12-31}
  - {from: dqt, to: trs, entities: [person], until: 2025-12-31}
"""
    assert positions(fl110(flows)) == [(10, 3, "/entities/person")]
    dated = flows.replace(
        "[person]}\n  - {from: hub", "[person], until: 2025-12-31}\n  - {from: hub"
    )
    assert fl110(dated) == []


def test_a_service_reached_that_passes_nothing_on_does_not_stop_the_search() -> None:
    findings = fl110(
        """\
  - {from: trs, to: tps, entities: [person]}
  - {from: trs, to: dqt, entities: [person]}
  - {from: dqt, to: trs, entities: [person]}
"""
    )
    assert positions(findings) == [(10, 3, "/entities/person")]


def test_pairs_that_do_not_sync_before_one_that_does_do_not_hide_it() -> None:
    # In pair order (trs, dqt), (trs, register), (dqt, register): trs copies to dqt one way
    # only, then to register and back.
    findings = fl110(
        """\
  - {from: trs, to: dqt, entities: [person]}
  - {from: trs, to: register, entities: [person]}
  - {from: register, to: trs, entities: [person]}
"""
    )
    assert positions(findings) == [(10, 3, "/entities/person")]
    assert "created in both 'trs' and 'register', which copy" in findings[0].message
    # trs and dqt sync both ways, but temporarily; the pairs after it still count.
    findings = fl110(
        """\
  - {from: trs, to: dqt, entities: [person], until: 2025-12-31}
  - {from: dqt, to: trs, entities: [person], until: 2025-12-31}
  - {from: trs, to: register, entities: [person]}
  - {from: register, to: trs, entities: [person]}
"""
    )
    assert "created in both 'trs' and 'register'; 'dqt' and 'register', which copy" in (
        findings[0].message
    )
    # dqt syncs with trs both ways through register and directly; register only one way.
    findings = fl110(
        """\
  - {from: trs, to: dqt, entities: [person]}
  - {from: dqt, to: trs, entities: [person]}
  - {from: dqt, to: register, entities: [person]}
"""
    )
    assert "created in both 'trs' and 'dqt', which copy" in findings[0].message


def test_entities_with_one_master_or_no_sync_do_not_hide_a_later_one() -> None:
    # person has one master (trs; tps does not create it), then one way only; trn syncs.
    for person in (
        "  - {from: trs, to: tps, entities: [person]}\n",
        "  - {from: trs, to: dqt, entities: [person]}\n",
    ):
        findings = fl110(
            person
            + """\
  - {from: trs, to: ewc, entities: [trn]}
  - {from: ewc, to: trs, entities: [trn]}
"""
        )
        assert positions(findings) == [(11, 3, "/entities/trn")]


def test_an_entity_without_an_owner_is_left_to_fl101() -> None:
    text = SPEC.replace("  person: {owner: trs}", "  person: {name: Person}")
    flows = """\
  - {from: dqt, to: register, entities: [person]}
  - {from: register, to: dqt, entities: [person]}
"""
    assert fl110(flows, text=text) == []


def test_more_than_ten_pairs_are_counted() -> None:
    creators = ["c1", "c2", "c3", "c4", "c5"]
    text = SPEC.replace(
        "  hub: {name: Integration hub}\n",
        "  hub: {name: Integration hub}\n"
        + "".join(f"  {c}: {{name: {c}, creates: [person]}}\n" for c in creators),
    )
    flows = "".join(
        f"  - {{from: {s}, to: hub, entities: [person]}}\n"
        f"  - {{from: hub, to: {s}, entities: [person]}}\n"
        for s in ["trs", *creators]
    )
    findings = fl110(flows, text=text)
    assert positions(findings) == [(*at(text, "person: {owner"), "/entities/person")]
    assert findings[0].message.startswith(
        "records of 'person' are created in both 'trs' and 'c1'; 'trs' and 'c2'; 'trs' and 'c3'; "
        "'trs' and 'c4'; 'trs' and 'c5'; 'c1' and 'c2'; 'c1' and 'c3'; 'c1' and 'c4'; 'c1' and "
        "'c5'; 'c2' and 'c3'; and 5 more pairs, which copy it to each other both ways: "
    )
