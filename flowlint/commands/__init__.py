"""Helpers shared by the CLI commands: option parsing, colour, and failing with one line.

Every line a command prints that may hold text from a spec, a file name, the configuration or git
goes through `say` (or `error`, `note`, `fail`), which escapes it for the terminal and CI logs
(`flowlint.escaping.terminal`): one line, no control characters, no GitHub workflow command.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import typer

from flowlint.reporters import REPORTERS

if TYPE_CHECKING:
    from flowlint.files import Target
    from flowlint.findings import Report
    from flowlint.rule import Rule

DEFAULT_SPECS = "specs"

OutputFormat = Enum("OutputFormat", {name: name for name in REPORTERS}, type=str)  # type: ignore[misc]


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


def split_csv(values: list[str]) -> list[str]:
    """Flatten repeated, comma-separated option values."""
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def use_color(no_color: bool) -> bool:
    """Colour only on a terminal, and never with --no-color or NO_COLOR set."""
    if no_color or os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


def say(line: str, err: bool = False) -> None:
    """Print one line (on stderr with `err`), escaped for the terminal."""
    from flowlint.escaping import terminal

    typer.echo(terminal(line), err=err)


def error(message: str) -> None:
    """Print `flowlint: error: MESSAGE` on stderr, as one escaped line."""
    say(f"flowlint: error: {message}", err=True)


def note(message: str) -> None:
    """Print `flowlint: note: MESSAGE` on stderr, as one escaped line."""
    say(f"flowlint: note: {message}", err=True)


def fail(message: str) -> NoReturn:
    """Print one line on stderr and exit 2: flowlint could not do its job."""
    error(message)
    raise typer.Exit(2)


def keep_until_exit(ctx: typer.Context, *values: object) -> None:
    """Let the process end without freeing `values` (a large spec's data, model and report):
    when the command runs as the `flowlint` process, `flowlint.cli.main` ends it with `os._exit`
    after flushing the output, and nothing is freed one object at a time. Elsewhere (a test's
    runner) the values are freed as usual."""
    if isinstance(ctx.obj, list):
        ctx.obj.extend(values)


def repository_root(start: Path) -> Path:
    """The nearest directory at or above `start` holding `.git`, or `start` when there is none."""
    for directory in (start, *start.parents):
        if (directory / ".git").exists():
            return directory
    return start


def write_report(
    report: Report,
    format_name: str,
    output: Path | None = None,
    *,
    color: bool = False,
    quiet: bool = False,
    rules: Iterable[str] = (),
    known_rules: Iterable[Rule] = (),
) -> None:
    """Render `report` to stdout, or to `output` (then the terminal gets the summary line).

    With the `github` format and `$GITHUB_STEP_SUMMARY` set, also append the Markdown job summary
    to that file. A file that cannot be written is exit 2.
    """
    from flowlint import __version__
    from flowlint.reporters import RenderOptions, get_reporter

    cwd = Path.cwd()
    to_file = output is not None and str(output) != "-"
    options = RenderOptions(
        color=color and not to_file,
        quiet=quiet,
        version=__version__,
        rules=tuple(rules),
        known_rules=tuple(known_rules),
        root=repository_root(cwd).as_posix(),
        cwd=cwd.as_posix(),
    )
    rendered = get_reporter(format_name)(report, options)
    if output is not None and to_file:
        write_file(given(output, "--output", cwd), rendered)
        if not quiet:
            from flowlint.reporters.text import summary_line

            say(summary_line(report))
    else:
        sys.stdout.write(rendered)
        sys.stdout.flush()
    summary_file = os.environ.get("GITHUB_STEP_SUMMARY")
    if format_name == "github" and summary_file:
        from flowlint.files import FileError, append
        from flowlint.reporters.github import summary_markdown

        try:
            append(summary_file, summary_markdown(report, options), "the job summary")
        except FileError as exc:
            fail(str(exc))


def given(path: Path, option: str, cwd: Path | None = None) -> Target:
    """A file to write that the command line names with `option`: the user chose it."""
    from flowlint.files import Target

    cwd = cwd or Path.cwd()
    return Target(path, option, given=True, boundary=cwd, cwd=cwd)


def write_file(target: Target, data: str | bytes, *, exclusive: bool = False) -> None:
    """Write a file through the one door (`flowlint.files.write`); a refusal is exit 2, and a
    replaced symbolic link a note on stderr."""
    from flowlint.files import FileError, write

    try:
        replaced = write(target, data, exclusive=exclusive)
    except FileError as exc:
        fail(str(exc))
    if replaced:
        note(replaced)
