"""The `flowlint` hook of .pre-commit-hooks.yaml, run by the real pre-commit framework.

A temporary git repository holds this checkout's files (so uncommitted work is what is tested) and
serves as the hook repository; a second one is a project set up as docs/ci.md says, with the
documented .pre-commit-config.yaml and `pre-commit autoupdate` line run as written, only the
repository URL pointing at the temporary hook repository instead of https://github.com/OWNER/. pre-commit builds its own environment
for the hook with pip (from the package registry), once for the module: about 20 s with a warm
pip cache, 40 s without. It runs in the default suite; `-m "not slow"` leaves it out.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT
from tests.shared import CLEAN, MIXED

DOCUMENTED_URL = "https://github.com/OWNER/flowlint"
# What pip needs to build and install flowlint from the hook repository.
HOOK_REPO_FILES = (
    "pyproject.toml",
    "README.md",
    ".pre-commit-hooks.yaml",
    "flowlint",
    "schemas",
    "docs/rules.md",  # the wheel ships it (the language server links to it)
)
# Signs in pre-commit's log that pip could not reach a package index.
OFFLINE = (
    "NewConnectionError",
    "Temporary failure in name resolution",
    "Network is unreachable",
    "No matching distribution found",
    "Could not find a version that satisfies",
)


def git(cwd: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", *args], cwd=cwd, capture_output=True, text=True, check=True, timeout=60
    )
    return done.stdout.strip()


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    home = tmp_path_factory.mktemp("pre-commit-home")
    identity = {"NAME": "flowlint tests", "EMAIL": "tests@flowlint.invalid"}
    return {
        **{k: v for k, v in os.environ.items() if not k.startswith(("GIT_", "PRE_COMMIT"))},
        "PRE_COMMIT_HOME": str(home),
        "NO_COLOR": "1",
        **{
            f"GIT_{who}_{what}": value
            for who in ("AUTHOR", "COMMITTER")
            for what, value in identity.items()
        },
    }


@pytest.fixture(scope="module")
def hook_repo(tmp_path_factory: pytest.TempPathFactory, env: dict[str, str]) -> tuple[Path, str]:
    """A git repository with this checkout's package and hook file, and its commit."""
    repo = tmp_path_factory.mktemp("hook-repo")
    for name in HOOK_REPO_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, repo / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            (repo / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, repo / name)
    git(repo, "init", "-q", "-b", "main")  # the branch docs/ci.md names
    git(repo, "add", ".")
    subprocess.run(["git", "commit", "-q", "-m", "hook"], cwd=repo, env=env, check=True, timeout=60)
    return repo, git(repo, "rev-parse", "HEAD")


