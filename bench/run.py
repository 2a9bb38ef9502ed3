"""Benchmark flowlint against the tools a user would otherwise reach for, and check its targets.

    python3 -m venv .venv && .venv/bin/pip install -e ".[bench]" && .venv/bin/python bench/run.py

Times, in one run on one machine, several repetitions of each command (each its own child process,
started through `bench/measure.py` so its peak memory is its own), and reports the median:

- `flowlint check FILE` on the bundled spec and on generated specs of 500, 5,000 and 50,000 flows
  (and 500,000 with `--huge`), in four series (`--series`): the project's own generated spec with
  few findings (`plain`), the same with most copies second-hand and thousands of FL104/FL202
  findings, checked with `--format json` (`many`), and both with every format 1.1 field
  (`plain-1.1`, `many-1.1`);
- a bare `python -c` that only loads the same file with PyYAML's CSafeLoader (and, for reference,
  the same with the cyclic garbage collector paused);
- `check-jsonschema` validating the same file against `schemas/flowlint-v1.schema.json`, and
  `yamllint` on the same file (the `plain` series);
- Spectral with a ruleset that checks what flowlint's schema and reference rules check
  (bench/spectral/), on the `many` series;
- `flowlint --version` and `flowlint --help` against a bare `python -c "import typer"`.

flowlint's bytecode is compiled first (`compileall`): with PYTHONDONTWRITEBYTECODE set, an editable
install would otherwise compile about 40 modules on every run, which an installed package never
does. Repetitions are interleaved (one of each command, then the next round), so a burst of load
from something else on the machine falls on every command alike and the ratios stay fair. Each
generated spec is also checked once with `--format json`: flowlint must report exactly the
findings the generator planted.

The table goes to stdout and between the markers in `docs/performance.md`.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from generate import generate  # noqa: E402

BUNDLED = ROOT / "specs" / "becoming-a-teacher.yaml"
SCHEMA = ROOT / "schemas" / "flowlint-v1.schema.json"
DOC = ROOT / "docs" / "performance.md"
BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"
DEFAULT_SIZES = (500, 5_000, 50_000)
DEFAULT_LIMIT_MIB = 16  # flowlint check's --max-file-size default
HUGE = 500_000
# A command whose first run takes longer than this gets at most SLOW_REPS repetitions.
SLOW_SECONDS = 10.0
SLOW_REPS = 3

# Targets, as ratios (issues 5 and 16).
TARGET_VS_LOAD = 0.30  # few findings: flowlint check <= 0.30 x bare CSafeLoader load (50,000)
TARGET_MANY_VS_LOAD = 0.35  # many findings: check --format json <= 0.35 x bare load (50,000)
TARGET_VS_SPECTRAL = 0.5  # many findings: check --format json <= 0.5 x Spectral (50,000)
TARGET_VS_CHECK_JSONSCHEMA = 10.0  # check-jsonschema >= 10 x flowlint check (50,000 flows)
TARGET_MEMORY = 1.0  # flowlint peak memory <= bare load's (50,000 flows and more)
TARGET_GROWTH = 11.0  # 10 x the flows (and findings) costs <= 11 x the time and memory
TARGET_VS_YAMLLINT = 1.0  # bundled spec: flowlint check no slower than yamllint
TARGET_STARTUP = 1.2  # --version and --help <= 1.2 x python -c "import typer"
TARGET_SIZE = 50_000  # the size the ratio targets are judged at


@dataclass(frozen=True)
class Series:
    """One kind of generated spec, and how it is checked and compared."""

    name: str
    title: str
    many_findings: bool = False
    format_1_1: bool = False
    # Baselines run on it besides the bare loads.
    baselines: tuple[str, ...] = ()

    @property
    def json(self) -> bool:
        """Checked with `--format json` (the output of thousands of findings is part of it)."""
        return self.many_findings


SERIES = {
    series.name: series
    for series in (
        Series("plain", "", baselines=("check_jsonschema", "yamllint")),
        Series("many", "many findings", many_findings=True, baselines=("spectral",)),
        Series("plain-1.1", "format 1.1", format_1_1=True),
        Series(
            "many-1.1",
            "format 1.1, many findings",
            many_findings=True,
            format_1_1=True,
            baselines=("spectral",),
        ),
    )
}


# ----------------------------------------------------------------------------- arithmetic


def median(values: Sequence[float]) -> float:
    """The median: the middle value, or the mean of the two middle values."""
    if not values:
        raise ValueError("the median of no values")
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def ratio(numerator: float, denominator: float) -> float:
    """numerator / denominator; infinity when the denominator is zero."""
    if denominator == 0:
        return float("inf")
    return numerator / denominator


def spread(values: Sequence[float]) -> float:
    """(max - min) / median: how noisy the repetitions were, 0 when they agree."""
    return ratio(max(values) - min(values), median(values))


def growth(seconds_by_size: dict[int, float]) -> list[tuple[int, int, float]]:
    """(smaller, larger, time ratio) for each pair of sizes where larger is 10 x smaller."""
    sizes = sorted(seconds_by_size)
    return [
        (small, large, ratio(seconds_by_size[large], seconds_by_size[small]))
        for small in sizes
        for large in sizes
        if large == small * 10
    ]


def verdict(value: float, limit: float, at_most: bool = True) -> str:
    """'met' or 'NOT met' for value against a limit."""
    ok = value <= limit if at_most else value >= limit
    return "met" if ok else "NOT met"


# ----------------------------------------------------------------------------- measuring


@dataclass
class Case:
    """One command to time, identified by the file it reads and what it is."""

    label: str
    command: list[str]
    samples: list[float] = field(default_factory=list)
    peaks_kib: list[int] = field(default_factory=list)
    returncodes: set[int] = field(default_factory=set)
    max_reps: int | None = None
    last_stderr: str = ""

    @property
    def seconds(self) -> float:
        return median(self.samples)

    @property
    def peak_mib(self) -> float:
        return max(self.peaks_kib) / 1024


def measure_once(case: Case, output: str = "-") -> None:
    """Run `case` once through the wrapper and record its time and peak memory."""
    wrapper = [sys.executable, str(ROOT / "bench" / "measure.py"), output, *case.command]
    done = subprocess.run(wrapper, capture_output=True, text=True, check=True)
    result = json.loads(done.stdout)
    case.samples.append(result["seconds"])
    case.peaks_kib.append(result["max_rss_kib"])
    case.returncodes.add(result["returncode"])
    case.last_stderr = result["stderr"]


def run_rounds(cases: list[Case], reps: int, log: bool = True) -> None:
    """`reps` interleaved rounds; a slow command stops after SLOW_REPS."""
    for round_number in range(reps):
        for case in cases:
            if case.max_reps is not None and round_number >= case.max_reps:
                continue
            measure_once(case)
            if round_number == 0 and case.samples[0] > SLOW_SECONDS:
                case.max_reps = min(reps, SLOW_REPS)
            if log:
                print(
                    f"  [{round_number + 1}/{reps}] {case.label}: {case.samples[-1]:.3f} s",
                    file=sys.stderr,
                    flush=True,
                )


def tool(name: str) -> str | None:
    """A console script installed next to this interpreter, or None."""
    candidate = Path(sys.executable).parent / name
    return str(candidate) if candidate.exists() else None


# Spectral from the npm registry, in a git-ignored folder of its own (`npm install --no-save` into
# a folder with other packages, such as .cache/npm with axe-core, removes what it did not install).
SPECTRAL_VERSION = "6.16.3"
SPECTRAL_HOME = ROOT / ".cache" / "spectral"
SPECTRAL_INSTALL = (
    f"npm install --prefix {SPECTRAL_HOME.relative_to(ROOT)} --no-save --no-package-lock "
    f"@stoplight/spectral-cli@{SPECTRAL_VERSION}"
)
SPECTRAL_RULESET = ROOT / "bench" / "spectral" / "ruleset.json"


def spectral() -> str | None:
    """The Spectral command: $FLOWLINT_SPECTRAL, or the one installed into .cache/spectral by
    SPECTRAL_INSTALL; None when neither is there (or Node.js is missing)."""
    import shutil

    named = os.environ.get("FLOWLINT_SPECTRAL")
    if named:
        return shutil.which(named)
    installed = SPECTRAL_HOME / "node_modules" / ".bin" / "spectral"
    if installed.exists() and shutil.which("node"):
        return str(installed)
    return None


def spectral_command(path: Path) -> list[str]:
    """Spectral linting `path` with the ruleset equivalent to flowlint's schema and reference
    rules (bench/spectral/), output as JSON."""
    found = spectral()
    assert found is not None
    return [found, "lint", "--ruleset", str(SPECTRAL_RULESET), "--format", "json", str(path)]


def bare_load(path: Path, collector: bool = True) -> list[str]:
    body = "import sys, yaml; "
    if not collector:
        body += "import gc; gc.disable(); "
    body += "yaml.load(open(sys.argv[1], encoding='utf-8').read(), Loader=yaml.CSafeLoader)"
    return [sys.executable, "-c", body, str(path)]


def flowlint_command() -> list[str]:
    found = tool("flowlint")
    return [found] if found else [sys.executable, "-m", "flowlint"]


def size_option(path: Path) -> list[str]:
    """`--max-file-size` for a spec over flowlint's default limit (16 MiB), else nothing."""
    mib = path.stat().st_size / 1024 / 1024
    return ["--max-file-size", str(math.ceil(mib) + 1)] if mib > DEFAULT_LIMIT_MIB else []


