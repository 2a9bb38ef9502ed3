"""One hostile spec and hostile file names through every command and format, each output checked
with the real parser of what reads it.

The spec's names, descriptions, ids, group and relationship names hold everything that could forge
output: line breaks followed by GitHub workflow commands (`::error ...`) and an old-style one
(`##[error]`), ANSI colour and OSC hyperlink escapes, a bell, DEL and C1 controls, the bidi
override U+202E, raw HTML, Markdown links, images, headings, fences, table pipes, math, an
@-mention, `]]>`, a Mermaid `%%{init}%%` directive and a NUL. The files of the model are named with
a line break and `::error ...`, a control character, and a byte that is not UTF-8; a YAML file
that is not a spec, named the same way, makes `check` print its "skipped files" note.

Every output goes through the same checks:
- GitHub's workflow-command grammar, as the Actions runner reads any line a step prints on stdout
  and stderr (`ActionCommand.TryParseV2` after trimming leading whitespace, and `TryParse`, which
  finds `##[` anywhere in a line): only the commands flowlint means to emit may appear, and only
  in `--format github`, each well formed;
- no character a terminal or a log viewer acts on: control characters (but the line feed),
  bidirectional and other format characters, line and paragraph separators;
- the format's own parser: CommonMark (markdown-it-py, with GitHub's tables) for Markdown, with
  no raw HTML, link, image, heading, fence or emphasis that flowlint did not write, and no
  @-mention; the Mermaid structure `tests/test_graphing.py` reads; `xml.etree` for JUnit and SVG;
  Graphviz itself for DOT; `json` for JSON, and the SARIF 2.1.0 schema for SARIF.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import unicodedata
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from jsonschema import Draft7Validator
from markdown_it import MarkdownIt
from typer.testing import CliRunner

from flowlint.cli import app
from tests.test_graphing import parse_mermaid

DOT = shutil.which("dot")
GIT = shutil.which("git")
SARIF_SCHEMA = json.loads(
    (Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8")
)

# Everything at once, as one text. Written into the YAML as a double-quoted scalar (JSON escapes
# are YAML escapes), so the file itself is plain printable text.
HOSTILE = (
    "x\n::error file=README.md,line=1,title=forged::forged annotation\r\n"
    "##[error]old-style forged ##[add-mask]secret \x1b]8;;https://evil.example\x07link\x1b]8;;\x07 "
    "\x1b[31mred\x1b[0m\x07\x7f\x85\x9b \u202eevil\u202c\u2066 \u2028 \u200b "
    "<img src=x onerror=alert(1)> <b>bold</b> <!-- c --> [link](https://evil.example) "
    "![img](https://evil.example/i.png) <https://evil.example>\n"
    "# \u2705 Safe to merge\n```\n~~~\n| a | b |\n---|---\n> quoted\n- item\n1. one\n"
    ']]> &amp; &#x41; %%{init: {"theme": "dark"}}%% %% comment @octocat #1 $x^2$ '
    "`code` *em* _u_ ~~s~~ --> \\N \\G \" ' \x00 end"
)
HOSTILE_YAML = json.dumps(HOSTILE)  # ASCII-only, with JSON (= YAML) escapes
# Messages quote at most 80 characters of a value: the same attacks, short enough to be quoted whole.
SHORT = (
    "@octocat \x1b]8;;https://evil.example\x07link\x1b]8;;\x07 \u202eevil\u202c\u2066 "
    "<img src=x onerror=1>"
)
EVIL_ID = "evil\n::error::id"

# Names of the model's files: the spec with findings, and a YAML file that is not a spec.
EVIL_SPEC_NAME = "spec\n::error file=README.md,line=1::forged by a file name\x1b[2J\x07.yaml"
EVIL_SKIPPED_NAME = "skipped\n::warning::forged by a skipped file\x01.yml"
NOT_UTF8_NAME = b"bad-\xff-name.yaml"


def spec_text(version: int) -> str:
    """The hostile spec; version 2 changes owners, flows and names, for `diff`."""
    h = HOSTILE_YAML
    extra_flow = (
        f"  - {{from: manage, to: {json.dumps(EVIL_ID)}, entities: [application], purpose: {h}}}\n"
        if version == 2
        else ""
    )
    return f"""\
flowlint: 1
service_line: {h}
description: {h}
services:
  apply:
    name: {h}
    description: {h}
  manage:
    name: {json.dumps(HOSTILE[:40] + str(version))}
    group: {h}
    edits: [application]
  register:
    name: Register
    group: {h}
  {json.dumps(EVIL_ID)}:
    name: {h}
    kind: third-party
