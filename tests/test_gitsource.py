"""Reading spec files at a git revision: the files git has, never the work tree."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from flowlint.gitsource import GitError, load_revision, merge_base, resolve_revision

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.invalid",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.invalid",
    "GIT_CONFIG_NOSYSTEM": "1",
    "HOME": "/nonexistent",
}


def git(repo: Path, *args: str) -> str:
    env = {**os.environ, **GIT_ENV}
    done = subprocess.run(
        ["git", *args], cwd=repo, capture_output=True, text=True, env=env, check=True
    )
    return done.stdout.strip()


def write(repo: Path, name: str, text: str) -> None:
    path = repo / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    write(root, "specs/a.yaml", "flowlint: 1\nservices:\n  one: {name: One}\n")
    write(root, "specs/sub/b.yml", "flowlint: 1\nservices:\n  two: {name: Two}\n")
    write(root, "specs/.hidden/c.yaml", "flowlint: 1\n")
    write(root, "specs/.d.yaml", "flowlint: 1\n")
    write(root, "specs/notes.txt", "not a spec\n")
    git(root, "add", ".")
    git(root, "commit", "-q", "-m", "first")
    write(root, "specs/a.yaml", "flowlint: 1\nservices:\n  three: {name: Three}\n")
    git(root, "commit", "-q", "-am", "second")
    return root


def test_reads_the_files_of_the_revision_not_the_work_tree(repo: Path) -> None:
    write(repo, "specs/a.yaml", "flowlint: 1\nservices:\n  uncommitted: {name: U}\n")
    loaded = load_revision("HEAD~1", ["specs"], repo)
    assert loaded.errors == ()
    assert [f.path for f in loaded.files] == ["specs/a.yaml", "specs/sub/b.yml"]
    assert loaded.files[0].data == {"flowlint": 1, "services": {"one": {"name": "One"}}}
    assert loaded.files[0].position("/services/one") == (3, 3)
    head = load_revision("HEAD", ["specs/a.yaml"], repo)
    assert list(head.files[0].data["services"]) == ["three"]


def test_display_paths_match_the_work_tree_loader(repo: Path) -> None:
    from flowlint.loading import load_paths

    for paths, cwd in ((["specs"], repo), (["./specs/"], repo), (["../specs"], repo / "specs")):
        at_head = load_revision("HEAD", paths, cwd)
        previous = Path.cwd()
        os.chdir(cwd)
        try:
            in_tree = load_paths(paths)
        finally:
            os.chdir(previous)
        assert [f.path for f in at_head.files] == [f.path for f in in_tree.files]


def test_missing_paths_are_one_line_errors_not_exceptions(repo: Path) -> None:
    loaded = load_revision("HEAD", ["nope.yaml", "specs/sub"], repo)
    assert loaded.errors == ("nope.yaml: no such file or directory at HEAD",)
    write(repo, "docs/readme.md", "text\n")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "docs")
    loaded = load_revision("HEAD", ["docs"], repo)
    assert loaded.errors == ("docs: no *.yaml or *.yml spec files in this directory at HEAD",)


def test_unknown_revision_and_not_a_repository(repo: Path, tmp_path: Path) -> None:
    with pytest.raises(GitError, match=r"^unknown git revision 'no-such-branch'$"):
        load_revision("no-such-branch", ["specs"], repo)
    with pytest.raises(GitError, match=r"^unknown git revision '--all'$"):
        resolve_revision("--all", repo)
    elsewhere = tmp_path / "plain"
    elsewhere.mkdir()
    with pytest.raises(GitError, match=r"^not a git repository: "):
        load_revision("HEAD", ["specs"], elsewhere)


def test_merge_base(repo: Path) -> None:
    first = git(repo, "rev-parse", "HEAD~1")
    git(repo, "checkout", "-q", "-b", "topic", "HEAD~1")
    write(repo, "specs/b.yaml", "flowlint: 1\n")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "topic")
    assert merge_base("main", repo) == first
    assert resolve_revision("main~1", repo) == first
