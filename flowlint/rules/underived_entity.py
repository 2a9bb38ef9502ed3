"""The owner of a derived entity has what it is derived from.

Why: `derived_from` says that an entity is computed by its owner from other entities: a search
document built from content items, a route from a content item, a summary from the records it
sums up. The owner can only compute it from data it has: when it neither owns nor receives one of
the sources, either a flow is missing from the spec or the entity is computed somewhere else than
the spec says, and its copies cannot be trusted to follow their sources.

Fails:
    flowlint: 1.1
    services:
      publisher: {name: Publishing app}
      search: {name: Site search}
    entities:
      content-item: {owner: publisher}
      search-document: {owner: search, derived_from: [content-item]}

Passes:
    flowlint: 1.1
    services:
      publisher: {name: Publishing app}
      search: {name: Site search}
      frontend: {name: Website}
    entities:
      content-item: {owner: publisher}
      search-document: {owner: search, derived_from: [content-item]}
    flows:
      - {from: publisher, to: search, entities: [content-item]}
      - {from: search, to: frontend, entities: [search-document]}

Fix: add the flow that brings each source entity to the derived entity's owner, or correct its
`derived_from` (or its owner) to say where it is really computed.
"""

from collections.abc import Iterator

from flowlint.api import Model, Problem, quoted, quoted_list

CODE, NAME, SEVERITY = "FL108", "underived-entity", "error"


def check(model: Model) -> Iterator[Problem]:
    """One problem per (derived entity, source entity) that some owner of the derived entity
    neither owns nor receives."""
    for entity in model.entities.values():
        if not entity.derived_from:
            continue
        owners = model.provenance(entity.id).owners
        if not owners:
            continue  # no owner (FL101) or unknown owners (FL004)
        seen: set[str] = set()
        for ref in entity.derived_from:
            source_id = ref.id
            if source_id in seen or source_id not in model.entities or source_id == entity.id:
                continue  # repeated, unknown (FL004), or itself
            seen.add(source_id)
            source = model.provenance(source_id)
            lacking = [
                owner
                for owner in owners
                if owner not in source.owners and owner not in source.receivers
            ]
            if not lacking:
                continue
            one = len(lacking) == 1
            who = (
                f"its owner{'' if one else 's'} {quoted_list(lacking)} "
                f"neither own{'s' if one else ''} nor receive{'s' if one else ''}"
            )
            origin = (
                f" from its owner {quoted(source.owners[0])}" if len(source.owners) == 1 else ""
            )
            yield Problem(
                ref.location,
                f"entity {quoted(entity.id)} is derived from {quoted(source_id)}, but {who} "
                f"{quoted(source_id)}; add a flow that brings {quoted(source_id)}{origin} to "
                f"{quoted_list(lacking)}, or correct the 'derived_from' of {quoted(entity.id)}",
                ("entity", entity.id, "derived-from", source_id),
            )
