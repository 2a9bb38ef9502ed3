"""flowlint's configuration: where it is found, what it may say, and the settings a run uses.

Where: `[tool.flowlint]` in a `pyproject.toml`, or a `flowlint.toml` with the same keys at its top
level. flowlint looks in the current directory and then each parent up to the repository root (the
directory holding `.git`); outside a repository it looks in the current directory only. The first
directory with either file wins; when one directory has both, `flowlint.toml` wins (as ruff's
`ruff.toml` beats its `pyproject.toml`), and a `pyproject.toml` without `[tool.flowlint]` does not
count. `--config FILE` names the file instead; `--isolated` uses none.

What: the keys in `schemas/config.schema.json`. A file is checked against that schema and every
rule it names against the rules flowlint has; the first mistake is one `ConfigError` line naming
the file and the key.

How it combines with the command line (`resolve`, pure): `specs`, `select`, `fail-on`,
`baseline` and `max-file-size` given on the command line replace the file's; `--extend-select`,
`--ignore` and `--rules-dir` add to the file's lists. Paths in the file are relative to the file's
directory. `rule-options` are checked against each rule's own options schema (`flowlint.plugins`).

Only `find_config_file` and `read_config_file` touch the file system (`search_config` and
`config_from_text` do the same with a file's text from elsewhere: a git revision, for
`check --policy-from`); the rest takes values. Commands do not call them:
`flowlint.settings.settle` does, the one way every command settles its settings, and it also
keeps the paths a file names inside the file's folder.
"""

from __future__ import annotations

import difflib
import json
import os
import posixpath
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from flowlint.wording import MAX_QUOTED, excerpt, quoted

if TYPE_CHECKING:
    from flowlint.rule import Rule

CONFIG_FILE = "flowlint.toml"
PYPROJECT = "pyproject.toml"
PYPROJECT_TABLE = "[tool.flowlint]"
SCHEMA_FILE = "config.schema.json"

DEFAULT = "default"
COMMAND_LINE = "command line"
DEFAULT_SPECS = ("specs",)
DEFAULT_FAIL_ON = "error"
DEFAULT_MAX_FILE_SIZE = 16  # megabytes (flowlint.loading.DEFAULT_MAX_FILE_BYTES)

# The keys in the order `flowlint config` shows them.
KEYS = (
    "specs",
    "select",
    "extend-select",
    "ignore",
    "severity",
    "per-path-ignores",
    "fail-on",
    "baseline",
    "rules-dir",
    "rule-options",
    "max-file-size",
)
_RULE_LISTS = ("select", "extend-select", "ignore")


class ConfigError(ValueError):
    """A configuration file that cannot be used; `str(error)` is one line naming file and key."""


@dataclass(frozen=True, slots=True)
class Config:
    """What one configuration file says: the keys it sets, checked and normalised.

    `values` holds only the keys the file sets: lists as tuples, `severity` keyed by rule code.
    `directory` (absolute) is what relative paths in the file are relative to.
    """

    path: str
    directory: str
    table: str = ""
    values: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Overrides:
    """What the command line says; None (or empty) where it says nothing."""

    specs: tuple[str, ...] | None = None
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: str | None = None
    baseline: str | None = None
    rules_dir: tuple[str, ...] = ()
    max_file_size: float | None = None


@dataclass(frozen=True, slots=True)
class Settings:
    """The effective settings of one run, and where each came from.

    Paths (`specs`, `baseline`) are as the current directory sees them. `origins` maps each key of
    KEYS to "default", the configuration file's path, "command line", or both joined by " + ".
    `root` (absolute) is what `per-path-ignores` globs are relative to.
    """

    specs: tuple[str, ...] = DEFAULT_SPECS
    select: tuple[str, ...] | None = None
    extend_select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: Mapping[str, str] = field(default_factory=dict)
    per_path_ignores: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    fail_on: str = DEFAULT_FAIL_ON
    baseline: str | None = None
    rules_dir: tuple[str, ...] = ()
    rule_options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    # Megabytes; 0 means no limit.
    max_file_size: float = DEFAULT_MAX_FILE_SIZE
    origins: Mapping[str, str] = field(default_factory=dict)
    config_file: str | None = None
    root: str = ""
    # Every rule known in this run (built-in and plugins; empty: the built-in rules), and the
    # plugins that could not be loaded (see flowlint.plugins).
    rules: tuple[Rule, ...] = ()
    rule_errors: tuple[str, ...] = ()

    def value(self, key: str) -> Any:
        """The value of a key of KEYS, by its name in the file."""
        return getattr(self, key.replace("-", "_"))


