"""`--format sarif`: a SARIF 2.1.0 log, for GitHub code scanning and other SARIF viewers.

One run whose `tool.driver` describes every rule flowlint knows in the run, built-in and plugins
(`RenderOptions.known_rules`: id, name, descriptions, help text from the rule's documentation,
default level; a plugin rule's origin in `properties.origin`) and whose results each carry
`ruleId`, `ruleIndex`, `level` (error, warning, or note for info), `message.text`, one location
with a 1-based region and an artifact URI relative to the repository root (`uriBaseId`
`%SRCROOT%`), and `partialFingerprints["flowlint/v1"]`: the finding's fingerprint, with `:2`,
`:3`... added to repeats so that code scanning keeps each one. `properties.fingerprint` is the
plain fingerprint.

A file outside the repository root gets an absolute `file://` URI and no `uriBaseId`.

Suppressed findings stay in the log as results with `suppressions` (SARIF 2.1.0, 3.27.23): kind
`inSource` for a `# flowlint: ignore[...]` comment, with its reason as the `justification`, and
kind `external` for a finding a baseline or `--new-since` hides, saying which. Viewers then show
them as suppressed, and anyone can see what a change suppressed.
"""

from __future__ import annotations

from pathlib import PurePosixPath
from urllib.parse import quote

from flowlint.escaping import json_document
from flowlint.findings import INLINE, Finding, Report, Severity, Suppressed
from flowlint.reporters import RenderOptions, occurrence_ids, repository_path
from flowlint.rule import Rule

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
URI_BASE_ID = "%SRCROOT%"
FINGERPRINT_KEY = "flowlint/v1"

LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def render(report: Report, options: RenderOptions) -> str:
    """The report as one SARIF 2.1.0 log (indented JSON)."""
    return json_document(sarif_log(report, options)) + "\n"


def sarif_log(report: Report, options: RenderOptions) -> dict[str, object]:
    """The SARIF log as plain data."""
    from flowlint.rules import BUILTIN_RULES

    known = options.known_rules or BUILTIN_RULES
    descriptors = [rule_descriptor(rule) for rule in known]
    index = {rule.code: i for i, rule in enumerate(known)}
    # Findings of codes that are not built-in rules (e.g. meta findings) still need a descriptor.
    hidden = [suppressed.finding for suppressed in report.suppressed]
    every = [*report.findings, *hidden]
    for finding in every:
        if finding.code not in index:
            index[finding.code] = len(descriptors)
            descriptors.append(_minimal_descriptor(finding))
    driver: dict[str, object] = {"name": "flowlint", "version": options.version or "unknown"}
    uri = information_uri()
    if uri:
        driver["informationUri"] = uri
    driver["rules"] = descriptors
    run: dict[str, object] = {"tool": {"driver": driver}}
    if options.root:
        root_uri = PurePosixPath(options.root).as_uri()  # ends with "/" only for the root "/"
        if not root_uri.endswith("/"):
            root_uri += "/"
        run["originalUriBaseIds"] = {URI_BASE_ID: {"uri": root_uri}}
    # The shown findings, then the suppressed ones: each takes the next occurrence id.
    occurrences = iter(occurrence_ids(every))
    results = [
        _result(finding, index[finding.code], next(occurrences), options)
        for finding in report.findings
    ]
    for suppressed in report.suppressed:
        finding = suppressed.finding
        result = _result(finding, index[finding.code], next(occurrences), options)
        result["suppressions"] = [suppression(suppressed)]
        results.append(result)
    run["results"] = results
    return {"$schema": SCHEMA_URI, "version": SARIF_VERSION, "runs": [run]}


def rule_descriptor(rule: Rule) -> dict[str, object]:
    """A SARIF reportingDescriptor for `rule`, from its documentation."""
    doc = rule.doc
    text = "\n\n".join(
        part for part in (doc.summary, _prefixed("Why", doc.why), _prefixed("Fix", doc.fix)) if part
    )
    markdown = "\n\n".join(
        part
        for part in (
            f"**{doc.summary}**" if doc.summary else "",
            _prefixed("Why", doc.why),
            _example("Fails", doc.fails),
            _example("Passes", doc.passes),
            _prefixed("Fix", doc.fix),
        )
        if part
    )
    descriptor: dict[str, object] = {
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": doc.summary or rule.name},
        "fullDescription": {"text": _sentence(doc.why) or doc.summary or rule.name},
        "help": {"text": text or rule.name, "markdown": markdown or rule.name},
        "defaultConfiguration": {
            "level": LEVELS[rule.severity],
            "enabled": rule.enabled_by_default,
        },
    }
    if rule.origin != "flowlint":
        descriptor["properties"] = {"origin": rule.origin}
    return descriptor


def information_uri() -> str:
    """The project's home page from the installed package's metadata, or '' when it has none."""
    from importlib import metadata

    try:
        meta = metadata.metadata("flowlint")
    except metadata.PackageNotFoundError:
        return ""
    for entry in meta.get_all("Project-URL") or []:
        label, _, url = entry.partition(",")
        if label.strip().lower() in ("homepage", "home", "documentation", "repository"):
            return url.strip()
    return (meta.get("Home-page") or "").strip()


def artifact_location(file: str, options: RenderOptions) -> dict[str, str]:
    """A repository-relative URI with its base id, or an absolute file URI outside the root."""
    path = repository_path(file, options)
    if options.root and path.startswith("/"):
        return {"uri": PurePosixPath(path).as_uri()}
    # A file name that is not UTF-8 reaches here with surrogates: its bytes are what the URI holds.
    location = {"uri": quote(path, errors="surrogateescape")}  # "/" is safe: it stays
    if options.root:
        location["uriBaseId"] = URI_BASE_ID
    return location


def _result(
    finding: Finding, rule_index: int, occurrence: str, options: RenderOptions
) -> dict[str, object]:
    loc = finding.location
    return {
        "ruleId": finding.code,
        "ruleIndex": rule_index,
        "level": LEVELS[finding.severity],
        "message": {"text": finding.message},
        "locations": [
            {
                "physicalLocation": {
                    "artifactLocation": artifact_location(loc.file, options),
                    "region": {"startLine": max(loc.line, 1), "startColumn": max(loc.column, 1)},
                },
                "logicalLocations": [{"fullyQualifiedName": loc.pointer or "/", "kind": "element"}],
            }
        ],
        "partialFingerprints": {FINGERPRINT_KEY: occurrence},
        "properties": {"fingerprint": finding.fingerprint, "rule": finding.rule},
    }


def suppression(suppressed: Suppressed) -> dict[str, str]:
    """A SARIF suppression object: `inSource` for a comment, `external` for a baseline."""
    if suppressed.kind == INLINE:
        found = {"kind": "inSource"}
        if suppressed.reason:
            found["justification"] = suppressed.reason
        return found
    return {"kind": "external", "justification": suppressed.reason}


def _minimal_descriptor(finding: Finding) -> dict[str, object]:
    return {
        "id": finding.code,
        "name": finding.rule,
        "shortDescription": {"text": finding.rule},
        "defaultConfiguration": {"level": LEVELS[finding.severity]},
    }


def _prefixed(label: str, text: str) -> str:
    return f"{label}: {text}" if text else ""


def _example(label: str, spec: str) -> str:
    if not spec.strip():
        return ""
    return f"{label}:\n\n```yaml\n{spec.rstrip()}\n```"


def _sentence(text: str) -> str:
    # The Why section continues "Why:", so it starts in lower case; a description stands alone.
    return text[:1].upper() + text[1:]
