"""Spec files as they were at a git revision, read through git and never from the work tree.

The API is small on purpose (it is shared by `flowlint diff` and `flowlint check --new-since`):

    load_revision(rev, paths, cwd) -> Loaded
        The spec files under `paths` (files or directory models, relative to `cwd` or absolute) as
        they are in revision `rev`, parsed like `flowlint.loading.load_paths` parses the work tree:
        same file selection (`*.yaml` / `*.yml`, hidden files and directories skipped, sorted), the
        same display paths (`specs/becoming-a-teacher.yaml`), and a path that is missing at `rev`
        is a one-line error in `Loaded.errors`, not an exception.
    resolve_revision(rev, cwd) -> str
        The full commit id `rev` names.
    merge_base(rev, cwd, other="HEAD") -> str
        The commit where `rev` and `other` diverged (what `--new-since main` compares against).

Each raises `GitError` with a one-line message when git is missing, `cwd` is not in a git
repository, or a revision is unknown. Only read-only plumbing commands run (`rev-parse`, `ls-tree`,
`cat-file`, `merge-base`), with `GIT_OPTIONAL_LOCKS=0` so a concurrent `git commit` never meets a
lock taken by flowlint.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from flowlint.loading import (
    SPEC_SUFFIXES,
    Limits,
    Loaded,
    SourceFile,
    decode,
    over_the_limit,
    parse_text,
)

_SYMLINK_MODE = "120000"


class GitError(Exception):
    """git could not answer: not a repository, an unknown revision, or git is missing.

    `str(error)` is one line, ready for `flowlint: error: ...`.
    """


@dataclass(frozen=True, slots=True)
class _Blob:
    path: str  # from the repository root
    display: str  # as load_paths would show it
    mode: str
    kind: str
    object_id: str
    size: int


def resolve_revision(rev: str, cwd: str | os.PathLike[str] | None = None) -> str:
    """The full id of the commit `rev` names (a branch, tag, `HEAD~1`, an id...)."""
    where = Path(cwd or ".")
    _toplevel(where)  # a clear "not a git repository" before "unknown revision"
    if not rev or rev.startswith("-"):  # never let a revision be read as an option
        raise GitError(f"unknown git revision '{rev}'")
    done = _run(["rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}"], where)
    if done.returncode != 0:
        raise GitError(f"unknown git revision '{rev}'{_empty_hint(where)}")
    return done.stdout.decode("utf-8", "replace").strip()


def merge_base(rev: str, cwd: str | os.PathLike[str] | None = None, other: str = "HEAD") -> str:
    """The id of the best common ancestor of `rev` and `other`."""
    where = Path(cwd or ".")
    first = resolve_revision(rev, where)
    second = resolve_revision(other, where)
    done = _run(["merge-base", first, second], where)
    if done.returncode != 0:
        raise GitError(f"'{rev}' and '{other}' have no common ancestor")
    return done.stdout.decode("ascii").strip()


def load_revision(
    rev: str,
    paths: Sequence[str | os.PathLike[str]],
    cwd: str | os.PathLike[str] | None = None,
    limits: Limits | None = None,
) -> Loaded:
    """Read and parse the spec files under `paths` as they are in revision `rev`."""
    limits = limits or Limits()
    where = Path(cwd or ".")
    commit = resolve_revision(rev, where)
    prefix = _git_text(["rev-parse", "--show-prefix"], where).strip()
    top = _toplevel(where)
    blobs: list[_Blob] = []
    errors: list[str] = []
    seen: set[str] = set()
    for raw in paths:
        shown = Path(raw).as_posix()
        inside = _inside_repository(Path(raw), prefix, top)
        if inside is None:
            errors.append(f"{shown}: is outside the git repository at {top}")
            continue
        found, is_dir = _list(commit, inside, Path(raw), where)
        if not found and not is_dir:
            errors.append(f"{shown}: no such file or directory at {rev}")
            continue
        if is_dir and not found:
            errors.append(f"{shown}: no *.yaml or *.yml spec files in this directory at {rev}")
        for blob in found:
            if blob.path not in seen:
                seen.add(blob.path)
                blobs.append(blob)
    files = _read(blobs, rev, where, limits, errors)
    return Loaded(tuple(files), tuple(errors))


def _inside_repository(path: Path, prefix: str, top: Path) -> str | None:
    """`path` relative to the repository root ("" for the root), or None outside it."""
    if path.is_absolute():
        relative = os.path.relpath(os.path.realpath(path), os.path.realpath(top))
    else:
        relative = os.path.normpath(os.path.join(prefix, path))
    relative = PurePosixPath(Path(relative).as_posix()).as_posix()
    if relative == "..":
        return None
    if relative.startswith("../"):
        return None
    return "" if relative == "." else relative


def _list(commit: str, inside: str, raw: Path, where: Path) -> tuple[list[_Blob], bool]:
    """The spec files under one path at `commit`, and whether the path is a directory there."""
    argv = ["ls-tree", "-r", "-z", "-l", "--full-tree", commit]
    if inside:
        argv += ["--", inside]
    listing = _git_bytes(argv, where).decode("utf-8", "surrogateescape")
    entries = []
    for record in listing.split("\0"):
        if not record:
            continue
        meta, _, path = record.partition("\t")
        mode, kind, object_id, size = meta.split()
        entries.append((path, mode, kind, object_id, int(size) if size.isdigit() else 0))
    exact = [e for e in entries if e[0] == inside]
    if exact:  # a file: read whatever its name, as load_paths does
        path, mode, kind, object_id, size = exact[0]
        return [_Blob(path, raw.as_posix(), mode, kind, object_id, size)], False
    base = f"{inside}/" if inside else ""
    found = []
    for path, mode, kind, object_id, size in entries:
        if not path.startswith(base):
            continue
        rest = path[len(base) :]
        parts = rest.split("/")
        if any(part.startswith(".") for part in parts) or not rest.endswith(SPEC_SUFFIXES):
            continue
        if kind != "blob":  # a submodule is another repository's business
            continue
        found.append(_Blob(path, (raw / rest).as_posix(), mode, kind, object_id, size))
    found.sort(key=lambda blob: blob.display)
    return found, bool(entries) or not inside


def _read(
    blobs: list[_Blob], rev: str, where: Path, limits: Limits, errors: list[str]
) -> list[SourceFile]:
    """Parse each blob's text, reading them all through one `git cat-file --batch`."""
    wanted = []
    for blob in blobs:
        if blob.mode == _SYMLINK_MODE:
            errors.append(
                f"{blob.display}: is a symbolic link at {rev}; name the file it points to"
            )
        elif blob.kind != "blob":
            errors.append(f"{blob.display}: is not a file at {rev}")
        elif limits.max_file_bytes is not None and blob.size > limits.max_file_bytes:
            errors.append(over_the_limit(blob.display, blob.size, limits.max_file_bytes))
        else:
            wanted.append(blob)
    if not wanted:
        return []
    request = "".join(f"{blob.object_id}\n" for blob in wanted).encode("ascii")
    output = _git_bytes(["cat-file", "--batch"], where, stdin=request)
    files = []
    offset = 0
    for blob in wanted:
        header_end = output.index(b"\n", offset)
        size = int(output[offset:header_end].split()[2])
        raw = output[header_end + 1 : header_end + 1 + size]
        offset = header_end + 1 + size + 1  # the content is followed by a newline
        text, problem = decode(raw)
        if text is None:
            errors.append(f"{blob.display}: {problem}")
            continue
        files.append(parse_text(text, blob.display, limits))
    return files


