"""`--format github`: GitHub Actions workflow commands, so findings show as annotations.

    ::group::specs/line.yaml
    ::error file=specs/line.yaml,line=6,col=11,title=FL101 single-owner::entity 'course' has ...
    ::endgroup::
    Found 1 error in 1 file.

One `::error`, `::warning` or `::notice` (for info) per finding, grouped per file, then the
summary line (not with `--quiet`). Paths are relative to the repository root, as GitHub needs them
to place the annotation on the file. Values are escaped as the Actions toolkit does: in the message
`%`, CR and LF become `%25`, `%0D`, `%0A`; in property values `:` and `,` also become `%3A`, `%2C`.

`summary_markdown` is the Markdown the CLI appends to `$GITHUB_STEP_SUMMARY` when it is set.
"""

from __future__ import annotations

from itertools import groupby

from flowlint.findings import Finding, Report, Severity
from flowlint.reporters import RenderOptions, repository_path

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def render(report: Report, options: RenderOptions) -> str:
    """Workflow commands grouped per file, then (unless quiet) the summary line."""
    from flowlint.reporters.text import summary_line

    lines: list[str] = []
    for file, findings in groupby(report.findings, key=lambda f: f.location.file):
        path = repository_path(file, options)
        lines.append(f"::group::{escape_data(path)}")
        lines.extend(annotation(finding, path) for finding in findings)
        lines.append("::endgroup::")
    if not options.quiet:
        lines.append(summary_line(report))
    return "".join(line + "\n" for line in lines)


def annotation(finding: Finding, path: str) -> str:
    """One workflow command, e.g. `::error file=a.yaml,line=6,col=11,title=FL101 x::message`."""
    loc = finding.location
    properties = {
        "file": path,
        "line": str(loc.line),
        "col": str(loc.column),
        "title": f"{finding.code} {finding.rule}",
    }
    listed = ",".join(f"{key}={escape_property(value)}" for key, value in properties.items())
    return f"::{COMMANDS[finding.severity]} {listed}::{escape_data(finding.message)}"


def escape_data(text: str) -> str:
    """Escape a command's message as GitHub's toolkit does (`%` first, then CR and LF)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a property value: as data, plus `:` and `,`, which delimit properties."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def summary_markdown(report: Report, options: RenderOptions) -> str:
    """The job summary: a heading, the summary sentence and a table of findings."""
    from flowlint.reporters.markdown import render as render_markdown

    return render_markdown(report, RenderOptions(root=options.root, cwd=options.cwd))
