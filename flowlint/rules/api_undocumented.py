"""A live API has documentation.

Why: an API is a promise to the services and systems that call it, and its documentation is where
that promise is written down. The Becoming a teacher page lists a documentation link for each live
API (Apply and Publish); a live API without one is hard to use correctly and easy to break
unknowingly. APIs that are planned or in development (like Register's) are not checked yet.

Fails:
    flowlint: 1
    services:
      publish: {name: Publish teacher training courses}
      find: {name: Find postgraduate teacher training}
    entities:
      course: {owner: publish}
    flows:
      - {from: publish, to: find, entities: [course]}
    apis:
      publish-api:
        name: Publish teacher training courses API
        service: publish
        access: read
        visibility: public
        entities: [course]

Passes:
    flowlint: 1
    services:
      publish: {name: Publish teacher training courses}
      find: {name: Find postgraduate teacher training}
    entities:
      course: {owner: publish}
    flows:
      - {from: publish, to: find, entities: [course]}
    apis:
      publish-api:
        name: Publish teacher training courses API
        service: publish
        access: read
        visibility: public
        docs: https://api.publish-teacher-training-courses.service.gov.uk/docs
        entities: [course]

Fix: add `docs: <url>` with the address of the API's documentation, or set its `status` to
`in-development` or `planned` if it is not live yet.
"""

from collections.abc import Iterator

from flowlint.api import LIVE, Model, Problem, quoted

CODE, NAME, SEVERITY = "FL301", "api-undocumented", "warning"


def check(model: Model) -> Iterator[Problem]:
    """A live API whose `docs` is missing or blank."""
    for api in model.apis.values():
        if api.status != LIVE or (api.docs or "").strip():
            continue
        yield Problem(
            api.location,
            f"API {quoted(api.id)} is live but has no documentation; add 'docs: <url>' pointing "
            "at its documentation, or set its status to 'in-development' or 'planned' if it is "
            "not live",
            ("api", api.id, "no-docs"),
        )
