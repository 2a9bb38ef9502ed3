"""The real service lines (tests/realworld/): flowlint's findings are exactly the judged ones, the
false positives stay at most 1 in 10, and docs/real-world.md shows what flowlint gives now.

A change to a rule that alters what flowlint says on a real line fails here until its
verdicts.toml is updated with a verdict (and reason) for every new finding: a new false positive
is then counted in docs/real-world.md for everyone to see."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from flowlint.engine import lint, select_rules
from flowlint.loading import load_paths
from flowlint.rules import BUILTIN_RULES

ROOT = Path(__file__).resolve().parent.parent
spec = importlib.util.spec_from_file_location("realworld", ROOT / "tools" / "realworld.py")
realworld = importlib.util.module_from_spec(spec)
assert spec.loader is not None
sys.modules["realworld"] = realworld  # dataclasses look their module up while the class is made
spec.loader.exec_module(realworld)

LINES = {line.name: line for line in realworld.lines()}


def test_both_lines_are_here() -> None:
    assert sorted(LINES) == ["laa-criminal-legal-aid", "teaching-record-system"]


@pytest.mark.parametrize("name", sorted(LINES))
def test_every_finding_has_a_verdict_and_every_verdict_a_finding(name: str) -> None:
    line = LINES[name]
    assert line.unjudged == []
    assert line.stale == []
    for _, verdict in line.now["all"]:
        assert verdict in realworld.VERDICTS


@pytest.mark.parametrize("name", sorted(LINES))
@pytest.mark.parametrize("scope", ["default", "all"])
def test_at_most_one_false_positive_in_ten(name: str, scope: str) -> None:
    assert realworld.false_positive_share(LINES[name], scope) <= 0.10


@pytest.mark.parametrize("name", sorted(LINES))
def test_what_the_missed_problems_name_is_found(name: str) -> None:
    keys = {key for key, _ in LINES[name].now["all"]}
    for missed in LINES[name].missed:
        if missed["found_by"]:
            assert missed["found_by"] in keys, missed["problem"]
        else:
            assert missed.get("why"), f"say why '{missed['problem']}' is not found"


@pytest.mark.parametrize("name", sorted(LINES))
def test_both_versions_of_each_line_are_valid_specs(name: str) -> None:
    # Format 1.1 is additive: the line as first modelled (1.0) is still valid, and means the same.
    folder = ROOT / "tests" / "realworld" / name
    for path in (folder / f"{name}-1.0.yaml", folder / f"{name}.yaml"):
        report = lint(load_paths([path]), select_rules(BUILTIN_RULES, ["FL001", "FL002", "FL003"]))
        assert report.findings == () and report.errors == ()
    assert (folder / f"{name}.yaml").read_text(encoding="utf-8").startswith("flowlint: 1.1\n")


def test_docs_real_world_md_is_up_to_date() -> None:
    doc = (ROOT / "docs" / "real-world.md").read_text(encoding="utf-8")
    assert realworld.render(doc, list(LINES.values())) == doc, (
        "run `python tools/realworld.py --write`"
    )
