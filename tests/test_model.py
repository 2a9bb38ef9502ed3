"""The model every rule reads: what the builder keeps, what it reads as absent, and the answers
of `Model`'s public methods, asserted as exact values on small specs."""

from __future__ import annotations

import textwrap

import pytest

from flowlint.findings import Location, Problem
from flowlint.loading import SourceFile, parse_text
from flowlint.model import (
    ALL_OPERATIONS,
    Flow,
    Model,
    Ref,
    Relationship,
    Service,
    build_model,
    normalized_name,
    relationship_key,
)
from flowlint.provenance import empty_provenance


def _source(text: str, path: str = "spec.yaml") -> SourceFile:
    return parse_text(textwrap.dedent(text), path)


def _model(text: str, path: str = "spec.yaml", **kwargs: object) -> Model:
    return build_model([_source(text, path)], **kwargs)  # type: ignore[arg-type]


def _ids(refs: tuple[Ref, ...]) -> list[str]:
    return [ref.id for ref in refs]


def _where(element: object) -> tuple[str, int, int, str]:
    location = element.location  # type: ignore[attr-defined]
    return (location.file, location.line, location.column, location.pointer)


# ---------------------------------------------------------------------------------------------
# Services


SERVICES = """\
flowlint: 1.1
services:
  publish: {name: Publish, edits: [course, 7, provider], group: srs}
  find: {}
  apply: {name: 3, kind: '', status: '', edits: course, group: 5}
  ucas: {name: UCAS, kind: third-party, status: planned, distributes: [course], creates: course}
  hesa: {kind: external}
  ghost: just text
  x-note: {name: not a service}
"""


def test_a_service_keeps_what_it_says_and_reads_ill_typed_values_as_absent() -> None:
    model = _model(SERVICES)
    assert list(model.services) == ["publish", "find", "apply", "ucas", "hesa", "ghost"]
    publish = model.services["publish"]
    assert (publish.name, publish.kind, publish.group, publish.status) == (
        "Publish",
        "service",
        "srs",
        "live",
    )
    assert _ids(publish.edits) == ["course", "provider"]
    assert [ref.location.pointer for ref in publish.edits] == [
        "/services/publish/edits/0",
        "/services/publish/edits/2",
    ]
    assert (publish.distributes, publish.creates) == ((), ())
    find = model.services["find"]
    assert (find.name, find.kind, find.group, find.status, find.edits) == (
        "find",
        "service",
        None,
        "live",
        (),
    )
    apply = model.services["apply"]
    assert (apply.name, apply.kind, apply.group, apply.status) == ("apply", "service", None, "live")
    assert [(ref.id, ref.location.pointer) for ref in apply.edits] == [
        ("course", "/services/apply/edits")
    ]
    ucas = model.services["ucas"]
    assert (ucas.name, ucas.kind, ucas.status) == ("UCAS", "third-party", "planned")
    assert [(r.id, r.location.pointer) for r in ucas.distributes] == [
        ("course", "/services/ucas/distributes/0")
    ]
    assert [(r.id, r.location.pointer) for r in ucas.creates] == [
        ("course", "/services/ucas/creates")
    ]
    ghost = model.services["ghost"]
    assert (ghost.name, ghost.kind, ghost.edits) == ("ghost", "service", ())
    assert _where(ghost) == ("spec.yaml", 8, 3, "/services/ghost")


def test_only_services_of_the_line_are_inside_the_boundary() -> None:
    model = _model(SERVICES)
    assert [s.id for s in model.services.values() if s.inside_boundary] == [
        "publish",
        "find",
        "apply",
        "ghost",
    ]
    assert [ident for ident in model.services if model.is_outside(ident)] == ["ucas", "hesa"]
    assert model.is_outside("nobody") is False
    assert model.is_outside("publish") is False


# ---------------------------------------------------------------------------------------------
# Entities and owners


