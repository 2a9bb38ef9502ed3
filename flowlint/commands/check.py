"""`flowlint check`: lint spec files and print findings.

Settings come from the command line over the configuration file (`flowlint config` shows them),
settled by `flowlint.settings`. PATH '-' reads a spec from standard input (`--stdin-filename`
names it).
With a baseline (`--baseline FILE` or `baseline` in the configuration) known findings are hidden,
and entries whose findings are gone fail the check (exit 1) until `flowlint baseline --prune`
removes them. With `--new-since REV` only findings that are not already in the spec at the merge
base of REV and HEAD are shown (the baseline is then not used), and the suppression comments and
baseline entries added since then are listed as FL905 findings.

With `--policy-from REV` the configuration, the baseline and the rules folders are read from REV
through git, never from the work tree (which a pull request wrote); how the work tree's differ
from REV's is listed as FL904 findings. The baseline applied is REV's, less any entry the work
tree's baseline removed: a pull request may shrink it, never grow it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from flowlint.commands import (
    OutputFormat,
    error,
    fail,
    keep_until_exit,
    note,
    say,
    use_color,
    write_report,
)
from flowlint.commands.config import (
    AllowLocalRulesOption,
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
    from flowlint.baseline import Baseline
    from flowlint.findings import Report
    from flowlint.loading import Loaded
    from flowlint.settings import Settled


def check(
    ctx: typer.Context,
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
            "(e.g. rev:origin/main), and the suppressions added since (FL905); the spec there "
            "is read from git.",
        ),
    ] = None,
    policy_from: Annotated[
        str | None,
        typer.Option(
            "--policy-from",
            metavar="REV",
            help="Read the configuration, baseline and rules folders from git revision REV "
            "(e.g. rev:origin/main), not from the work tree, and report how the work tree's "
            "differ (FL904): the gate for pull requests you do not trust.",
        ),
    ] = None,
    config_file: ConfigOption = None,
    isolated: IsolatedOption = False,
    rules_dir: RulesDirOption = None,
    allow_local_rules: AllowLocalRulesOption = False,
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
    from flowlint.loading import links_note, skipped_note
    from flowlint.settings import lint_with_model, missing_specs, read_specs, with_findings

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
        allow_local_rules=allow_local_rules,
        policy_from=policy_from,
    )
    settings = found.settings
    missing = missing_specs(found)
    if missing:
        fail(missing)
    if new_since is not None and found.stdin_name is not None:
        fail("--new-since does not combine with a spec read from standard input: name the files")
    loaded = read_specs(found)
    report, model = lint_with_model(found, loaded)
    keep_until_exit(ctx, loaded, model)
    if new_since is not None:
        report = _only_new(report, new_since, found, loaded)
    elif settings.baseline is not None and (report.files or not report.errors):
        report = _with_baseline(report, found)
    if found.policy is not None:
        from flowlint.gate import POLICY_CHANGED  # only with --policy-from

        policy = found.policy
        report = with_findings(found, report, POLICY_CHANGED, policy.changes, policy.texts)
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
    if loaded.links and not quiet:
        note(links_note(loaded.links))
    if loaded.skipped and not quiet:
        note(skipped_note(loaded.skipped))
    if report.baseline is not None and report.baseline.stale:
        say(f"flowlint: {report.baseline.stale_message()}:", err=True)
        for entry in report.baseline.stale:
            say(f"  {entry.describe()}", err=True)
    if debug:
        for trace in report.tracebacks:
            typer.echo(trace, err=True)
    keep_until_exit(ctx, report)
    raise typer.Exit(exit_code(report, settings.fail_on))


def read_baseline(path: str, missing_hint: str = "") -> Baseline:
    """Read and parse a baseline file; a missing or broken one is exit 2."""
    from flowlint.baseline import BaselineError, loads
    from flowlint.files import read_text

    try:
        text = read_text(path)
    except FileNotFoundError:
        fail(f"{path}: no such baseline file{missing_hint}")
    except (OSError, UnicodeDecodeError) as exc:
        fail(f"{path}: cannot read the baseline: {getattr(exc, 'strerror', None) or exc}")
    try:
        return loads(text, path)
    except BaselineError as exc:
        fail(str(exc))


def _with_baseline(report: Report, found: Settled) -> Report:
    """Hide the findings the baseline knows. With --policy-from the baseline is the revision's,
    less what the work tree's removed, and entries only the work tree's has are FL904 findings."""
    from flowlint.baseline import apply, intersection
    from flowlint.gate import POLICY_CHANGED, new_baseline_entries
    from flowlint.settings import with_findings

    path = found.settings.baseline
    assert path is not None
    ran = [rule.code for rule in found.rules]
    if found.policy is None:
        known = read_baseline(path, "; write it with 'flowlint baseline'")
        return apply(report, known, path, ran)
    rev = found.policy.revision.name
    trusted = _baseline_at(found, path, rev)
    if trusted is None:
        fail(f"{path}: no such baseline file at {rev}; write it with 'flowlint baseline'")
    here, text = _baseline_here(path)
    applied = intersection(trusted, here)
    report = apply(report, applied, f"{path} at {rev}", ran)
    added = new_baseline_entries(here, trusted, path, text, rev, since=False)
    return with_findings(found, report, POLICY_CHANGED, added, {path: text})


def _baseline_at(found: Settled, path: str, rev: str) -> Baseline | None:
    """The baseline file at `path` in a git revision (the policy's or the merge base), or None."""
    from flowlint.baseline import BaselineError, loads
    from flowlint.gitsource import GitError, Revision

    try:
        revision = found.policy.revision if found.policy is not None else None
        if revision is None or revision.name != rev:
            revision = Revision.at(rev, found.cwd)
        text = revision.text(path)
    except GitError as exc:
        fail(str(exc))
    if text is None:
        return None
    try:
        return loads(text, f"{path} at {rev}")
    except BaselineError as exc:
        fail(str(exc))


def _baseline_here(path: str) -> tuple[Baseline, str]:
    """The work tree's baseline and its text; empty when it is not there. A broken one is exit 2:
    its entries cannot be compared."""
    from flowlint.baseline import Baseline, BaselineError, loads
    from flowlint.files import read_text

    try:
        text = read_text(path)
    except FileNotFoundError:
        return Baseline(), ""
    except (OSError, UnicodeDecodeError) as exc:
        fail(f"{path}: cannot read the baseline: {getattr(exc, 'strerror', None) or exc}")
    try:
        return loads(text, path), text
    except BaselineError as exc:
        fail(str(exc))


def _only_new(report: Report, rev: str, found: Settled, loaded: Loaded) -> Report:
    """The findings new since the merge base of `rev` and HEAD, and (FL905) the suppression
    comments and baseline entries added since then."""
    from flowlint.baseline import Baseline, only_new
    from flowlint.gate import NEW_SUPPRESSION, new_baseline_entries, new_suppressions
    from flowlint.gitsource import GitError, load_revision, merge_base, revision_argument
    from flowlint.settings import lint, with_findings

    cwd = Path(found.cwd)
    try:
        _, name = revision_argument(rev, cwd, paths=False, option="--new-since")
        base = merge_base(name, cwd)
        before = load_revision(base, [Path(p) for p in found.specs], cwd, found.limits)
    except GitError as exc:
        fail(str(exc))
    outside = [error for error in before.errors if "outside the git repository" in error]
    if outside:
        fail(f"--new-since {name}: {outside[0]}")
    # A path missing or unreadable at the merge base has no findings there: all of its are new.
    old = lint(found, before)
    report = only_new(report, old.findings, name, base)
    names = {rule.code: rule.name for rule in found.known_rules}
    added = new_suppressions(loaded.files, before.files, names, name)
    report = with_findings(found, report, NEW_SUPPRESSION, added)
    path = found.settings.baseline
    if path is not None:
        here, text = _baseline_here(path)
        then = _baseline_at(found, path, base) or Baseline()
        entries = new_baseline_entries(here, then, path, text, name, since=True)
        report = with_findings(found, report, NEW_SUPPRESSION, entries, {path: text})
    return report
