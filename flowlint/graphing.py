"""The service line as a diagram: Mermaid or Graphviz DOT text from the model.

Pure: a `Model`, a `View` of it (the whole line, one entity's lineage or one service's
neighbourhood) and optionally findings go in; text comes out. Both formats are drawn from the same
`Diagram`, so they always agree:

- services are boxed by boundary: the line's own services in one box (with a nested box per
  `group`, titled with its name under `groups` or as written), outside services in a box per
  `group`, the rest under "Third parties" or "External systems"; a service a flow names but nobody
  declared is drawn loose, dashed; a distributor (`distributes`) has a double outline and says
  what it distributes;
- each flow is an edge labelled with the entities it carries; personal data is marked
  "(personal)" and its edges coloured; copies are solid lines, APIs thick lines, files, manual
  transfers and events dashed or dotted (named in the label); the label adds the flow's
  `frequency`, the changes it passes on when `operations` limit them, "not kept" for
  `stores: false`, and "until <date>" for a temporary flow, which is drawn with short dashes;
  flows that are not live are grey and say their status;
- with findings, a service or flow with findings is outlined in the colour of its worst severity
  and its label counts them.

Output is deterministic: boxes, services and edges are sorted by id, so the text diffs cleanly.
Every name, id and title is escaped by `flowlint.escaping` (`mermaid`, `dot`, `dot_label`): no
text from a spec can end a label, add a directive or make the SVG Graphviz draws invalid.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from flowlint.escaping import dot, dot_label, mermaid
from flowlint.findings import Finding, Severity
from flowlint.model import ALL_OPERATIONS, LIVE, Flow, Model

INSIDE_BOX = "line"
THIRD_PARTY_BOX = "third-parties"
EXTERNAL_BOX = "external"

PERSONAL_MARK = " (personal)"

# GOV.UK design-system colours: readable on light and dark GitHub themes.
_COLOURS = {
    Severity.ERROR: "#d4351c",
    Severity.WARNING: "#f47738",
    Severity.INFO: "#1d70b8",
    "personal": "#912b88",
    "notlive": "#b1b4b6",
    "muted": "#505a5f",
    "outside": "#f3f2f1",
}
_PLURALS = {Severity.ERROR: "errors", Severity.WARNING: "warnings", Severity.INFO: "info"}


@dataclass(frozen=True, slots=True)
class View:
    """What to draw: service ids (declared or only named by a flow) and the flows between them.

    With `entity` set (a lineage), edge labels name only that entity and service labels say only
    whether each service owns or edits it. `focus` is a service to highlight.
    """

    services: tuple[str, ...]
    flows: tuple[Flow, ...]
    entity: str | None = None
    focus: str | None = None


def whole(model: Model) -> View:
    """Every declared service, every service a flow names, and every flow."""
    named = {ref.id for flow in model.flows for ref in (flow.source, flow.target)}
    return View(tuple(sorted(model.services.keys() | named)), model.flows)


def entity_lineage(model: Model, entity_id: str) -> View:
    """The flows that carry one entity, with its owners, the services on those flows, and the
    services that edit it."""
    flows = model.flows_carrying.get(entity_id, ())
    services = {ref.id for flow in flows for ref in (flow.source, flow.target)}
    entity = model.entities.get(entity_id)
    if entity is not None:
        services.update(ref.id for ref in entity.owners)
    services.update(
        service.id
        for service in model.services.values()
        if any(ref.id == entity_id for ref in service.edits)
    )
    return View(tuple(sorted(services)), flows, entity=entity_id)


def neighbourhood(model: Model, service_id: str) -> View:
    """One service, the flows into and out of it, and the services at their other ends."""
    flows = tuple(f for f in model.flows if service_id in (f.source.id, f.target.id))
    services = {service_id} | {ref.id for flow in flows for ref in (flow.source, flow.target)}
    return View(tuple(sorted(services)), flows, focus=service_id)


@dataclass(frozen=True, slots=True)
class Overlay:
    """Findings placed on the diagram: severities per service id and per flow.

    Flows are keyed by (file, index in that file's `flows` list). `unplaced` counts findings that
    are about nothing drawn as a service or a flow (e.g. a YAML syntax error).
    """

    services: Mapping[str, Counter[Severity]] = field(default_factory=dict)
    flows: Mapping[tuple[str, int], Counter[Severity]] = field(default_factory=dict)
    unplaced: int = 0


def overlay(model: Model, findings: Iterable[Finding]) -> Overlay:
    """Place each finding on the service or flow it is about, by its JSON Pointer.

    A finding in a flow goes on that flow; in a service, on it; in an API, on the API's service;
    in an entity, on its owners; in a relationship, on the service that defines it (the one the
    pointer names, or all of them).
    """
    flows = {(flow.location.file, flow.index) for flow in model.flows}
    relationships = {
        (rel.location.file, rel.location.pointer): rel
        for rel in model.relationships
        if not rel.within_entity
    }
    on_services: dict[str, Counter[Severity]] = {}
    on_flows: dict[tuple[str, int], Counter[Severity]] = {}
    unplaced = 0
    for finding in findings:
        loc = finding.location
        tokens = [_unescape(t) for t in loc.pointer.split("/")[1:]]
        section = tokens[0] if tokens else ""
        targets: list[str] = []
        if section == "flows" and len(tokens) > 1 and tokens[1].isdigit():
            key = (loc.file, int(tokens[1]))
            if key in flows:
                on_flows.setdefault(key, Counter())[finding.severity] += 1
                continue
        elif section == "services" and len(tokens) > 1:
            targets = [tokens[1]]
        elif section == "apis" and len(tokens) > 1:
            api = model.apis.get(tokens[1])
            targets = [api.service.id] if api is not None and api.service is not None else []
        elif section == "entities" and len(tokens) > 1:
            entity = model.entities.get(tokens[1])
            targets = [ref.id for ref in entity.owners] if entity is not None else []
        elif section == "relationships" and len(tokens) > 1:
            rel = relationships.get((loc.file, f"/relationships/{tokens[1]}"))
            if rel is not None:
                targets = [ref.id for ref in rel.defined_by]
                if len(tokens) > 3 and tokens[2] == "defined_by" and tokens[3].isdigit():
                    index = int(tokens[3])
                    targets = targets[index : index + 1]
        if not targets:
            unplaced += 1
        for target in dict.fromkeys(targets):
            on_services.setdefault(target, Counter())[finding.severity] += 1
    return Overlay(on_services, on_flows, unplaced)


def _unescape(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")


# The diagram, independent of the output format.


@dataclass(frozen=True, slots=True)
class Node:
    id: str
    lines: tuple[str, ...]
    outside: bool
    declared: bool
    live: bool
    focus: bool
    severity: Severity | None
    distributor: bool = False


@dataclass(frozen=True, slots=True)
class Box:
    id: str
    title: str
    nodes: tuple[Node, ...]
    boxes: tuple[Box, ...] = ()


@dataclass(frozen=True, slots=True)
class Edge:
    """A flow, or flows sent alike by every member of a group box (`from_box`: `source` is the
    box's id and `tail` one of its members, where DOT anchors the edge)."""

    source: str
    target: str
    lines: tuple[str, ...]
    via: str
    live: bool
    personal: bool
    severity: Severity | None
    tail: str
    from_box: bool = False
    temporary: bool = False


@dataclass(frozen=True, slots=True)
class Diagram:
    boxes: tuple[Box, ...]
    loose: tuple[Node, ...]
    edges: tuple[Edge, ...]
    unplaced: int = 0


def diagram(
    model: Model,
    view: View | None = None,
    findings: Iterable[Finding] | None = None,
    title: str | None = None,
) -> Diagram:
    """Lay out a view of the model (the whole line by default) as boxes, nodes and edges."""
    view = view or whole(model)
    marks = overlay(model, findings) if findings is not None else Overlay()
    owned: dict[str, list[str]] = {}
    for entity in sorted(model.entities.values(), key=lambda e: e.id):
        if view.entity in (None, entity.id):
            for owner in dict.fromkeys(ref.id for ref in entity.owners):
                owned.setdefault(owner, []).append(entity.id)
    nodes = {sid: _node(model, view, sid, owned.get(sid, []), marks) for sid in view.services}
    inside: list[Node] = []
    inside_groups: dict[str, list[Node]] = {}
    outside_groups: dict[str, list[Node]] = {}
    third_parties: list[Node] = []
    externals: list[Node] = []
    loose: list[Node] = []
    for sid in sorted(nodes):
        node = nodes[sid]
        service = model.services.get(sid)
        if service is None:
            loose.append(node)
        elif service.inside_boundary:
            if service.group:
                inside_groups.setdefault(service.group, []).append(node)
            else:
                inside.append(node)
        elif service.group:
            outside_groups.setdefault(service.group, []).append(node)
        elif service.kind == "third-party":
            third_parties.append(node)
        else:
            externals.append(node)
    boxes: list[Box] = []
    nested = tuple(
        Box(f"line-group-{group}", group_title(model, group), tuple(members))
        for group, members in sorted(inside_groups.items())
    )
    if inside or nested:
        boxes.append(Box(INSIDE_BOX, title or "Service line", tuple(inside), nested))
    if third_parties:
        boxes.append(Box(THIRD_PARTY_BOX, "Third parties", tuple(third_parties)))
    boxes.extend(
        Box(f"group-{group}", group_title(model, group), tuple(members))
        for group, members in sorted(outside_groups.items())
    )
    if externals:
        boxes.append(Box(EXTERNAL_BOX, "External systems", tuple(externals)))
    edges = _edges(model, view, boxes, marks)
    return Diagram(tuple(boxes), tuple(loose), edges, marks.unplaced)


def _node(model: Model, view: View, service_id: str, owned: list[str], marks: Overlay) -> Node:
    service = model.services.get(service_id)
    lines = [service.name if service is not None else service_id]
    if owned:
        lines.append("owns: " + ", ".join(_entity_label(model, e) for e in owned))
    distributed: list[str] = []
    if service is not None:
        edited = sorted({r.id for r in service.edits if view.entity in (None, r.id)})
        if edited:
            lines.append("edits: " + ", ".join(_entity_label(model, e) for e in edited))
        distributed = sorted({r.id for r in service.distributes if view.entity in (None, r.id)})
        if distributed:
            lines.append("distributes: " + ", ".join(_entity_label(model, e) for e in distributed))
        if service.status != LIVE:
            lines.append(service.status)
    else:
        lines.append("not declared")
    counts = marks.services.get(service_id)
    if counts:
        lines.append(_counts(counts))
    return Node(
        id=service_id,
        lines=tuple(lines),
        outside=service is not None and not service.inside_boundary,
        declared=service is not None,
        live=service is None or service.status == LIVE,
        focus=service_id == view.focus,
        severity=_worst(counts),
        distributor=bool(distributed),
    )


def _edges(model: Model, view: View, boxes: Iterable[Box], marks: Overlay) -> tuple[Edge, ...]:
    """One edge per flow, except that flows sent alike by every member of a group box (same
    target, entities, mechanism and status) are drawn as one edge from the box."""
    groups = [
        box
        for outer in boxes
        for box in (outer, *outer.boxes)
        if box.id.startswith(("group-", "line-group-")) and len(box.nodes) > 1
    ]
    box_of = {node.id: box for box in groups for node in box.nodes}
    alike: dict[tuple[str, _Base], dict[str, list[Flow]]] = {}
    bases = [(flow, _base(model, view, flow)) for flow in view.flows]
    for flow, base in bases:
        box = box_of.get(flow.source.id)
        if box is not None and box_of.get(flow.target.id) is not box:
            alike.setdefault((box.id, base), {}).setdefault(flow.source.id, []).append(flow)
    edges: list[Edge] = []
    bundled: set[tuple[str, int]] = set()
    for box in groups:
        members = {node.id for node in box.nodes}
        for (box_id, base), senders in alike.items():
            if box_id != box.id or senders.keys() != members:
                continue
            flows = [flow for sent in senders.values() for flow in sent]
            bundled.update((flow.location.file, flow.index) for flow in flows)
            counts: Counter[Severity] = Counter()
            for flow in flows:
                counts.update(marks.flows.get((flow.location.file, flow.index), Counter()))
            lines = (*base.lines, f"from each of {len(members)}")
            edges.append(_edge(base, lines, counts, box_id, box.nodes[0].id))
    for flow, base in bases:
        key = (flow.location.file, flow.index)
        if key not in bundled:
            counts = marks.flows.get(key)
            edges.append(_edge(base, base.lines, counts, flow.source.id, flow.source.id))
    return tuple(sorted(edges, key=lambda e: (e.from_box, e.source, e.target, e.lines, e.via)))


@dataclass(frozen=True, slots=True)
class _Base:
    """What an edge says about its flow, before findings and bundling: flows with equal bases
    from every member of a group are drawn as one edge."""

    target: str
    lines: tuple[str, ...]
    via: str
    live: bool
    personal: bool
    temporary: bool = False


def _base(model: Model, view: View, flow: Flow) -> _Base:
    carried = [
        e for e in dict.fromkeys(ref.id for ref in flow.entities) if view.entity in (None, e)
    ]
    lines = [", ".join(_entity_label(model, e) for e in carried)]
    if flow.via == "api":
        lines.append(f"API {flow.api.id}" if flow.api is not None else "API")
    elif flow.via != "copy":
        lines.append(flow.via)
    if flow.frequency:
        lines.append(flow.frequency)
    if flow.operations_declared and flow.operations != ALL_OPERATIONS:
        lines.append(_operations(flow.operations))
    if not flow.stores:
        lines.append("not kept")
    if flow.status != LIVE:
        lines.append(flow.status)
    if flow.until:
        lines.append(f"until {flow.until}")
    return _Base(
        target=flow.target.id,
        lines=tuple(lines),
        via=flow.via,
        live=flow.status == LIVE,
        personal=any(_personal(model, e) for e in carried),
        temporary=flow.until is not None,
    )


def _operations(operations: tuple[str, ...]) -> str:
    """'deletes only', 'creates and updates', ...: what a flow that says so passes on."""
    words = [f"{op}s" for op in operations]
    text = words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
    return f"{text} only"


def _edge(
    base: _Base,
    lines: tuple[str, ...],
    counts: Counter[Severity] | None,
    source: str,
    tail: str,
) -> Edge:
    return Edge(
        source=source,
        target=base.target,
        lines=(*lines, _counts(counts)) if counts else lines,
        via=base.via,
        live=base.live,
        personal=base.personal,
        severity=_worst(counts),
        tail=tail,
        from_box=source != tail,
        temporary=base.temporary,
    )


def _personal(model: Model, entity_id: str) -> bool:
    entity = model.entities.get(entity_id)
    return entity is not None and entity.personal_data


def _entity_label(model: Model, entity_id: str) -> str:
    return entity_id + (PERSONAL_MARK if _personal(model, entity_id) else "")


def _counts(counts: Counter[Severity]) -> str:
    return ", ".join(
        f"{counts[s]} {s.value if counts[s] == 1 else _PLURALS[s]}" for s in Severity if counts[s]
    )


def _worst(counts: Counter[Severity] | None) -> Severity | None:
    if not counts:
        return None
    return max((s for s in counts if counts[s]), key=lambda s: s.rank, default=None)


def group_title(model: Model, group: str) -> str:
    """How a service group is shown: its name under `groups` when the spec gives one, else the
    group as written (never re-cased, so acronyms stay as they are)."""
    named = model.groups.get(group)
    return named.name if named is not None and named.name else group


# Mermaid


def mermaid_id(kind: str, ident: str) -> str:
    """A Mermaid node or subgraph id for any text: `kind` + `_` + the text with [a-z0-9] kept,
    '-' written '_' and every other character written `_U` + 6 hex digits.

    The mapping is injective (a kept character is never `U`, so `_U` always starts an escape),
    and the prefix keeps ids off Mermaid keywords such as `end` and off a leading digit.
    """
    out = []
    for char in ident:
        if char.isascii() and (char.islower() or char.isdigit()):
            out.append(char)
        elif char == "-":
            out.append("_")
        else:
            out.append(f"_U{ord(char):06X}")
    return f"{kind}_{''.join(out)}"


def _mermaid_label(lines: Iterable[str]) -> str:
    # Each line escaped by the one escaping layer; <br/> is ours.
    return '"' + "<br/>".join(mermaid(line) for line in lines) + '"'


# Copies solid, API calls thick, the rest (file, manual, event) dashed; the label says which.
_MERMAID_ARROWS = {"copy": "-->", "api": "==>"}


def to_mermaid(
    model: Model,
    view: View | None = None,
    findings: Iterable[Finding] | None = None,
    title: str | None = None,
) -> str:
    """The view as a Mermaid flowchart (no code fence)."""
    drawing = diagram(model, view, findings, title)
    out = ["flowchart LR"]
    if drawing.unplaced:
        out.append(f"  %% {drawing.unplaced} finding(s) are about nothing drawn here")
    classes: dict[str, list[str]] = {}

    def node_line(node: Node, indent: str) -> None:
        nid = mermaid_id("s", node.id)
        label = _mermaid_label(node.lines)
        out.append(f"{indent}{nid}({label})" if node.outside else f"{indent}{nid}[{label}]")
        for name, on in (
            ("outside", node.outside),
            ("undeclared", not node.declared),
            ("notlive", not node.live),
            ("focus", node.focus),
            ("distributor", node.distributor),
            (node.severity.value if node.severity else "", node.severity is not None),
        ):
            if on:
                classes.setdefault(name, []).append(nid)

    def box_lines(box: Box, indent: str) -> None:
        out.append(f"{indent}subgraph {mermaid_id('b', box.id)}[{_mermaid_label([box.title])}]")
        for node in box.nodes:
            node_line(node, indent + "  ")
        for inner in box.boxes:
            box_lines(inner, indent + "  ")
        out.append(f"{indent}end")

    for box in drawing.boxes:
        box_lines(box, "  ")
    for node in drawing.loose:
        node_line(node, "  ")
    link_styles: dict[str, list[int]] = {}
    for index, edge in enumerate(drawing.edges):
        arrow = _MERMAID_ARROWS.get(edge.via, "-.->")
        source = mermaid_id("b" if edge.from_box else "s", edge.source)
        out.append(
            f"  {source} {arrow}|{_mermaid_label(edge.lines)}| {mermaid_id('s', edge.target)}"
        )
        style = _edge_style(edge)
        if style:
            link_styles.setdefault(style, []).append(index)
    defs = {
        "outside": f"fill:{_COLOURS['outside']}",
        "undeclared": "stroke-dasharray:4 3",
        "notlive": f"color:{_COLOURS['muted']},stroke-dasharray:4 3",
        "focus": "stroke-width:4px",
        "distributor": "stroke-width:3px,stroke-dasharray:8 2",
        **{s.value: f"stroke:{_COLOURS[s]},stroke-width:3px" for s in Severity},
    }
    for name, style in defs.items():
        if name in classes:
            out.append(f"  classDef {name} {style}")
            out.append(f"  class {','.join(classes[name])} {name}")
    for style, indexes in sorted(link_styles.items(), key=lambda item: item[1][0]):
        out.append(f"  linkStyle {','.join(map(str, indexes))} {style}")
    return "\n".join(out) + "\n"


def _edge_style(edge: Edge) -> str:
    """The stroke of an edge: findings win over status, status over personal data; a temporary
    flow (`until`) is drawn with short dashes whatever its colour."""
    if edge.severity is not None:
        style = f"stroke:{_COLOURS[edge.severity]},color:{_COLOURS[edge.severity]}"
    elif not edge.live:
        style = f"stroke:{_COLOURS['notlive']},color:{_COLOURS['muted']}"
    elif edge.personal:
        style = f"stroke:{_COLOURS['personal']},color:{_COLOURS['personal']}"
    else:
        style = ""
    if edge.temporary:
        style = f"{style},stroke-dasharray:2 3" if style else "stroke-dasharray:2 3"
    return style


# Graphviz DOT


_DOT_STYLES = {
    "copy": "solid",
    "api": "bold",
    "file": "dashed",
    "manual": "dotted",
    "event": "dashed",
}


def to_dot(
    model: Model,
    view: View | None = None,
    findings: Iterable[Finding] | None = None,
    title: str | None = None,
) -> str:
    """The view as a Graphviz digraph."""
    drawing = diagram(model, view, findings, title)
    out = [
        "digraph flowlint {",
        "  graph [rankdir=LR, compound=true, nodesep=0.3, ranksep=0.8,"
        ' fontname="Helvetica", fontsize=12];',
        '  node [shape=box, fontname="Helvetica", fontsize=11];',
        '  edge [fontname="Helvetica", fontsize=9];',
    ]
    if drawing.unplaced:
        out.append(f"  // {drawing.unplaced} finding(s) are about nothing drawn here")

    def node_line(node: Node, indent: str) -> None:
        styles = ["rounded", "filled"] if node.outside else []
        attrs = [f"label={dot_label(node.lines)}"]
        if node.outside:
            attrs.append(f'fillcolor="{_COLOURS["outside"]}"')
        if not node.declared or not node.live:
            styles.append("dashed")
        if not node.live:
            attrs.append(f'fontcolor="{_COLOURS["muted"]}"')
        if node.severity is not None:
            attrs.append(f'color="{_COLOURS[node.severity]}"')
        if node.severity is not None or node.focus:
            attrs.append("penwidth=3")
        if node.distributor:
            attrs.append("peripheries=2")
        if styles:
            attrs.append(f'style="{",".join(styles)}"')
        out.append(f"{indent}{dot(node.id)} [{', '.join(attrs)}];")

    def box_lines(box: Box, indent: str) -> None:
        out.append(f"{indent}subgraph {dot('cluster_' + box.id)} {{")
        out.append(f"{indent}  label={dot(box.title)};")
        out.append(f'{indent}  style=rounded; color="{_COLOURS["muted"]}";')
        for node in box.nodes:
            node_line(node, indent + "  ")
        for inner in box.boxes:
            box_lines(inner, indent + "  ")
        out.append(f"{indent}}}")

    for box in drawing.boxes:
        box_lines(box, "  ")
    for node in drawing.loose:
        node_line(node, "  ")
    for edge in drawing.edges:
        attrs = [f"label={dot_label(edge.lines)}", f"style={_DOT_STYLES.get(edge.via, 'dotted')}"]
        colour = _edge_colour(edge)
        if colour:
            attrs.append(f'color="{colour}", fontcolor="{colour}"')
        if edge.via == "api":
            attrs.append("penwidth=2.5")
        if edge.via == "event":
            attrs.append("arrowhead=vee")
        if edge.temporary:
            attrs.append("arrowtail=odot, dir=both")
        if edge.from_box:
            attrs.append(f"ltail={dot('cluster_' + edge.source)}")
        out.append(f"  {dot(edge.tail)} -> {dot(edge.target)} [{', '.join(attrs)}];")
    out.append("}")
    return "\n".join(out) + "\n"


def _edge_colour(edge: Edge) -> str | None:
    if edge.severity is not None:
        return _COLOURS[edge.severity]
    if not edge.live:
        return _COLOURS["notlive"]
    if edge.personal:
        return _COLOURS["personal"]
    return None
