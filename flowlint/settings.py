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
   With `--policy-from REV` the same search runs in revision REV, through git.
   [reads the file system, or git]
2. Load the rules: the built-in ones, installed plugins, and every `*.py` in the rules folders
   that the file (`rules-dir`) and `--rules-dir` name (`_rule_folders` decides which folders).
   They are loaded before the file is read because the file may name their rules. With
   `--policy-from REV` the folders' modules are read from REV's blobs, never from the work tree.
   [imports code]
3. Read the file and check it against the configuration schema and the known rules.
   [reads the file, or git]
4. Resolve: the command line over the file over the defaults (`flowlint.config.resolve`), then
   the rules that run (`select`, `extend-select`, `ignore`, `rule-options`). [pure]
5. The specs to read, as the current directory sees them ('-' is standard input, named by
   `--stdin-filename`), and the limits to read them with (`max-file-size`). [pure]
6. With `--policy-from REV`: read the work tree's configuration as well (never its rules
   folders), and list how it differs from REV's as FL904 problems (`flowlint.gate`). [reads]

Where trust decisions go. Everything in a checkout may come from the author of a pull request:
- which rule folders may be imported is `_rule_folders` (step 2): a `rules-dir` named by the
  configuration file runs only with `--allow-local-rules`, `allow-local-rules` in the user's own
  configuration (`user_config_file`), or `--policy-from` (then it comes from REV); `--rules-dir`
  on the command line is the user's choice;
- what a file may point at is `_confine` (its `specs`, `baseline`, `per-path-ignores` globs, and in
  step 2 its `rules-dir`): inside the folder of the configuration file, symbolic links followed.
A rule added there applies to every command at once.

`settle` raises `SettingsError` (one line, for the CLI to print with exit 2) and nothing else.
After it, `missing_specs` says when there is nothing to read, `read_specs` reads the specs
(through `flowlint.loading`), and `lint` lints them with the settings' rules, severities and
per-path ignores, so that graph, diff and the rest report exactly what `check` reports.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
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
    config_from_text,
    display_path,
    find_config_file,
    find_config_root,
    read_config_file,
    resolve,
    search_config,
)
from flowlint.files import resolves_inside
from flowlint.loading import STDIN, Limits

if TYPE_CHECKING:
    from flowlint.findings import Problem, Report, Severity
    from flowlint.gitsource import Revision
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
    # Trust: run the rule modules of a `rules-dir` that only the configuration file names; read
    # the policy (configuration, baseline, rules folders) from a git revision; import no rules
    # folder at all (commands that run no rules: config, init, lineage, graph without findings).
    allow_local_rules: bool = False
    policy_from: str | None = None
    import_rules: bool = True


@dataclass(frozen=True, slots=True)
class Policy:
    """The policy of a run with `--policy-from`: where it was read, and how the work tree differs.

    `revision` reads files at the revision given; `changes` are FL904 problems (the work tree's
    configuration and rule modules against the revision's), and `texts` the work-tree files they
    point into, by path as shown, for code frames.
    """

    revision: Revision
    changes: tuple[Problem, ...] = ()
    texts: Mapping[str, str] = field(default_factory=dict)


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
    # With --policy-from: where the policy was read and how the work tree's differs.
    policy: Policy | None = None
    # Rules folders the configuration names that were not imported (import_rules false).
    unimported: tuple[str, ...] = ()

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
    if line.policy_from is not None and line.isolated:
        raise SettingsError(
            "--policy-from and --isolated do not combine: --policy-from reads the configuration "
            "of a git revision"
        )
    revision = _revision(line.policy_from, cwd) if line.policy_from is not None else None
    try:
        located = _locate(line, cwd, revision)
    except ConfigError as exc:
        if not lenient:
            raise SettingsError(str(exc)) from None
        located = None
    rule_set, unimported = _load_rules(located, line, cwd, revision)
    try:
        config = _read(located, line, rule_set.rules, cwd, revision, bool(unimported))
    except ConfigError as exc:
        if not lenient:
            raise SettingsError(str(exc)) from None
        config = None
    _confine(config, cwd)
    settings = dataclasses.replace(
        resolve(config, _overrides(line), str(cwd)),
        rules=rule_set.rules,
        rule_errors=rule_set.errors,
    )
    _confine_default_specs(settings, cwd)
    specs, stdin_name = _specs(settings, line)
    policy = None
    if revision is not None:
        policy = _policy(revision, line, cwd, settings, located if config is not None else None)
    return Settled(
        settings=settings,
        rules=_chosen_rules(settings, tolerant=bool(unimported)),
        config=config,
        specs=specs,
        limits=limits(settings.max_file_size),
        stdin_name=stdin_name,
        cwd=str(cwd),
        today=_today(line.today),
        policy=policy,
        unimported=unimported,
    )