def file_cases(
    path: Path, with_baselines: bool, series: Series = SERIES["plain"]
) -> dict[str, Case]:
    """The commands timed on one spec file."""
    check = [*flowlint_command(), "check", str(path), *size_option(path)]
    if series.json:
        check += ["--format", "json"]
    cases = {
        "flowlint": Case("flowlint check" + (" --format json" if series.json else ""), check),
        "load": Case("bare CSafeLoader load", bare_load(path)),
        "load_nogc": Case("bare load, gc paused", bare_load(path, collector=False)),
    }
    wanted = series.baselines if with_baselines else ()
    checker, linter = tool("check-jsonschema"), tool("yamllint")
    if "check_jsonschema" in wanted and checker:
        cases["check_jsonschema"] = Case(
            "check-jsonschema", [checker, "--schemafile", str(SCHEMA), str(path)]
        )
    if "yamllint" in wanted and linter:
        cases["yamllint"] = Case("yamllint", [linter, str(path)])
    if "spectral" in wanted and spectral():
        cases["spectral"] = Case("Spectral", spectral_command(path))
    for case in cases.values():
        case.label = f"{path.name}: {case.label}"
    return cases


def compile_bytecode() -> None:
    """Write flowlint's .pyc files, as installing the package does (PYTHONDONTWRITEBYTECODE keeps
    an editable install from writing them, and every run would compile its modules again)."""
    import flowlint

    package = Path(flowlint.__file__).parent
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(package)],
        check=True,
        stdout=subprocess.DEVNULL,
    )


