"""The benchmark's own parts: the spec generator and the runner's arithmetic (not the timings)."""

from __future__ import annotations

import importlib.util
import math
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from flowlint.engine import lint, select_rules
from flowlint.loading import Loaded, parse_text
from flowlint.rules import BUILTIN_RULES
from flowlint.schema import _validator

ROOT = Path(__file__).resolve().parent.parent


def _import(name: str) -> Any:
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        spec = importlib.util.spec_from_file_location(
            f"bench_{name}", ROOT / "bench" / f"{name}.py"
        )
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module  # dataclasses look their module up there
        spec.loader.exec_module(module)
        return module
    finally:
        sys.path.remove(str(ROOT / "bench"))


generate = _import("generate")
run = _import("run")


def codes_found(text: str) -> Counter[str]:
    source = parse_text(text, "generated.yaml")
    report = lint(Loaded((source,)), select_rules(BUILTIN_RULES))
    return Counter(f.code for f in report.findings)


def test_a_generated_spec_is_valid_and_has_exactly_the_planted_findings() -> None:
    spec = generate.generate(500, seed=7)
    source = parse_text(spec.text, "generated.yaml")
    assert source.problems == ()
    assert list(_validator().iter_errors(source.data)) == []
    assert codes_found(spec.text) == spec.expected
    assert spec.expected == Counter(dict.fromkeys(generate.PLANTED, 1))


def test_an_invalid_generated_spec_adds_a_duplicate_key_and_schema_errors() -> None:
    spec = generate.generate(500, seed=7, invalid=True)
    assert spec.expected["FL002"] == 1 and spec.expected["FL003"] == 3
    assert codes_found(spec.text) == spec.expected


