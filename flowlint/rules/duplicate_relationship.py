"""A relationship between two entities is defined once.

Why: "each service independently creates relationships between different entities", says the
Becoming a teacher page, and Publish and Manage both create the one between accredited providers and
lead partners. Two services creating the same relationship means two versions of which provider
leads which partnership, which drift apart with no rule for which is right. The same relationship
written twice by one service (within the entity and again at the top level) is two places to keep
in step. Names are compared ignoring case and punctuation, and the ends in either order.

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
receive it with a copy of the entities; delete the repeated definition. If the two really mean
different things, give them different names.
"""

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from flowlint.api import Location, Model, Problem, Relationship, relationship_key

CODE, NAME, SEVERITY = "FL201", "duplicate-relationship", "warning"


@dataclass(frozen=True, slots=True)
class _Definition:
    """One (relationship entry, definer) pair. `definers` is empty when no service is named, and
    holds all the owners for a relationship within an entity that has several (FL101 reports
    those, so they count as one definition)."""

    rel: Relationship
    definers: tuple[str, ...]
    where: Location
    order: tuple[str, int, int, int]

    def describe(self) -> str:
        names = _names(self.definers)
        if self.rel.within_entity:
            if not self.definers:
                return f"entity '{self.rel.source.id}', which has no owner"
            return f"{names} within entity '{self.rel.source.id}'"
        return names if self.definers else "an entry without 'defined_by'"


def check(model: Model) -> Iterator[Problem]:
    """Every definition of a relationship after its first, in document order."""
    groups: dict[tuple[str, str, str], list[_Definition]] = defaultdict(list)
    for rel in model.relationships:
        for definition in _definitions(rel):
            groups[relationship_key(rel)].append(definition)
    for key, definitions in groups.items():
        if len(definitions) < 2:
            continue
        definitions.sort(key=lambda d: d.order)
        first = definitions[0]
        everyone = _everyone(definitions)
        # The subject numbers the extra definitions 1, 2, ... rather than naming their definers:
        # which definition comes first depends on document order, and moving a block or splitting
        # a file must not change a fingerprint.
        for extra, again in enumerate(definitions[1:], start=1):
            rel = again.rel
            yield Problem(
                again.where,
                f"relationship '{rel.name}' from '{rel.source.id}' to '{rel.target.id}' is defined "
                f"again by {again.describe()}, after {first.describe()} in {first.where.file} on "
                f"line {first.where.line} ({len(definitions)} definitions in all, by {everyone}); "
                "let one service create it and the others receive it with a copy of the "
                "entities, or give the relationships different names if they mean different "
                "things",
                ("relationship", *key, "defined-again", str(extra)),
            )


def _definitions(rel: Relationship) -> Iterator[_Definition]:
    loc = rel.location
    if rel.within_entity:
        owners = tuple(dict.fromkeys(ref.id for ref in rel.defined_by))
        yield _Definition(rel, owners, loc, (loc.file, loc.line, loc.column, 0))
        return
    if not rel.defined_by:
        yield _Definition(rel, (), loc, (loc.file, loc.line, loc.column, 0))
        return
    for index, ref in enumerate(rel.defined_by):
        where = loc if index == 0 else ref.location
        yield _Definition(rel, (ref.id,), where, (loc.file, loc.line, loc.column, index))


def _everyone(definitions: list[_Definition]) -> str:
    names = list(dict.fromkeys(name for d in definitions for name in d.definers))
    text = _names(tuple(names))
    if any(not d.definers for d in definitions):
        return f"{text} and an unnamed service" if names else "unnamed services"
    return text


def _names(ids: tuple[str, ...]) -> str:
    quoted = [f"'{ident}'" for ident in ids]
    if len(quoted) <= 1:
        return "".join(quoted)
    return ", ".join(quoted[:-1]) + " and " + quoted[-1]
