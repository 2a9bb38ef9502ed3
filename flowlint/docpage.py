"""The service-line page: "How data flows through the <line> service line", from the model.

Pure: the model, what the spec says about the line as a whole (`LineText`), optionally findings
and the rules that found them, and an optional `Stamp` go in; a `Page` comes out, and
`to_markdown` or `to_html` turn it into text. Both formats are rendered from the same `Page`, so
they always say the same. The sections, in order (issue 14):

1. title, the line's description and "as of", the stamp (files, git commit, date);
2. services: the line's own, third parties, external systems, by `group`, with their status;
3. the diagram (`flowlint.graphing`): Mermaid in Markdown, inline SVG from Graphviz in HTML;
4. data entities, with personal data, status and description; planned ones "in the future";
5. ownership: entity -> owning services (scoped owners with their scopes);
6. relationships: created by services, and defined within entities;
7. flows: a table per receiving service, and each entity's lineage from the owner, read from
   `Model.provenance` (never worked out again here);
8. APIs;
9. with findings, "Known inconsistencies" and the rules behind them.

Every text from the spec goes through the escaping functions at the end of this module (and
`flowlint.escaping.mermaid` / `dot` in the diagram); nothing else writes markup.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any
from xml.etree import ElementTree

from flowlint import escaping, graphing
from flowlint.model import LIVE, Entity, Flow, Model, Relationship, Service

if TYPE_CHECKING:
    from flowlint.findings import Finding
    from flowlint.provenance import Provenance
    from flowlint.rule import Rule

MARKDOWN, HTML = "markdown", "html"
NONE_GIVEN = "—"
PERSONAL = " (personal)"


# What the page is made of: a few kinds of block holding inline spans. A plain `str` span is
# text; the renderers escape every one.


@dataclass(frozen=True, slots=True)
class Code:
    """An id or other literal from the spec, shown as code."""

    text: str


@dataclass(frozen=True, slots=True)
class Strong:
    text: str


@dataclass(frozen=True, slots=True)
class Link:
    """A link: `href` is a fragment (`#id`) within the page, or an http(s) URL from the spec,
    which is shown as text when it is not one (see `link_url`)."""

    text: str
    href: str


Span = str | Code | Strong | Link
Spans = tuple[Span, ...]


@dataclass(frozen=True, slots=True)
class Heading:
    level: int
    text: str
    anchor: str = ""


@dataclass(frozen=True, slots=True)
class Paragraph:
    spans: Spans
    role: str = ""  # "stamp" for the stamp, "note" for small print


@dataclass(frozen=True, slots=True)
class Item:
    spans: Spans
    children: tuple[Item, ...] = ()


@dataclass(frozen=True, slots=True)
class Bullets:
    items: tuple[Item, ...]
    role: str = ""  # "contents" for the table of contents


@dataclass(frozen=True, slots=True)
class Table:
    """A table whose first column heads its rows (`th scope="row"` in HTML)."""

    caption: str
    head: tuple[str, ...]
    rows: tuple[tuple[Spans, ...], ...]


@dataclass(frozen=True)
class Diagram:
    """The diagram of the whole line in graphing's two formats, each drawn when a renderer
    first asks for it; `title` names it for assistive technology."""

    title: str
    legend: str
    model: Model = field(compare=False, repr=False)
    line_title: str | None = None

    @cached_property
    def mermaid(self) -> str:
        return graphing.to_mermaid(self.model, title=self.line_title)

    @cached_property
    def dot(self) -> str:
        return graphing.to_dot(self.model, title=self.line_title)

    @property
    def digest(self) -> str:
        """What identifies the drawing whatever Graphviz lays it out as: its DOT source's hash."""
        return hashlib.sha256(self.dot.encode("utf-8")).hexdigest()


Block = Heading | Paragraph | Bullets | Table | Diagram


@dataclass(frozen=True, slots=True)
class Page:
    title: str
    blocks: tuple[Block, ...]

    @property
    def diagram(self) -> Diagram | None:
        return next((block for block in self.blocks if isinstance(block, Diagram)), None)


@dataclass(frozen=True, slots=True)
class LineText:
    """What a spec says about the line as a whole, which the model does not keep: the first
    `service_line`, `description` and `as_of` that a file of the model gives."""

    service_line: str | None = None
    description: str | None = None
    as_of: str | None = None


@dataclass(frozen=True, slots=True)
class Stamp:
    """Where and when the page was made; the command finds it (IO) and `--no-stamp` drops it."""

    files: tuple[str, ...]
    date: str
    version: str
    commit: str | None = None
    changed: bool = False  # the spec files differ from the commit


def line_text(model: Model) -> LineText:
    """The line's name, description and "as of" (the first file that gives each)."""
    return LineText(model.service_line, model.description, model.as_of)


# The page, section by section.

SECTIONS = (
    ("services", "Services"),
    ("diagram", "Diagram"),
    ("data-entities", "Data entities"),
    ("data-entity-ownership", "Data entity ownership"),
    ("data-relationships", "Data relationships"),
    ("flows", "Flows"),
    ("application-programming-interfaces-apis", "Application programming interfaces (APIs)"),
    ("known-inconsistencies", "Known inconsistencies"),
)


