"""`flowlint graph` and `flowlint lineage` on the command line: formats, files, errors, exit codes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from flowlint.cli import app
from flowlint.commands.lineage import render_text
from flowlint.lineage import lineage
from flowlint.loading import load_paths
from flowlint.model import build_model
from tests.conftest import BUNDLED_SPEC, ROOT

runner = CliRunner()
SPECS = str(ROOT / "specs")
needs_dot = pytest.mark.skipif(
    shutil.which("dot") is None, reason="Graphviz's dot is not installed (apt-get install graphviz)"
)


def invoke(*args: str, env: dict[str, str] | None = None):
    return runner.invoke(app, list(args), env=env)


def test_graph_prints_mermaid_by_default() -> None:
    result = invoke("graph", SPECS)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith('flowchart LR\n  subgraph b_line["Becoming a teacher"]\n')
    assert '  s_publish -->|"course, provider"| s_find\n' in result.stdout
    assert result.stderr == ""


def test_graph_draws_a_spec_with_findings_and_overlays_them_on_request() -> None:
    plain = invoke("graph", SPECS)
    marked = invoke("graph", SPECS, "--findings")
    assert plain.exit_code == marked.exit_code == 0
    assert "warning" not in plain.stdout
    assert (
        's_manage["Manage teacher training applications<br/>edits: application (personal)<br/>2 warnings"]'
        in marked.stdout
    )


def test_graph_dot_format(tmp_path: Path) -> None:
    out = tmp_path / "line.dot"
    result = invoke("graph", SPECS, "--format", "dot", "--output", str(out))
    assert result.exit_code == 0 and result.stdout == ""
    text = out.read_text(encoding="utf-8")
    assert text.startswith("digraph flowlint {\n")
    assert '  "publish" -> "find" [label="course, provider", style=solid];\n' in text


@needs_dot
@pytest.mark.parametrize(("fmt", "magic"), [("svg", b"<?xml"), ("png", b"\x89PNG\r\n\x1a\n")])
def test_graph_renders_svg_and_png_with_graphviz(tmp_path: Path, fmt: str, magic: bytes) -> None:
    out = tmp_path / f"line.{fmt}"
    result = invoke("graph", SPECS, "--format", fmt, "-o", str(out), "--entity", "trainee")
    assert result.exit_code == 0, result.stderr
    assert out.read_bytes().startswith(magic)


@needs_dot
def test_graph_svg_goes_to_stdout_without_output() -> None:
    result = invoke("graph", SPECS, "--format", "svg", "--service", "hesa")
    assert result.exit_code == 0
    assert "<svg" in result.stdout and "Higher Education Statistics Agency" in result.stdout


@pytest.mark.parametrize("fmt", ["svg", "png"])
def test_graph_without_graphviz_names_the_package(monkeypatch, fmt: str) -> None:
    monkeypatch.setattr(shutil, "which", lambda name, *args, **kwargs: None)
    result = invoke("graph", SPECS, "--format", fmt, "-o", os.devnull)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        f"flowlint: error: --format {fmt} needs Graphviz's 'dot' program, which is not "
        "installed: install the 'graphviz' package (e.g. 'apt-get install graphviz' or "
        "'brew install graphviz'), or use --format mermaid or dot\n"
    )


def test_graph_reports_a_failing_graphviz(monkeypatch, tmp_path: Path) -> None:
    fake = tmp_path / "dot"
    fake.write_text("#!/bin/sh\necho 'Error: something broke' >&2\nexit 3\n", encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setattr(shutil, "which", lambda name, *args, **kwargs: str(fake))
    result = invoke("graph", SPECS, "--format", "svg")
    assert result.exit_code == 2
    assert result.stderr == "flowlint: error: Graphviz's 'dot' failed: Error: something broke\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--entity", "aplication"], "unknown entity 'aplication': did you mean 'application'?"),
        (["--service", "regster"], "unknown service 'regster': did you mean 'register'?"),
        (
            ["--entity", "zzz"],
            "unknown entity 'zzz': known entity ids: application, course, mentor, placement, "
            "provider, school, teacher and trainee",
        ),
        (["--entity", "course", "--service", "find"], "use --entity or --service, not both"),
    ],
)
def test_graph_refuses_unknown_ids_with_a_suggestion(args: list[str], message: str) -> None:
    result = invoke("graph", SPECS, *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == f"flowlint: error: {message}\n"


def test_graph_refuses_a_spec_that_is_not_yaml(write_spec) -> None:
    path = write_spec("broken.yaml", "flowlint: 1\nservices: [\n")
    result = invoke("graph", str(path))
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"flowlint: error: {path}:")
    assert lines[0].endswith(
        f"; a spec that is not valid YAML cannot be drawn: run 'flowlint check {path}' and fix it "
        "first"
    )


def test_graph_and_lineage_report_a_missing_path(tmp_path: Path) -> None:
    missing = tmp_path / "nope"
    for args in (["graph", str(missing)], ["lineage", "course", str(missing)]):
        result = invoke(*args)
        assert result.exit_code == 2
        assert (
            result.stderr == f"flowlint: error: {missing.as_posix()}: no such file or directory\n"
        )


def test_graph_cannot_write_its_output(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("", encoding="utf-8")
    target = tmp_path / "file" / "out.mmd"  # a folder that is a file
    result = invoke("graph", SPECS, "-o", str(target))
    assert result.exit_code == 2
    assert result.stderr == f"flowlint: error: cannot write {target}: Not a directory\n"


def test_graph_creates_missing_folders_of_its_output(tmp_path: Path) -> None:
    target = tmp_path / "no" / "such" / "dir" / "out.mmd"
    assert invoke("graph", SPECS, "-o", str(target)).exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("flowchart")


COURSE = """\
course · owner: publish
└── publish · Publish teacher training courses · owner · inside
    ├── apply · Apply for teacher training · copy · inside
    ├── find · Find postgraduate teacher training · copy · inside
    ├── manage · Manage teacher training applications · copy · inside
    └── register · Register trainee teachers · copy · inside
