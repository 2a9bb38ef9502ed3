"""`--format text`: one line per finding, then a summary.

    specs/becoming-a-teacher.yaml:118:5: error FL101 [single-owner] entity 'mentor' has 2 owners ...

With colour, the severity is coloured (rich); without it, the text is plain and rich is not
imported at all.
"""

from __future__ import annotations

from flowlint.findings import Finding, Report, Severity
from flowlint.reporters import RenderOptions

_STYLES = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def render(report: Report, options: RenderOptions) -> str:
    """Findings one per line, then (unless quiet) a one-line summary."""
    lines = [_plain(f) for f in report.findings]
    if not options.quiet:
        lines.append(summary_line(report))
    if not options.color:
        return "".join(line + "\n" for line in lines)
    return _colored(report, options)


def summary_line(report: Report) -> str:
    """E.g. 'Found 3 errors, 1 warning and 2 info in 1 file.' or 'No findings in 2 files.'"""
    files = _count(len(report.files), "file")
    parts = [
        _count(report.summary.get(s.value, 0), s.value)
        for s in Severity
        if report.summary.get(s.value, 0)
    ]
    if not parts:
        return f"No findings in {files}."
    listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    return f"Found {listed} in {files}."


def _plain(finding: Finding) -> str:
    loc = finding.location
    return (
        f"{loc.file}:{loc.line}:{loc.column}: {finding.severity.value} "
        f"{finding.code} [{finding.rule}] {finding.message}"
    )


_PLURALS = {"error": "errors", "warning": "warnings", "info": "info", "file": "files"}


def _count(n: int, word: str) -> str:
    return f"{n} {word if n == 1 else _PLURALS[word]}"


def _colored(report: Report, options: RenderOptions) -> str:
    import io

    from rich.console import Console
    from rich.text import Text

    buffer = io.StringIO()
    console = Console(
        file=buffer, force_terminal=True, color_system="standard", width=100_000, soft_wrap=True
    )
    for finding in report.findings:
        loc = finding.location
        line = Text()
        line.append(f"{loc.file}:{loc.line}:{loc.column}:", style="bold")
        line.append(" ")
        line.append(finding.severity.value, style=_STYLES[finding.severity])
        line.append(f" {finding.code}", style="bold")
        line.append(f" [{finding.rule}]", style="dim")
        line.append(f" {finding.message}")
        console.print(line, highlight=False)
    if not options.quiet:
        worst = report.worst()
        style = _STYLES[worst] if worst else "green"
        console.print(Text(summary_line(report), style=style), highlight=False)
    return buffer.getvalue()
