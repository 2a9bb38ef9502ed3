"""Diagrams: the Mermaid text is parsed back and checked against the model; the DOT text is parsed
and laid out by Graphviz itself when its `dot` program is installed."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import textwrap
from dataclasses import dataclass, field

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from flowlint import graphing
from flowlint.engine import lint, select_rules
from flowlint.findings import Finding, Location, Severity
from flowlint.loading import load_paths, parse_text
from flowlint.model import Model, build_model
from flowlint.rules import BUILTIN_RULES
from tests.conftest import BUNDLED_SPEC

DOT = shutil.which("dot")
needs_dot = pytest.mark.skipif(
    DOT is None, reason="Graphviz's dot is not installed (apt-get install graphviz)"
)


def model_of(text: str) -> Model:
    return build_model([parse_text(textwrap.dedent(text), "spec.yaml")])


def bundled() -> Model:
    return build_model(load_paths([BUNDLED_SPEC]).files)


def bundled_findings() -> tuple[Finding, ...]:
    return lint(load_paths([BUNDLED_SPEC]), select_rules(BUILTIN_RULES)).findings


# A small Mermaid reader: every line of our output must be one of these statements.

ID = r"[A-Za-z0-9_]+"
LABEL = r'"(?P<label>[^"]*)"'
NODE = re.compile(rf"^(?P<id>{ID})(?:\[{LABEL}\]|\({LABEL.replace('label', 'label2')}\))$")
SUBGRAPH = re.compile(rf"^subgraph (?P<id>{ID})\[{LABEL}\]$")
EDGE = re.compile(rf"^(?P<source>{ID}) (?P<arrow>-->|==>|-\.->)\|{LABEL}\| (?P<target>{ID})$")
CLASSDEF = re.compile(r"^classDef (?P<name>\w+) (?P<style>[\w:#,. -]+)$")
CLASS = re.compile(rf"^class (?P<ids>{ID}(?:,{ID})*) (?P<name>\w+)$")
LINKSTYLE = re.compile(r"^linkStyle (?P<indexes>\d+(?:,\d+)*) (?P<style>[\w:#,. -]+)$")


@dataclass
class Chart:
    nodes: dict[str, str] = field(default_factory=dict)  # id -> label
    shapes: dict[str, str] = field(default_factory=dict)  # id -> "box" or "round"
    boxes: dict[str, str] = field(default_factory=dict)  # subgraph id -> title
    parent: dict[str, str | None] = field(default_factory=dict)  # node or box -> its box
    edges: list[tuple[str, str, str, str]] = field(default_factory=list)  # src, arrow, label, dst
    classes: dict[str, set[str]] = field(default_factory=dict)  # class name -> ids
    link_styles: dict[int, str] = field(default_factory=dict)


def parse_mermaid(text: str) -> Chart:
    """Parse our Mermaid flowchart, failing on any line that is not a known statement."""
    lines = text.splitlines()
    assert lines[0] == "flowchart LR"
    chart = Chart()
    stack: list[str] = []
    defined: set[str] = set()
    for raw in lines[1:]:
        line = raw.strip()
        if line.startswith("%%"):
            continue
        if match := SUBGRAPH.match(line):
            chart.boxes[match["id"]] = match["label"]
            chart.parent[match["id"]] = stack[-1] if stack else None
            stack.append(match["id"])
        elif line == "end":
            assert stack, "an 'end' without a subgraph"
            stack.pop()
        elif match := NODE.match(line):
            assert match["id"] not in chart.nodes, f"node {match['id']} defined twice"
            chart.nodes[match["id"]] = (
                match["label"] if match["label"] is not None else match["label2"]
            )
            chart.shapes[match["id"]] = "box" if match["label"] is not None else "round"
            chart.parent[match["id"]] = stack[-1] if stack else None
        elif match := EDGE.match(line):
            chart.edges.append((match["source"], match["arrow"], match["label"], match["target"]))
        elif match := CLASSDEF.match(line):
            defined.add(match["name"])
        elif match := CLASS.match(line):
            assert match["name"] in defined, f"class {match['name']} used before classDef"
            chart.classes.setdefault(match["name"], set()).update(match["ids"].split(","))
        elif match := LINKSTYLE.match(line):
            for index in match["indexes"].split(","):
                assert int(index) not in chart.link_styles, f"edge {index} styled twice"
                chart.link_styles[int(index)] = match["style"]
        else:
            pytest.fail(f"not a statement of our Mermaid: {raw!r}")
    assert not stack, "subgraph not closed"
    for source, _, _, target in chart.edges:
        assert source in chart.nodes or source in chart.boxes, source
        assert target in chart.nodes, target
    assert all(0 <= i < len(chart.edges) for i in chart.link_styles)
    for ids in chart.classes.values():
        assert ids <= chart.nodes.keys()
    return chart


def box_of(chart: Chart, service_id: str) -> str | None:
    parent = chart.parent[graphing.mermaid_id("s", service_id)]
    return chart.boxes[parent] if parent else None


def test_every_service_of_the_bundled_spec_is_a_node_in_its_box() -> None:
    model = bundled()
    chart = parse_mermaid(graphing.to_mermaid(model, title="Becoming a teacher"))
    assert len(chart.nodes) == len(model.services) == 14
    for service in model.services.values():
        assert chart.nodes[graphing.mermaid_id("s", service.id)].startswith(service.name)
    assert {s for s in model.services if box_of(chart, s) == "Becoming a teacher"} == {
        "publish",
        "find",
        "apply",
        "manage",
        "register",
        "claims",
        "placements",
    }
    assert {s for s in model.services if box_of(chart, s) == "Third parties"} == {
        "dqt",
        "gias",
        "hesa",
    }
    assert {s for s in model.services if box_of(chart, s) == "Student record systems"} == {
        "ellucian-banner",
        "oracle",
        "thesis-cloud",
        "tribal-sits",
    }
    # Outside services are round and shaded; the line's own are boxes.
    assert chart.shapes["s_publish"] == "box" and chart.shapes["s_gias"] == "round"
    assert chart.classes["outside"] == {
        graphing.mermaid_id("s", s) for s, v in model.services.items() if not v.inside_boundary
    }
    # Owned and edited entities are on the service; personal data is marked.
    assert chart.nodes["s_register"] == (
        "Register trainee teachers<br/>owns: trainee (personal)<br/>edits: application (personal)"
    )


def test_every_flow_of_the_bundled_spec_is_an_edge_or_part_of_a_group_edge() -> None:
    model = bundled()
    chart = parse_mermaid(graphing.to_mermaid(model))
    drawn = {(src, dst): label for src, _, label, dst in chart.edges}
    srs = "b_group_student_record_systems"
    for flow in model.flows:
        source = graphing.mermaid_id("s", flow.source.id)
        target = graphing.mermaid_id("s", flow.target.id)
        key = (source, target) if (source, target) in drawn else (srs, target)
        label = drawn[key]  # KeyError: a flow was not drawn
        for ref in flow.entities:
            assert ref.id in label
    # The four student record systems send alike: one edge from their box per kind of flow.
    assert [(e[1], e[2], e[3]) for e in chart.edges if e[0] == srs] == [
        ("-.->", "trainee (personal)<br/>file<br/>from each of 4", "s_hesa"),
        ("==>", "application (personal)<br/>API apply-api<br/>from each of 4", "s_manage"),
        (
            "==>",
            "trainee (personal)<br/>API register-api<br/>planned<br/>from each of 4",
            "s_register",
        ),
    ]
    assert len(chart.edges) == len(model.flows) - 3 * 3


def test_copies_apis_and_files_have_different_arrows_and_not_live_flows_are_grey() -> None:
    chart = parse_mermaid(graphing.to_mermaid(bundled()))
    arrows = {(src, dst): arrow for src, arrow, _, dst in chart.edges}
    assert arrows[("s_publish", "s_find")] == "-->"
    assert arrows[("b_group_student_record_systems", "s_manage")] == "==>"
    assert arrows[("b_group_student_record_systems", "s_hesa")] == "-.->"
    styles = {
        (chart.edges[i][0], chart.edges[i][3]): style for i, style in chart.link_styles.items()
    }
    grey = "stroke:#b1b4b6,color:#505a5f"
    purple = "stroke:#912b88,color:#912b88"
    assert styles[("s_placements", "s_claims")] == grey  # planned mentor flow
    assert styles[("b_group_student_record_systems", "s_register")] == grey
    assert styles[("s_apply", "s_manage")] == purple  # personal data, live
    assert ("s_publish", "s_find") not in styles  # a plain live copy keeps the default stroke


def test_ids_are_escaped_and_labels_quoted_whatever_the_spec_says() -> None:
    # Ids the schema rejects are still modelled and drawn: the diagram must stay valid Mermaid.
    model = model_of(
        """
        flowlint: 1
        services:
          end: {name: 'The "end" <b>service</b> | #1'}
          1st: {name: First}
          a-b: {name: A dash B}
          a_b: {name: A underscore B}
          "x y": {name: Spaced, kind: external, group: "odd group"}
          café: {name: Café, kind: external, group: "odd group"}
        entities:
          thing: {owner: end}
        flows:
          - {from: end, to: 1st, entities: [thing]}
          - {from: a-b, to: a_b, entities: [thing]}
          - {from: x y, to: ghost, entities: [thing]}
        """
    )
    chart = parse_mermaid(graphing.to_mermaid(model))
    ids = {sid: graphing.mermaid_id("s", sid) for sid in [*model.services, "ghost"]}
    assert len(set(ids.values())) == len(ids)
    assert ids["end"] == "s_end" and ids["1st"] == "s_1st" and ids["a-b"] == "s_a_b"
    assert ids["a_b"] == "s_a_U00005Fb" and ids["x y"] == "s_x_U000020y"
    assert chart.nodes[ids["end"]] == (
        "The #quot;end#quot; #lt;b#gt;service#lt;/b#gt; #124; #35;1<br/>owns: thing"
    )
    # A service only a flow names is drawn loose, marked as not declared.
    assert chart.nodes[ids["ghost"]] == "ghost<br/>not declared"
    assert chart.parent[ids["ghost"]] is None
    assert chart.classes["undeclared"] == {ids["ghost"]}
    assert box_of(chart, "café") == "odd group"  # as written: never re-cased


@given(st.text(max_size=12), st.text(max_size=12))
def test_mermaid_ids_are_safe_and_distinct(first: str, second: str) -> None:
    a, b = graphing.mermaid_id("s", first), graphing.mermaid_id("s", second)
    assert re.fullmatch(r"s_[A-Za-z0-9_]*", a)
    assert (a == b) == (first == second)


@given(st.text(max_size=30))
def test_mermaid_text_never_ends_a_quoted_label(text: str) -> None:
    from flowlint.escaping import mermaid

    escaped = mermaid(text)
    assert not set(escaped) & set('"<>|`%\n\r')
    assert re.fullmatch(r"(?:[^#]|#(?:\d+|quot|lt|gt|amp);)*", escaped)


def test_findings_are_overlaid_on_services_and_flows() -> None:
    model = bundled()
    findings = bundled_findings()
    chart = parse_mermaid(graphing.to_mermaid(model, findings=findings))
    # FL103 (lost edit) and FL201 (relationship defined again) are warnings about manage.
    assert chart.nodes["s_manage"].endswith("<br/>2 warnings")
    assert chart.nodes["s_dqt"].endswith("<br/>1 info")  # FL105: teacher is unused
    assert chart.classes["error"] == {"s_apply", "s_claims", "s_placements"}
    assert chart.classes["warning"] == {"s_manage", "s_publish", "s_register"}
    assert chart.classes["info"] == {"s_dqt"}
    # FL303 on each of the four SRS flows through apply-api is counted on their shared edge, with
    # FL109 at the first of them (Manage gets application from Apply and from the SRS group).
    index = next(
        i for i, e in enumerate(chart.edges) if e[2].startswith("application (personal)<br/>API")
    )
    assert chart.edges[index][2].endswith("<br/>from each of 4<br/>4 errors, 1 warning")
    assert chart.link_styles[index] == "stroke:#d4351c,color:#d4351c"
    assert "%%" not in graphing.to_mermaid(model, findings=findings)  # all were placed


def test_overlay_places_findings_by_pointer() -> None:
    model = bundled()
    file = model.files[0]

    def at(pointer: str, severity: Severity = Severity.WARNING) -> Finding:
        return Finding("FL999", "test", severity, "m", Location(file, 1, 1, pointer))

    placed = graphing.overlay(
        model,
        [
            at("/services/manage/edits/0"),
            at("/apis/register-api/docs"),
            at("/entities/mentor/owner"),
            at("/relationships/0/defined_by/1"),
            at("/relationships/3", Severity.ERROR),
            at("/flows/0/entities/1"),
            at("/flows/999"),
            at(""),
        ],
    )
    assert {k: dict(v) for k, v in placed.services.items()} == {
        "manage": {Severity.WARNING: 2},
        "register": {Severity.WARNING: 1},
        "placements": {Severity.WARNING: 1, Severity.ERROR: 1},
        "claims": {Severity.WARNING: 1},
    }
    assert {k: dict(v) for k, v in placed.flows.items()} == {(file, 0): {Severity.WARNING: 1}}
    assert placed.unplaced == 2


def test_an_entity_lineage_shows_only_the_flows_that_carry_it() -> None:
    model = bundled()
    chart = parse_mermaid(graphing.to_mermaid(model, graphing.entity_lineage(model, "course")))
    assert sorted((src, label, dst) for src, _, label, dst in chart.edges) == [
        ("s_publish", "course", "s_apply"),
        ("s_publish", "course", "s_find"),
        ("s_publish", "course", "s_manage"),
        ("s_publish", "course", "s_register"),
    ]
    assert chart.nodes["s_publish"] == "Publish teacher training courses<br/>owns: course"
    assert chart.nodes["s_manage"] == "Manage teacher training applications"

    view = graphing.entity_lineage(model, "application")
    assert view.services == (
        "apply",
        "ellucian-banner",
        "manage",
        "oracle",
        "register",
        "thesis-cloud",
        "tribal-sits",
    )


def test_a_service_neighbourhood_shows_its_flows_and_their_other_ends() -> None:
    model = bundled()
    view = graphing.neighbourhood(model, "hesa")
    assert view.services == (
        "ellucian-banner",
        "hesa",
        "oracle",
        "register",
        "thesis-cloud",
        "tribal-sits",
    )
    chart = parse_mermaid(graphing.to_mermaid(model, view))
    assert [(src, dst) for src, _, _, dst in chart.edges] == [
        ("s_hesa", "s_register"),
        ("b_group_student_record_systems", "s_hesa"),
    ]
    assert chart.classes["focus"] == {"s_hesa"}


def test_output_is_the_same_whatever_the_order_of_the_spec() -> None:
    data = yaml.safe_load(BUNDLED_SPEC.read_text(encoding="utf-8"))
    data["flows"].reverse()
    data["services"] = dict(reversed(list(data["services"].items())))
    shuffled = build_model([parse_text(yaml.safe_dump(data), "other.yaml")])
    assert graphing.to_mermaid(shuffled) == graphing.to_mermaid(bundled())
    assert graphing.to_dot(shuffled) == graphing.to_dot(bundled())


# Graphviz


def dot_json(source: str) -> dict:
    done = subprocess.run(
        [DOT, "-Tjson"], input=source, capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == "", done.stderr  # no syntax warnings either
    return json.loads(done.stdout)


@needs_dot
def test_graphviz_parses_and_lays_out_the_bundled_spec() -> None:
    model = bundled()
    laid_out = dot_json(graphing.to_dot(model, title="Becoming a teacher"))
    nodes = {o["name"]: o for o in laid_out["objects"] if "nodes" not in o}
    clusters = {o["name"]: o for o in laid_out["objects"] if "nodes" in o}
    assert nodes.keys() == model.services.keys()
    assert nodes["register"]["label"] == (
        "Register trainee teachers\\nowns: trainee (personal)\\nedits: application (personal)"
    )
    assert clusters["cluster_line"]["label"] == "Becoming a teacher"
    by_id = {o["_gvid"]: o["name"] for o in laid_out["objects"]}
    members = {by_id[i] for i in clusters["cluster_group-student-record-systems"]["nodes"]}
    assert members == {"ellucian-banner", "oracle", "thesis-cloud", "tribal-sits"}
    edges = [(by_id[e["tail"]], by_id[e["head"]], e) for e in laid_out["edges"]]
    assert len(edges) == len(model.flows) - 9
    styles = {(tail, head): e["style"] for tail, head, e in edges}
    assert styles[("publish", "find")] == "solid"
    assert styles[("ellucian-banner", "manage")] == "bold"  # API, from the SRS box
    assert styles[("ellucian-banner", "hesa")] == "dashed"  # file
    srs = [e for tail, _, e in edges if tail == "ellucian-banner"]
    assert all(e["ltail"] == "cluster_group-student-record-systems" for e in srs)


@needs_dot
def test_graphviz_reads_back_ids_and_labels_with_quotes_and_backslashes() -> None:
    model = model_of(
        r"""
        flowlint: 1
        services:
          'q"uote': {name: 'say "hi" \n not a newline'}
          'back\slash': {name: 'C:\temp\'}
          graph: {name: node}
        entities:
          thing: {owner: 'q"uote'}
        flows:
          - {from: 'q"uote', to: 'back\slash', entities: [thing]}
          - {from: 'back\slash', to: graph, entities: [thing], via: manual, status: retired}
        """
    )
    laid_out = dot_json(graphing.to_dot(model))
    nodes = {o["name"]: o for o in laid_out["objects"] if "nodes" not in o}
    # In a name only \" is an escape, so Graphviz keeps the backslash we doubled: the name is
    # still one node, distinct from every other.
    assert nodes.keys() == {'q"uote', "back\\\\slash", "graph"}
    # In a label, \\ and \n are Graphviz's own escapes: it keeps them to draw \ and a line break.
    assert nodes['q"uote']["label"] == 'say "hi" \\\\n not a newline\\nowns: thing'
    assert nodes["back\\\\slash"]["label"] == "C:\\\\temp\\\\"
    (retired,) = [e for e in laid_out["edges"] if e["style"] == "dotted"]
    assert retired["label"] == "thing\\nmanual\\nretired"
    # Drawn, the text is what the spec says.
    svg = subprocess.run(
        [DOT, "-Tsvg"], input=graphing.to_dot(model), capture_output=True, text=True, check=True
    ).stdout
    assert ">say &quot;hi&quot; \\n not a newline</text>" in svg
    assert ">C:\\temp\\</text>" in svg


@needs_dot
def test_graphviz_renders_every_view_to_svg() -> None:
    model = bundled()
    findings = bundled_findings()
    views = [
        None,
        graphing.entity_lineage(model, "trainee"),
        graphing.neighbourhood(model, "manage"),
    ]
    for view in views:
        done = subprocess.run(
            [DOT, "-Tsvg"],
            input=graphing.to_dot(model, view, findings),
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert done.returncode == 0 and done.stderr == "", done.stderr
        assert "<svg" in done.stdout


def test_findings_on_flows_are_placed_in_the_right_file_of_a_directory_model() -> None:
    files = [
        parse_text(
            "flowlint: 1\nservices:\n  a: {name: A}\n  b: {name: B}\n"
            "entities:\n  x: {owner: a}\nflows:\n  - {from: a, to: b, entities: [x]}\n",
            "one.yaml",
        ),
        parse_text("flowlint: 1\nflows:\n  - {from: b, to: a, entities: [x]}\n", "two.yaml"),
    ]
    model = build_model(files)
    finding = Finding("FL999", "t", Severity.ERROR, "m", Location("two.yaml", 3, 5, "/flows/0"))
    chart = parse_mermaid(graphing.to_mermaid(model, findings=[finding]))
    assert [(src, label, dst) for src, _, label, dst in chart.edges] == [
        ("s_a", "x", "s_b"),
        ("s_b", "x<br/>1 error", "s_a"),
    ]
    assert chart.link_styles == {1: "stroke:#d4351c,color:#d4351c"}


FORMAT_1_1 = """\
flowlint: 1.1
services:
  publisher: {name: Publishing app, group: gov-uk-apps}
  content-store: {name: Content store, distributes: [content-item]}
  search: {name: Site search, group: gov-uk-apps}
  legacy: {name: Legacy CRM}
entities:
  content-item: {owner: publisher}
groups:
  gov-uk-apps: {name: GOV.UK publishing apps}
flows:
  - {from: publisher, to: content-store, entities: [content-item], via: event, frequency: on publish}
  - {from: content-store, to: search, entities: [content-item], operations: [create, update]}
  - {from: content-store, to: legacy, entities: [content-item], until: 2026-03-31, stores: false}
"""


def test_format_1_1_distributors_events_temporary_flows_and_group_names_are_drawn() -> None:
    model = model_of(FORMAT_1_1)
    chart = parse_mermaid(graphing.to_mermaid(model))
    store = graphing.mermaid_id("s", "content-store")
    assert chart.nodes[store] == "Content store<br/>distributes: content-item"
    assert chart.classes["distributor"] == {store}
    assert box_of(chart, "publisher") == "GOV.UK publishing apps"  # its name, not re-cased
    edges = {(src, dst): (arrow, label) for src, arrow, label, dst in chart.edges}
    publisher, search, legacy = (
        graphing.mermaid_id("s", s) for s in ("publisher", "search", "legacy")
    )
    assert edges[(publisher, store)] == ("-.->", "content-item<br/>event<br/>on publish")
    assert edges[(store, search)] == ("-->", "content-item<br/>creates and updates only")
    assert edges[(store, legacy)] == ("-->", "content-item<br/>not kept<br/>until 2026-03-31")
    temporary = [i for i, (src, _, _, dst) in enumerate(chart.edges) if dst == legacy]
    assert chart.link_styles[temporary[0]] == "stroke-dasharray:2 3"


@needs_dot
def test_graphviz_draws_distributors_events_and_temporary_flows() -> None:
    laid_out = dot_json(graphing.to_dot(model_of(FORMAT_1_1)))
    nodes = {o["name"]: o for o in laid_out["objects"] if "nodes" not in o}
    assert nodes["content-store"]["peripheries"] == "2"
    by_id = {o["_gvid"]: o["name"] for o in laid_out["objects"]}
    edges = {(by_id[e["tail"]], by_id[e["head"]]): e for e in laid_out["edges"]}
    assert edges[("publisher", "content-store")]["style"] == "dashed"
    assert edges[("publisher", "content-store")]["arrowhead"] == "vee"
    assert edges[("content-store", "legacy")]["arrowtail"] == "odot"
    clusters = {o["label"] for o in laid_out["objects"] if "nodes" in o}
    assert "GOV.UK publishing apps" in clusters
