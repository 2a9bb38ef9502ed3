"""Files to plain data with positions: the only module that reads spec files.

A path is a file or a directory model (its `*.yaml` / `*.yml` files, recursively, sorted; hidden
files and directories are skipped, directory symlinks are not followed, and file symlinks that
lead outside the directory given are skipped with a note, never opened). Each file is composed
into YAML nodes with PyYAML's C loader and turned into plain data by our own constructor, which
- builds only plain data (str, int, float, bool, None, list, dict): tags never construct objects
  (a tag flowlint does not know is reported and the value is read as if it were not there);
- keeps every mapping key as the text written (`no:` stays the string "no"), and dates as text;
- applies `<<:` merge keys (keys written in the mapping win);
- reports duplicate keys (FL002), and keeps the last value as every YAML reader does, so the
  model, graph and lineage all see what YAML sees;
- records the 1-based line and column of every node by JSON Pointer (a mapping member is at its
  key, a list item at the item);
- bounds input size, nesting depth and alias expansion, and refuses recursive aliases.
Problems in a file become findings; problems that stop flowlint reading at all (a missing path, a
file that is not UTF-8) are returned as one-line errors.
"""

from __future__ import annotations

import dataclasses
import errno
import gc
import os
import re
import stat
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

import yaml

from flowlint.fastyaml import read_plain
from flowlint.findings import Location, Problem
from flowlint.wording import quoted

try:  # the C loader is several times faster; fall back to pure Python where libyaml is missing
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

SPEC_SUFFIXES = (".yaml", ".yml")

_STR = "tag:yaml.org,2002:str"
_MERGE = "tag:yaml.org,2002:merge"
_INT = "tag:yaml.org,2002:int"
_PLAIN_SCALAR_TAGS = {
    _INT,
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
}
# Standard tags we accept but read as the text written (a date stays "2024-05-01").
_TEXT_TAGS = {_STR, "tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:binary", "!"}
_KEY_TAGS = _PLAIN_SCALAR_TAGS | _TEXT_TAGS
_COLLECTION_TAGS = {
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:omap",
    "tag:yaml.org,2002:set",
}
_SCALAR_WORDS = {
    _INT: "an integer",
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:bool": "true or false",
    "tag:yaml.org,2002:null": "null",
}
# Longer integers are refused rather than converted: Python will not print an int of more than
# 4,300 digits, and no spec needs one.
_MAX_INT_CHARS = 1000

# Characters YAML text may not contain: the complement of YAML's printable set.
_NOT_PRINTABLE = re.compile(
    "[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
)
# The ASCII characters YAML text may hold, for the quick test of ASCII text.
_PRINTABLE_ASCII = bytes([0x09, 0x0A, 0x0D, *range(0x20, 0x7F)])


def _printable_ascii(text: str) -> bool:
    """True for ASCII text holding only characters YAML allows: the common case, answered with
    two passes in C over bytes (the regular expression takes several times as long)."""
    return text.isascii() and not text.encode("ascii").translate(None, _PRINTABLE_ASCII)


# Advice added to libyaml's terser problems, keyed by how the problem starts.
_HINTS = {
    "did not find expected key": "check the indentation of this line",
    "did not find expected '-' indicator": "check the indentation of this line",
    "did not find expected ',' or": "close the brackets or add the missing comma",
    "unexpected ':'": "quote a value that contains ': ', or check the indentation",
    "could not find expected ':'": "add ':' after the key, or quote the text",
}

SYNTAX = "FL001"
DUPLICATE_KEY = "FL002"

DEFAULT_MAX_FILE_BYTES = 16 * 1024 * 1024
# The path that means standard input, and how a file read from it is named without a name.
STDIN = "-"
# How to raise the size limit, for the line that says a file is over it.
RAISE_THE_LIMIT = (
    "raise the limit with --max-file-size MB, or max-file-size in the configuration (0: no limit)"
)