@pytest.fixture(scope="module")
def project(
    tmp_path_factory: pytest.TempPathFactory, hook_repo: tuple[Path, str], env: dict[str, str]
) -> Path:
    """A project using the hook, with its environment installed (skip if pip cannot reach PyPI)."""
    pytest.importorskip(
        "pre_commit", reason="pre-commit is not installed: pip install -e '.[test]'"
    )
    path, rev = hook_repo
    project = tmp_path_factory.mktemp("project")
    git(project, "init", "-q")
    config, commands = documented_set_up(str(path))
    (project / ".pre-commit-config.yaml").write_text(config, encoding="utf-8")
    (project / "specs").mkdir()
    (project / "specs" / "line.yaml").write_text(CLEAN, encoding="utf-8")
    git(project, "add", ".")
    for command in commands:
        assert command[0] == "pre-commit"
        done = pre_commit(project, env, *command[1:])
        assert done.returncode == 0, f"{command}: {done.stdout}{done.stderr}"
    # autoupdate pinned the hook to the newest commit of the hook repository's main branch.
    pinned = yaml.safe_load((project / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert pinned["repos"][0]["rev"] == rev
    git(project, "add", ".")
    installed = pre_commit(project, env, "install-hooks")
    if installed.returncode != 0:
        log = Path(env["PRE_COMMIT_HOME"]) / "pre-commit.log"
        text = installed.stdout + (log.read_text(encoding="utf-8") if log.exists() else "")
        if any(sign in text for sign in OFFLINE):
            pytest.skip("pre-commit could not install the hook: no package index reachable")
        pytest.fail(f"pre-commit install-hooks failed:\n{text}")
    return project


def documented_set_up(repository: str) -> tuple[str, list[list[str]]]:
    """The .pre-commit-config.yaml and the commands of docs/ci.md's pre-commit section, with the
    documented repository URL replaced by `repository`."""
    import shlex

    section = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8").split("\n## pre-commit\n")[1]
    section = section.split("\n## ", 1)[0]
    config = section.split("```yaml\n", 1)[1].split("```", 1)[0]
    shell = section.split("```sh\n", 1)[1].split("```", 1)[0]
    assert DOCUMENTED_URL in config and DOCUMENTED_URL in shell
    commands = [
        shlex.split(line) for line in shell.replace(DOCUMENTED_URL, repository).splitlines()
    ]
    return config.replace(DOCUMENTED_URL, repository), commands


def pre_commit(cwd: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_the_documented_configuration_is_valid_and_pins_no_missing_tag() -> None:
    config, commands = documented_set_up("https://example.invalid/flowlint")
    repos = yaml.safe_load(config)["repos"]
    assert repos == [
        {
            "repo": "https://example.invalid/flowlint",
            "rev": "main",
            "hooks": [{"id": "flowlint"}],
        }
    ]
    assert commands == [
        ["pre-commit", "autoupdate", "--repo", "https://example.invalid/flowlint"],
        ["pre-commit", "install"],
    ]
    # flowlint has no release tags: nothing in the docs may pin one.
    for doc in (ROOT / "README.md", ROOT / "docs" / "ci.md"):
        assert not re.search(r"flowlint(\.git)?@v\d|rev: v\d", doc.read_text(encoding="utf-8")), doc


def test_the_hook_definition() -> None:
    hook, _ = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "flowlint"
    assert hook["entry"] == "flowlint check"
    assert hook["language"] == "python"
    assert hook["pass_filenames"] is False
    files = re.compile(hook["files"])
    matches = [
        "specs/line.yaml",
        "line.yml",
        "pyproject.toml",
        "sub/flowlint.toml",
        ".pre-commit-config.yaml",
    ]
    misses = ["README.md", "notes.yaml.txt", "mypyproject.toml", "flowlint.toml.bak", "a.py"]
    assert all(files.search(name) for name in matches)
    assert not any(files.search(name) for name in misses)


@pytest.mark.slow
def test_the_hook_fails_on_a_bad_spec_and_passes_on_a_good_one(
    project: Path, env: dict[str, str]
) -> None:
    passed = pre_commit(project, env, "run", "--all-files")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "flowlint" in passed.stdout and "Passed" in passed.stdout

    (project / "specs" / "line.yaml").write_text(MIXED, encoding="utf-8")
    git(project, "add", ".")
    failed = pre_commit(project, env, "run", "--all-files")
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "Failed" in failed.stdout
    assert "- exit code: 1" in failed.stdout
    assert "specs/line.yaml:6:12: error FL101 [single-owner]" in failed.stdout
    assert "Found 1 error, 1 warning and 1 info in 1 file." in failed.stdout

    # A commit that touches no spec or config file does not run the hook.
    (project / "notes.txt").write_text("not a spec\n", encoding="utf-8")
    git(project, "add", "notes.txt")
    skipped = pre_commit(project, env, "run", "--files", "notes.txt")
    assert skipped.returncode == 0, skipped.stdout + skipped.stderr
    assert "(no files to check)Skipped" in skipped.stdout


def test_the_docs_hook_definition() -> None:
    _, hook = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "flowlint-docs"
    # The page and its options come from the user's args, after --check.
    assert hook["entry"] == "flowlint docs --check"
    assert hook["pass_filenames"] is False
    files = re.compile(hook["files"])
    assert all(
        files.search(n) for n in ("specs/a.yaml", "docs/line.md", "p.html", "pyproject.toml")
    )
    assert not any(files.search(n) for n in ("a.py", "notes.txt", "flowlint.toml.bak"))


@pytest.mark.slow
def test_the_docs_hook_fails_when_the_page_is_out_of_step(
    project: Path, hook_repo: tuple[Path, str], env: dict[str, str]
) -> None:
    """The hook environment pre-commit built for `flowlint` serves `flowlint-docs` too."""
    path, rev = hook_repo
    hooks = [{"id": "flowlint-docs", "args": ["docs/line.md", "--no-stamp"]}]
    config = {"repos": [{"repo": str(path), "rev": rev, "hooks": hooks}]}
    (project / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    (project / "specs" / "line.yaml").write_text(CLEAN, encoding="utf-8")
    (project / "docs").mkdir(exist_ok=True)
    written = subprocess.run(
        [sys.executable, "-m", "flowlint", "docs", "--no-stamp", "--output", "docs/line.md"],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert written.returncode == 0, written.stderr
    git(project, "add", ".")
    passed = pre_commit(project, env, "run", "flowlint-docs", "--all-files")
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "Passed" in passed.stdout

    (project / "specs" / "line.yaml").write_text(
        CLEAN.replace("Find postgraduate", "Search postgraduate"), encoding="utf-8"
    )
    git(project, "add", ".")
    failed = pre_commit(project, env, "run", "flowlint-docs", "--all-files")
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "- exit code: 1" in failed.stdout
    assert "+- Search postgraduate teacher training (`find`)" in failed.stdout
    assert "docs/line.md is out of date with the spec" in failed.stdout
