"""`flowlint config`: the effective configuration and where each value came from.

Also the options every command that lints shares (`--config`, `--isolated`, rule selection,
`--fail-on`, `--baseline`) and `effective_settings`, which reads the configuration file (IO) and
resolves it with the command line (pure, in `flowlint.config`).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from flowlint.commands import FailOn, fail, say, split_csv

if TYPE_CHECKING:
    from flowlint.config import Settings
    from flowlint.plugins import RuleSet
    from flowlint.rule import Rule

PathsArgument = Annotated[
    list[Path] | None,
    typer.Argument(
        help="Spec files or directory models. Default: `specs` from the configuration, or specs/.",
        show_default=False,
    ),
]
ConfigOption = Annotated[
    Path | None,
    typer.Option(
        "--config",
        metavar="FILE",
        dir_okay=False,
        help="Use this configuration file (pyproject.toml or flowlint.toml) instead of looking "
        "for one.",
    ),
]
IsolatedOption = Annotated[
    bool, typer.Option("--isolated", help="Ignore every configuration file.")
]
SelectOption = Annotated[
    list[str] | None,
    typer.Option(
        help="Rules to run instead of the configured ones: codes, names, prefixes (FL1) or ALL; "
        "comma-separated."
    ),
]
ExtendSelectOption = Annotated[
    list[str] | None,
    typer.Option("--extend-select", help="Rules to run as well, in the same form as --select."),
]
IgnoreOption = Annotated[
    list[str] | None,
    typer.Option(help="Rules not to run (added to the configured ones), as in --select."),
]
FailOnOption = Annotated[
    FailOn | None,
    typer.Option(
        help="Exit 1 when a finding is at least this severe. Default: `fail-on` from the "
        "configuration, else error.",
        show_default=False,
    ),
]
BaselineOption = Annotated[
    Path | None,
    typer.Option(
        "--baseline",
        metavar="FILE",
        dir_okay=False,
        help="The baseline file of known findings. Default: `baseline` from the configuration "
        "(with none, `flowlint baseline` writes .flowlint-baseline.json).",
    ),
]
RulesDirOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--rules-dir",
        metavar="DIR",
        help="Also load every *.py in DIR as a rule module (added to `rules-dir` from the "
        "configuration); repeatable. See docs/writing-rules.md.",
    ),
]


def effective_settings(
    paths: list[Path] | None = None,
    config_file: Path | None = None,
    isolated: bool = False,
    select: list[str] | None = None,
    extend_select: list[str] | None = None,
    ignore: list[str] | None = None,
    fail_on: FailOn | None = None,
    baseline: Path | None = None,
    rules_dir: list[Path] | None = None,
) -> Settings:
    """Read the configuration that applies here and combine it with the command line.

    The rules of installed plugins and rules folders are loaded first: the configuration may name
    them. The settings carry every known rule and the plugins that failed to load.
    """
    import dataclasses

    from flowlint.config import (
        ConfigError,
        Overrides,
        find_config_file,
        read_config_file,
        resolve,
    )

    if config_file is not None and isolated:
        fail("--config and --isolated do not combine: --isolated reads no configuration file")
    cwd = Path.cwd()
    try:
        found = find_config_file(cwd) if config_file is None and not isolated else None
    except ConfigError as exc:
        fail(str(exc))
    rule_set = known_rules(config_file or found, rules_dir, cwd)
    try:
        if config_file is not None:
            config = read_config_file(config_file, rule_set.rules, cwd, explicit=True)
        else:
            config = read_config_file(found, rule_set.rules, cwd) if found else None
    except ConfigError as exc:
        fail(str(exc))
    overrides = Overrides(
        specs=tuple(str(p) for p in paths) if paths else None,
        select=tuple(split_csv(select)) if select is not None else None,
        extend_select=tuple(split_csv(extend_select or [])),
        ignore=tuple(split_csv(ignore or [])),
        fail_on=fail_on.value if fail_on is not None else None,
        baseline=str(baseline) if baseline is not None else None,
        rules_dir=tuple(Path(p).as_posix() for p in rules_dir or ()),
    )
    settings = resolve(config, overrides, str(cwd))
    return dataclasses.replace(settings, rules=rule_set.rules, rule_errors=rule_set.errors)


def known_rules(config_path: Path | None, rules_dir: list[Path] | None, cwd: Path) -> RuleSet:
    """The built-in rules, installed plugins' and those of the rules folders named in the
    configuration file and with --rules-dir. A missing folder or a clash of codes is exit 2."""
    from flowlint.config import PYPROJECT, PYPROJECT_TABLE, display_path
    from flowlint.plugins import (
        RuleClashError,
        RulesDirError,
        configured_rules_dirs,
        load_rules,
    )

    from_file = configured_rules_dirs(config_path, cwd) if config_path is not None else ()
    if config_path is not None:
        table = f" {PYPROJECT_TABLE}" if config_path.name == PYPROJECT else ""
        for folder in from_file:
            if not Path(folder).is_dir():
                fail(f"{display_path(config_path, cwd)}:{table} 'rules-dir': {_missing(folder)}")
    from_command_line = tuple(Path(p).as_posix() for p in rules_dir or ())
    for folder in from_command_line:
        if not Path(folder).is_dir():
            fail(f"--rules-dir {_missing(folder)}")
    try:
        return load_rules((*from_file, *from_command_line))
    except (RuleClashError, RulesDirError) as exc:
        fail(str(exc))


def _missing(folder: str) -> str:
    return f"{folder}: {'not a directory' if Path(folder).exists() else 'no such directory'}"


def chosen_rules(settings: Settings) -> tuple[Rule, ...]:
    """The rules the settings select, with their configured options; an unknown rule on the
    command line is exit 2."""
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
        fail(str(exc))
    return configure(chosen, settings.rule_options)


def config(
    paths: PathsArgument = None,
    config_file: ConfigOption = None,
    isolated: IsolatedOption = False,
    select: SelectOption = None,
    extend_select: ExtendSelectOption = None,
    ignore: IgnoreOption = None,
    fail_on: FailOnOption = None,
    baseline: BaselineOption = None,
) -> None:
    """Show the effective configuration and where each value came from."""
    settings = effective_settings(
        paths, config_file, isolated, select, extend_select, ignore, fail_on, baseline
    )
    rules = chosen_rules(settings)
    # Values come from the configuration file, which the author of a change may have written.
    for line in render_settings(settings, [rule.code for rule in rules], isolated).split("\n")[:-1]:
        say(line)


def render_settings(settings: Settings, codes: list[str], isolated: bool = False) -> str:
    """`key = value  # origin` lines (values in TOML syntax), between two comment lines."""
    from flowlint.config import KEYS, PYPROJECT_TABLE

    if settings.config_file:
        table = f" {PYPROJECT_TABLE}" if settings.config_file.endswith("pyproject.toml") else ""
        head = f"# configuration file: {settings.config_file}{table}"
    elif isolated:
        head = "# configuration file: none (--isolated)"
    else:
        head = "# configuration file: none found"
    rows = [(f"{key} = {_toml(key, settings.value(key))}", settings.origins[key]) for key in KEYS]
    width = max(len(left) for left, _ in rows)
    lines = [head, *(f"{left.ljust(width)}  # {origin}" for left, origin in rows)]
    lines.append(f"# rules that run ({len(codes)}): {', '.join(codes)}")
    return "".join(line + "\n" for line in lines)


def _toml(key: str, value: object) -> str:
    if value is None:
        return "(the rules on by default)" if key == "select" else "(none)"
    if isinstance(value, dict):
        items = ", ".join(f"{_toml_key(k)} = {_toml(key, v)}" for k, v in value.items())
        return "{" + items + "}" if items else "{}"
    if isinstance(value, tuple | list):
        return "[" + ", ".join(_toml(key, v) for v in value) + "]"
    return json.dumps(value, ensure_ascii=False)


def _toml_key(key: str) -> str:
    bare = key.replace("-", "").replace("_", "").isalnum() and key.isascii()
    return key if bare else json.dumps(key, ensure_ascii=False)
