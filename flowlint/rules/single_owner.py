"""Each entity has exactly one owner.

Why: the owner is where an entity's data enters the service line and the one place it is true.
When two services both own an entity, each changes it and neither copy is the truth; when none
does, nobody is responsible for it. The Becoming a teacher page gives the future `mentor` entity
two owners, Manage school placements and Claim funding for mentor training. Ownership split by
partition is different: when each owner owns a declared part of the records (documents by the
app that published them, prisons by roll-out wave), write the owners as scoped owners,
`owner: [{service: whitehall, scope: documents created in Whitehall}, ...]`, and every owner
must then say its `scope`.

Fails:
    flowlint: 1
    services:
      placements: {name: Manage school placements}
      claims: {name: Claim funding for mentor training}
    entities:
      mentor: {owner: [placements, claims]}

Passes:
    flowlint: 1
    services:
      placements: {name: Manage school placements}
      claims: {name: Claim funding for mentor training}
    entities:
      mentor: {owner: placements}
    flows:
      - {from: placements, to: claims, entities: [mentor]}

Fix: choose the one service where the data is created and make it the owner; the others receive a
copy through a flow (or read it through an API). If each owner owns a different part of the
records, write them as scoped owners, each with its `scope`.
"""

from collections.abc import Iterator

from flowlint.api import Entity, Model, Problem, excerpt, quoted, quoted_list

CODE, NAME, SEVERITY = "FL101", "single-owner", "error"


def check(model: Model) -> Iterator[Problem]:
    """An entity without an owner, with several plain owners, or with a scoped owner that does not
    say its scope."""
    for entity in model.entities.values():
        if model.has_schema_problem(entity):
            continue  # a schema mistake in the entity is reported once, by FL003
        if entity.scoped:
            yield from _unscoped(entity)
            continue
        owners = list(dict.fromkeys(ref.id for ref in entity.owners))
        if len(owners) == 1:
            continue
        if not owners:
            if entity.owner_declared:
                continue  # an owner of the wrong type is a schema finding already
            yield Problem(
                entity.location,
                f"entity {quoted(entity.id)} has no owner; add 'owner: <service id>' naming the "
                "service where its data is created",
                ("entity", entity.id, "no-owner"),
            )
            continue
        names = quoted_list(owners)
        yield Problem(
            entity.owner_location or entity.location,
            f"entity {quoted(entity.id)} has {len(owners)} owners, {names}; keep one owner and "
            "let the others receive a copy through a flow",
            ("entity", entity.id, "owners", *sorted(owners)),
        )


def _unscoped(entity: Entity) -> Iterator[Problem]:
    """One problem per scoped owner without a scope: the split is not said."""
    count = len(entity.scoped_owners)
    for owner in entity.scoped_owners:
        if (owner.scope or "").strip():
            continue
        service = owner.service.id
        if count == 1:
            message = (
                f"owner {quoted(service)} of entity {quoted(entity.id)} is written as a scoped "
                "owner but has "
                f"no scope; add 'scope:' saying which records {quoted(service)} owns, or write "
                f"'owner: {excerpt(service)}'"
            )
        else:
            message = (
                f"owner {quoted(service)} of entity {quoted(entity.id)} has no scope, so the "
                "split of its "
                f"records between its {count} owners is not said; add 'scope:' saying which "
                f"records {quoted(service)} owns"
            )
        yield Problem(owner.location, message, ("entity", entity.id, "unscoped-owner", service))