def page(
    model: Model,
    line: LineText = LineText(),
    findings: Sequence[Finding] | None = None,
    rules: Sequence[Rule] = (),
    stamp: Stamp | None = None,
    rules_url: str | None = None,
) -> Page:
    """The page for a model. With `findings` (even empty) it ends with "Known inconsistencies";
    `rules` document the rules those findings name; `rules_url` is where the full rule
    documentation is (a link per rule, `<rules_url>#fl101-single-owner`)."""
    words = _Words(model, line)
    blocks: list[Block] = [Heading(1, words.title)]
    blocks.extend(_introduction(line, stamp))
    sections = SECTIONS if findings is not None else SECTIONS[:-1]
    blocks.append(Heading(2, "Contents", "contents"))
    blocks.append(
        Bullets(tuple(Item((Link(name, f"#{anchor}"),)) for anchor, name in sections), "contents")
    )
    builders = {
        "services": _services,
        "diagram": _diagram,
        "data-entities": _entities,
        "data-entity-ownership": _ownership,
        "data-relationships": _relationships,
        "flows": _flows,
        "application-programming-interfaces-apis": _apis,
    }
    for anchor, name in sections:
        blocks.append(Heading(2, name, anchor))
        if anchor == "known-inconsistencies":
            blocks.extend(_inconsistencies(findings or (), rules, rules_url))
        else:
            blocks.extend(builders[anchor](words))
    return Page(words.title, tuple(blocks))


class _Words:
    """How the page names things: services, entities and APIs by their names."""

    def __init__(self, model: Model, line: LineText) -> None:
        self.model = model
        self.line = line
        name = line.service_line
        self.title = (
            f"How data flows through the {name} service line"
            if name
            else "How data flows through the service line"
        )
        self.line_name = name or "The service line"
        # The services that edit each entity, in spec order (a dict as an ordered set).
        self.editors: dict[str, dict[str, None]] = {}
        for service in model.services.values():
            for ref in service.edits:
                self.editors.setdefault(ref.id, {})[service.id] = None

    def service(self, service_id: str) -> str:
        service = self.model.services.get(service_id)
        return service.name if service is not None else service_id

    def services(self, ids: Iterable[str]) -> str:
        return _and([self.service(s) for s in ids])

    def entity(self, entity_id: str) -> str:
        entity = self.model.entities.get(entity_id)
        return entity.name if entity is not None and entity.name else entity_id

    def entity_marked(self, entity_id: str) -> str:
        entity = self.model.entities.get(entity_id)
        personal = entity is not None and entity.personal_data
        return self.entity(entity_id) + (PERSONAL if personal else "")

    def api(self, api_id: str) -> str:
        api = self.model.apis.get(api_id)
        return api.name if api is not None and api.name else api_id

    def group(self, group: str) -> str:
        """A group's display name from `groups`, else the group as written (never re-cased)."""
        declared = self.model.groups.get(group)
        return declared.name if declared is not None and declared.name else group


def _introduction(line: LineText, stamp: Stamp | None) -> list[Block]:
    blocks: list[Block] = []
    if line.description:
        blocks.extend(Paragraph((text,)) for text in paragraphs(line.description))
    if line.as_of:
        blocks.append(Paragraph((f"The spec describes the line as of {as_of_words(line.as_of)}.",)))
    if stamp is not None:
        blocks.append(Paragraph(stamp_spans(stamp), "stamp"))
    return blocks


STAMP_START = "Generated by flowlint"


def stamp_spans(stamp: Stamp) -> Spans:
    """ "Generated by flowlint 0.1.0 from specs/line.yaml at commit 0123abcd on 2024-05-01."""
    spans: list[Span] = [f"{STAMP_START} {stamp.version} from "]
    for index, file in enumerate(stamp.files):
        if index:
            spans.append(" and " if index == len(stamp.files) - 1 else ", ")
        spans.append(Code(file))
    if stamp.commit:
        spans += [" at commit ", Code(stamp.commit)]
        if stamp.changed:
            spans.append(" with uncommitted changes")
    spans.append(f" on {stamp.date}.")
    return tuple(spans)


_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_YEAR_MONTH = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?$")


def as_of_words(value: str) -> str:
    """ "2024-05" as "May 2024", "2024-05-01" as "1 May 2024"; anything else as written."""
    match = _YEAR_MONTH.match(value.strip())
    if match is None or not 1 <= int(match[2]) <= 12 or not 1 <= int(match[3] or 1) <= 31:
        return value
    month = f"{_MONTHS[int(match[2]) - 1]} {match[1]}"
    return f"{int(match[3])} {month}" if match[3] else month


def paragraphs(text: str) -> list[str]:
    """A description's paragraphs (split at blank lines), each on one line."""
    return [" ".join(part.split()) for part in re.split(r"\n[ \t]*\n", text) if part.strip()]


# 2. Services


def _services(words: _Words) -> list[Block]:
    model = words.model
    inside = [s for s in model.services.values() if s.inside_boundary]
    third = [s for s in model.services.values() if s.kind == "third-party"]
    external = [
        s for s in model.services.values() if not s.inside_boundary and s.kind != "third-party"
    ]
    named = {ref.id for flow in model.flows for ref in (flow.source, flow.target)}
    undeclared = sorted(named - model.services.keys())
    blocks: list[Block] = []
    if not model.services:
        blocks.append(Paragraph(("The spec declares no services.",)))
    if inside:
        count = _count(len(inside), "service")
        blocks.append(Paragraph((f"{words.line_name} has {count} of its own:",)))
        blocks.append(_service_list(words, inside, outside=False))
    if third:
        blocks.append(
            Paragraph(("The service line also uses or receives data from third parties:",))
        )
        blocks.append(_service_list(words, third, outside=True))
    if external:
        blocks.append(Paragraph(("It also exchanges data with external systems:",)))
        blocks.append(_service_list(words, external, outside=True))
    if undeclared:
        spans: list[Span] = ["Flows also name services the spec does not declare: "]
        spans += _joined([Code(s) for s in undeclared])
        spans.append(".")
        blocks.append(Paragraph(tuple(spans)))
    return blocks


