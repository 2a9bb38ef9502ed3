"""Shared fixtures: paths into the repository and a writer for temporary spec files."""

from __future__ import annotations

import os
import textwrap
from pathlib import Path

import pytest
from hypothesis import settings

# Property tests: `ci` (the default) is derandomised, a fixed seed, so CI runs are repeatable;
# `long` explores far more examples with a fresh seed each run (see tests/test_properties.py).
settings.register_profile("ci", derandomize=True, database=None, deadline=None)
settings.register_profile("long", max_examples=2000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

# tests/needs.py: in CI (FLOWLINT_REQUIRE=all) a skipped test fails, with its reason.
pytest_plugins = ["tests.needs"]

ROOT = Path(__file__).resolve().parent.parent
BUNDLED_SPEC = ROOT / "specs" / "becoming-a-teacher.yaml"


@pytest.fixture(autouse=True)
def _no_user_configuration(tmp_path_factory: pytest.TempPathFactory, monkeypatch) -> None:
    """The tester's own ~/.config/flowlint/config.toml (which may allow local rules) never
    applies: each test sees an empty user configuration folder."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("user-config")))


@pytest.fixture
def write_spec(tmp_path: Path):
    """Write dedented YAML text to a file under tmp_path and return its path."""

    def write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return write