ENTITIES = """\
flowlint: 1.1
services:
  a: {name: A}
  b: {name: B}
  c: {name: C}
entities:
  one: {owner: a, name: One, personal_data: true, status: retired, description: Just one}
  three: {owner: [a, b, c], personal_data: 'yes'}
  twice: {owner: [b, a, b, 4]}
  none: {name: 3, description: 4, status: 5}
  empty: {owner: []}
  scoped:
    owner:
      - {service: c, scope: England, until: '2025-01-01'}
      - {service: 4}
      - {service: a, scope: 5}
      - 5
  mixed:
    owner: [b, {service: c, scope: Wales}]
  derived: {owner: a, derived_from: [one, 2, three]}
  single-derived: {owner: a, derived_from: one}
  bad: 7
"""


def test_an_entity_keeps_its_owners_in_order_and_what_else_it_says() -> None:
    model = _model(ENTITIES)
    one = model.entities["one"]
    assert (one.name, one.personal_data, one.status, one.description) == (
        "One",
        True,
        "retired",
        "Just one",
    )
    assert [(r.id, r.location.pointer) for r in one.owners] == [("a", "/entities/one/owner")]
    assert (one.owner_declared, one.sole_owner, one.scoped) == (True, "a", False)
    three = model.entities["three"]
    assert _ids(three.owners) == ["a", "b", "c"]
    assert (three.personal_data, three.status, three.name, three.sole_owner) == (
        False,
        "live",
        None,
        None,
    )
    none = model.entities["none"]
    assert (none.name, none.description, none.status, none.owners) == (None, None, "live", ())
    assert (none.owner_declared, none.owner_location, none.sole_owner) == (False, None, None)
    empty = model.entities["empty"]
    assert (empty.owners, empty.owner_declared, empty.sole_owner) == ((), True, None)
    assert empty.owner_location == Location("spec.yaml", 11, 11, "/entities/empty/owner")
    bad = model.entities["bad"]
    assert (bad.owners, bad.owner_declared, bad.status) == ((), False, "live")


def test_owner_of_and_owners_of_with_one_three_and_repeated_owners() -> None:
    model = _model(ENTITIES)
    assert [model.owner_of(e) for e in ("one", "three", "twice", "none", "nobody")] == [
        "a",
        None,
        None,
        None,
        None,
    ]
    assert model.owners_of("one") == ("a",)
    assert model.owners_of("three") == ("a", "b", "c")
    # The 4 is not an id; a repeated owner is named once, where it is first written.
    assert _ids(model.entities["twice"].owners) == ["b", "a", "b"]
    assert model.owners_of("twice") == ("b", "a")
    assert model.owners_of("none") == ()
    assert model.owners_of("nobody") == ()


def test_scoped_owners_keep_their_scope_and_until_and_skip_what_is_not_one() -> None:
    model = _model(ENTITIES)
    scoped = model.entities["scoped"]
    assert scoped.scoped is True
    assert [
        (s.service.id, s.scope, s.until, s.pointer, s.service.location.pointer)
        for s in scoped.scoped_owners
    ] == [
        (
            "c",
            "England",
            "2025-01-01",
            "/entities/scoped/owner/0",
            "/entities/scoped/owner/0/service",
        ),
        ("a", None, None, "/entities/scoped/owner/2", "/entities/scoped/owner/2/service"),
    ]
    assert _ids(scoped.owners) == ["c", "a"]
    assert model.owners_of("scoped") == ("c", "a")
    assert scoped.sole_owner is None
    # A list mixing ids and mappings (a schema finding) is read as its ids.
    mixed = model.entities["mixed"]
    assert (mixed.scoped, mixed.scoped_owners) == (False, ())
    assert [(r.id, r.location.pointer) for r in mixed.owners] == [("b", "/entities/mixed/owner/0")]
    assert mixed.sole_owner == "b"