def _service_list(words: _Words, services: list[Service], outside: bool) -> Bullets:
    """Ungrouped services first, then each group (in order of first appearance) as an item
    with its members under it."""
    items: list[Item] = [_service_item(s) for s in services if not s.group]
    groups: dict[str, list[Service]] = {}
    for service in services:
        if service.group:
            groups.setdefault(service.group, []).append(service)
    for group, members in groups.items():
        head = f"{words.group(group)} ({len(members)})"
        if outside:
            head += _exchanges(words, [m.id for m in members])
        items.append(Item((head + ":",), tuple(_service_item(m) for m in members)))
    return Bullets(tuple(items))


def _service_item(service: Service) -> Item:
    spans: list[Span] = [f"{service.name} (", Code(service.id), ")"]
    if service.status != LIVE:
        spans.append(f" — {service.status}")
    return Item(tuple(spans))


def _exchanges(words: _Words, members: list[str]) -> str:
    """ ", which send data to A and B and receive data from C" for a group of services."""
    model = words.model
    inside = set(members)  # the list keeps the order, the set the look-ups linear
    to = dict.fromkeys(f.target.id for m in members for f in model.flows_out_of.get(m, ()))
    sends = [s for s in to if s not in inside]
    receives = [
        f.source.id
        for m in members
        for f in model.flows_into.get(m, ())
        if f.source.id not in inside
    ]
    parts = []
    if sends:
        parts.append(f"send data to {words.services(sends)}")
    if receives:
        parts.append(f"receive data from {words.services(dict.fromkeys(receives))}")
    return (", which " + " and ".join(parts)) if parts else ""


# 3. The diagram

LEGEND = (
    "Each arrow is a flow, labelled with the entities it carries; “(personal)” marks personal "
    "data. Copies are solid arrows and flows through an API thick ones; other kinds of flow are "
    "dotted and named on the arrow; flows that are not live are grey and say their status."
)


# Mermaid's default limits (`maxEdges`, `maxTextSize`), which GitHub and GitLab keep: past
# them a Markdown diagram is an error box. Graphviz would lay out more, but a diagram of
# hundreds of arrows is unreadable, and laying out thousands takes minutes.
MAX_DIAGRAM_EDGES = 500
MAX_MERMAID_TEXT = 50_000


def _diagram(words: _Words) -> list[Block]:
    model = words.model
    title = words.line.service_line
    if len(model.flows) > MAX_DIAGRAM_EDGES:
        edges = len(graphing.diagram(model, title=title).edges)
        if edges > MAX_DIAGRAM_EDGES:
            return [
                Paragraph(
                    (
                        f"The line has {edges:,} arrows to draw, too many for one legible "
                        f"diagram (the limit is {MAX_DIAGRAM_EDGES}). Draw one part of it with ",
                        Code("flowlint graph --service ID"),
                        " or ",
                        Code("flowlint graph --entity ID"),
                        ".",
                    )
                )
            ]
    lower = f"{words.title[:1].lower()}{words.title[1:]}"
    return [Diagram(f"Diagram: {lower}", LEGEND, model, title)]


# 4. Data entities


def _entities(words: _Words) -> list[Block]:
    model = words.model
    by_status: dict[str, list[Entity]] = {}
    for entity in model.entities.values():
        by_status.setdefault(entity.status, []).append(entity)
    blocks: list[Block] = []
    if not model.entities:
        blocks.append(Paragraph(("The spec declares no data entities.",)))
    heads = {
        LIVE: "The service line has these data entities:",
        "planned": "In the future, there will also be:",
        "retired": "No longer in use (retired):",
    }
    for status, head in heads.items():
        if by_status.get(status):
            blocks.append(Paragraph((head,)))
            blocks.append(Bullets(tuple(_entity_item(words, e) for e in by_status[status])))
    others = [s for s in by_status if s not in heads]
    for status in others:  # a status the schema does not know (an FL003 finding)
        blocks.append(Paragraph((f"With status {status}:",)))
        blocks.append(Bullets(tuple(_entity_item(words, e) for e in by_status[status])))
    carried = sorted(model.flows_carrying.keys() - model.entities.keys())
    if carried:
        spans: list[Span] = ["Flows also carry entities the spec does not declare: "]
        spans += _joined([Code(e) for e in carried])
        blocks.append(Paragraph((*spans, ".")))
    return blocks


def _entity_item(words: _Words, entity: Entity) -> Item:
    spans: list[Span] = [Strong(words.entity(entity.id))]
    if entity.name and entity.name != entity.id:
        spans += [" (", Code(entity.id), ")"]
    marks = []
    if entity.personal_data:
        marks.append("personal data")
    if entity.derived_from:
        marks.append("derived from " + _and([words.entity(r.id) for r in entity.derived_from]))
    text = "; ".join(marks)
    if entity.description:
        text += (". " if text else "") + " ".join(paragraphs(entity.description))
    if text:
        spans.append(" — " + text)
    return Item(tuple(spans))


# 5. Ownership


def _ownership(words: _Words) -> list[Block]:
    model = words.model
    if not model.entities:
        return [Paragraph(("No entities, so no owners.",))]
    rows = tuple(
        ((words.entity(e.id),), (_owners_words(words, e),)) for e in model.entities.values()
    )
    blocks: list[Block] = [
        Paragraph(("The service responsible for each data entity:",)),
        Table("Data entity ownership", ("Data entity", "Service"), rows),
    ]
    distributing = [s for s in model.services.values() if s.distributes]
    if distributing:
        blocks.append(
            Paragraph(("Designated distribution points, whose copies count as first-hand:",))
        )
        blocks.append(
            Bullets(
                tuple(
                    Item((f"{s.name} distributes {_entities_named(words, s.distributes)}",))
                    for s in distributing
                )
            )
        )
    creating = [s for s in model.services.values() if s.creates]
    if creating:
        blocks.append(Paragraph(("Services that create new records of an entity in its owner:",)))
        blocks.append(
            Bullets(
                tuple(
                    Item((f"{s.name} creates {_created(words, [r.id for r in s.creates])}",))
                    for s in creating
                )
            )
        )
    return blocks


