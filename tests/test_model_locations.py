"""The model's locations, looked up when read, are the ones an eager lookup gives.

The builder records each element's file and JSON Pointer and finds the line and column only when
`location` (or `owner_location`) is read; these tests hold it to `SourceFile.location` of the
pointer each element and reference is written at, including the "nearest recorded ancestor"
fallback, and check that such elements compare, hash, print and copy like constructed ones.
"""

from __future__ import annotations

import copy
import dataclasses
import pickle
import textwrap
from collections.abc import Iterator

import pytest

from flowlint.findings import Location
from flowlint.loading import SourceFile, parse_text
from flowlint.model import Entity, Flow, Model, Ref, build_model

SPEC = textwrap.dedent(
    """\
    flowlint: 1
    services:
      publish: {name: Publish, edits: [course]}
      find:
        name: Find
        edits: course
      apply: {name: Apply}
      x-note: {name: not a service}
    entities:
      course:
        owner: publish
        relationships:
          - {name: Course to provider, to: provider}
      provider: {owner: [publish, find]}
      orphan: {name: No owner}
    apis:
      courses-api:
        service: publish
        entities: [course, provider]
    relationships:
      - {name: Provider of course, from: provider, to: course, defined_by: [publish, find]}
      - name: Single definer
        from: course
        to: provider
        defined_by: publish
    flows:
      - {from: publish, to: find, entities: [course, provider], api: courses-api}
      - from: find
        to: apply
        entities:
          - course
          - 7
          - provider
      - {from: find, to: apply, entities: []}
    """
)


def _placed(model: Model) -> Iterator[tuple[object, str, str]]:
    """(element or ref, attribute, the pointer it is written at) for everything in the model."""
    for service_id, service in model.services.items():
        at = f"/services/{service_id}"
        yield service, "location", at
        edits = service.edits
        if len(edits) == 1 and service_id == "find":
            yield edits[0], "location", f"{at}/edits"
        else:
            for index, ref in enumerate(edits):
                yield ref, "location", f"{at}/edits/{index}"
    for entity_id, entity in model.entities.items():
        at = f"/entities/{entity_id}"
        yield entity, "location", at
        if entity.owner_declared:
            yield entity, "owner_location", f"{at}/owner"
        if entity_id == "course":
            yield entity.owners[0], "location", f"{at}/owner"
        else:
            for index, ref in enumerate(entity.owners):
                yield ref, "location", f"{at}/owner/{index}"
    for api_id, api in model.apis.items():
        at = f"/apis/{api_id}"
        yield api, "location", at
        assert api.service is not None
        yield api.service, "location", f"{at}/service"
        for index, ref in enumerate(api.entities):
            yield ref, "location", f"{at}/entities/{index}"
    for rel in model.relationships:
        if rel.within_entity:
            at = "/entities/course/relationships/0"
            yield rel.source, "location", at
            yield rel.target, "location", f"{at}/to"
            for ref in rel.defined_by:
                yield ref, "location", at
        else:
            at = f"/relationships/{0 if rel.name == 'Provider of course' else 1}"
            yield rel.source, "location", f"{at}/from"
            yield rel.target, "location", f"{at}/to"
            if len(rel.defined_by) == 1:
                yield rel.defined_by[0], "location", f"{at}/defined_by"
            else:
                for index, ref in enumerate(rel.defined_by):
                    yield ref, "location", f"{at}/defined_by/{index}"
        yield rel, "location", at
    for flow in model.flows:
        at = f"/flows/{flow.index}"
        yield flow, "location", at
        yield flow.source, "location", f"{at}/from"
        yield flow.target, "location", f"{at}/to"
        if flow.api is not None:
            yield flow.api, "location", f"{at}/api"
        indexes = [0, 1] if flow.index == 0 else [0, 2]  # the 7 is skipped
        for index, ref in zip(indexes, flow.entities, strict=True):
            yield ref, "location", f"{at}/entities/{index}"


