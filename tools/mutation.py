"""Mutation testing of one core module against its own tests, with mutmut (docs/testing.md).

    python tools/mutation.py flowlint/baseline.py          # run (resumes where it left off)
    python tools/mutation.py flowlint/baseline.py --show   # the diff of each survivor
    python tools/mutation.py --all --fresh                 # every core module, from scratch
    python tools/mutation.py --list                        # the modules and their tests
    python tools/mutation.py --table                       # the recorded scores (docs/testing.md)

Each module runs in a copy of the repository under .mutation/<module>/ (git-ignored), so
several modules can run at once and a second run only re-tests what changed. The module's
tests are named in tools/mutation.toml; mutants that no test can tell apart from the original
(equivalent mutants) are listed there with a one-line reason and counted apart. The score is
killed / (mutants - equivalent); a listed equivalent that a test now kills is reported, so the
list cannot go stale. Each run records the module's score in tools/mutation-scores.json, which
docs/testing.md shows (`--table`, kept current by tools/docsync.py).
"""

from __future__ import annotations

import argparse
import datetime
import importlib.metadata
import json
import os
import shutil
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "tools" / "mutation.toml"
WORK = ROOT / ".mutation"
SCORES = ROOT / "tools" / "mutation-scores.json"

# mutmut's exit codes per mutant (mutmut/stats.py): 1 and 3 are a failing test run, 36 and the
# signals are timeouts (an infinite loop caught is a kill too); 0 is a survivor and 5/33 mean
# that no test runs the mutated function, which is a survivor as well.
KILLED_CODES = {1, 3, 36, 24, -24, 152, 255, 37}
SURVIVED_CODES = {0, 5, 33}


@dataclass(frozen=True)
class Score:
    """The outcome of one module's run."""

    module: str
    mutants: int
    killed: int
    equivalent: tuple[str, ...]
    survived: tuple[str, ...]
    killed_equivalents: tuple[str, ...]
    unchecked: int

    @property
    def percent(self) -> float:
        judged = self.mutants - len(self.equivalent) - self.unchecked
        return 100.0 if judged <= 0 else 100.0 * self.killed / judged

    def row(self) -> str:
        """The module's row of the table in docs/testing.md."""
        if self.mutants == 0:
            return f"| `{self.module}` | 0 | | | | nothing to mutate |"
        return (
            f"| `{self.module}` | {self.mutants} | {self.killed} | {len(self.equivalent)} | "
            f"{len(self.survived)} | {self.percent:.1f}% |"
        )


def load_config() -> dict:
    """tools/mutation.toml: [modules] module -> test files; [equivalent] mutant -> reason."""
    return tomllib.loads(CONFIG.read_text(encoding="utf-8"))


def tests_for(module: str, config: dict) -> list[str]:
    """The test files that a module is measured against: a rule module by its own test file."""
    named = config.get("modules", {}).get(module)
    if named is not None:
        return list(named)
    path = Path(module)
    if path.parent == Path("flowlint/rules"):
        return [f"tests/rules/test_{path.stem}.py"]
    raise SystemExit(f"{module}: not in tools/mutation.toml [modules]; name its tests there")


def workdir_of(module: str) -> Path:
    """The module's copy of the repository, under .mutation/."""
    return WORK / module.replace("/", "_").removesuffix(".py")


def prepare(module: str, tests: list[str]) -> Path:
    """Copy the tracked files into .mutation/<module>/ and point mutmut at the module."""
    workdir = workdir_of(module)
    tracked = (
        subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
        .stdout.decode()
        .split("\0")
    )
    for name in filter(None, tracked):
        source, target = ROOT / name, workdir / name
        if not source.is_file():
            continue
        if target.is_file() and target.read_bytes() == source.read_bytes():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target)
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    settings = tomllib.loads(pyproject)["tool"]["mutmut"]
    settings |= {"only_mutate": [module], "pytest_add_cli_args_test_selection": tests}
    start = pyproject.index("[tool.mutmut]")
    end = pyproject.find("\n[", start)
    rest = "" if end == -1 else pyproject[end:]
    pyproject = pyproject[:start] + rest + "\n[tool.mutmut]\n"
    pyproject += "".join(f"{key} = {json.dumps(value)}\n" for key, value in settings.items())
    (workdir / "pyproject.toml").write_text(pyproject, encoding="utf-8")
    return workdir