def test_derived_from_keeps_the_ids_it_names() -> None:
    model = _model(ENTITIES)
    assert [(r.id, r.location.pointer) for r in model.entities["derived"].derived_from] == [
        ("one", "/entities/derived/derived_from/0"),
        ("three", "/entities/derived/derived_from/2"),
    ]
    assert [(r.id, r.location.pointer) for r in model.entities["single-derived"].derived_from] == [
        ("one", "/entities/single-derived/derived_from")
    ]
    assert model.entities["one"].derived_from == ()


# ---------------------------------------------------------------------------------------------
# Relationships


RELATIONSHIPS = """\
flowlint: 1.1
services:
  a: {name: A}
  b: {name: B}
  c: {name: C}
entities:
  course:
    owner: [a, b, c]
    relationships:
      - {name: Course to school, to: school}
      - just text
      - {name: No target}
      - {to: school}
      - {name: Course to provider, to: provider}
  school:
    relationships: {name: not a list, to: course}
  provider:
    owner: a
    relationships:
      - {name: Provider to school, to: [school]}
      - {name: 5, to: school}
relationships:
  - {name: Shared, from: course, to: school, defined_by: [a, 3, c], stored_in: b}
  - {name: Alone, from: school, to: provider, defined_by: b}
  - {name: No end, from: course}
  - {name: No start, to: course}
  - {from: course, to: school}
  - {name: Loose, from: course, to: school, stored_in: [b]}
  - just text
"""


def test_relationships_within_entities_are_defined_by_every_owner() -> None:
    model = _model(RELATIONSHIPS)
    inside = [rel for rel in model.relationships if rel.within_entity]
    assert [(r.name, r.source.id, r.target.id, r.location.pointer) for r in inside] == [
        ("Course to school", "course", "school", "/entities/course/relationships/0"),
        ("Course to provider", "course", "provider", "/entities/course/relationships/4"),
    ]
    first = inside[0]
    assert _ids(first.defined_by) == ["a", "b", "c"]
    assert [ref.location.pointer for ref in first.defined_by] == [
        "/entities/course/relationships/0"
    ] * 3
    assert first.source.location.pointer == "/entities/course/relationships/0"
    assert first.target.location.pointer == "/entities/course/relationships/0/to"
    assert first.stored_in is None


def test_top_level_relationships_need_a_name_and_both_ends() -> None:
    model = _model(RELATIONSHIPS)
    listed = [rel for rel in model.relationships if not rel.within_entity]
    assert [(r.name, r.source.id, r.target.id, r.location.pointer) for r in listed] == [
        ("Shared", "course", "school", "/relationships/0"),
        ("Alone", "school", "provider", "/relationships/1"),
        ("Loose", "course", "school", "/relationships/5"),
    ]
    shared, alone, loose = listed
    assert [(r.id, r.location.pointer) for r in shared.defined_by] == [
        ("a", "/relationships/0/defined_by/0"),
        ("c", "/relationships/0/defined_by/2"),
    ]
    assert shared.stored_in is not None
    assert (shared.stored_in.id, shared.stored_in.location.pointer) == (
        "b",
        "/relationships/0/stored_in",
    )
    assert [(r.id, r.location.pointer) for r in alone.defined_by] == [
        ("b", "/relationships/1/defined_by")
    ]
    assert (alone.stored_in, loose.defined_by, loose.stored_in) == (None, (), None)
    # Relationships within entities come first, in the order of their entities.
    assert [r.within_entity for r in model.relationships] == [True, True, False, False, False]


def test_relationship_names_compare_without_case_and_punctuation() -> None:
    assert normalized_name("Course to school") == "coursetoschool"
    assert normalized_name("course-to-SCHOOL 2!") == "coursetoschool2"
    model = _model(RELATIONSHIPS)
    keys = [relationship_key(rel) for rel in model.relationships]
    assert keys == [
        ("course", "school", "coursetoschool"),
        ("course", "provider", "coursetoprovider"),
        ("course", "school", "shared"),
        ("provider", "school", "alone"),
        ("course", "school", "loose"),
    ]