def _entities_named(words: _Words, refs: Iterable[Any]) -> str:
    return _and([words.entity(r.id) for r in refs])


def _created(words: _Words, entity_ids: list[str]) -> str:
    parts = []
    for entity_id in entity_ids:
        owners = words.model.owners_of(entity_id)
        owned = f" (owned by {words.services(owners)})" if owners else ""
        parts.append(words.entity(entity_id) + owned)
    return _and(parts)


def _owners_words(words: _Words, entity: Entity) -> str:
    """ "A and B", with scopes and end dates for scoped owners; "no owner declared"."""
    if entity.scoped_owners:
        parts = []
        for owner in entity.scoped_owners:
            notes = [n for n in (owner.scope,) if n]
            if owner.until:
                notes.append(f"until {owner.until}")
            parts.append(
                words.service(owner.service.id) + (f" ({'; '.join(notes)})" if notes else "")
            )
        return _and(parts)
    owners = list(dict.fromkeys(ref.id for ref in entity.owners))
    return words.services(owners) if owners else "no owner declared"


# 6. Relationships


def _relationships(words: _Words) -> list[Block]:
    model = words.model
    created = [r for r in model.relationships if not r.within_entity]
    within = [r for r in model.relationships if r.within_entity]
    blocks: list[Block] = []
    if not model.relationships:
        blocks.append(Paragraph(("The spec defines no relationships between entities.",)))
    if created:
        blocks.append(
            Paragraph(("Relationships between entities, and the services that create them:",))
        )
        rows = tuple(((r.name,), (_between(words, r),), (_creators(words, r),)) for r in created)
        blocks.append(
            Table("Data relationships", ("Data relationship", "Between", "Service"), rows)
        )
    if within:
        blocks.append(
            Paragraph(
                ("Relationships defined within data entities, created by the entity's owner:",)
            )
        )
        rows = tuple(((r.name,), (_between(words, r),), (_creators(words, r),)) for r in within)
        blocks.append(
            Table(
                "Relationships defined within data entities",
                ("Data relationship", "Between", "Service"),
                rows,
            )
        )
    return blocks


def _between(words: _Words, rel: Relationship) -> str:
    return f"{words.entity(rel.source.id)} → {words.entity(rel.target.id)}"


def _creators(words: _Words, rel: Relationship) -> str:
    ids = list(dict.fromkeys(ref.id for ref in rel.defined_by))
    text = words.services(ids) if ids else "no service named"
    if rel.stored_in is not None:
        text += f" (stored in {words.service(rel.stored_in.id)})"
    return text


# 7. Flows and lineage

_VIA = {"copy": "copy", "api": "API", "file": "file", "manual": "manual", "event": "event"}


def _flows(words: _Words) -> list[Block]:
    model = words.model
    if not model.flows:
        blocks: list[Block] = [Paragraph(("The spec has no flows.",))]
    else:
        blocks = [Paragraph(("Where each service gets its data: a table per receiving service.",))]
    receivers = [s for s in model.services if s in model.flows_into]
    receivers += sorted(model.flows_into.keys() - model.services.keys())
    for receiver in receivers:
        name = words.service(receiver)
        blocks.append(Heading(3, f"Into {name}"))
        blocks.append(_flow_table(words, f"Flows into {name}", model.flows_into[receiver]))
    blocks.append(Heading(3, "Lineage from the owner", "lineage-from-the-owner"))
    blocks.append(
        Paragraph(
            (
                "For each entity, who holds it, whether each copy comes first-hand (from the "
                "owner, from outside the line or from a designated distributor) or second-hand "
                "(from another copy), and whose edits reach the owner.",
            )
        )
    )
    entity_ids = list(model.entities) + sorted(model.flows_carrying.keys() - model.entities.keys())
    for entity_id in entity_ids:
        blocks.extend(_lineage(words, entity_id))
    return blocks


def _flow_table(words: _Words, caption: str, flows: Sequence[Flow]) -> Table:
    columns = {
        "From": lambda f: words.service(f.source.id),
        "Entities": lambda f: _and([words.entity_marked(r.id) for r in _unique(f.entities)]),
        "Via": lambda f: _VIA.get(f.via, f.via),
        "API": lambda f: words.api(f.api.id) if f.api is not None else "",
        "Frequency": lambda f: f.frequency or "",
        "Purpose": lambda f: f.purpose or "",
        "Notes": _flow_notes,
    }
    cells = {name: [get(f) for f in flows] for name, get in columns.items()}
    # Columns nothing fills are left out ("where given"); From, Entities and Via always stay.
    kept = [n for n in columns if n in ("From", "Entities", "Via") or any(cells[n])]
    rows = tuple(tuple((cells[n][i] or NONE_GIVEN,) for n in kept) for i in range(len(flows)))
    return Table(caption, tuple(kept), rows)


def _flow_notes(flow: Flow) -> str:
    notes = []
    if flow.status != LIVE:
        notes.append(flow.status)
    if flow.until:
        notes.append(f"until {flow.until}")
    if flow.operations_declared:
        notes.append("passes on " + _and(list(flow.operations)))
    if not flow.stores:
        notes.append("used without keeping a copy")
    if flow.delivery:
        notes.append(f"{flow.delivery} delivery")
    if flow.reconciliation:
        notes.append(f"reconciliation: {flow.reconciliation}")
    return "; ".join(notes)


