"""Rules from outside flowlint: installed plugins, local rule folders, and rule options.

Two ways in, both giving rule modules written against `flowlint.api`:

- an installed distribution names a rule module under the entry-point group `flowlint.rules`
  (`[project.entry-points."flowlint.rules"]` in its pyproject.toml: `my-rule = "pkg.my_rule"`);
- a folder named with `--rules-dir DIR` or `rules-dir` in the configuration: every `*.py` in it
  (not in subfolders; files starting with `_` are skipped) is loaded as a rule module.

`load_rules` returns the built-in rules followed by the plugins' rules, each with its `origin`.
A plugin that cannot be imported, or is not a valid rule module, does not stop the run: it becomes
one line in `RuleSet.errors` and its rules are missing (the CLI prints the line and exits 2 after
the findings, as for a crashing rule: the check is incomplete). Two rules with one code or one
name are a `RuleClashError` naming both and where each comes from, since a code in a
configuration or a suppression would not say which rule it means.

`flowlint.config` checks the configured options of each rule against the rule's own JSON Schema
(`flowlint.rule.options_problem`).
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any

from flowlint.rule import Rule, option_defaults, takes_options

if TYPE_CHECKING:
    from importlib import metadata

ENTRY_POINT_GROUP = "flowlint.rules"
BUILTIN_ORIGIN = "flowlint"
CODE_FORMAT = re.compile(r"^[A-Z]+[0-9]+$")
NAME_FORMAT = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
SEVERITIES = ("error", "warning", "info")


class PluginError(ValueError):
    """A module that is not a valid rule module; `str(error)` says why."""


class RuleClashError(ValueError):
    """Two rules share a code or a name; `str(error)` is one line naming both."""


class RulesDirError(ValueError):
    """A rules folder that does not exist or is not a folder."""


@dataclass(frozen=True, slots=True)
class RuleSet:
    """Every rule flowlint knows in this run, and the plugins that could not be loaded."""

    rules: tuple[Rule, ...]
    errors: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class RuleSource:
    """A rule module read from somewhere other than the disk: `path` (as shown, e.g.
    `rules/mine.py`) and its `text` at git revision `revision` (`flowlint check --policy-from`)."""

    path: str
    text: str
    revision: str


def load_rules(
    rules_dirs: Sequence[str] = (),
    entry_points: Iterable[metadata.EntryPoint] | None = None,
    builtin: Sequence[Rule] | None = None,
    sources: Sequence[RuleSource] = (),
) -> RuleSet:
    """The built-in rules, then the rules of installed plugins, then those of the rules folders,
    then the rule modules given as `sources` (the rules folders of a git revision).

    `entry_points` defaults to the installed ones of group `flowlint.rules`. Raises
    RuleClashError for two rules with one code or name, and RulesDirError for a folder that is not
    there.
    """
    if builtin is None:
        from flowlint.rules import BUILTIN_RULES

        builtin = BUILTIN_RULES
    if entry_points is None:
        entry_points = installed_entry_points()
    rules: list[Rule] = list(builtin)
    errors: list[str] = []
    for entry_point in sorted(entry_points, key=lambda ep: (_distribution(ep), ep.name)):
        origin = f"entry point {_distribution(entry_point)}:{entry_point.name}"
        try:
            loaded = entry_point.load()
        except BaseException as exc:  # any failure of plugin code is reported, see below
            _reraise_interrupts(exc)
            errors.append(_cannot_load(f"{origin} ({entry_point.value})", _error(exc)))
            continue
        if not isinstance(loaded, ModuleType):
            errors.append(
                _cannot_load(
                    origin,
                    f"'{entry_point.value}' is a {type(loaded).__name__}, not a module (an entry "
                    f"point of group '{ENTRY_POINT_GROUP}' names a rule module)",
                )
            )
            continue
        _add(rules, errors, loaded, origin)
    seen: set[str] = set()
    for folder in rules_dirs:
        if os.path.realpath(folder) in seen:
            continue  # named twice (in the configuration and with --rules-dir): loaded once
        seen.add(os.path.realpath(folder))
        for path in rule_files(folder):
            origin = f"rules-dir {path}"
            try:
                module = import_file(path)
            except BaseException as exc:  # any failure of plugin code is reported, see below
                _reraise_interrupts(exc)
                errors.append(_cannot_load(origin, _error(exc)))
                continue
            _add(rules, errors, module, origin)
    for source in sources:
        origin = f"rules-dir {source.path} at {source.revision}"
        try:
            module = import_source(source)
        except BaseException as exc:  # any failure of plugin code is reported, see below
            _reraise_interrupts(exc)
            errors.append(_cannot_load(origin, _error(exc)))
            continue
        _add(rules, errors, module, origin)
    return RuleSet(tuple(rules), tuple(errors))


def installed_entry_points() -> tuple[metadata.EntryPoint, ...]:
    """The installed entry points of group `flowlint.rules`, one per (distribution, name)."""
    if not _may_have_plugins():
        return ()
    from importlib import metadata

    found = {
        (_distribution(ep), ep.name): ep for ep in metadata.entry_points(group=ENTRY_POINT_GROUP)
    }
    return tuple(found.values())


def _may_have_plugins() -> bool:
    """False when no distribution on sys.path declares an entry point of our group.

    Importing importlib.metadata and asking it costs about 25 ms on every run; looking for the
    group's name in the `entry_points.txt` files costs about 1 ms, and almost every run has no
    plugins. Anything unusual on the path (a zip file) takes the full look-up.
    """
    for entry in sys.path:
        try:
            listing = os.scandir(entry or ".")
        except NotADirectoryError:
            return True
        except OSError:
            continue  # a path entry that does not exist
        with listing:
            for item in listing:
                if not item.name.endswith((".dist-info", ".egg-info")):
                    continue
                try:
                    with open(os.path.join(item.path, "entry_points.txt"), encoding="utf-8") as f:
                        if ENTRY_POINT_GROUP in f.read():
                            return True
                except (OSError, UnicodeDecodeError):
                    continue
    return False


def rule_files(folder: str) -> list[str]:
    """The rule modules of a rules folder: its `*.py` files, sorted, without `_*.py`."""
    directory = Path(folder)
    if not directory.is_dir():
        what = "is not a directory" if directory.exists() else "no such directory"
        raise RulesDirError(f"rules-dir {folder}: {what}")
    return [
        os.path.join(folder, entry.name).replace(os.sep, "/")
        for entry in sorted(directory.iterdir(), key=lambda p: p.name)
        if entry.suffix == ".py" and not entry.name.startswith("_") and entry.is_file()
    ]


def import_file(path: str) -> ModuleType:
    """Import one file as a module under a name unique to its absolute path.

    The module is registered in `sys.modules` while it runs (dataclasses and typing need that) and
    removed again if it fails.
    """
    import hashlib  # here: only a rules folder needs it, and it is slow to import
    import importlib.util

    absolute = os.path.abspath(path)
    digest = hashlib.sha256(absolute.encode("utf-8")).hexdigest()[:12]
    stem = re.sub(r"\W", "_", Path(path).stem)
    name = f"flowlint_rules_dir_{digest}_{stem}"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, absolute)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot import {path}")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    try:
        spec.loader.exec_module(module)
    except BaseException:
        del sys.modules[name]
        raise
    return module


def import_source(source: RuleSource) -> ModuleType:
    """Run a rule module's text (read from a git revision) as a module, as `import_file` imports
    a file: registered in `sys.modules` under a name unique to the revision and path while it
    runs, and removed again if it fails."""
    import hashlib

    digest = hashlib.sha256(f"{source.revision}\0{source.path}".encode()).hexdigest()[:12]
    stem = re.sub(r"\W", "_", Path(source.path).stem)
    name = f"flowlint_rules_at_{digest}_{stem}"
    if name in sys.modules:
        return sys.modules[name]
    module = ModuleType(name)
    module.__file__ = f"{source.revision}:{source.path}"
    code = compile(source.text, module.__file__, "exec", dont_inherit=True)
    sys.modules[name] = module
    try:
        exec(code, module.__dict__)
    except BaseException:
        del sys.modules[name]
        raise
    return module


def rule_from_module(module: ModuleType, origin: str) -> Rule:
    """A plugin module as a Rule, after checking its metadata; PluginError says what is wrong."""
    missing = [attr for attr in ("CODE", "NAME", "SEVERITY", "check") if not hasattr(module, attr)]
    if missing:
        raise PluginError(f"not a rule module: it defines no {', '.join(missing)}")
    code, name, severity = module.CODE, module.NAME, module.SEVERITY
    if not isinstance(code, str) or not CODE_FORMAT.match(code):
        raise PluginError(
            f"CODE {code!r} is not a rule code (upper-case letters then digits, e.g. 'ORG101')"
        )
    if not isinstance(name, str) or not NAME_FORMAT.match(name):
        raise PluginError(f"NAME {name!r} is not a kebab-case name (e.g. 'personal-data-via-api')")
    if severity not in SEVERITIES:
        raise PluginError(f"SEVERITY {severity!r} is not one of {', '.join(SEVERITIES)}")
    if not isinstance(getattr(module, "ENABLED", True), bool):
        raise PluginError("ENABLED must be True or False")
    if not callable(module.check):
        raise PluginError("check is not a function")
    schema = getattr(module, "OPTIONS_SCHEMA", None)
    if schema is not None:
        _check_options_schema(schema)
        if not takes_options(module.check):
            raise PluginError(
                "it defines OPTIONS_SCHEMA but check(model) takes no options; "
                "define check(model, options)"
            )
    return Rule.from_module(module, origin)


def _check_options_schema(schema: Any) -> None:
    from jsonschema import Draft202012Validator, SchemaError

    if not isinstance(schema, Mapping):
        raise PluginError("OPTIONS_SCHEMA must be a JSON Schema (a dict)")
    try:
        Draft202012Validator.check_schema(schema)
    except SchemaError as exc:
        raise PluginError(f"OPTIONS_SCHEMA is not a valid JSON Schema: {exc.message}") from None
    problems = list(Draft202012Validator(schema).iter_errors(option_defaults(schema)))
    if problems:
        raise PluginError(f"the defaults in OPTIONS_SCHEMA do not match it: {problems[0].message}")


def _add(rules: list[Rule], errors: list[str], module: ModuleType, origin: str) -> None:
    try:
        rule = rule_from_module(module, origin)
    except PluginError as exc:
        errors.append(_cannot_load(origin, str(exc)))
        return
    for known in rules:
        if known.code == rule.code or known.name == rule.name:
            what = "code" if known.code == rule.code else "name"
            raise RuleClashError(
                f"rule {what} clash: {rule.code} ({rule.name}) from {rule.origin} has the same "
                f"{what} as {known.code} ({known.name}) from {known.origin}; give one of them "
                "another code and name"
            )
    rules.append(rule)


def _cannot_load(what: str, why: str) -> str:
    return f"cannot load rule plugin {what}: {why}; its rules did not run"


def _distribution(entry_point: metadata.EntryPoint) -> str:
    dist = getattr(entry_point, "dist", None)
    return dist.name if dist is not None else "unknown distribution"


def _error(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return f"{type(exc).__name__}: {text[0]}" if text else type(exc).__name__


def _reraise_interrupts(exc: BaseException) -> None:
    # A plugin that calls sys.exit() is a broken plugin; Ctrl-C still stops flowlint.
    if isinstance(exc, KeyboardInterrupt):
        raise exc


# ---------------------------------------------------------------------------------------------
# Options


def configure(rules: Iterable[Rule], options: Mapping[str, Mapping[str, Any]]) -> tuple[Rule, ...]:
    """The rules, each with its configured options (by code) over its defaults."""
    return tuple(
        rule.with_options(options[rule.code]) if rule.code in options else rule for rule in rules
    )


def configured_rules_dirs(path: Path, text: str | None = None) -> tuple[str, ...]:
    """The `rules-dir` entries of a configuration file, as written (relative to the file).

    Read before the configuration is checked, because checking it needs every rule (a `select` may
    name a plugin's rule). `text` is the file's text when it does not come from the disk (a git
    revision). () when the file cannot be read or the key is malformed: reading the file properly
    then reports that.
    """
    import tomllib

    from flowlint.config import PYPROJECT

    try:
        if text is None:
            text = path.read_text(encoding="utf-8")
        table: Any = tomllib.loads(text)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return ()
    if path.name == PYPROJECT:
        tool = table.get("tool") if isinstance(table, dict) else None
        table = tool.get("flowlint") if isinstance(tool, dict) else None
    folders = table.get("rules-dir") if isinstance(table, dict) else None
    if not isinstance(folders, list) or not all(isinstance(f, str) and f for f in folders):
        return ()
    return tuple(folders)
