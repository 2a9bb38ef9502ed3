"""The outline of a file (services, entities, relationships, flows, APIs) and the workspace's
symbols, from the model's elements and where the loader found them.

An element's range runs from where it starts to just before the next node that is not inside it
(its next sibling, or its parent's), trimmed of trailing blank and comment lines.
"""

from __future__ import annotations

import bisect
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from flowlint.findings import Location
from flowlint.lsp.navigation import declared, site_index
from flowlint.lsp.project import Snapshot
from flowlint.lsp.text import Span, scalar_at

SECTIONS = (
    ("services", "services", "service"),
    ("entities", "entities", "entity"),
    ("relationships", "relationships", "relationship"),
    ("flows", "flows", "flow"),
    ("apis", "APIs", "api"),
)


@dataclass(frozen=True, slots=True)
class Symbol:
    """One entry of the outline; `kind` is a section, 'service', 'entity', 'relationship',
    'flow' or 'api'."""

    name: str
    detail: str
    kind: str
    span: Span
    selection: Span
    children: tuple[Symbol, ...] = field(default=())


class _Extents:
    """Where each node of one file ends, from the start positions the loader recorded."""

    def __init__(self, snapshot: Snapshot, path: str) -> None:
        source = snapshot.sources[path]
        self.path = path
        self.lines = snapshot.lines(path)
        ordered = sorted((position, pointer) for pointer, position in source.positions.items())
        self.starts = [position for position, _ in ordered]
        self.pointers = [pointer for _, pointer in ordered]

    def span(self, location: Location) -> Span:
        pointer = location.pointer
        start = (location.line, location.column)
        index = bisect.bisect_right(self.starts, start)
        end_line = len(self.lines)
        for later in range(index, len(self.pointers)):
            other = self.pointers[later]
            if other != pointer and not other.startswith(pointer + "/"):
                end_line = self.starts[later][0] - 1  # 1-based: the line before it
                break
        last = max(end_line - 1, location.line - 1)  # 0-based line of the end
        while last > location.line - 1 and _skippable(self.lines[last]):
            last -= 1
        line = location.line - 1
        end_column = len(self.lines[last]) if last < len(self.lines) else 0
        return Span(self.path, line, location.column - 1, last, end_column)

    def selection(self, location: Location, whole: Span) -> Span:
        """The span of the key or item written where the element starts (its name)."""
        line = location.line - 1
        text = self.lines[line] if line < len(self.lines) else ""
        found = scalar_at(text, location.column - 1)
        if found is None or (line, found[1]) > (whole.end_line, whole.end_column):
            # A flow collection or a list item's dash: its first line.
            end = len(text.rstrip()) if whole.end_line > line else whole.end_column
            return Span(self.path, line, location.column - 1, line, max(end, location.column - 1))
        return Span(self.path, line, found[0], line, found[1])


def _skippable(row: str) -> bool:
    stripped = row.strip()
    return not stripped or stripped.startswith("#")


def document_symbols(snapshot: Snapshot, path: str) -> list[Symbol]:
    """The outline of one file (absolute path) of the snapshot."""
    cache = snapshot.cache.setdefault("symbols", {})
    if path in cache:  # type: ignore[operator]
        return cache[path]  # type: ignore[index,no-any-return]
    found: list[Symbol] = []
    if path in snapshot.sources:
        extents = _Extents(snapshot, path)
        source = snapshot.sources[path]
        for key, title, kind in SECTIONS:
            if not isinstance(source.data, dict) or key not in source.data:
                continue
            children = tuple(_members(snapshot, path, extents, kind))
            location = source.location(f"/{key}")
            whole = extents.span(location)
            found.append(
                Symbol(
                    title,
                    f"{len(children)}",
                    "section",
                    whole,
                    extents.selection(location, whole),
                    children,
                )
            )
    cache[path] = found  # type: ignore[index]
    return found


def _in_file(location: Location, path: str) -> bool:
    return os.path.abspath(location.file) == path


def _element(
    extents: _Extents,
    name: str,
    detail: str,
    kind: str,
    location: Location,
    children: tuple[Symbol, ...] = (),
) -> Symbol:
    whole = extents.span(location)
    return Symbol(name, detail, kind, whole, extents.selection(location, whole), children)


def _members(snapshot: Snapshot, path: str, extents: _Extents, kind: str) -> Iterator[Symbol]:
    model = snapshot.model
    if kind == "relationship":
        for rel in model.relationships:
            if not rel.within_entity and _in_file(rel.location, path):
                name = f"{rel.source.id} → {rel.target.id}"
                yield _element(extents, name, rel.name, kind, rel.location)
        return
    if kind == "flow":
        for flow in model.flows:
            if _in_file(flow.location, path):
                name = f"{flow.source.id} → {flow.target.id}"
                carried = ", ".join(ref.id for ref in flow.entities)
                yield _element(extents, name, carried, kind, flow.location)
        return
    elements = [
        (ident, element)
        for ident, element in declared(snapshot, kind).items()
        if _in_file(element.location, path)  # type: ignore[attr-defined]
    ]
    for again in model.redeclarations:
        if again.kind.lower() == kind and _in_file(again.location, path):
            elements.append((again.id, again))
    elements.sort(key=lambda pair: (pair[1].location.line, pair[1].location.column))  # type: ignore[attr-defined]
    for ident, element in elements:
        name = getattr(element, "name", None)
        detail = name if isinstance(name, str) and name != ident else ""
        children: tuple[Symbol, ...] = ()
        if kind == "entity":
            children = tuple(
                _element(extents, f"→ {rel.target.id}", rel.name, "relationship", rel.location)
                for rel in model.relationships
                if rel.within_entity
                and rel.source.id == ident
                and _in_file(rel.location, path)
                and rel.location.pointer.startswith(element.location.pointer + "/")  # type: ignore[attr-defined]
            )
        yield _element(extents, ident, detail, kind, element.location, children)  # type: ignore[attr-defined]


def workspace_symbols(snapshots: Iterable[Snapshot], query: str) -> list[tuple[str, str, Span]]:
    """(kind, id, span of its declaration) of every declared id matching `query` (its letters in
    order, ignoring case), across the snapshots."""
    wanted = query.lower()
    found: dict[tuple[str, str, Span], None] = {}
    for snapshot in snapshots:
        for (kind, ident), sites in site_index(snapshot).by_id.items():
            if not _matches(wanted, ident.lower()):
                continue
            for site in sites:
                if site.declaration:
                    found[(kind, ident, site.span)] = None
    return list(found)


def _matches(query: str, text: str) -> bool:
    position = 0
    for char in query:
        position = text.find(char, position) + 1
        if position == 0:
            return False
    return True