# ---------------------------------------------------------------------------------------------
# IO at the edge: finding and reading the file.


def find_config_file(cwd: Path) -> Path | None:
    """The configuration file that applies in `cwd`, or None."""
    top = find_config_root(cwd)
    upwards = (cwd, *cwd.parents)
    return search_config(upwards[: upwards.index(top) + 1], _file_text, cwd)


def find_config_root(cwd: Path) -> Path:
    """The last folder the search for a configuration looks in: the repository root (the nearest
    folder holding `.git`); outside a repository `cwd` itself, since a file higher up belongs to
    something else, as one above a repository's root does."""
    upwards = (cwd, *cwd.parents)
    return next((directory for directory in upwards if (directory / ".git").exists()), cwd)


def search_config(
    folders: Sequence[Path], read: Callable[[Path], str | None], cwd: Path
) -> Path | None:
    """The first configuration file in `folders` (nearest first); `read` gives a file's text, or
    None when there is no such file (the work tree, or a git revision: `flowlint.gitsource`)."""
    for directory in folders:
        standalone = directory / CONFIG_FILE
        if read(standalone) is not None:
            return standalone
        pyproject = directory / PYPROJECT
        text = read(pyproject)
        if text is not None and _mentions_flowlint(text, display_path(pyproject, cwd)):
            return pyproject
    return None


def _file_text(path: Path) -> str | None:
    # Reading the text first keeps an unrelated, unreadable pyproject.toml from stopping flowlint.
    if not path.is_file():
        return None
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        # Found but unreadable: a flowlint.toml counts (reading it then says why); an empty
        # pyproject.toml does not mention flowlint, so it does not.
        return ""


def _mentions_flowlint(text: str, shown: str) -> bool:
    if "flowlint" not in text:
        return False
    tool = _parse_toml(text, shown).get("tool")
    return isinstance(tool, dict) and "flowlint" in tool


def read_config_file(
    path: Path,
    rules: Sequence[Rule],
    cwd: Path,
    explicit: bool = False,
    unresolved: bool = False,
) -> Config | None:
    """Read and check one configuration file.

    A `pyproject.toml` without `[tool.flowlint]` is None, or a ConfigError when the file was named
    with --config (`explicit`). With `unresolved`, rule names that name no rule in `rules` are
    kept as written (for commands that import no rules folder, see `parse_config`).
    """
    shown = display_path(path, cwd)
    try:
        text = path.read_bytes().decode("utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{shown}: no such file") from None
    except IsADirectoryError:
        raise ConfigError(f"{shown}: is a directory, not a configuration file") from None
    except OSError as exc:
        raise ConfigError(f"{shown}: cannot read: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{shown}: is not UTF-8 text") from None
    return config_from_text(text, path, rules, cwd, explicit, unresolved)


def config_from_text(
    text: str,
    path: Path,
    rules: Sequence[Rule],
    cwd: Path,
    explicit: bool = False,
    unresolved: bool = False,
    shown: str | None = None,
) -> Config | None:
    """Check the text of the configuration file at `path` (read from the disk or from git)."""
    shown = shown or display_path(path, cwd)
    document = _parse_toml(text, shown)
    directory = os.path.abspath(cwd / path.parent)
    if path.name == PYPROJECT:
        tool = document.get("tool")
        if not isinstance(tool, dict) or "flowlint" not in tool:
            if explicit:
                raise ConfigError(f"{shown}: has no {PYPROJECT_TABLE} table")
            return None
        return parse_config(
            tool["flowlint"], shown, directory, rules, PYPROJECT_TABLE, unresolved=unresolved
        )
    return parse_config(document, shown, directory, rules, unresolved=unresolved)


def _parse_toml(text: str, shown: str) -> dict[str, Any]:
    import tomllib

    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{shown}: invalid TOML: {exc}") from None