def _toplevel(where: Path) -> Path:
    if not where.is_dir():
        raise GitError(f"{where.as_posix()}: no such directory")
    done = _run(["rev-parse", "--show-toplevel"], where)
    if done.returncode != 0:
        raise GitError(f"not a git repository: {where.resolve().as_posix()}")
    return Path(done.stdout.decode("utf-8", "surrogateescape").strip())


def _empty_hint(where: Path) -> str:
    done = _run(["rev-parse", "--verify", "--quiet", "HEAD"], where)
    return " (the repository has no commits yet)" if done.returncode != 0 else ""


def _git_text(argv: list[str], where: Path) -> str:
    return _git_bytes(argv, where).decode("utf-8", "surrogateescape")


def _git_bytes(argv: list[str], where: Path, stdin: bytes | None = None) -> bytes:
    done = _run(argv, where, stdin)
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        detail = message[-1] if message else f"exit status {done.returncode}"
        raise GitError(f"git {argv[0]} failed: {detail}")
    return done.stdout


def _run(argv: list[str], where: Path, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "GIT_OPTIONAL_LOCKS": "0", "LC_ALL": "C"}
    try:
        return subprocess.run(
            ["git", *argv], cwd=where, input=stdin, capture_output=True, env=env, check=False
        )
    except FileNotFoundError:
        raise GitError("git is not installed (or not on PATH)") from None
