"""`flowlint schema` and `flowlint init` on real output."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from flowlint.cli import app
from flowlint.commands.init import STARTER
from flowlint.testing import lint_text
from tests.conftest import ROOT

runner = CliRunner()


def test_schema_prints_the_bundled_schema() -> None:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    on_disk = (ROOT / "schemas" / "flowlint-v1.schema.json").read_text(encoding="utf-8")
    assert result.stdout.rstrip("\n") == on_disk.rstrip("\n")
    schema = json.loads(result.stdout)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["required"] == ["flowlint"]


def test_readme_shows_the_editor_schema_line() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Editor support\n", 1)[1].split("\n## ", 1)[0]
    line = "# yaml-language-server: $schema=../schemas/flowlint-v1.schema.json"
    assert line in section
    # The relative path in the line is right for a spec file in specs/.
    assert (ROOT / "specs" / "../schemas/flowlint-v1.schema.json").is_file()
    assert "flowlint schema > flowlint.schema.json" in section


def test_a_spec_starting_with_the_editor_line_lints_the_same() -> None:
    spec = (ROOT / "specs" / "becoming-a-teacher.yaml").read_text(encoding="utf-8")
    with_line = "# yaml-language-server: $schema=../schemas/flowlint-v1.schema.json\n" + spec
    before = [(f.code, f.location.line - 1) for f in lint_text(spec)]
    after = [(f.code, f.location.line - 2) for f in lint_text(with_line)]
    assert before == after


def test_the_starter_spec_lints_clean_under_every_rule() -> None:
    assert [(f.code, f.message) for f in lint_text(STARTER, select=["ALL"])] == []


def test_init_writes_the_starter_and_check_reads_it_by_default(tmp_path: Path) -> None:
    result = runner.invoke(app, ["init", str(tmp_path / "project")])
    assert result.exit_code == 0, result.stderr
    target = tmp_path / "project" / "specs" / "service-line.yaml"
    assert target.read_text(encoding="utf-8") == STARTER
    assert result.stdout == (
        f"Created {target.as_posix()}: describe your service line there, then run "
        f"'flowlint check {(tmp_path / 'project' / 'specs').as_posix()}'.\n"
    )
    # From the project directory, `flowlint check` with no PATH finds it and is clean.
    done = subprocess.run(
        [sys.executable, "-m", "flowlint", "check", "--select", "ALL"],
        cwd=tmp_path / "project",
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
        check=False,
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, "No findings in 1 file.\n", "")


def test_init_in_the_current_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["init"])
    assert result.exit_code == 0
    assert result.stdout == (
        "Created specs/service-line.yaml: describe your service line there, then run "
        "'flowlint check'.\n"
    )
    assert (tmp_path / "specs" / "service-line.yaml").is_file()


def test_init_refuses_to_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "specs" / "service-line.yaml"
    target.parent.mkdir()
    target.write_text("mine\n", encoding="utf-8")
    result = runner.invoke(app, ["init", str(tmp_path)])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"flowlint: error: {target.as_posix()} already exists; "
        "flowlint init never overwrites a file\n"
    )
    assert target.read_text(encoding="utf-8") == "mine\n"