def mutmut(workdir: Path, *args: str, log: Path | None = None) -> subprocess.CompletedProcess:
    """Run mutmut from the venv that runs this script, inside the module's copy; with `log`,
    its progress display goes to that file instead of the terminal."""
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    command = [sys.executable, "-m", "mutmut", *args]
    if log is None:
        return subprocess.run(command, cwd=workdir, env=env, text=True, check=False)
    with log.open("w", encoding="utf-8") as out:
        return subprocess.run(
            command, cwd=workdir, env=env, text=True, check=False, stdout=out, stderr=out
        )


def nothing_to_mutate(module: str, workdir: Path) -> bool:
    """Whether mutmut found nothing to change in the module (a rule whose check is `yield from
    ()`, its work done elsewhere): mutmut then stops with exit code 1, having no test to run."""
    meta_path = workdir / "mutants" / (module + ".meta")
    if not meta_path.exists():
        return False
    return not json.loads(meta_path.read_text(encoding="utf-8"))["exit_code_by_key"]


def forget_survivors(module: str, workdir: Path) -> None:
    """Mark the last run's survivors unchecked, so this run tests them again: mutmut re-tests
    a mutant when its function changes, not when a test is added to kill it."""
    meta_path = workdir / "mutants" / (module + ".meta")
    if not meta_path.exists():
        return
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    codes = meta["exit_code_by_key"]
    for name, code in codes.items():
        if code in SURVIVED_CODES:
            codes[name] = None
    meta_path.write_text(json.dumps(meta), encoding="utf-8")


def score(module: str, workdir: Path, config: dict) -> Score:
    """Read mutmut's results for the module from its .meta file."""
    meta = json.loads((workdir / "mutants" / (module + ".meta")).read_text(encoding="utf-8"))
    codes = meta["exit_code_by_key"]
    listed = config.get("equivalent", {})
    equivalent = tuple(sorted(k for k, c in codes.items() if k in listed and c in SURVIVED_CODES))
    killed_equivalents = tuple(
        sorted(k for k, c in codes.items() if k in listed and c in KILLED_CODES)
    )
    survived = tuple(sorted(k for k, c in codes.items() if c in SURVIVED_CODES and k not in listed))
    killed = sum(1 for c in codes.values() if c in KILLED_CODES)
    unchecked = sum(1 for c in codes.values() if c is None)
    return Score(module, len(codes), killed, equivalent, survived, killed_equivalents, unchecked)


def core_modules(config: dict) -> list[str]:
    """Every module the project keeps a score for: those named in [modules] and every rule."""
    rules = sorted(
        f"flowlint/rules/{path.name}"
        for path in (ROOT / "flowlint" / "rules").glob("*.py")
        if path.name != "__init__.py"
    )
    return sorted(set(config.get("modules", {})) | set(rules))