@dataclass(frozen=True, slots=True)
class Limits:
    """Bounds that keep a hostile or broken spec from exhausting time or memory."""

    # Memory grows with the number of YAML nodes: a realistic spec needs about 45 bytes per byte
    # of file, the densest hostile text (`[a,a,a,...]`) about 105. 16 MB is three times a
    # 50,000-flow spec (5.4 MB); `--max-file-size` or `max-file-size` in the configuration raises
    # it. None: no limit (`--max-file-size 0`).
    max_file_bytes: int | None = DEFAULT_MAX_FILE_BYTES
    max_depth: int = 64
    # Nodes an alias may add beyond the nodes written: stops "billion laughs" documents.
    max_alias_nodes: int = 100_000
    # Characters of text aliases may add: one long text given by alias to many places would
    # otherwise cost every rule that reads it as much as if it were written out each time.
    max_alias_chars: int = 16 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class SourceFile:
    """One spec file as plain data, with the position of every node by JSON Pointer.

    `positions` is a dictionary, or for a file the event reader read, a mapping that finds each
    position when asked (`flowlint.fastyaml.Positions`)."""

    path: str
    data: Any
    positions: Mapping[str, tuple[int, int]] = field(repr=False)
    problems: tuple[tuple[str, Problem], ...] = ()
    # The file's text, for code frames in reports and for suppression comments.
    text: str = field(default="", repr=False)

    def location(self, pointer: str) -> Location:
        """The location of `pointer`, or of its nearest ancestor that has a position."""
        return Location(self.path, *self.position(pointer), pointer)

    def position(self, pointer: str) -> tuple[int, int]:
        """1-based (line, column) of `pointer` or of its nearest recorded ancestor."""
        probe = pointer
        positions = self.positions
        while probe:
            found = positions.get(probe)
            if found is not None:
                return found
            probe = probe.rpartition("/")[0]
        return positions.get("", (1, 1))


@dataclass(frozen=True, slots=True)
class Loaded:
    """All files read for one check, and the one-line errors that stopped some from being read."""

    files: tuple[SourceFile, ...]
    errors: tuple[str, ...] = ()
    # YAML files found in a directory model that are not flowlint specs (no `flowlint` key).
    skipped: tuple[str, ...] = ()
    # Symbolic links found in a directory model that lead outside it: skipped, never opened.
    links: tuple[str, ...] = ()


def escape_pointer_token(token: str) -> str:
    """Escape one reference token as RFC 6901 requires."""
    return token.replace("~", "~0").replace("/", "~1")


def over_the_limit(shown: str, size: int, limit: int) -> str:
    """The one line for a file of `size` bytes over the size limit, saying how to raise it."""
    return f"{shown}: file is {size:,} bytes, over the {limit:,}-byte limit; {RAISE_THE_LIMIT}"


def load_paths(
    paths: Sequence[str | os.PathLike[str]],
    limits: Limits = Limits(),
    stdin_name: str | None = None,
    overlays: Mapping[str, str] | None = None,
) -> Loaded:
    """Read every spec file under `paths` (files or directory models), each file once.

    The path '-' is standard input, read first and named `stdin_name` (default '-'); a file of
    that name under the other paths is then not read from disk: the text given on standard input
    stands in for it, as an editor's unsaved buffer stands in for the file.

    `overlays` maps a file's absolute path (`os.path.abspath`) to its text as an editor holds it:
    that text is read instead of the file, and an overlay under a directory model that is not on
    disk yet belongs to it (the language server's unsaved buffers).
    """
    files: list[SourceFile] = []
    errors: list[str] = []
    skipped: list[str] = []
    links: list[str] = []
    seen: set[Path] = set()
    if any(str(raw) == STDIN for raw in paths):
        name = stdin_name or STDIN
        _load_stdin(name, limits, files, errors)
        if name != STDIN:
            _first_time(Path(name), seen)
    for raw in paths:
        if str(raw) == STDIN:
            continue
        path = Path(raw)
        try:
            path.stat()
        except FileNotFoundError:
            pass  # reported below, unless an editor holds the file unsaved
        except OSError as exc:
            # A folder on the way that the user may not enter: one line, not a traceback.
            errors.append(f"{_display(path)}: cannot read: {_why_unreadable(path, exc)}")
            continue
        if path.is_dir():
            found = list(_spec_files_under(path))
            found, outside = _staying_inside(found, path)
            links.extend(_display(link) for link in outside)
            if overlays:
                found = _with_unsaved(path, found, overlays)
            fresh = [file for file in found if _first_time(file, seen)]
            before = len(skipped)
            for file in fresh:
                _load_one(file, limits, files, errors, skipped, overlays)
            if not found and outside:
                errors.append(
                    f"{_display(path)}: no spec files in this directory, only symbolic links "
                    "that lead outside it"
                )
            elif not found:
                errors.append(f"{_display(path)}: no *.yaml or *.yml spec files in this directory")
            elif fresh and len(skipped) - before == len(fresh):
                count = len(fresh)
                files_word = "file has" if count == 1 else f"{count} YAML files have"
                its = "its YAML" if count == 1 else "its"
                errors.append(
                    f"{_display(path)}: no flowlint spec files in this directory: "
                    f"{its} {files_word} no top-level 'flowlint' key"
                )
        elif path.exists() or (overlays and os.path.abspath(path) in overlays):
            if _first_time(path, seen):
                _load_one(path, limits, files, errors, None, overlays)
        else:
            errors.append(f"{_display(path)}: no such file or directory")
    return Loaded(tuple(files), tuple(errors), tuple(skipped), tuple(links))