def display_path(path: Path, cwd: Path) -> str:
    """`path` relative to `cwd` (`../pyproject.toml` from a subdirectory), in POSIX form."""
    absolute = os.path.abspath(cwd / path)
    try:
        return Path(os.path.relpath(absolute, os.path.abspath(cwd))).as_posix()
    except ValueError:  # another drive on Windows
        return Path(absolute).as_posix()


# ---------------------------------------------------------------------------------------------
# Pure: checking a file's table and resolving the effective settings.


@cache
def config_schema() -> Mapping[str, Any]:
    """The JSON Schema of the configuration (read once; treat as read-only)."""
    from flowlint.schema import schema_text

    return json.loads(schema_text(SCHEMA_FILE))


def parse_config(
    table: Any,
    shown: str,
    directory: str,
    rules: Sequence[Rule],
    table_name: str = "",
    *,
    unresolved: bool = False,
) -> Config:
    """Check a configuration table against the schema and the rules, and normalise it.

    With `unresolved`, an entry that names no rule in `rules` is kept as written instead of being
    an error: a command that does not import the rules folders (`flowlint config`) cannot know
    the names of their rules.
    """
    where = f"{shown}: {table_name} " if table_name else f"{shown}: "
    if unresolved:
        rules = Unresolved(rules)
    if not isinstance(table, dict):
        raise ConfigError(f"{shown}: {table_name or 'the configuration'} must be a table")
    _check_schema(table, where)
    values: dict[str, Any] = {}
    for key in KEYS:
        if key not in table:
            continue
        value = table[key]
        if key in _RULE_LISTS:
            values[key] = tuple(_selector(s, f"'{key}'", where, rules) for s in value)
        elif key == "severity":
            values[key] = {
                _rule_code(name, f"'severity.{name}'", where, rules): level
                for name, level in value.items()
            }
        elif key == "per-path-ignores":
            values[key] = {
                glob: tuple(_selector(s, f"'per-path-ignores.\"{glob}\"'", where, rules) for s in v)
                for glob, v in value.items()
            }
        elif key in ("specs", "rules-dir"):
            values[key] = tuple(value)
        elif key == "rule-options":
            values[key] = rule_options(value, where, rules)
        else:
            values[key] = value
    return Config(shown, directory, table_name, values)


def _check_schema(table: dict[str, Any], where: str) -> None:
    unknown = [key for key in table if key not in KEYS]
    if unknown:
        key = unknown[0]
        close = difflib.get_close_matches(key, KEYS)
        hint = f" (did you mean '{close[0]}'?)" if close else f" (known keys: {', '.join(KEYS)})"
        raise ConfigError(f"{where}unknown key {quoted(key)}{hint}")
    from jsonschema import Draft202012Validator

    errors = list(Draft202012Validator(config_schema()).iter_errors(table))
    if not errors:
        return
    # Every key is known and the table is a table, so each error is at or below one of its keys:
    # the first key written, then the shallowest error.
    order = {key: index for index, key in enumerate(table)}
    error = min(errors, key=lambda e: (order[e.path[0]], len(e.path)))
    raise ConfigError(f"{where}{_describe_error(error)}")


_TYPE_WORDS = {
    "array": "a list",
    "number": "a number",
    "object": "a table",
    "string": "text",
}


def _describe_error(error: Any) -> str:
    path = list(error.path)
    key = path[0]
    if len(path) > 1 and key in ("severity", "per-path-ignores", "rule-options"):
        sub = path[1] if key != "per-path-ignores" else f'"{path[1]}"'
        name = quoted(f"{key}.{sub}")
    else:
        name = f"'{key}'"
    value = error.instance
    if error.validator == "enum":
        options = ", ".join(str(o) for o in error.validator_value)
        close = difflib.get_close_matches(str(value), [str(o) for o in error.validator_value])
        hint = f" (did you mean '{close[0]}'?)" if close else ""
        return f"{name}: {_show(value)} is not one of {options}{hint}"
    if error.validator == "type":
        wanted = _TYPE_WORDS[error.validator_value]
        if len(path) >= 2 and isinstance(path[-1], int):
            return f"{name}: every item must be {wanted}, not {_type_word(value)}"
        if key in ("specs", "rules-dir") or key in _RULE_LISTS or key == "per-path-ignores":
            example = {"specs": ' (e.g. ["specs"])', "rules-dir": ' (e.g. ["rules"])'}.get(
                key, ' (e.g. ["FL1", "single-owner"])'
            )
            return f"{name}: expected {wanted}, not {_type_word(value)}{example}"
        return f"{name}: expected {wanted}, not {_type_word(value)}"
    if error.validator == "minLength":
        return f"{name}: must not be empty"
    return f"{name}: {excerpt(error.message, 2 * MAX_QUOTED)}"


