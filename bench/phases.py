"""Where the time of a check goes, phase by phase, in one process (a profile, not a benchmark).

    .venv/bin/python bench/phases.py --flows 50000
    .venv/bin/python bench/phases.py --flows 50000 --full   # the paths the fast ones replace
    .venv/bin/python bench/phases.py --flows 50000 --format-1-1   # with every format 1.1 field

Times CPU seconds (medians of --reps) of: reading the file (the event reader, or the node builder
with --full), validating it (the generated check, or jsonschema with --full), building the model,
each rule, and the whole `engine.lint`. The phases run with the cyclic garbage collector paused,
as `flowlint check` runs them; `--collector` leaves it on, to show what pausing it buys.
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
from flowlint.engine import lint, run_rules, select_rules  # noqa: E402
from flowlint.loading import Loaded, parse_text  # noqa: E402
from flowlint.model import build_model  # noqa: E402
from flowlint.rules import BUILTIN_RULES  # noqa: E402


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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--flows", type=int, default=50_000)
    parser.add_argument("--reps", type=int, default=3)
    parser.add_argument("--full", action="store_true", help="node builder and jsonschema")
    parser.add_argument("--collector", action="store_true", help="leave the collector on")
    parser.add_argument(
        "--format-1-1", action="store_true", help="a spec using every format 1.1 field"
    )
    args = parser.parse_args(argv)
    if args.full:
        loading.read_plain = lambda *a: None  # type: ignore[assignment]
        schema._fast_valid = lambda data: False  # type: ignore[assignment]
    text = generate(args.flows, format_1_1=args.format_1_1).text
    rules = select_rules(BUILTIN_RULES)
    rows: list[tuple[str, float]] = []
    seconds, source = timed(lambda: parse_text(text, "spec.yaml"), args.reps, args.collector)
    rows.append(("read (" + ("node builder" if args.full else "event reader") + ")", seconds))
    seconds, _ = timed(lambda: schema.validate(source), args.reps, args.collector)
    rows.append(("validate (" + ("jsonschema" if args.full else "generated check") + ")", seconds))
    # A fixed day, so that the rules about `until` dates have something to judge by.
    seconds, model = timed(
        lambda: build_model((source,), {}, today="2026-01-01"), args.reps, args.collector
    )
    rows.append(("build the model", seconds))
    for rule in rules:
        if rule.code == "FL003":
            continue
        seconds, _ = timed(lambda r=rule: run_rules(model, [r], {}), args.reps, args.collector)
        rows.append((f"rule {rule.code} {rule.name}", seconds))
    # lint pauses the collector itself; with --collector, measure the same without that.
    engine_lint = lint.__wrapped__ if args.collector else lint  # type: ignore[attr-defined]
    seconds, report = timed(
        lambda: engine_lint(Loaded((source,)), rules), args.reps, args.collector
    )
    rows.append(("engine.lint (validate, model, rules, suppressions, report)", seconds))
    print(f"{args.flows:,} flows, {len(text) / 1e6:.1f} MB, {len(report.findings)} findings")
    print(f"CPU seconds, medians of {args.reps}; collector {'on' if args.collector else 'paused'}")
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        print(f"  {name:<{width}}  {value:7.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
