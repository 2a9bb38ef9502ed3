"""The door to the file system for what flowlint writes, and the boundary it keeps.

In CI everything in the checkout comes from whoever opened the pull request, symbolic links and
folder names included. So every file flowlint writes (`check --output`, baselines, `init`'s
starter, `graph --output`) goes through `write`, which:

- writes to a temporary file in the target's folder and renames it into place, so a reader never
  sees half a file and a symbolic link at the target is replaced, never followed;
- for a path from the configuration or a default (`Target.given` false), refuses a target that is
  a symbolic link, or that resolves outside `Target.boundary` (the folder of the configuration, or
  the working directory when there is none);
- for a path named on the command line (`Target.given`), takes the path as the user wrote it:
  inside the working directory it still never follows a link (a symbolic link at the target is
  replaced by the file, a folder link that leads outside is refused, since the checkout may have
  put either there); outside the working directory it is the user's own place, and a target that
  is not a regular file there (`/dev/stdout`, a named pipe) is written in place.

Each refusal is a `FileError` whose text is one line, for the CLI to print with exit 2.

`inside` and `resolves_inside` are the boundary tests the readers use too: configuration paths
(`flowlint.settings`) and symbolic links in directory models (`flowlint.loading`).
"""

from __future__ import annotations

import contextlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)


class FileError(Exception):
    """A file flowlint will not or cannot write; `str(error)` is one line."""


@dataclass(frozen=True, slots=True)
class Target:
    """A file to write and who chose it.

    `path` is as given (relative to `cwd`, or absolute); `named_by` says where it came from for
    messages ("--output", "'baseline' in flowlint.toml"); `given` is true when it was named on the
    command line; `boundary` is the folder it must stay in when it was not.
    """

    path: Path
    named_by: str
    given: bool
    boundary: Path
    cwd: Path

    @property
    def shown(self) -> str:
        return self.path.as_posix()


def inside(path: str | os.PathLike[str], folder: str | os.PathLike[str]) -> bool:
    """Whether `path` is `folder` or below it, comparing the paths as written (absolute)."""
    path, folder = os.path.abspath(path), os.path.abspath(folder)
    return path == folder or path.startswith(folder.rstrip(os.sep) + os.sep)


def resolves_inside(path: str | os.PathLike[str], folder: str | os.PathLike[str]) -> bool:
    """Whether `path`, with every symbolic link followed, is `folder` (resolved) or below it."""
    return inside(os.path.realpath(path), os.path.realpath(folder))


def write(target: Target, data: str | bytes, *, exclusive: bool = False) -> str | None:
    """Write `data` (text is written as UTF-8 with LF line ends) to `target`, atomically.

    With `exclusive`, an existing file (or link) is never replaced. Returns a note for the user
    when a symbolic link named on the command line was replaced, else None. Raises FileError.
    """
    raw = data.encode("utf-8") if isinstance(data, str) else data
    absolute = Path(os.path.abspath(target.cwd / target.path))
    real = _real(absolute)
    yours = target.given and not inside(absolute, target.cwd)
    if not yours:
        _check_boundary(target, absolute, real)
    note = None
    try:
        info = os.lstat(real)
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise FileError(f"cannot write {target.shown}: {exc.strerror or exc}") from None
    if info is not None:
        if exclusive:
            raise FileError(f"{target.shown} already exists; flowlint init never overwrites a file")
        if stat.S_ISDIR(info.st_mode):
            raise FileError(f"cannot write {target.shown}: it is a directory")
        if stat.S_ISLNK(info.st_mode):
            if not target.given:
                raise FileError(
                    f"{target.shown} ({target.named_by}) is a symbolic link; flowlint does not "
                    "write through links it did not get from the command line: remove the link"
                )
            if yours:
                return _write_in_place(target, absolute, raw)
            note = (
                f"{target.shown} was a symbolic link (to {os.readlink(real)}); flowlint replaced "
                "the link with the file and left what it pointed to unchanged"
            )
        elif not stat.S_ISREG(info.st_mode):
            if yours:
                return _write_in_place(target, absolute, raw)
            raise FileError(
                f"cannot write {target.shown}: it is {_kind(info.st_mode)}, not a regular file"
            )
    _replace(target, real, raw, info, exclusive)
    return note


def append(path: str, text: str, what: str = "text") -> None:
    """Append text to a file the environment names (GitHub's `$GITHUB_STEP_SUMMARY`), with a
    blank line before it when the file is not empty; `what` names the text in messages. Raises
    FileError."""
    try:
        with open(path, "a", encoding="utf-8", newline="\n") as handle:
            if handle.tell():
                handle.write("\n")
            handle.write(text)
    except OSError as exc:
        raise FileError(f"cannot append {what} to {path}: {exc.strerror or exc}") from None


def read_text(path: str | os.PathLike[str]) -> str:
    """A small text file's content (UTF-8). Raises OSError or UnicodeDecodeError."""
    with open(path, "rb") as handle:
        return handle.read().decode("utf-8")


def _real(absolute: Path) -> Path:
    """`absolute` with every link in its folders followed, but not a link at the name itself."""
    return Path(os.path.realpath(absolute.parent)) / absolute.name


def _check_boundary(target: Target, absolute: Path, real: Path) -> None:
    boundary = Path(os.path.abspath(target.cwd / target.boundary))
    if not target.given and not inside(absolute, boundary):
        raise FileError(
            f"{target.shown} ({target.named_by}) is outside {boundary.as_posix()}, the folder of "
            "the configuration; flowlint writes only inside it unless the path is given on the "
            "command line"
        )
    if not inside(real, os.path.realpath(boundary)):
        raise FileError(
            f"{target.shown} ({target.named_by}) leads outside {boundary.as_posix()} through a "
            f"symbolic link (to {real.parent.as_posix()}); flowlint does not write through links: "
            "name the real folder"
        )


def _replace(
    target: Target, real: Path, raw: bytes, before: os.stat_result | None, exclusive: bool
) -> None:
    folder = real.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise FileError(f"cannot write {target.shown}: {exc.strerror or exc}") from None
    import secrets  # here: only a write needs it

    temporary = folder / f".{real.name}.{secrets.token_hex(6)}.tmp"
    try:
        # O_EXCL and O_NOFOLLOW: the temporary name is new and never a link; 0o666 less the umask
        # is the mode any new file gets.
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o666)
        try:
            if before is not None and stat.S_ISREG(before.st_mode) and hasattr(os, "fchmod"):
                os.fchmod(fd, stat.S_IMODE(before.st_mode))  # keep the mode of the file replaced
            view = memoryview(raw)
            while view:
                view = view[os.write(fd, view) :]
        finally:
            os.close(fd)
        if exclusive:
            os.link(temporary, real)  # fails if anything, a link included, is there already
        else:
            os.replace(temporary, real)  # replaces a link at `real`, never what it points to
    except FileExistsError:
        raise FileError(
            f"{target.shown} already exists; flowlint init never overwrites a file"
        ) from None
    except OSError as exc:
        raise FileError(f"cannot write {target.shown}: {exc.strerror or exc}") from None
    finally:
        with contextlib.suppress(OSError):
            os.unlink(temporary)


def _write_in_place(target: Target, absolute: Path, raw: bytes) -> None:
    """A path outside the working directory that the user named and that is not a regular
    file (`/dev/stdout`, a pipe, a link there): written as any program writes it."""
    try:
        with open(absolute, "wb") as handle:
            handle.write(raw)
    except OSError as exc:
        raise FileError(f"cannot write {target.shown}: {exc.strerror or exc}") from None


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a device"