def _show(value: Any) -> str:
    return quoted(value) if isinstance(value, str) else _type_word(value)


def _type_word(value: Any) -> str:
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, str):
        return f"the text {quoted(value)}"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return type(value).__name__


class Unresolved(tuple):  # type: ignore[type-arg]
    """Known rules, where a name that matches none of them is not an error (see parse_config)."""


def _selector(entry: str, name: str, where: str, rules: Sequence[Rule]) -> str:
    from flowlint.engine import matches

    if not any(matches(rule, entry) for rule in rules) and not isinstance(rules, Unresolved):
        raise ConfigError(f"{where}{name}: {unknown_rule(entry, rules)}")
    return entry


def _rule_code(entry: str, name: str, where: str, rules: Sequence[Rule]) -> str:
    for rule in rules:
        if entry.upper() == rule.code or entry.lower() == rule.name:
            return rule.code
    if isinstance(rules, Unresolved):
        return entry
    raise ConfigError(f"{where}{name}: {unknown_rule(entry, rules, prefixes=False)}")


def unknown_rule(entry: str, rules: Sequence[Rule], prefixes: bool = True) -> str:
    """'unknown rule ...' with a plausible code or name (flowlint.suggest.unknown_rule)."""
    from flowlint.suggest import unknown_rule as message

    return message(entry, [(rule.code, rule.name) for rule in rules], prefixes)


def resolve(config: Config | None, overrides: Overrides, cwd: str) -> Settings:
    """The effective settings: the command line over the file over the defaults."""
    values = config.values if config else {}
    source = config.path if config else DEFAULT
    origins: dict[str, str] = {}

    def pick(key: str, given: Any, default: Any) -> Any:
        if given is not None:
            origins[key] = COMMAND_LINE
            return given
        if key in values:
            origins[key] = source
            return values[key]
        origins[key] = DEFAULT
        return default

    def extend(key: str, given: tuple[str, ...]) -> tuple[str, ...]:
        parts = [source] if key in values else []
        if given:
            parts.append(COMMAND_LINE)
        origins[key] = " + ".join(parts) or DEFAULT
        return tuple(dict.fromkeys((*values.get(key, ()), *given)))

    def from_file(paths: Iterable[str]) -> tuple[str, ...]:
        base = config.directory if config else cwd
        return tuple(_relative_to(posixpath.join(base, p), cwd) for p in paths)

    specs = pick("specs", overrides.specs, None)
    if specs is not None and origins["specs"] != COMMAND_LINE:
        specs = from_file(specs)
    baseline = overrides.baseline
    if baseline is not None:
        origins["baseline"] = COMMAND_LINE
    elif "baseline" in values:
        origins["baseline"] = source
        baseline = from_file([values["baseline"]])[0]
    else:
        origins["baseline"] = DEFAULT
    # Rules folders add up: the file's (relative to it), then the command line's.
    in_file = from_file(values.get("rules-dir", ()))
    rules_dir = tuple(dict.fromkeys((*in_file, *overrides.rules_dir)))
    dir_sources = [source] if "rules-dir" in values else []
    if overrides.rules_dir:
        dir_sources.append(COMMAND_LINE)
    origins["rules-dir"] = " + ".join(dir_sources) or DEFAULT
    settings = Settings(
        specs=specs or DEFAULT_SPECS,
        select=pick("select", overrides.select, None),
        extend_select=extend("extend-select", overrides.extend_select),
        ignore=extend("ignore", overrides.ignore),
        severity=dict(pick("severity", None, {})),
        per_path_ignores=dict(pick("per-path-ignores", None, {})),
        fail_on=pick("fail-on", overrides.fail_on, DEFAULT_FAIL_ON),
        baseline=baseline,
        rules_dir=rules_dir,
        rule_options=dict(pick("rule-options", None, {})),
        max_file_size=pick("max-file-size", overrides.max_file_size, DEFAULT_MAX_FILE_SIZE),
        origins={key: origins[key] for key in KEYS},
        config_file=config.path if config else None,
        root=config.directory if config else cwd,
    )
    return settings


