"""`flowlint check`: lint spec files and print findings.

Settings come from the command line over the configuration file (`flowlint config` shows them).
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
    PathsArgument,
    RulesDirOption,
    SelectOption,
    chosen_rules,
    effective_settings,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

    from flowlint.baseline import Baseline
    from flowlint.config import Settings
    from flowlint.findings import Report, Severity
    from flowlint.loading import Limits, Loaded
    from flowlint.rule import Rule


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
    max_file_size: Annotated[
        float | None,
        typer.Option(
            "--max-file-size",
            metavar="MB",
            min=0,
            help="Refuse spec files larger than this many megabytes (default 16), a bound on "
            "time and memory.",
            show_default=False,
        ),
    ] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Print findings only.")] = False,
    no_color: Annotated[bool, typer.Option("--no-color", help="Never colour the output.")] = False,
    debug: Annotated[bool, typer.Option(help="Show tracebacks of internal errors.")] = False,
) -> None:
    """Check spec files and print findings."""
    from flowlint.config import DEFAULT, DEFAULT_SPECS
    from flowlint.engine import exit_code
    from flowlint.loading import Limits, load_paths, skipped_note

    if new_since is not None and baseline is not None:
        fail("--baseline and --new-since do not combine: --new-since compares with git instead")
    settings = effective_settings(
        paths, config_file, isolated, select, extend_select, ignore, fail_on, baseline, rules_dir
    )
    rules = chosen_rules(settings)
    targets = [Path(p) for p in settings.specs]
    if settings.origins["specs"] == DEFAULT and not targets[0].exists():
        fail(
            f"no PATH given and there is no {DEFAULT_SPECS[0]}/ directory here; "
            "name a spec file or directory"
        )
    limits = Limits() if max_file_size is None else Limits(round(max_file_size * 1024 * 1024))
    loaded = load_paths(targets, limits)
    report = lint_with(settings, loaded, rules)
    if new_since is not None:
        report = _only_new(report, new_since, targets, settings, rules, limits)
    elif settings.baseline is not None and (report.files or not report.errors):
        report = _with_baseline(report, settings.baseline, rules)
    if report.files or not report.errors:
        write_report(
            report,
            output_format.value,
            output,
            color=use_color(no_color),
            quiet=quiet,
            rules=[rule.code for rule in rules],
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


def lint_with(settings: Settings, loaded: Loaded, rules: Sequence[Rule]) -> Report:
    """Lint with the settings' severities and per-path ignores.

    A plugin that could not be loaded is an error of the report: its findings are missing.
    """
    import dataclasses

    from flowlint.config import ignored_codes
    from flowlint.engine import lint
    from flowlint.rules import BUILTIN_RULES

    known = settings.rules or BUILTIN_RULES
    files = [source.path for source in loaded.files]
    path_ignores = ignored_codes(settings, files, known, str(Path.cwd()))
    report = lint(loaded, rules, severities(settings), path_ignores, known)
    if settings.rule_errors:
        report = dataclasses.replace(report, errors=settings.rule_errors + report.errors)
    return report


def severities(settings: Settings) -> dict[str, Severity]:
    """The configured severity overrides, by rule code."""
    from flowlint.findings import Severity

    return {code: Severity(level) for code, level in settings.severity.items()}


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


def _only_new(
    report: Report,
    rev: str,
    targets: list[Path],
    settings: Settings,
    rules: Sequence[Rule],
    limits: Limits,
) -> Report:
    from flowlint.baseline import only_new
    from flowlint.gitsource import GitError, load_revision, merge_base

    cwd = Path.cwd()
    try:
        base = merge_base(rev, cwd)
        before = load_revision(base, targets, cwd, limits)
    except GitError as exc:
        fail(str(exc))
    outside = [error for error in before.errors if "outside the git repository" in error]
    if outside:
        fail(f"--new-since {rev}: {outside[0]}")
    # A path missing or unreadable at the merge base has no findings there: all of its are new.
    old = lint_with(settings, before, rules)
    return only_new(report, old.findings, rev, base)
