"""`Model.references()` and the narrower walks built on it give what the spec refers to.

`references()` is public API: these tests hold it to a plain implementation of its documented
order and wording, and `undeclared_references()` and `referenced(kind)` to `references()`.
"""

from __future__ import annotations

import dataclasses
import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from flowlint.loading import parse_text
from flowlint.model import Model, Ref, build_model

ROOT = Path(__file__).resolve().parent.parent


def _generate(flows: int) -> str:
    spec = importlib.util.spec_from_file_location("bench_generate_refs", ROOT / "bench/generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["bench_generate_refs"] = module
    spec.loader.exec_module(module)
    return str(module.generate(flows).text)


SMALL = """\
flowlint: 1
services:
  publish: {name: Publish, edits: [course, ghost]}
  find: {name: Find}
entities:
  course:
    owner: publish
    relationships:
      - {name: "Course {0} provider", to: provider}
  provider: {owner: [publish, nobody]}
apis:
  courses-api: {service: publish, entities: [course, phantom]}
  lost-api: {service: gone}
relationships:
  - {name: Provider of course, from: provider, to: course, defined_by: [publish, stranger]}
flows:
  - {from: publish, to: find, entities: [course, provider], api: courses-api}
  - {from: find, to: elsewhere, entities: [course, course, missing], api: no-api}
"""


def _expected(model: Model) -> Iterator[tuple[str, Ref, str]]:
    """The documented walk, written out plainly."""
    for entity in model.entities.values():
        for ref in entity.owners:
            yield "service", ref, f"owner of entity '{entity.id}'"
    for service in model.services.values():
        for ref in service.edits:
            yield "entity", ref, f"edits of service '{service.id}'"
    for rel in model.relationships:
        yield "entity", rel.source, f"relationship '{rel.name}'"
        yield "entity", rel.target, f"relationship '{rel.name}'"
        if not rel.within_entity:
            for ref in rel.defined_by:
                yield "service", ref, f"defined_by of relationship '{rel.name}'"
    for flow in model.flows:
        label = f"the flow from '{flow.source.id}' to '{flow.target.id}'"
        yield "service", flow.source, f"'from' of {label}"
        yield "service", flow.target, f"'to' of {label}"
        for ref in flow.entities:
            yield "entity", ref, f"entities of {label}"
        if flow.api is not None:
            yield "api", flow.api, f"'api' of {label}"
    for api in model.apis.values():
        if api.service is not None:
            yield "service", api.service, f"'service' of API '{api.id}'"
        for ref in api.entities:
            yield "entity", ref, f"entities of API '{api.id}'"


@pytest.mark.parametrize("text", [SMALL, _generate(2_000)], ids=["small", "generated"])
def test_references_and_the_narrower_walks(text: str) -> None:
    model = build_model([parse_text(text, "spec.yaml")])
    found = list(model.references())
    expected = list(_expected(model))
    assert len(found) == len(expected)
    for (kind, ref, role), (want_kind, want_ref, want_role) in zip(found, expected, strict=True):
        assert (kind, role) == (want_kind, want_role)
        assert ref is want_ref
    tables = {"service": model.services, "entity": model.entities, "api": model.apis}
    undeclared = [(k, r, d) for k, r, d in found if r.id not in tables[k]]
    assert list(model.undeclared_references()) == undeclared
    for kind in tables:
        assert model.referenced(kind) == frozenset(r.id for k, r, _ in found if k == kind)
    if text is SMALL:
        assert {r.id for _, r, _ in undeclared} == {
            "ghost",
            "nobody",
            "phantom",
            "gone",
            "stranger",
            "elsewhere",
            "missing",
            "no-api",
        }
        assert ("entity", "relationship 'Course {0} provider'") in {(k, d) for k, _, d in found}


SMALL_1_1 = """\
flowlint: 1.1
services:
  a: {name: A, distributes: [e, ghost-1], creates: [ghost-2]}
  b: {name: B}
entities:
  e:
    owner:
      - {service: a, scope: here}
      - {service: ghost-3, scope: there}
  f: {owner: a, derived_from: [e, ghost-4]}
relationships:
  - {name: Link, from: e, to: f, defined_by: a, stored_in: ghost-5}
flows:
  - {from: a, to: b, entities: [e]}
  - {from: b, to: a, entities: [f, ghost-6]}
  - {from: a, to: b, entities: [e], api: ghost-7}
  - {from: ghost-8, to: b, entities: [e]}
"""


@pytest.mark.parametrize("text", [SMALL_1_1, SMALL], ids=["format-1.1", "small"])
def test_the_narrower_walks_agree_with_references_on_every_kind_of_site(text: str) -> None:
    model = build_model([parse_text(text, "spec.yaml")])
    found = list(model.references())
    tables = {"service": model.services, "entity": model.entities, "api": model.apis}
    undeclared = [(k, r, d) for k, r, d in found if r.id not in tables[k]]
    assert list(model.undeclared_references()) == undeclared
    for kind in tables:
        assert model.referenced(kind) == frozenset(r.id for k, r, _ in found if k == kind)
    if text is SMALL_1_1:
        assert [r.id for _, r, _ in undeclared] == [f"ghost-{n}" for n in (3, 4, 1, 2, 5, 6, 7, 8)]
    # A model made without the flow indexes the builder makes (a plugin's test, say) is walked
    # flow by flow, with the same answers.
    bare = dataclasses.replace(model, flows_out_of={}, flows_into={}, flows_carrying={})
    assert list(bare.undeclared_references()) == undeclared
    for kind in tables:
        assert bare.referenced(kind) == model.referenced(kind)
