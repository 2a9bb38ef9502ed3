"""`--format junit`: JUnit XML, for CI systems that show test reports (GitLab, Jenkins, Azure).

One `<testsuite>` per spec file, named by its repository-relative path, and in it one `<testcase>`
per rule: `name` is `FL101 single-owner`, `classname` the file. A rule with findings in the file
fails, with one `<failure>` listing each finding on a line (`line:column: severity message`); a
rule that ran and found nothing there passes. Every finding counts, whatever its severity: the
exit code, not this report, applies `--fail-on`. The `<testsuites>` root carries the totals.
Findings that are suppressed (inline, or hidden by a baseline or `--new-since`) are listed in the
`<system-out>` of their file's suite, one a line with why.

Text and attribute values go through `flowlint.escaping.xml`, so a control character in a file
name or a message cannot make the document unparseable.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict

from flowlint.escaping import xml, xml_document
from flowlint.findings import Finding, Report, Suppressed
from flowlint.reporters import RenderOptions, repository_path


def render(report: Report, options: RenderOptions) -> str:
    """The report as a JUnit XML document."""
    root = junit_tree(report, options)
    ET.indent(root)
    document = ET.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + xml_document(document) + "\n"


def junit_tree(report: Report, options: RenderOptions) -> ET.Element:
    """The `<testsuites>` element."""
    names = _rule_names(report, options)
    by_file: dict[str, dict[str, list[Finding]]] = defaultdict(lambda: defaultdict(list))
    for finding in report.findings:
        by_file[finding.location.file][finding.code].append(finding)
    hidden: dict[str, list[Suppressed]] = defaultdict(list)
    for suppressed in report.suppressed:
        hidden[suppressed.finding.location.file].append(suppressed)
    files = list(dict.fromkeys([*report.files, *by_file, *hidden]))
    root = ET.Element("testsuites", name="flowlint")
    total_tests = total_failures = 0
    for file in files:
        path = xml(repository_path(file, options))
        found = by_file.get(file, {})
        suite = ET.SubElement(root, "testsuite", name=path)
        failures = 0
        for code in sorted({*names, *found}):
            case = ET.SubElement(
                suite, "testcase", name=xml(f"{code} {names[code]}".strip()), classname=path
            )
            case.set("file", path)
            if code in found:
                failures += 1
                _failure(case, found[code], code, names[code])
        tests = len(suite)
        if file in hidden:
            out = ET.SubElement(suite, "system-out")
            out.text = "\n".join(_suppressed_line(s) for s in hidden[file])
        suite.set("tests", str(tests))
        suite.set("failures", str(failures))
        suite.set("errors", "0")
        suite.set("skipped", "0")
        total_tests += tests
        total_failures += failures
    root.set("tests", str(total_tests))
    root.set("failures", str(total_failures))
    root.set("errors", "0")
    return root


def _failure(case: ET.Element, findings: list[Finding], code: str, name: str) -> None:
    count = len(findings)
    failure = ET.SubElement(
        case,
        "failure",
        message=xml(f"{count} finding{'s' if count != 1 else ''} of {code} {name}".rstrip()),
        type=max((f.severity for f in findings), key=lambda s: s.rank).value,
    )
    failure.text = "\n".join(
        xml(f"{f.location.line}:{f.location.column}: {f.severity.value} {f.message}")
        for f in findings
    )


def _suppressed_line(suppressed: Suppressed) -> str:
    f = suppressed.finding
    why = f"{suppressed.kind}: {suppressed.reason or 'no reason given'}"
    return xml(
        f"{f.location.line}:{f.location.column}: {f.severity.value} {f.code} {f.message} "
        f"(suppressed, {why})"
    )


def _rule_names(report: Report, options: RenderOptions) -> dict[str, str]:
    # The rules that ran (from the CLI), named by the known rules, and any code that has findings
    # (e.g. meta findings), named by its findings as every other format names it.
    from flowlint.rules import BUILTIN_RULES

    known = {rule.code: rule.name for rule in options.known_rules or BUILTIN_RULES}
    names = {code: known.get(code, "") for code in options.rules}
    names.update((finding.code, finding.rule) for finding in report.findings)
    return names