# ---------------------------------------------------------------------------------------------
# Flows and their indexes


FLOWS = """\
flowlint: 1.1
services:
  a: {name: A}
  b: {name: B}
  c: {name: C}
  d: {name: D}
entities:
  e: {owner: a}
  f: {owner: b}
flows:
  - {from: a, to: b, entities: [e]}
  - {from: b, to: c, entities: [e, f, e]}
  - {from: a, to: c, entities: [f]}
  - {from: c, to: d, entities: [e], status: retired}
  - {from: c, to: d, entities: [f], operations: [delete]}
  - {from: d, to: a, entities: [f], operations: [update, delete]}
  - {from: b, to: d, entities: []}
"""


def test_the_flow_indexes_list_flows_in_document_order() -> None:
    model = _model(FLOWS)
    assert [f.index for f in model.flows] == [0, 1, 2, 3, 4, 5]

    def indexed(table: object) -> dict[str, list[int]]:
        return {key: [f.index for f in flows] for key, flows in table.items()}  # type: ignore[attr-defined]

    assert indexed(model.flows_out_of) == {"a": [0, 2], "b": [1], "c": [3, 4], "d": [5]}
    assert indexed(model.flows_into) == {"b": [0], "c": [1, 2], "d": [3, 4], "a": [5]}
    # A flow listing an entity twice is carrying it once.
    assert indexed(model.flows_carrying) == {"e": [0, 1, 3], "f": [1, 2, 4, 5]}
    assert model.receipts == frozenset(
        {("b", "e"), ("c", "e"), ("c", "f"), ("d", "e"), ("d", "f"), ("a", "f")}
    )
    assert model.receives("c", "f") is True
    assert model.receives("b", "f") is False
    assert model.receives("a", "e") is False


def test_flow_words() -> None:
    model = _model(FLOWS)
    flow = model.flows[4]
    assert flow.label == "the flow from 'c' to 'd'"
    assert (flow.operations, flow.delete_only, flow.operations_declared) == (
        ("delete",),
        True,
        True,
    )
    assert model.flows[5].operations == ("update", "delete")
    assert model.flows[5].delete_only is False
    assert (model.flows[0].operations, model.flows[0].delete_only) == (ALL_OPERATIONS, False)
    assert model.flows[0].operations_declared is False
    assert (model.flows[3].status, model.flows[0].status) == ("retired", "live")


def test_reachable_follows_only_flows_of_the_entity() -> None:
    model = _model(FLOWS)
    assert model.reachable("e", ["a"]) == frozenset({"a", "b", "c", "d"})
    assert model.reachable("e", ["c"]) == frozenset({"c", "d"})
    assert model.reachable("f", ["b"]) == frozenset({"b", "c", "d", "a"})
    assert model.reachable("f", ["a"]) == frozenset({"a", "c", "d"})
    assert model.reachable("e", ["d"]) == frozenset({"d"})
    assert model.reachable("nothing", ["a", "b"]) == frozenset({"a", "b"})
    assert model.reachable("e", []) == frozenset()


CHAINS = """\
flowlint: 1.1
services:
  a: {name: A}
  b: {name: B}
  c: {name: C}
  d: {name: D}
  e: {name: E}
  f: {name: F}
entities:
  x: {owner: [a, f]}
  y: {owner: a}
  z: {name: No owner}
flows:
  - {from: a, to: b, entities: [x, y]}
  - {from: b, to: c, entities: [x]}
  - {from: c, to: d, entities: [x]}
  - {from: f, to: d, entities: [x]}
  - {from: a, to: c, entities: [x]}
  - {from: d, to: e, entities: [x], status: retired}
  - {from: d, to: e, entities: [x], operations: [delete]}
  - {from: b, to: e, entities: [y]}
  - {from: a, to: d, entities: [y], operations: [update, delete]}
  - {from: a, to: c, entities: [z]}
"""


