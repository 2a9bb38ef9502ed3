"""Entity lineage: the tree from the owner through every copy, on the bundled spec and on small
specs, and its agreement with rules FL103 (lost edit) and FL104 (copy chain)."""

from __future__ import annotations

import json
import textwrap

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from flowlint.engine import lint, select_rules
from flowlint.lineage import Holder, Lineage, Way, edit_lost, known_entities, lineage
from flowlint.loading import Loaded, load_paths, parse_text
from flowlint.model import Model, build_model
from flowlint.rules import BUILTIN_RULES
from tests.conftest import BUNDLED_SPEC


def model_of(text: str) -> Model:
    return build_model([parse_text(textwrap.dedent(text), "spec.yaml")])


def bundled() -> Model:
    return build_model(load_paths([BUNDLED_SPEC]).files)


def shape(found: Lineage) -> list[tuple[int, str, str, str | None]]:
    """(depth, service, role, how it got it) for every holder, depth first."""
    return [
        (depth, h.service, h.role, h.received.mechanism if h.received else None)
        for depth, h in found.holders()
    ]


def holder(found: Lineage, service: str) -> Holder:
    return next(h for _, h in found.holders() if h.service == service)


def test_course_is_copied_from_publish_to_the_services_that_use_it() -> None:
    # Seed page: "Publish owns course data" and "where one service uses the entity authored in
    # another, the data is copied rather than accessed via an API".
    found = lineage(bundled(), "course")
    assert found.owners == ("publish",)
    assert shape(found) == [
        (0, "publish", "owner", None),
        (1, "apply", "copy", "copy"),
        (1, "find", "copy", "copy"),
        (1, "manage", "copy", "copy"),
        (1, "register", "copy", "copy"),
    ]
    assert all(h.inside_boundary and not h.edits and not h.second_hand for _, h in found.holders())


def test_application_edits_in_manage_and_register_are_lost() -> None:
    # Seed page: "If data is changed in a downstream service, it is not passed back to the owning
    # service"; student record systems reach Manage through an API.
    found = lineage(bundled(), "application")
    assert found.personal_data and found.owners == ("apply",)
    assert shape(found) == [
        (0, "apply", "owner", None),
        (1, "manage", "copy", "copy"),
        (1, "register", "copy", "copy"),
        (0, "ellucian-banner", "source", None),
        (0, "oracle", "source", None),
        (0, "thesis-cloud", "source", None),
        (0, "tribal-sits", "source", None),
    ]
    for service in ("manage", "register"):
        assert holder(found, service).edits and holder(found, service).edit_lost is True
    assert holder(found, "apply").edit_lost is None
    assert holder(found, "manage").also == tuple(
        Way(srs, "manage", "api", "apply-api", "live")
        for srs in ("ellucian-banner", "oracle", "thesis-cloud", "tribal-sits")
    )
    assert holder(found, "oracle").inside_boundary is False
    assert found.unsourced == () and found.editors_without_copy == ()


def test_trainee_goes_from_register_to_dqt_outside_the_boundary() -> None:
    found = lineage(bundled(), "trainee")
    assert shape(found)[:2] == [(0, "register", "owner", None), (1, "dqt", "copy", "copy")]
    assert holder(found, "dqt").inside_boundary is False
    # The planned Register API is one of the other ways trainee data reaches Register.
    assert [w.mechanism for w in holder(found, "register").also] == [
        "copy",
        *["api register-api, planned"] * 4,
    ]
    assert [w.source for w in holder(found, "hesa").also] == [
        "ellucian-banner",
        "oracle",
        "thesis-cloud",
        "tribal-sits",
    ]


def test_an_entity_with_two_owners_starts_at_both() -> None:
    found = lineage(bundled(), "mentor")
    assert found.owners == ("placements", "claims") and found.status == "planned"
    assert shape(found) == [(0, "placements", "owner", None), (0, "claims", "owner", None)]
    assert holder(found, "claims").also == (Way("placements", "claims", "copy", None, "planned"),)