def record(result: Score) -> None:
    """Keep the module's latest measured score in tools/mutation-scores.json."""
    scores = json.loads(SCORES.read_text(encoding="utf-8")) if SCORES.exists() else {}
    scores[result.module] = {
        "mutants": result.mutants,
        "killed": result.killed,
        "equivalent": len(result.equivalent),
        "survived": len(result.survived),
        "score": round(result.percent, 1),
        "measured": datetime.date.today().isoformat(),
        "mutmut": importlib.metadata.version("mutmut"),
    }
    SCORES.write_text(json.dumps(scores, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def table(config: dict) -> str:
    """The table of docs/testing.md: each core module's last measured score."""
    scores = json.loads(SCORES.read_text(encoding="utf-8")) if SCORES.exists() else {}
    lines = [
        "| module | mutants | killed | equivalent | survived | score | measured |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    total = {"mutants": 0, "killed": 0, "equivalent": 0, "survived": 0}
    for module in core_modules(config):
        entry = scores.get(module)
        if entry is None:
            lines.append(f"| `{module}` | not measured | | | | | |")
            continue
        if entry["mutants"] == 0:
            lines.append(f"| `{module}` | 0 | | | | nothing to mutate | {entry['measured']} |")
            continue
        for key in total:
            total[key] += entry[key]
        lines.append(
            f"| `{module}` | {entry['mutants']} | {entry['killed']} | {entry['equivalent']} | "
            f"{entry['survived']} | {entry['score']:.1f}% | {entry['measured']} |"
        )
    judged = total["mutants"] - total["equivalent"]
    overall = 100.0 * total["killed"] / judged if judged else 100.0
    lines.append(
        f"| all | {total['mutants']} | {total['killed']} | {total['equivalent']} | "
        f"{total['survived']} | {overall:.1f}% | |"
    )
    return "\n".join(lines)


def equivalents(config: dict) -> str:
    """The equivalent mutants and why each is one, by module."""
    lines = []
    for name, reason in sorted(config.get("equivalent", {}).items()):
        lines.append(f"- `{name}`: {reason}")
    return "\n".join(lines) if lines else "(none)"


def measure(module: str, config: dict, max_children: int, show: bool, fresh: bool) -> int:
    """Run one module's mutants, record and print its score, survivors and stale equivalents."""
    tests = tests_for(module, config)
    if fresh:
        shutil.rmtree(workdir_of(module), ignore_errors=True)
    workdir = prepare(module, tests)
    forget_survivors(module, workdir)
    # mutmut maps each function to the tests that call it once, in its first run: a function
    # added since would have no tests and all its mutants would survive. Map them again.
    (workdir / "mutants" / "mutmut-stats.json").unlink(missing_ok=True)
    log = workdir / "mutmut-run.log"
    run = mutmut(workdir, "run", "--max-children", str(max_children), log=log)
    if run.returncode != 0 and not nothing_to_mutate(module, workdir):
        print(f"{module}: mutmut run failed with exit code {run.returncode}; see {log}")
        return 2
    result = score(module, workdir, config)
    record(result)
    print(result.row(), flush=True)
    for name in result.survived:
        print(f"survived: {name}", flush=True)
        if show:
            mutmut(workdir, "show", name)
    for name in result.killed_equivalents:
        print(f"listed as equivalent but killed (remove it from tools/mutation.toml): {name}")
    missing = unknown_equivalents(module, workdir, config)
    for name in missing:
        print(f"listed as equivalent but no such mutant (the code changed; check it): {name}")
    return 1 if result.killed_equivalents or missing else 0


def unknown_equivalents(module: str, workdir: Path, config: dict) -> list[str]:
    """Mutants of `module` listed as equivalent that its last run did not make: a change to a
    function renumbers its mutants, so a listed name may now be another mutant or none."""
    meta = json.loads((workdir / "mutants" / (module + ".meta")).read_text(encoding="utf-8"))
    dotted = module.removesuffix(".py").replace("/", ".").removesuffix(".__init__") + ".x"
    return sorted(
        name
        for name in config.get("equivalent", {})
        if name.startswith(dotted) and name not in meta["exit_code_by_key"]
    )


def main(argv: list[str] | None = None) -> int:
    """Measure the named modules (or all of them), or print the recorded table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="*", help="e.g. flowlint/baseline.py")
    parser.add_argument("--all", action="store_true", help="measure every core module")
    parser.add_argument("--show", action="store_true", help="print each survivor's diff")
    parser.add_argument(
        "--fresh",
        action="store_true",
        help="forget earlier runs (a removed test may have been all that killed a mutant)",
    )
    parser.add_argument("--list", action="store_true", help="list the modules and their tests")
    parser.add_argument("--table", action="store_true", help="print the recorded scores")
    parser.add_argument("--equivalents", action="store_true", help="list equivalent mutants")
    parser.add_argument("--max-children", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args(argv)
    config = load_config()
    if args.list:
        for module in core_modules(config):
            print(f"{module}: {' '.join(tests_for(module, config))}")
        return 0
    if args.table:
        print(table(config))
        return 0
    if args.equivalents:
        print(equivalents(config))
        return 0
    modules = core_modules(config) if args.all else args.modules
    if not modules:
        parser.error("name a module, e.g. flowlint/baseline.py, or --all")
    print("| module | mutants | killed | equivalent | survived | score |")
    print("|---|---|---|---|---|---|", flush=True)
    worst = 0
    for module in modules:
        worst = max(worst, measure(module, config, args.max_children, args.show, args.fresh))
    return worst


if __name__ == "__main__":
    raise SystemExit(main())
