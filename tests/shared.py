"""What several test files share: the two specs most CLI tests lint, and a git repository to
commit specs to. One copy of each, so a change to a fixture is made once."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

# No findings.
CLEAN = """\
flowlint: 1
services:
  publish: {name: Publish teacher training courses}
  find: {name: Find postgraduate teacher training}
entities:
  course: {owner: publish}
flows:
  - {from: publish, to: find, entities: [course]}
"""

# One error (two owners, FL101 at line 6, column 12), one warning (undocumented live API,
# FL301) and one info (unused entity 'provider', FL105).
MIXED = """\
flowlint: 1
services:
  publish: {name: Publish teacher training courses}
  find: {name: Find postgraduate teacher training}
entities:
  course: {owner: [publish, find]}
  provider: {owner: publish}
apis:
  publish-api: {name: Publish API, service: publish, access: read, visibility: public,
                entities: [course]}
flows:
  - {from: publish, to: find, entities: [course]}
"""

# A fixed identity and no system or user git configuration, so commits work on any machine.
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.invalid",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.invalid",
    "GIT_CONFIG_NOSYSTEM": "1",
    "HOME": "/nonexistent",
}


def git(repo: Path, *args: str) -> str:
    """Run git in `repo` with GIT_ENV; its output, stripped. Fails the test if git fails."""
    done = subprocess.run(
        ["git", *args],
        cwd=repo,
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, **GIT_ENV},
        timeout=60,
    )
    return done.stdout.strip()


def write(repo: Path, name: str, text: str) -> Path:
    """Write `text` to repo/name, making its folders."""
    path = repo / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def init_repo(root: Path) -> Path:
    """An empty git repository on branch main at `root`."""
    root.mkdir(parents=True, exist_ok=True)
    git(root, "init", "-q", "-b", "main")
    return root


def commit(repo: Path, files: dict[str, str], message: str) -> str:
    """Write the files, commit them and return the new commit's hash."""
    for name, text in files.items():
        write(repo, name, text)
    git(repo, "add", "--", *files)
    git(repo, "commit", "-q", "-m", message)
    return git(repo, "rev-parse", "HEAD")
