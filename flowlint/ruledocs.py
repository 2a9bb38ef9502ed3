"""Rule documentation as text, JSON and Markdown, from the rule modules' docstrings (`Rule.doc`).

Pure: rules in, text out. `flowlint rules`, `flowlint explain` and `docs/rules.md` (written by
`python tools/gen_rules_doc.py`) all render from here, so they say the same thing.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from flowlint.rule import Rule

BUILTIN_ORIGIN = "flowlint"

GENERATED_NOTE = (
    "<!-- Generated from the rule modules (flowlint/rules/*.py) by `python tools/gen_rules_doc.py`;"
    " do not edit by hand. -->"
)


def find_rule(rules: Sequence[Rule], query: str) -> Rule | None:
    """The rule whose code (any case) or name is `query`, or None."""
    wanted = query.strip()
    for rule in rules:
        if rule.code == wanted.upper() or rule.name == wanted.lower():
            return rule
    return None


def prefixed(rules: Sequence[Rule], query: str) -> list[Rule]:
    """The rules whose code starts with `query` (e.g. FL3), when it is not a whole code."""
    wanted = query.strip().upper()
    return [r for r in rules if wanted and r.code.startswith(wanted) and r.code != wanted]


def default_words(rule: Rule) -> str:
    return "on by default" if rule.enabled_by_default else "off by default"


def rules_as_json(rules: Iterable[Rule]) -> list[dict[str, object]]:
    """Each rule's metadata and documentation, for `--format json`."""
    return [
        {
            "code": rule.code,
            "name": rule.name,
            "severity": rule.severity.value,
            "enabled_by_default": rule.enabled_by_default,
            "summary": rule.doc.summary,
            "why": rule.doc.why,
            "fails": rule.doc.fails,
            "passes": rule.doc.passes,
            "fix": rule.doc.fix,
            "origin": rule.origin,
            "options_schema": rule.options_schema,
        }
        for rule in _ordered(rules)
    ]


def render_rules_table(rules: Iterable[Rule]) -> str:
    """A plain-text table of every rule: code, name, severity, on by default, summary; with an
    ORIGIN column before the summary when there are plugin rules."""
    ordered = _ordered(rules)
    with_origin = any(r.origin != BUILTIN_ORIGIN for r in ordered)
    header = ("CODE", "NAME", "SEVERITY", "DEFAULT", *(("ORIGIN",) * with_origin), "SUMMARY")
    rows = [
        (
            r.code,
            r.name,
            r.severity.value,
            "on" if r.enabled_by_default else "off",
            *((r.origin,) * with_origin),
            r.doc.summary,
        )
        for r in ordered
    ]
    fixed = len(header) - 1
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(fixed)]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(row[:fixed], widths, strict=True))
        + "  "
        + row[fixed]
        for row in [header, *rows]
    ]
    enabled = sum(r.enabled_by_default for r in ordered)
    lines.append("")
    lines.append(
        f"{len(ordered)} rules, {enabled} on by default. "
        "'flowlint explain CODE' says why a rule matters and how to fix what it finds."
    )
    return "\n".join(line.rstrip() for line in lines) + "\n"


def render_explanation(rule: Rule, reported: Sequence[str] = (), width: int = 88) -> str:
    """`flowlint explain`: summary, why it matters, the failing example (and what flowlint says
    about it), the passing example, and how to fix."""
    doc = rule.doc
    origin = f"; from {rule.origin}" if rule.origin != BUILTIN_ORIGIN else ""
    lines = [
        f"{rule.code} {rule.name}: {doc.summary}",
        f"Severity {rule.severity.value}, {default_words(rule)}{origin}.",
        "",
        "Why it matters",
        *_wrap(_sentence(doc.why), width),
        "",
        "Fails",
        *_indent(doc.fails),
    ]
    if reported:
        lines += ["", "flowlint says", *(f"    {line}" for line in reported)]
    lines += [
        "",
        "Passes",
        *_indent(doc.passes),
        "",
        "How to fix",
        *_wrap(_sentence(doc.fix), width),
    ]
    if rule.options_schema is not None:
        lines += ["", f"Options ([tool.flowlint.rule-options.{rule.code}])"]
        lines += _options(rule.options_schema, width)
    return "\n".join(lines) + "\n"


def _options(schema: Mapping[str, Any], width: int) -> list[str]:
    """One entry per option of an options schema: name, type, default, description."""
    import json

    lines = []
    for name, prop in schema.get("properties", {}).items():
        kind = prop.get("type", "")
        kind = " or ".join(kind) if isinstance(kind, list) else kind
        if "enum" in prop:
            kind = "one of " + ", ".join(json.dumps(v) for v in prop["enum"])
        default = f", default {json.dumps(prop['default'])}" if "default" in prop else ""
        text = f"{name}: {kind or 'any value'}{default}. {prop.get('description', '')}".strip()
        lines += _wrap(text, width)
    return lines or ["  (none)"]


def render_rules_markdown(rules: Iterable[Rule]) -> str:
    """docs/rules.md: an index table, then each rule's documentation."""
    ordered = _ordered(rules)
    enabled = sum(r.enabled_by_default for r in ordered)
    lines = [
        "# flowlint rules",
        "",
        GENERATED_NOTE,
        "",
        f"flowlint has {len(ordered)} built-in rules; {enabled} are on by default. Choose rules "
        "with `flowlint check --select` and `--ignore` (codes such as `FL101`, names such as "
        "`single-owner`, prefixes such as `FL1`, or `ALL`). `flowlint rules` lists them and "
        "`flowlint explain CODE` prints one rule's entry in the terminal.",
        "",
        "| Code | Name | Severity | On by default | Summary |",
        "| --- | --- | --- | --- | --- |",
    ]
    for rule in ordered:
        anchor = f"{rule.code}-{rule.name}".lower()
        lines.append(
            f"| [{rule.code}](#{anchor}) | `{rule.name}` | {rule.severity.value} | "
            f"{'yes' if rule.enabled_by_default else 'no'} | {_cell(rule.doc.summary)} |"
        )
    for rule in ordered:
        doc = rule.doc
        lines += [
            "",
            f"## {rule.code} {rule.name}",
            "",
            doc.summary,
            "",
            f"Severity: **{rule.severity.value}**, {default_words(rule)}.",
            "",
            f"**Why it matters.** {_sentence(doc.why)}",
            "",
            "**Fails:**",
            "",
            "```yaml",
            *doc.fails.rstrip("\n").split("\n"),
            "```",
            "",
            "**Passes:**",
            "",
            "```yaml",
            *doc.passes.rstrip("\n").split("\n"),
            "```",
            "",
            f"**How to fix.** {_sentence(doc.fix)}",
        ]
    return "\n".join(lines) + "\n"


def _ordered(rules: Iterable[Rule]) -> list[Rule]:
    return sorted(rules, key=lambda rule: rule.code)


def _sentence(text: str) -> str:
    """The docstring sections continue 'Why:' and 'Fix:'; standing alone they start a sentence."""
    return text[:1].upper() + text[1:]


def _wrap(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width=width, initial_indent="  ", subsequent_indent="  ") or [""]


def _indent(block: str) -> list[str]:
    return [f"    {line}" if line else "" for line in block.rstrip("\n").split("\n")]


def _cell(text: str) -> str:
    return text.replace("|", "\\|")