def test_the_first_holder_to_reach_a_service_is_its_parent_and_the_others_are_listed() -> None:
    found = lineage(
        model_of(
            """
            flowlint: 1
            services:
              a: {name: A}
              b: {name: B}
              c: {name: C}
              d: {name: D, edits: [thing]}
            entities:
              thing: {owner: a}
            flows:
              - {from: c, to: d, entities: [thing], via: file}
              - {from: b, to: d, entities: [thing]}
              - {from: a, to: c, entities: [thing]}
              - {from: a, to: b, entities: [thing]}
              - {from: d, to: d, entities: [thing]}
            """
        ),
        "thing",
    )
    assert shape(found) == [
        (0, "a", "owner", None),
        (1, "b", "copy", "copy"),
        (2, "d", "copy", "copy"),
        (1, "c", "copy", "copy"),
    ]
    d = holder(found, "d")
    assert d.received == Way("b", "d", "copy", None, "live")
    assert d.also == (Way("c", "d", "file", None, "live"),)
    assert d.second_hand and d.edit_lost is True


def test_unsourced_flows_editors_without_a_copy_and_undeclared_things() -> None:
    model = model_of(
        """
        flowlint: 1
        services:
          a: {name: A}
          b: {name: B, edits: [thing]}
          x: {name: X}
        entities:
          thing: {owner: a}
        flows:
          - {from: x, to: ghost, entities: [thing]}
          - {from: a, to: ghost, entities: [stray]}
        """
    )
    found = lineage(model, "thing")
    assert shape(found) == [(0, "a", "owner", None)]
    assert found.unsourced == (Way("x", "ghost", "copy", None, "live"),)
    assert found.editors_without_copy == ("b",)

    stray = lineage(model, "stray")
    assert not stray.declared and stray.owners == ()
    assert stray.roots == () and stray.unsourced == (Way("a", "ghost", "copy", None, "live"),)
    assert known_entities(model) == ["stray", "thing"]


def test_json_shape() -> None:
    data = lineage(bundled(), "application").as_dict()
    assert list(data) == [
        "entity",
        "name",
        "declared",
        "personal_data",
        "status",
        "owners",
        "holders",
        "unsourced",
        "editors_without_copy",
        "lost_edits",
        "derived_from",
        "derived_into",
    ]
    assert data["lost_edits"] == ["manage", "register"]
    manage = data["holders"][1]
    assert manage == {
        "service": "manage",
        "name": "Manage teacher training applications",
        "role": "copy",
        "depth": 1,
        "from": "apply",
        "via": "copy",
        "api": None,
        "status": "live",
        "inside_boundary": True,
        "scope": None,
        "until": None,
        "keeps": True,
        "distributes": False,
        "edits": True,
        "edit_lost": True,
        "second_hand": False,
        "passes_second_hand_to": [],
        "also_from": [
            {
                "from": srs,
                "to": "manage",
                "via": "api",
                "api": "apply-api",
                "status": "live",
                "stores": True,
            }
            for srs in ("ellucian-banner", "oracle", "thesis-cloud", "tribal-sits")
        ],
    }


# Lineage and the rules must tell the same story.

SERVICES = ["s1", "s2", "s3", "s4", "o1", "o2"]  # o* are outside the boundary
ENTITIES = ["e1", "e2"]


@st.composite
def specs(draw: st.DrawFn) -> dict:
    services = {
        sid: {
            "name": sid.upper(),
            **({"kind": "third-party"} if sid.startswith("o") else {}),
            "edits": draw(st.lists(st.sampled_from(ENTITIES), max_size=2, unique=True)),
        }
        for sid in SERVICES
    }
    entities = {
        eid: {"owner": draw(st.sampled_from(SERVICES))}
        for eid in ENTITIES
        if draw(st.booleans()) or eid == "e1"
    }
    flows = draw(
        st.lists(
            st.fixed_dictionaries(
                {
                    "from": st.sampled_from(SERVICES),
                    "to": st.sampled_from(SERVICES),
                    "entities": st.lists(st.sampled_from(ENTITIES), min_size=1, max_size=2),
                }
            ),
            max_size=10,
        )
    )
    return {"flowlint": 1, "services": services, "entities": entities, "flows": flows}


