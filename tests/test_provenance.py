"""The lineage answers of flowlint.provenance, field by field, on small specs.

Rules FL102-FL104 and FL107-FL110, `lineage`, `graph` and the language server all read these
answers, so each word of the module's docstring is pinned here on the smallest spec that tells
it apart: which flows count as copies, who has, holds, relays and keeps first-hand, and whose
edits and new records reach an owner.
"""

from __future__ import annotations

import textwrap

from flowlint.loading import parse_text
from flowlint.model import Model, build_model
from flowlint.provenance import Provenance, empty_provenance, is_copy

SERVICES = """\
flowlint: 1.1
services:
  owner: {name: Owner}
  a: {name: A}
  b: {name: B}
  c: {name: C}
  d: {name: D}
  hub: {name: Hub, distributes: [record]}
  maker: {name: Maker, creates: [record]}
  outsider: {name: Outsider, kind: external}
entities:
  record: {owner: owner}
flows:
"""


def model_of(flows: str, services: str = SERVICES) -> Model:
    return build_model([parse_text(services + textwrap.dedent(flows), "spec.yaml")])


def record(flows: str, services: str = SERVICES) -> Provenance:
    return model_of(flows, services).provenance("record")


def flow_lines(found: Provenance) -> list[int]:
    return [flow.location.line for flow in found.copies]


def test_an_owner_chain_of_copies_is_had_held_and_kept_and_only_the_first_is_first_hand() -> None:
    found = record(
        """\
  - {from: owner, to: a, entities: [record]}
  - {from: a, to: b, entities: [record]}
"""
    )
    assert found.entity == "record"
    assert found.owners == ("owner",)
    assert found.creators == ("maker",)
    assert found.distributors == ("hub",)
    assert found.sources == frozenset()
    assert flow_lines(found) == [14, 15]
    assert found.receivers == found.keepers == {"a", "b"}
    assert found.has == {"owner", "maker", "a", "b"}
    assert found.holders == found.has
    assert found.relays == frozenset()
    assert found.first_hand == {"a"}
    assert found.is_owner("owner") and not found.is_owner("a")
    assert found.second_hand("b", inside=True) and not found.second_hand("a", inside=True)
    assert not found.second_hand("b", inside=False)


def test_retired_and_delete_only_flows_are_not_copies_wherever_they_come() -> None:
    # The flows that do not count come first, so a walk that stopped at them would miss the rest.
    found = record(
        """\
  - {from: owner, to: c, entities: [record], status: retired}
  - {from: owner, to: d, entities: [record], operations: [delete]}
  - {from: owner, to: a, entities: [record], operations: [delete], status: retired}
  - {from: owner, to: b, entities: [record], operations: [update, delete]}
"""
    )
    assert flow_lines(found) == [17]
    assert found.receivers == {"b"}
    assert found.has == {"owner", "maker", "b"}


def test_is_copy_is_false_only_for_retired_or_delete_only_flows() -> None:
    model = model_of(
        """\
  - {from: owner, to: a, entities: [record]}
  - {from: owner, to: b, entities: [record], status: retired}
  - {from: owner, to: c, entities: [record], operations: [delete]}
  - {from: owner, to: d, entities: [record], operations: [delete, update]}
  - {from: owner, to: a, entities: [record], status: planned, operations: [delete]}
"""
    )
    assert [is_copy(flow) for flow in model.flows] == [True, False, False, True, False]


def test_updates_reach_the_owner_only_through_flows_passing_updates() -> None:
    found = record(
        """\
  - {from: owner, to: a, entities: [record]}
  - {from: a, to: b, entities: [record]}
  - {from: b, to: a, entities: [record], operations: [update]}
  - {from: a, to: owner, entities: [record], operations: [update]}
  - {from: c, to: owner, entities: [record], operations: [create, delete]}
  - {from: d, to: c, entities: [record], operations: [update]}
"""
    )
    # b -> a -> owner passes updates; c's flow to the owner does not, so neither c nor d reaches.
    assert found.reaching_owner == {"owner", "a", "b"}
    assert found.edit_lost("b") is False
    assert found.edit_lost("owner") is False
    assert found.edit_lost("c") is True
    assert found.edit_lost("d") is True