entities:
  application:
    owner: {"apply" if version == 1 else "manage"}
    personal_data: true
    description: {h}
  course: {{owner: apply, description: {h}}}
relationships:
  - {{name: {h}, from: application, to: course, defined_by: [apply, manage]}}
  - {{name: {h}, from: application, to: course, defined_by: register}}
  - {{name: {json.dumps(SHORT)}, from: application, to: course, defined_by: manage}}
flows:
  - {{from: apply, to: manage, entities: [application], purpose: {h}}}
  - {{from: manage, to: register, entities: [application, course]}}
  - {{from: apply, to: {json.dumps(EVIL_ID + "-unknown")}, entities: [application]}}
{extra_flow}apis:
  apply-api: {{name: {h}, service: apply, visibility: public, entities: [application]}}
"""


OTHER_SPEC = """\
flowlint: 1
entities:
  teacher: {owner: [apply, manage]}
"""


@dataclass(frozen=True)
class Run:
    """One command's output."""

    args: tuple[str, ...]
    exit_code: int
    stdout: str
    stderr: str


runner = CliRunner()


def run(*args: str) -> Run:
    result = runner.invoke(app, list(args), env={"NO_COLOR": "1", "GITHUB_STEP_SUMMARY": ""})
    escaped = result.exception
    assert escaped is None or isinstance(escaped, SystemExit), repr(escaped)
    return Run(args, result.exit_code, result.stdout, result.stderr)


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A folder holding `model/` (the hostile spec under a hostile name, a spec under a name that
    is not UTF-8, a skipped YAML file), `v1.yaml` and `v2.yaml`; the working directory meanwhile."""
    root = tmp_path_factory.mktemp("hostile")
    model = root / "model"
    model.mkdir()
    (model / EVIL_SPEC_NAME).write_text(spec_text(1), encoding="utf-8")
    (model / EVIL_SKIPPED_NAME).write_text("a: 1\n", encoding="utf-8")
    with open(os.path.join(os.fsencode(model), NOT_UTF8_NAME), "wb") as handle:
        handle.write(OTHER_SPEC.encode("utf-8"))
    (root / "v1.yaml").write_text(spec_text(1), encoding="utf-8")
    (root / "v2.yaml").write_text(spec_text(2), encoding="utf-8")
    before = Path.cwd()
    os.chdir(root)
    try:
        yield root
    finally:
        os.chdir(before)


# The checks every output goes through.

# Commands the Actions runner knows (case-insensitive); any of them in a line is acted on.
RUNNER_COMMANDS = {
    "error",
    "warning",
    "notice",
    "debug",
    "group",
    "endgroup",
    "add-mask",
    "set-output",
    "save-state",
    "set-env",
    "add-path",
    "stop-commands",
    "add-matcher",
    "remove-matcher",
    "echo",
}


def runner_lines(text: str) -> list[str]:
    # The runner reads lines as .NET's ReadLine does: CR, LF and CRLF each end one.
    return re.split(r"\r\n|\r|\n", text)


def workflow_commands(text: str) -> list[tuple[str, str]]:
    """(command, the line) for every line GitHub's runner would act on."""
    found = []
    for line in runner_lines(text):
        trimmed = line.lstrip()  # C#'s TrimStart: every kind of whitespace
        if trimmed.startswith("::"):
            end = trimmed.find("::", 2)
            if end >= 0:
                name = trimmed[2:end].split(" ", 1)[0]
                if name.lower() in RUNNER_COMMANDS:
                    found.append((name.lower(), line))
        start = line.find("##[")
        if start >= 0:
            close = line.find("]", start)
            if close >= 0:
                name = line[start + 3 : close].split(" ", 1)[0]
                if name.lower() in RUNNER_COMMANDS:
                    found.append((name.lower(), line))
    return found


ANNOTATION = re.compile(
    r"^::(?P<command>error|warning|notice) (?P<properties>[^:]*)::(?P<data>[^\r\n]*)$"
)


def check_intended_commands(text: str) -> None:
    """Every command in `--format github` output is one flowlint writes, well formed."""
    for command, line in workflow_commands(text):
        if command in ("group", "endgroup"):
            assert re.fullmatch(r"::group::[^\r\n]+|::endgroup::", line), line
            continue
        match = ANNOTATION.match(line)
        assert match is not None, line
        assert "##[" not in line, line
        properties = dict(part.split("=", 1) for part in match["properties"].split(","))
        assert set(properties) <= {"file", "line", "col", "title"}, line
        for value in properties.values():
            assert not set(value) & set(":,\r\n"), line
        if "file" in properties:
            assert re.fullmatch(r"\d+", properties["line"]) and re.fullmatch(
                r"\d+", properties["col"]
            ), line


