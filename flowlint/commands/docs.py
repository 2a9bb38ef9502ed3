"""`flowlint docs`: the service-line page, generated from the spec (Markdown or HTML).

The page itself is `flowlint.docpage`'s (pure); this module does the IO around it: settings and
spec files, findings, the stamp (git commit, date), Graphviz for the HTML diagram, and writing
the page or comparing it with a committed one (`--check FILE`: exit 0 when in step, 1 with a
unified diff when not, 2 when it cannot be compared).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from flowlint.commands import error, fail, note, say
from flowlint.commands.config import (
    AllowLocalRulesOption,
    ConfigOption,
    IsolatedOption,
    MaxFileSizeOption,
    PathsArgument,
    RulesDirOption,
    settled,
)

if TYPE_CHECKING:
    from flowlint.docpage import Page, Stamp
    from flowlint.loading import Loaded
    from flowlint.settings import Settled


class PageFormat(str, Enum):
    markdown = "markdown"
    html = "html"


_HTML_SUFFIXES = (".html", ".htm", ".xhtml")


def docs(
    paths: PathsArgument = None,
    output_format: Annotated[
        PageFormat | None,
        typer.Option(
            "--format",
            help="markdown (GitHub-flavoured, with a Mermaid diagram) or html (one "
            "self-contained file; the diagram laid out by Graphviz when it is installed). "
            "Default: html for an --output or --check FILE ending in .html, else markdown.",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            dir_okay=False,
            help="Write the page to FILE instead of standard output.",
        ),
    ] = None,
    check: Annotated[
        Path | None,
        typer.Option(
            "--check",
            metavar="FILE",
            dir_okay=False,
            help="Compare FILE with the page the spec gives now: exit 0 when they match, 1 with "
            "a unified diff when not. The stamp is not compared, and an HTML diagram is compared "
            "by its source, not by Graphviz's layout.",
        ),
    ] = None,
    findings: Annotated[
        bool,
        typer.Option(
            "--findings",
            help="End the page with 'Known inconsistencies': what flowlint check finds, in "
            "plain words, each linked to its rule.",
        ),
    ] = False,
    no_stamp: Annotated[
        bool,
        typer.Option(
            "--no-stamp",
            help="Leave out the stamp (spec files, git commit, date), so the page is the same on "
            "every run.",
        ),
    ] = False,
    rules_url: Annotated[
        str | None,
        typer.Option(
            "--rules-url",
            metavar="URL",
            help="Where the rule documentation is (e.g. a published docs/rules.md): each rule in "
            "'Known inconsistencies' links to URL#fl101-single-owner.",
        ),
    ] = None,
    config_file: ConfigOption = None,
    isolated: IsolatedOption = False,
    rules_dir: RulesDirOption = None,
    allow_local_rules: AllowLocalRulesOption = False,
    max_file_size: MaxFileSizeOption = None,
) -> None:
    """Write the service-line page from the spec, Markdown or HTML.

    The page has the services, a diagram, the entities and their owners, the relationships, the
    flows and each entity's lineage, and the APIs (and, with --findings, its inconsistencies)."""
    from flowlint import docpage

    if check is not None and output is not None:
        fail("--check and --output do not combine: --check compares, --output writes")
    fmt = _format(output_format, check or output)
    # Only --findings runs rules: without it no rules folder is imported.
    found_settings = settled(
        paths,
        config_file,
        isolated,
        rules_dir=rules_dir,
        max_file_size=max_file_size,
        allow_local_rules=allow_local_rules,
        import_rules=findings,
    )
    loaded = _load(found_settings)
    from flowlint.model import build_model

    model = build_model(loaded.files)
    found, rules = _findings(found_settings, loaded) if findings else (None, ())
    stamp = None if no_stamp or check is not None else _stamp(loaded)
    page = docpage.page(model, docpage.line_text(model), found, rules, stamp, rules_url=rules_url)
    text = _render(page, fmt)
    if check is not None:
        raise typer.Exit(_compare(check, text))
    _write(text, output)


def _format(chosen: PageFormat | None, file: Path | None) -> str:
    if chosen is not None:
        return chosen.value
    if file is not None and file.suffix.lower() in _HTML_SUFFIXES:
        return PageFormat.html.value
    return PageFormat.markdown.value


def _load(found: Settled) -> Loaded:
    """The spec files of the settings. A path that cannot be read, or a file that is not YAML,
    is exit 2: a page that silently left out a file would mislead. Other problems do not stop
    the page; `--findings` lists them."""
    from flowlint.loading import SYNTAX, links_note, skipped_note
    from flowlint.settings import missing_specs, read_specs

    missing = missing_specs(found)
    if missing:
        fail(missing)
    loaded = read_specs(found)
    if loaded.links:
        note(links_note(loaded.links))
    for problem in loaded.errors[:-1]:
        error(problem)
    if loaded.errors:
        fail(loaded.errors[-1])
    if loaded.skipped:
        note(skipped_note(loaded.skipped))
    broken = [
        problem
        for source in loaded.files
        if source.data is None
        for code, problem in source.problems
        if code == SYNTAX
    ]
    if broken:
        loc = broken[0].location
        more = f" (and {len(broken) - 1} more)" if len(broken) > 1 else ""
        fail(
            f"{loc.file}:{loc.line}:{loc.column}: {broken[0].message}{more}; a page cannot be "
            f"made from a spec that is not valid YAML: run 'flowlint check {loc.file}' and fix it"
        )
    return loaded