def _chain(model: Model, entity: str, service: str) -> list[tuple[str, str]] | None:
    found = model.chain_from_owner(entity, service)
    return None if found is None else [(f.source.id, f.target.id) for f in found]


def test_chain_from_owner_is_the_shortest_and_the_first_in_document_order() -> None:
    model = _model(CHAINS)
    assert _chain(model, "x", "a") == []
    assert _chain(model, "x", "f") == []
    assert _chain(model, "x", "b") == [("a", "b")]
    # a-b-c is as long as... no: a-c is shorter than a-b-c, though written later.
    assert _chain(model, "x", "c") == [("a", "c")]
    # d is reached in one step from the second owner, in two from the first: the shortest wins.
    assert _chain(model, "x", "d") == [("f", "d")]
    # Retired and delete-only flows are no copies.
    assert _chain(model, "x", "e") is None
    assert _chain(model, "y", "e") == [("a", "b"), ("b", "e")]
    assert _chain(model, "y", "d") == [("a", "d")]
    assert _chain(model, "y", "c") is None
    assert _chain(model, "z", "c") is None
    assert _chain(model, "nothing", "a") is None
    chain = model.chain_from_owner("y", "e")
    assert chain is not None and [f.index for f in chain] == [0, 7]


LONG_CHAIN = """\
flowlint: 1
services:
  a: {name: A}
  b: {name: B}
  c: {name: C}
  d: {name: D}
entities:
  x: {owner: a}
flows:
  - {from: c, to: d, entities: [x]}
  - {from: b, to: c, entities: [x]}
  - {from: a, to: b, entities: [x]}
  - {from: b, to: d, entities: [x]}
"""


def test_chain_from_owner_walks_several_steps_and_stops_at_the_first_arrival() -> None:
    model = _model(LONG_CHAIN)
    assert _chain(model, "x", "c") == [("a", "b"), ("b", "c")]
    assert _chain(model, "x", "d") == [("a", "b"), ("b", "d")]
    chain = model.chain_from_owner("x", "d")
    assert chain is not None and [f.index for f in chain] == [2, 3]


# ---------------------------------------------------------------------------------------------
# Several files


FIRST = """\
flowlint: 1.1
service_line: '   '
description: First description
groups:
  srs: {name: Student record systems, description: The systems}
  x-own: {name: extension}
  other: 3
services:
  a: {name: A first}
entities:
  e: {owner: a}
apis:
  a-api: {service: a, entities: [e]}
flows:
  - {from: a, to: b, entities: [e]}
"""

SECOND = """\
flowlint: 1.1
service_line: Teacher services
description: Second description
as_of: '2024-05-01'
groups:
  srs: {name: Again}
services:
  b: {name: B}
  a: {name: A again}
entities:
  e: {owner: b}
apis:
  a-api: {service: b}
flows:
  - {from: b, to: a, entities: [e]}
"""


def test_the_first_declaration_wins_and_later_ones_are_redeclarations() -> None:
    first, second = _source(FIRST, "one.yaml"), _source(SECOND, "two.yaml")
    bare = SourceFile("three.yaml", ["not", "a", "mapping"], {})
    model = build_model([first, bare, second])
    assert model.files == ("one.yaml", "three.yaml", "two.yaml")
    assert model.services["a"].name == "A first"
    assert list(model.services) == ["a", "b"]
    assert model.owners_of("e") == ("a",)
    assert model.apis["a-api"].service is not None
    assert model.apis["a-api"].service.id == "a"
    assert [
        (r.kind, r.id, r.location.file, r.location.line, r.first.file, r.first.line)
        for r in model.redeclarations
    ] == [
        ("service", "a", "two.yaml", 9, "one.yaml", 9),
        ("entity", "e", "two.yaml", 11, "one.yaml", 11),
        ("API", "a-api", "two.yaml", 13, "one.yaml", 13),
    ]
    assert [r.location.pointer for r in model.redeclarations] == [
        "/services/a",
        "/entities/e",
        "/apis/a-api",
    ]
    assert [(f.file, f.index, f.source.id) for f in model.flows] == [
        ("one.yaml", 0, "a"),
        ("two.yaml", 0, "b"),
    ]