def check_results(path: Path, expected: Counter[str] | None) -> tuple[bool, str]:
    """Run flowlint once with JSON output; compare the codes found with what was planted."""
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
        out = handle.name
    try:
        command = [*flowlint_command(), "check", str(path), "--format", "json", *size_option(path)]
        case = Case("results", command)
        measure_once(case, out)
        report = json.loads(Path(out).read_text(encoding="utf-8"))
    finally:
        os.unlink(out)
    found = Counter(f["code"] for f in report["findings"])
    shown = ", ".join(f"{code} x{count}" for code, count in sorted(found.items()))
    if expected is None:
        return True, f"{sum(found.values())} findings ({shown})"
    if found == expected:
        many = ", ".join(f"{code} x{n:,}" for code, n in sorted(found.items()) if n > 1)
        counts = f" ({many})" if many else ""
        return True, f"the {sum(found.values()):,} planted findings{counts}, no others"
    return False, f"expected {dict(sorted(expected.items()))}, found {dict(sorted(found.items()))}"


# ----------------------------------------------------------------------------- machine


def machine() -> dict[str, str]:
    """What the numbers were measured on."""
    cpu = platform.processor() or platform.machine()
    memory = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    except OSError:
        pass
    import yaml

    return {
        "cpu": f"{cpu}, {os.cpu_count()} logical cores",
        "memory": memory or "unknown",
        "os": platform.platform(),
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "pyyaml": f"{yaml.__version__} (libyaml C loader: {hasattr(yaml, 'CSafeLoader')})",
    }


def load_average() -> str:
    try:
        return ", ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "unknown"


# ----------------------------------------------------------------------------- reporting


def seconds_cell(case: Case | None) -> str:
    if case is None or not case.samples:
        return "-"
    return f"{case.seconds:.3f} (±{spread(case.samples) * 50:.0f}%, n={len(case.samples)})"