def _staying_inside(found: list[Path], root: Path) -> tuple[list[Path], list[Path]]:
    """The files of a directory model that stay inside it, and the symbolic links that lead
    outside it (to another folder, /proc/self/environ, a file that is not there): those are
    skipped and never opened, since a checkout could use them to read files into the output."""
    real_root = os.path.realpath(root)
    prefix = os.path.join(real_root, "")  # with one final separator, even for the root
    kept: list[Path] = []
    outside: list[Path] = []
    for file in found:
        if not os.path.islink(file):
            kept.append(file)  # directory links are not walked: a plain file is inside
            continue
        target = os.path.realpath(file)
        (kept if target.startswith(prefix) else outside).append(file)
    return kept, outside


def links_note(links: Sequence[str]) -> str:
    """One line naming the symbolic links a directory model skipped as leading outside it."""
    shown = ", ".join(links[:5]) + (f" and {len(links) - 5} more" if len(links) > 5 else "")
    count = (
        "1 symbolic link that leads"
        if len(links) == 1
        else f"{len(links)} symbolic links that lead"
    )
    return f"skipped {count} outside the folder checked (never opened): {shown}"


def is_spec(source: SourceFile) -> bool:
    """Whether a file found in a directory model is a flowlint spec: it has a top-level
    `flowlint` key (every spec file starts with `flowlint: 1`). A file that does not parse as a
    mapping counts when one of its lines starts with that key, so a broken spec is reported."""
    if isinstance(source.data, dict):
        return "flowlint" in source.data
    return looks_like_spec(source.text)


def looks_like_spec(text: str) -> bool:
    """True when a line of `text` starts with the key `flowlint`, as every spec file does."""
    return _FLOWLINT_KEY_LINE.search(text) is not None


# A line that starts with the key `flowlint` (perhaps quoted, in a list or after `---`).
_FLOWLINT_KEY_LINE = re.compile(r"""^(?:---|[ \t-])*["']?flowlint["']?[ \t]*:""", re.MULTILINE)


def skipped_note(skipped: Sequence[str]) -> str:
    """One line naming the YAML files a directory model skipped as not flowlint specs."""
    shown = ", ".join(skipped[:5]) + (f" and {len(skipped) - 5} more" if len(skipped) > 5 else "")
    count = "1 YAML file" if len(skipped) == 1 else f"{len(skipped)} YAML files"
    return f"skipped {count} with no top-level 'flowlint' key (not flowlint specs): {shown}"


def _load_stdin(name: str, limits: Limits, files: list[SourceFile], errors: list[str]) -> None:
    import sys

    limit = limits.max_file_bytes
    stream = sys.stdin.buffer if sys.stdin is not None else None
    if stream is None:
        errors.append(f"{name}: standard input is closed; there is no spec to read")
        return
    try:
        raw = stream.read() if limit is None else _read_at_most(stream, limit + 1)
    except OSError as exc:
        errors.append(f"{name}: cannot read standard input: {exc.strerror or exc}")
        return
    if limit is not None and len(raw) > limit:
        errors.append(f"{name}: is longer than the {limit:,}-byte limit; {RAISE_THE_LIMIT}")
        return
    text, problem = decode(raw)
    if text is None:
        errors.append(f"{name}: {problem}")
        return
    files.append(parse_text(text, name, limits))


def _first_time(path: Path, seen: set[Path]) -> bool:
    """False for a file already read through another path (`specs specs/a.yaml`)."""
    try:
        key = path.resolve()
    except (OSError, RuntimeError):  # a symlink loop: let reading it report the problem
        return True
    if key in seen:
        return False
    seen.add(key)
    return True


