"""The public rule API (`flowlint.api`): what it exports, and that the built-in rules use nothing else.

This test module itself imports only `flowlint.api` and `flowlint.testing`, as a plugin's tests would.
"""

from __future__ import annotations

import ast
import importlib
import re
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

from flowlint import api
from flowlint.api import Flow, Model, Problem, Rule, Severity
from flowlint.testing import codes, lint_text

RULES_DIR = Path(__file__).resolve().parent.parent / "flowlint" / "rules"
PUBLIC_MODULES = {"flowlint.api"}

EXPECTED = {
    "LIVE",
    "Api",
    "Entity",
    "Finding",
    "Flow",
    "Group",
    "Location",
    "Model",
    "Problem",
    "Provenance",
    "Ref",
    "Relationship",
    "Rule",
    "ScopedOwner",
    "Service",
    "Severity",
    "Suggester",
    "excerpt",
    "normalized_name",
    "quoted",
    "quoted_list",
    "relationship_key",
}


def test_the_public_names_are_exactly_the_documented_ones() -> None:
    assert set(api.__all__) == EXPECTED
    for name in EXPECTED:
        assert getattr(api, name) is not None
        assert re.search(rf"`{name}\b", api.__doc__ or ""), f"{name} is not documented"


def test_the_model_offers_the_documented_indexes() -> None:
    for method in (
        "owner_of",
        "holders",
        "chain_from_owner",
        "reaching_owner",
        "receives",
        "reachable",
        "is_outside",
        "references",
        "declared",
        "has_schema_problem",
        "is_valid_id",
    ):
        assert callable(getattr(Model, method)), method
        assert f"model.{method}(" in api.__doc__, method
    for index in ("flows_out_of", "flows_into", "flows_carrying"):
        assert index in Model.__dataclass_fields__
        assert f"model.{index}[" in api.__doc__


def _rule_modules() -> list[Path]:
    return sorted(p for p in RULES_DIR.glob("*.py") if p.name != "__init__.py")


@pytest.mark.parametrize("path", _rule_modules(), ids=lambda p: p.stem)
def test_builtin_rule_imports_only_the_public_api(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("flowlint"):
            assert node.module in PUBLIC_MODULES, f"{path.name}: from {node.module} import ..."
            for alias in node.names:
                assert alias.name in api.__all__, f"{path.name}: {alias.name} is not public"
        if isinstance(node, ast.Import):
            for alias in node.names:
                assert not alias.name.startswith("flowlint"), f"{path.name}: import {alias.name}"


def test_the_rule_folder_holds_every_rule_module() -> None:
    # The parametrised test above would pass vacuously on an empty list.
    assert len(_rule_modules()) >= 20


@pytest.mark.parametrize("path", _rule_modules(), ids=lambda p: p.stem)
def test_builtin_rule_loads_through_the_public_rule_type(path: Path) -> None:
    module = importlib.import_module(f"flowlint.rules.{path.stem}")
    rule = Rule.from_module(module)
    assert rule.origin == "flowlint"
    assert rule.severity in set(Severity)
    assert rule.doc.summary and rule.doc.fails.strip() and rule.doc.passes.strip()


SPEC = """\
    flowlint: 1
    services:
      publish: {name: Publish teacher training courses}
      find: {name: Find postgraduate teacher training}
      apply: {name: Apply for teacher training}
      register: {name: Register trainee teachers}
    entities:
      course: {owner: publish}
    flows:
      - {from: publish, to: find, entities: [course]}
      - {from: find, to: apply, entities: [course]}
      - {from: publish, to: apply, entities: [course]}
      - {from: apply, to: register, entities: [course]}
"""


def _rule_module(code: str, name: str, severity: str, check: object) -> ModuleType:
    """A rule module made in memory, as a plugin file would define it."""
    module = ModuleType(f"test_rule_{code.lower()}", f"A test rule ({name}).")
    module.CODE, module.NAME, module.SEVERITY = code, name, severity  # type: ignore[attr-defined]
    module.check = check  # type: ignore[attr-defined]
    return module


def _model_of(spec: str) -> Model:
    """The model a rule sees, captured by a rule that reports nothing."""
    seen: list[Model] = []

    def capture(model: Model) -> list[Problem]:
        seen.append(model)
        return []

    rule = Rule.from_module(_rule_module("TEST001", "capture", "info", capture))
    assert lint_text(spec, rules=[rule]) == []
    return seen[0]


def _hops(chain: tuple[Flow, ...] | None) -> list[str] | None:
    return None if chain is None else [f"{f.source.id}>{f.target.id}" for f in chain]


def test_chain_from_owner_is_the_shortest_chain_in_document_order() -> None:
    model = _model_of(SPEC)
    assert _hops(model.chain_from_owner("course", "publish")) == []
    assert _hops(model.chain_from_owner("course", "find")) == ["publish>find"]
    # Two hops via find or one direct flow: the direct flow wins.
    assert _hops(model.chain_from_owner("course", "apply")) == ["publish>apply"]
    assert _hops(model.chain_from_owner("course", "register")) == [
        "publish>apply",
        "apply>register",
    ]
    chain = model.chain_from_owner("course", "register")
    assert chain is not None and chain[0].location.line == 12


def test_chain_from_owner_is_none_without_owner_or_chain() -> None:
    model = _model_of(SPEC)
    assert model.chain_from_owner("course", "nobody") is None
    assert model.chain_from_owner("no-such-entity", "find") is None
    unowned = _model_of(SPEC.replace("course: {owner: publish}", "course: {name: Course}"))
    assert unowned.chain_from_owner("course", "find") is None


def test_a_rule_written_against_the_public_api_runs_like_a_builtin() -> None:
    def long_chains(model: Model) -> Iterator[Problem]:
        for entity_id in model.entities:
            for service_id in sorted(model.holders(entity_id)):
                chain = model.chain_from_owner(entity_id, service_id)
                if chain is not None and len(chain) >= 2:
                    yield Problem(
                        chain[-1].location,
                        f"'{entity_id}' reaches '{service_id}' in {len(chain)} hops",
                        ("entity", entity_id, "service", service_id),
                    )

    rule = Rule.from_module(_rule_module("TEST002", "long-chain", "warning", long_chains))
    findings = lint_text(SPEC, rules=[rule])
    assert [(f.code, f.severity, f.location.line, f.message) for f in findings] == [
        ("TEST002", Severity.WARNING, 13, "'course' reaches 'register' in 2 hops")
    ]
    assert codes(findings) == ["TEST002"]