def test_new_records_reach_the_owner_only_through_flows_passing_creates() -> None:
    found = record(
        """\
  - {from: maker, to: a, entities: [record], operations: [create]}
  - {from: a, to: owner, entities: [record], operations: [create, update]}
  - {from: b, to: owner, entities: [record], operations: [update]}
  - {from: c, to: b, entities: [record], operations: [create]}
"""
    )
    assert found.creates_reach_owner == {"owner", "a", "maker"}
    # c's flow to b passes only creates, so c's edits do not reach the owner.
    assert found.reaching_owner == {"owner", "a", "b"}


def test_without_creators_nothing_is_worked_out_for_new_records() -> None:
    services = SERVICES.replace(", creates: [record]", "")
    found = record("  - {from: a, to: owner, entities: [record]}\n", services)
    assert found.creators == ()
    assert found.reaching_owner == {"owner", "a"}
    assert found.creates_reach_owner == frozenset()


def test_a_service_outside_the_line_is_a_source_and_its_copies_are_first_hand() -> None:
    found = record(
        """\
  - {from: outsider, to: a, entities: [record]}
  - {from: a, to: b, entities: [record]}
"""
    )
    assert found.sources == {"outsider"}
    assert found.has == {"owner", "maker", "outsider", "a", "b"}
    assert found.first_hand == {"a"}


def test_a_distributor_passes_first_hand_copies_on_and_only_while_it_got_one_first_hand() -> None:
    found = record(
        """\
  - {from: owner, to: hub, entities: [record]}
  - {from: hub, to: a, entities: [record]}
  - {from: b, to: hub, entities: [record]}
"""
    )
    assert found.first_hand == {"hub", "a"}
    second = record(
        """\
  - {from: owner, to: b, entities: [record]}
  - {from: b, to: hub, entities: [record]}
  - {from: hub, to: a, entities: [record]}
"""
    )
    assert second.first_hand == {"b"}


def test_a_relay_keeps_nothing_and_passes_first_hand_copies_on() -> None:
    found = record(
        """\
  - {from: owner, to: a, entities: [record], stores: false}
  - {from: a, to: b, entities: [record]}
  - {from: a, to: c, entities: [record], stores: false}
"""
    )
    assert found.receivers == {"a", "b", "c"}
    assert found.keepers == {"b"}
    assert found.relays == {"a", "c"}
    assert found.has == {"owner", "maker", "a", "b", "c"}
    assert found.holders == {"owner", "maker", "b"}
    assert found.first_hand == {"b"}
    # A relay that is visited twice is expanded once.
    looped = record(
        """\
  - {from: owner, to: a, entities: [record], stores: false}
  - {from: a, to: c, entities: [record], stores: false}
  - {from: c, to: a, entities: [record], stores: false}
  - {from: c, to: b, entities: [record]}
"""
    )
    assert looped.relays == {"a", "c"}
    assert looped.first_hand == {"b"}


def test_owners_creators_and_sources_are_never_relays() -> None:
    found = record(
        """\
  - {from: a, to: owner, entities: [record], stores: false}
  - {from: a, to: maker, entities: [record], stores: false}
  - {from: a, to: outsider, entities: [record], stores: false}
  - {from: outsider, to: b, entities: [record]}
"""
    )
    assert found.relays == frozenset()


def test_copy_chains_name_each_intermediate_with_its_first_flow_and_receivers() -> None:
    found = record(
        """\
  - {from: owner, to: a, entities: [record]}
  - {from: a, to: c, entities: [record]}
  - {from: a, to: b, entities: [record]}
  - {from: a, to: b, entities: [record], operations: [update]}
  - {from: a, to: owner, entities: [record]}
  - {from: a, to: a, entities: [record]}
"""
    )
    chains = found.copy_chains({"owner", "a", "b", "c"})
    assert list(chains) == ["a"]
    assert chains["a"].intermediate == "a"
    assert chains["a"].first_flow.location.line == 15
    assert chains["a"].receivers == ("b", "c")
    # A receiver outside the line is nobody's concern here.
    assert found.copy_chains({"owner", "a", "b"})["a"].receivers == ("b",)