def check_printable(text: str) -> None:
    """Nothing a terminal, a log viewer or an XML parser would act on or choke on."""
    bad = {
        char
        for char in text
        if char != "\n"
        and not char.isprintable()
        and unicodedata.category(char) not in ("Zs", "Co")
    }
    assert not bad, f"unsafe characters in the output: {sorted(map(ascii, bad))}"


def check_terminal_output(result: Run, *, github: bool = False) -> None:
    for stream in (result.stdout, result.stderr):
        check_printable(stream)
        if github and stream is result.stdout:
            check_intended_commands(stream)
        else:
            assert workflow_commands(stream) == [], workflow_commands(stream)


# Markdown, as GitHub reads it.

MARKDOWN = MarkdownIt("commonmark").enable("table")
# What flowlint itself writes as HTML, headings and strong text.
OUR_HTML = {"<details>", "</details>"}
OUR_INLINE_HTML = re.compile(r"<summary>[\d,]+ suppressed findings?</summary>")
OUR_HEADINGS = {"flowlint", "flowlint diff"}
OUR_STRONG = re.compile(r"[\d,]+ (breaking|risky)|breaking|risky|Suppressed:")


def check_markdown(text: str, table_columns: set[int]) -> list[str]:
    """Parse as GitHub would; return the Mermaid blocks. Only the markup flowlint writes."""
    assert "\x00" not in text
    tokens = MARKDOWN.parse(text)
    mermaid = []
    for index, token in enumerate(tokens):
        if token.type == "html_block":
            assert token.content.strip() in OUR_HTML | {"<summary>"}, token.content
        elif token.type == "heading_open":
            assert tokens[index + 1].content in OUR_HEADINGS, tokens[index + 1].content
        elif token.type in ("fence", "code_block"):
            assert token.type == "fence" and token.info == "mermaid", token
            mermaid.append(token.content)
        elif token.type in ("blockquote_open",):
            assert tokens[index + 2].content.startswith("**Suppressed:**"), tokens[index + 2]
        elif token.type in ("bullet_list_open", "ordered_list_open"):
            assert token.type == "bullet_list_open"  # diff lists findings; nothing else lists
        elif token.type == "hr":
            pytest.fail("a thematic break flowlint did not write")
        elif token.type == "tr_open":
            cells = 0
            for inner in tokens[index + 1 :]:
                if inner.type == "tr_close":
                    break
                cells += inner.type in ("td_open", "th_open")
            assert cells in table_columns, f"a row of {cells} cells"
        elif token.type == "inline":
            check_inline_markdown(token)
    return mermaid


def check_inline_markdown(token) -> None:  # type: ignore[no-untyped-def]
    children = token.children or []
    for index, child in enumerate(children):
        assert child.type not in ("link_open", "image", "em_open"), child
        if child.type == "html_inline":
            assert OUR_INLINE_HTML.fullmatch(token.content), child.content
        if child.type == "strong_open":
            assert OUR_STRONG.fullmatch(children[index + 1].content), children[index + 1]
        if child.type == "text":
            # GitHub links @name and #12 in any text: each must be broken by a zero-width space.
            assert not re.search(r"@\w", child.content), child.content
            assert not re.search(r"(?<![&\w])#\d", child.content), child.content
    # GitHub's math: a `$` that is not escaped in the source could open an expression.
    assert not re.search(r"(?<!\\)\$", token.content), token.content


# check, every format


CHECK_FORMATS = ["text", "concise", "json", "sarif", "github", "junit", "gitlab", "markdown"]


@pytest.fixture(scope="module")
def check_runs(hostile: Path) -> dict[str, Run]:
    return {fmt: run("check", "--format", fmt, "model") for fmt in CHECK_FORMATS}


@pytest.mark.parametrize("fmt", CHECK_FORMATS)
def test_check_output_forges_nothing(check_runs: dict[str, Run], fmt: str) -> None:
    result = check_runs[fmt]
    assert result.exit_code == 1, result.stderr
    check_terminal_output(result, github=fmt == "github")
    # The skipped-files note names the hostile file, escaped.
    assert result.stderr == (
        "flowlint: note: skipped 1 YAML file with no top-level 'flowlint' key (not flowlint "
        "specs): model/skipped\\n::warning::forged by a skipped file\\x01.yml\n"
    )


