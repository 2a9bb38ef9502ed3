"""`--format markdown`: a Markdown table of the findings, for pull-request comments.

    ## flowlint

    Found 1 error in 1 file.

    | Severity | Rule | Location | Message |
    | --- | --- | --- | --- |
    | error | FL101 single-owner | specs/line.yaml:6:11 | entity 'course' has 2 owners ... |

Cells are escaped so that nothing in a message can break the table or turn into markup: Markdown
punctuation gets a backslash (`|` becomes `\\|`) and a line break becomes `<br>`. Paths are
relative to the repository root. `--quiet` prints the table alone (nothing when there are no
findings).
"""

from __future__ import annotations

import re

from flowlint.findings import Report
from flowlint.reporters import RenderOptions, repository_path
from flowlint.reporters.text import summary_line

HEADING = "## flowlint"

# ASCII punctuation that can start markup or end a table cell; CommonMark lets a backslash
# escape any of it, and renders the character alone.
_SPECIAL = re.compile(r"([\\`*_\[\]<>|&~#])")


def render(report: Report, options: RenderOptions) -> str:
    """Heading, summary sentence and table (the table alone when quiet)."""
    table = findings_table(report, options)
    if options.quiet:
        return table
    parts = [HEADING, summary_line(report)]
    if table:
        parts.append(table.rstrip("\n"))
    return "\n\n".join(parts) + "\n"


def findings_table(report: Report, options: RenderOptions) -> str:
    """A GitHub-flavoured Markdown table, one row per finding; '' when there are none."""
    if not report.findings:
        return ""
    rows = ["| Severity | Rule | Location | Message |", "| --- | --- | --- | --- |"]
    for finding in report.findings:
        loc = finding.location
        where = f"{repository_path(loc.file, options)}:{loc.line}:{loc.column}"
        cells = (finding.severity.value, f"{finding.code} {finding.rule}", where, finding.message)
        rows.append("| " + " | ".join(escape(cell) for cell in cells) + " |")
    return "\n".join(rows) + "\n"


def escape(text: str) -> str:
    """`text` as the content of one table cell, shown literally."""
    escaped = _SPECIAL.sub(r"\\\1", text)
    return escaped.replace("\r\n", "<br>").replace("\n", "<br>").replace("\r", "<br>")
