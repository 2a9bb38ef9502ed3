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

from flowlint.commands import FailOn, fail, split_csv

if TYPE_CHECKING:
    from flowlint.config import Settings
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


def effective_settings(
    paths: list[Path] | None = None,
    config_file: Path | None = None,
    isolated: bool = False,
    select: list[str] | None = None,
    extend_select: list[str] | None = None,
    ignore: list[str] | None = None,
    fail_on: FailOn | None = None,
    baseline: Path | None = None,
) -> Settings:
    """Read the configuration that applies here and combine it with the command line."""
    from flowlint.config import (
        ConfigError,
        Overrides,
        find_config_file,
        read_config_file,
        resolve,
    )
    from flowlint.rules import BUILTIN_RULES

    if config_file is not None and isolated:
        fail("--config and --isolated do not combine: --isolated reads no configuration file")
    cwd = Path.cwd()
    try:
        if config_file is not None:
            config = read_config_file(config_file, BUILTIN_RULES, cwd, explicit=True)
        elif isolated:
            config = None
        else:
            found = find_config_file(cwd)
            config = read_config_file(found, BUILTIN_RULES, cwd) if found else None
    except ConfigError as exc:
        fail(str(exc))
    overrides = Overrides(
        specs=tuple(str(p) for p in paths) if paths else None,
        select=tuple(split_csv(select)) if select is not None else None,
        extend_select=tuple(split_csv(extend_select or [])),
        ignore=tuple(split_csv(ignore or [])),
        fail_on=fail_on.value if fail_on is not None else None,
        baseline=str(baseline) if baseline is not None else None,
    )
    return resolve(config, overrides, str(cwd))


def chosen_rules(settings: Settings) -> tuple[Rule, ...]:
    """The rules the settings select; an unknown rule on the command line is exit 2."""
    from flowlint.engine import UnknownRuleError, select_rules
    from flowlint.rules import BUILTIN_RULES

    try:
        return select_rules(BUILTIN_RULES, settings.select, settings.ignore, settings.extend_select)
    except UnknownRuleError as exc:
        fail(str(exc))


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
    typer.echo(render_settings(settings, [rule.code for rule in rules], isolated), nl=False)


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
