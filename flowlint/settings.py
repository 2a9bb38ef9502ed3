"""One way to settle settings: how every command finds its configuration, its rules, the specs it
reads and the limits it reads them with.

Every command that reads a configuration or specs (check, baseline, config, graph, lineage, diff,
init, rules, explain; the docs and lsp commands too) describes what its command line says as a
`CommandLine` and calls `settle`. Nothing else looks for a configuration file or decides where the
specs are, so a command cannot forget `--config`, `--isolated`, the configured `specs`, the rules
folders or the file-size limit, and every command sees the spec as `check` does.

`settle` goes through these steps, in this order:

1. Locate the configuration file: none with `--isolated`, the `--config` file, or the search
   from the current directory up to the repository root (`flowlint.config.find_config_file`).
   [reads the file system]
2. Load the rules: the built-in ones, installed plugins, and every `*.py` in the rules folders
   that the file (`rules-dir`) and `--rules-dir` name (`_rule_folders` decides which folders).
   They are loaded before the file is read because the file may name their rules.
   [imports code]
3. Read the file and check it against the configuration schema and the known rules.
   [reads the file]
4. Resolve: the command line over the file over the defaults (`flowlint.config.resolve`), then
   the rules that run (`select`, `extend-select`, `ignore`, `rule-options`). [pure]
5. The specs to read, as the current directory sees them ('-' is standard input, named by
   `--stdin-filename`), and the limits to read them with (`max-file-size`). [pure]

Where trust decisions go: which rule folders may be imported is `_rule_folders` (step 2), and
what a file may point at (its `specs`, `baseline` and `rules-dir` paths resolved in step 4) is
checked on the `Settled` value in `settle` before it is returned. A rule added there applies to
every command at once.

`settle` raises `SettingsError` (one line, for the CLI to print with exit 2) and nothing else.
After it, `missing_specs` says when there is nothing to read, `read_specs` reads the specs
(through `flowlint.loading`), and `lint` lints them with the settings' rules, severities and
per-path ignores, so that graph, diff and the rest report exactly what `check` reports.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from flowlint.config import (
    COMMAND_LINE,
    DEFAULT,
    PYPROJECT,
    PYPROJECT_TABLE,
    Config,
    ConfigError,
    Overrides,
    Settings,
    display_path,
    find_config_file,
    read_config_file,
    resolve,
)
from flowlint.loading import STDIN, Limits

if TYPE_CHECKING:
    from flowlint.findings import Report, Severity
    from flowlint.loading import Loaded
    from flowlint.model import Model
    from flowlint.plugins import RuleSet
    from flowlint.rule import Rule

MEGABYTE = 1024 * 1024


class SettingsError(ValueError):
    """Settings that cannot be used; `str(error)` is one line (exit 2)."""


@dataclass(frozen=True, slots=True)
class CommandLine:
    """What a command's options say about settings; None or empty where they say nothing.

    `paths` are the spec paths given ('-' for standard input), `max_file_size` is in megabytes
    (0: no limit), `stdin_filename` names the spec read from standard input, `today` (text, as
    given) the day `until` dates are judged against instead of the calendar's.
    """

    paths: tuple[str, ...] | None = None
    config_file: str | None = None
    isolated: bool = False
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: str | None = None
    baseline: str | None = None
    rules_dir: tuple[str, ...] = ()
    max_file_size: float | None = None
    stdin_filename: str | None = None
    today: str | None = None


@dataclass(frozen=True, slots=True)
class Settled:
    """Everything a command needs to know before it reads a spec.

    `settings` are the effective settings with where each came from, every known rule and the
    plugins that failed to load; `rules` are the rules that run, with their options; `specs` the
    paths to read as the current directory (`cwd`) sees them; `stdin_name` what the spec read
    from standard input is called in findings (None when `specs` has no '-'); `today` the day
    (YYYY-MM-DD) `until` dates are judged against, None for the calendar's today.
    """

    settings: Settings
    rules: tuple[Rule, ...]
    config: Config | None
    specs: tuple[str, ...]
    limits: Limits
    stdin_name: str | None
    cwd: str
    today: str | None = None

    @property
    def known_rules(self) -> tuple[Rule, ...]:
        """Every rule flowlint knows in this run: built-in, plugins and rules folders."""
        if self.settings.rules:
            return self.settings.rules
        from flowlint.rules import BUILTIN_RULES

        return BUILTIN_RULES

    @property
    def specs_from(self) -> str:
        """Where `specs` came from: "default", "command line", or the configuration file."""
        return self.settings.origins.get("specs", DEFAULT)

    @property
    def config_directory(self) -> Path | None:
        """The folder of the configuration file (what paths in it are relative to), or None."""
        return Path(self.config.directory) if self.config else None


def settle(line: CommandLine, cwd: Path | None = None, *, lenient: bool = False) -> Settled:
    """The settings of one run of a command: see the module docstring for the steps.

    With `lenient` (for `rules` and `explain`, which help to fix a broken configuration), a
    configuration file that cannot be read is left out instead of being an error.
    """
    cwd = cwd or Path.cwd()
    if line.config_file is not None and line.isolated:
        raise SettingsError(
            "--config and --isolated do not combine: --isolated reads no configuration file"
        )
    try:
        located = _locate(line, cwd)
    except ConfigError as exc:
        if not lenient:
            raise SettingsError(str(exc)) from None
        located = None
    rule_set = _load_rules(located, line, cwd)
    try:
        config = _read(located, line, rule_set.rules, cwd)
    except ConfigError as exc:
        if not lenient:
            raise SettingsError(str(exc)) from None
        config = None
    settings = dataclasses.replace(
        resolve(config, _overrides(line), str(cwd)),
        rules=rule_set.rules,
        rule_errors=rule_set.errors,
    )
    specs, stdin_name = _specs(settings, line)
    return Settled(
        settings=settings,
        rules=_chosen_rules(settings),
        config=config,
        specs=specs,
        limits=limits(settings.max_file_size),
        stdin_name=stdin_name,
        cwd=str(cwd),
        today=_today(line.today),
    )


def _today(value: str | None) -> str | None:
    """`--today` as YYYY-MM-DD, or None for the calendar's today."""
    import datetime

    if value is None:
        return None
    try:
        return datetime.date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        raise SettingsError(
            f"--today {value!r} is not a date: write it YYYY-MM-DD, e.g. --today 2025-03-31"
        ) from None


