"""Files to plain data with positions: the only module that reads spec files.

A path is a file or a directory model (its `*.yaml` / `*.yml` files, recursively, sorted). Each file
is composed into YAML nodes with PyYAML's C loader and turned into plain data by our own
constructor, which
- builds only plain data (str, int, float, bool, None, list, dict): tags never construct objects;
- keeps every mapping key as the text written (`no:` stays the string "no");
- reports duplicate keys (FL002) instead of silently keeping the last one;
- records the 1-based line and column of every node by JSON Pointer;
- bounds input size, nesting depth and alias expansion.
Problems in a file become findings; problems that stop flowlint reading at all (a missing path, a
file that is not UTF-8) are returned as one-line errors.
"""

from __future__ import annotations

import dataclasses
import gc
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from flowlint.findings import Location, Problem

try:  # the C loader is several times faster; fall back to pure Python where libyaml is missing
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

SPEC_SUFFIXES = (".yaml", ".yml")

_STR = "tag:yaml.org,2002:str"
_MERGE = "tag:yaml.org,2002:merge"
_PLAIN_SCALAR_TAGS = {
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
}
# Standard tags we accept but read as the text written (a date stays "2024-05-01").
_TEXT_TAGS = {_STR, "tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:binary", "!"}
_COLLECTION_TAGS = {
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:omap",
    "tag:yaml.org,2002:set",
}

SYNTAX = "FL001"
DUPLICATE_KEY = "FL002"


@dataclass(frozen=True, slots=True)
class Limits:
    """Bounds that keep a hostile or broken spec from exhausting time or memory."""

    max_file_bytes: int = 64 * 1024 * 1024
    max_depth: int = 64
    # Nodes an alias may add beyond the nodes written: stops "billion laughs" documents.
    max_alias_nodes: int = 100_000


@dataclass(frozen=True, slots=True)
class SourceFile:
    """One spec file as plain data, with the position of every node by JSON Pointer."""

    path: str
    data: Any
    positions: dict[str, tuple[int, int]] = field(repr=False)
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


def escape_pointer_token(token: str) -> str:
    """Escape one reference token as RFC 6901 requires."""
    return token.replace("~", "~0").replace("/", "~1")


def load_paths(paths: Sequence[str | os.PathLike[str]], limits: Limits = Limits()) -> Loaded:
    """Read every spec file under `paths` (files or directory models)."""
    files: list[SourceFile] = []
    errors: list[str] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = list(_spec_files_under(path))
            if not found:
                errors.append(f"{_display(path)}: no *.yaml or *.yml spec files in this directory")
            for file in found:
                _load_one(file, limits, files, errors)
        elif path.exists():
            _load_one(path, limits, files, errors)
        else:
            errors.append(f"{_display(path)}: no such file or directory")
    return Loaded(tuple(files), tuple(errors))


def _spec_files_under(root: Path) -> Iterable[Path]:
    # os.walk does not follow directory symlinks, so a symlink loop cannot make it spin.
    found = []
    for folder, dirs, names in os.walk(root):
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in names:
            if name.endswith(SPEC_SUFFIXES) and not name.startswith("."):
                found.append(Path(folder, name))
    return sorted(found, key=lambda p: p.as_posix())


def _display(path: Path) -> str:
    return path.as_posix()


def _load_one(path: Path, limits: Limits, files: list[SourceFile], errors: list[str]) -> None:
    shown = _display(path)
    try:
        size = path.stat().st_size
        if size > limits.max_file_bytes:
            errors.append(
                f"{shown}: file is {size:,} bytes, over the {limits.max_file_bytes:,}-byte limit"
            )
            return
        raw = path.read_bytes()
    except OSError as exc:
        errors.append(f"{shown}: cannot read: {exc.strerror or exc}")
        return
    text, problem = decode(raw)
    if text is None:
        errors.append(f"{shown}: {problem}")
        return
    files.append(parse_text(text, shown, limits))


