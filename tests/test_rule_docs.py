"""Every rule's documentation is complete and its examples are true: the Fails example is
reported by that rule, and the Passes example is clean under every rule."""

from __future__ import annotations

import pytest

from flowlint.rules import BUILTIN_RULES
from flowlint.testing import lint_text

RULES = {rule.code: rule for rule in BUILTIN_RULES}


@pytest.mark.parametrize("code", sorted(RULES))
def test_doc_has_every_section(code: str) -> None:
    doc = RULES[code].doc
    assert doc.summary and not doc.summary.startswith("PLACEHOLDER")
    assert len(doc.why) > 40, "Why: should say why it matters"
    assert doc.fix, "Fix: should say how to fix it"
    assert doc.fails.startswith("flowlint: 1") and doc.passes.startswith("flowlint: 1")


@pytest.mark.parametrize("code", sorted(RULES))
def test_failing_example_is_reported_by_its_rule(code: str) -> None:
    findings = lint_text(RULES[code].doc.fails, select=["ALL"])
    assert code in {f.code for f in findings}


@pytest.mark.parametrize("code", sorted(RULES))
def test_passing_example_is_clean(code: str) -> None:
    findings = lint_text(RULES[code].doc.passes, select=["ALL"])
    assert [(f.code, f.message) for f in findings] == []


def test_codes_and_names_are_unique_and_well_formed() -> None:
    assert len({r.code for r in BUILTIN_RULES}) == len(BUILTIN_RULES)
    assert len({r.name for r in BUILTIN_RULES}) == len(BUILTIN_RULES)
    for rule in BUILTIN_RULES:
        assert rule.code[:2] == "FL" and rule.code[2:].isdigit() and len(rule.code) == 5
        assert rule.name == rule.name.lower() and " " not in rule.name


def test_registry_lists_every_rule_module() -> None:
    from pathlib import Path

    import flowlint.rules as package

    modules = {p.stem for p in Path(package.__file__).parent.glob("*.py")} - {"__init__"}
    listed = {m.__name__.rsplit(".", 1)[1] for m in package.RULE_MODULES}
    assert modules == listed
    for module in package.RULE_MODULES:
        assert module.__name__.rsplit(".", 1)[1] == module.NAME.replace("-", "_")
