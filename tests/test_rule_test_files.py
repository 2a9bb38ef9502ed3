"""Every rule module has its own test file, and that file tests that rule."""

from __future__ import annotations

import importlib

import pytest

from tests.conftest import ROOT

RULES = sorted(
    path.stem for path in (ROOT / "flowlint" / "rules").glob("*.py") if path.stem != "__init__"
)


@pytest.mark.parametrize("rule", RULES)
def test_each_rule_module_has_a_test_file_that_names_its_code(rule: str) -> None:
    test_file = ROOT / "tests" / "rules" / f"test_{rule}.py"
    assert test_file.is_file(), f"flowlint/rules/{rule}.py has no tests/rules/test_{rule}.py"
    module = importlib.import_module(f"flowlint.rules.{rule}")
    text = test_file.read_text(encoding="utf-8")
    assert module.CODE in text or module.NAME in text, f"{test_file.name} never names {module.CODE}"
    assert text.count("\ndef test_") >= 2, (
        f"{test_file.name}: a failing and a passing case at least"
    )


def test_every_test_file_under_tests_rules_belongs_to_a_rule() -> None:
    own = {"test_helpers.py"}
    stray = [
        path.name
        for path in (ROOT / "tests" / "rules").glob("test_*.py")
        if path.name not in own
        and not any(
            path.stem == f"test_{rule}" or path.stem.startswith(f"test_{rule}_") for rule in RULES
        )
    ]
    assert stray == []


def test_the_registry_lists_every_rule_module() -> None:
    from flowlint.rules import BUILTIN_RULES

    registered = {rule.check.__module__.rsplit(".", 1)[-1] for rule in BUILTIN_RULES}
    assert registered == set(RULES)