def _revision(rev: str, cwd: Path) -> Revision:
    """The revision `--policy-from` names; `rev:NAME` says it is one when a path has its name."""
    from flowlint.gitsource import GitError, Revision, revision_argument

    try:
        _, name = revision_argument(rev, cwd, paths=False, option="--policy-from")
        return Revision.at(name, cwd)
    except GitError as exc:
        raise SettingsError(f"--policy-from: {exc}") from None


def _policy(
    revision: Revision, line: CommandLine, cwd: Path, trusted: Settings, policy_file: Path | None
) -> Policy:
    """Step 6: how the work tree's configuration and rule modules differ from the revision's.

    The work tree's configuration is read with the policy's rules, never its own rules folders; a
    `--config FILE` is read both at the revision (the policy) and in the work tree (compared).
    """
    from flowlint import gate

    located = Path(line.config_file) if line.config_file is not None else find_config_file(cwd)
    changes: list[Problem] = []
    texts: dict[str, str] = {}
    if located is not None and located.is_file():
        shown = display_path(located, cwd)
        text, error = "", None
        if line.config_file is None and not resolves_inside(located, find_config_root(cwd)):
            error = "it is a symbolic link that leads outside the repository; it was not read"
        else:
            try:
                text = located.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                error = f"cannot read it: {getattr(exc, 'strerror', None) or exc}"
        where = gate.ConfigText(shown, text, located.name == PYPROJECT)
        texts[shown] = text
        proposed = None
        if error is None:
            try:
                explicit = line.config_file is not None
                proposed = read_config_file(located, trusted.rules, cwd, explicit)
            except ConfigError as exc:
                error = str(exc)
        if error is not None:
            changes.append(gate.unreadable(where, error, revision.name))
        elif proposed is not None or policy_file is not None:
            settings = resolve(proposed, _overrides(line), str(cwd))
            changes += gate.policy_changes(trusted, settings, where, trusted.rules, revision.name)
    elif policy_file is not None:
        changes.append(gate.gone(display_path(policy_file, cwd), revision.name))
    trusted_modules = {
        path: text
        for folder in trusted.rules_dir
        for path, text in _git(lambda folder=folder: revision.python_files(folder))
    }
    changes += gate.module_changes(trusted_modules, _modules_here(trusted.rules_dir), revision.name)
    return Policy(revision, tuple(changes), texts)


def _modules_here(folders: Sequence[str]) -> dict[str, str | None]:
    """The rule modules in the work tree's copy of the policy's rules folders, by path as shown,
    with their text (None for a symbolic link, which is never opened). Read, never imported."""
    from flowlint.plugins import RulesDirError, rule_files

    found: dict[str, str | None] = {}
    for folder in folders:
        if os.path.islink(folder):
            continue
        try:
            paths = rule_files(folder)
        except RulesDirError:
            continue
        for path in paths:
            if os.path.islink(path):
                found[path] = None
                continue
            try:
                found[path] = Path(path).read_bytes().decode("utf-8", "replace")
            except OSError:
                found[path] = None
    return found


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


def _locate(line: CommandLine, cwd: Path, revision: Revision | None = None) -> Path | None:
    if line.isolated:
        return None
    if line.config_file is not None:
        return Path(line.config_file)
    if revision is not None:
        return _git(lambda: search_config(revision.config_folders(), revision.text, cwd))
    found = find_config_file(cwd)
    if found is not None and os.path.islink(found):
        # A configuration the search found (a checkout may have put it there) is read only when
        # it stays in the folders searched: not a link to a file of the runner, or to /dev/zero.
        top = find_config_root(cwd)
        if not resolves_inside(found, top):
            where = "the repository" if (top / ".git").exists() else "the working directory"
            raise SettingsError(
                f"{display_path(found, cwd)}: is a symbolic link that leads outside {where}; "
                "flowlint does not read a configuration through it (name a file with --config "
                "to use it)"
            )
    return found


def _git(read):  # type: ignore[no-untyped-def]
    """Run a read from git; its GitError becomes one SettingsError line."""
    from flowlint.gitsource import GitError

    try:
        return read()
    except GitError as exc:
        raise SettingsError(f"--policy-from: {exc}") from None


# Step 2 -----------------------------------------------------------------------------------------


def _load_rules(
    located: Path | None, line: CommandLine, cwd: Path, revision: Revision | None = None
) -> tuple[RuleSet, tuple[str, ...]]:
    """The rules of this run, and the configured rules folders left unimported."""
    from flowlint.plugins import RuleClashError, RulesDirError, RuleSource, load_rules

    folders, unimported = _rule_folders(located, line, cwd, revision)
    try:
        if revision is None:
            return load_rules(folders), unimported
        sources = [
            RuleSource(path, text, revision.name)
            for folder in folders
            for path, text in _git(lambda folder=folder: revision.python_files(folder))
        ]
        return load_rules(sources=sources), unimported
    except (RuleClashError, RulesDirError) as exc:
        raise SettingsError(str(exc)) from None