def test_text_shows_the_hostile_text_as_escapes(check_runs: dict[str, Run]) -> None:
    out = check_runs["concise"].stdout
    shown_name = (
        "model/spec\\n::error file=README.md,line=1::forged by a file name\\x1b[2J\\x07.yaml"
    )
    assert f"\n{shown_name}:" in out, out[:200]
    assert "model/bad-\\udcff-name.yaml:3:13: error FL101 [single-owner]" in out
    # The id, quoted by FL003, escaped and cut to 80 characters.
    assert "service id 'evil\\n::error::id' is not valid" in out
    assert "'x\\n::error file=README.md,line=1,title=forged::forged annotation\\r\\n##\\x5b" in out
    text = check_runs["text"].stdout
    assert "\\x1b]8;;https://evil.example\\x07link" in text  # in a code frame, as escapes
    assert "\\u202eevil\\u202c\\u2066" in text


def test_json_keeps_every_character_of_the_file_names(check_runs: dict[str, Run]) -> None:
    document = json.loads(check_runs["json"].stdout)
    files = {finding["file"] for finding in document["findings"]}
    assert files == {f"model/{EVIL_SPEC_NAME}", "model/bad-\udcff-name.yaml"}
    # Faithful data, printable text: the escapes are JSON's.
    assert "\\u001b[2J\\u0007.yaml" in check_runs["json"].stdout


def test_sarif_is_valid_and_its_uris_are_percent_encoded(check_runs: dict[str, Run]) -> None:
    log = json.loads(check_runs["sarif"].stdout)
    assert list(Draft7Validator(SARIF_SCHEMA).iter_errors(log)) == []
    uris = {
        result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for result in log["runs"][0]["results"]
    }
    assert "model/bad-%FF-name.yaml" in uris
    assert any("spec%0A%3A%3Aerror" in uri for uri in uris), uris


def test_junit_parses_and_names_the_files(check_runs: dict[str, Run]) -> None:
    root = ET.fromstring(check_runs["junit"].stdout)
    names = {suite.get("name") for suite in root.iter("testsuite")}
    assert "model/bad-\\udcff-name.yaml" in names
    assert any(name and name.startswith("model/spec\\n::error") for name in names), names
    for failure in root.iter("failure"):
        check_printable(failure.text or "")


def test_gitlab_parses(check_runs: dict[str, Run]) -> None:
    issues = json.loads(check_runs["gitlab"].stdout)
    assert {issue["location"]["path"] for issue in issues} >= {"model/bad-\udcff-name.yaml"}


def test_github_annotations_are_only_flowlint_s(check_runs: dict[str, Run]) -> None:
    out = check_runs["github"].stdout
    commands = [command for command, _ in workflow_commands(out)]
    findings = len(json.loads(check_runs["json"].stdout)["findings"])
    assert commands.count("group") == commands.count("endgroup") == 2
    assert len([c for c in commands if c in ("error", "warning", "notice")]) == findings
    assert "::group::model/spec\\n::error file=README.md" in out


def test_markdown_parses_to_a_table_and_nothing_else(check_runs: dict[str, Run]) -> None:
    text = check_runs["markdown"].stdout
    assert check_markdown(text, {4}) == []
    assert "@&#8203;octocat" in text  # shown, without notifying anyone
    assert "\\<img src=x onerror=1>" in text


def test_output_to_a_file_leaves_one_escaped_summary_line(hostile: Path) -> None:
    result = run("check", "--format", "sarif", "--output", "out.sarif", "model")
    assert result.exit_code == 1
    check_terminal_output(result)
    assert result.stdout.startswith("Found ")
    json.loads((hostile / "out.sarif").read_text(encoding="utf-8"))


def test_error_lines_quoting_paths_and_config_values_forge_nothing(hostile: Path) -> None:
    missing = run("check", "no\n::error::such\x1b[31m file")
    assert missing.exit_code == 2
    check_terminal_output(missing)
    assert missing.stderr == (
        "flowlint: error: no\\n::error::such\\x1b[31m file: no such file or directory\n"
    )
    config = hostile / "flowlint.toml"
    config.write_text('fail-on = "never\\n::error::forged by the config\\u001b[31m"\n')
    try:
        bad = run("check", "model")
    finally:
        config.unlink()
    assert bad.exit_code == 2
    check_terminal_output(bad)
    assert "forged by the config" in bad.stderr and bad.stderr.count("\n") == 1


