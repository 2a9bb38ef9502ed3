"""What the server lints: the configuration of a workspace folder, which model a file belongs to,
and one lint of one model with the editor's unsaved text.

A workspace folder is read as `flowlint check` run there with no options reads it: the same
configuration file, found the same way, with the same rules, severities, per-path ignores and
plugins. The files its `specs` name (default `specs/`) are one model, as `flowlint check` checks
them; any other spec file (a YAML file with a top-level `flowlint` key) is a model of its own, as
`flowlint check FILE` checks it.

File names in findings are shown relative to the server's working directory, as `check` shows
them (editors start the server in the workspace folder).
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from flowlint.loading import SPEC_SUFFIXES, Loaded, SourceFile, load_paths
from flowlint.lsp.text import split_lines

if TYPE_CHECKING:
    from flowlint.config import Settings
    from flowlint.findings import Finding, Report
    from flowlint.model import Model
    from flowlint.rule import Rule
    from flowlint.settings import Settled


@dataclass(frozen=True)
class Configuration:
    """What `flowlint check` run in `root` with no options would use: its `settled` settings.

    `model_paths` are the absolute paths of the configured `specs`; `stamp` identifies the
    configuration file read (path, modification time and size), to notice when it changes.
    `error` is the one line `check` would have stopped with; the defaults are used meanwhile.
    """

    root: str
    settled: Settled
    model_paths: tuple[str, ...]
    stamp: tuple[object, ...]
    error: str | None = None

    @property
    def settings(self) -> Settings:
        """The effective settings, with where each came from."""
        return self.settled.settings

    @property
    def rules(self) -> tuple[Rule, ...]:
        """The rules that run, with their options."""
        return self.settled.rules

    @cached_property
    def known_rules(self) -> dict[str, Rule]:
        """Every rule known here (built-in and plugins), by code."""
        return {rule.code: rule for rule in self.settled.known_rules}


def configuration_stamp(root: Path) -> tuple[object, ...]:
    """What identifies the configuration that applies in `root` now (cheap: a few stats)."""
    from flowlint.config import ConfigError, find_config_file

    try:
        found = find_config_file(root)
    except ConfigError as exc:
        return ("error", str(exc))
    if found is None:
        return ()
    try:
        info = found.stat()
    except OSError:
        return (str(found),)
    return (str(found), info.st_mtime_ns, info.st_size)


def workspace_configuration(root: Path) -> Configuration:
    """The settings and rules of `flowlint check` run in `root` with no options.

    The one place the server reads configuration, through the one way every command settles its
    settings (`flowlint.settings.settle`, with `root` as the folder it starts from), so the
    server finds the same file, loads the same plugins and obeys the same trust rules as the
    CLI. A configuration `check` would refuse (exit 2) is reported in `error`, and the defaults
    are used until it is fixed.
    """
    from flowlint.settings import CommandLine, SettingsError, settle

    stamp = configuration_stamp(root)
    try:
        settled, error = settle(CommandLine(), root), None
    except SettingsError as exc:
        settled, error = settle(CommandLine(isolated=True), root), str(exc)
    model_paths = tuple(os.path.abspath(root / spec) for spec in settled.specs)
    return Configuration(str(root), settled, model_paths, stamp, error)


def configured_model(configuration: Configuration, path: str) -> tuple[str, ...] | None:
    """The configured model `path` (absolute) belongs to, or None: a file the `specs` name, or a
    spec file (not hidden) under a directory they name."""
    for model_path in configuration.model_paths:
        if path == model_path:
            return configuration.model_paths
        try:
            relative = os.path.relpath(path, model_path)
        except ValueError:  # another drive (Windows)
            continue
        if relative.startswith(".."):
            continue
        parts = Path(relative).parts
        if path.endswith(SPEC_SUFFIXES) and not any(part.startswith(".") for part in parts):
            return configuration.model_paths
    return None


def shown_path(path: str) -> str:
    """An absolute path as findings show it: relative to the working directory when under it."""
    try:
        relative = os.path.relpath(path, Path.cwd())
    except ValueError:  # another drive (Windows)
        return Path(path).as_posix()
    if relative.startswith(".."):
        return Path(path).as_posix()
    return Path(relative).as_posix()


@dataclass(frozen=True)
class Snapshot:
    """One lint of one model: the files read, the report and the model, and the version of each
    open document it read (None: read from disk)."""

    paths: tuple[str, ...]
    configuration: Configuration
    loaded: Loaded
    report: Report
    model: Model
    versions: Mapping[str, int | None] = field(default_factory=dict)

    @cached_property
    def sources(self) -> dict[str, SourceFile]:
        """The files read, by absolute path."""
        return {os.path.abspath(source.path): source for source in self.loaded.files}

    @cached_property
    def _lines(self) -> dict[str, list[str]]:
        return {}

    def lines(self, path: str) -> list[str]:
        """The lines of a file read (absolute path), as the LSP counts them."""
        if path not in self._lines:
            source = self.sources.get(path)
            self._lines[path] = split_lines(source.text) if source is not None else []
        return self._lines[path]

    @cached_property
    def findings_by_file(self) -> dict[str, list[Finding]]:
        """The findings of the report, by absolute path of their file."""
        found: dict[str, list[Finding]] = {path: [] for path in self.sources}
        for finding in self.report.findings:
            found.setdefault(os.path.abspath(finding.location.file), []).append(finding)
        return found

    @cached_property
    def broken(self) -> frozenset[str]:
        """Files (absolute paths) that did not parse: their declarations are missing."""
        return frozenset(
            os.path.abspath(source.path)
            for source in self.loaded.files
            if any(code == "FL001" for code, _ in source.problems)
        )

    @cached_property
    def cache(self) -> dict[str, object]:
        """Views computed from this snapshot on first use (navigation index, symbols)."""
        return {}


def lint(
    configuration: Configuration,
    paths: tuple[str, ...],
    overlays: Mapping[str, str],
    versions: Mapping[str, int | None],
) -> Snapshot:
    """Lint the model of `paths` (absolute) as `check` would, with `overlays` (absolute path to
    the text an editor holds) read instead of the files."""
    from flowlint.settings import lint_with_model

    loaded = load_paths(
        [shown_path(path) for path in paths], configuration.settled.limits, overlays=overlays
    )
    report, model = lint_with_model(configuration.settled, loaded)
    if configuration.settings.baseline is not None:
        report = _with_baseline(report, configuration)
    read = {os.path.abspath(source.path) for source in loaded.files}
    return Snapshot(
        paths,
        configuration,
        loaded,
        report,
        model,
        {path: versions.get(path) for path in read},
    )


def _with_baseline(report: Report, configuration: Configuration) -> Report:
    """The report without the findings the configured baseline knows, as `check` shows it; a
    baseline that cannot be read is an error of the report (`check` would stop)."""
    from flowlint.baseline import BaselineError, apply, loads

    path = configuration.settings.baseline
    assert path is not None
    try:
        known = loads(Path(path).read_text(encoding="utf-8"), path)
    except FileNotFoundError:
        return report  # no baseline written yet: every finding is new
    except (OSError, UnicodeDecodeError, BaselineError) as exc:
        error = str(exc) if isinstance(exc, BaselineError) else f"{path}: cannot read: {exc}"
        return dataclasses.replace(report, errors=(error, *report.errors))
    return apply(report, known, path, [rule.code for rule in configuration.rules])
