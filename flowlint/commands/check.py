"""`flowlint check`: lint spec files and print findings."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from flowlint.commands import (
    DEFAULT_SPECS,
    FailOn,
    OutputFormat,
    fail,
    split_csv,
    use_color,
    write_report,
)


def check(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            help="Spec files or directory models. Default: specs/ in the current directory.",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        OutputFormat, typer.Option("--format", help="Output format.")
    ] = OutputFormat.text,  # type: ignore[attr-defined]
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            dir_okay=False,
            help="Write the report to FILE ('-' for stdout); the terminal gets the summary line.",
        ),
    ] = None,
    select: Annotated[
        list[str] | None,
        typer.Option(help="Rules to run: codes, names, prefixes (FL1) or ALL; comma-separated."),
    ] = None,
    ignore: Annotated[
        list[str] | None, typer.Option(help="Rules not to run, in the same form as --select.")
    ] = None,
    fail_on: Annotated[
        FailOn, typer.Option(help="Exit 1 when a finding is at least this severe.")
    ] = FailOn.error,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print findings only.")] = False,
    no_color: Annotated[bool, typer.Option("--no-color", help="Never colour the output.")] = False,
    debug: Annotated[bool, typer.Option(help="Show tracebacks of internal errors.")] = False,
) -> None:
    """Check spec files and print findings."""
    from flowlint.engine import UnknownRuleError, exit_code, lint, select_rules
    from flowlint.loading import load_paths
    from flowlint.rules import BUILTIN_RULES

    try:
        rules = select_rules(
            BUILTIN_RULES,
            split_csv(select) if select is not None else None,
            split_csv(ignore or []),
        )
    except UnknownRuleError as exc:
        fail(str(exc))
    targets = paths or [Path(DEFAULT_SPECS)]
    if not paths and not targets[0].exists():
        fail(
            f"no PATH given and there is no {DEFAULT_SPECS}/ directory here; "
            "name a spec file or directory"
        )
    report = lint(load_paths(targets), rules)
    if report.files or not report.errors:
        write_report(
            report,
            output_format.value,
            output,
            color=use_color(no_color),
            quiet=quiet,
            rules=[rule.code for rule in rules],
        )
    for error in report.errors:
        typer.echo(f"flowlint: error: {error}", err=True)
    if debug:
        for trace in report.tracebacks:
            typer.echo(trace, err=True)
    raise typer.Exit(exit_code(report, fail_on.value))