# graph


@pytest.mark.parametrize(
    "args",
    [(), ("--findings",), ("--entity", "application"), ("--service", "manage")],
    ids=["whole", "findings", "entity", "service"],
)
def test_graph_mermaid_has_only_mermaid_statements(hostile: Path, args: tuple[str, ...]) -> None:
    result = run("graph", "v1.yaml", *args)
    assert result.exit_code == 0, result.stderr
    check_terminal_output(result)
    assert "%%{" not in result.stdout
    chart = parse_mermaid(result.stdout)
    assert any("forged annotation" in label for label in chart.nodes.values())


@pytest.mark.skipif(DOT is None, reason="Graphviz's dot is not installed")
def test_graph_dot_is_read_by_graphviz(hostile: Path) -> None:
    result = run("graph", "v1.yaml", "--format", "dot", "--findings")
    assert result.exit_code == 0, result.stderr
    check_terminal_output(result)
    laid_out = subprocess.run(
        [DOT, "-Tsvg"], input=result.stdout.encode(), capture_output=True, check=False
    )
    assert laid_out.returncode == 0, laid_out.stderr
    assert laid_out.stderr == b""
    ET.fromstring(laid_out.stdout)


@pytest.mark.skipif(DOT is None, reason="Graphviz's dot is not installed")
def test_graph_svg_with_control_characters_in_names_is_valid_svg(hostile: Path) -> None:
    result = run("graph", "v1.yaml", "--format", "svg", "--findings", "--output", "line.svg")
    assert result.exit_code == 0, result.stderr
    svg = (hostile / "line.svg").read_text(encoding="utf-8")
    check_printable(svg.replace("\t", " "))  # Graphviz may indent with tabs
    assert workflow_commands(svg) == []
    root = ET.fromstring(svg)
    texts = " ".join(node.text or "" for node in root.iter("{http://www.w3.org/2000/svg}text"))
    assert "\\x1b[31mred" in texts and "&amp;" in texts


# lineage


def test_lineage_text_and_json(hostile: Path) -> None:
    text = run("lineage", "application", "v2.yaml")
    assert text.exit_code == 0, text.stderr
    check_terminal_output(text)
    assert "evil\\n::error::id" in text.stdout
    as_json = run("lineage", "application", "v2.yaml", "--format", "json")
    assert as_json.exit_code == 0
    check_terminal_output(as_json)
    holders = json.loads(as_json.stdout)["holders"]
    assert EVIL_ID in {holder["service"] for holder in holders}


def test_an_unknown_entity_in_lineage_is_one_escaped_line(hostile: Path) -> None:
    result = run("lineage", "::error::x\n", "v1.yaml")
    assert result.exit_code == 2
    check_terminal_output(result)
    assert result.stderr == (
        "flowlint: error: unknown entity '::error::x\\n': known entity ids: application and course\n"
    )


# diff


@pytest.fixture(scope="module")
def diff_runs(hostile: Path) -> dict[str, Run]:
    return {
        fmt: run("diff", "v1.yaml", "v2.yaml", "--format", fmt)
        for fmt in ("text", "json", "markdown")
    }


@pytest.mark.parametrize("fmt", ["text", "json", "markdown"])
def test_diff_output_forges_nothing(diff_runs: dict[str, Run], fmt: str) -> None:
    result = diff_runs[fmt]
    assert result.exit_code in (0, 1), result.stderr
    assert result.stderr == ""
    check_terminal_output(result)


def test_diff_markdown_and_its_diagram(diff_runs: dict[str, Run]) -> None:
    blocks = check_markdown(diff_runs["markdown"].stdout, {3})
    assert len(blocks) == 1
    assert "%%{" not in blocks[0]
    # The diagram reads as Mermaid: every line one of our statements (ids are s0, s1...).
    chart = parse_mermaid(blocks[0])
    assert chart.nodes and chart.edges


def test_diff_json_keeps_the_names(diff_runs: dict[str, Run]) -> None:
    document = json.loads(diff_runs["json"].stdout)
    assert document["changes"]
    assert any(EVIL_ID in change["ids"] for change in document["changes"])