def test_the_line_and_its_groups_come_from_the_first_file_that_gives_them() -> None:
    model = build_model([_source(FIRST, "one.yaml"), _source(SECOND, "two.yaml")])
    assert (model.service_line, model.description, model.as_of) == (
        "Teacher services",
        "First description",
        "2024-05-01",
    )
    assert list(model.groups) == ["srs", "other"]
    srs = model.groups["srs"]
    assert (srs.id, srs.name, srs.description, srs.file, srs.pointer) == (
        "srs",
        "Student record systems",
        "The systems",
        "one.yaml",
        "/groups/srs",
    )
    other = model.groups["other"]
    assert (other.name, other.description) == (None, None)
    alone = _model("flowlint: 1\nservice_line: 7\n")
    assert (alone.service_line, alone.description, alone.as_of, alone.groups) == (
        None,
        None,
        None,
        {},
    )


# ---------------------------------------------------------------------------------------------
# APIs


def test_an_api_keeps_what_it_says() -> None:
    model = _model(
        """\
        flowlint: 1
        services:
          a: {name: A}
        apis:
          full:
            name: Full
            service: a
            access: read
            visibility: public
            status: planned
            docs: https://example.org
            entities: [e, 3, f]
          bare: {service: [a], entities: e, name: 4}
        """
    )
    full = model.apis["full"]
    assert (full.name, full.access, full.visibility, full.status, full.docs) == (
        "Full",
        "read",
        "public",
        "planned",
        "https://example.org",
    )
    assert full.service is not None
    assert (full.service.id, full.service.location.pointer) == ("a", "/apis/full/service")
    assert [(r.id, r.location.pointer) for r in full.entities] == [
        ("e", "/apis/full/entities/0"),
        ("f", "/apis/full/entities/2"),
    ]
    bare = model.apis["bare"]
    assert (bare.name, bare.service, bare.access, bare.visibility, bare.status, bare.docs) == (
        None,
        None,
        None,
        None,
        "live",
        None,
    )
    assert [(r.id, r.location.pointer) for r in bare.entities] == [("e", "/apis/bare/entities")]


# ---------------------------------------------------------------------------------------------
# Schema problems, ids, declarations


def _problem(file: str, pointer: str) -> Problem:
    return Problem(Location(file, 1, 1, pointer), "wrong")


def test_a_schema_problem_flags_its_node_and_every_ancestor_in_its_file_only() -> None:
    source = _source(FLOWS)
    problems = {
        "FL003": [_problem("spec.yaml", "/flows/1/entities/2")],
        "FL002": [_problem("spec.yaml", "/entities/e")],
    }
    model = build_model([source], problems)
    assert model.schema_flagged == frozenset(
        {
            ("spec.yaml", "/flows/1/entities/2"),
            ("spec.yaml", "/flows/1/entities"),
            ("spec.yaml", "/flows/1"),
            ("spec.yaml", "/flows"),
            ("spec.yaml", ""),
        }
    )
    assert model.has_schema_problem(model.flows[1]) is True
    assert model.has_schema_problem(model.flows[1].entities[2].location) is True
    assert model.has_schema_problem(model.flows[1].entities[0].location) is False
    assert model.has_schema_problem(model.flows[0]) is False
    assert model.has_schema_problem(model.entities["e"]) is False
    assert model.has_schema_problem(Location("other.yaml", 1, 1, "/flows/1")) is False
    assert model.source_problems == {
        "FL003": (_problem("spec.yaml", "/flows/1/entities/2"),),
        "FL002": (_problem("spec.yaml", "/entities/e"),),
    }
    clean = build_model([source])
    assert (clean.schema_flagged, clean.source_problems) == (frozenset(), {})
    assert clean.has_schema_problem(Location("spec.yaml", 1, 1, "")) is False


