"""The built wheel ships the JSON Schema, and flowlint run from the wheel finds it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import BUNDLED_SPEC, ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "-q",
            "-w",
            str(out),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    (built,) = out.glob("flowlint-*.whl")
    return built


def test_wheel_contains_the_schema(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert "flowlint/schemas/flowlint-v1.schema.json" in names
    assert "flowlint/docs/rules.md" in names  # the language server links its diagnostics here
    assert "flowlint/cli.py" in names
    source = json.loads((ROOT / "schemas" / "flowlint-v1.schema.json").read_text("utf-8"))
    packed = json.loads(zipfile.ZipFile(wheel).read("flowlint/schemas/flowlint-v1.schema.json"))
    assert packed == source


def test_flowlint_from_the_wheel_finds_its_schema(wheel: Path, tmp_path: Path) -> None:
    unpacked = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(unpacked)
    bad = tmp_path / "bad.yaml"
    bad.write_text("flowlint: 1\nservices:\n  publish: {name: Publish, kind: servcie}\n", "utf-8")
    # The unpacked wheel comes first on the path, ahead of the editable source checkout,
    # and the working directory is elsewhere, so only the packaged schema can be found.
    env = {**os.environ, "PYTHONPATH": str(unpacked), "NO_COLOR": "1"}
    probe = subprocess.run(
        [sys.executable, "-c", "import flowlint.schema as s; print(s.__file__); s.spec_schema()"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=60,
        check=True,
    )
    assert probe.stdout.startswith(str(unpacked))
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "flowlint",
            "check",
            str(bad),
            str(BUNDLED_SPEC),
            "--select",
            "FL003",
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=60,
    )
    assert result.returncode == 1, result.stderr
    assert (
        "bad.yaml:3:28: error FL003 [schema] 'kind' of service 'publish' is 'servcie'"
        in result.stdout
    )
