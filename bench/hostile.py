"""Hostile specs whose cost used to grow with the square of their size, and how flowlint grows now.

    .venv/bin/python bench/hostile.py            # every case at n, 2n and 4n
    .venv/bin/python bench/hostile.py --quick    # smaller sizes, a few seconds in all

The cases (issue 12, item 6), each generated at three sizes:

- `definers`: one relationship with N `defined_by` entries (N = 20,000 is a 627 KB spec). Each
  FL201 finding named every definer, so the output grew as N squared (10,000 gave 899 MB).
- `unknown-ids`: N declared services and N flows to undeclared ones, every id sharing a
  200-character prefix. "Did you mean" compared each unknown id with every candidate sharing
  letters with it: 189 s for N = 10,000.
- `long-name`: a 100 KB relationship name (one anchor) given to N relationships (aliases), each
  defined again: every FL201 quoted the whole name, so 105 KB of input made 60 MB of output.
  (Aliases may now add at most 16 MiB of text, 167 copies of the name: beyond, the file is one
  FL001, and so the sizes here stop at 160.)
- `chain`: a chain of N services copying one entity, drawn by `flowlint lineage` (whose tree
  was drawn recursively: a 500-service chain crashed).

Each run is `flowlint check` (or `lineage`) in its own child process (`bench/measure.py`), with
the default text format and then `--format json`, which keeps every finding. The table gives CPU
time (user and system: less disturbed than wall time by other work on a shared machine), peak
memory and output size per size, and the growth from each size to the next: linear cost doubles
when the input doubles, so every ratio should stay near 2 (it was near 4 for the quadratic
cases); text output stops growing once a rule has 1,000 findings. No assertion here:
tests/test_corpus.py holds the fixed bounds.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PREFIX = "service-" + "x" * 192  # 200 characters, a valid id


def definers(n: int) -> str:
    """One relationship defined by N services (declared), so FL201 has N - 1 findings."""
    lines = ["flowlint: 1", "services:"]
    lines += [f"  s{i}: {{name: S{i}}}" for i in range(n)]
    lines += [
        "entities:",
        "  a: {owner: s0}",
        "  b: {owner: s0}",
        "relationships:",
        "  - name: A to B",
        "    from: a",
        "    to: b",
        "    defined_by: [" + ", ".join(f"s{i}" for i in range(n)) + "]",
    ]
    return "\n".join(lines) + "\n"


def unknown_ids(n: int) -> str:
    """N declared services and N flows to N undeclared ones, all ids sharing a long prefix."""
    lines = ["flowlint: 1", "services:"]
    lines += [f"  {PREFIX}-{i}: {{name: S{i}}}" for i in range(n)]
    lines += ["entities:", f"  e: {{owner: {PREFIX}-0}}", "flows:"]
    lines += [f"  - {{from: {PREFIX}-0, to: {PREFIX}-{i}-x, entities: [e]}}" for i in range(n)]
    return "\n".join(lines) + "\n"


def long_name(n: int, size: int = 100_000) -> str:
    """One 100 KB relationship name, anchored once and given by alias to N relationships."""
    lines = [
        "flowlint: 1",
        "services:",
        "  a: {name: A}",
        "  b: {name: B}",
        "entities:",
        "  x: {owner: a}",
        "  y: {owner: a}",
        "relationships:",
        f"  - {{name: &long {'n' * size}, from: x, to: y, defined_by: a}}",
    ]
    lines += ["  - {name: *long, from: x, to: y, defined_by: b}" for _ in range(n)]
    return "\n".join(lines) + "\n"


def chain(n: int) -> str:
    """N services in a chain, each copying entity `e` to the next."""
    lines = ["flowlint: 1", "services:"]
    lines += [f"  s{i}: {{name: Service {i}}}" for i in range(n)]
    lines += ["entities:", "  e: {owner: s0}", "flows:"]
    lines += [f"  - {{from: s{i}, to: s{i + 1}, entities: [e]}}" for i in range(n - 1)]
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class Case:
    name: str
    make: Callable[[int], str]
    sizes: tuple[int, int, int]
    quick: tuple[int, int, int]
    command: tuple[str, ...] = ("check",)


CASES = (
    Case("definers", definers, (5_000, 10_000, 20_000), (1_000, 2_000, 4_000)),
    Case("unknown-ids", unknown_ids, (2_500, 5_000, 10_000), (500, 1_000, 2_000)),
    Case("long-name", long_name, (40, 80, 160), (20, 40, 80)),
    Case("chain", chain, (500, 1_000, 2_000), (250, 500, 1_000), ("lineage", "e")),
)


def measure(command: list[str], cwd: Path) -> dict[str, object]:
    """Wall time, peak memory and output size of one run (`bench/measure.py` in a child)."""
    output = cwd / "out.txt"
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "measure.py"), str(output), *command],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "NO_COLOR": "1"},
    )
    result = json.loads(done.stdout)
    result["output_bytes"] = output.stat().st_size
    return result


def run(cases: tuple[Case, ...], quick: bool) -> list[str]:
    flowlint = [sys.executable, "-m", "flowlint"]
    rows = [
        "| case | format | N | input | CPU (s) | peak (MiB) | output "
        "| CPU x | memory x | output x |",
        "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    print("\n".join(rows), flush=True)
    with tempfile.TemporaryDirectory() as folder:
        cwd = Path(folder)
        for case in cases:
            formats = [[]] if case.command[0] == "lineage" else [[], ["--format", "json"]]
            for extra in formats:
                before: dict[str, object] | None = None
                for n in case.quick if quick else case.sizes:
                    spec = cwd / "spec.yaml"
                    spec.write_text(case.make(n), encoding="utf-8")
                    result = measure([*flowlint, *case.command, str(spec), *extra], cwd)
                    grow = ["", "", ""]
                    if before is not None:
                        grow = [
                            _ratio(result["cpu_seconds"], before["cpu_seconds"]),
                            _ratio(result["max_rss_kib"], before["max_rss_kib"]),
                            _ratio(result["output_bytes"], before["output_bytes"]),
                        ]
                    rows.append(
                        f"| {case.name} | {' '.join(extra[1:]) or 'text'} | {n:,} "
                        f"| {_size(spec.stat().st_size)} | {result['cpu_seconds']:.2f} "
                        f"| {result['max_rss_kib'] / 1024:.0f} | {_size(result['output_bytes'])} "
                        f"| {' | '.join(grow)} |"
                    )
                    print(rows[-1], flush=True)
                    if result["returncode"] not in (0, 1):
                        print(f"  exit {result['returncode']}: {result['stderr']}", flush=True)
                    before = result
    return rows


def _ratio(now: object, before: object) -> str:
    return f"{float(now) / float(before):.2f}" if float(before) else "-"  # type: ignore[arg-type]


def _size(size: int) -> str:
    for unit, scale in (("MB", 1_000_000), ("KB", 1_000)):
        if size >= scale:
            return f"{size / scale:.1f} {unit}"
    return f"{size} B"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes (a few seconds)")
    parser.add_argument("--case", action="append", help="only these cases (repeatable)")
    options = parser.parse_args(argv)
    cases = tuple(c for c in CASES if not options.case or c.name in options.case)
    run(cases, options.quick)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
