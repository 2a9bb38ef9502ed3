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
