"""`--format json`: one JSON document on stdout and nothing else.

{"flowlint": "<version>",
 "findings": [{"code", "rule", "severity", "message", "file", "line", "column", "pointer",
               "fingerprint"}],
 "summary": {"error": n, "warning": n, "info": n},
 "suppressed": [{...the finding's keys..., "suppression": {"kind", "reason"}}],
 "baseline": {"file", "hidden": n, "stale": [{"code", "rule", "about", "count", "fingerprint"}]}}

`suppressed` lists the findings not shown: `kind` is "inline" (a suppression comment; `reason` is
what it says after the brackets, "" for nothing), "baseline" or "new-since" (`reason` says which
baseline file or revision knows it). `summary` counts only the findings shown.

`baseline` is there only when a baseline hid findings (`check --baseline`); with `--new-since REV`
it is {"new_since": REV, "merge_base": "<commit>", "hidden": n}.

`fingerprint` is the finding's stable id (rule and the ids of what it is about; not its line), the
one a baseline records. Two findings of one rule about the same things share it.
"""

from __future__ import annotations

from flowlint.escaping import json_document
from flowlint.findings import Report
from flowlint.reporters import RenderOptions


def render(report: Report, options: RenderOptions) -> str:
    """The report as indented JSON, keys in the documented order."""
    document = {
        "flowlint": options.version,
        "findings": [finding.as_dict() for finding in report.findings],
        "summary": report.summary,
        "suppressed": [
            {
                **s.finding.as_dict(),
                "suppression": {"kind": s.kind, "reason": s.reason},
            }
            for s in report.suppressed
        ],
    }
    if report.baseline is not None:
        document["baseline"] = report.baseline.as_dict()
    return json_document(document) + "\n"
