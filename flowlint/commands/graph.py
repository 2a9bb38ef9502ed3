"""`flowlint graph`: draw the service line (or one entity's lineage, or one service's
neighbourhood) as Mermaid, Graphviz DOT, or SVG/PNG rendered by Graphviz's `dot` program.

It reads the specs `check` reads (the configured `specs`, or the paths given) and, with
`--findings`, outlines what `check` reports with the configured rules."""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from flowlint.commands import error, fail, note
from flowlint.commands.config import (
    AllowLocalRulesOption,
    ConfigOption,
    IsolatedOption,
    MaxFileSizeOption,
    PathsArgument,
    settled,
)

if TYPE_CHECKING:
    from flowlint.loading import Loaded
    from flowlint.model import Model
    from flowlint.settings import Settled

GRAPHVIZ_HINT = (
    "install the 'graphviz' package (e.g. 'apt-get install graphviz' or 'brew install graphviz')"
)


class GraphFormat(str, Enum):
    mermaid = "mermaid"
    dot = "dot"
    svg = "svg"
    png = "png"


def graph(
    paths: PathsArgument = None,
    output_format: Annotated[
        GraphFormat,
        typer.Option(
            "--format",
            help="mermaid (renders in GitHub Markdown), dot (Graphviz), or svg/png (need "
            "Graphviz's dot program).",
        ),
    ] = GraphFormat.mermaid,
    entity: Annotated[
        str | None, typer.Option(help="Draw only this entity's lineage: the flows that carry it.")
    ] = None,
    service: Annotated[
        str | None,
        typer.Option(help="Draw only this service, its flows and the services at their ends."),
    ] = None,
    findings: Annotated[
        bool,
        typer.Option("--findings", help="Outline services and flows with findings and count them."),
    ] = False,
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write to this file instead of standard output."),
    ] = None,
    config_file: ConfigOption = None,
    isolated: IsolatedOption = False,
    allow_local_rules: AllowLocalRulesOption = False,
    max_file_size: MaxFileSizeOption = None,
) -> None:
    """Draw the service line as Mermaid, Graphviz DOT, SVG or PNG.

    Services are boxed by boundary and group, and flows labelled with the entities they carry.
    """
    import shutil

    from flowlint import graphing
    from flowlint.settings import lint

    dot_program = None
    if output_format in (GraphFormat.svg, GraphFormat.png):
        dot_program = shutil.which("dot")
        if dot_program is None:
            fail(
                f"--format {output_format.value} needs Graphviz's 'dot' program, which is not "
                f"installed: {GRAPHVIZ_HINT}, or use --format mermaid or dot"
            )
    if output_format is GraphFormat.png and output is None and sys.stdout.isatty():
        fail("--format png writes binary data: name a file with --output FILE or redirect stdout")
    if entity is not None and service is not None:
        fail("use --entity or --service, not both")

    # Only --findings runs rules: without it no rules folder is imported.
    found = settled(
        paths,
        config_file,
        isolated,
        max_file_size=max_file_size,
        allow_local_rules=allow_local_rules,
        import_rules=findings,
    )
    loaded, model = load_spec(found)
    view = None
    if entity is not None:
        from flowlint.lineage import known_entities

        check_known("entity", entity, known_entities(model))
        view = graphing.entity_lineage(model, entity)
    elif service is not None:
        named = {ref.id for flow in model.flows for ref in (flow.source, flow.target)}
        check_known("service", service, sorted(model.services.keys() | named))
        view = graphing.neighbourhood(model, service)
    outlined = lint(found, loaded).findings if findings else None
    title = model.service_line
    if output_format is GraphFormat.mermaid:
        text = graphing.to_mermaid(model, view, outlined, title)
    else:
        text = graphing.to_dot(model, view, outlined, title)
    data = text.encode("utf-8")
    if dot_program is not None:
        data = _render(dot_program, output_format.value, data)
        if output_format is GraphFormat.svg:
            from flowlint.escaping import xml_document

            data = xml_document(data.decode("utf-8")).encode("utf-8")
    _write(data, output)


def load_spec(found: Settled) -> tuple[Loaded, Model]:
    """Read and model the settled specs, as `flowlint check` reads them.

    Exits 2 when there is nothing to read, a path cannot be read or a file does not parse as YAML:
    a view that silently left that file out would mislead. Other findings do not stop it; the
    spec is shown as written.
    """
    from flowlint.loading import SYNTAX
    from flowlint.model import build_model
    from flowlint.settings import missing_specs, read_specs

    missing = missing_specs(found)
    if missing:
        fail(missing)
    loaded = read_specs(found)
    if loaded.links:
        from flowlint.loading import links_note

        note(links_note(loaded.links))
    for problem in loaded.errors[:-1]:
        error(problem)
    if loaded.errors:
        fail(loaded.errors[-1])
    broken = [
        problem
        for source in loaded.files
        if source.data is None
        for code, problem in source.problems
        if code == SYNTAX
    ]
    if broken:
        loc = broken[0].location
        more = f" (and {len(broken) - 1} more)" if len(broken) > 1 else ""
        fail(
            f"{loc.file}:{loc.line}:{loc.column}: {broken[0].message}{more}; a spec that is not "
            f"valid YAML cannot be drawn: run 'flowlint check {loc.file}' and fix it first"
        )
    return loaded, build_model(loaded.files)


def check_known(kind: str, ident: str, known: list[str]) -> None:
    """Exit 2 with a did-you-mean when `ident` is not among `known`."""
    from flowlint.suggest import closest
    from flowlint.wording import listing, quoted

    if ident in known:
        return
    close = closest(ident, known)
    if close:
        hint = f"did you mean {quoted(close)}?"
    elif known:
        hint = f"known {kind} ids: {listing(known, 12, quote=False)}"
    else:
        hint = f"the spec declares no {kind}"
    fail(f"unknown {kind} {quoted(ident)}: {hint}")


def _render(program: str, fmt: str, source: bytes) -> bytes:
    import subprocess

    try:
        done = subprocess.run(
            [program, f"-T{fmt}"], input=source, capture_output=True, timeout=300, check=False
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        fail(f"could not run Graphviz's 'dot' ({program}): {exc}")
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        fail(f"Graphviz's 'dot' failed: {message[0] if message else f'exit {done.returncode}'}")
    return done.stdout


def _write(data: bytes, output: Path | None) -> None:
    if output is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    from flowlint.commands import given, write_file

    write_file(given(output, "--output"), data)
