"""`--format gitlab`: GitLab Code Quality JSON, for the merge-request widget and pipeline tab.

A JSON array with one object per finding:

    {"description": "FL101 single-owner: entity 'course' has 2 owners ...",
     "check_name": "FL101", "fingerprint": "<fingerprint>", "severity": "major",
     "location": {"path": "specs/line.yaml", "lines": {"begin": 6}}}

Severities map error -> major, warning -> minor, info -> info. The fingerprint is the finding's
(repeats get `:2`, `:3`..., since GitLab merges issues that share one), so GitLab sees the same
issue across commits even when lines move. Paths are relative to the repository root.

Suppressed findings are left out: Code Quality has no way to mark an issue suppressed, and GitLab
shows every issue of the report as a problem of the merge request (the JUnit report and the text
summary list them).
"""

from __future__ import annotations

from flowlint.escaping import json_document
from flowlint.findings import Report, Severity
from flowlint.reporters import RenderOptions, occurrence_ids, repository_path

SEVERITIES = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def render(report: Report, options: RenderOptions) -> str:
    """The report as a Code Quality report (indented JSON array)."""
    occurrences = iter(occurrence_ids(report.findings))  # one a finding, in report order
    issues = [
        {
            "description": f"{finding.code} {finding.rule}: {finding.message}",
            "check_name": finding.code,
            "fingerprint": next(occurrences),
            "severity": SEVERITIES[finding.severity],
            "location": {
                "path": repository_path(finding.location.file, options),
                "lines": {"begin": finding.location.line},
            },
        }
        for finding in report.findings
    ]
    return json_document(issues) + "\n"
