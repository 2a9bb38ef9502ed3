"""Every declared service takes part in the line.

Why: a service that no flow reaches or leaves, that owns no entity, offers no API and defines no
relationship is a box on the map with no lines to it: either the spec is missing its flows, or the
service is not part of the line any more. The Becoming a teacher page describes each of its
services by the data it creates, shares or consumes; a service that does none of these cannot be
checked by any lineage rule. Retired services are not reported.

Fails:
    flowlint: 1
    services:
      publish: {name: Publish teacher training courses}
      find: {name: Find postgraduate teacher training}
      claims: {name: Claim funding for mentor training}
    entities:
      course: {owner: publish}
    flows:
      - {from: publish, to: find, entities: [course]}

Passes:
    flowlint: 1
    services:
      publish: {name: Publish teacher training courses}
      find: {name: Find postgraduate teacher training}
      claims: {name: Claim funding for mentor training}
    entities:
      course: {owner: publish}
    flows:
      - {from: publish, to: find, entities: [course]}
      - {from: publish, to: claims, entities: [course]}

Fix: add the flows into or out of the service (or the entities it owns, the API it offers or the
relationships it defines); if it is no longer part of the line, remove it or mark it
`status: retired`.
"""

from collections.abc import Iterator

from flowlint.api import Model, Problem, quoted

CODE, NAME, SEVERITY = "FL106", "isolated-service", "warning"

RETIRED = "retired"


def check(model: Model) -> Iterator[Problem]:
    """One problem per declared, not retired service with no flow (of any status) in or out, no
    owned entity (sole or shared owner), no API and no relationship in a `defined_by`.

    Those are exactly the places a service is referenced, so a service is involved when anything
    refers to it. A misspelt reference is FL004's finding, and it suggests the closest declared
    service: that service counts as involved here, so one typo gives one finding.
    """
    involved = set(model.referenced("service"))
    unknowns = sorted(involved - model.services.keys())
    suggester = model.suggester("service")
    for unknown in unknowns:
        close = suggester.closest(unknown)
        if close:
            involved.add(close)
    for service in model.services.values():
        if service.status == RETIRED or service.id in involved:
            continue
        if model.has_schema_problem(service):
            continue  # FL003 reports what is wrong with it: one mistake, one finding
        yield Problem(
            service.location,
            f"service {quoted(service.id)} takes no part in the line: no flow goes into or out of "
            "it, it owns no entity, offers no API and defines no relationship; add the flows "
            f"that connect {quoted(service.id)}, or remove it or mark it 'status: retired' if it "
            "is no longer used",
            ("service", service.id),
        )