def test_copies_from_owners_distributors_and_non_holders_are_not_chains() -> None:
    found = record(
        """\
  - {from: owner, to: hub, entities: [record]}
  - {from: d, to: a, entities: [record]}
  - {from: hub, to: b, entities: [record]}
  - {from: owner, to: c, entities: [record]}
"""
    )
    # d never got the record (FL102's), hub distributes it, owner owns it.
    assert found.copy_chains({"owner", "hub", "a", "b", "c", "d"}) == {}
    only_owner_and_distributor = record(
        """\
  - {from: owner, to: a, entities: [record]}
  - {from: a, to: hub, entities: [record]}
  - {from: hub, to: b, entities: [record]}
"""
    )
    # hub's own copy is second-hand: the chain is reported where hub gets it, not past it.
    chains = only_owner_and_distributor.copy_chains({"owner", "a", "b", "hub"})
    assert {name: chain.receivers for name, chain in chains.items()} == {"a": ("hub",)}


def test_copy_chains_look_through_relays() -> None:
    found = record(
        """\
  - {from: owner, to: a, entities: [record]}
  - {from: a, to: c, entities: [record], stores: false}
  - {from: c, to: d, entities: [record], stores: false}
  - {from: d, to: c, entities: [record], stores: false}
  - {from: d, to: b, entities: [record]}
  - {from: owner, to: hub, entities: [record], stores: false}
  - {from: hub, to: b, entities: [record], stores: false}
  - {from: owner, to: b, entities: [record], stores: false}
"""
    )
    assert found.relays == {"c", "d", "hub"}
    chains = found.copy_chains({"owner", "a", "b", "c", "d", "hub"})
    assert list(chains) == ["a"]
    assert chains["a"].first_flow.location.line == 15
    assert chains["a"].receivers == ("b",)


def test_through_relays_only_second_hand_keepers_inside_the_line_are_receivers() -> None:
    found = record(
        """\
  - {from: owner, to: a, entities: [record]}
  - {from: a, to: c, entities: [record], stores: false}
  - {from: c, to: b, entities: [record]}
  - {from: c, to: d, entities: [record]}
  - {from: owner, to: d, entities: [record]}
  - {from: a, to: hub, entities: [record]}
"""
    )
    chains = found.copy_chains({"owner", "a", "b", "c", "d"})
    assert {name: chain.receivers for name, chain in chains.items()} == {"a": ("b",)}


def test_an_entity_with_no_owner_or_no_second_hand_keeper_has_no_chains() -> None:
    services = SERVICES.replace("  record: {owner: owner}\n", "  record: {name: Record}\n")
    unowned = record(
        """\
  - {from: outsider, to: a, entities: [record]}
  - {from: a, to: b, entities: [record]}
""",
        services,
    )
    assert unowned.owners == ()
    assert unowned.edit_lost("a") is None
    assert unowned.copy_chains({"a", "b"}) == {}
    direct = record("  - {from: owner, to: a, entities: [record]}\n")
    assert direct.copy_chains({"owner", "a"}) == {}


def test_an_undeclared_owner_is_left_out_and_the_entity_is_judged_as_unowned() -> None:
    services = SERVICES.replace("{owner: owner}", "{owner: [owner, ghost]}")
    found = record("  - {from: owner, to: a, entities: [record]}\n", services)
    assert found.owners == ("owner",)


def test_an_entity_only_a_flow_carries_has_a_provenance_named_after_it() -> None:
    model = model_of("  - {from: a, to: b, entities: [stray]}\n")
    found = model.provenance("stray")
    assert found.entity == "stray"
    assert found.owners == ()
    assert found.receivers == {"b"}


def test_the_provenance_of_an_unknown_entity_is_empty() -> None:
    nothing = frozenset()
    assert empty_provenance("ghost") == Provenance(
        "ghost", (), (), (), nothing, (), nothing, nothing, nothing, nothing, nothing, nothing,
        nothing, nothing,
    )  # fmt: skip
    assert model_of("").provenance("ghost") == empty_provenance("ghost")
    sets = ("sources", "receivers", "keepers", "has", "holders", "relays", "first_hand")
    sets += ("reaching_owner", "creates_reach_owner")
    assert all(isinstance(getattr(empty_provenance("x"), name), frozenset) for name in sets)
