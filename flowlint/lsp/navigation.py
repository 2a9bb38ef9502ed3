"""Ids you can follow: every place an id is declared or referred to, from the model.

Declarations are the model's declared elements (`Model.declared(kind)`, and redeclarations in
other files); references are `Model.references()`, the model's one walk over every id-valued
field. Nothing here lists fields: an id field the spec format adds appears in that walk, and
definition, references, rename and hover follow it with no change here.

Each site is placed by the location the model gives it and the text written there
(`flowlint.lsp.text.written_at`); a reference that is not written as its id (the entity a
relationship is written in, a merge key) is not a site.
"""

from __future__ import annotations

import bisect
import os
from collections.abc import Iterable
from dataclasses import dataclass

from flowlint.findings import Location
from flowlint.lsp.project import Snapshot
from flowlint.lsp.text import Span, written_at

# Kinds the model declares; `references()` may name more, which are asked for too.
DECLARED_KINDS = ("service", "entity", "api")


@dataclass(frozen=True, slots=True)
class Site:
    """An id written in a file: a declaration of it, or a reference to it."""

    kind: str
    ident: str
    span: Span
    declaration: bool


class SiteIndex:
    """The sites of one snapshot, by file (in text order) and by (kind, id)."""

    def __init__(self, sites: Iterable[Site]) -> None:
        self.by_file: dict[str, list[Site]] = {}
        self.by_id: dict[tuple[str, str], list[Site]] = {}
        for site in sites:
            self.by_file.setdefault(site.span.file, []).append(site)
            self.by_id.setdefault((site.kind, site.ident), []).append(site)
        self._starts: dict[str, list[tuple[int, int]]] = {}
        for file, found in self.by_file.items():
            found.sort(key=lambda s: (s.span.line, s.span.column))
            self._starts[file] = [(s.span.line, s.span.column) for s in found]

    def at(self, file: str, line: int, column: int) -> Site | None:
        """The site under the cursor (or just before it) in `file` (absolute path)."""
        found = self.by_file.get(file)
        if not found:
            return None
        index = bisect.bisect_right(self._starts[file], (line, column))
        for candidate in found[max(index - 1, 0) : index + 1]:
            if candidate.span.contains(line, column):
                return candidate
        return None

    def declarations(self, kind: str, ident: str) -> list[Site]:
        return [site for site in self.by_id.get((kind, ident), ()) if site.declaration]

    def references(self, kind: str, ident: str) -> list[Site]:
        return [site for site in self.by_id.get((kind, ident), ()) if not site.declaration]

    def kinds_of(self, ident: str) -> list[str]:
        """The kinds of thing declared with this id."""
        return [kind for (kind, name), sites in self.by_id.items() if name == ident and sites]


def declared(snapshot: Snapshot, kind: str) -> dict[str, object]:
    """The declared elements of one kind (empty for a kind the model does not declare)."""
    try:
        return dict(snapshot.model.declared(kind))
    except KeyError:
        return {}


def kinds(snapshot: Snapshot) -> list[str]:
    """Every kind of thing the model declares or refers to."""
    cached = snapshot.cache.get("kinds")
    if cached is None:
        seen = dict.fromkeys(DECLARED_KINDS)
        seen.update(dict.fromkeys(kind for kind, _, _ in snapshot.model.references()))
        cached = snapshot.cache["kinds"] = list(seen)
    return cached  # type: ignore[return-value]


def site_index(snapshot: Snapshot) -> SiteIndex:
    """The sites of a snapshot, made on first use and kept with it."""
    cached = snapshot.cache.get("sites")
    if cached is None:
        cached = snapshot.cache["sites"] = SiteIndex(_sites(snapshot))
    return cached  # type: ignore[return-value]


def _sites(snapshot: Snapshot) -> Iterable[Site]:
    model = snapshot.model
    for kind in kinds(snapshot):
        for ident, element in declared(snapshot, kind).items():
            location = element.location  # type: ignore[attr-defined]
            site = _site(snapshot, kind, ident, location, declaration=True)
            if site is not None:
                yield site
    for again in model.redeclarations:
        site = _site(snapshot, again.kind.lower(), again.id, again.location, declaration=True)
        if site is not None:
            yield site
    for kind, ref, _ in model.references():
        site = _site(snapshot, kind, ref.id, ref.location, declaration=False)
        if site is not None:
            yield site


def _site(
    snapshot: Snapshot, kind: str, ident: str, location: Location, *, declaration: bool
) -> Site | None:
    path = os.path.abspath(location.file)
    source = snapshot.sources.get(path)
    if source is None:
        return None
    span = written_at(snapshot.lines(path), source.data, location, ident, as_key=declaration)
    if span is None:
        return None
    placed = Span(path, span.line, span.column, span.end_line, span.end_column)
    return Site(kind, ident, placed, declaration)
