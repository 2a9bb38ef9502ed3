"""`flowlint rules` lists every rule; `flowlint explain CODE|NAME` documents one.

Both read the registry (`flowlint.rules.BUILTIN_RULES`) and render through `flowlint.ruledocs`, the
same text `docs/rules.md` is generated from.
"""

from __future__ import annotations

import json
import sys
from enum import Enum
from typing import TYPE_CHECKING, Annotated

import typer

from flowlint.commands import fail, use_color

if TYPE_CHECKING:
    from flowlint.rule import Rule


class RulesFormat(str, Enum):
    text = "text"
    json = "json"


def rules(
    output_format: Annotated[
        RulesFormat, typer.Option("--format", help="Output format.")
    ] = RulesFormat.text,
    no_color: Annotated[bool, typer.Option("--no-color", help="Never colour the output.")] = False,
) -> None:
    """List every rule: code, name, default severity, whether it is on by default, summary."""
    from flowlint.ruledocs import rules_as_json
    from flowlint.rules import BUILTIN_RULES

    if output_format is RulesFormat.json:
        sys.stdout.write(json.dumps(rules_as_json(BUILTIN_RULES), indent=2) + "\n")
    elif use_color(no_color):
        _rich_table(BUILTIN_RULES)
    else:
        from flowlint.ruledocs import render_rules_table

        sys.stdout.write(render_rules_table(BUILTIN_RULES))


def _rich_table(all_rules: tuple[Rule, ...]) -> None:
    from rich import box
    from rich.console import Console
    from rich.table import Table

    styles = {"error": "bold red", "warning": "yellow", "info": "cyan"}
    table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
    table.add_column("Code", style="bold", no_wrap=True)
    table.add_column("Name", no_wrap=True)
    table.add_column("Severity", no_wrap=True)
    table.add_column("Default", no_wrap=True)
    table.add_column("Summary")
    for rule in sorted(all_rules, key=lambda r: r.code):
        severity = rule.severity.value
        table.add_row(
            rule.code,
            rule.name,
            f"[{styles[severity]}]{severity}[/]",
            "on" if rule.enabled_by_default else "[dim]off[/]",
            rule.doc.summary,
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
) -> None:
    """Explain a rule: why it matters, a failing and a passing example, and how to fix it."""
    from flowlint.ruledocs import (
        find_rule,
        prefixed,
        render_explanation,
        rules_as_json,
        suggest,
    )
    from flowlint.rules import BUILTIN_RULES

    found = find_rule(BUILTIN_RULES, rule)
    if found is None:
        several = prefixed(BUILTIN_RULES, rule)
        if len(several) > 1:
            codes = ", ".join(r.code for r in several)
            fail(f"'{rule}' is the start of several rules ({codes}); name one of them")
        close = several[0] if several else suggest(BUILTIN_RULES, rule)
        hint = f"; did you mean {close.code} ({close.name})?" if close else ""
        fail(f"unknown rule '{rule}'{hint} ('flowlint rules' lists every rule)")
    if output_format is RulesFormat.json:
        sys.stdout.write(json.dumps(rules_as_json([found])[0], indent=2) + "\n")
        return
    sys.stdout.write(render_explanation(found, _reported(found)))


def _reported(rule: Rule) -> list[str]:
    """What flowlint says about the rule's failing example, one finding per line."""
    from flowlint.engine import lint, select_rules
    from flowlint.loading import Loaded, parse_text
    from flowlint.rules import BUILTIN_RULES

    source = parse_text(rule.doc.fails, "example.yaml")
    # Every rule runs (then only this rule's findings are shown): an unused-suppression finding
    # (FL902) needs the rule the suppression names to have run.
    report = lint(Loaded((source,)), select_rules(BUILTIN_RULES, ["ALL"]))
    return [
        f"{f.location.file}:{f.location.line}:{f.location.column}: {f.severity.value} "
        f"{f.code} [{f.rule}] {f.message}"
        for f in report.findings
        if f.code == rule.code
    ]
