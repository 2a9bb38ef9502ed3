"""tools/mutation.py, the mutation-testing driver behind docs/testing.md: how it reads mutmut's
results, and the recorded scores that the table shows (every core module measured, each at the
score the project keeps)."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("mutation", ROOT / "tools" / "mutation.py")
assert _spec is not None and _spec.loader is not None
mutation = importlib.util.module_from_spec(_spec)
sys.modules["mutation"] = mutation  # dataclasses look their module up by name
_spec.loader.exec_module(mutation)

KEPT_SCORE = 95.0  # docs/testing.md: the score each core module keeps


def write_meta(workdir: Path, module: str, codes: dict[str, int | None]) -> None:
    meta = workdir / "mutants" / (module + ".meta")
    meta.parent.mkdir(parents=True)
    meta.write_text(json.dumps({"exit_code_by_key": codes}), encoding="utf-8")


CODES = {
    "flowlint.baseline.x_a__mutmut_1": 1,  # a failing test run: killed
    "flowlint.baseline.x_a__mutmut_2": 36,  # a timeout: killed
    "flowlint.baseline.x_a__mutmut_3": 0,  # survived
    "flowlint.baseline.x_a__mutmut_4": 33,  # no test ran it: survived
    "flowlint.baseline.x_a__mutmut_5": 0,  # listed as equivalent
    "flowlint.baseline.x_a__mutmut_6": 1,  # listed as equivalent, yet killed
    "flowlint.baseline.x_a__mutmut_7": None,  # not yet checked
}
CONFIG = {
    "equivalent": {
        "flowlint.baseline.x_a__mutmut_5": "why",
        "flowlint.baseline.x_a__mutmut_6": "why",
        "flowlint.baseline.x_gone__mutmut_1": "a function that changed since",
        "flowlint.baselines.x_other__mutmut_1": "another module",
    }
}


def test_a_score_counts_kills_survivors_and_equivalents_from_mutmuts_exit_codes(
    tmp_path: Path,
) -> None:
    write_meta(tmp_path, "flowlint/baseline.py", CODES)
    result = mutation.score("flowlint/baseline.py", tmp_path, CONFIG)
    assert result.mutants == 7
    assert result.killed == 3
    assert result.equivalent == ("flowlint.baseline.x_a__mutmut_5",)
    assert result.killed_equivalents == ("flowlint.baseline.x_a__mutmut_6",)
    assert result.survived == ("flowlint.baseline.x_a__mutmut_3", "flowlint.baseline.x_a__mutmut_4")
    assert result.unchecked == 1
    # killed / (mutants - equivalent - unchecked) = 3 / 5
    assert result.percent == pytest.approx(60.0)
    assert result.row() == "| `flowlint/baseline.py` | 7 | 3 | 1 | 2 | 60.0% |"


def test_survivors_are_tested_again_and_the_rest_kept(tmp_path: Path) -> None:
    write_meta(tmp_path, "flowlint/baseline.py", CODES)
    mutation.forget_survivors("flowlint/baseline.py", tmp_path)
    meta = json.loads((tmp_path / "mutants" / "flowlint/baseline.py.meta").read_text("utf-8"))
    assert meta["exit_code_by_key"] == {
        **CODES,
        "flowlint.baseline.x_a__mutmut_3": None,
        "flowlint.baseline.x_a__mutmut_4": None,
        "flowlint.baseline.x_a__mutmut_5": None,
    }


def test_an_equivalent_listed_for_a_mutant_that_is_no_longer_made_is_reported(
    tmp_path: Path,
) -> None:
    write_meta(tmp_path, "flowlint/baseline.py", CODES)
    assert mutation.unknown_equivalents("flowlint/baseline.py", tmp_path, CONFIG) == [
        "flowlint.baseline.x_gone__mutmut_1"
    ]


def test_a_rule_is_measured_against_its_own_test_file_and_other_modules_as_listed() -> None:
    config = mutation.load_config()
    assert mutation.tests_for("flowlint/rules/single_owner.py", config) == [
        "tests/rules/test_single_owner.py"
    ]
    assert "tests/test_provenance.py" in mutation.tests_for("flowlint/provenance.py", config)
    with pytest.raises(SystemExit, match=r"not in tools/mutation\.toml"):
        mutation.tests_for("flowlint/cli.py", config)


def test_every_core_module_is_measured_at_the_score_the_project_keeps() -> None:
    config = mutation.load_config()
    scores = json.loads((ROOT / "tools" / "mutation-scores.json").read_text("utf-8"))
    below = {
        module: scores.get(module, {}).get("score")
        for module in mutation.core_modules(config)
        if module not in scores
        or (scores[module]["mutants"] and scores[module]["score"] < KEPT_SCORE)
    }
    assert below == {}, (
        "measure these with `python tools/mutation.py MODULE` (docs/testing.md) and kill the "
        "survivors, or list a true equivalent in tools/mutation.toml"
    )
    for module in mutation.core_modules(config):
        for test_file in mutation.tests_for(module, config):
            assert (ROOT / test_file).is_file(), f"{module}: {test_file} does not exist"


def test_every_listed_equivalent_names_a_core_module_and_gives_a_reason() -> None:
    config = mutation.load_config()
    prefixes = {
        module.removesuffix(".py").replace("/", ".").removesuffix(".__init__") + ".x"
        for module in mutation.core_modules(config)
    }
    for name, reason in config["equivalent"].items():
        assert any(name.startswith(prefix) for prefix in prefixes), name
        assert reason.strip(), name
