"""`flowlint baseline`: record today's findings as known, or prune the ones that are gone.

    flowlint baseline [PATH...]          write the configured `baseline` (or --baseline FILE, or
                                         .flowlint-baseline.json next to the configuration file,
                                         or at the repository root) with every current finding
    flowlint baseline --prune [PATH...]  remove the entries whose findings are gone, add nothing

Adopting flowlint on an existing spec: write the baseline once, commit it, and let `flowlint check`
(with `baseline` in the configuration) fail only on new findings. When the configuration does
not name the baseline yet, the command prints the line to add to it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from flowlint.commands import error, fail, say
from flowlint.commands.config import (
    AllowLocalRulesOption,
    BaselineOption,
    ConfigOption,
    ExtendSelectOption,
    IgnoreOption,
    IsolatedOption,
    MaxFileSizeOption,
    PathsArgument,
    RulesDirOption,
    SelectOption,
    settled,
)

if TYPE_CHECKING:
    from flowlint.settings import Settled


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
    rules_dir: RulesDirOption = None,
    allow_local_rules: AllowLocalRulesOption = False,
    max_file_size: MaxFileSizeOption = None,
) -> None:
    """Record the current findings, so that check shows only new ones."""
    from flowlint import baseline as known
    from flowlint.commands.check import read_baseline
    from flowlint.settings import lint, missing_specs, read_specs

    found = settled(
        paths,
        config_file,
        isolated,
        select,
        extend_select,
        ignore,
        None,
        baseline_file,
        rules_dir,
        max_file_size,
        allow_local_rules=allow_local_rules,
    )
    missing = missing_specs(found)
    if missing:
        fail(missing)
    report = lint(found, read_specs(found))
    if report.errors:
        for problem in report.errors:
            error(problem)
        fail("the baseline was not written: flowlint could not check every file")
    target = baseline_path(found)
    if prune:
        before = read_baseline(target, "; write it with 'flowlint baseline' (without --prune)")
        after, gone = known.prune(before, report.findings, [rule.code for rule in found.rules])
        if not gone:
            say(f"{target}: no stale entries; nothing to remove.")
            return
        _write(found, target, known.dumps(after))
        removed = sum(entry.count for entry in gone)
        say(
            f"{target}: removed {_findings(removed)} that {'is' if removed == 1 else 'are'} "
            f"gone; {_findings(after.total)} {'remains' if after.total == 1 else 'remain'} known."
        )
        for entry in gone:
            say(f"  {entry.describe()}")
        return
    written = known.build(report.findings)
    _write(found, target, known.dumps(written))
    say(f"{target}: {_findings(written.total)} recorded as known.")
    hint = config_hint(found, target)
    if hint:
        for line in hint.split("\n"):  # two lines: the advice, and the line to add
            say(line)


def baseline_path(found: Settled) -> str:
    """Where the baseline is, as the current directory sees it: `baseline` of the command line or
    the configuration, else .flowlint-baseline.json next to the configuration file, or at the
    repository root when there is none (where a configuration file would be found from any
    folder of the repository)."""
    from flowlint.baseline import BASELINE_FILE
    from flowlint.commands import repository_root
    from flowlint.config import display_path

    if found.settings.baseline is not None:
        return found.settings.baseline
    cwd = Path(found.cwd)
    folder = found.config_directory or repository_root(cwd)
    return display_path(folder / BASELINE_FILE, cwd)


def config_hint(found: Settled, target: str) -> str | None:
    """The line to add to the configuration so that `check` uses the baseline, or None when
    the configuration names it already."""
    import json
    import os

    from flowlint.commands import repository_root
    from flowlint.config import PYPROJECT_TABLE

    settings = found.settings
    if settings.config_file is not None and settings.origins["baseline"] == settings.config_file:
        return None
    cwd = Path(found.cwd)
    folder = found.config_directory or repository_root(cwd)
    value = Path(os.path.relpath(os.path.abspath(cwd / target), folder)).as_posix()
    line = f"  baseline = {json.dumps(value, ensure_ascii=False)}"
    config = settings.config_file
    if config is None:
        where = os.path.relpath(folder, cwd)
        place = "here" if where == "." else f"in {Path(where).as_posix()}"
        return (
            "'flowlint check' uses it once a configuration file names it: add this line to a "
            f"flowlint.toml {place}, or to {PYPROJECT_TABLE} in a pyproject.toml {place}:\n{line}"
        )
    table = f"{PYPROJECT_TABLE} in " if config.endswith("pyproject.toml") else ""
    return (
        "'flowlint check' uses it once the configuration names it: add this line to "
        f"{table}{config}:\n{line}"
    )


def _findings(count: int) -> str:
    return f"{count} finding{'' if count == 1 else 's'}"


def _write(found: Settled, path: str, text: str) -> None:
    """Write the baseline through the one door: a path from the configuration or the default must
    stay in its folder and never be a symbolic link (`flowlint.files`)."""
    from flowlint.commands import given, repository_root, write_file
    from flowlint.config import COMMAND_LINE, DEFAULT
    from flowlint.files import Target

    cwd = Path(found.cwd)
    origin = found.settings.origins.get("baseline", DEFAULT)
    if origin == COMMAND_LINE:
        target = given(Path(path), "--baseline", cwd)
    elif origin == DEFAULT:
        folder = found.config_directory or repository_root(cwd)
        target = Target(Path(path), "the default baseline", False, folder, cwd)
    else:
        folder = found.config_directory or cwd
        target = Target(Path(path), f"'baseline' in {origin}", False, folder, cwd)
    write_file(target, text)