def limits(megabytes: float) -> Limits:
    """The reading limits for a file-size bound in megabytes; 0 means no bound."""
    return Limits(max_file_bytes=round(megabytes * MEGABYTE) if megabytes else None)


# Step 1 -----------------------------------------------------------------------------------------


def _locate(line: CommandLine, cwd: Path) -> Path | None:
    if line.isolated:
        return None
    if line.config_file is not None:
        return Path(line.config_file)
    return find_config_file(cwd)


# Step 2 -----------------------------------------------------------------------------------------


def _load_rules(located: Path | None, line: CommandLine, cwd: Path) -> RuleSet:
    from flowlint.plugins import RuleClashError, RulesDirError, load_rules

    try:
        return load_rules(_rule_folders(located, line, cwd))
    except (RuleClashError, RulesDirError) as exc:
        raise SettingsError(str(exc)) from None


def _rule_folders(located: Path | None, line: CommandLine, cwd: Path) -> tuple[str, ...]:
    """The rules folders to import: the file's `rules-dir` (relative to it), then `--rules-dir`.

    A folder that is not there is an error naming where it was named.
    """
    from flowlint.plugins import configured_rules_dirs

    from_file = configured_rules_dirs(located, cwd) if located is not None else ()
    if located is not None:
        table = f" {PYPROJECT_TABLE}" if located.name == PYPROJECT else ""
        for folder in from_file:
            if not Path(folder).is_dir():
                raise SettingsError(
                    f"{display_path(located, cwd)}:{table} 'rules-dir': {_missing(folder)}"
                )
    for folder in line.rules_dir:
        if not Path(folder).is_dir():
            raise SettingsError(f"--rules-dir {_missing(folder)}")
    return (*from_file, *line.rules_dir)


def _missing(folder: str) -> str:
    return f"{folder}: {'not a directory' if Path(folder).exists() else 'no such directory'}"