def _check(source: SourceFile) -> int:
    model = build_model([source])
    count = 0
    for element, attribute, pointer in _placed(model):
        expected = source.location(pointer)
        assert getattr(element, attribute) == expected, (element, attribute, pointer)
        assert getattr(element, attribute).pointer == pointer
        count += 1
    return count


def test_every_location_is_the_eager_one() -> None:
    source = parse_text(SPEC, "spec.yaml")
    assert _check(source) > 40
    model = build_model([source])
    flow = model.flows[1]
    assert flow.location == Location("spec.yaml", 28, 5, "/flows/1")
    assert flow.entities[1].location == Location("spec.yaml", 33, 9, "/flows/1/entities/2")
    assert model.entities["orphan"].owner_location is None
    assert model.entities["course"].owner_location == Location(
        "spec.yaml", 11, 5, "/entities/course/owner"
    )


def test_a_pointer_without_a_position_gets_its_nearest_recorded_ancestor() -> None:
    source = parse_text(SPEC, "spec.yaml")
    # Keep only the positions of the sections and of the first flow: everything else falls back.
    kept = {p: v for p, v in source.positions.items() if p.count("/") <= 1 or p == "/flows/0"}
    sparse = dataclasses.replace(source, positions=kept)
    assert _check(sparse) > 40
    model = build_model([sparse])
    assert model.flows[0].entities[1].location == Location(
        "spec.yaml", *source.positions["/flows/0"], "/flows/0/entities/1"
    )
    assert model.flows[1].source.location == Location(
        "spec.yaml", *source.positions["/flows"], "/flows/1/from"
    )
    bare = dataclasses.replace(source, positions={})
    assert build_model([bare]).services["apply"].location == Location(
        "spec.yaml", 1, 1, "/services/apply"
    )


def test_built_elements_behave_like_constructed_ones() -> None:
    model = build_model([parse_text(SPEC, "spec.yaml")])
    ref = model.flows[0].source
    made = Ref(ref.id, ref.location)
    assert ref == made and hash(ref) == hash(made) and repr(ref) == repr(made)
    assert dataclasses.replace(ref) == ref
    assert dataclasses.replace(ref, id="other").location == ref.location
    assert copy.copy(ref) == ref and copy.deepcopy(ref) == ref
    assert pickle.loads(pickle.dumps(model.flows[0])) == model.flows[0]
    entity = model.entities["course"]
    rebuilt = Entity(**{f.name: getattr(entity, f.name) for f in dataclasses.fields(Entity)})
    assert rebuilt == entity and repr(rebuilt) == repr(entity) and hash(rebuilt) == hash(entity)
    assert [f.name for f in dataclasses.fields(Ref)] == ["id", "location"]


def test_constructed_elements_keep_what_they_were_given() -> None:
    where = Location("a.yaml", 3, 4, "/x")
    ref = Ref("x", where)
    assert ref.location is where
    assert Ref(id="y", location=where).location is where
    entity = Entity("e", None, (ref,), True, False, "live", where)
    assert entity.owner_location is None
    try:
        ref.location = where  # type: ignore[misc]
    except dataclasses.FrozenInstanceError:
        pass
    else:  # pragma: no cover
        raise AssertionError("a Ref must stay frozen")


def test_the_builders_maker_refuses_a_missing_or_unknown_field() -> None:
    """Fields are given by name, so a renamed or reordered field cannot be filled silently."""
    from flowlint.model import Service, _placed

    source = parse_text("flowlint: 1\nservices:\n  a: {name: A}\n", "spec.yaml")
    make = _placed(Service)
    fields = dict(
        id="a",
        name="A",
        kind="service",
        group=None,
        status="live",
        edits=(),
        distributes=(),
        creates=(),
    )
    service = make(source, "/services/a", **fields)
    assert (service.id, service.location.line, service.location.column) == ("a", 3, 3)
    with pytest.raises(TypeError, match="Service needs"):
        make(source, "/services/a", **{k: v for k, v in fields.items() if k != "group"})
    with pytest.raises(KeyError, match="colour"):
        make(
            source,
            "/services/a",
            **{**{k: v for k, v in fields.items() if k != "group"}, "colour": 1},
        )