def test_valid_ids_are_lower_case_kebab_case() -> None:
    model = _model(FLOWS)
    valid = ["a", "a1", "apply", "apply-api", "a-1-b2"]
    invalid = ["", "A", "1a", "-a", "a-", "a--b", "a_b", "apply api", "aé"]
    assert [model.is_valid_id(i) for i in valid] == [True] * len(valid)
    assert [model.is_valid_id(i) for i in invalid] == [False] * len(invalid)


def test_declared_and_the_suggester_of_each_kind() -> None:
    model = _model(
        """\
        flowlint: 1
        services:
          publish: {name: Publish}
        entities:
          course: {owner: publish}
        apis:
          courses-api: {service: publish}
        """
    )
    assert list(model.declared("service")) == ["publish"]
    assert list(model.declared("entity")) == ["course"]
    assert list(model.declared("api")) == ["courses-api"]
    with pytest.raises(KeyError):
        model.declared("flow")
    suggester = model.suggester("entity")
    assert model.suggester("entity") is suggester
    assert model.suggester("service") is not suggester
    assert suggester.closest("corse") == "course"
    assert model.suggester("service").closest("publsh") == "publish"


def test_provenance_of_an_unknown_entity_is_empty_and_today_is_kept() -> None:
    model = _model(FLOWS, today="2026-01-02")
    assert model.today == "2026-01-02"
    assert _model(FLOWS).today is None
    assert model.provenance("nothing") == empty_provenance("nothing")
    found = model.provenance("e")
    assert (found.entity, found.owners) == ("e", ("a",))
    assert model.holders("e") == found.holders == frozenset({"a", "b", "c"})
    # d passes updates of f back to its owner b through a: b, a... only d's flow reaches a.
    assert model.reaching_owner("f") == model.provenance("f").reaching_owner


def test_elements_made_by_hand_answer_like_built_ones() -> None:
    where = Location("a.yaml", 2, 3, "/services/s")
    service = Service("s", "S", "external", None, "live", (), where)
    assert (service.inside_boundary, service.file, service.pointer) == (
        False,
        "a.yaml",
        "/services/s",
    )
    assert service.at("edits") == where
    ref = Ref("s", where)
    rel = Relationship("R", ref, ref, (ref,), where)
    assert (rel.within_entity, rel.stored_in) == (False, None)
    flow = Flow(0, ref, ref, (ref,), "copy", None, "live", None, where)
    assert (flow.operations, flow.stores, flow.operations_declared) == (ALL_OPERATIONS, True, False)
    assert flow.label == "the flow from 's' to 's'"


def test_ids_of_built_entities_apis_and_scoped_owners_where_they_are_written() -> None:
    model = _model(ENTITIES)
    assert [entity.id for entity in model.entities.values()] == list(model.entities)
    scoped = model.entities["scoped"].scoped_owners[1]
    assert _where(scoped) == ("spec.yaml", 16, 9, "/entities/scoped/owner/2")
    assert _where(scoped.service) == ("spec.yaml", 16, 10, "/entities/scoped/owner/2/service")
    apis = _model(
        "flowlint: 1\napis:\n  first-api: {name: First}\n  second-api: {name: Second}\n"
    ).apis
    assert [(ident, api.id, api.name) for ident, api in apis.items()] == [
        ("first-api", "first-api", "First"),
        ("second-api", "second-api", "Second"),
    ]


def test_at_finds_a_key_of_a_built_element_or_its_nearest_written_ancestor() -> None:
    model = _model(
        """\
        flowlint: 1
        services:
          publish:
            name: Publish
            edits: [course]
        entities:
          course: {owner: publish}
        """
    )
    publish = model.services["publish"]
    assert publish.at("edits") == Location("spec.yaml", 5, 5, "/services/publish/edits")
    # An absent key is found at the element; a key with '/' or '~' is escaped in the pointer.
    assert publish.at("kind") == Location("spec.yaml", 3, 3, "/services/publish/kind")
    assert publish.at("a/b~c") == Location("spec.yaml", 3, 3, "/services/publish/a~1b~0c")
    assert model.entities["course"].at("owner") == model.entities["course"].owner_location


