"""Every rule's documentation is complete and its examples are true: the Fails example is
reported by that rule, and the Passes example is clean under every rule.

The two rules about the gate itself are found by comparing with a base revision, so their
examples run through `flowlint.gate` as a pull request whose base has none of it: FL904's are
configuration files (compared with the defaults), FL905's are specs (compared with no spec).
"""

from __future__ import annotations

import tomllib

import pytest

from flowlint.rules import BUILTIN_RULES
from flowlint.testing import lint_text

RULES = {rule.code: rule for rule in BUILTIN_RULES}


def reported(code: str, example: str) -> list[str]:
    """The codes reported for an example, by the engine and, for FL904 and FL905, by the gate."""
    from flowlint.gate import example_problems

    problems = example_problems(code, example, BUILTIN_RULES)
    if RULES[code].example_format == "toml":
        return [code] * len(problems)
    return [f.code for f in lint_text(example, select=["ALL"])] + [code] * len(problems)


@pytest.mark.parametrize("code", sorted(RULES))
def test_doc_has_every_section(code: str) -> None:
    rule = RULES[code]
    doc = rule.doc
    assert doc.summary and not doc.summary.startswith("PLACEHOLDER")
    assert len(doc.why) > 40, "Why: should say why it matters"
    assert doc.fix, "Fix: should say how to fix it"
    if rule.example_format == "toml":
        assert tomllib.loads(doc.fails) and tomllib.loads(doc.passes)
    else:
        assert rule.example_format == "yaml"
        assert doc.fails.startswith("flowlint: 1") and doc.passes.startswith("flowlint: 1")


@pytest.mark.parametrize("code", sorted(RULES))
def test_failing_example_is_reported_by_its_rule(code: str) -> None:
    assert code in reported(code, RULES[code].doc.fails)


@pytest.mark.parametrize("code", sorted(RULES))
def test_passing_example_is_clean(code: str) -> None:
    if RULES[code].example_format == "toml":
        assert reported(code, RULES[code].doc.passes) == []
        return
    findings = lint_text(RULES[code].doc.passes, select=["ALL"])
    assert [(f.code, f.message) for f in findings] == []
    assert code not in reported(code, RULES[code].doc.passes)


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