def _spec_files_under(root: Path) -> Iterable[Path]:
    """Every `*.yaml` / `*.yml` file below `root`, sorted, skipping hidden names.

    An explicit stack, not recursion (os.walk recurses on Python 3.11), so any depth of folders
    is walked; directory symlinks are listed but never entered, so a symlink loop cannot make it
    spin. A folder that cannot be listed is passed over, as os.walk does.
    """
    found = []
    stack = [os.fspath(root)]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as entries:
                listed = list(entries)
        except OSError:
            continue
        for entry in listed:
            name = entry.name
            if name.startswith("."):
                continue
            try:
                is_dir = entry.is_dir()  # follows a symlink, as os.walk does
            except OSError:
                is_dir = False
            if is_dir:
                if not entry.is_symlink():
                    stack.append(os.path.join(folder, name))
            elif name.endswith(SPEC_SUFFIXES):
                found.append(Path(folder, name))
    return sorted(found, key=lambda p: p.as_posix())


def _with_unsaved(root: Path, found: list[Path], overlays: Mapping[str, str]) -> list[Path]:
    """`found` and the overlays under `root` that are not on disk, in the same order."""
    top = os.path.abspath(root)
    on_disk = {os.path.abspath(file) for file in found}
    extra = []
    for name in overlays:
        relative = os.path.relpath(name, top)
        parts = relative.replace(os.sep, "/").split("/")
        # A file outside `root` has a part '..', hidden like the parts that start with '.'.
        if (
            name not in on_disk
            and name.endswith(SPEC_SUFFIXES)
            and not any(part.startswith(".") for part in parts)
        ):
            extra.append(root / relative)
    if not extra:
        return found
    return sorted([*found, *extra], key=lambda p: p.as_posix())


def _display(path: Path) -> str:
    return path.as_posix()


def _load_one(
    path: Path,
    limits: Limits,
    files: list[SourceFile],
    errors: list[str],
    skipped: list[str] | None = None,
    overlays: Mapping[str, str] | None = None,
) -> None:
    """Read one file; `skipped` is given for files found in a directory, which must be regular
    files and are skipped when they are not flowlint specs."""
    shown = _display(path)
    text = overlays.get(os.path.abspath(path)) if overlays else None
    if text is not None and len(text) > limits.max_file_bytes:  # fewer characters than bytes
        errors.append(f"{shown}: is longer than the {limits.max_file_bytes:,}-byte limit")
        return
    if text is None:
        raw = _read_bounded(path, shown, limits, errors, regular_only=skipped is not None)
        if raw is None:
            return
        text, problem = decode(raw)
        if text is None:
            errors.append(f"{shown}: {problem}")
            return
    if skipped is not None and "flowlint" not in text:  # cannot be a spec: do not parse it
        skipped.append(shown)
        return
    source = parse_text(text, shown, limits)
    if skipped is not None and not is_spec(source):
        skipped.append(shown)
        return
    files.append(source)


def _read_bounded(
    path: Path, shown: str, limits: Limits, errors: list[str], regular_only: bool
) -> bytes | None:
    """The file's bytes, never more than the size limit: a named pipe or a device (perhaps
    behind a symlink in a directory model) could otherwise block or never end."""
    limit = limits.max_file_bytes
    try:
        info = path.stat()
        if regular_only and not stat.S_ISREG(info.st_mode):
            errors.append(f"{shown}: is {_file_kind(info.st_mode)}, not a file; remove it")
            return None
        if limit is not None and info.st_size > limit:
            errors.append(over_the_limit(shown, info.st_size, limit))
            return None
        with path.open("rb") as handle:
            if limit is None:
                raw = handle.read()
            elif stat.S_ISREG(info.st_mode):
                # Not `read(limit + 1)`: a buffer of that size is allocated first, and the limit
                # may be far more than the memory there is.
                raw = handle.read(min(limit, info.st_size) + 1)
            else:
                raw = _read_at_most(handle, limit + 1)
    except OSError as exc:
        errors.append(f"{shown}: cannot read: {_why_unreadable(path, exc)}")
        return None
    if limit is not None and len(raw) > limit:  # a pipe or device has no size to check first
        errors.append(f"{shown}: is longer than the {limit:,}-byte limit; {RAISE_THE_LIMIT}")
        return None
    return raw


def _read_at_most(handle: BinaryIO, size: int) -> bytes:
    """Up to `size` bytes of a stream with no size to look at first, a chunk at a time."""
    chunks: list[bytes] = []
    left = size
    while left > 0:
        chunk = handle.read(min(left, 1 << 20))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def _file_kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a device"