# Step 3 -----------------------------------------------------------------------------------------


def _read(
    located: Path | None, line: CommandLine, rules: tuple[Rule, ...], cwd: Path
) -> Config | None:
    if located is None:
        return None
    return read_config_file(located, rules, cwd, explicit=line.config_file is not None)


# Step 4 -----------------------------------------------------------------------------------------


def _overrides(line: CommandLine) -> Overrides:
    return Overrides(
        specs=tuple(line.paths) if line.paths else None,
        select=line.select,
        extend_select=line.extend_select,
        ignore=line.ignore,
        fail_on=line.fail_on,
        baseline=line.baseline,
        rules_dir=line.rules_dir,
        max_file_size=line.max_file_size,
    )


def _chosen_rules(settings: Settings) -> tuple[Rule, ...]:
    from flowlint.engine import UnknownRuleError, select_rules
    from flowlint.plugins import configure
    from flowlint.rules import BUILTIN_RULES

    try:
        chosen = select_rules(
            settings.rules or BUILTIN_RULES,
            settings.select,
            settings.ignore,
            settings.extend_select,
        )
    except UnknownRuleError as exc:
        raise SettingsError(str(exc)) from None
    return configure(chosen, settings.rule_options)


# Step 5 -----------------------------------------------------------------------------------------


def _specs(settings: Settings, line: CommandLine) -> tuple[tuple[str, ...], str | None]:
    """The paths to read and the name of standard input among them.

    `--stdin-filename` alone reads standard input, as with ruff; with paths, one of them is '-'.
    """
    specs = settings.specs
    if line.stdin_filename is not None:
        if line.paths is None:
            specs = (STDIN,)
        elif STDIN not in line.paths:
            raise SettingsError(
                "--stdin-filename names the spec read from standard input: add '-' to the paths "
                "to read it"
            )
    if STDIN not in specs:
        return specs, None
    return tuple(dict.fromkeys(specs)), line.stdin_filename or STDIN


# After settling ---------------------------------------------------------------------------------


def missing_specs(settled: Settled) -> str | None:
    """One line when there is nothing to read: no PATH and no specs/ here, or a `specs` entry of
    the configuration that does not exist. None when the paths are there (or were given on the
    command line: reading them reports what is missing)."""
    origin = settled.specs_from
    if origin == COMMAND_LINE or settled.stdin_name is not None:
        return None
    if origin == DEFAULT:
        default = settled.specs[0]
        if not Path(settled.cwd, default).exists():
            return (
                f"no PATH given and there is no {default}/ directory here; "
                "name a spec file or directory"
            )
        return None
    for path in settled.specs:
        if not Path(settled.cwd, path).exists():
            return f"{path}: no such file or directory (named by `specs` in {origin})"
    return None


def read_specs(settled: Settled, paths: tuple[str, ...] | None = None) -> Loaded:
    """Read the settled specs (or `paths`) with the settled limits; '-' is standard input."""
    from flowlint.loading import load_paths

    return load_paths(settled.specs if paths is None else paths, settled.limits, settled.stdin_name)


def lint(settled: Settled, loaded: Loaded) -> Report:
    """Lint with the settings' rules, severities and per-path ignores, as `check` does.

    A plugin that could not be loaded is an error of the report: its findings are missing.
    """
    return lint_with_model(settled, loaded)[0]


def lint_with_model(settled: Settled, loaded: Loaded) -> tuple[Report, Model]:
    """`lint`, and the model the rules read (the language server shows it)."""
    from flowlint.config import ignored_codes
    from flowlint.engine import lint_model

    settings = settled.settings
    known = settled.known_rules
    files = [source.path for source in loaded.files]
    path_ignores = ignored_codes(settings, files, known, settled.cwd)
    report, model = lint_model(
        loaded, settled.rules, severities(settings), path_ignores, known, settled.today
    )
    if settings.rule_errors:
        report = dataclasses.replace(report, errors=settings.rule_errors + report.errors)
    return report, model


def severities(settings: Settings) -> dict[str, Severity]:
    """The configured severity overrides, by rule code."""
    from flowlint.findings import Severity

    return {code: Severity(level) for code, level in settings.severity.items()}