def _relative_to(path: str, cwd: str) -> str:
    if not os.path.isabs(path):
        return posixpath.normpath(path)
    relative = os.path.relpath(path, cwd)
    return Path(relative).as_posix()


# ---------------------------------------------------------------------------------------------
# per-path-ignores


def ignored_codes(
    settings: Settings, files: Iterable[str], rules: Sequence[Rule], cwd: str
) -> dict[str, frozenset[str]]:
    """For each file (as shown, relative to `cwd`), the codes `per-path-ignores` drops there."""
    from flowlint.engine import matches

    if not settings.per_path_ignores:
        return {}
    compiled = [(_glob(glob), selectors) for glob, selectors in settings.per_path_ignores.items()]
    result: dict[str, frozenset[str]] = {}
    for file in files:
        relative = Path(os.path.relpath(os.path.join(cwd, file), settings.root)).as_posix()
        codes = {
            rule.code
            for matcher, selectors in compiled
            if matcher(relative)
            for rule in rules
            if any(matches(rule, s) for s in selectors)
        }
        if codes:
            result[file] = frozenset(codes)
    return result


def _glob(pattern: str) -> Any:
    """A matcher for one glob: `*` and `?` stay within a directory, `**` crosses them.

    A glob without '/' matches the file name; one with '/' matches the path from the root, or a
    directory above the file (so `specs/legacy` covers everything under it).
    """
    body = pattern.strip("/")
    regex = re.compile(_glob_regex(body) + r"\Z")
    if "/" not in pattern:
        return lambda path: bool(regex.match(path.rpartition("/")[2]))

    def match(path: str) -> bool:
        parts = path.split("/")
        return any(regex.match("/".join(parts[:end])) for end in range(len(parts), 0, -1))

    return match


def _glob_regex(pattern: str) -> str:
    out: list[str] = []
    index = 0
    while index < len(pattern):
        if pattern.startswith("**/", index):
            out.append("(?:.*/)?")
            index += 3
        elif pattern.startswith("**", index):
            out.append(".*")
            index += 2
        elif pattern[index] == "*":
            out.append("[^/]*")
            index += 1
        elif pattern[index] == "?":
            out.append("[^/]")
            index += 1
        elif pattern[index] == "[" and "]" in pattern[index + 2 :]:
            end = pattern.index("]", index + 2)
            inner = pattern[index + 1 : end]
            negate = inner.startswith("!")
            inner = re.escape(inner[1:] if negate else inner).replace(r"\-", "-")
            out.append(f"[{'^' if negate else ''}{inner}]")
            index = end + 1
        else:
            out.append(re.escape(pattern[index]))
            index += 1
    return "".join(out)


def rule_options(
    table: Mapping[str, Any], where: str, rules: Sequence[Rule]
) -> dict[str, dict[str, Any]]:
    """Check `rule-options` (rule code or name -> options) against each rule's options schema.

    Returns the options by rule code. Raises ConfigError (one line: `where` names the file, then
    the rule and the option) for an unknown rule, a rule that takes no options, or options its
    schema rejects.
    """
    from flowlint.rule import options_problem

    options: dict[str, dict[str, Any]] = {}
    for entry, values in table.items():
        rule = next((r for r in rules if entry.upper() == r.code or entry.lower() == r.name), None)
        if rule is None and isinstance(rules, Unresolved):
            options[entry] = dict(values)  # a rule of a folder not imported: kept as written
            continue
        if rule is None:
            unknown = unknown_rule(entry, rules, prefixes=False)
            raise ConfigError(f"{where}'rule-options.{entry}': {unknown}")
        about = f"rule {rule.code} {rule.name} from {rule.origin}"
        if rule.options_schema is None:
            raise ConfigError(f"{where}'rule-options.{entry}': {about} takes no options")
        problem = options_problem(rule.options_schema, values)
        if problem:
            path, message = problem
            raise ConfigError(f"{where}'rule-options.{entry}{path}': {message} ({about})")
        options[rule.code] = dict(values)
    return options
