"""What a hover shows: an entity, service or API as the model has it, and a finding's rule.

Everything shown is read from the model (and, for who holds an entity, from `flowlint.lineage`,
FL104's own test of first- and second-hand copies: see `holdings`). Text from the spec is escaped
for Markdown, so a name cannot turn into markup or links.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from flowlint.escaping import markdown
from flowlint.findings import Finding
from flowlint.model import VALID_ID, Model
from flowlint.rule import Rule

# Longest list shown in a hover: a big spec's busiest service receives hundreds of entities.
_MOST = 12


@dataclass(frozen=True, slots=True)
class Holding:
    """A service holding a copy of an entity, and how it gets it."""

    service: str
    role: str  # "owner", "source" (sends it in from outside the line) or "copy"
    second_hand: bool  # a copy that only ever comes from other copies (FL104's test)
    received_from: str | None  # the holder it first gets it from, for a copy
    mechanism: str | None  # how: "copy", "api apply-api", "file", ... with ", planned"


def holdings(model: Model, entity_id: str) -> list[Holding]:
    """Who holds `entity_id` and whether each copy is first- or second-hand.

    The server's one use of `flowlint.lineage` (being rewritten for spec format 1.1, which keeps
    a function answering this): change this function, nothing else, when it moves.
    """
    from flowlint.lineage import lineage

    found = []
    for _, holder in lineage(model, entity_id).holders():
        received = holder.received
        found.append(
            Holding(
                holder.service,
                holder.role,
                holder.second_hand,
                received.source if received else None,
                received.mechanism if received else None,
            )
        )
    return found


def code(text: str) -> str:
    """An id as inline code; any other text escaped (an id the schema refused may hold '`')."""
    return f"`{text}`" if VALID_ID.match(text) else plain(text)


def plain(text: str) -> str:
    """Text from the spec, shown literally on one line (`flowlint.escaping.markdown`)."""
    return markdown(text)


def _listed(items: Iterable[str]) -> str:
    shown = list(items)
    if not shown:
        return "none"
    more = len(shown) - _MOST
    text = ", ".join(shown[:_MOST])
    return f"{text} and {more} more" if more > 0 else text


def _title(word: str, ident: str, name: str | None) -> str:
    title = f"**{word}** {code(ident)}"
    if name and name != ident:
        title += f" · {plain(name)}"
    return title


def entity_hover(model: Model, entity_id: str) -> str:
    """An entity: owner, personal data, status, and who holds a copy and how."""
    entity = model.entities.get(entity_id)
    if entity is None:
        return f"**entity** {code(entity_id)} (not declared)"
    lines = [_title("entity", entity_id, entity.name), ""]
    owners = [_service_named(model, ref.id) for ref in entity.owners]
    lines.append(f"owner: {_listed(owners) if owners else 'none declared'}  ")
    personal = "yes" if entity.personal_data else "no"
    lines.append(f"personal data: {personal} · status: {plain(entity.status)}")
    held = holdings(model, entity_id)
    if held:
        lines += ["", "held by:"]
        for holding in held[:_MOST]:
            lines.append(f"- {code(holding.service)}: {_how(holding)}")
        if len(held) > _MOST:
            lines.append(f"- and {len(held) - _MOST} more")
    return "\n".join(lines)


def _how(holding: Holding) -> str:
    if holding.role == "owner":
        return "owner"
    if holding.role == "source":
        return "sends it in from outside the line"
    hand = "second-hand copy" if holding.second_hand else "first-hand copy"
    if holding.received_from is None:
        return hand
    return f"{hand} ({plain(holding.mechanism or 'copy')} from {code(holding.received_from)})"


def _service_named(model: Model, service_id: str) -> str:
    service = model.services.get(service_id)
    if service is None or service.name == service_id:
        return code(service_id)
    return f"{code(service_id)} ({plain(service.name)})"


def service_hover(model: Model, service_id: str) -> str:
    """A service: kind, group, status, and what it owns, receives, sends and edits."""
    service = model.services.get(service_id)
    if service is None:
        return f"**service** {code(service_id)} (not declared)"
    where = "inside the line" if service.inside_boundary else "outside the line"
    lines = [_title("service", service_id, service.name), ""]
    group = plain(service.group) if service.group else "none"
    kind, status = plain(service.kind), plain(service.status)
    lines.append(f"kind: {kind} ({where}) · group: {group} · status: {status}  ")
    owned = [
        code(e.id) for e in model.entities.values() if any(r.id == service_id for r in e.owners)
    ]
    lines.append(f"owns: {_listed(owned)}  ")
    received = _by_entity((f.entities, f.source.id) for f in model.flows_into.get(service_id, ()))
    lines.append(f"receives: {_listed(_from_to(received, 'from'))}  ")
    sent = _by_entity((f.entities, f.target.id) for f in model.flows_out_of.get(service_id, ()))
    lines.append(f"sends: {_listed(_from_to(sent, 'to'))}")
    if service.edits:
        lines[-1] += "  "
        lines.append(f"edits: {_listed(code(ref.id) for ref in service.edits)}")
    return "\n".join(lines)


def _by_entity(flows: Iterable[tuple[Iterable[object], str]]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for refs, other in flows:
        for ref in refs:
            others = found.setdefault(ref.id, [])  # type: ignore[attr-defined]
            if other not in others:
                others.append(other)
    return found


def _from_to(by_entity: Mapping[str, list[str]], word: str) -> list[str]:
    return [
        f"{code(entity)} {word} {', '.join(code(o) for o in others[:_MOST])}"
        + (f" and {len(others) - _MOST} more" if len(others) > _MOST else "")
        for entity, others in by_entity.items()
    ]


def api_hover(model: Model, api_id: str) -> str:
    """An API: its service, access, visibility, status, entities and docs."""
    api = model.apis.get(api_id)
    if api is None:
        return f"**API** {code(api_id)} (not declared)"
    lines = [_title("API", api_id, api.name), ""]
    service = _service_named(model, api.service.id) if api.service else "none"
    facts = [
        f"service: {service}",
        f"access: {plain(api.access) if api.access else 'not stated'}",
        f"visibility: {plain(api.visibility) if api.visibility else 'not stated'}",
        f"status: {plain(api.status)}",
    ]
    lines.append(" · ".join(facts) + "  ")
    lines.append(f"entities: {_listed(code(ref.id) for ref in api.entities)}  ")
    lines.append(f"docs: {plain(api.docs) if api.docs else 'none'}")
    return "\n".join(lines)


def id_hover(model: Model, kind: str, ident: str) -> str:
    """The hover of an id of any kind (a kind the model adds later gets its kind and id)."""
    if kind == "entity":
        return entity_hover(model, ident)
    if kind == "service":
        return service_hover(model, ident)
    if kind == "api":
        return api_hover(model, ident)
    return f"**{plain(kind)}** {code(ident)}"


def finding_hover(finding: Finding, rules: Mapping[str, Rule]) -> str:
    """A finding's rule: code, name, severity and the rule's one-line summary."""
    rule = rules.get(finding.code)
    summary = plain(rule.doc.summary) if rule is not None and rule.doc.summary else ""
    head = f"**{plain(finding.code)}** {plain(finding.rule)} · {finding.severity.value}"
    return f"{head}\n\n{summary}" if summary else head
