"""Every reference names something declared in the model.

Why: a reference to an undeclared service, entity or API is usually a typo or a thing nobody wrote
down yet. Either way the rules that follow data from owner to copy cannot see through it, so the
spec silently says less than it seems to.

Fails:
    flowlint: 1
    services:
      publish: {name: Publish teacher training courses}
      find: {name: Find postgraduate teacher training}
    entities:
      course: {owner: publish}
    flows:
      - {from: publish, to: fnd, entities: [course]}

Passes:
    flowlint: 1
    services:
      publish: {name: Publish teacher training courses}
      find: {name: Find postgraduate teacher training}
    entities:
      course: {owner: publish}
    flows:
      - {from: publish, to: find, entities: [course]}

Fix: correct the id (the message suggests the closest declared one), or declare the missing
service, entity or API.
"""

from collections.abc import Iterator

from flowlint.api import Model, Problem, quoted

CODE, NAME, SEVERITY = "FL004", "unknown-reference", "error"

_WORDS = {"service": "service", "entity": "entity", "api": "API"}


def check(model: Model) -> Iterator[Problem]:
    """One problem per reference to an id that is not declared."""
    # A file with a YAML error may declare what the others refer to: say so, rather than hide it.
    broken = sorted({p.location.file for p in model.source_problems.get("FL001", ())})
    maybe = ""
    if broken:
        names = ", ".join(broken[:3]) + (" and others" if len(broken) > 3 else "")
        verb = "has" if len(broken) == 1 else "have"
        maybe = f"; {names} {verb} a YAML error and may declare it"
    for kind, ref, role in model.undeclared_references():
        if not model.is_valid_id(ref.id):
            continue  # a malformed id is reported once, by FL003
        word = _WORDS[kind]
        close = model.suggester(kind).closest(ref.id)
        section = quoted(_section(kind))
        hint = f"did you mean {quoted(close)}?" if close else f"declare it under {section}"
        yield Problem(
            ref.location,
            f"unknown {word} {quoted(ref.id)} in {role} ({hint}{maybe})",
            (kind, ref.id, "unknown", role),
        )


def _section(kind: str) -> str:
    return {"service": "services", "entity": "entities", "api": "apis"}[kind]