FLOWS = textwrap.dedent(
    """\
    flowlint: 1.1
    services:
      a: {name: A}
      b: {name: B}
    entities:
      e: {owner: a}
    flows:
      - {from: a, to: b, entities: [e]}
      - {from: a, to: b, entities: [e, 7, f], via: api, api: a-api, status: planned, purpose: P}
      - {from: a, to: b, entities: [e], via: '', status: 3, api: 4, purpose: [x]}
      - {from: a, to: b, entities: [e], operations: [delete], stores: false}
      - {from: a, to: b, entities: [e], operations: [], stores: 'no', delivery: best-effort}
      - {from: a, to: b, entities: [e], operations: [update, nonsense, create], until: x}
      - {from: a, to: b, entities: [e], operations: create, reconciliation: r, frequency: f}
      - {from: a, to: b, entities: [e], delivery: 1, reconciliation: 2, frequency: 3, until: 4}
      - {from: a, to: b, entities: []}
      - {from: a, to: b, entities: [1, 2]}
      - {from: a, entities: [e]}
      - {from: a, to: [b], entities: [e]}
      - {from: a, to: b, entities: e}
      - just text
    """
)


def _constructed_flow(source: SourceFile, index: int, body: object) -> Flow | None:
    """A flow as the model meant to make it, with the constructor and eager locations."""
    from flowlint.model import ALL_OPERATIONS

    if not isinstance(body, dict):
        return None
    start, end, items = body.get("from"), body.get("to"), body.get("entities")
    if not (isinstance(start, str) and isinstance(end, str) and isinstance(items, list)):
        return None
    at = f"/flows/{index}"
    entities = tuple(
        Ref(item, source.location(f"{at}/entities/{n}"))
        for n, item in enumerate(items)
        if isinstance(item, str)
    )
    if not entities:
        return None

    def text(key: str) -> str | None:
        value = body.get(key)
        return value if isinstance(value, str) else None

    operations = body.get("operations")
    listed = (
        tuple(op for op in ALL_OPERATIONS if op in operations)
        if isinstance(operations, list)
        else ()
    )
    api = body.get("api")
    return Flow(
        index=index,
        source=Ref(start, source.location(f"{at}/from")),
        target=Ref(end, source.location(f"{at}/to")),
        entities=entities,
        via=text("via") or "copy",
        api=Ref(api, source.location(f"{at}/api")) if isinstance(api, str) else None,
        status=text("status") or "live",
        purpose=text("purpose"),
        location=source.location(at),
        operations=listed or ALL_OPERATIONS,
        delivery=text("delivery"),
        reconciliation=text("reconciliation"),
        frequency=text("frequency"),
        until=text("until"),
        stores=body.get("stores") is not False,
        operations_declared=isinstance(operations, list),
    )


def test_flows_the_builder_makes_slot_by_slot_equal_flows_the_constructor_makes() -> None:
    source = parse_text(FLOWS, "spec.yaml")
    model = build_model([source])
    expected = [
        flow
        for index, body in enumerate(source.data["flows"])
        if (flow := _constructed_flow(source, index, body)) is not None
    ]
    assert len(expected) == 8
    assert list(model.flows) == expected
    for built, made in zip(model.flows, expected, strict=True):
        assert repr(built) == repr(made)
        assert (
            (built.file, built.pointer)
            == (made.file, made.pointer)
            == ("spec.yaml", made.location.pointer)
        )


def test_an_element_knows_its_file_and_pointer_without_its_line() -> None:
    model = build_model([parse_text(SPEC, "spec.yaml")])
    entity = model.entities["course"]
    assert (entity.file, entity.pointer) == ("spec.yaml", "/entities/course")
    made = dataclasses.replace(entity, location=Location("other.yaml", 3, 4, "/x"))
    assert (made.file, made.pointer) == ("other.yaml", "/x")
    assert not model.has_schema_problem(entity)
