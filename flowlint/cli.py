"""The command line: options -> load -> lint -> reporter -> exit code.

The only module that prints or exits. Exit codes: 0 nothing at or above --fail-on, 1 findings at
or above it, 2 flowlint could not do its job (bad option, unreadable input, internal error), with
one clear line on stderr and never a traceback unless --debug asks for one.
"""

from __future__ import annotations

import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from flowlint import __version__
from flowlint.reporters import REPORTERS

DEFAULT_SPECS = "specs"

app = typer.Typer(
    name="flowlint",
    help="Lint data-flow specs: who owns which data, and where its copies go.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

OutputFormat = Enum("OutputFormat", {name: name for name in REPORTERS}, type=str)  # type: ignore[misc]


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


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


@app.command()
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
    from flowlint.reporters import RenderOptions, get_reporter
    from flowlint.rules import BUILTIN_RULES

    try:
        rules = select_rules(
            BUILTIN_RULES,
            _split(select) if select is not None else None,
            _split(ignore or []),
        )
    except UnknownRuleError as exc:
        _fail(str(exc))
    targets = paths or [Path(DEFAULT_SPECS)]
    if not paths and not targets[0].exists():
        _fail(f"no PATH given and there is no {DEFAULT_SPECS}/ directory here; name a spec file or directory")
    report = lint(load_paths(targets), rules)
    if report.files or not report.errors:
        render = get_reporter(output_format.value)
        options = RenderOptions(color=_use_color(no_color), quiet=quiet, version=__version__)
        sys.stdout.write(render(report, options))
        sys.stdout.flush()
    for error in report.errors:
        typer.echo(f"flowlint: error: {error}", err=True)
    if debug:
        for trace in report.tracebacks:
            typer.echo(trace, err=True)
    raise typer.Exit(exit_code(report, fail_on.value))


def _split(values: list[str]) -> list[str]:
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def _use_color(no_color: bool) -> bool:
    if no_color or os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


def _fail(message: str) -> None:
    typer.echo(f"flowlint: error: {message}", err=True)
    raise typer.Exit(2)


def main() -> None:
    """Console entry point: run the app, turning every failure into one line and exit 2."""
    try:
        code = app(prog_name="flowlint", standalone_mode=False)
    except KeyboardInterrupt:
        code = 130
    except Exception as exc:  # noqa: BLE001 - the last line of defence against a traceback
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
    if "--debug" in sys.argv:
        raise exc
    typer.echo(
        f"flowlint: internal error: {type(exc).__name__}: {exc} (rerun with --debug for details)",
        err=True,
    )
    return 2
