"""The command line: options -> load -> lint -> reporter -> exit code.

This module and `flowlint/commands/` are the CLI layer, the only code that prints or exits. Each
command is a function in a module of `flowlint.commands`, registered in `COMMANDS` below with one
line. A command's module is imported, and the command built from its signature, only when that
command runs: `flowlint check` does not pay for the other nine (docs/performance.md).

Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 flowlint could not do its
job (bad option, unreadable input, internal error), with one clear line on stderr and never a
traceback unless --debug asks for one.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator, Mapping
from importlib import import_module
from typing import Annotated, Any

import typer
from typer.core import TyperCommand, TyperGroup, TyperOption

from flowlint import __version__

# name -> (module in flowlint.commands, function, summary). The summary is the first paragraph of
# the function's docstring (a test keeps them equal): `flowlint --help` lists it without importing
# the command. Summaries fit on one line of `flowlint --help` in 80 columns (SUMMARY_WIDTH, a test
# checks): details go in the docstring's later paragraphs, which `flowlint COMMAND --help` shows.
COMMANDS: dict[str, tuple[str, str, str]] = {
    "check": ("check", "check", "Check spec files and print findings."),
    "graph": ("graph", "graph", "Draw the service line as Mermaid, Graphviz DOT, SVG or PNG."),
    "lineage": ("lineage", "lineage", "Follow an entity from its owner through every copy."),
    "diff": ("diff", "diff", "Compare two versions of a spec: what changed and what breaks."),
    "rules": ("rules", "rules", "List every rule: code, name, severity, default and summary."),
    "explain": ("rules", "explain", "Explain a rule: why it matters, examples, and how to fix it."),
    "schema": ("schema", "schema", "Print the JSON Schema of spec files, for editors."),
    "init": ("init", "init", "Write a commented starter spec that lints clean."),
    "config": ("config", "config", "Show the effective configuration and where each value is set."),
    "baseline": (
        "baseline",
        "baseline",
        "Record the current findings, so that check shows only new ones.",
    ),
    "lsp": (
        "lsp",
        "lsp",
        "Run the language server: findings as you type in an editor.",
    ),
    "docs": (
        "docs",
        "docs",
        "Write the service-line page from the spec, Markdown or HTML.",
    ),
}

# The room for a summary in `flowlint --help` in 80 columns: click's 78-column formatter, less the
# longest command name, the gap after it and the margin (click's HelpFormatter.write_dl).
SUMMARY_WIDTH = 78 - 2 - max(len(name) for name in COMMANDS) - 2

# Plain help, as click writes it: typer's rich help imports rich, which doubled the time of
# `flowlint --help` (docs/performance.md).
_SETTINGS: dict[str, Any] = {
    "add_completion": False,
    "pretty_exceptions_enable": False,
    "rich_markup_mode": None,
    "context_settings": {"help_option_names": ["-h", "--help"]},
}


def load_command(name: str) -> Any:
    """Import the command `name` and build its click command (a KeyError for an unknown name).

    Every command accepts `--debug`, which `main` reads: an internal error then prints its
    traceback. A command may declare it itself to use it too (`check` prints the tracebacks of
    the rules that crashed).
    """
    module, function, _ = COMMANDS[name]
    single = typer.Typer(**_SETTINGS)
    single.command(name=name)(getattr(import_module(f"flowlint.commands.{module}"), function))
    command = typer.main.get_command(single)
    if not any("--debug" in param.opts for param in command.params):
        command.params.append(
            TyperOption(
                param_decls=["--debug"],
                is_flag=True,
                expose_value=False,
                help="Show the traceback of an internal error.",
            )
        )
    return command


class _LazyCommands(Mapping[str, Any]):
    """The commands by name, each built the first time it is looked up."""

    def __init__(self) -> None:
        self._built: dict[str, Any] = {}

    def __getitem__(self, name: str) -> Any:
        if name not in self._built:
            self._built[name] = load_command(name)
        return self._built[name]

    def __iter__(self) -> Iterator[str]:
        return iter(COMMANDS)

    def __len__(self) -> int:
        return len(COMMANDS)


class _LazyGroup(TyperGroup):
    """The `flowlint` group: its commands are built when used, and listed from `COMMANDS`."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.commands = _LazyCommands()  # typer reads it for lookups and "did you mean"

    def list_commands(self, ctx: Any) -> list[str]:
        return list(COMMANDS)

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        # Whole summaries: in a narrow terminal they wrap rather than end in "...".
        rows = [(name, summary) for name, (_, _, summary) in COMMANDS.items()]
        with formatter.section("Commands"):
            formatter.write_dl(rows)


def summary_command(name: str) -> TyperCommand:
    """A stand-in for the command `name` that knows only its summary: enough to list it."""
    return TyperCommand(name=name, help=COMMANDS[name][2])


app = typer.Typer(
    name="flowlint",
    help="Lint data-flow specs: who owns which data, and where its copies go.",
    no_args_is_help=True,
    cls=_LazyGroup,
    **_SETTINGS,
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"flowlint {__version__}")
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option("--version", "-V", callback=_version, is_eager=True, help="Show the version."),
    ] = False,
) -> None:
    """Lint data-flow specs: who owns which data, and where its copies go."""


def main(process: bool = False) -> None:
    """Console entry point: run the app, turning every failure into one line and exit 2.

    With `process` (the `flowlint` command, `flowlint.launch`) the process ends here: commands
    may keep large values until then (`flowlint.commands.keep_until_exit`), and they are not
    freed one object at a time, since the process is about to end anyway."""
    kept: list[object] | None = [] if process else None
    try:
        code = app(prog_name="flowlint", standalone_mode=False, obj=kept)
    except KeyboardInterrupt:
        code = 130
    except Exception as exc:
        code = _report_crash(exc)
    code = code if isinstance(code, int) else 0
    if kept is not None:
        for stream in (sys.stdout, sys.stderr):
            # A closed pipe: what it would have printed has nowhere to go.
            with contextlib.suppress(OSError, ValueError):
                stream.flush()
        os._exit(code)
    sys.exit(code)


def _report_crash(exc: Exception) -> int:
    # Typer vendors its own click, so its exceptions are recognised by shape, not by class.
    if type(exc).__name__ == "NoArgsIsHelpError":
        # `flowlint` alone: the help, as `--help` shows it, but on stderr and exit 2 (no command).
        typer.echo(exc.format_message().rstrip("\n"), err=True)  # type: ignore[attr-defined]
        return 2
    from flowlint.escaping import terminal

    if hasattr(exc, "format_message") and hasattr(exc, "exit_code"):
        ctx = getattr(exc, "ctx", None)
        hint = f" (see '{ctx.command_path} --help')" if ctx is not None else ""
        message = exc.format_message()
        if message:  # empty after no-arguments help, which was printed already
            typer.echo(terminal(f"flowlint: error: {message}{hint}"), err=True)
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
        terminal(
            f"flowlint: internal error: {type(exc).__name__}{': ' + what if what else ''}"
            f"{'' if debug else ' (rerun with --debug for details)'}"
        ),
        err=True,
    )
    return 2