def _findings(found: Settled, loaded: Loaded) -> tuple[tuple, tuple]:
    """What `flowlint check` finds with these settings (severities, ignores, suppressions), and
    every rule known in this run. A rule that crashed is exit 2: the list would be incomplete."""
    from flowlint.settings import lint

    report = lint(found, loaded)
    for problem in report.errors[:-1]:
        error(problem)
    if report.errors:
        fail(report.errors[-1])
    return report.findings, found.known_rules


def _stamp(loaded: Loaded) -> Stamp:
    """The spec files, the git commit of the repository holding them (when there is one, and
    whether the files differ from it), and today's date (or SOURCE_DATE_EPOCH's, for
    reproducible builds)."""
    import datetime

    from flowlint import __version__
    from flowlint.docpage import Stamp

    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    when = (
        datetime.datetime.fromtimestamp(int(epoch), datetime.UTC)
        if epoch.isdigit()
        else datetime.datetime.now(datetime.UTC)
    )
    files = tuple(source.path for source in loaded.files)
    commit, changed = _git_state(files)
    return Stamp(files, when.date().isoformat(), __version__, commit, changed)


def _git_state(files: tuple[str, ...]) -> tuple[str | None, bool]:
    """(short commit id, whether the files have uncommitted changes), or (None, False) outside a
    repository or without git. Read-only commands, without taking git's optional locks."""
    where = Path(files[0]).resolve().parent if files else Path.cwd()
    env = {**os.environ, "GIT_OPTIONAL_LOCKS": "0"}

    def git(*argv: str) -> str | None:
        try:
            done = subprocess.run(
                ["git", *argv],
                cwd=where,
                capture_output=True,
                env=env,
                timeout=30,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired):
            return None
        return done.stdout.decode("utf-8", "replace") if done.returncode == 0 else None

    commit = git("rev-parse", "--verify", "--quiet", "--short=12", "HEAD^{commit}")
    if not commit:
        return None, False
    absolute = [str(Path(f).resolve()) for f in files]
    status = git("status", "--porcelain", "--untracked-files=normal", "--", *absolute)
    return commit.strip(), bool(status and status.strip())


def _render(page: Page, fmt: str) -> str:
    from flowlint import docpage

    if fmt == PageFormat.markdown.value:
        return docpage.to_markdown(page)
    diagram = page.diagram
    svg = _graphviz_svg(diagram.dot) if diagram is not None else None
    return docpage.to_html(page, svg)


def _graphviz_svg(dot_source: str) -> str | None:
    """The diagram laid out by Graphviz's `dot` as SVG; None when it is not installed. A `dot`
    that fails is exit 2 (the page would silently lose its diagram)."""
    import shutil

    program = shutil.which("dot")
    if program is None:
        note(
            "Graphviz's 'dot' is not installed, so the HTML page holds the diagram's Mermaid "
            "source instead of the drawing"
        )
        return None
    try:
        done = subprocess.run(
            [program, "-Tsvg"],
            input=dot_source.encode("utf-8"),
            capture_output=True,
            timeout=300,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        fail(f"could not run Graphviz's 'dot' ({program}): {exc}")
    if done.returncode != 0:
        message = done.stderr.decode("utf-8", "replace").strip().splitlines()
        fail(f"Graphviz's 'dot' failed: {message[0] if message else f'exit {done.returncode}'}")
    from flowlint.escaping import xml_document

    # Graphviz writes the labels' text as it is: '##[' in a name would be a workflow command in
    # a CI log that prints the page.
    return xml_document(done.stdout.decode("utf-8", "replace"))


def _compare(path: Path, generated: str) -> int:
    """0 when the page at `path` is the one the spec gives now; else print a unified diff (from
    the file to the page) and return 1."""
    import difflib

    from flowlint.docpage import comparable
    from flowlint.escaping import terminal

    try:
        current = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        fail(f"--check {path.as_posix()}: no such file; write it with --output {path.as_posix()}")
    except (OSError, UnicodeDecodeError) as exc:
        fail(f"--check {path.as_posix()}: cannot read it: {getattr(exc, 'strerror', None) or exc}")
    before, after = comparable(current), comparable(generated)
    if before == after:
        return 0
    name = path.as_posix()
    diff = difflib.unified_diff(
        _lines(before),
        _lines(after),
        fromfile=name,
        tofile=f"{name} (generated from the spec now)",
    )
    for line in diff:
        # The file may hold anything (it comes with the change being checked): control
        # characters are shown as escapes, never passed to the terminal or the CI log, and no
        # line holds a workflow command.
        ends = line.endswith("\n")
        shown = terminal(line[:-1] if ends else line)
        sys.stdout.write(shown + "\n" if ends else shown + "\n\\ No newline at end of file\n")
    sys.stdout.flush()
    say(
        f"flowlint: {name} is out of date with the spec: run the same command with "
        f"--output {name} instead of --check {name}",
        err=True,
    )
    return 1


def _lines(text: str) -> list[str]:
    """Lines ending at each line feed only (not at the other breaks `str.splitlines` knows)."""
    return [line for line in re.split(r"(?<=\n)", text) if line]


def _write(text: str, output: Path | None) -> None:
    if output is None or str(output) == "-":
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    from flowlint.commands import given, write_file

    write_file(given(output, "--output"), text)
