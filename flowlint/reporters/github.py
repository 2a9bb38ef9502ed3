"""`--format github`: GitHub Actions workflow commands, so findings show as annotations.

    ::group::specs/line.yaml
    ::error file=specs/line.yaml,line=6,col=11,title=FL101 single-owner::entity 'course' has ...
    ::endgroup::
    Found 1 error in 1 file.

One `::error`, `::warning` or `::notice` (for info) per finding, grouped per file, then the
summary line (not with `--quiet`). Paths are relative to the repository root, as GitHub needs them
to place the annotation on the file. Values are escaped by `flowlint.escaping` as GitHub documents:
in the message `%` becomes `%25`; in property values `:` and `,` also become `%3A`, `%2C`;
line breaks, control characters and bidirectional controls are shown as escapes (`\\n`), so a
message stays on its line. No other line can be read as a workflow command.

At most 1,000 findings of each rule are annotated; a `::notice` says how many were left out. When
findings are suppressed (inline, or hidden by a baseline or `--new-since`) a `::notice` says how
many, so the gate cannot be weakened without a word in the pull request.

`summary_markdown` is the Markdown the CLI appends to `$GITHUB_STEP_SUMMARY` when it is set.
"""

from __future__ import annotations

from itertools import groupby

from flowlint.escaping import github_data, github_property, terminal
from flowlint.findings import Finding, Report, Severity
from flowlint.reporters import (
    RenderOptions,
    capped,
    omitted_line,
    repository_path,
    suppression_summary,
)

COMMANDS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def render(report: Report, options: RenderOptions) -> str:
    """Workflow commands grouped per file, then (unless quiet) the summary line."""
    from flowlint.reporters.text import summary_line

    shown, omitted = capped(report.findings)
    lines: list[str] = []
    for file, findings in groupby(shown, key=lambda f: f.location.file):
        path = repository_path(file, options)
        lines.append(f"::group::{github_data(path)}")
        lines.extend(annotation(finding, path) for finding in findings)
        lines.append("::endgroup::")
    if omitted:
        lines.append(notice(omitted_line(omitted)))
    hidden = suppression_summary(report)
    if hidden:
        lines.append(notice(f"findings not shown: {hidden}."))
    if not options.quiet:
        lines.append(terminal(summary_line(report)))
    return "".join(line + "\n" for line in lines)


def notice(message: str) -> str:
    """A `::notice` without a file, titled flowlint."""
    return f"::notice title=flowlint::{github_data(message)}"


def annotation(finding: Finding, path: str) -> str:
    """One workflow command, e.g. `::error file=a.yaml,line=6,col=11,title=FL101 x::message`."""
    loc = finding.location
    properties = {
        "file": path,
        "line": str(loc.line),
        "col": str(loc.column),
        "title": f"{finding.code} {finding.rule}",
    }
    listed = ",".join(f"{key}={github_property(value)}" for key, value in properties.items())
    return f"::{COMMANDS[finding.severity]} {listed}::{github_data(finding.message)}"


def summary_markdown(report: Report, options: RenderOptions) -> str:
    """The job summary: a heading, the summary sentence and a table of findings."""
    from flowlint.reporters.markdown import render as render_markdown

    return render_markdown(report, RenderOptions(root=options.root, cwd=options.cwd))
