"""`--format text` (the default): each finding with the spec lines it is about, then a summary.

    specs/becoming-a-teacher.yaml:118:5: error FL101 [single-owner] entity 'mentor' has 2 owners ...
       117 |   mentor:
       118 |     owner: [placements, claims]
           |     ^

    Found 1 error in 1 file.

The first line of each finding is exactly the `concise` line. The frame shows the line before the
finding (unless it is blank) and the finding's line with a caret under its column; it is left out
when the file's text is not known. `--quiet` prints the first lines only: no frames, no summary.
At most 1,000 findings of each rule are printed, then one line says how many were left out. The
summary also counts the findings suppressed inline and hidden by a baseline.

Every line is escaped for the terminal (`flowlint.escaping.terminal`): control characters, line
breaks and bidirectional controls in a file name, a message or a spec line are shown as escapes,
and no line can be read as a GitHub workflow command.

With colour, the severity is coloured (rich); without it, the text is plain and rich is not
imported at all.
"""

from __future__ import annotations

import unicodedata
from collections import Counter

from flowlint.escaping import terminal
from flowlint.findings import Finding, Report, Severity
from flowlint.reporters import (
    RenderOptions,
    capped,
    omitted_line,
    suppression_summary,
)

_STYLES = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def render(report: Report, options: RenderOptions) -> str:
    """Findings with code frames (none when quiet), then (unless quiet) a one-line summary."""
    return render_findings(report, options, frames=not options.quiet)


def render_findings(report: Report, options: RenderOptions, frames: bool) -> str:
    """The text layout, with or without code frames; `concise` is this without frames."""
    shown, omitted = capped(report.findings)
    if options.color:
        return _colored(report, shown, omitted, options, frames)
    frame_of = _Frames(report)
    lines: list[str] = []
    for finding in shown:
        lines.append(terminal(finding_line(finding)))
        if frames:
            frame = frame_of(finding)
            if frame:
                lines.extend(f"{gutter} | {code}" for gutter, code in frame)
                lines.append("")
    if omitted:
        lines.append(omitted_line(omitted))
    if not options.quiet:
        lines.append(terminal(summary_line(report)))
    return "".join(line + "\n" for line in lines)


def finding_line(finding: Finding) -> str:
    """`file:line:column: severity CODE [name] message`: a finding on one line (not escaped)."""
    loc = finding.location
    return (
        f"{loc.file}:{loc.line}:{loc.column}: {finding.severity.value} "
        f"{finding.code} [{finding.rule}] {finding.message}"
    )


def summary_line(report: Report) -> str:
    """E.g. 'Found 3 errors, 1 warning and 2 info in 1 file.' or 'No findings in 2 files.', with
    what was suppressed: 'No findings in 1 file; 2 suppressed inline, 1 without a reason.'
    (not escaped: it may name a baseline file)."""
    files = _count(len(report.files), "file")
    parts = [_count(n, s.value) for s in Severity if (n := report.summary.get(s.value))]
    hidden = suppression_summary(report)
    also = f"; {hidden}" if hidden else ""
    if not parts:
        return f"No {'new ' if report.baseline is not None else ''}findings in {files}{also}."
    listed = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
    return f"Found {listed} in {files}{also}."


class _Frames:
    """Code frames for the findings of one report: each file is split into lines once, and one
    gutter width serves every frame so the bars line up."""

    def __init__(self, report: Report) -> None:
        self._texts = report.texts
        self._lines: dict[str, list[str]] = {}
        self._width = max((len(str(f.location.line)) for f in report.findings), default=1)

    def __call__(self, finding: Finding) -> list[tuple[str, str]]:
        path = finding.location.file
        if path not in self._lines:
            text = self._texts.get(path)
            self._lines[path] = text.split("\n") if text is not None else []
        return code_frame(finding, self._lines[path], self._width)


