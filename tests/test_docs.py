"""Command output shown in README.md and docs/ is what the commands print today."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT


def test_generated_blocks_in_the_docs_are_up_to_date() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "docsync.py"), "--check"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_readme_starts_with_the_two_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    # The README's test command is exactly what CI runs.
    test_command = ci.strip().splitlines()[-1]
    quick_start = readme.split("\n## ")[1]
    assert quick_start.startswith("Quick start")
    assert test_command in quick_start
    assert ".venv/bin/flowlint check specs/" in quick_start


def test_the_quick_start_says_right_under_the_first_command_that_it_exits_1() -> None:
    import subprocess as run

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quick_start = readme.split("\n## ")[1]
    lines = quick_start.split("```sh\n", 1)[1].split("```", 1)[0].splitlines()
    first = next(i for i, line in enumerate(lines) if line.endswith("flowlint check specs/"))
    assert "exits 1 on purpose" in lines[first + 1]
    # And it does: findings, not a failed install.
    done = run.run(
        [sys.executable, "-m", "flowlint", "check", "specs/", "-q"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert (done.returncode, done.stderr) == (1, "")