def _lineage(words: _Words, entity_id: str) -> list[Block]:
    """One entity's holders as `Model.provenance` gives them: owners, creators and outside
    sources first, then every other service the copies reach, in the order they reach it."""
    model = words.model
    found = model.provenance(entity_id)
    entity = model.entities.get(entity_id)
    blocks: list[Block] = [Heading(4, words.entity(entity_id))]
    about = []
    if entity is None:
        about.append("Not declared in the spec, but carried by flows.")
    elif found.owners:
        about.append(f"Owned by {words.services(found.owners)}.")
    else:
        about.append("No owner is declared, so whether a copy is first-hand cannot be judged.")
    if entity is not None and entity.personal_data:
        about.append("Personal data.")
    if entity is not None and entity.status != LIVE:
        about.append(f"Status: {entity.status}.")
    editors = words.editors.get(entity_id, {})
    order = _reach_order(found, list(editors))
    if not found.copies:
        about.append(
            "No flow carries it, so only its owners hold it."
            if found.owners
            else "No flow carries it."
        )
    blocks.append(Paragraph((" ".join(about),)))
    if found.copies or editors:
        incoming: dict[str, list[Flow]] = {}
        for flow in found.copies:
            incoming.setdefault(flow.target.id, []).append(flow)
        rows = tuple(
            _lineage_row(words, found, sid, sid in editors, incoming.get(sid, ())) for sid in order
        )
        blocks.append(
            Table(
                f"Lineage of {words.entity(entity_id)}",
                ("Service", "Holds it", "Gets it from", "Edits"),
                rows,
            )
        )
    unsourced = [f for f in found.copies if f.source.id not in found.has]
    if unsourced:
        pairs = _and(
            [f"{words.service(f.source.id)} to {words.service(f.target.id)}" for f in unsourced]
        )
        blocks.append(Paragraph((f"Passed on by services that never get it: {pairs}.",)))
    return blocks


def _reach_order(found: Provenance, editors: list[str]) -> list[str]:
    """Owners, creators and outside sources, then the services the copies reach from them
    breadth first (flows in spec order), then the rest of `has` and editors."""
    onward: dict[str, list[str]] = {}
    for flow in found.copies:
        onward.setdefault(flow.source.id, []).append(flow.target.id)
    order = list(dict.fromkeys([*found.owners, *found.creators, *sorted(found.sources)]))
    seen = set(order)
    index = 0
    while index < len(order):
        for target in onward.get(order[index], ()):
            if target not in seen:
                seen.add(target)
                order.append(target)
        index += 1
    order += sorted(found.has - seen)
    order += [e for e in editors if e not in found.has and e not in seen]
    return order


def _lineage_row(
    words: _Words,
    found: Provenance,
    service_id: str,
    edits: bool,
    incoming: Sequence[Flow],
) -> tuple[Spans, ...]:
    service = words.model.services.get(service_id)
    inside = service is not None and service.inside_boundary
    if found.is_owner(service_id):
        holds = "owner"
    elif service_id in found.creators:
        holds = "creates records in the owner"
    elif service_id in found.sources:
        holds = "sends it in from outside the line"
    elif service_id in found.relays:
        holds = "passes it on without keeping a copy"
    elif service_id not in found.has:
        holds = "no copy"
    elif found.second_hand(service_id, inside):
        holds = "second-hand copy"
    elif service_id in found.first_hand:
        holds = "first-hand copy"
    else:
        holds = "copy"
    if service is None:
        holds += " (not declared)"
    ways = [f"{words.service(f.source.id)} ({_way(words, f)})" for f in incoming]
    if not edits:
        edit = NONE_GIVEN
    else:
        lost = found.edit_lost(service_id)
        edit = (
            "edits it, but the edits do not reach the owner"
            if lost
            else "edits it, and the edits reach the owner"
            if lost is False
            else "edits it"
        )
    return ((words.service(service_id),), (holds,), ("; ".join(ways) or NONE_GIVEN,), (edit,))


def _way(words: _Words, flow: Flow) -> str:
    """ "copy", "through Apply API", "file, planned", "copy, not kept"."""
    if flow.via == "api" and flow.api is not None:
        text = f"through {words.api(flow.api.id)}"
    else:
        text = _VIA.get(flow.via, flow.via)
    if flow.status != LIVE:
        text += f", {flow.status}"
    if not flow.stores:
        text += ", not kept"
    return text


# 8. APIs

_ACCESS = {"read": "Read only", "write": "Write only", "read-write": "Read and write"}
_VISIBILITY = {"public": "Public", "private": "Private"}
_API_STATUS = {
    "live": "Live",
    "in-development": "In development",
    "planned": "Planned",
    "retired": "Retired",
}


def _apis(words: _Words) -> list[Block]:
    model = words.model
    if not model.apis:
        return [Paragraph(("The spec lists no APIs.",))]
    rows = []
    for api in model.apis.values():
        name = words.api(api.id)
        url = link_url(api.docs) if api.docs else None
        docs: Spans = (
            (Link(f"{name} docs", api.docs),) if api.docs and url else ((api.docs or "none"),)
        )
        rows.append(
            (
                (name,),
                (words.service(api.service.id) if api.service is not None else NONE_GIVEN,),
                (_ACCESS.get(api.access or "", api.access or NONE_GIVEN),),
                (_VISIBILITY.get(api.visibility or "", api.visibility or NONE_GIVEN),),
                (_API_STATUS.get(api.status, api.status),),
                docs,
                (_and([words.entity_marked(r.id) for r in _unique(api.entities)]) or NONE_GIVEN,),
            )
        )
    head = ("API", "Service", "Read/write", "Public/private", "Status", "Documentation", "Entities")
    return [Table("Application programming interfaces", head, tuple(rows))]