def decode(raw: bytes) -> tuple[str | None, str]:
    """UTF-8 text of a file (a UTF-8 byte-order mark is dropped), or None and why not."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, "file is UTF-16; flowlint reads UTF-8 text: re-save the file as UTF-8"
    try:
        return raw.decode("utf-8-sig"), ""
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        return None, (
            f"file is not UTF-8 text (byte 0x{raw[exc.start]:02x} on line {line}); "
            "re-save it as UTF-8"
        )


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
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        return _syntax_failure(path, exc)
    except yaml.YAMLError as exc:  # ReaderError: a character YAML forbids, e.g. NUL
        return _reader_failure(path, text, exc)
    finally:
        loader.dispose()
    builder = _Builder(path, limits)
    if node is None:
        return SourceFile(path, None, {"": (1, 1)}, ())
    try:
        data = builder.build(node, "", 0)
    except _TooBig as exc:
        builder.problems.append(
            (SYNTAX, Problem(Location(path, exc.line, exc.column, exc.pointer), exc.message))
        )
        return SourceFile(path, None, builder.positions, tuple(builder.problems))
    builder.positions.setdefault("", (1, 1))
    return SourceFile(path, data, builder.positions, tuple(builder.problems))


def _syntax_failure(path: str, exc: yaml.MarkedYAMLError) -> SourceFile:
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    message = f"invalid YAML: {exc.problem or exc.context or 'cannot parse'}"
    if exc.context and exc.problem:
        where = ""
        if exc.context_mark is not None and exc.context_mark is not mark:
            where = f" at line {exc.context_mark.line + 1}, column {exc.context_mark.column + 1}"
        message += f" ({exc.context}{where})"
    if "expected a single document" in (exc.context or ""):
        message = (
            "several YAML documents in one file: flowlint reads one document per file; "
            "split them into separate files of a directory model"
        )
    return SourceFile(path, None, {}, ((SYNTAX, Problem(Location(path, line, column), message)),))


def _reader_failure(path: str, text: str, exc: yaml.YAMLError) -> SourceFile:
    position = getattr(exc, "position", 0) or 0
    line = text.count("\n", 0, position) + 1
    column = position - (text.rfind("\n", 0, position) + 1) + 1
    character = getattr(exc, "character", None)
    what = f"character {character!r}" if character is not None else "a character"
    message = f"invalid YAML: {what} is not allowed in YAML text"
    return SourceFile(path, None, {}, ((SYNTAX, Problem(Location(path, line, column), message)),))


class _TooBig(Exception):
    def __init__(self, message: str, pointer: str, line: int, column: int) -> None:
        super().__init__(message)
        self.message, self.pointer, self.line, self.column = message, pointer, line, column


class _Builder:
    """Turns one composed node tree into plain data and a pointer -> position map."""

    def __init__(self, path: str, limits: Limits) -> None:
        self.path = path
        self.limits = limits
        self.positions: dict[str, tuple[int, int]] = {}
        self.problems: list[tuple[str, Problem]] = []
        self.built: dict[int, Any] = {}  # aliased collections are built once and shared
        self.alias_nodes = 0
        self.sizes: dict[int, int] = {}
        self.constructor = yaml.constructor.SafeConstructor()

    def build(self, node: yaml.Node, pointer: str, depth: int) -> Any:
        mark = node.start_mark
        self.positions.setdefault(pointer, (mark.line + 1, mark.column + 1))
        if isinstance(node, yaml.ScalarNode):
            return self._scalar(node, pointer)
        if depth >= self.limits.max_depth:
            raise _TooBig(
                f"nesting is deeper than {self.limits.max_depth} levels; "
                "flowlint stops reading here",
                pointer,
                mark.line + 1,
                mark.column + 1,
            )
        key = id(node)
        if key in self.built:
            self._count_alias(node, pointer)
            return self.built[key]
        self._check_tag(node, pointer, _COLLECTION_TAGS)
        if isinstance(node, yaml.SequenceNode):
            items: list[Any] = []
            self.built[key] = items
            for index, child in enumerate(node.value):
                items.append(self.build(child, f"{pointer}/{index}", depth + 1))
            return items
        mapping: dict[str, Any] = {}
        self.built[key] = mapping
        self._fill_mapping(node, mapping, pointer, depth)
        return mapping

    def _fill_mapping(
        self, node: yaml.MappingNode, mapping: dict[str, Any], pointer: str, depth: int
    ) -> None:
        first_seen: dict[str, tuple[int, int]] = {}
        merges: list[yaml.Node] = []
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                merges.append(value_node)
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
            key_position = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if key in first_seen:
                line, column = first_seen[key]
                self._problem(
                    DUPLICATE_KEY,
                    child,
                    key_node.start_mark,
                    f"duplicate key '{key}': it is already set on line {line}; "
                    "keep one of them (YAML would silently use only the last)",
                    ("key", pointer, key),
                )
                continue
            first_seen[key] = key_position
            self.positions[child] = key_position
            mapping[key] = self._value(value_node, child, depth)
        for merge in merges:
            self._merge(merge, mapping, pointer, depth)

    def _value(self, value_node: yaml.Node, pointer: str, depth: int) -> Any:
        # The key's position was recorded; the value keeps it unless it is deeper in the tree.
        key_position = self.positions[pointer]
        value = self.build(value_node, pointer, depth + 1)
        self.positions[pointer] = key_position
        return value

    def _merge(self, merge: yaml.Node, mapping: dict[str, Any], pointer: str, depth: int) -> None:
        """Apply a `<<:` merge key: keys written in the mapping win over merged ones."""
        sources = merge.value if isinstance(merge, yaml.SequenceNode) else [merge]
        for source in sources:
            if not isinstance(source, yaml.MappingNode):
                self._problem(
                    SYNTAX, pointer, source.start_mark, "'<<' merges only mappings into a mapping"
                )
                continue
            merged = self.build(source, pointer + "/<<", depth + 1)
            for key, value in merged.items():
                if key not in mapping:
                    mapping[key] = value
                    child = f"{pointer}/{escape_pointer_token(key)}"
                    self.positions.setdefault(child, self.positions.get(pointer + "/<<", (1, 1)))

    def _scalar(self, node: yaml.ScalarNode, pointer: str) -> Any:
        tag = node.tag
        if tag in _PLAIN_SCALAR_TAGS:
            construct = self.constructor.yaml_constructors[tag]
            return construct(self.constructor, node)
        if tag not in _TEXT_TAGS:
            self._check_tag(node, pointer, ())
        return node.value

    def _check_tag(self, node: yaml.Node, pointer: str, allowed: Iterable[str]) -> None:
        if node.tag in allowed:
            return
        self._problem(
            SYNTAX,
            pointer,
            node.start_mark,
            f"tag '{node.tag}' is not supported: flowlint reads plain YAML data only "
            "and never constructs objects; remove the tag",
        )

    def _count_alias(self, node: yaml.Node, pointer: str) -> None:
        self.alias_nodes += self._size(node)
        if self.alias_nodes > self.limits.max_alias_nodes:
            mark = node.start_mark
            raise _TooBig(
                f"aliases expand to more than {self.limits.max_alias_nodes:,} nodes; "
                "flowlint stops reading here (is this an alias bomb?)",
                pointer,
                mark.line + 1,
                mark.column + 1,
            )

    def _size(self, node: yaml.Node) -> int:
        key = id(node)
        if key in self.sizes:
            return self.sizes[key]
        self.sizes[key] = 1  # a recursive alias counts once rather than forever
        total = 1
        if isinstance(node, yaml.SequenceNode):
            total += sum(self._size(child) for child in node.value)
        elif isinstance(node, yaml.MappingNode):
            total += sum(self._size(k) + self._size(v) for k, v in node.value)
        self.sizes[key] = total
        return total

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
