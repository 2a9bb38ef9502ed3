"""Shared fixtures: paths into the repository and a writer for temporary spec files."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BUNDLED_SPEC = ROOT / "specs" / "becoming-a-teacher.yaml"


@pytest.fixture
def write_spec(tmp_path: Path):
    """Write dedented YAML text to a file under tmp_path and return its path."""

    def write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return write
