"""Reading spec files at a git revision: the files git has, never the work tree."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from flowlint.gitsource import GitError, load_revision, merge_base, resolve_revision
from tests.shared import git, write

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


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


# --- revision or path ---------------------------------------------------------------------------


def test_a_name_that_is_both_a_revision_and_a_path_is_ambiguous(repo: Path) -> None:
    from flowlint.gitsource import revision_argument

    assert revision_argument("main", repo, paths=True) == ("rev", "main")
    assert revision_argument("specs", repo, paths=True) == ("path", "specs")
    assert revision_argument("nowhere", repo, paths=True) == ("rev", "nowhere")
    (repo / "main").mkdir()
    with pytest.raises(GitError) as raised:
        revision_argument("main", repo, paths=True)
    assert str(raised.value) == (
        "ambiguous argument 'main': both a git revision and a path in the work tree; write "
        "rev:main for the revision or path:main for the path"
    )
    with pytest.raises(GitError, match="ambiguous argument 'main'"):
        revision_argument("main", repo, paths=False)
    assert revision_argument("rev:main", repo, paths=True) == ("rev", "main")
    assert revision_argument("path:main", repo, paths=True) == ("path", "main")
    with pytest.raises(GitError) as raised:
        revision_argument("path:main", repo, paths=False, option="--new-since")
    assert str(raised.value) == "--new-since takes a git revision, not a path: path:main"
    # A dangling link of that name is a path too: anything there is ambiguous.
    (repo / "HEAD~1").symlink_to(repo / "no-such-file")
    with pytest.raises(GitError, match="ambiguous argument 'HEAD~1'"):
        revision_argument("HEAD~1", repo, paths=True)


def test_outside_a_repository_an_existing_path_is_a_path(tmp_path: Path) -> None:
    from flowlint.gitsource import revision_argument

    (tmp_path / "main").mkdir()
    assert revision_argument("main", tmp_path, paths=True) == ("path", "main")


def test_a_revision_reads_files_folders_and_rule_modules(repo: Path) -> None:
    from flowlint.gitsource import Revision

    write(repo, "rules/one.py", "CODE = 1\n")
    write(repo, "rules/_helper.py", "")
    write(repo, "rules/sub/two.py", "")
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "rules")
    (repo / "rules" / "one.py").write_text("changed in the work tree\n", encoding="utf-8")
    (repo / "sub").mkdir()
    at = Revision.at("HEAD", repo / "sub")
    assert at.config_folders() == [Path("."), Path("..")]
    assert at.text("../rules/one.py") == "CODE = 1\n"
    assert at.blob("../rules/missing.py") is None
    assert at.blob("../rules") is None  # a folder is no file
    assert at.is_folder("../rules") and not at.is_folder("../rules/one.py")
    assert at.python_files("../rules") == [("../rules/one.py", "CODE = 1\n")]
    assert at.blob("/etc/passwd") is None and at.blob("../..") is None  # outside the repository
    (repo / "link.toml").symlink_to("specs/a.yaml")
    git(repo, "add", "link.toml")
    git(repo, "commit", "-q", "-m", "a link")
    with pytest.raises(GitError, match="is a symbolic link at HEAD; flowlint does not follow it"):
        Revision.at("HEAD", repo).blob("link.toml")
