"""`--format json`: one JSON document on stdout and nothing else.

{"flowlint": "<version>",
 "findings": [{"code", "rule", "severity", "message", "file", "line", "column", "pointer",
               "fingerprint"}],
 "summary": {"error": n, "warning": n, "info": n}}

`fingerprint` is the finding's stable id (rule and the ids of what it is about; not its line), the
one a baseline records. Two findings of one rule about the same things share it.
"""

from __future__ import annotations

import json

from flowlint.findings import Report
from flowlint.reporters import RenderOptions


def render(report: Report, options: RenderOptions) -> str:
    """The report as indented JSON, keys in the documented order."""
    document = {
        "flowlint": options.version,
        "findings": [finding.as_dict() for finding in report.findings],
        "summary": report.summary,
    }
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
