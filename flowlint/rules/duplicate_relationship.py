"""A relationship between two entities is defined once.

Why: "each service independently creates relationships between different entities", says the
Becoming a teacher page, and Publish and Manage both create the one between accredited providers and
lead partners. Two services creating the same relationship means two versions of which provider
leads which partnership, which drift apart with no rule for which is right. The same relationship
written twice by one service (within the entity and again at the top level) is two places to keep
in step. Names are compared ignoring case and punctuation, and the ends in either order.

A relationship written inside an entity with several plain owners is created by each of them, as
if `defined_by` named them all; scoped owners, who split the entity's records between them, count
as one definer. When the relationship is stored in one place (`stored_in: <service>`) and its
`defined_by` are the tools that edit it there, it is one definition, however many edit it.

Fails:
    flowlint: 1
    services:
      publish: {name: Publish teacher training courses}
      manage: {name: Manage teacher training applications}
    entities:
      provider: {owner: publish}
    relationships:
      - name: Accredited provider to lead partner
        from: provider
        to: provider
        defined_by: [publish, manage]
    flows:
      - {from: publish, to: manage, entities: [provider]}

Passes:
    flowlint: 1
    services:
      publish: {name: Publish teacher training courses}
      manage: {name: Manage teacher training applications}
    entities:
      provider: {owner: publish}
    relationships:
      - name: Accredited provider to lead partner
        from: provider
        to: provider
        defined_by: publish
    flows:
      - {from: publish, to: manage, entities: [provider]}

Fix: let one service (usually the owner of the entities) create the relationship and the others
receive it with a copy of the entities; delete the repeated definition. If it is kept in one
service and edited from several, say so with `stored_in: <service>`. If the two really mean
different things, give them different names.
"""

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from flowlint.api import (
    Location,
    Model,
    Problem,
    Relationship,
    quoted,
    quoted_list,
    relationship_key,
)

CODE, NAME, SEVERITY = "FL201", "duplicate-relationship", "warning"


@dataclass(frozen=True, slots=True)
class _Definition:
    """One (relationship entry, definer) pair. `definers` is empty when no service is named, and
    holds several services when they make one definition together: the scoped owners of the
    entity it is written in, or the editors of one `stored_in`."""

    rel: Relationship
    definers: tuple[str, ...]
    where: Location

    def describe(self) -> str:
        names = _names(self.definers)
        if self.rel.within_entity:
            if not self.definers:
                return f"entity {quoted(self.rel.source.id)}, which has no owner"
            return f"{names} within entity {quoted(self.rel.source.id)}"
        if not self.definers:
            return "an entry without 'defined_by'"
        stored = self.rel.stored_in
        return f"{names} editing it in {quoted(stored.id)}" if stored is not None else names


def check(model: Model) -> Iterator[Problem]:
    """Every definition of a relationship after its first, in document order."""
    scoped = frozenset(ident for ident, entity in model.entities.items() if entity.scoped)
    groups: dict[tuple[str, str, str], list[Relationship]] = defaultdict(list)
    for rel in model.relationships:
        groups[relationship_key(rel)].append(rel)
    for key, rels in groups.items():
        if len(rels) == 1 and len(rels[0].defined_by) < 2:
            continue  # one entry, one definition: nothing to say, nor to place
        definitions = [
            definition
            for rel in rels
            for definition in _definitions(rel, rel.within_entity and rel.source.id in scoped)
        ]
        if len(definitions) < 2:
            continue
        # Document order of the entries; the sort is stable, so one entry's definitions keep
        # the order of its `defined_by`.
        definitions.sort(key=_entry_order)
        first = definitions[0]
        everyone = _everyone(definitions)
        # The subject numbers the extra definitions 1, 2, ... rather than naming their definers:
        # which definition comes first depends on document order, and moving a block or splitting
        # a file must not change a fingerprint.
        for extra, again in enumerate(definitions[1:], start=1):
            rel = again.rel
            yield Problem(
                again.where,
                f"relationship {quoted(rel.name)} from {quoted(rel.source.id)} to "
                f"{quoted(rel.target.id)} is defined again by {again.describe()}, after "
                f"{first.describe()} in {first.where.file} on line {first.where.line} "
                f"({len(definitions)} definitions in all, by {everyone}); let one service create "
                "it and the others receive it with a copy of the entities, or give the "
                "relationships different names if they mean different things",
                ("relationship", *key, "defined-again", str(extra)),
            )


def _definitions(rel: Relationship, scoped_owners: bool) -> Iterator[_Definition]:
    """The definitions one relationship entry makes: one per definer, or one for definers that
    act together (the scoped owners of its entity, the editors of its `stored_in`)."""
    loc = rel.location
    definers = tuple(dict.fromkeys(ref.id for ref in rel.defined_by))
    if not definers or scoped_owners or (rel.stored_in is not None and not rel.within_entity):
        yield _Definition(rel, definers, loc)
        return
    if rel.within_entity:
        # Each plain owner creates it, as `defined_by` naming them would say; there is no place
        # of its own for each, so all are reported at the relationship.
        for definer in definers:
            yield _Definition(rel, (definer,), loc)
        return
    for index, ref in enumerate(rel.defined_by):
        where = loc if index == 0 else ref.location
        yield _Definition(rel, (ref.id,), where)


def _entry_order(definition: _Definition) -> tuple[str, int, int]:
    loc = definition.rel.location
    return loc.file, loc.line, loc.column


def _everyone(definitions: list[_Definition]) -> str:
    names = list(dict.fromkeys(name for d in definitions for name in d.definers))
    text = _names(tuple(names))
    if any(not d.definers for d in definitions):
        return f"{text} and an unnamed service" if names else "unnamed services"
    return text


def _names(ids: tuple[str, ...]) -> str:
    return quoted_list(ids)