def code_frame(finding: Finding, lines: list[str], width: int) -> list[tuple[str, str]]:
    """(gutter, code) rows: the line before (unless blank), the line, and a caret row.

    Empty when the text is unknown or the line is past its end. A long line is cut to a window
    around the column. The code is escaped as the row it is printed in (`escaping.terminal`):
    control characters (tabs too), line breaks and bidirectional controls are shown as escapes,
    so a spec cannot drive the terminal, and the caret is placed under the escaped text.
    """
    number = finding.location.line
    if not 1 <= number <= len(lines):
        return []
    width = max(width, len(str(number)))
    column = finding.location.column
    rows = []
    if number > 1:
        before, _ = _window(lines[number - 2], column)
        if before.strip():
            gutter = f"   {str(number - 1).rjust(width)}"
            rows.append((gutter, _escaped(before)))
    line, column = _window(lines[number - 1], column)
    gutter = f"   {str(number).rjust(width)}"
    rows.append((gutter, _escaped(line)))
    padding = _caret_padding(_escaped(line[: max(column - 1, 0)]))
    rows.append((f"   {' ' * width}", padding + "^"))
    return rows


# What every row of a frame starts with, as far as escaping can tell: a line number and a bar.
_ROW = "1 | "


def _escaped(code: str) -> str:
    # Escaped as the whole row is printed: a gutter starts it, so the spec text never starts a
    # line, and the escape of a prefix of `code` is a prefix of the escape of `code`.
    return terminal(_ROW + code)[len(_ROW) :]


_WINDOW = 120


def _window(line: str, column: int) -> tuple[str, int]:
    """The part of `line` a reader needs: all of it when short, else about 120 characters around
    `column`, marked with ellipses. Returns the text (not escaped) and the new column."""
    line = line.removesuffix("\r")
    start = max(0, min(column - 1 - _WINDOW // 2, len(line) - _WINDOW))
    piece = line[start : start + _WINDOW]
    prefix = "…" if start > 0 else ""
    suffix = "…" if start + _WINDOW < len(line) else ""
    return prefix + piece + suffix, column - start + len(prefix)


def _caret_padding(prefix: str) -> str:
    # Wide (East Asian) characters take two cells, so the caret lines up under the column.
    return "".join("  " if unicodedata.east_asian_width(ch) in ("W", "F") else " " for ch in prefix)


_PLURALS = {"error": "errors", "warning": "warnings", "info": "info", "file": "files"}


def _count(n: int, word: str) -> str:
    return f"{n} {word if n == 1 else _PLURALS[word]}"


def _colored(
    report: Report,
    shown: list[Finding],
    omitted: Counter[str],
    options: RenderOptions,
    frames: bool,
) -> str:
    import io

    from rich.console import Console
    from rich.text import Text

    frame_of = _Frames(report)
    buffer = io.StringIO()
    # An explicit colour system colours whatever the file is; soft wrap never breaks a line; rich
    # highlights only plain strings, never the Text printed here.
    console = Console(file=buffer, color_system="standard", soft_wrap=True)
    for finding in shown:
        loc = finding.location
        style = _STYLES[finding.severity]
        line = Text()
        line.append(terminal(f"{loc.file}:{loc.line}:{loc.column}:"), style="bold")
        line.append(" ")
        line.append(finding.severity.value, style=style)
        line.append(f" {finding.code}", style="bold")
        line.append(f" [{terminal(finding.rule)}]", style="dim")
        line.append(f" {terminal(finding.message)}")
        console.print(line)
        frame = frame_of(finding) if frames else []
        for index, (gutter, code) in enumerate(frame):
            row = Text()
            row.append(f"{gutter} | ", style="dim")
            row.append(code, style=style if index == len(frame) - 1 else None)
            console.print(row)
        if frame:
            console.print()
    if omitted:
        console.print(Text(omitted_line(omitted)))
    if not options.quiet:
        worst = report.worst()
        style = _STYLES[worst] if worst else "green"
        console.print(Text(terminal(summary_line(report)), style=style))
    return buffer.getvalue()
