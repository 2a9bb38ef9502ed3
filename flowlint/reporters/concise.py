"""`--format concise`: one line per finding, then a summary (the `text` format without frames).

    specs/becoming-a-teacher.yaml:118:5: error FL101 [single-owner] entity 'mentor' has 2 owners ...
    Found 1 error in 1 file.

Each line is `file:line:column: severity CODE [name] message`, for editors and grep.
"""

from __future__ import annotations

from flowlint.findings import Report
from flowlint.reporters import RenderOptions
from flowlint.reporters.text import render_findings


def render(report: Report, options: RenderOptions) -> str:
    """Findings one per line, then (unless quiet) a one-line summary."""
    return render_findings(report, options, frames=False)