@settings(max_examples=150, deadline=None)
@given(specs())
def test_lost_edits_and_second_hand_copies_are_what_fl103_and_fl104_report(spec: dict) -> None:
    source = parse_text(json.dumps(spec), "spec.yaml")  # JSON is YAML, and quicker to write
    model = build_model([source])
    findings = lint(Loaded((source,)), select_rules(BUILTIN_RULES, ["FL103", "FL104"])).findings
    lost_by_rule = {f.subject[1::2] for f in findings if f.code == "FL103"}
    chain_by_rule = {(f.subject[1], f.subject[3]) for f in findings if f.code == "FL104"}
    lost, summary, chains = set(), set(), set()
    for entity in known_entities(model):
        found = lineage(model, entity)
        lost.update((h.service, entity) for _, h in found.holders() if h.edit_lost)
        lost.update(
            (service, entity)
            for service in found.editors_without_copy
            if edit_lost(model, service, entity)
        )
        summary.update((service, entity) for service in found.lost_edits)
        chains.update((h.service, entity) for _, h in found.holders() if h.passes_second_hand_to)
        # Every service that keeps a copy is in the tree, once.
        in_tree = [h.service for _, h in found.holders()]
        assert len(in_tree) == len(set(in_tree))
        assert model.holders(entity) <= set(in_tree)
    assert lost == lost_by_rule
    assert summary == lost_by_rule  # issue 11: lineage's summary and check agree
    assert chains == chain_by_rule


def test_scoped_owners_creators_relays_distributors_and_derivations() -> None:
    model = model_of(
        """\
        flowlint: 1.1
        services:
          whitehall: {name: Whitehall}
          specialist: {name: Specialist publisher}
          importer: {name: Importer, creates: [document]}
          store: {name: Content store, distributes: [document]}
          router: {name: Router}
          frontend: {name: Frontend}
          search: {name: Search}
        entities:
          document:
            owner:
              - {service: whitehall, scope: news}
              - {service: specialist, scope: guidance, until: 2030-01-01}
          search-document: {owner: search, derived_from: [document]}
        flows:
          - {from: whitehall, to: store, entities: [document]}
          - {from: importer, to: specialist, entities: [document]}
          - {from: store, to: router, entities: [document], stores: false}
          - {from: router, to: frontend, entities: [document]}
          - {from: store, to: search, entities: [document]}
        """
    )
    found = lineage(model, "document")
    assert shape(found) == [
        (0, "whitehall", "owner", None),
        (1, "store", "copy", "copy"),
        (2, "router", "copy", "copy, not kept"),
        (3, "frontend", "copy", "copy"),
        (2, "search", "copy", "copy"),
        (0, "specialist", "owner", None),
        (0, "importer", "creator", None),
    ]
    assert (holder(found, "specialist").scope, holder(found, "specialist").until) == (
        "guidance",
        "2030-01-01",
    )
    assert holder(found, "store").distributes and not holder(found, "router").keeps
    assert not holder(found, "frontend").second_hand  # first-hand through a distributor and relay
    assert [(d.entity, d.source, d.owners_lacking) for d in found.derived_into] == [
        ("search-document", "document", ())
    ]
    derived = lineage(model, "search-document")
    assert [(d.source, d.owners_lacking) for d in derived.derived_from] == [("document", ())]


def test_a_chain_of_500_services_is_drawn_without_recursion() -> None:
    services = "".join(f"  s{i}: {{name: S{i}}}\n" for i in range(500))
    flows = "".join(f"  - {{from: s{i}, to: s{i + 1}, entities: [e]}}\n" for i in range(499))
    model = model_of(
        f"flowlint: 1\nservices:\n{services}entities:\n  e: {{owner: s0}}\nflows:\n{flows}"
    )
    found = lineage(model, "e")
    depths = [depth for depth, _ in found.holders()]
    assert depths == list(range(500))
    assert holder(found, "s1").passes_second_hand_to == ("s2",)


@pytest.mark.parametrize("format_1_1", [False, True])
def test_copy_chains_without_relays_are_what_the_walk_through_relays_finds(
    format_1_1: bool,
) -> None:
    """copy_chains has a one-pass path for entities without relays (most of them); a relay that
    is nowhere in the spec sends it down the general walk, which must give the same chains."""
    import dataclasses

    from tests.test_bench import generate

    spec = generate.generate(3_000, seed=7, format_1_1=format_1_1, many_findings=True)
    model = build_model([parse_text(spec.text, "spec.yaml")], today="2026-01-01")
    inside = frozenset(sid for sid, service in model.services.items() if service.inside_boundary)
    chains = 0
    for entity_id in model.flows_carrying:
        provenance = model.provenance(entity_id)
        walked = dataclasses.replace(provenance, relays=provenance.relays | {"\x00nobody"})
        assert provenance.copy_chains(inside) == walked.copy_chains(inside)
        chains += len(provenance.copy_chains(inside))
    assert chains == spec.expected["FL104"]