# 9. Findings


def _inconsistencies(
    findings: Sequence[Finding], rules: Sequence[Rule], rules_url: str | None
) -> list[Block]:
    if not findings:
        return [Paragraph(("flowlint finds no inconsistencies in this spec.",))]
    counts: dict[str, int] = {}
    for finding in findings:
        counts[finding.severity.value] = counts.get(finding.severity.value, 0) + 1
    tally = _and(
        [
            _count(n, s) if s != "info" else f"{n} info"
            for s in ("error", "warning", "info")
            if (n := counts.get(s))
        ]
    )
    blocks: list[Block] = [
        Paragraph(
            (
                f"flowlint finds {_count(len(findings), 'inconsistency', 'inconsistencies')} in "
                f"this spec: {tally}. Each links to why its rule matters and how to fix it.",
            )
        )
    ]
    rows = []
    for finding in findings:
        anchor = rule_anchor(finding.code, finding.rule)
        where = f"{finding.location.file}, line {finding.location.line}"
        rows.append(
            (
                (Link(f"{finding.code} {finding.rule}", f"#{anchor}"),),
                (finding.severity.value,),
                (finding.message,),
                (where,),
            )
        )
    blocks.append(
        Table(
            "Known inconsistencies",
            ("Rule", "Severity", "What flowlint found", "Where"),
            tuple(rows),
        )
    )
    blocks.append(Heading(3, "The rules behind them", "the-rules-behind-them"))
    known = {rule.code: rule for rule in rules}
    for code, name in dict.fromkeys((f.code, f.rule) for f in findings):
        blocks.append(Heading(4, f"{code} {name}", rule_anchor(code, name)))
        rule = known.get(code)
        if rule is None:
            blocks.append(
                Paragraph((f"Run 'flowlint explain {code}' for this rule's documentation.",))
            )
            continue
        doc = rule.doc
        if doc.summary:
            blocks.append(Paragraph(with_code(doc.summary)))
        if doc.why:
            why = with_code(" " + _sentence(doc.why))
            blocks.append(Paragraph((Strong("Why it matters."), *why)))
        if doc.fix:
            fix = with_code(" " + _sentence(doc.fix))
            blocks.append(Paragraph((Strong("How to fix."), *fix)))
        if rules_url:
            link = Link(
                f"{code} {name} in the rule documentation", f"{rules_url}#{rule_anchor(code, name)}"
            )
            blocks.append(Paragraph(("More: ", link, ".")))
    return blocks


def with_code(text: str) -> Spans:
    """Rule documentation as spans: its `backticked` words as code, as docs/rules.md shows
    them (the words are escaped like any other text)."""
    parts = re.split(r"`([^`]+)`", text)
    return tuple(Code(part) if index % 2 else part for index, part in enumerate(parts) if part)


def rule_anchor(code: str, name: str) -> str:
    """The anchor of a rule's section: GitHub's heading id for "FL101 single-owner", the same
    as docs/rules.md uses."""
    return github_slug(f"{code} {name}")


def github_slug(heading: str) -> str:
    """The id GitHub gives a heading: lower case, punctuation other than '-' and '_' dropped,
    spaces as '-'."""
    kept = "".join(c for c in heading.lower() if c.isalnum() or c in "-_ ")
    return kept.replace(" ", "-")


# Small helpers.


def _and(items: Sequence[str]) -> str:
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _joined(spans: list[Span]) -> list[Span]:
    out: list[Span] = []
    for index, span in enumerate(spans):
        if index:
            out.append(" and " if index == len(spans) - 1 else ", ")
        out.append(span)
    return out


def _count(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else plural or word + 's'}"


def _unique(refs: Iterable[Any]) -> list[Any]:
    return list({ref.id: ref for ref in refs}.values())


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


# Markdown


def to_markdown(page: Page) -> str:
    """The page as GitHub-flavoured Markdown (tables, a ```mermaid block)."""
    out: list[str] = [GENERATED_MARKDOWN]
    for block in page.blocks:
        out.append(_markdown_block(block))
    return "\n\n".join(out) + "\n"


GENERATED_MARKDOWN = "<!-- Generated by `flowlint docs` from the spec: do not edit by hand. -->"


def _markdown_block(block: Block) -> str:
    if isinstance(block, Heading):
        return "#" * block.level + " " + markdown_text(block.text)
    if isinstance(block, Paragraph):
        text = _markdown_spans(block.spans)
        return f"*{text}*" if block.role == "stamp" else text
    if isinstance(block, Bullets):
        return "\n".join(_markdown_item(item, "") for item in block.items)
    if isinstance(block, Table):
        lines = [
            "| " + " | ".join(markdown_cell(h) for h in block.head) + " |",
            "|" + "|".join(" --- " for _ in block.head) + "|",
        ]
        for row in block.rows:
            cells = [_markdown_spans(cell, in_table=True) for cell in row]
            lines.append("| " + " | ".join(cells) + " |")
        return "\n".join(lines)
    if isinstance(block, Diagram):
        source = mermaid_source(block.mermaid)
        if len(source) > MAX_MERMAID_TEXT:
            too_big = (
                f"The diagram is {len(source):,} characters of Mermaid, more than Mermaid draws "
                f"by default ({MAX_MERMAID_TEXT:,}). The HTML page of this line draws it with "
                "Graphviz (",
                Code("flowlint docs --format html"),
                "), and so does ",
                Code("flowlint graph --format svg"),
                ".",
            )
            return _markdown_spans(too_big)
        fence = "`" * max(3, _longest_run(source, "`") + 1)
        return f"{markdown_text(block.legend)}\n\n{fence}mermaid\n{source}{fence}"
    raise TypeError(f"not a block: {block!r}")


