"""Where the time of a check goes, phase by phase, in one process (a profile, not a benchmark).

    .venv/bin/python bench/phases.py --flows 50000
    .venv/bin/python bench/phases.py --flows 50000 --full   # the paths the fast ones replace
    .venv/bin/python bench/phases.py --flows 50000 --format-1-1   # with every format 1.1 field
    .venv/bin/python bench/phases.py --flows 50000 --many-findings   # about 23,000 findings

Times CPU seconds (medians of --reps) of: pulling libyaml's events alone (what any reader built on
PyYAML pays), reading the file (the event reader, or the node builder with --full), one full
collection of the garbage collector over what was read (what turning it back on would cost),
validating (the generated check, or jsonschema with --full), building the model, each rule, the
whole `engine.lint` and what it adds to the parts above (suppressions, findings and the report),
rendering `--format json`, and freeing the report, model and data. The phases run with the
cyclic garbage collector paused, as `flowlint check` runs them; `--collector` leaves it on, to
show what pausing it buys.
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))

from generate import generate  # noqa: E402
from run import median  # noqa: E402

from flowlint import loading, schema  # noqa: E402
from flowlint.engine import lint, lint_model, run_rules, select_rules  # noqa: E402
from flowlint.loading import Loaded, parse_text  # noqa: E402
from flowlint.model import build_model  # noqa: E402
from flowlint.reporters import RenderOptions, get_reporter  # noqa: E402
from flowlint.rules import BUILTIN_RULES  # noqa: E402


def pull_events(text: str) -> int:
    """Pull every libyaml event into Python and build nothing: the floor of any PyYAML reader."""
    import yaml

    loader = yaml.CSafeLoader(text)
    get, end, count = loader.get_event, yaml.StreamEndEvent, 0
    try:
        while type(get()) is not end:
            count += 1
    finally:
        loader.dispose()
    return count


def timed(action: Callable[[], Any], reps: int, collector: bool) -> tuple[float, Any]:
    """Median CPU seconds of `reps` runs of `action`, and its last result."""
    samples = []
    result = None
    for _ in range(reps):
        result = None
        gc.collect()
        if not collector:
            gc.disable()
        start = time.process_time()
        result = action()
        samples.append(time.process_time() - start)
        gc.enable()
    return median(samples), result


def free(make: Callable[[], Any], reps: int) -> float:
    """Median CPU seconds of dropping the last reference to what `make` returns (made anew for
    each repetition, untimed), with the collector paused."""
    samples = []
    for _ in range(reps):
        gc.collect()
        gc.disable()
        held = [make()]
        start = time.process_time()
        held.clear()
        samples.append(time.process_time() - start)
        gc.enable()
    return median(samples)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--flows", type=int, default=50_000)
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--full", action="store_true", help="node builder and jsonschema")
    parser.add_argument("--collector", action="store_true", help="leave the collector on")
    parser.add_argument(
        "--format-1-1", action="store_true", help="a spec using every format 1.1 field"
    )
    parser.add_argument(
        "--many-findings", action="store_true", help="most copies second-hand (FL104, FL202)"
    )
    args = parser.parse_args(argv)
    if args.full:
        loading.read_plain = lambda *a: None  # type: ignore[assignment]
        schema._fast_valid = lambda data: False  # type: ignore[assignment]
    text = generate(args.flows, format_1_1=args.format_1_1, many_findings=args.many_findings).text
    rules = select_rules(BUILTIN_RULES)
    rows: list[tuple[str, float]] = []
    seconds, _ = timed(lambda: pull_events(text), args.reps, args.collector)
    rows.append(("libyaml events alone (no data built)", seconds))
    seconds, source = timed(lambda: parse_text(text, "spec.yaml"), args.reps, args.collector)
    rows.append(("read (" + ("node builder" if args.full else "event reader") + ")", seconds))
    seconds, _ = timed(gc.collect, args.reps, True)
    rows.append(("a full collection over what was read", seconds))
    seconds, _ = timed(lambda: schema.validate(source), args.reps, args.collector)
    rows.append(("validate (" + ("jsonschema" if args.full else "generated check") + ")", seconds))
    parts = seconds
    # A fixed day, so that the rules about `until` dates have something to judge by.
    today = "2026-01-01"
    # Each repetition builds a model and runs the rules over it in the registry's order, as a
    # check does: what one rule makes for the model (a "did you mean" index) the next ones reuse.
    model_samples: list[float] = []
    rule_samples: dict[str, list[float]] = {rule.code: [] for rule in rules}
    for _ in range(args.reps):
        model = None
        gc.collect()
        if not args.collector:
            gc.disable()
        start = time.process_time()
        model = build_model((source,), {}, today)
        model_samples.append(time.process_time() - start)
        for rule in rules:
            start = time.process_time()
            run_rules(model, [rule], {})
            rule_samples[rule.code].append(time.process_time() - start)
        gc.enable()
    model = None  # freed before the whole run below
    rows.append(("build the model", median(model_samples)))
    parts += median(model_samples)
    for rule in rules:
        if rule.code == "FL003":
            continue
        seconds = median(rule_samples[rule.code])
        rows.append((f"rule {rule.code} {rule.name}", seconds))
        parts += seconds
    # lint pauses the collector itself; with --collector, measure the same without that.
    engine_lint = lint.__wrapped__ if args.collector else lint  # type: ignore[attr-defined]
    seconds, report = timed(
        lambda: engine_lint(Loaded((source,)), rules, today=today), args.reps, args.collector
    )
    rows.append(("engine.lint (validate, model, rules, suppressions, report)", seconds))
    rows.append(("  of which suppressions, findings and the report", seconds - parts))
    render = get_reporter("json")
    seconds, _ = timed(lambda: render(report, RenderOptions()), args.reps, args.collector)
    rows.append(("render --format json", seconds))
    findings = len(report.findings)
    seconds = free(lambda: lint_model(Loaded((source,)), rules, today=today), args.reps)
    rows.append(("free the report and the model", seconds))
    report = source = None
    seconds = free(lambda: parse_text(text, "spec.yaml"), args.reps)
    rows.append(("free the data and positions read", seconds))
    print(f"{args.flows:,} flows, {len(text) / 1e6:.1f} MB, {findings} findings")
    print(f"CPU seconds, medians of {args.reps}; collector {'on' if args.collector else 'paused'}")
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        print(f"  {name:<{width}}  {value:7.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
