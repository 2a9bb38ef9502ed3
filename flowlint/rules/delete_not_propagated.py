"""A copy that is passed on or served also learns of deletes.

Why: a flow that says which changes it passes on (`operations`) and leaves out `delete` keeps
every record it ever received: a record deleted (or unpublished, or withdrawn) at the source
lives on in the copy. That matters most where the copy is used again, passed on by another flow
or served through an API: unpublished content still showing on a site, a withdrawn
qualification still offered to other services. A reconciliation job that removes what the source
no longer has is the usual repair, and the spec should say so.

Fails:
    flowlint: 1.1
    services:
      publisher: {name: Publishing app}
      content-store: {name: Content store, distributes: [content-item]}
      frontend: {name: Website}
    entities:
      content-item: {owner: publisher}
    flows:
      - {from: publisher, to: content-store, entities: [content-item], operations: [create, update]}
      - {from: content-store, to: frontend, entities: [content-item]}

Passes:
    flowlint: 1.1
    services:
      publisher: {name: Publishing app}
      content-store: {name: Content store, distributes: [content-item]}
      frontend: {name: Website}
    entities:
      content-item: {owner: publisher}
    flows:
      - {from: publisher, to: content-store, entities: [content-item]}
      - {from: content-store, to: frontend, entities: [content-item]}

Fix: pass deletes on too (add `delete` to `operations`, or a delete-only flow beside it), or add
`reconciliation:` saying what removes records the source no longer has.
"""

from collections.abc import Iterator

from flowlint.api import Model, Problem, quoted, quoted_list

CODE, NAME, SEVERITY = "FL112", "delete-not-propagated", "warning"

RETIRED = "retired"
DELETE = "delete"


def check(model: Model) -> Iterator[Problem]:
    """One problem per flow whose declared `operations` leave out `delete`, without a
    `reconciliation`, naming the entities its receiver passes on or serves, at `operations`."""
    served: dict[str, set[str]] = {}
    for api in model.apis.values():
        if api.service is not None and api.status != RETIRED:
            served.setdefault(api.service.id, set()).update(ref.id for ref in api.entities)
    for flow in model.flows:
        if not flow.operations_declared or DELETE in flow.operations:
            continue
        if flow.status == RETIRED or not flow.stores or (flow.reconciliation or "").strip():
            continue
        receiver = flow.target.id
        onward = {
            ref.id
            for out in model.flows_out_of.get(receiver, ())
            if out.status != RETIRED and out.target.id != receiver
            for ref in out.entities
        }
        kept = [
            entity_id
            for entity_id in dict.fromkeys(ref.id for ref in flow.entities)
            if (entity_id in onward or entity_id in served.get(receiver, ()))
            and receiver not in model.owners_of(entity_id)
        ]
        if not kept:
            continue
        yield Problem(
            flow.at("operations"),
            f"{flow.label} does not pass on deletes of {quoted_list(kept)}, which "
            f"{quoted(receiver)} passes on or serves: records deleted at the source live on "
            "downstream; add 'delete' to its 'operations', or add 'reconciliation:' saying what "
            "removes records the source no longer has",
            ("flow", flow.source.id, receiver, *sorted(kept), "no-delete"),
        )