def _markdown_item(item: Item, indent: str) -> str:
    lines = [f"{indent}- {_markdown_spans(item.spans)}"]
    lines += [_markdown_item(child, indent + "  ") for child in item.children]
    return "\n".join(lines)


def _markdown_spans(spans: Spans, in_table: bool = False) -> str:
    text = markdown_cell if in_table else markdown_text
    out = []
    for span in spans:
        if isinstance(span, str):
            out.append(text(span))
        elif isinstance(span, Code):
            out.append(markdown_code(span.text, in_table=in_table))
        elif isinstance(span, Strong):
            strong = text(span.text).strip()
            out.append(f"**{strong}**" if strong else "")
        else:
            href = span.href if span.href.startswith("#") else link_url(span.href)
            out.append(f"[{text(span.text)}]({href})" if href else text(span.text))
    return "".join(out).strip()


def _longest_run(text: str, char: str) -> int:
    return max((len(run) for run in re.findall(f"{re.escape(char)}+", text)), default=0)


# HTML

_CSS = """
:root { color-scheme: light; }
body { margin: 0; font: 1rem/1.5 system-ui, -apple-system, "Segoe UI", Arial, sans-serif;
  color: #0b0c0c; background: #fff; }
main { max-width: 72rem; margin: 0 auto; padding: 1rem 1.5rem 3rem; }
h1 { font-size: 2rem; line-height: 1.2; margin: 1.5rem 0 1rem; }
h2 { font-size: 1.5rem; margin: 2.5rem 0 0.75rem; border-bottom: 1px solid #b1b4b6; }
h3 { font-size: 1.25rem; margin: 2rem 0 0.5rem; }
h4 { font-size: 1.1rem; margin: 1.5rem 0 0.5rem; }
a { color: #1d70b8; text-decoration-thickness: 1px; text-underline-offset: 0.15em; }
a:visited { color: #4c2c92; }
a:hover { color: #003078; text-decoration-thickness: 3px; }
a:focus-visible, .table-wrap:focus-visible, pre:focus-visible {
  outline: 3px solid #ffdd00; outline-offset: 0; background: #ffdd00; color: #0b0c0c;
  box-shadow: 0 4px #0b0c0c; text-decoration: none; }
code { font-family: ui-monospace, "Cascadia Mono", Menlo, Consolas, monospace; font-size: 0.9em;
  background: #f3f2f1; padding: 0 0.2em; overflow-wrap: anywhere; }
.stamp { color: #505a5f; font-size: 0.875rem; }
.table-wrap { overflow-x: auto; margin: 0 0 1.5rem; }
table { border-collapse: collapse; width: 100%; }
caption { text-align: left; font-weight: 700; padding: 0.25rem 0; }
th, td { text-align: left; vertical-align: top; padding: 0.5rem 0.75rem 0.5rem 0;
  border-bottom: 1px solid #b1b4b6; }
thead th { border-bottom: 2px solid #0b0c0c; }
tbody th { font-weight: 600; }
figure { margin: 1rem 0 2rem; }
figure svg { max-width: 100%; height: auto; }
figcaption { color: #505a5f; margin-top: 0.5rem; }
pre { background: #f3f2f1; padding: 1rem; overflow-x: auto; }
@media print {
  body { font-size: 11pt; }
  main { max-width: none; padding: 0; }
  nav { display: none; }
  h2, h3, h4 { break-after: avoid; }
  tr, figure { break-inside: avoid; }
  a[href^="http"]::after { content: " (" attr(href) ")"; font-size: 0.9em; }
  .table-wrap { overflow: visible; }
}
""".strip()

# No script, and nothing fetched: the page works offline and a spec cannot make it run code.
_CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
    "form-action 'none'"
)

GRAPHVIZ_HINT = (
    "install Graphviz (for example 'apt-get install graphviz' or 'brew install graphviz') and "
    "generate the page again"
)


def to_html(page: Page, svg: str | None = None) -> str:
    """The page as one self-contained HTML file: inline CSS, no script, nothing fetched.

    `svg` is Graphviz's SVG of the page's diagram (its `dot`); without it, the page says how to
    get the diagram and includes its Mermaid source.
    """
    body: list[str] = []
    contents = False
    for block in page.blocks:
        if isinstance(block, Heading) and block.anchor == "contents":
            contents = True
            body.append('<nav aria-labelledby="contents">')
            body.append(_html_block(block, svg))
            continue
        body.append(_html_block(block, svg))
        if contents and isinstance(block, Bullets):
            body.append("</nav>")
            contents = False
    title = html_text(page.title)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta name="generator" content="flowlint docs">\n'
        f"<title>{title}</title>\n"
        f"<style>\n{_CSS}\n</style>\n"
        "</head>\n"
        "<body>\n"
        "<!-- Generated by flowlint docs from the spec: do not edit by hand. -->\n"
        "<main>\n" + "\n".join(body) + "\n</main>\n</body>\n</html>\n"
    )


def _html_block(block: Block, svg: str | None) -> str:
    if isinstance(block, Heading):
        anchor = f' id="{html_attribute(block.anchor)}"' if block.anchor else ""
        return f"<h{block.level}{anchor}>{html_text(block.text)}</h{block.level}>"
    if isinstance(block, Paragraph):
        role = f' class="{block.role}"' if block.role else ""
        return f"<p{role}>{_html_spans(block.spans)}</p>"
    if isinstance(block, Bullets):
        return _html_list(block.items)
    if isinstance(block, Table):
        return _html_table(block)
    if isinstance(block, Diagram):
        return _html_diagram(block, svg)
    raise TypeError(f"not a block: {block!r}")


