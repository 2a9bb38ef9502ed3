"""`flowlint baseline`: record today's findings as known, or prune the ones that are gone.

    flowlint baseline [PATH...]          write .flowlint-baseline.json (or --baseline FILE, or the
                                         configured `baseline`) with every current finding
    flowlint baseline --prune [PATH...]  remove the entries whose findings are gone, add nothing

Adopting flowlint on an existing spec: write the baseline once, commit it, and let `flowlint check`
(with `baseline` in the configuration) fail only on new findings.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from flowlint.commands import error, fail, say
from flowlint.commands.config import (
    BaselineOption,
    ConfigOption,
    ExtendSelectOption,
    IgnoreOption,
    IsolatedOption,
    PathsArgument,
    SelectOption,
    chosen_rules,
    effective_settings,
)


def baseline(
    paths: PathsArgument = None,
    baseline_file: BaselineOption = None,
    prune: Annotated[
        bool,
        typer.Option(
            "--prune", help="Only remove entries whose findings are gone; add no new ones."
        ),
    ] = False,
    select: SelectOption = None,
    extend_select: ExtendSelectOption = None,
    ignore: IgnoreOption = None,
    config_file: ConfigOption = None,
    isolated: IsolatedOption = False,
) -> None:
    """Write the current findings to a baseline file, so that check shows only new ones."""
    from flowlint import baseline as known
    from flowlint.commands.check import lint_with, read_baseline
    from flowlint.config import DEFAULT, DEFAULT_SPECS
    from flowlint.loading import load_paths

    settings = effective_settings(
        paths, config_file, isolated, select, extend_select, ignore, None, baseline_file
    )
    rules = chosen_rules(settings)
    targets = [Path(p) for p in settings.specs]
    if settings.origins["specs"] == DEFAULT and not targets[0].exists():
        fail(
            f"no PATH given and there is no {DEFAULT_SPECS[0]}/ directory here; "
            "name a spec file or directory"
        )
    report = lint_with(settings, load_paths(targets), rules)
    if report.errors:
        for problem in report.errors:
            error(problem)
        fail("the baseline was not written: flowlint could not check every file")
    target = settings.baseline or known.BASELINE_FILE
    if prune:
        before = read_baseline(target, "; write it with 'flowlint baseline' (without --prune)")
        after, gone = known.prune(before, report.findings, [rule.code for rule in rules])
        if not gone:
            say(f"{target}: no stale entries; nothing to remove.")
            return
        _write(target, known.dumps(after))
        removed = sum(entry.count for entry in gone)
        say(
            f"{target}: removed {_findings(removed)} that {'is' if removed == 1 else 'are'} "
            f"gone; {_findings(after.total)} {'remains' if after.total == 1 else 'remain'} known."
        )
        for entry in gone:
            say(f"  {entry.describe()}")
        return
    written = known.build(report.findings)
    _write(target, known.dumps(written))
    say(f"{target}: {_findings(written.total)} recorded as known.")


def _findings(count: int) -> str:
    return f"{count} finding{'' if count == 1 else 's'}"


def _write(path: str, text: str) -> None:
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except OSError as exc:
        fail(f"cannot write the baseline to {path}: {exc.strerror or exc}")
