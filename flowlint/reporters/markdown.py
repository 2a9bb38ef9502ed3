"""`--format markdown`: a Markdown table of the findings, for pull-request comments.

    ## flowlint

    Found 1 error in 1 file.

    | Severity | Rule | Location | Message |
    | --- | --- | --- | --- |
    | error | FL101 single-owner | specs/line.yaml:6:11 | entity 'course' has 2 owners ... |

Every cell is escaped by `flowlint.escaping.markdown`, so nothing in a message or a file name can
break the table or turn into markup: Markdown punctuation gets a backslash (`|` becomes `\\|`),
control characters and line breaks are shown as escapes, and @-mentions do not notify. Paths are
relative to the repository root. At most 1,000 findings of each rule are listed, then a line says
how many were left out.

When findings are suppressed (inline, or hidden by a baseline or `--new-since`), a note after the
summary says how many, and a collapsed table lists them with why. `--quiet` prints the tables alone
(nothing when there are no findings).
"""

from __future__ import annotations

from flowlint.escaping import markdown
from flowlint.findings import Finding, Report
from flowlint.reporters import (
    RenderOptions,
    capped,
    omitted_line,
    repository_path,
    suppression_summary,
)
from flowlint.reporters.text import summary_line

HEADING = "## flowlint"
_HEADER = ["| Severity | Rule | Location | Message |", "| --- | --- | --- | --- |"]


def render(report: Report, options: RenderOptions) -> str:
    """Heading, summary sentence, table and suppressed findings (the tables alone when quiet)."""
    table = findings_table(report, options)
    hidden = suppressed_table(report, options)
    if options.quiet:
        return "\n".join(part.removesuffix("\n") for part in (table, hidden) if part) + (
            "\n" if table or hidden else ""
        )
    parts = [HEADING, markdown(summary_line(report))]
    if table:
        parts.append(table.removesuffix("\n"))
    if hidden:
        parts.append(hidden.removesuffix("\n"))
    return "\n\n".join(parts) + "\n"


def findings_table(report: Report, options: RenderOptions) -> str:
    """A GitHub-flavoured Markdown table, one row per finding; '' when there are none."""
    if not report.findings:
        return ""
    shown, omitted = capped(report.findings)
    rows = [*_HEADER, *(_row(finding, options) for finding in shown)]
    if omitted:
        rows += ["", markdown(omitted_line(omitted))]
    return "\n".join(rows) + "\n"


def suppressed_table(report: Report, options: RenderOptions) -> str:
    """A note saying how many findings are not shown and why, then a collapsed table of them
    with a Why column; '' when none are suppressed."""
    if not report.suppressed:
        return ""
    count = len(report.suppressed)
    noun = "finding" if count == 1 else "findings"
    shown, omitted = capped(s.finding for s in report.suppressed)
    keep = set(map(id, shown))
    rows = [
        f"> **Suppressed:** {markdown(suppression_summary(report))}.",
        "",
        "<details>",
        f"<summary>{count:,} suppressed {noun}</summary>",
        "",
        "| Severity | Rule | Location | Message | Why it is not shown |",
        "| --- | --- | --- | --- | --- |",
    ]
    for suppressed in report.suppressed:
        if id(suppressed.finding) in keep:
            why = f"{suppressed.kind}: {suppressed.reason or 'no reason given'}"
            rows.append(f"{_row(suppressed.finding, options)} {markdown(why)} |")
    if omitted:
        rows += ["", markdown(omitted_line(omitted))]
    rows += ["", "</details>"]
    return "\n".join(rows) + "\n"


def _row(finding: Finding, options: RenderOptions) -> str:
    loc = finding.location
    where = f"{repository_path(loc.file, options)}:{loc.line}:{loc.column}"
    cells = (finding.severity.value, f"{finding.code} {finding.rule}", where, finding.message)
    return "| " + " | ".join(markdown(cell) for cell in cells) + " |"
