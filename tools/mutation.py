"""Mutation testing of one core module against its own tests, with mutmut (docs/testing.md).

    python tools/mutation.py flowlint/baseline.py          # run (resumes where it left off)
    python tools/mutation.py flowlint/baseline.py --show   # the diff of each survivor
    python tools/mutation.py --list                        # the modules and their tests

Each module runs in a copy of the repository under .mutation/<module>/ (git-ignored), so
several modules can run at once and a second run only re-tests what changed. The module's
tests are named in tools/mutation.toml; mutants that no test can tell apart from the original
(equivalent mutants) are listed there with a one-line reason and counted apart. The score is
killed / (mutants - equivalent); a listed equivalent that a test now kills is reported, so the
list cannot go stale.
"""

from __future__ import annotations

import argparse
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


def prepare(module: str, tests: list[str]) -> Path:
    """Copy the tracked files into .mutation/<module>/ and point mutmut at the module."""
    workdir = WORK / module.replace("/", "_").removesuffix(".py")
    tracked = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        check=True,
        capture_output=True,
    ).stdout.decode().split("\0")
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


def score(module: str, workdir: Path, config: dict) -> Score:
    """Read mutmut's results for the module from its .meta file."""
    meta = json.loads((workdir / "mutants" / (module + ".meta")).read_text(encoding="utf-8"))
    codes = meta["exit_code_by_key"]
    listed = config.get("equivalent", {})
    equivalent = tuple(sorted(k for k, c in codes.items() if k in listed and c in SURVIVED_CODES))
    killed_equivalents = tuple(
        sorted(k for k, c in codes.items() if k in listed and c in KILLED_CODES)
    )
    survived = tuple(
        sorted(k for k, c in codes.items() if c in SURVIVED_CODES and k not in listed)
    )
    killed = sum(1 for c in codes.values() if c in KILLED_CODES)
    unchecked = sum(1 for c in codes.values() if c is None)
    return Score(module, len(codes), killed, equivalent, survived, killed_equivalents, unchecked)


def main(argv: list[str] | None = None) -> int:
    """Run one module's mutants and print its score, its survivors and stale equivalents."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("module", nargs="?", help="e.g. flowlint/baseline.py")
    parser.add_argument("--show", action="store_true", help="print each survivor's diff")
    parser.add_argument("--list", action="store_true", help="list the modules and their tests")
    parser.add_argument("--max-children", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args(argv)
    config = load_config()
    if args.list:
        for module, tests in config.get("modules", {}).items():
            print(f"{module}: {' '.join(tests)}")
        return 0
    if not args.module:
        parser.error("name a module, e.g. flowlint/baseline.py")
    module = args.module
    tests = tests_for(module, config)
    workdir = prepare(module, tests)
    log = workdir / "mutmut-run.log"
    run = mutmut(workdir, "run", "--max-children", str(args.max_children), log=log)
    if run.returncode != 0:
        print(f"mutmut run failed with exit code {run.returncode}; see {log}", file=sys.stderr)
        return 2
    result = score(module, workdir, config)
    print("| module | mutants | killed | equivalent | survived | score |")
    print("|---|---|---|---|---|---|")
    print(result.row())
    for name in result.survived:
        print(f"survived: {name}")
        if args.show:
            mutmut(workdir, "show", name)
    for name in result.killed_equivalents:
        print(f"listed as equivalent but killed (remove it from tools/mutation.toml): {name}")
    return 0 if not result.killed_equivalents else 1


if __name__ == "__main__":
    raise SystemExit(main())
