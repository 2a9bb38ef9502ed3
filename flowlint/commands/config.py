"""`flowlint config`: the effective configuration and where each value came from.

Also the options the commands share (`--config`, `--isolated`, rule selection, `--fail-on`,
`--baseline`, `--max-file-size`) and `settled`, which hands them to `flowlint.settings.settle`.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from flowlint.commands import FailOn, fail, say, split_csv

if TYPE_CHECKING:
    from flowlint.config import Settings
    from flowlint.settings import Settled

PathsArgument = Annotated[
    list[Path] | None,
    typer.Argument(
        help="Spec files or directory models. Default: `specs` from the configuration, or specs/.",
        # The loader says in one line why a path cannot be read (click would print four).
        readable=False,
        show_default=False,
    ),
]
ConfigOption = Annotated[
    Path | None,
    typer.Option(
        "--config",
        metavar="FILE",
        dir_okay=False,
        readable=False,  # an unreadable file is one line from flowlint, not click's usage error
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
        readable=False,  # an unreadable file is one line from flowlint, not click's usage error
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
AllowLocalRulesOption = Annotated[
    bool,
    typer.Option(
        "--allow-local-rules",
        help="Run the rule modules of a `rules-dir` that the configuration file names (they are "
        "code from the checkout; without this flowlint refuses them).",
    ),
]


MaxFileSizeOption = Annotated[
    float | None,
    typer.Option(
        "--max-file-size",
        metavar="MB",
        min=0,
        help="Refuse spec files larger than this many megabytes (default: `max-file-size` from "
        "the configuration, else 16), a bound on time and memory; 0 for no limit.",
        show_default=False,
    ),
]


def settled(
    paths: list[Path] | list[str] | None = None,
    config_file: Path | None = None,
    isolated: bool = False,
    select: list[str] | None = None,
    extend_select: list[str] | None = None,
    ignore: list[str] | None = None,
    fail_on: FailOn | None = None,
    baseline: Path | None = None,
    rules_dir: list[Path] | None = None,
    max_file_size: float | None = None,
    stdin_filename: str | None = None,
    today: str | None = None,
    *,
    lenient: bool = False,
    allow_local_rules: bool = False,
    policy_from: str | None = None,
    import_rules: bool = True,
) -> Settled:
    """The command line's options, settled with the configuration by `flowlint.settings.settle`
    (the one way every command does it); a problem is one line and exit 2. A command that runs
    no rules passes `import_rules=False`: no rules folder is imported, whoever names it."""
    from flowlint.settings import CommandLine, SettingsError, settle

    line = CommandLine(
        paths=tuple(str(p) for p in paths) if paths else None,
        config_file=str(config_file) if config_file is not None else None,
        isolated=isolated,
        select=tuple(split_csv(select)) if select is not None else None,
        extend_select=tuple(split_csv(extend_select or [])),
        ignore=tuple(split_csv(ignore or [])),
        fail_on=fail_on.value if fail_on is not None else None,
        baseline=str(baseline) if baseline is not None else None,
        rules_dir=tuple(Path(p).as_posix() for p in rules_dir or ()),
        max_file_size=max_file_size,
        stdin_filename=stdin_filename,
        today=today,
        allow_local_rules=allow_local_rules,
        policy_from=policy_from,
        import_rules=import_rules,
    )
    try:
        return settle(line, lenient=lenient)
    except SettingsError as exc:
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
    max_file_size: MaxFileSizeOption = None,
) -> None:
    """Show the effective configuration and where each value is set."""
    found = settled(
        paths,
        config_file,
        isolated,
        select,
        extend_select,
        ignore,
        fail_on,
        baseline,
        max_file_size=max_file_size,
        import_rules=False,
    )
    codes = [rule.code for rule in found.rules]
    # Values come from the configuration file, which the author of a change may have written.
    text = render_settings(found.settings, codes, isolated, found.unimported)
    for line in text.split("\n")[:-1]:
        say(line)


def render_settings(
    settings: Settings, codes: list[str], isolated: bool = False, unimported: tuple[str, ...] = ()
) -> str:
    """`key = value  # origin` lines (values in TOML syntax), between two comment lines; with a
    last comment naming the rules folders not imported (`flowlint config` runs no rule code)."""
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
    if unimported:
        lines.append(
            f"# not imported: the rule modules in {', '.join(unimported)} (flowlint config runs "
            "no rule code, so their rules are not listed)"
        )
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