def _why_unreadable(path: Path, exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "it is a loop of symbolic links"
    if exc.errno == errno.ENOENT and path.is_symlink():
        return f"it is a symbolic link to {quoted(os.readlink(path))}, which does not exist"
    return exc.strerror or str(exc)


def decode(raw: bytes) -> tuple[str | None, str]:
    """UTF-8 text of a file (a UTF-8 byte-order mark is dropped), or None and why not."""
    if raw.startswith((b"\x00\x00\xfe\xff", b"\xff\xfe\x00\x00")):
        return None, "file is UTF-32; flowlint reads UTF-8 text: re-save the file as UTF-8"
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or _looks_like_utf16(raw):
        return None, "file is UTF-16; flowlint reads UTF-8 text: re-save the file as UTF-8"
    try:
        return raw.decode("utf-8-sig"), ""
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        return None, (
            f"file is not UTF-8 text (byte 0x{raw[exc.start]:02x} on line {line}); "
            "re-save it as UTF-8"
        )


def _looks_like_utf16(raw: bytes) -> bool:
    """UTF-16 without a byte-order mark: ASCII text with a zero byte before or after each."""
    head = raw[:64]
    head = head[: len(head) // 2 * 2]  # whole two-byte units
    if len(head) < 4:
        return False
    even, odd = head[0::2], head[1::2]
    return (not any(even) and all(odd)) or (not any(odd) and all(even))


def parse_text(text: str, path: str, limits: Limits = Limits()) -> SourceFile:
    """Parse one file's text into a `SourceFile`; YAML problems become FL001/FL002 problems."""
    # Parsing makes many small objects that are never cyclic garbage; pausing the cyclic
    # collector while they are made roughly halves the time of a large file.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        return dataclasses.replace(_parse(text, path, limits), text=text)
    finally:
        if was_enabled:
            gc.enable()


def _parse(text: str, path: str, limits: Limits) -> SourceFile:
    bad = None if _printable_ascii(text) else _NOT_PRINTABLE.search(text)
    if bad is not None:  # libyaml would stop there too, but reports bytes rather than columns
        return _reader_failure(path, text, bad.start())
    # Most files are plain data: read those from parser events, without composing nodes.
    plain = read_plain(text, _Loader, limits.max_depth)
    if plain is not None:
        return SourceFile(path, plain[0], plain[1])
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        return _syntax_failure(path, text, exc, limits)
    except RecursionError:  # pragma: no cover - only the pure-Python composer recurses
        return _failure(path, 1, 1, _too_deep(limits))
    finally:
        loader.dispose()
    builder = _Builder(path, limits)
    if node is None:
        return SourceFile(path, None, {"": (1, 1)})
    try:
        data = builder.build(node, "", 0)
    except _Stop as exc:
        builder.problems.append(
            (SYNTAX, Problem(Location(path, exc.line, exc.column, exc.pointer), exc.message))
        )
        return SourceFile(path, None, builder.positions, tuple(builder.problems))
    if data is None:  # an empty document, perhaps with `---` or `~`: the file is empty
        return SourceFile(path, None, {"": (1, 1)}, tuple(builder.problems))
    return SourceFile(path, data, builder.positions, tuple(builder.problems))


def _failure(path: str, line: int, column: int, message: str) -> SourceFile:
    return SourceFile(path, None, {}, ((SYNTAX, Problem(Location(path, line, column), message)),))


def _too_deep(limits: Limits) -> str:
    return f"nesting is deeper than {limits.max_depth} levels; flowlint stops reading here"


def _syntax_failure(path: str, text: str, exc: yaml.MarkedYAMLError, limits: Limits) -> SourceFile:
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    return _failure(path, line, column, _syntax_message(text, exc, line, column, limits))


def _syntax_message(
    text: str, exc: yaml.MarkedYAMLError, line: int, column: int, limits: Limits
) -> str:
    """libyaml's report in words a spec author can act on."""
    problem = exc.problem or ""
    context = exc.context or ""
    start = exc.context_mark
    if "expected a single document" in context:
        return (
            "several YAML documents in one file: flowlint reads one document per file; "
            "split them into separate files of a directory model"
        )
    if "maximum nesting depth" in problem:
        return _too_deep(limits)
    if context.startswith("found duplicate anchor") and start is not None:
        return (
            f"invalid YAML: this anchor is already defined on line {start.line + 1}, "
            f"column {start.column + 1}; give each anchor its own name"
        )
    if "cannot start any token" in problem:
        return _bad_token(_char_at(text, line, column))
    if problem == "found undefined alias":
        name = re.match(r"\*([^\s,\[\]{}]+)", _line_at(text, line)[column - 1 :])
        if name:
            return (
                f"invalid YAML: alias {quoted('*' + name.group(1))} refers to no anchor; "
                f"define {quoted('&' + name.group(1))} before using it"
            )
    if problem.startswith(("mapping values are not allowed", "could not find expected ':'")):
        key = _line_at(text, line)[: column - 1].strip()
        if len(key) > 1024:  # YAML's limit on a key written without '? '
            return (
                f"invalid YAML: this key is {len(key):,} characters long; YAML allows at most "
                "1024 characters in a key on one line: shorten it"
            )
    if problem.startswith("mapping values are not allowed"):
        problem = "unexpected ':' (a mapping value is not allowed here)"
    message = f"invalid YAML: {problem or context or 'cannot parse'}"
    started = start is not None and (start.line + 1, start.column + 1) != (line, column)
    if problem and context.startswith("while") and started:
        message += f" {context} that starts on line {start.line + 1}, column {start.column + 1}"
    hint = next((h for p, h in _HINTS.items() if problem.startswith(p)), None)
    return f"{message}; {hint}" if hint else message


def _bad_token(char: str | None) -> str:
    if char == "\t":
        return "invalid YAML: a tab character cannot start a token here; indent with spaces"
    if char in ("@", "`"):
        return (
            f"invalid YAML: '{char}' is reserved and cannot start a plain value; "
            "put the value in quotes"
        )
    shown = f" {char!r}" if char else ""
    return f"invalid YAML: character{shown} cannot start a value here; put the value in quotes"


def _line_at(text: str, line: int) -> str:
    lines = text.splitlines()
    return lines[line - 1] if line <= len(lines) else ""  # lines count from 1


def _char_at(text: str, line: int, column: int) -> str | None:
    row = _line_at(text, line)
    return row[column - 1] if column <= len(row) else None  # columns count from 1


def _reader_failure(path: str, text: str, position: int) -> SourceFile:
    # Count line breaks as YAML does (LF, CRLF, CR, NEL, LS, PS): str.splitlines agrees on those.
    before = text[:position].splitlines(keepends=True)
    if not before or before[-1].splitlines()[0] != before[-1]:
        line, column = len(before) + 1, 1
    else:
        line, column = len(before), len(before[-1]) + 1
    code = ord(text[position])
    what = "the NUL character (U+0000)" if code == 0 else f"the character U+{code:04X}"
    message = f"invalid YAML: {what} is not allowed in YAML text; remove it"
    return _failure(path, line, column, message)


# Scalars at least this long are tracked to count the text their aliases add.
_LONG_SCALAR = 64


class _Stop(Exception):
    """A limit was reached: the file is not read further."""

    def __init__(self, message: str, pointer: str, mark: yaml.Mark) -> None:
        super().__init__(message)
        self.message, self.pointer = message, pointer
        self.line, self.column = mark.line + 1, mark.column + 1


class _Builder:
    """Turns one composed node tree into plain data and a pointer -> position map."""

    def __init__(self, path: str, limits: Limits) -> None:
        self.path = path
        self.limits = limits
        self.positions: dict[str, tuple[int, int]] = {}
        self.problems: list[tuple[str, Problem]] = []
        self.built: dict[int, Any] = {}  # aliased collections are built once and shared
        self.building: set[int] = set()  # collections whose building has not finished
        self.alias_nodes = 0
        self.alias_chars = 0
        # Nodes in, nesting height of, and characters of text in each built collection as
        # aliases expand it.
        self.sizes: dict[int, int] = {}
        self.heights: dict[int, int] = {}
        self.chars: dict[int, int] = {}
        # Long scalars seen so far: a second sight is an alias, whose text counts. (Short ones
        # are not tracked: an alias is at least two characters of the file, so they can add at
        # most 32 times the file's size.)
        self.long_scalars: set[int] = set()
        self.constructor = yaml.constructor.SafeConstructor()

    def build(self, node: yaml.Node, pointer: str, depth: int) -> Any:
        mark = node.start_mark
        self.positions.setdefault(pointer, (mark.line + 1, mark.column + 1))
        if isinstance(node, yaml.ScalarNode):
            if len(node.value) >= _LONG_SCALAR:
                if id(node) in self.long_scalars:
                    self._add_alias_text(len(node.value), pointer, mark)
                self.long_scalars.add(id(node))
            return self._scalar(node, pointer)
        if depth >= self.limits.max_depth:
            raise _Stop(_too_deep(self.limits), pointer, mark)
        key = id(node)
        if key in self.built:
            self._reuse(node, pointer, depth)
            return self.built[key]
        self._check_tag(node, pointer, _COLLECTION_TAGS)
        self.building.add(key)
        if isinstance(node, yaml.SequenceNode):
            items: list[Any] = []
            self.built[key] = items
            for index, child in enumerate(node.value):
                items.append(self.build(child, f"{pointer}/{index}", depth + 1))
        else:
            mapping: dict[str, Any] = {}
            self.built[key] = mapping
            self._fill_mapping(node, mapping, pointer, depth)
        self.building.discard(key)
        return self.built[key]

    def _fill_mapping(
        self, node: yaml.MappingNode, mapping: dict[str, Any], pointer: str, depth: int
    ) -> None:
        first_seen: dict[str, tuple[int, int]] = {}
        merges: list[tuple[yaml.Node, yaml.Node]] = []
        # Of a key written twice, the last value counts, as in every YAML reader; the key keeps
        # the place of its first occurrence, as a Python dict does. Earlier values are not read.
        last = {
            key_node.value: index
            for index, (key_node, _) in enumerate(node.value)
            if isinstance(key_node, yaml.ScalarNode) and key_node.tag != _MERGE
        }
        for index, (key_node, value_node) in enumerate(node.value):
            if key_node.tag == _MERGE:
                merges.append((key_node, value_node))
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self._problem(
                    SYNTAX,
                    pointer,
                    key_node.start_mark,
                    "a mapping key must be plain text, not a list or mapping",
                )
                continue
            key = key_node.value
            child = f"{pointer}/{escape_pointer_token(key)}"
            if key_node.tag not in _KEY_TAGS:
                self._check_tag(key_node, child, ())
            key_position = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if key in first_seen:
                line, column = first_seen[key]
                self._problem(
                    DUPLICATE_KEY,
                    child,
                    key_node.start_mark,
                    f"duplicate key {quoted(key)}: it is already set on line {line}, column "
                    f"{column}; keep one of them (as YAML does, flowlint uses only the last)",
                    ("key", pointer, key),
                )
            else:
                first_seen[key] = key_position
            if index != last[key]:
                mapping.setdefault(key)  # holds the key's place (None) until its last value
                continue
            self.positions[child] = key_position
            mapping[key] = self._value(value_node, child, depth)
        for key_node, merge in merges:
            self._merge(key_node, merge, mapping, pointer, depth)

    def _value(self, value_node: yaml.Node, pointer: str, depth: int) -> Any:
        # The key's position was recorded; the value keeps it unless it is deeper in the tree.
        key_position = self.positions[pointer]
        value = self.build(value_node, pointer, depth + 1)
        self.positions[pointer] = key_position
        return value

    def _merge(
        self,
        key_node: yaml.Node,
        merge: yaml.Node,
        mapping: dict[str, Any],
        pointer: str,
        depth: int,
    ) -> None:
        """Apply a `<<:` merge key: keys written in the mapping win, then earlier sources.

        A merged key is placed at the `<<` key that brought it in.
        """
        at = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
        sources = merge.value if isinstance(merge, yaml.SequenceNode) else [merge]
        reported = False  # one problem per '<<' key, however many of its sources are wrong
        for source in sources:
            if not isinstance(source, yaml.MappingNode):
                if reported:
                    continue
                reported = True
                self._problem(
                    SYNTAX,
                    pointer,
                    key_node.start_mark,
                    "'<<' merges only mappings into a mapping; write '<<: *anchor' "
                    "naming an anchored mapping",
                )
                continue
            # Positions inside the merged mapping belong to where it was written, not here.
            positions, self.positions = self.positions, {}
            try:
                merged = self.build(source, f"{pointer}/<<", depth + 1)
            finally:
                self.positions = positions
            for key, value in merged.items():
                if key not in mapping:
                    mapping[key] = value
                    self.positions[f"{pointer}/{escape_pointer_token(key)}"] = at

    def _scalar(self, node: yaml.ScalarNode, pointer: str) -> Any:
        tag = node.tag
        if tag in _PLAIN_SCALAR_TAGS:
            return self._construct(node, pointer)
        if tag not in _TEXT_TAGS:
            self._check_tag(node, pointer, ())
        return node.value

    def _construct(self, node: yaml.ScalarNode, pointer: str) -> Any:
        """An int, float, bool or null; a value the tag cannot read stays text, reported."""
        tag = node.tag
        if tag == _INT and len(node.value) > _MAX_INT_CHARS:
            self._problem(
                SYNTAX,
                pointer,
                node.start_mark,
                f"this number is {len(node.value):,} characters long, over flowlint's limit "
                f"of {_MAX_INT_CHARS:,}; write it in quotes if it is meant as text",
            )
            return node.value
        try:
            return self.constructor.yaml_constructors[tag](self.constructor, node)
        except (ValueError, KeyError, IndexError, TypeError, OverflowError):
            shown = node.value if len(node.value) <= 40 else node.value[:37] + "..."
            self._problem(
                SYNTAX,
                pointer,
                node.start_mark,
                f"'{shown}' cannot be read as {_SCALAR_WORDS[tag]}: "
                f"remove the tag '!!{tag.rpartition(':')[2]}' or correct the value",
            )
            return node.value

    def _check_tag(self, node: yaml.Node, pointer: str, allowed: Iterable[str]) -> None:
        if node.tag in allowed:
            return
        tag = node.tag
        shown = "!!" + tag[len("tag:yaml.org,2002:") :] if tag.startswith("tag:yaml.org,") else tag
        self._problem(
            SYNTAX,
            pointer,
            node.start_mark,
            f"tag {quoted(shown)} is not supported: flowlint reads plain YAML data only "
            "and never constructs objects; remove the tag",
        )

    def _reuse(self, node: yaml.Node, pointer: str, depth: int) -> None:
        """An alias to a collection built before: refuse recursion, bound depth and expansion."""
        key = id(node)
        mark = node.start_mark
        if key in self.building:
            raise _Stop(
                "an alias refers to a mapping or list that contains it, which would repeat "
                "forever; flowlint stops reading here",
                pointer,
                mark,
            )
        self._measure(node)
        if depth + self.heights[key] > self.limits.max_depth:
            raise _Stop(_too_deep(self.limits), pointer, mark)
        self.alias_nodes += self.sizes[key]
        if self.alias_nodes > self.limits.max_alias_nodes:
            raise _Stop(
                f"aliases expand to more than {self.limits.max_alias_nodes:,} nodes; "
                "flowlint stops reading here (is this an alias bomb?)",
                pointer,
                mark,
            )
        self._add_alias_text(self.chars[key], pointer, mark)

    def _add_alias_text(self, count: int, pointer: str, mark: yaml.Mark) -> None:
        self.alias_chars += count
        if self.alias_chars > self.limits.max_alias_chars:
            raise _Stop(
                f"aliases expand to more than {self.limits.max_alias_chars:,} characters of "
                "text; flowlint stops reading here (is this an alias bomb?)",
                pointer,
                mark,
            )

    def _measure(self, root: yaml.Node) -> None:
        """Record how many nodes `root` expands to and how deep it nests, without recursion.

        Only aliased collections are measured, each once. `root` is fully built, so its
        descendants are too and none of them contains an ancestor: the walk ends.
        """
        sizes, heights, chars = self.sizes, self.heights, self.chars
        stack: list[yaml.Node] = [root]
        while stack:
            node = stack.pop()
            key = id(node)
            if key in sizes:
                continue
            children = [
                child
                for child in _children(node)
                if not isinstance(child, yaml.ScalarNode) and id(child) not in sizes
            ]
            if children:  # measure them first, then this node again
                stack.append(node)
                stack.extend(children)
                continue
            size, height, text = 1, 0, 0
            for child in _children(node):
                if isinstance(child, yaml.ScalarNode):
                    size += 1
                    text += len(child.value)
                else:
                    size += sizes[id(child)]
                    height = max(height, heights[id(child)])
                    text += chars[id(child)]
            sizes[key], heights[key], chars[key] = size, height + 1, text

    def _problem(
        self,
        code: str,
        pointer: str,
        mark: yaml.Mark,
        message: str,
        subject: tuple[str, ...] = (),
    ) -> None:
        location = Location(self.path, mark.line + 1, mark.column + 1, pointer)
        self.problems.append((code, Problem(location, message, subject)))


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return node.value
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []
