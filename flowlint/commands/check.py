"""`flowlint check`: lint spec files and print findings.

Settings come from the command line over the configuration file (`flowlint config` shows them),
settled by `flowlint.settings`. PATH '-' reads a spec from standard input (`--stdin-filename`
names it).
With a baseline (`--baseline FILE` or `baseline` in the configuration) known findings are hidden,
and entries whose findings are gone fail the check (exit 1) until `flowlint baseline --prune`
removes them. With `--new-since REV` only findings that are not already in the spec at the merge
base of REV and HEAD are shown (the baseline is then not used).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from flowlint.commands import (
    OutputFormat,
    error,
    fail,
    note,
    say,
    use_color,
    write_report,
)
from flowlint.commands.config import (
    BaselineOption,
    ConfigOption,
    ExtendSelectOption,
    FailOnOption,
    IgnoreOption,
    IsolatedOption,
    MaxFileSizeOption,
    PathsArgument,
    RulesDirOption,
    SelectOption,
    settled,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

    from flowlint.baseline import Baseline
    from flowlint.findings import Report
    from flowlint.rule import Rule
    from flowlint.settings import Settled


def check(
    paths: PathsArgument = None,
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
    select: SelectOption = None,
    extend_select: ExtendSelectOption = None,
    ignore: IgnoreOption = None,
    fail_on: FailOnOption = None,
    baseline: BaselineOption = None,
    new_since: Annotated[
        str | None,
        typer.Option(
            "--new-since",
            metavar="REV",
            help="Show only findings that are new since the merge base of REV and HEAD "
            "(e.g. origin/main); the spec there is read from git.",
        ),
    ] = None,
    config_file: ConfigOption = None,
    isolated: IsolatedOption = False,
    rules_dir: RulesDirOption = None,
    max_file_size: MaxFileSizeOption = None,
    stdin_filename: Annotated[
        str | None,
        typer.Option(
            "--stdin-filename",
            metavar="NAME",
            help="The name of the spec read from standard input (PATH '-'), for positions and "
            "per-path-ignores; alone, it reads standard input.",
        ),
    ] = None,
    today: Annotated[
        str | None,
        typer.Option(
            "--today",
            metavar="YYYY-MM-DD",
            help="Judge 'until' dates against this day instead of today's date, so that a run "
            "can be reproduced.",
            show_default=False,
        ),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print findings only.")] = False,
    no_color: Annotated[bool, typer.Option("--no-color", help="Never colour the output.")] = False,
    debug: Annotated[bool, typer.Option(help="Show tracebacks of internal errors.")] = False,
) -> None:
    """Check spec files and print findings."""
    from flowlint.engine import exit_code
    from flowlint.loading import skipped_note
    from flowlint.settings import lint, missing_specs, read_specs

    if new_since is not None and baseline is not None:
        fail("--baseline and --new-since do not combine: --new-since compares with git instead")
    found = settled(
        paths,
        config_file,
        isolated,
        select,
        extend_select,
        ignore,
        fail_on,
        baseline,
        rules_dir,
        max_file_size,
        stdin_filename,
        today,
    )
    settings = found.settings
    missing = missing_specs(found)
    if missing:
        fail(missing)
    if new_since is not None and found.stdin_name is not None:
        fail("--new-since does not combine with a spec read from standard input: name the files")
    loaded = read_specs(found)
    report = lint(found, loaded)
    if new_since is not None:
        report = _only_new(report, new_since, found)
    elif settings.baseline is not None and (report.files or not report.errors):
        report = _with_baseline(report, settings.baseline, found.rules)
    if report.files or not report.errors:
        write_report(
            report,
            output_format.value,
            output,
            color=use_color(no_color),
            quiet=quiet,
            rules=[rule.code for rule in found.rules],
            known_rules=settings.rules,
        )
    for problem in report.errors:
        error(problem)
    if loaded.skipped and not quiet:
        note(skipped_note(loaded.skipped))
    if report.baseline is not None and report.baseline.stale:
        say(f"flowlint: {report.baseline.stale_message()}:", err=True)
        for entry in report.baseline.stale:
            say(f"  {entry.describe()}", err=True)
    if debug:
        for trace in report.tracebacks:
            typer.echo(trace, err=True)
    raise typer.Exit(exit_code(report, settings.fail_on))


def read_baseline(path: str, missing_hint: str = "") -> Baseline:
    """Read and parse a baseline file; a missing or broken one is exit 2."""
    from flowlint.baseline import BaselineError, loads

    try:
        text = Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        fail(f"{path}: no such baseline file{missing_hint}")
    except (OSError, UnicodeDecodeError) as exc:
        fail(f"{path}: cannot read the baseline: {getattr(exc, 'strerror', None) or exc}")
    try:
        return loads(text, path)
    except BaselineError as exc:
        fail(str(exc))


def _with_baseline(report: Report, path: str, rules: Sequence[Rule]) -> Report:
    from flowlint.baseline import apply

    known = read_baseline(path, "; write it with 'flowlint baseline'")
    return apply(report, known, path, [rule.code for rule in rules])


def _only_new(report: Report, rev: str, found: Settled) -> Report:
    from flowlint.baseline import only_new
    from flowlint.gitsource import GitError, load_revision, merge_base
    from flowlint.settings import lint

    cwd = Path(found.cwd)
    try:
        base = merge_base(rev, cwd)
        before = load_revision(base, [Path(p) for p in found.specs], cwd, found.limits)
    except GitError as exc:
        fail(str(exc))
    outside = [error for error in before.errors if "outside the git repository" in error]
    if outside:
        fail(f"--new-since {rev}: {outside[0]}")
    # A path missing or unreadable at the merge base has no findings there: all of its are new.
    old = lint(found, before)
    return only_new(report, old.findings, rev, base)