@pytest.mark.skipif(GIT is None, reason="git is not installed")
def test_diff_from_git_with_hostile_file_names(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": "T",
        "GIT_AUTHOR_EMAIL": "t@example.invalid",
        "GIT_COMMITTER_NAME": "T",
        "GIT_COMMITTER_EMAIL": "t@example.invalid",
        "GIT_CONFIG_NOSYSTEM": "1",
        "HOME": str(tmp_path),
    }

    def git(*args: str) -> None:
        subprocess.run(["git", *args], cwd=tmp_path, env=env, check=True, capture_output=True)

    git("init", "-q", "-b", "main")
    (tmp_path / "specs").mkdir()
    (tmp_path / "specs" / EVIL_SPEC_NAME).write_text(spec_text(1), encoding="utf-8")
    git("add", "-A")
    git("commit", "-q", "-m", "one")
    (tmp_path / "specs" / EVIL_SPEC_NAME).write_text(spec_text(2), encoding="utf-8")
    git("commit", "-q", "-am", "two")
    before = Path.cwd()
    os.chdir(tmp_path)
    try:
        for fmt in ("text", "markdown", "json"):
            result = run("diff", "HEAD~1", "HEAD", "--format", fmt)
            assert result.exit_code in (0, 1), result.stderr
            check_terminal_output(result)
            if fmt == "markdown":
                check_markdown(result.stdout, {3})
    finally:
        os.chdir(before)


def test_every_test_the_readme_names_for_a_guarantee_exists() -> None:
    """README's "Untrusted input" names the test that holds each guarantee: each must exist."""
    import tomllib

    root = Path(__file__).resolve().parent.parent
    readme = (root / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Untrusted input", 1)[1].split("\n## ", 1)[0]
    files = set(re.findall(r"`((?:tests|bench)/[\w/]+\.py)`", section))
    functions = set(re.findall(r"`(test_\w+)`", section))
    cases = {
        name
        for found in re.findall(r"corpus\s+cases?\s+`([\w-]+)`(?:\s+and\s+`([\w-]+)`)?", section)
        for name in found
        if name
    }
    assert files >= {"tests/test_hostile_output.py", "tests/test_escaping.py", "bench/hostile.py"}
    assert functions and {"long-names", "aliased-long-text"} <= cases
    for name in files:
        assert (root / name).is_file(), name
    sources = "".join(path.read_text(encoding="utf-8") for path in (root / "tests").glob("*.py"))
    for function in functions:
        assert f"def {function}(" in sources, function
    manifest = tomllib.loads((root / "tests" / "corpus" / "cases.toml").read_text("utf-8"))
    assert cases <= {case["id"] for case in manifest["case"]}


def test_flowlint_config_shows_hostile_values_escaped(hostile: Path) -> None:
    config = hostile / "flowlint.toml"
    config.write_text(
        'baseline = "known\\u202e ##[error]forged\\u001b[31m.json"\n'
        'ignore = ["FL105"]\n'
        '[per-path-ignores]\n"model/**\\n::error::x" = ["FL101"]\n',
        encoding="utf-8",
    )
    try:
        result = run("config")
    finally:
        config.unlink()
    assert result.exit_code == 0, result.stderr
    check_terminal_output(result)
    assert 'baseline = "known\\u202e ##\\x5berror]forged\\u001b[31m.json"' in result.stdout


# docs: the service-line page, Markdown and HTML


@pytest.mark.parametrize("fmt", ["markdown", "html"])
def test_docs_page_forges_nothing(hostile: Path, fmt: str) -> None:
    from html.parser import HTMLParser

    result = run("docs", "v1.yaml", "--format", fmt, "--findings", "--no-stamp")
    assert result.exit_code == 0, result.stderr
    check_terminal_output(result)
    if fmt == "markdown":
        tokens = MARKDOWN.parse(result.stdout)
        for token in tokens:
            if token.type == "html_block":
                assert token.content.startswith("<!-- Generated by `flowlint docs`"), token.content
            elif token.type in ("fence", "code_block"):
                assert token.type == "fence" and token.info == "mermaid"
                parse_mermaid(token.content)
            for child in token.children or ():
                assert child.type not in ("image", "html_inline"), child
                if child.type == "link_open":
                    assert child.attrs["href"].startswith("#"), child.attrs
                if child.type == "text":
                    assert not re.search(r"[@#]\w", child.content), child.content
        return

    class Reader(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            assert tag not in ("script", "img", "iframe", "object", "embed", "b", "i"), tag
            for name, value in attrs:
                assert not name.startswith("on"), (tag, name)
                if name == "href":
                    assert (value or "").startswith("#"), value

    Reader().feed(result.stdout)
    assert "forged annotation" in result.stdout