@pytest.mark.parametrize("flows", [50, 500, 2_000])
def test_sizes_are_what_was_asked_for(flows: int) -> None:
    spec = generate.generate(flows)
    data = parse_text(spec.text, "generated.yaml").data
    assert len(data["flows"]) == spec.flows == flows
    assert len(data["services"]) == spec.services
    assert len(data["entities"]) == spec.entities
    assert len(data["apis"]) == spec.apis
    assert spec.services == max(generate.MIN_SERVICES, flows // 10) + 2


def test_generation_is_deterministic_by_seed() -> None:
    assert generate.generate(300, seed=1).text == generate.generate(300, seed=1).text
    assert generate.generate(300, seed=1).text != generate.generate(300, seed=2).text


def test_too_small_a_spec_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 50 flows"):
        generate.generate(49)


def test_median() -> None:
    assert run.median([3.0]) == 3.0
    assert run.median([5.0, 1.0, 3.0]) == 3.0
    assert run.median([4.0, 1.0, 3.0, 2.0]) == 2.5
    with pytest.raises(ValueError):
        run.median([])


def test_ratio_and_spread() -> None:
    assert run.ratio(1.0, 4.0) == 0.25
    assert math.isinf(run.ratio(1.0, 0.0))
    assert run.spread([1.0, 1.0, 1.0]) == 0.0
    assert run.spread([0.9, 1.0, 1.3]) == pytest.approx(0.4)


def test_growth_pairs_sizes_ten_times_apart() -> None:
    pairs = run.growth({500: 1.0, 5_000: 4.0, 50_000: 44.0, 7_000: 9.0})
    assert pairs == [(500, 5_000, 4.0), (5_000, 50_000, 11.0)]


def test_verdicts() -> None:
    assert run.verdict(0.35, 0.35) == "met"
    assert run.verdict(0.36, 0.35) == "NOT met"
    assert run.verdict(12.0, 10.0, at_most=False) == "met"
    assert run.verdict(9.9, 10.0, at_most=False) == "NOT met"


def test_the_table_goes_between_the_markers(tmp_path: Path) -> None:
    doc = tmp_path / "performance.md"
    doc.write_text(f"# Title\n\nBefore.\n\n{run.BEGIN}\nold\n{run.END}\n\nAfter.\n")
    run.write_doc("| new | table |\n", doc)
    assert doc.read_text() == (
        f"# Title\n\nBefore.\n\n{run.BEGIN}\n| new | table |\n{run.END}\n\nAfter.\n"
    )


@pytest.mark.parametrize("flows", [500, 3_000])
def test_a_format_1_1_generated_spec_uses_every_new_field_and_only_the_planted_findings(
    flows: int,
) -> None:
    spec = generate.generate(flows, seed=7, format_1_1=True)
    data = parse_text(spec.text, "generated.yaml").data
    assert data["flowlint"] == 1.1 and len(data["flows"]) == flows
    assert list(_validator().iter_errors(data)) == []
    services, entities, flows_ = data["services"].values(), data["entities"].values(), data["flows"]
    assert any("distributes" in s for s in services) and any("creates" in s for s in services)
    assert any(isinstance(e.get("owner"), list) for e in entities)
    assert any("derived_from" in e for e in entities)
    assert any("stored_in" in r for r in data["relationships"])
    assert data["groups"]
    for field in ("operations", "delivery", "reconciliation", "frequency", "until", "stores"):
        assert any(field in f for f in flows_), field
    assert any(f.get("via") == "event" for f in flows_)
    assert codes_found(spec.text) == spec.expected == Counter(dict.fromkeys(generate.PLANTED, 1))


@pytest.mark.parametrize("format_1_1", [False, True])
def test_a_many_findings_spec_has_mostly_second_hand_copies_and_exactly_the_counted_findings(
    format_1_1: bool,
) -> None:
    spec = generate.generate(3_000, seed=7, format_1_1=format_1_1, many_findings=True)
    data = parse_text(spec.text, "generated.yaml").data
    assert len(data["flows"]) == 3_000
    assert list(_validator().iter_errors(data)) == []
    owner = {ident: body["owner"] for ident, body in data["entities"].items()}
    from_owner = sum(1 for flow in data["flows"] if owner.get(flow["entities"][0]) == flow["from"])
    assert from_owner < len(data["flows"]) / 3  # most copies are second-hand
    assert spec.expected["FL104"] > 1_000 and spec.expected["FL202"] > 100
    planted = Counter(dict.fromkeys(generate.PLANTED, 1))
    assert spec.expected - planted == Counter(
        {"FL104": spec.expected["FL104"], "FL202": spec.expected["FL202"]}
    )
    assert codes_found(spec.text) == spec.expected


def _case(label: str, seconds: float, peak_mib: float = 100.0) -> Any:
    case = run.Case(label, ["true"])
    case.samples = [seconds]
    case.peaks_kib = [int(peak_mib * 1024)]
    return case


def test_the_runner_prints_every_target_with_its_ratio_and_verdict() -> None:
    rows: list[dict[str, object]] = [
        {
            "name": "bundled",
            "series": "",
            "flows": 0,
            "bytes": 10_000,
            "cases": {
                "flowlint": _case("f", 0.30),
                "load": _case("l", 0.1),
                "yamllint": _case("y", 0.31),
            },
            "results": "",
        }
    ]
    for series in run.SERIES.values():
        for flows, scale in ((500, 0.1), (5_000, 1.0), (50_000, 10.0)):
            cases = {
                "flowlint": _case("f", 0.3 * scale, 20 * scale),
                "load": _case("l", 1.0 * scale, 30 * scale),
            }
            if "check_jsonschema" in series.baselines:
                cases["check_jsonschema"] = _case("c", 9.0 * scale)
            if "spectral" in series.baselines and flows == 50_000:
                cases["spectral"] = _case("s", 0.5 * scale)
            rows.append(
                {
                    "name": f"{flows} {series.name}",
                    "series": series.name,
                    "flows": flows,
                    "bytes": flows * 100,
                    "cases": cases,
                    "results": "ok",
                }
            )
    startup = {"typer": _case("t", 0.10), "version": _case("v", 0.03), "help": _case("h", 0.13)}
    results = {
        "rows": rows,
        "startup": startup,
        "date": "d",
        "command": "c",
        "machine": {},
        "load_before": "0",
        "load_after": "0",
    }
    found = run.targets(results)
    text = run.render(results)
    assert all(line in text for line in found)
    # Four series: the ratio to the bare load, peak memory and two growths each; check-jsonschema
    # on the plain one, Spectral on the two with many findings; the bundled spec and start-up.
    assert len(found) == 4 * 4 + 1 + 2 + 3
    verdicts = {line.split(":")[0]: line.rsplit("**", 2)[1] for line in found}
    assert verdicts["50,000 flows, flowlint check <= 0.3 x bare load"] == "met"
    assert (
        verdicts["50,000 flows (many findings), flowlint check --format json <= 0.35 x bare load"]
        == "met"
    )
    assert (
        verdicts[
            "50,000 flows (many findings), flowlint check --format json <= 0.5 x Spectral with an equivalent ruleset"
        ]
        == "NOT met"
    )
    assert verdicts["bundled spec, flowlint check <= 1.0 x yamllint (bytecode compiled)"] == "met"
    assert verdicts['`flowlint --help` <= 1.2 x `python -c "import typer"`'] == "NOT met"
    assert sum("growth" in line for line in found) == 8
    assert all(line.endswith(("**met**", "**NOT met**")) for line in found)