course: 5 holders; 5 inside, 0 outside the boundary; no lost edits; no second-hand copies.
"""


def test_lineage_text_is_a_tree() -> None:
    result = invoke("lineage", "course", SPECS)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == COURSE


def test_lineage_shows_lost_edits_and_the_other_ways_in() -> None:
    result = invoke("lineage", "application", SPECS)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "application · personal data · owner: apply"
    assert lines[2] == (
        "│   ├── manage · Manage teacher training applications · copy · inside · edits it, "
        "edits lost: nothing takes them back to the owner (FL103)"
    )
    assert lines[3] == (
        "│   │   also from ellucian-banner (api apply-api), oracle (api apply-api), "
        "thesis-cloud (api apply-api), tribal-sits (api apply-api)"
    )
    assert lines[5] == "├── ellucian-banner · Ellucian Banner · sends it in · outside the boundary"
    assert lines[-1] == (
        "application: 7 holders; 3 inside, 4 outside the boundary; edits lost in manage and "
        "register; no second-hand copies."
    )


def test_lineage_json() -> None:
    result = invoke("lineage", "trainee", SPECS, "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["owners"] == ["register"]
    assert [(h["service"], h["from"], h["inside_boundary"]) for h in data["holders"]][:2] == [
        ("register", None, True),
        ("dqt", "register", False),
    ]


def test_lineage_unknown_entity() -> None:
    result = invoke("lineage", "trainees", SPECS)
    assert result.exit_code == 2
    assert result.stderr == "flowlint: error: unknown entity 'trainees': did you mean 'trainee'?\n"


def test_lineage_colour_only_when_asked_for() -> None:
    found = lineage(build_model(load_paths([BUNDLED_SPEC]).files), "application")
    coloured = render_text(found, color=True)
    plain = render_text(found, color=False)
    assert "\x1b[1;31m" in coloured  # lost edits in bold red
    assert "\x1b" not in plain
    # NO_COLOR and --no-color keep even a terminal plain; under the runner stdout is no terminal.
    for result in (
        invoke("lineage", "application", SPECS, "--no-color"),
        invoke("lineage", "application", SPECS, env={"NO_COLOR": "1"}),
    ):
        assert result.exit_code == 0 and "\x1b" not in result.stdout


def test_commands_run_as_a_module() -> None:
    graph = subprocess.run(
        [
            sys.executable,
            "-m",
            "flowlint",
            "graph",
            "specs",
            "--format",
            "dot",
            "--entity",
            "course",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert graph.returncode == 0, graph.stderr
    assert graph.stdout.count(" -> ") == 4
    tree = subprocess.run(
        [sys.executable, "-m", "flowlint", "lineage", "course", "specs"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "COLUMNS": "40"},
    )
    assert tree.returncode == 0
    assert tree.stdout == COURSE  # never wrapped when not on a terminal


def test_graph_and_lineage_need_a_path_where_there_is_no_specs_directory(
    monkeypatch, tmp_path: Path
) -> None:
    monkeypatch.chdir(tmp_path)
    for args in (["graph"], ["lineage", "course"]):
        result = invoke(*args)
        assert result.exit_code == 2
        assert result.stderr == (
            "flowlint: error: no PATH given and there is no specs/ directory here; "
            "name a spec file or directory\n"
        )


def test_a_duplicate_key_is_read_as_yaml_reads_it_the_last_value_everywhere(
    tmp_path: Path,
) -> None:
    spec = tmp_path / "line.yaml"
    spec.write_text(
        "flowlint: 1\n"
        "services:\n"
        "  publish: {name: Publish}\n"
        "  find: {name: Find}\n"
        "entities:\n"
        "  course: {owner: publish}\n"
        "  course: {owner: find}\n"
        "flows:\n"
        "  - {from: find, to: publish, entities: [course]}\n",
        encoding="utf-8",
    )
    checked = invoke("check", "--format", "concise", str(spec))
    assert checked.stdout.splitlines()[0] == (
        f"{spec.as_posix()}:7:3: error FL002 [duplicate-key] duplicate key 'course': it is "
        "already set on line 6, column 3; keep one of them (as YAML does, flowlint uses only the "
        "last)"
    )
    assert "FL102" not in checked.stdout  # 'find' owns what it sends: the last value counts
    graph = invoke("graph", str(spec))
    assert '  s_find["Find<br/>owns: course"]\n' in graph.stdout
    assert '  s_publish["Publish"]\n' in graph.stdout
    traced = invoke("lineage", "course", str(spec))
    assert traced.stdout.splitlines()[0] == "course · owner: find"


def test_lineage_counts_add_up_and_name_the_undeclared_holders(tmp_path: Path) -> None:
    spec = tmp_path / "line.yaml"
    spec.write_text(
        "flowlint: 1\n"
        "services:\n"
        "  billing: {name: Billing}\n"
        "  shop: {name: Shop}\n"
        "  bank: {name: Bank, kind: third-party}\n"
        "entities:\n"
        "  invoice: {owner: billing}\n"
        "flows:\n"
        "  - {from: billing, to: shop, entities: [invoice]}\n"
        "  - {from: billing, to: bank, entities: [invoice]}\n"
        "  - {from: shop, to: ghost, entities: [invoice]}\n",
        encoding="utf-8",
    )
    result = invoke("lineage", "invoice", str(spec))
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1] == (
        "invoice: 4 holders; 2 inside, 1 outside the boundary, 1 not declared (ghost; FL004); "
        "no lost edits; no second-hand copies."
    )