def _html_list(items: tuple[Item, ...]) -> str:
    out = ["<ul>"]
    for item in items:
        inner = _html_spans(item.spans)
        if item.children:
            inner += "\n" + _html_list(item.children)
        out.append(f"<li>{inner}</li>")
    out.append("</ul>")
    return "\n".join(out)


def _html_table(table: Table) -> str:
    caption = html_text(table.caption)
    out = [
        f'<div class="table-wrap" role="region" aria-label="{html_attribute(table.caption)}" '
        'tabindex="0">',
        "<table>",
        f"<caption>{caption}</caption>",
        "<thead><tr>" + "".join(f'<th scope="col">{html_text(h)}</th>' for h in table.head),
        "</tr></thead>",
        "<tbody>",
    ]
    for row in table.rows:
        first, *rest = row
        cells = [f'<th scope="row">{_html_spans(first)}</th>']
        cells += [f"<td>{_html_spans(cell)}</td>" for cell in rest]
        out.append("<tr>" + "".join(cells) + "</tr>")
    out += ["</tbody>", "</table>", "</div>"]
    return "\n".join(out)


def _html_spans(spans: Spans) -> str:
    out = []
    for span in spans:
        if isinstance(span, str):
            out.append(html_text(span))
        elif isinstance(span, Code):
            out.append(f"<code>{html_text(span.text)}</code>")
        elif isinstance(span, Strong):
            out.append(f"<strong>{html_text(span.text)}</strong>")
        else:
            href = span.href if span.href.startswith("#") else link_url(span.href)
            text = html_text(span.text)
            out.append(f'<a href="{html_attribute(href)}">{text}</a>' if href else text)
    return "".join(out).strip()


def _html_diagram(diagram: Diagram, svg: str | None) -> str:
    head = f'<figure id="diagram-figure" data-dot-sha256="{diagram.digest}">'
    legend = f"<figcaption>{html_text(diagram.legend)}</figcaption>"
    drawing = inline_svg(svg, diagram.title) if svg is not None else None
    source = mermaid_source(diagram.mermaid)
    if drawing is not None:
        return f"{head}\n{drawing}\n{legend}\n</figure>"
    return (
        f"{head}\n<p>The diagram is laid out by Graphviz, which was not available when this "
        f"page was generated: {html_text(GRAPHVIZ_HINT)}. Meanwhile its "
        '<a href="#mermaid-source">Mermaid source</a> is below: paste it into any Mermaid '
        "editor, or into a Markdown file on GitHub or GitLab, to see it.</p>\n"
        f'<pre id="mermaid-source" tabindex="0"><code>{html_text(source, keep_lines=True)}'
        "</code></pre>\n"
        f"{legend}\n</figure>"
    )


_SVG_NS = "http://www.w3.org/2000/svg"


def inline_svg(svg: str, title: str) -> str | None:
    """Graphviz's SVG made fit to sit inside the page: the XML prolog, doctype and comments
    dropped, a `<title>` and `role="img"` with an `aria-label` added, and the fixed size turned
    into a `viewBox` that scales. None when it is not well-formed SVG (the page then falls back
    to the Mermaid source)."""
    start = svg.find("<svg")
    if start < 0:
        return None
    body = re.sub(r"<!--.*?-->", "", svg[start:], flags=re.DOTALL).strip()
    try:
        root = ElementTree.fromstring(body)
    except ElementTree.ParseError:
        return None
    if root.tag != f"{{{_SVG_NS}}}svg":
        return None
    label = html_attribute(title)
    open_tag = re.match(r"<svg\b[^>]*>", body)
    if open_tag is None:
        return None
    attributes = re.sub(r'\s(width|height)="[^"]*"', "", open_tag[0][len("<svg") : -1])
    new_open = f'<svg{attributes} role="img" aria-label="{label}" focusable="false">'
    return new_open + f"\n<title>{html_text(title)}</title>" + body[open_tag.end() :]


# --check: what a page is compared by

_STAMP_LINES = re.compile(
    rf"^(?:\*{STAMP_START} .*\*|<p class=\"stamp\">{STAMP_START} .*</p>)\n(?:\n)?",
    re.MULTILINE,
)
_FIGURE = re.compile(
    r'(<figure id="diagram-figure" data-dot-sha256="[0-9a-f]{64}">).*?(</figure>)', re.DOTALL
)


def comparable(text: str) -> str:
    """A page as `--check` compares it: without its stamp (the date and commit change on every
    run), and with the HTML diagram reduced to the hash of its DOT source, so that a page stays
    in step whatever version of Graphviz laid it out, or whether one was installed."""
    text = _STAMP_LINES.sub("", text.replace("\r\n", "\n"))
    return _FIGURE.sub(r"\1…\2", text)


# Escaping: every text from the spec (names, descriptions, ids, URLs, file names) reaches the
# page through the one escaping layer, `flowlint.escaping`; these names are the page's words for
# its functions.


def visible(text: str) -> str:
    """Characters that are not printable written as escapes (`\\x1b`, `\\u202e`)."""
    return escaping.visible(text)


markdown_text = escaping.markdown_inline
markdown_cell = escaping.markdown_inline
one_line = escaping.one_line
link_url = escaping.link_url
mermaid_source = escaping.mermaid_source
html_text = escaping.html
html_attribute = escaping.html_attribute


def markdown_code(text: str, in_table: bool = False) -> str:
    """Spec text as a Markdown code span (`flowlint.escaping.markdown_code_span`)."""
    return escaping.markdown_code_span(text, in_table)