def _ratio_cell(numerator: Case | None, denominator: Case | None, digits: int = 2) -> str:
    if numerator is None or denominator is None or not numerator.samples:
        return "-"
    return f"{ratio(numerator.seconds, denominator.seconds):.{digits}f}"


def render(results: dict[str, object]) -> str:
    """The Markdown block written to docs/performance.md and printed."""
    rows: list[dict[str, object]] = results["rows"]  # type: ignore[assignment]
    startup: dict[str, Case] = results["startup"]  # type: ignore[assignment]
    lines = [
        f"Measured {results['date']} with `{results['command']}`.",
        "",
        "Machine: " + "; ".join(f"{k} {v}" for k, v in results["machine"].items()) + ".",  # type: ignore[union-attr]
        f"Load average (1, 5, 15 min) before: {results['load_before']}; "
        f"after: {results['load_after']}.",
        "",
        "Times are medians in seconds of n runs, each a separate process, with flowlint's "
        "bytecode compiled; ± is half the range (max - min) as a share of the median, a measure "
        "of how noisy the runs were. Peak memory is the child's maximum resident set size. "
        "flowlint checks the specs with many findings with `--format json`, the others with the "
        "default text format.",
        "",
        "| spec | size | flowlint check | bare CSafeLoader load | load, gc paused "
        "| check-jsonschema | yamllint | Spectral |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        cases: dict[str, Case] = row["cases"]  # type: ignore[assignment]
        lines.append(
            f"| {row['name']} | {row['bytes'] / 1e6:.2f} MB "  # type: ignore[operator]
            f"| {seconds_cell(cases.get('flowlint'))} | {seconds_cell(cases.get('load'))} "
            f"| {seconds_cell(cases.get('load_nogc'))} "
            f"| {seconds_cell(cases.get('check_jsonschema'))} "
            f"| {seconds_cell(cases.get('yamllint'))} "
            f"| {seconds_cell(cases.get('spectral'))} |"
        )
    lines += [
        "",
        "| spec | flowlint / load | flowlint / Spectral | check-jsonschema / flowlint "
        "| flowlint / yamllint | peak MiB flowlint | peak MiB load | peak flowlint / load "
        "| results |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    for row in rows:
        cases = row["cases"]  # type: ignore[assignment]
        lint, load = cases["flowlint"], cases["load"]
        lines.append(
            f"| {row['name']} | {_ratio_cell(lint, load)} "
            f"| {_ratio_cell(lint, cases.get('spectral'))} "
            f"| {_ratio_cell(cases.get('check_jsonschema'), lint, 1)} "
            f"| {_ratio_cell(lint, cases.get('yamllint'))} "
            f"| {lint.peak_mib:.0f} | {load.peak_mib:.0f} "
            f"| {ratio(lint.peak_mib, load.peak_mib):.2f} | {row['results']} |"
        )
    lines += [
        "",
        '| start-up | median s | ratio to `python -c "import typer"` | peak MiB |',
        "|---|---:|---:|---:|",
    ]
    base = startup["typer"]
    for key in ("typer", "version", "help"):
        case = startup[key]
        lines.append(
            f"| `{case.label}` | {seconds_cell(case)} | {ratio(case.seconds, base.seconds):.2f} "
            f"| {case.peak_mib:.0f} |"
        )
    lines += ["", "Targets:", ""]
    lines += [f"- {target}" for target in targets(results)]
    return "\n".join(lines) + "\n"


def _series_title(series: Series) -> str:
    return f" ({series.title})" if series.title else ""


def targets(results: dict[str, object]) -> list[str]:
    """Each target with its measured ratio and whether it is met."""
    rows: list[dict[str, object]] = results["rows"]  # type: ignore[assignment]
    startup: dict[str, Case] = results["startup"]  # type: ignore[assignment]
    found = []
    for series in SERIES.values():
        by_flows = {
            row["flows"]: row["cases"]
            for row in rows
            if row["flows"] and row["series"] == series.name
        }
        if not by_flows:
            continue
        where = _series_title(series)
        big = by_flows.get(TARGET_SIZE)
        if big:
            lint, load = big["flowlint"], big["load"]  # type: ignore[index]
            limit = TARGET_MANY_VS_LOAD if series.many_findings else TARGET_VS_LOAD
            command = "check --format json" if series.json else "check"
            value = ratio(lint.seconds, load.seconds)
            found.append(
                f"{TARGET_SIZE:,} flows{where}, flowlint {command} <= {limit} x bare load: "
                f"{value:.2f} x, **{verdict(value, limit)}**"
            )
            checker = big.get("check_jsonschema")  # type: ignore[attr-defined]
            if checker:
                value = ratio(checker.seconds, lint.seconds)
                found.append(
                    f"{TARGET_SIZE:,} flows{where}, check-jsonschema >= "
                    f"{TARGET_VS_CHECK_JSONSCHEMA:.0f} x flowlint check: {value:.1f} x, "
                    f"**{verdict(value, TARGET_VS_CHECK_JSONSCHEMA, at_most=False)}**"
                )
            rival = big.get("spectral")  # type: ignore[attr-defined]
            if rival:
                value = ratio(lint.seconds, rival.seconds)
                found.append(
                    f"{TARGET_SIZE:,} flows{where}, flowlint {command} <= {TARGET_VS_SPECTRAL} x "
                    f"Spectral with an equivalent ruleset: {value:.2f} x, "
                    f"**{verdict(value, TARGET_VS_SPECTRAL)}**"
                )
            elif series.baselines == ("spectral",):
                found.append(
                    f"{TARGET_SIZE:,} flows{where}, flowlint {command} <= {TARGET_VS_SPECTRAL} x "
                    "Spectral: **not measured** (Spectral is not installed: "
                    f"{SPECTRAL_INSTALL})"
                )
        for flows, cases in sorted(by_flows.items()):
            if flows < TARGET_SIZE:
                continue
            lint, load = cases["flowlint"], cases["load"]  # type: ignore[index]
            value = ratio(lint.peak_mib, load.peak_mib)
            found.append(
                f"{flows:,} flows{where}, peak memory <= bare load's: {lint.peak_mib:.0f} MiB vs "
                f"{load.peak_mib:.0f} MiB ({value:.2f} x), **{verdict(value, TARGET_MEMORY)}**"
            )
        seconds = {n: cases["flowlint"].seconds for n, cases in by_flows.items()}  # type: ignore[index]
        peaks = {n: cases["flowlint"].peak_mib for n, cases in by_flows.items()}  # type: ignore[index]
        what = "flows and findings" if series.many_findings else "flows"
        for (small, large, value), (_, _, memory) in zip(
            growth(seconds), growth(peaks), strict=True
        ):
            found.append(
                f"growth{where} {small:,} -> {large:,} {what} <= {TARGET_GROWTH:.0f} x the time "
                f"and memory: {value:.2f} x the time, {memory:.2f} x the memory, "
                f"**{verdict(max(value, memory), TARGET_GROWTH)}**"
            )
    bundled = next(row["cases"] for row in rows if not row["flows"])
    linter = bundled.get("yamllint")  # type: ignore[attr-defined]
    if linter:
        lint = bundled["flowlint"]  # type: ignore[index]
        value = ratio(lint.seconds, linter.seconds)
        found.append(
            f"bundled spec, flowlint check <= {TARGET_VS_YAMLLINT} x yamllint (bytecode compiled): "
            f"{value:.2f} x, **{verdict(value, TARGET_VS_YAMLLINT)}**"
        )
    for key, name in (("version", "--version"), ("help", "--help")):
        value = ratio(startup[key].seconds, startup["typer"].seconds)
        found.append(
            f'`flowlint {name}` <= {TARGET_STARTUP} x `python -c "import typer"`: '
            f"{value:.2f} x, **{verdict(value, TARGET_STARTUP)}**"
        )
    return found


def write_doc(block: str, path: Path = DOC) -> None:
    """Put `block` between the markers of docs/performance.md (creating it if need be)."""
    if path.exists():
        text = path.read_text(encoding="utf-8")
    else:
        text = f"# Performance\n\n{BEGIN}\n{END}\n"
    head, begin, rest = text.partition(BEGIN)
    _, end, tail = rest.partition(END)
    if not begin or not end:
        raise SystemExit(f"{path}: the markers {BEGIN} and {END} are missing")
    path.write_text(f"{head}{BEGIN}\n{block}{END}{tail}", encoding="utf-8")


# ----------------------------------------------------------------------------- main


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark flowlint (issues 5 and 16 targets).")
    parser.add_argument("--reps", type=int, default=5, help="repetitions per command (default 5)")
    parser.add_argument(
        "--sizes",
        default=",".join(str(n) for n in DEFAULT_SIZES),
        help="flows in the generated specs, comma-separated (default 500,5000,50000)",
    )
    parser.add_argument(
        "--series",
        default=",".join(SERIES),
        help=f"kinds of generated spec, comma-separated (default {','.join(SERIES)})",
    )
    parser.add_argument("--huge", action="store_true", help=f"also run {HUGE:,} flows")
    parser.add_argument(
        "--baselines-up-to",
        type=int,
        default=50_000,
        help="run check-jsonschema, yamllint and Spectral only up to this many flows "
        "(default 50000)",
    )
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-write", action="store_true", help="do not update the doc")
    parser.add_argument("--doc", type=Path, default=DOC, help="Markdown file to update")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    if args.huge and HUGE not in sizes:
        sizes.append(HUGE)
    chosen = [name.strip() for name in args.series.split(",") if name.strip()]
    unknown = [name for name in chosen if name not in SERIES]
    if unknown:
        parser.error(f"unknown series {', '.join(unknown)}: choose from {', '.join(SERIES)}")
    command = "python bench/run.py " + " ".join(argv if argv is not None else sys.argv[1:])
    results: dict[str, object] = {
        "date": time.strftime("%Y-%m-%d %H:%M %Z"),
        "command": command.strip(),
        "machine": machine(),
        "load_before": load_average(),
    }
    missing = [name for name in ("check-jsonschema", "yamllint") if tool(name) is None]
    if missing:
        print(
            f"note: {', '.join(missing)} not installed: pip install -e '.[bench]'", file=sys.stderr
        )
    if spectral() is None:
        print(f"note: Spectral is not installed: {SPECTRAL_INSTALL}", file=sys.stderr)
    compile_bytecode()
    ok = True
    with tempfile.TemporaryDirectory(prefix="flowlint-bench-") as tmp:
        # Warm-up: fill the page cache and load every tool once, untimed.
        warm = file_cases(BUNDLED, with_baselines=True)
        for case in warm.values():
            measure_once(case)
        startup = {
            "typer": Case('python -c "import typer"', [sys.executable, "-c", "import typer"]),
            "version": Case("flowlint --version", [*flowlint_command(), "--version"]),
            "help": Case("flowlint --help", [*flowlint_command(), "--help"]),
        }
        rows: list[dict[str, object]] = []
        passed, note = check_results(BUNDLED, None)
        rows.append(
            {
                "name": f"bundled ({BUNDLED.name})",
                "series": "",
                "flows": 0,
                "bytes": BUNDLED.stat().st_size,
                "cases": file_cases(BUNDLED, with_baselines=True),
                "results": note,
            }
        )
        print("startup and bundled spec", file=sys.stderr)
        run_rounds([*startup.values(), *rows[0]["cases"].values()], args.reps)  # type: ignore[union-attr]
        for name in chosen:
            series = SERIES[name]
            for flows in sizes:
                if flows == HUGE and series.name != "plain":
                    continue  # the largest spec: the project's own series only
                spec = generate(
                    flows,
                    args.seed,
                    format_1_1=series.format_1_1,
                    many_findings=series.many_findings,
                )
                path = Path(tmp, f"spec-{series.name}-{flows}.yaml")
                path.write_text(spec.text, encoding="utf-8")
                passed, note = check_results(path, spec.expected)
                ok = ok and passed
                cases = file_cases(path, flows <= args.baselines_up_to, series)
                print(
                    f"{flows:,} flows{_series_title(series)} ({len(spec.text) / 1e6:.1f} MB): "
                    f"{note}",
                    file=sys.stderr,
                )
                run_rounds(list(cases.values()), args.reps)
                rows.append(
                    {
                        "name": f"{flows:,} flows{_series_title(series)}",
                        "series": series.name,
                        "flows": flows,
                        "bytes": len(spec.text.encode("utf-8")),
                        "cases": cases,
                        "results": note if passed else f"**WRONG**: {note}",
                    }
                )
        results["rows"] = rows
        results["startup"] = startup
        results["load_after"] = load_average()
        for row in rows:
            lint = row["cases"]["flowlint"]  # type: ignore[index]
            if lint.returncodes - {0, 1}:
                ok = False
                print(f"flowlint failed on {row['name']}: {lint.last_stderr}", file=sys.stderr)
        block = render(results)
    print(block)
    if not args.no_write:
        write_doc(block, args.doc)
        print(f"wrote {args.doc}", file=sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
