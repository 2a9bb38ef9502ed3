"""The command line: options -> load -> lint -> reporter -> exit code.

This module and `flowlint/commands/` are the CLI layer, the only code that prints or exits. Each
command is a module of `flowlint.commands`, registered below with one line.

Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 flowlint could not do its
job (bad option, unreadable input, internal error), with one clear line on stderr and never a
traceback unless --debug asks for one.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from flowlint import __version__
from flowlint.commands import baseline, check, config, diff, graph, init, lineage, rules, schema

app = typer.Typer(
    name="flowlint",
    help="Lint data-flow specs: who owns which data, and where its copies go.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    # Plain help, as click writes it: typer's rich help imports rich, which doubled the time of
    # `flowlint --help` (docs/performance.md).
    rich_markup_mode=None,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"flowlint {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Lint data-flow specs: who owns which data, and where its copies go."""


app.command()(check.check)
app.command()(graph.graph)
app.command()(lineage.lineage)
app.command()(diff.diff)
app.command()(rules.rules)
app.command()(rules.explain)
app.command()(schema.schema)
app.command()(init.init)
app.command()(config.config)
app.command()(baseline.baseline)


def main() -> None:
    """Console entry point: run the app, turning every failure into one line and exit 2."""
    try:
        code = app(prog_name="flowlint", standalone_mode=False)
    except KeyboardInterrupt:
        code = 130
    except Exception as exc:
        code = _report_crash(exc)
    sys.exit(code if isinstance(code, int) else 0)


def _report_crash(exc: Exception) -> int:
    # Typer vendors its own click, so its exceptions are recognised by shape, not by class.
    if hasattr(exc, "format_message") and hasattr(exc, "exit_code"):
        ctx = getattr(exc, "ctx", None)
        hint = f" (see '{ctx.command_path} --help')" if ctx is not None else ""
        message = exc.format_message()
        if message:  # empty after no-arguments help, which was printed already
            typer.echo(f"flowlint: error: {message}{hint}", err=True)
        return 2
    if type(exc).__name__ == "Abort":
        typer.echo("flowlint: aborted", err=True)
        return 2
    debug = "--debug" in sys.argv
    if debug:
        import traceback

        traceback.print_exception(exc, file=sys.stderr)
    what = " ".join(str(exc).split())  # one line, whatever the exception's text holds
    typer.echo(
        f"flowlint: internal error: {type(exc).__name__}{': ' + what if what else ''}"
        f"{'' if debug else ' (rerun with --debug for details)'}",
        err=True,
    )
    return 2
