"""`flowlint rules` lists every rule; `flowlint explain CODE|NAME` documents one.

Both read the registry (`flowlint.rules.BUILTIN_RULES`) and the plugins (installed ones, and the
rules folders of the configuration and `--rules-dir`, see `flowlint.plugins`), and render through
`flowlint.ruledocs`, the same text `docs/rules.md` is generated from. A plugin that cannot be
loaded is one line on stderr after the output, and exit 2.
"""

from __future__ import annotations

import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from flowlint.commands import error, fail, use_color
from flowlint.commands.config import (
    AllowLocalRulesOption,
    ConfigOption,
    IsolatedOption,
    RulesDirOption,
    settled,
)
from flowlint.escaping import json_document

if TYPE_CHECKING:
    from collections.abc import Sequence

    from flowlint.plugins import RuleSet
    from flowlint.rule import Rule


class RulesFormat(str, Enum):
    text = "text"
    json = "json"


def rules(
    output_format: Annotated[
        RulesFormat, typer.Option("--format", help="Output format.")
    ] = RulesFormat.text,
    no_color: Annotated[bool, typer.Option("--no-color", help="Never colour the output.")] = False,
    rules_dir: RulesDirOption = None,
    config_file: ConfigOption = None,
    isolated: IsolatedOption = False,
    allow_local_rules: AllowLocalRulesOption = False,
) -> None:
    """List every rule: code, name, severity, default and summary.

    Plugin rules are listed with where they come from.
    """
    from flowlint.ruledocs import rules_as_json

    rule_set = _rule_set(rules_dir, config_file, isolated, allow_local_rules)
    if output_format is RulesFormat.json:
        sys.stdout.write(json_document(rules_as_json(rule_set.rules)) + "\n")
    elif use_color(no_color):
        _rich_table(rule_set.rules)
    else:
        from flowlint.ruledocs import render_rules_table

        _write_lines(render_rules_table(rule_set.rules))
    _report_errors(rule_set)


def _rule_set(
    rules_dir: list[Path] | None, config_file: Path | None, isolated: bool, allow_local: bool
) -> RuleSet:
    """Every rule: built-in, installed plugins, and rules folders (configuration, --rules-dir).

    Settled leniently: a configuration that cannot be used (perhaps naming a rule that does not
    exist) does not stop the commands that help to fix it; `check` reports it.
    """
    from flowlint.plugins import RuleSet

    found = settled(
        rules_dir=rules_dir,
        config_file=config_file,
        isolated=isolated,
        lenient=True,
        allow_local_rules=allow_local,
    )
    return RuleSet(found.known_rules, found.settings.rule_errors)


def _report_errors(rule_set: RuleSet) -> None:
    """Plugins that could not be loaded: one line each on stderr, then exit 2."""
    for problem in rule_set.errors:
        error(problem)
    if rule_set.errors:
        raise typer.Exit(2)


def _rich_table(all_rules: tuple[Rule, ...]) -> None:
    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from flowlint.escaping import terminal

    styles = {"error": "bold red", "warning": "yellow", "info": "cyan"}
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    table.add_column("Code", style="bold", no_wrap=True)
    table.add_column("Name", no_wrap=True)
    table.add_column("Severity", no_wrap=True)
    table.add_column("Default", no_wrap=True)
    with_origin = any(rule.origin != "flowlint" for rule in all_rules)
    if with_origin:
        table.add_column("Origin")
    table.add_column("Summary")
    for rule in sorted(all_rules, key=lambda r: r.code):
        severity = rule.severity.value
        # Text, not markup: a plugin's name, origin or summary is shown as written.
        table.add_row(
            Text(terminal(rule.code)),
            Text(terminal(rule.name)),
            f"[{styles[severity]}]{severity}[/]",
            "on" if rule.enabled_by_default else "[dim]off[/]",
            *((Text(terminal(rule.origin)),) * with_origin),
            Text(terminal(rule.doc.summary)),
        )
    console = Console()
    console.print(table)
    enabled = sum(r.enabled_by_default for r in all_rules)
    console.print(
        f"{len(all_rules)} rules, {enabled} on by default. "
        "'flowlint explain CODE' says why a rule matters and how to fix what it finds.",
        highlight=False,
    )


def explain(
    rule: Annotated[
        str,
        typer.Argument(help="A rule code (FL101) or name (single-owner).", show_default=False),
    ],
    output_format: Annotated[
        RulesFormat, typer.Option("--format", help="Output format.")
    ] = RulesFormat.text,
    rules_dir: RulesDirOption = None,
    config_file: ConfigOption = None,
    isolated: IsolatedOption = False,
    allow_local_rules: AllowLocalRulesOption = False,
) -> None:
    """Explain a rule: why it matters, examples, and how to fix it."""
    from flowlint.ruledocs import find_rule, prefixed, render_explanation, rules_as_json
    from flowlint.suggest import unknown_rule

    rule_set = _rule_set(rules_dir, config_file, isolated, allow_local_rules)
    known = rule_set.rules
    found = find_rule(known, rule)
    if found is None:
        for problem in rule_set.errors:  # the rule may be in the plugin that failed
            error(problem)
        several = prefixed(known, rule)
        if len(several) == 1:
            message = f"unknown rule '{rule}' (did you mean '{several[0].code}'?)"
        else:
            message = unknown_rule(rule, [(r.code, r.name) for r in known], prefixes=False)
        fail(f"{message}; 'flowlint rules' lists every rule")
    if output_format is RulesFormat.json:
        sys.stdout.write(json_document(rules_as_json([found])[0]) + "\n")
    else:
        _write_lines(render_explanation(found, _reported(found, known)))
    _report_errors(rule_set)


def _write_lines(text: str) -> None:
    # A plugin's documentation and origin are shown as written, escaped for the terminal.
    from flowlint.escaping import terminal

    sys.stdout.write("".join(terminal(line) + "\n" for line in text.split("\n")[:-1]))


def _reported(rule: Rule, known: Sequence[Rule]) -> list[str]:
    """What flowlint says about the rule's failing example, one finding per line."""
    from flowlint.engine import lint, select_rules
    from flowlint.gate import example_problems
    from flowlint.loading import Loaded, parse_text

    about_the_gate = example_problems(rule.code, rule.doc.fails, known)
    if about_the_gate:
        where = "flowlint.toml" if rule.example_format == "toml" else "spec.yaml"
        return [
            f"{where}:{p.location.line}:{p.location.column}: {rule.severity.value} "
            f"{rule.code} [{rule.name}] {p.message}"
            for p in about_the_gate
        ]
    source = parse_text(rule.doc.fails, "example.yaml")
    # Every rule runs (then only this rule's findings are shown): an unused-suppression finding
    # (FL902) needs the rule the suppression names to have run.
    report = lint(Loaded((source,)), select_rules(known, ["ALL"]), known=known)
    return [
        f"{f.location.file}:{f.location.line}:{f.location.column}: {f.severity.value} "
        f"{f.code} [{f.rule}] {f.message}"
        for f in report.findings
        if f.code == rule.code
    ]
