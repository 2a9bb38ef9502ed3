"""Time one flowlint command across git revisions, side by side: what a change bought.

    .venv/bin/python bench/compare.py --rev HEAD~1 --rev HEAD --flows 50000 --reps 5
    .venv/bin/python bench/compare.py --rev HEAD~1 --rev . -- --version

Each revision is checked out into a temporary git worktree and run as `python -m flowlint` from
that worktree (`.` is the working tree as it is, uncommitted changes included), all with this
interpreter and its installed dependencies. Each one's bytecode is compiled first (`compileall`):
with PYTHONDONTWRITEBYTECODE set, as on the benchmark machine, every run would otherwise compile
flowlint's modules again, as an installed package never does. Runs are interleaved, one of
each revision per round, and the medians are printed with each revision's ratio to the first.
Without `--` arguments the command is `check FILE` on a generated spec of `--flows` flows (or the
bundled spec with `--flows 0`).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from generate import generate  # noqa: E402
from run import median, ratio, spread  # noqa: E402


def checkout(rev: str, into: Path) -> Path:
    """A worktree of `rev` (or the working tree itself for '.')."""
    if rev == ".":
        return ROOT
    target = into / rev.replace("/", "_").replace("~", "-").replace("^", "-")
    subprocess.run(
        ["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q", str(target), rev],
        check=True,
    )
    return target


def compile_bytecode(source: Path) -> None:
    """Write the .pyc files of flowlint in `source`, as installing a package does."""
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(source / "flowlint")],
        check=True,
        stdout=subprocess.DEVNULL,
    )


def measure(source: Path, args: list[str]) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(source)}
    wrapper = [sys.executable, str(ROOT / "bench" / "measure.py"), "-"]
    command = [sys.executable, "-m", "flowlint", *args]
    # Run from the source tree: `python -m` puts the current directory first on sys.path.
    done = subprocess.run(
        [*wrapper, *command], env=env, cwd=source, capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rev", action="append", required=True, help="a git revision, or '.'")
    parser.add_argument("--flows", type=int, default=50_000, help="0 for the bundled spec")
    parser.add_argument(
        "--many-findings", action="store_true", help="the generated spec with many findings"
    )
    parser.add_argument("--format-1-1", action="store_true", help="a format 1.1 generated spec")
    parser.add_argument("--json", action="store_true", help="check --format json")
    parser.add_argument("--reps", type=int, default=5)
    parser.add_argument("command", nargs="*", help="flowlint arguments (after --)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="flowlint-compare-") as tmp:
        tmp_path = Path(tmp)
        if args.command:
            command = args.command
        elif args.flows:
            spec = tmp_path / f"spec-{args.flows}.yaml"
            generated = generate(
                args.flows, format_1_1=args.format_1_1, many_findings=args.many_findings
            )
            spec.write_text(generated.text, encoding="utf-8")
            command = ["check", str(spec), *(["--format", "json"] if args.json else [])]
        else:
            command = ["check", str(ROOT / "specs" / "becoming-a-teacher.yaml")]
            command += ["--format", "json"] if args.json else []
        sources = {}
        try:
            for rev in args.rev:
                sources[rev] = checkout(rev, tmp_path)
                compile_bytecode(sources[rev])
            for source in sources.values():
                measure(source, command)  # warm-up: bytecode, page cache
            walls: dict[str, list[float]] = {rev: [] for rev in sources}
            cpus: dict[str, list[float]] = {rev: [] for rev in sources}
            peaks: dict[str, list[int]] = {rev: [] for rev in sources}
            for _ in range(args.reps):
                for rev, source in sources.items():
                    result = measure(source, command)
                    walls[rev].append(result["seconds"])
                    cpus[rev].append(result["cpu_seconds"])
                    peaks[rev].append(result["max_rss_kib"])
        finally:
            for source in sources.values():
                if source != ROOT:
                    subprocess.run(
                        ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(source)],
                        check=False,
                    )
    first = args.rev[0]
    shown = " ".join(command).replace(str(tmp_path) + "/", "")
    print(f"flowlint {shown}: medians of {args.reps} interleaved runs")
    print("| revision | wall s | cpu s | vs first (wall) | peak MiB |")
    print("|---|---:|---:|---:|---:|")
    for rev in args.rev:
        wall, cpu = median(walls[rev]), median(cpus[rev])
        print(
            f"| {rev} | {wall:.3f} (±{spread(walls[rev]) * 50:.0f}%) | {cpu:.3f} "
            f"| {ratio(wall, median(walls[first])):.2f} | {max(peaks[rev]) / 1024:.0f} |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
