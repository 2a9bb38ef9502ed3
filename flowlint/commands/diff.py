"""`flowlint diff BASE [HEAD]`: the semantic changes between two versions of a spec, with verdicts.

BASE and HEAD are each a git revision (read through git, never from the work tree) or a spec file
or directory on disk. `rev:NAME` and `path:NAME` say which; a bare name that is both a revision and
an existing path is refused as ambiguous (as git does), so a folder named `origin/main` in a pull
request cannot stand in for the branch. HEAD defaults to the work tree. From a
git revision or the work tree, the spec files under `--path` (default: the configured `specs`, else
`specs/`) are read. The configuration is settled as for `check` (`flowlint.settings`), and both
versions are linted with its rules, severities and per-path ignores.

Exit codes: 0 no change at or above `--fail-on` (default: breaking), 1 one is, 2 flowlint could not
compare (a bad revision, not a git repository, a missing path), with one line on stderr. A change
that introduces a finding `check` fails on is breaking (see `flowlint.diffing`), so with the
default the diff fails whenever `check` would fail on something the change added.

Every name, id, path and message is escaped by `flowlint.escaping` for the format: the terminal
for text, Markdown (and Mermaid in its diagram) for markdown, JSON for json. The text and markdown
formats list at most 1,000 findings introduced or resolved per rule and say how many they left
out; json lists them all.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from flowlint.commands import error, fail, use_color
from flowlint.commands.config import (
    AllowLocalRulesOption,
    ConfigOption,
    IsolatedOption,
    MaxFileSizeOption,
    settled,
)
from flowlint.escaping import json_document, markdown, markdown_code, mermaid, terminal
from flowlint.loading import STDIN

if TYPE_CHECKING:
    from flowlint.diffing import Change, SpecDiff
    from flowlint.findings import Finding
    from flowlint.loading import Loaded
    from flowlint.model import Flow, Model
    from flowlint.settings import Settled

WORK_TREE = "the work tree"


class DiffFormat(str, Enum):
    text = "text"
    json = "json"
    markdown = "markdown"


class DiffFailOn(str, Enum):
    breaking = "breaking"
    risky = "risky"
    never = "never"


def diff(
    base: Annotated[
        str,
        typer.Argument(
            help="The version to compare from: a git revision (main, HEAD~1, a commit id) "
            "or a spec file or directory; rev:NAME or path:NAME when a name could be both.",
            show_default=False,
        ),
    ],
    head: Annotated[
        str | None,
        typer.Argument(
            help="The version to compare to, in the same forms. Default: the work tree.",
            show_default=False,
        ),
    ] = None,
    path: Annotated[
        list[str] | None,
        typer.Option(
            "--path",
            help="Spec files or directories to read from a git revision or the work tree "
            "(repeatable). Default: `specs` from the configuration, else specs/.",
            show_default=False,
        ),
    ] = None,
    output_format: Annotated[
        DiffFormat, typer.Option("--format", help="Output format.")
    ] = DiffFormat.text,
    fail_on: Annotated[
        DiffFailOn,
        typer.Option(
            help="Exit 1 when a change is at least this severe. A change that introduces a "
            "finding check fails on (`fail-on` of the configuration, default error) is breaking."
        ),
    ] = DiffFailOn.breaking,
    config_file: ConfigOption = None,
    isolated: IsolatedOption = False,
    allow_local_rules: AllowLocalRulesOption = False,
    max_file_size: MaxFileSizeOption = None,
    no_color: Annotated[bool, typer.Option("--no-color", help="Never colour the output.")] = False,
) -> None:
    """Compare two versions of a spec: what changed and what breaks."""
    from flowlint.diffing import diff_models
    from flowlint.gitsource import GitError
    from flowlint.settings import lint_with_model

    found = settled(
        path,
        config_file,
        isolated,
        max_file_size=max_file_size,
        allow_local_rules=allow_local_rules,
    )
    if STDIN in found.specs:
        fail("diff reads specs from git or the disk, not from standard input: name the files")
    try:
        base_loaded, base_label = _load(base, found)
        head_loaded, head_label = _load(head, found, base)
    except GitError as exc:
        fail(str(exc))
    errors = [*found.settings.rule_errors, *base_loaded.errors, *head_loaded.errors]
    if errors:
        for problem in errors[:-1]:
            error(problem)
        fail(errors[-1])
    # A file that does not parse would read as an empty spec: everything in it "removed".
    broken = [*_unparsed(base_loaded, base_label), *_unparsed(head_loaded, head_label)]
    if broken:
        for problem in broken[:-1]:
            error(problem)
        fail(broken[-1])
    base_report, base_model = lint_with_model(found, base_loaded)
    head_report, head_model = lint_with_model(found, head_loaded)
    result = diff_models(
        base_model,
        head_model,
        base_report.findings,
        head_report.findings,
        fail_on=found.settings.fail_on,
    )
    if output_format is DiffFormat.json:
        text = render_json(result, base_label, head_label)
    elif output_format is DiffFormat.markdown:
        text = render_markdown(result, base_label, head_label, base_model, head_model)
    else:
        text = render_text(result, base_label, head_label, use_color(no_color))
    sys.stdout.write(text)
    sys.stdout.flush()
    raise typer.Exit(1 if result.fails(fail_on.value) else 0)


def _load(spec: str | None, found: Settled, base: str | None = None) -> tuple[Loaded, str]:
    """One side of the comparison and how to name it; `base` is given for the second side."""
    from flowlint.config import DEFAULT
    from flowlint.gitsource import load_revision, revision_argument
    from flowlint.settings import missing_specs, read_specs

    if spec is None:
        missing = missing_specs(found)
        if missing:
            if found.specs_from == DEFAULT:
                missing = f"there is no {found.specs[0]}/ directory here"
            fail(
                f"nothing in the work tree to compare {base} with: {missing}; give the version "
                "to compare it with as a second argument (a git revision, or a spec file or "
                "directory), or name the spec files with --path"
            )
        return read_specs(found), WORK_TREE
    kind, name = revision_argument(spec, found.cwd, paths=True)
    if kind == "path":
        return read_specs(found, (name,)), name
    return load_revision(name, found.specs, Path(found.cwd), found.limits), name


def _unparsed(loaded: Loaded, label: str) -> list[str]:
    """One line for each file that YAML could not read at all."""
    lines = []
    for source in loaded.files:
        if source.data is None and source.problems:
            problem = source.problems[0][1]
            loc = problem.location
            where = "" if label == source.path else f" in {label}"
            lines.append(
                f"{source.path}{where} is not valid YAML, so the versions cannot be compared "
                f"(line {loc.line}, column {loc.column}: {problem.message})"
            )
    return lines


# Text -------------------------------------------------------------------------------------------

_STYLES = {"breaking": ("red", True), "risky": ("yellow", True), "safe": ("green", False)}


def render_text(result: SpecDiff, base: str, head: str, color: bool = False) -> str:
    """One entry per change (verdict, what changed, why), then the findings that differ."""
    lines = [terminal(f"Changes from {base} to {head}: {_counts(result)}.")]
    note = findings_note(result)
    if note:
        lines.append(terminal(note))
    width = len("breaking") + 2  # the same column whatever verdicts there are
    for change in result.changes:
        verdict = change.verdict.value
        shown = verdict.ljust(width)
        if color:
            colour, bold = _STYLES[verdict]
            shown = typer.style(verdict, fg=colour, bold=bold) + " " * (width - len(verdict))
        lines.append("")
        lines.append(f"{shown}{terminal(change.detail)}")
        lines.append(f"{' ' * width}{terminal(change.reason)}")
    lines.append("")
    lines.extend(_findings_text(result.introduced, "introduced"))
    lines.extend(_findings_text(result.resolved, "resolved"))
    return "".join(line + "\n" for line in lines)


def findings_note(result: SpecDiff) -> str | None:
    """A sentence when the findings introduced make the diff worse than any of its changes."""
    if not result.findings_are_worse() or result.from_findings is None:
        return None
    verdict = result.from_findings.value
    if verdict == "breaking":
        return (
            "The findings introduced make it breaking: check fails on some of them, whatever "
            "change they come from."
        )
    return f"The findings introduced make it {verdict}: they include new errors or warnings."


def _counts(result: SpecDiff) -> str:
    if not result.changes:
        return "no semantic changes"
    parts = [f"{n} {verdict}" for verdict, n in result.summary.items() if n]
    return ", ".join(parts)


def _findings_text(findings: Sequence[Finding], what: str) -> list[str]:
    from flowlint.reporters import capped, omitted_line

    if not findings:
        return [f"Findings {what}: none."]
    shown, omitted = capped(findings)
    lines = [f"Findings {what} ({len(findings):,}):"]
    lines += [f"  {terminal(_finding_line(f))}" for f in shown]
    if omitted:
        lines.append(f"  {omitted_line(omitted)}")
    return lines


def _finding_line(finding: Finding) -> str:
    loc = finding.location
    return (
        f"{loc.file}:{loc.line}:{loc.column}: {finding.severity.value} {finding.code} "
        f"[{finding.rule}] {finding.message}"
    )


# JSON -------------------------------------------------------------------------------------------


def render_json(result: SpecDiff, base: str, head: str) -> str:
    """The documented JSON shape: base, head, summary, changes, findings introduced/resolved."""
    from flowlint import __version__

    document = {
        "version": __version__,
        "base": base,
        "head": head,
        "summary": dict(result.summary),
        "verdict": worst.value if (worst := result.worst()) else None,
        "changes": [change.as_dict() for change in result.changes],
        "findings": {
            "introduced": [finding.as_dict() for finding in result.introduced],
            "resolved": [finding.as_dict() for finding in result.resolved],
        },
    }
    return json_document(document) + "\n"


# Markdown ---------------------------------------------------------------------------------------


def render_markdown(result: SpecDiff, base: str, head: str, before: Model, after: Model) -> str:
    """A pull-request comment: summary, a table of changes, a diagram of the affected part, and
    the findings that differ."""
    from flowlint.reporters import capped, omitted_line

    lines = [
        "### flowlint diff",
        "",
        f"{_markdown_counts(result)} from {markdown_code(base)} to "
        f"{'the work tree' if head == WORK_TREE else markdown_code(head)}.",
    ]
    note = findings_note(result)
    if note:
        lines += ["", note]
    if result.changes:
        lines += ["", "| Verdict | Change | Why |", "| --- | --- | --- |"]
        for change in result.changes:
            verdict = change.verdict.value
            shown = f"**{verdict}**" if verdict != "safe" else verdict
            lines.append(f"| {shown} | {markdown(change.detail)} | {markdown(change.reason)} |")
        diagram = render_mermaid(result, before, after)
        if diagram:
            lines += ["", "The affected part of the service line:", "", "```mermaid"]
            lines += diagram.rstrip("\n").split("\n")
            lines.append("```")
    for findings, what in ((result.introduced, "introduced"), (result.resolved, "resolved")):
        lines.append("")
        if not findings:
            lines.append(f"Findings {what}: none.")
            continue
        lines.append(f"Findings {what} ({len(findings):,}):")
        lines.append("")
        shown, omitted = capped(findings)
        for finding in shown:
            loc = finding.location
            lines.append(
                f"- {markdown_code(f'{loc.file}:{loc.line}:{loc.column}')} "
                f"{finding.severity.value} {finding.code} {markdown(f'[{finding.rule}]')} "
                f"{markdown(finding.message)}"
            )
        if omitted:
            lines += ["", markdown(omitted_line(omitted))]
    return "\n".join(lines) + "\n"


def _markdown_counts(result: SpecDiff) -> str:
    if not result.changes:
        return "No semantic changes"
    parts = [f"**{n} {v}**" if v != "safe" else f"{n} {v}" for v, n in result.summary.items() if n]
    return ", ".join(parts) + f" change{'s' if len(result.changes) != 1 else ''}"


# Mermaid: the affected part -----------------------------------------------------------------------

_VERDICT_EDGE = {
    "breaking": "stroke:#cf222e,stroke-width:3px",
    "risky": "stroke:#bf8700,stroke-width:2px",
}


def render_mermaid(result: SpecDiff, before: Model, after: Model) -> str:
    """A Mermaid flowchart of the services the changes touch and the flows among them.

    Removed flows are dotted, flows through an API thick; an edge with a breaking or risky change
    is coloured. Node ids are generated (`s0`, `s1`...), so no spec id can break the syntax; labels
    are quoted and escaped by `flowlint.escaping.mermaid`, as `graph` escapes them.
    """
    involved = list(
        dict.fromkeys(
            s
            for change in result.changes
            for s in change.services
            if s in after.services or s in before.services
        )
    )
    if not involved:
        return ""
    node = {sid: f"s{index}" for index, sid in enumerate(involved)}
    lines = ["flowchart LR"]
    classes: dict[str, list[str]] = {"removed": [], "added": [], "breaking": [], "risky": []}
    verdicts = _service_verdicts(result)
    for sid in involved:
        service = after.services.get(sid) or before.services[sid]
        label = service.name if service.name == sid else f"{service.name} ({sid})"
        lines.append(f'  {node[sid]}["{_label(label)}"]')
        if sid not in after.services:
            classes["removed"].append(node[sid])
        elif sid not in before.services:
            classes["added"].append(node[sid])
        if verdicts.get(sid) in ("breaking", "risky"):
            classes[verdicts[sid]].append(node[sid])
    styles = []
    flow_changes = _flow_changes_by_ids(result)
    index = 0
    for flow in after.flows:
        if flow.source.id not in node or flow.target.id not in node:
            continue
        ids = _ids(flow)
        found = flow_changes.get(("head", ids))
        action = "added" if found and found[0] == "added" else ("changed" if found else "")
        prefix = f"{action}: " if action else ""
        lines.append(_edge(flow, node, prefix, dotted=False))
        if found and found[1] in _VERDICT_EDGE:
            styles.append(f"  linkStyle {index} {_VERDICT_EDGE[found[1]]}")
        index += 1
    for flow in before.flows:
        found = flow_changes.get(("base", _ids(flow)))
        if not found or flow.source.id not in node or flow.target.id not in node:
            continue
        lines.append(_edge(flow, node, "removed: ", dotted=True))
        if found[1] in _VERDICT_EDGE:
            styles.append(f"  linkStyle {index} {_VERDICT_EDGE[found[1]]}")
        index += 1
    lines += styles
    lines += [
        "  classDef removed stroke-dasharray:5 5,color:#6e7781",
        "  classDef added stroke:#1a7f37,stroke-width:2px",
        "  classDef breaking stroke:#cf222e,stroke-width:3px",
        "  classDef risky stroke:#bf8700,stroke-width:2px",
    ]
    for name, members in classes.items():
        if members:
            lines.append(f"  class {','.join(members)} {name}")
    return "\n".join(lines) + "\n"


def _service_verdicts(result: SpecDiff) -> dict[str, str]:
    """The worst verdict of the service changes (not flow changes) touching each service."""
    worst: dict[str, Change] = {}
    for change in result.changes:
        if change.kind in ("flow",):
            continue
        for sid in change.services:
            if sid not in worst or change.verdict.rank > worst[sid].verdict.rank:
                worst[sid] = change
    return {sid: change.verdict.value for sid, change in worst.items()}


def _flow_changes_by_ids(result: SpecDiff) -> dict[tuple[str, tuple[str, ...]], tuple[str, str]]:
    """(side, flow ids) -> (action, worst verdict) of the flow changes."""
    found: dict[tuple[str, tuple[str, ...]], tuple[str, str]] = {}
    for change in result.changes:
        if change.kind != "flow":
            continue
        key = ("base" if change.action == "removed" else "head", change.ids)
        old = found.get(key)
        if old is None or _rank(change.verdict.value) > _rank(old[1]):
            found[key] = (change.action, change.verdict.value)
    return found


def _rank(verdict: str) -> int:
    return {"breaking": 3, "risky": 2, "safe": 1}[verdict]


def _ids(flow: Flow) -> tuple[str, ...]:
    key = (flow.source.id, flow.target.id, flow.via)
    return (*key, flow.api.id) if flow.api else key


def _edge(flow: Flow, node: dict[str, str], prefix: str, dotted: bool) -> str:
    entities = ", ".join(dict.fromkeys(ref.id for ref in flow.entities))
    how = f" via {flow.api.id}" if flow.api else ("" if flow.via == "copy" else f" by {flow.via}")
    status = "" if flow.status == "live" else f" ({flow.status})"
    arrow = "-.->" if dotted else ("==>" if flow.api else "-->")
    label = _label(f"{prefix}{entities}{how}{status}")
    return f'  {node[flow.source.id]} {arrow}|"{label}"| {node[flow.target.id]}'


def _label(text: str) -> str:
    return mermaid(text)