def test_located_on_demand_finds_each_field_at_its_suffix_and_keeps_a_given_location() -> None:
    from dataclasses import dataclass

    from flowlint.model import _located_on_demand, _Placed, _placed

    @_located_on_demand(location="", where_named="/name")
    @dataclass(frozen=True, slots=True)
    class Thing(_Placed):
        id: str
        location: Location
        where_named: Location | None = None

    source = _source("flowlint: 1\nservices:\n  a:\n    name: A\n")
    built = _placed(Thing)(source, "/services/a", id="a")
    assert built.location == Location("spec.yaml", 3, 3, "/services/a")
    assert built.where_named == Location("spec.yaml", 4, 5, "/services/a/name")
    assert built.at("name") == built.where_named
    assert (built.file, built.pointer) == ("spec.yaml", "/services/a")
    given = Location("b.yaml", 7, 8, "/x")
    made = Thing("b", given)
    assert (made.location, made.where_named, made.at("name")) == (given, None, given)


DECLARED = """\
flowlint: 1
services:
  a: {name: A}
  b: {name: B}
entities:
  e: {owner: a}
apis:
  a-api: {service: a, entities: [e]}
flows:
  - {from: a, to: b, entities: [e], api: a-api}
  - {from: b, to: a, entities: [e]}
"""

# Each spec misses one kind of id, in one place only; no API is missing, so the flows that can
# hold a missing id are found through the flow indexes (or flow by flow without them).
MISSING_ONLY = {
    "target": DECLARED + "  - {from: a, to: elsewhere, entities: [e]}\n",
    "source": DECLARED + "  - {from: nowhere, to: b, entities: [e]}\n",
    "entity": DECLARED + "  - {from: a, to: b, entities: [e, missing]}\n",
    "api": DECLARED + "  - {from: a, to: b, entities: [e], api: no-api}\n",
}


@pytest.mark.parametrize("indexed", [True, False], ids=["indexed", "flow-by-flow"])
@pytest.mark.parametrize("missing", [None, *MISSING_ONLY])
def test_undeclared_references_find_the_one_missing_id_wherever_it_is(
    missing: str | None, indexed: bool
) -> None:
    import dataclasses

    model = _model(DECLARED if missing is None else MISSING_ONLY[missing])
    if not indexed:
        model = dataclasses.replace(model, flows_out_of={}, flows_into={}, flows_carrying={})
    found = [
        (kind, ref.id, ref.location.pointer, what)
        for kind, ref, what in model.undeclared_references()
    ]
    expected = {
        None: [],
        "target": [
            ("service", "elsewhere", "/flows/2/to", "'to' of the flow from 'a' to 'elsewhere'")
        ],
        "source": [
            ("service", "nowhere", "/flows/2/from", "'from' of the flow from 'nowhere' to 'b'")
        ],
        "entity": [
            ("entity", "missing", "/flows/2/entities/1", "entities of the flow from 'a' to 'b'")
        ],
        "api": [("api", "no-api", "/flows/2/api", "'api' of the flow from 'a' to 'b'")],
    }[missing]
    assert found == expected
    for kind, declared in (("service", {"a", "b"}), ("entity", {"e"}), ("api", {"a-api"})):
        named = {ident for k, ident, _, _ in expected if k == kind}
        assert model.referenced(kind) == declared | named


def test_chain_from_owner_of_an_entity_no_flow_carries() -> None:
    model = _model(
        "flowlint: 1\nservices:\n  a: {name: A}\n  b: {name: B}\nentities:\n  e: {owner: a}\n"
    )
    assert model.chain_from_owner("e", "a") == ()
    assert model.chain_from_owner("e", "b") is None