def _rule_folders(
    located: Path | None, line: CommandLine, cwd: Path, revision: Revision | None = None
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The rules folders to import (the file's `rules-dir`, relative to it, then `--rules-dir`),
    and the file's folders left unimported because the command runs no rules.

    A folder that is not there is an error naming where it was named. A folder the file names
    must be inside the file's folder, and is imported only when the user allows it (see the
    module docstring); with `--policy-from` every folder is read at the revision.
    """
    from flowlint.plugins import configured_rules_dirs

    from_file: tuple[str, ...] = ()
    where = ""
    at = f" at {revision.name}" if revision is not None else ""
    if located is not None:
        table = f" {PYPROJECT_TABLE}" if located.name == PYPROJECT else ""
        where = f"{display_path(located, cwd)}{at}:{table} 'rules-dir'"
        text = _git(lambda: revision.text(located)) if revision is not None else None
        folder = os.path.abspath(cwd / located.parent)
        written = configured_rules_dirs(located, text)
        for entry in written:
            _confined(entry, folder, where, cwd, links=revision is None)
        from_file = tuple(display_path(Path(folder) / entry, cwd) for entry in written)
        for path in from_file:
            if not _is_folder(path, revision):
                raise SettingsError(f"{where}: {_missing(path, revision)}")
    for path in line.rules_dir:
        if not _is_folder(path, revision):
            raise SettingsError(f"--rules-dir {_missing(path, revision)}")
    if not line.import_rules:
        return (), from_file
    if from_file and revision is None and not line.allow_local_rules:
        _check_allowed(from_file, where)
    return (*from_file, *line.rules_dir), ()


def _is_folder(path: str, revision: Revision | None) -> bool:
    if revision is not None:
        return _git(lambda: revision.is_folder(path))
    return Path(path).is_dir()


def _missing(folder: str, revision: Revision | None = None) -> str:
    if revision is not None:
        return f"{folder}: no such directory at {revision.name}"
    return f"{folder}: {'not a directory' if Path(folder).exists() else 'no such directory'}"


# Rule modules are code: a `rules-dir` that only the configuration file names (which a pull
# request may have written) runs only when the user allows it.
ALLOW_KEY = "allow-local-rules"


def user_config_file() -> Path:
    """The user's own configuration: `$XDG_CONFIG_HOME/flowlint/config.toml`, by default
    `~/.config/flowlint/config.toml`. It holds only what a checkout must not decide."""
    base = os.environ.get("XDG_CONFIG_HOME") or os.path.join(os.path.expanduser("~"), ".config")
    return Path(base, "flowlint", "config.toml")


def _check_allowed(folders: Sequence[str], where: str) -> None:
    user = user_config_file()
    if _user_allows(user, folders):
        return
    shown = ", ".join(folders)
    raise SettingsError(
        f"{where}: not running the rule modules in {shown} without permission: pass "
        f"--allow-local-rules, set {ALLOW_KEY} = true in {_home(user)}, or read the policy from "
        "a trusted revision with --policy-from REV"
    )


def _user_allows(user: Path, folders: Sequence[str]) -> bool:
    """Whether the user's configuration allows every folder: `allow-local-rules = true`, or a
    list of folders under which rules folders may run (`["~/work/specs"]`)."""
    import tomllib

    try:
        text = user.read_text(encoding="utf-8")
    except FileNotFoundError:
        return False
    except (OSError, UnicodeDecodeError) as exc:
        why = getattr(exc, "strerror", None) or exc
        raise SettingsError(f"{_home(user)}: cannot read: {why}") from None
    try:
        table = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(f"{_home(user)}: invalid TOML: {exc}") from None
    unknown = [key for key in table if key != ALLOW_KEY]
    if unknown:
        raise SettingsError(f"{_home(user)}: unknown key '{unknown[0]}' (known keys: {ALLOW_KEY})")
    value = table.get(ALLOW_KEY, False)
    if isinstance(value, bool):
        return value
    if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
        raise SettingsError(
            f"{_home(user)}: '{ALLOW_KEY}' must be true, false or a list of folders"
        )
    from flowlint.files import resolves_inside

    allowed = [os.path.expanduser(v) for v in value]
    return all(any(resolves_inside(f, a) for a in allowed) for f in folders)


def _home(path: Path) -> str:
    home = os.path.expanduser("~")
    text = str(path)
    return "~" + text[len(home) :] if home != "~" and text.startswith(home + os.sep) else text


# Step 3 -----------------------------------------------------------------------------------------


def _read(
    located: Path | None,
    line: CommandLine,
    rules: tuple[Rule, ...],
    cwd: Path,
    revision: Revision | None = None,
    unresolved: bool = False,
) -> Config | None:
    if located is None:
        return None
    explicit = line.config_file is not None
    if revision is None:
        return read_config_file(located, rules, cwd, explicit, unresolved)
    shown = f"{display_path(located, cwd)} at {revision.name}"
    text = _git(lambda: revision.text(located))
    if text is None:
        raise ConfigError(f"{shown}: no such file")
    return config_from_text(text, located, rules, cwd, explicit, unresolved, shown)


def _confine(config: Config | None, cwd: Path) -> None:
    """The paths a configuration file names stay inside its folder (see the module docstring)."""
    if config is None:
        return
    where = f"{config.path}: {config.table + ' ' if config.table else ''}"
    values = config.values
    for spec in values.get("specs", ()):
        _confined(spec, config.directory, f"{where}'specs'", cwd)
    if "baseline" in values:
        _confined(values["baseline"], config.directory, f"{where}'baseline'", cwd)
    for glob in values.get("per-path-ignores", {}):
        if ".." in glob.replace("\\", "/").split("/"):
            raise SettingsError(
                f"{where}'per-path-ignores.\"{glob}\"': a glob may not reach outside the folder "
                "of the configuration file ('..')"
            )


def _confine_default_specs(settings: Settings, cwd: Path) -> None:
    """The default `specs/` (flowlint's choice, not the user's) stays in the working directory:
    a checkout that makes it a link to a folder of the runner is refused."""
    from flowlint.files import resolves_inside

    if settings.origins.get("specs") != DEFAULT:
        return
    for spec in settings.specs:
        if os.path.lexists(cwd / spec) and not resolves_inside(cwd / spec, cwd):
            raise SettingsError(
                f"{spec}/ (checked when no PATH is given) is a symbolic link that leads outside "
                "the working directory; flowlint does not read through it: name the folder to "
                "check on the command line"
            )


def _confined(entry: str, folder: str, where: str, cwd: Path, links: bool = True) -> None:
    """`entry`, a path in a configuration file in `folder`, is inside that folder (with `links`,
    once every symbolic link is followed); else a SettingsError naming the key (`where`)."""
    from flowlint.files import inside, resolves_inside

    path = os.path.join(folder, entry)
    shown = display_path(Path(folder), cwd)
    if not inside(path, folder):
        raise SettingsError(
            f"{where}: {entry} is outside the folder of the configuration file ({shown}); "
            "flowlint reads and writes only inside it"
        )
    if links and not resolves_inside(path, folder):
        raise SettingsError(
            f"{where}: {entry} leads outside the folder of the configuration file ({shown}) "
            "through a symbolic link; flowlint reads and writes only inside it"
        )


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


def _chosen_rules(settings: Settings, tolerant: bool = False) -> tuple[Rule, ...]:
    """The rules that run; `tolerant` leaves out entries naming rules of a folder not imported."""
    from flowlint.engine import UnknownRuleError, matches, select_rules
    from flowlint.plugins import configure
    from flowlint.rules import BUILTIN_RULES

    known = settings.rules or BUILTIN_RULES

    def known_only(entries: Sequence[str] | None) -> Sequence[str] | None:
        if entries is None or not tolerant:
            return entries
        return [entry for entry in entries if any(matches(rule, entry) for rule in known)]

    try:
        chosen = select_rules(
            known,
            known_only(settings.select),
            known_only(settings.ignore) or (),
            known_only(settings.extend_select) or (),
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


def with_findings(
    settled: Settled,
    report: Report,
    code: str,
    problems: Sequence[Problem],
    texts: Mapping[str, str] | None = None,
) -> Report:
    """`report` with `problems` added as findings of rule `code` (FL904, FL905: findings about
    the gate itself, found outside the rules' run), when that rule runs, with its configured
    severity. `texts` are the files they point into, for code frames."""
    rule = next((rule for rule in settled.rules if rule.code == code), None)
    if rule is None or not problems:
        return report
    from flowlint.engine import one_line
    from flowlint.findings import Finding
    from flowlint.findings import Report as Rebuilt

    severity = severities(settled.settings).get(code, rule.severity)
    added = [
        Finding(code, rule.name, severity, one_line(p.message), p.location, p.subject)
        for p in problems
    ]
    merged = Rebuilt.of(
        [*report.findings, *added],
        report.files,
        report.errors,
        report.tracebacks,
        {**report.texts, **(texts or {})},
    )
    return dataclasses.replace(
        report, findings=merged.findings, summary=merged.summary, texts=merged.texts
    )
