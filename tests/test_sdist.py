"""The source distribution ships every file the repository tracks, so that its tests, which
read the docs, tools and benchmark files, run from an unpacked sdist."""

from __future__ import annotations

import shutil
import subprocess
import tarfile
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.skipif(
    shutil.which("git") is None or not (ROOT / ".git").exists(),
    reason="needs the git checkout to know which files are tracked",
)


def test_the_sdist_holds_every_tracked_file(tmp_path: Path) -> None:
    from hatchling.builders.sdist import SdistBuilder

    built = Path(next(iter(SdistBuilder(str(ROOT)).build(directory=str(tmp_path)))))
    with tarfile.open(built) as archive:
        top = archive.getnames()[0].split("/")[0]
        shipped = {name.removeprefix(top + "/") for name in archive.getnames()}
    tracked = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True, text=True
    ).stdout.split("\0")
    missing = sorted(
        name for name in filter(None, tracked) if name not in shipped and (ROOT / name).is_file()
    )
    assert missing == []
    assert "PKG-INFO" in shipped
