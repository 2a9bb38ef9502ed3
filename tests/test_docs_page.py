"""The service-line page (`flowlint.docpage`): golden pages, and both formats read back by real
parsers (markdown-it-py for the Markdown, Python's HTML parser for the HTML) to check that every
text of the page, hostile ones included, comes out exactly as it went in and makes no markup.

Regenerate the golden pages after an intended change with
    FLOWLINT_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_docs_page.py
and read the diff before committing it.
"""

from __future__ import annotations

import itertools
import os
import re
import shutil
import subprocess
import textwrap
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from flowlint import docpage
from flowlint.engine import lint, select_rules
from flowlint.loading import load_paths, parse_text
from flowlint.model import build_model
from flowlint.rules import BUILTIN_RULES
from tests.conftest import ROOT
from tests.test_graphing import parse_mermaid

GOLDEN = ROOT / "tests" / "data" / "docs" / "golden"
FULL_MODEL = Path("tests") / "data" / "docs" / "full-model"
UPDATE = os.environ.get("FLOWLINT_UPDATE_GOLDEN") == "1"
DOT = shutil.which("dot")
needs_dot = pytest.mark.skipif(
    DOT is None, reason="Graphviz's dot is not installed (apt-get install graphviz)"
)


def page_of(path: Path | str, findings: bool = True, **options: object) -> docpage.Page:
    """The page of a spec path relative to the repository root, as `flowlint docs` makes it."""
    loaded = load_paths([Path(path)])
    report = lint(loaded, select_rules(BUILTIN_RULES)) if findings else None
    model = build_model(loaded.files)
    return docpage.page(
        model,
        docpage.line_text(model),
        report.findings if report is not None else None,
        BUILTIN_RULES,
        **options,  # type: ignore[arg-type]
    )


def text_page(text: str, findings: bool = False) -> docpage.Page:
    source = parse_text(textwrap.dedent(text), "spec.yaml")
    loaded_findings = None
    if findings:
        from flowlint.loading import Loaded

        loaded_findings = lint(Loaded((source,)), select_rules(BUILTIN_RULES)).findings
    model = build_model([source])
    return docpage.page(model, docpage.line_text(model), loaded_findings, BUILTIN_RULES)


@pytest.fixture(autouse=True)
def at_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)  # paths in the pages are shown relative to the repository


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
    assert path.exists(), f"no golden file {path}: run with FLOWLINT_UPDATE_GOLDEN=1"
    expected = path.read_text(encoding="utf-8")
    assert text == expected, (
        f"{name} differs from the golden page; if the change is intended, regenerate with "
        "FLOWLINT_UPDATE_GOLDEN=1 and review the diff"
    )


@pytest.mark.parametrize(
    ("name", "spec"),
    [("becoming-a-teacher", Path("specs")), ("full-model", FULL_MODEL)],
)
def test_golden_pages(name: str, spec: Path) -> None:
    page = page_of(spec)
    check_golden(f"{name}.md", docpage.to_markdown(page))
    # Without Graphviz's SVG: the layout depends on the Graphviz version (tested below).
    check_golden(f"{name}.html", docpage.to_html(page))


# What a page says, block by block, as plain text: what a reader of either format must see.


def plain(spans: docpage.Spans) -> str:
    parts = []
    for span in spans:
        if isinstance(span, str):
            parts.append(span)
        else:
            parts.append(span.text)
    return docpage.one_line("".join(parts)).strip()


def expected_texts(page: docpage.Page, html: bool = False) -> list[str]:
    """Every text of the page in reading order: headings, paragraphs, list items (outer before
    inner), table captions (HTML), heads and cells, the diagram's legend (and its Mermaid
    source in Markdown)."""
    out: list[str] = []

    def items(entries: tuple[docpage.Item, ...]) -> None:
        for item in entries:
            out.append(plain(item.spans))
            items(item.children)

    for block in page.blocks:
        if isinstance(block, docpage.Heading):
            out.append(docpage.one_line(block.text).strip())
        elif isinstance(block, docpage.Paragraph):
            out.append(plain(block.spans))
        elif isinstance(block, docpage.Bullets):
            items(block.items)
        elif isinstance(block, docpage.Table):
            if html:
                out.append(docpage.one_line(block.caption).strip())
            out += [docpage.one_line(h).strip() for h in block.head]
            out += [plain(cell) for row in block.rows for cell in row]
        elif isinstance(block, docpage.Diagram):
            if html:
                out.append(block.legend)
            else:
                out += [block.legend, docpage.mermaid_source(block.mermaid)]
    return out


MARKDOWN = MarkdownIt("commonmark").enable(["table", "strikethrough"])


def markdown_texts(text: str, allowed_links: set[str]) -> tuple[list[str], list[int]]:
    """The texts markdown-it reads from the page, in order, and its heading levels. Fails on
    any HTML but the generated-file comment, on images, and on links the page did not make."""
    tokens = MARKDOWN.parse(text)
    texts: list[str] = []
    levels: list[int] = []
    html_blocks = [t.content for t in tokens if t.type == "html_block"]
    assert html_blocks == [docpage.GENERATED_MARKDOWN + "\n"]
    for token in tokens:
        if token.type == "heading_open":
            levels.append(int(token.tag[1]))
        elif token.type == "fence":
            assert token.info == "mermaid"
            texts.append(token.content)
        elif token.type in ("code_block", "blockquote_open", "hr", "ordered_list_open"):
            pytest.fail(f"the page has a {token.type}: {token.content!r}")
        elif token.type == "inline":
            parts = []
            for child in token.children or ():
                if child.type == "text":
                    # The zero-width space after '@' or '#' that keeps GitHub from notifying
                    # or linking (flowlint.escaping.no_notifications) shows nothing.
                    parts.append(child.content.replace("\u200b", ""))
                elif child.type == "code_inline":
                    parts.append(child.content)
                elif child.type in ("softbreak", "hardbreak"):
                    pytest.fail(f"a line break inside {token.content!r}")
                elif child.type == "link_open":
                    allowed = {MARKDOWN.normalizeLink(link) for link in allowed_links}
                    assert child.attrs["href"] in allowed, child.attrs["href"]
                elif child.type in ("html_inline", "image"):
                    pytest.fail(f"{child.type} in {token.content!r}")
            texts.append("".join(parts).strip())
    return texts, levels


def page_links(page: docpage.Page) -> set[str]:
    links = set()
    for block in page.blocks:
        spans: list[docpage.Span] = []
        if isinstance(block, docpage.Paragraph):
            spans = list(block.spans)
        elif isinstance(block, docpage.Bullets):
            spans = [s for item in block.items for s in item.spans]
        elif isinstance(block, docpage.Table):
            spans = [s for row in block.rows for cell in row for s in cell]
        for span in spans:
            if isinstance(span, docpage.Link):
                href = span.href if span.href.startswith("#") else docpage.link_url(span.href)
                if href:
                    links.add(href)
    return links


def heading_levels(page: docpage.Page) -> list[int]:
    return [b.level for b in page.blocks if isinstance(b, docpage.Heading)]


def assert_markdown_reads_back(page: docpage.Page) -> str:
    text = docpage.to_markdown(page)
    texts, levels = markdown_texts(text, page_links(page))
    assert texts == expected_texts(page)
    assert levels == heading_levels(page)
    # The one fence is the diagram, and it passes the structural check `graph` has.
    fences = [t for t in MARKDOWN.parse(text) if t.type == "fence"]
    assert len(fences) == (1 if page.diagram is not None else 0)
    for fence in fences:
        parse_mermaid(fence.content)
    # GitHub links bare URLs; outside link targets and the fenced diagram, none is left bare.
    outside = re.sub(r"\]\([^)\s]*\)", "", text.split("```mermaid")[0] + text.split("```\n")[-1])
    assert not re.search(r"(?<!\\)://", outside)
    assert not re.search(r"(?<![\\\w])www\.(?!\\)", outside)
    return text


class _Reader(HTMLParser):
    """Collects the text of each text-bearing element in document order (an outer list item
    before the items nested in it) and every tag and attribute."""

    TEXT = frozenset(
        {"title", "h1", "h2", "h3", "h4", "p", "li", "caption", "th", "td", "figcaption"}
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self.open: list[tuple[str, int]] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.in_svg = 0
        self.in_figure = False
        self.comments: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag == "svg":
            self.in_svg += 1
        if tag == "figure":
            self.in_figure = True
        if tag in self.TEXT and not self.in_svg and not (self.in_figure and tag == "p"):
            self.texts.append("")
            self.open.append((tag, len(self.texts) - 1))

    def handle_endtag(self, tag: str) -> None:
        if tag == "svg":
            self.in_svg -= 1
        if tag == "figure":
            self.in_figure = False
        if self.open and self.open[-1][0] == tag:
            _, slot = self.open.pop()
            self.texts[slot] = " ".join(self.texts[slot].split())

    def handle_data(self, data: str) -> None:
        if self.open and not self.in_svg:
            self.texts[self.open[-1][1]] += data

    def handle_comment(self, data: str) -> None:
        self.comments.append(data)


ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "main", "nav", "h1", "h2", "h3", "h4",
    "p", "ul", "li", "a", "code", "strong", "div", "table", "caption", "thead", "tbody", "tr",
    "th", "td", "figure", "figcaption", "pre",
}  # fmt: skip


def assert_html_reads_back(page: docpage.Page, svg: str | None = None) -> _Reader:
    text = docpage.to_html(page, svg)
    reader = _Reader()
    reader.feed(text)
    reader.close()
    assert reader.texts[0] == docpage.one_line(page.title).strip()
    assert reader.texts[1:] == expected_texts(page, html=True)
    assert reader.comments == [" Generated by flowlint docs from the spec: do not edit by hand. "]
    links = page_links(page) | {"#mermaid-source"}
    svg_tags = {"svg", "g", "title", "polygon", "path", "text", "ellipse", "polyline"}
    for tag, attrs in reader.tags:
        assert tag in ALLOWED_TAGS or (svg is not None and tag in svg_tags), tag
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        if tag == "a":
            assert attrs["href"] in links, attrs
    assert [t for t, _ in reader.tags].count("h1") == 1
    return reader


def test_the_bundled_page_reads_back_in_both_formats() -> None:
    page = page_of("specs")
    assert_markdown_reads_back(page)
    assert_html_reads_back(page)


def test_the_full_model_page_reads_back_in_both_formats() -> None:
    page = page_of(FULL_MODEL)
    assert_markdown_reads_back(page)
    assert_html_reads_back(page)


def test_headings_go_down_one_level_at_a_time() -> None:
    for page in (page_of("specs"), page_of(FULL_MODEL)):
        levels = heading_levels(page)
        assert levels[0] == 1 and levels.count(1) == 1
        assert all(b <= a + 1 for a, b in itertools.pairwise(levels))


def test_sections_come_in_the_order_of_the_issue() -> None:
    page = page_of("specs")
    top = [b.text for b in page.blocks if isinstance(b, docpage.Heading) and b.level == 2]
    assert top == ["Contents", *(name for _, name in docpage.SECTIONS)]
    without = page_of("specs", findings=False)
    assert "Known inconsistencies" not in [
        b.text for b in without.blocks if isinstance(b, docpage.Heading)
    ]


# Hostile text: every kind of markup a name or description could try.

HOSTILE = [
    "<script>alert(1)</script>",
    "a | b || c",
    "```\n# Forged heading\n```",
    "line one\nline two\n\n- forged item",
    "[click](javascript:alert(1))",
    "![x](https://tracker.example/x.png)",
    "@everyone **bold** _em_ ~~strike~~ $x^2$",
    "<!-- comment --> &amp; &lt;b&gt;",
    "%%{init: {'theme': 'dark'}}%%",
    "1. starts a list",
    "- starts a list",
    "# starts a heading",
    "> quoted",
    "    indented code",
    "visit https://evil.example or www.evil.example",
    "ansi \x1b[31mred\x1b[0m and bidi \u202etxt.exe",
    "trailing backslash \\",
    "]]> and \" and ' and `tick` and ``two``",
]


def hostile_spec() -> str:
    """A spec whose every name, description, purpose, scope and id that text can hold is one of
    the hostile strings (ids too, though the schema refuses them: the model keeps them)."""

    def q(text: str) -> str:
        return '"' + text.encode("unicode_escape").decode("ascii").replace('"', '\\"') + '"'

    services = "\n".join(
        f"  {q(f'svc-{i}' if i % 3 else f'x{i} {text}')}:\n"
        f"    name: {q(text)}\n"
        f"    kind: {['service', 'third-party', 'external'][i % 3]}\n"
        f"    group: {q(HOSTILE[(i + 1) % len(HOSTILE)])}\n"
        f"    edits: [{q('ent-' + str(i))}]"
        for i, text in enumerate(HOSTILE)
    )
    first = q(f"x0 {HOSTILE[0]}")
    entities = "\n".join(
        f"  {q('ent-' + str(i))}:\n"
        f"    name: {q(text)}\n"
        f"    description: {q(text)}\n"
        f"    personal_data: {'true' if i % 2 else 'false'}\n"
        f"    owner:\n"
        f"      - service: {first}\n"
        f"        scope: {q(text)}\n"
        f"    relationships:\n"
        f"      - {{name: {q(text)}, to: {q('ent-' + str((i + 1) % len(HOSTILE)))}}}"
        for i, text in enumerate(HOSTILE)
    )
    flows = "\n".join(
        f"  - from: {first}\n"
        f"    to: {q(f'svc-{i}' if i % 3 else f'x{i} {text}')}\n"
        f"    entities: [{q('ent-' + str(i))}]\n"
        f"    purpose: {q(text)}\n"
        f"    frequency: {q(text)}\n"
        f"    reconciliation: {q(text)}\n"
        + (f"    via: api\n    api: {q('api-' + str(i))}\n" if i % 2 else "")
        for i, text in enumerate(HOSTILE)
        if i
    )
    apis = "\n".join(
        f"  {q('api-' + str(i))}:\n"
        f"    name: {q(text)}\n"
        f"    service: {first}\n"
        f"    docs: {q(['javascript:alert(1)', 'https://ok.example/a(b)c', text][i % 3])}\n"
        f"    entities: [{q('ent-' + str(i))}]"
        for i, text in enumerate(HOSTILE)
    )
    return (
        "flowlint: 1.1\n"
        f"service_line: {q('Line <b>|</b> ```')}\n"
        f"description: {q(chr(10).join(HOSTILE))}\n"
        f"as_of: {q('<i>now</i>')}\n"
        f"groups:\n  {q(HOSTILE[2])}:\n    name: {q(HOSTILE[0])}\n"
        f"services:\n{services}\n"
        f"entities:\n{entities}\n"
        f"relationships:\n  - {{name: {q(HOSTILE[1])}, from: ent-1, to: ent-2, "
        f"defined_by: [{first}], stored_in: {first}}}\n"
        f"flows:\n{flows}\n"
        f"apis:\n{apis}\n"
    )


def test_hostile_spec_text_reads_back_exactly_in_markdown() -> None:
    page = text_page(hostile_spec(), findings=True)
    text = assert_markdown_reads_back(page)
    # The Mermaid block is the only fence, and its structure is what `graph` draws.
    fence = text.split("```mermaid\n", 1)[1].split("```\n", 1)[0]
    parse_mermaid(fence)
    assert "\x1b" not in text and "\u202e" not in text
    assert "\\x1b" in text and "\\u202e" in text  # shown, not passed on


def test_hostile_spec_text_reads_back_exactly_in_html() -> None:
    page = text_page(hostile_spec(), findings=True)
    reader = assert_html_reads_back(page)
    hrefs = [attrs["href"] for tag, attrs in reader.tags if tag == "a"]
    assert "javascript:alert(1)" not in hrefs
    assert "https://ok.example/a%28b%29c" in hrefs
    assert not [tag for tag, _ in reader.tags if tag in ("script", "img", "iframe", "b", "i")]


@needs_dot
def test_hostile_spec_diagram_is_inlined_as_svg_without_markup() -> None:
    page = text_page(hostile_spec())
    assert page.diagram is not None
    svg = subprocess.run(
        [DOT, "-Tsvg"], input=page.diagram.dot.encode(), capture_output=True, check=True
    ).stdout.decode()
    inline = docpage.inline_svg(svg, page.diagram.title)
    if inline is None:
        # Graphviz writes control characters from a label into its SVG as they are, which is
        # not XML: the page then shows the Mermaid source instead of a broken drawing.
        assert "\x1b" in svg
        html = docpage.to_html(page, svg)
        assert '<pre id="mermaid-source" tabindex="0">' in html
    else:
        assert_html_reads_back(page, svg)


def test_escaping_functions() -> None:
    assert docpage.markdown_text("a|b <c> *d* [e](f) @g") == (
        "a\\|b \\<c\\> \\*d\\* \\[e\\](f) \\@&#8203;g"
    )
    assert docpage.markdown_text("1. x") == "1\\. x"
    assert docpage.markdown_text("- x") == "\\- x"
    assert docpage.markdown_text("a\n\nb\tc") == "a b c"
    assert docpage.markdown_text("see https://x.example") == "see https\\://x.example"
    assert docpage.markdown_code("a`b") == "``a`b``"
    assert docpage.markdown_code("`a") == "`` `a ``"
    assert docpage.markdown_code("a|b", in_table=True) == "`a\\|b`"
    assert docpage.html_text("<a href='x'>&</a>\n") == "&lt;a href='x'&gt;&amp;&lt;/a&gt; "
    assert docpage.html_attribute("\"'<>&") == "&quot;&#39;&lt;&gt;&amp;"
    assert docpage.visible("\x1b[0m\u202e\x00") == "\\x1b[0m\\u202e\\x00"
    assert docpage.link_url("https://a.example/x(1)") == "https://a.example/x%281%29"
    for good in ("rules.md#fl101", "../docs/rules.md", "/rules.html", "a/b:c", "#x"):
        assert docpage.link_url(good) == good
    for bad in (
        "javascript:alert(1)",
        "JavaScript:x",
        " javascript:x",
        "data:text/html,x",
        "vbscript:x",
        "https://a b",
        "//x",
        "ftp://x",
        "mailto:a@b",
        "",
    ):
        assert docpage.link_url(bad) is None, bad


# What the page says about a model.


def section(page: docpage.Page, name: str) -> list[docpage.Block]:
    start = next(
        i
        for i, b in enumerate(page.blocks)
        if isinstance(b, docpage.Heading) and b.level == 2 and b.text == name
    )
    end = next(
        (
            i
            for i, b in enumerate(page.blocks)
            if i > start and isinstance(b, docpage.Heading) and b.level == 2
        ),
        len(page.blocks),
    )
    return list(page.blocks[start + 1 : end])


def tables(blocks: list[docpage.Block]) -> list[docpage.Table]:
    return [b for b in blocks if isinstance(b, docpage.Table)]


def test_ownership_table_has_one_row_per_entity_with_its_owners() -> None:
    page = page_of("specs")
    (table,) = tables(section(page, "Data entity ownership"))
    rows = {plain(row[0]): plain(row[1]) for row in table.rows}
    assert rows["application"] == "Apply for teacher training"
    assert rows["mentor"] == "Manage school placements and Claim funding for mentor training"
    assert len(rows) == 8


def test_scoped_owners_show_their_scopes_and_end_dates() -> None:
    page = page_of(FULL_MODEL)
    (table, *_) = tables(section(page, "Data entity ownership"))
    assert plain(table.rows[0][1]) == (
        "Publisher (documents created in Publisher; until 2026-03-31) and Whitehall publisher "
        "(documents created in Whitehall)"
    )


def test_groups_show_their_declared_name_or_the_group_as_written() -> None:
    page = page_of(FULL_MODEL)
    texts = [
        plain(item.spans)
        for b in section(page, "Services")
        if isinstance(b, docpage.Bullets)
        for item in b.items
    ]
    assert "Publishing apps (2):" in texts
    assert any(t.startswith("GOV.UK Notify and friends (2), which receive data") for t in texts)
    assert any(t.startswith("department-systems (2)") for t in texts)


def test_lineage_reads_the_models_provenance() -> None:
    """Each row says what `Model.provenance` says; the page never works it out again."""
    spec = """\
        flowlint: 1.1
        services:
          owner: {name: Owner}
          hub: {name: Hub, distributes: [thing]}
          near: {name: Near}
          far: {name: Far, edits: [thing]}
          relay: {name: Relay}
          back: {name: Back, edits: [thing]}
          outside: {name: Outside, kind: external}
        entities:
          thing: {owner: owner}
        flows:
          - {from: owner, to: hub, entities: [thing]}
          - {from: hub, to: near, entities: [thing]}
          - {from: near, to: far, entities: [thing]}
          - {from: owner, to: relay, entities: [thing], stores: false}
          - {from: relay, to: back, entities: [thing]}
          - {from: back, to: owner, entities: [thing]}
          - {from: outside, to: near, entities: [thing], via: file}
    """
    page = text_page(spec)
    (table,) = [t for t in tables(section(page, "Flows")) if t.caption == "Lineage of thing"]
    rows = {plain(r[0]): (plain(r[1]), plain(r[2]), plain(r[3])) for r in table.rows}
    assert rows == {
        "Owner": ("owner", "Back (copy)", "—"),
        "Outside": ("sends it in from outside the line", "—", "—"),
        "Hub": ("first-hand copy", "Owner (copy)", "—"),
        "Relay": ("passes it on without keeping a copy", "Owner (copy, not kept)", "—"),
        "Near": ("first-hand copy", "Hub (copy); Outside (file)", "—"),
        "Back": ("first-hand copy", "Relay (copy)", "edits it, and the edits reach the owner"),
        "Far": (
            "second-hand copy",
            "Near (copy)",
            "edits it, but the edits do not reach the owner",
        ),
    }


def test_flow_tables_leave_out_columns_nothing_fills() -> None:
    page = page_of("specs")
    flows = {t.caption: t for t in tables(section(page, "Flows"))}
    assert flows["Flows into Find postgraduate teacher training"].head == (
        "From", "Entities", "Via", "Purpose",
    )  # fmt: skip
    assert flows["Flows into Register trainee teachers"].head == (
        "From", "Entities", "Via", "API", "Purpose", "Notes",
    )  # fmt: skip


def test_the_stamp_and_what_check_compares() -> None:
    stamp = docpage.Stamp(("specs/a.yaml", "specs/b `x`.yaml"), "2024-05-01", "9.9", "abc123", True)
    with_stamp = page_of("specs", stamp=stamp)
    without = page_of("specs")
    for render in (docpage.to_markdown, docpage.to_html):
        stamped = render(with_stamp)
        assert "Generated by flowlint 9.9 from" in stamped
        assert "at commit" in stamped and "with uncommitted changes on 2024-05-01." in stamped
        assert docpage.comparable(stamped) == docpage.comparable(render(without))
    # A Markdown page without a stamp is compared as it is.
    assert docpage.comparable(docpage.to_markdown(without)) == docpage.to_markdown(without)


def test_check_compares_an_html_diagram_by_its_source() -> None:
    page = page_of("specs")
    fallback = docpage.to_html(page)
    drawn = docpage.to_html(page, "<svg xmlns='http://www.w3.org/2000/svg'><g/></svg>")
    assert fallback != drawn
    assert docpage.comparable(fallback) == docpage.comparable(drawn)
    other = page_of(FULL_MODEL)
    assert docpage.comparable(docpage.to_html(other)) != docpage.comparable(fallback)


@needs_dot
def test_graphviz_svg_is_inlined_with_a_title_and_one_node_per_service() -> None:
    page = page_of("specs")
    assert page.diagram is not None
    svg = subprocess.run(
        [DOT, "-Tsvg"], input=page.diagram.dot.encode(), capture_output=True, check=True
    ).stdout.decode()
    inline = docpage.inline_svg(svg, page.diagram.title)
    assert inline is not None
    assert inline.startswith("<svg") and "<!--" not in inline and "<?xml" not in inline
    assert 'role="img"' in inline and f'aria-label="{page.diagram.title}"' in inline
    assert inline.split(">", 1)[1].startswith(f"\n<title>{page.diagram.title}</title>")
    assert inline.count('class="node"') == 14
    reader = assert_html_reads_back(page, svg)
    assert "mermaid-source" not in docpage.to_html(page, svg)
    assert [t for t, _ in reader.tags].count("svg") == 1


def test_an_empty_spec_still_makes_a_page() -> None:
    page = text_page("flowlint: 1\n", findings=True)
    text = assert_markdown_reads_back(page)
    assert "# How data flows through the service line" in text
    assert "The spec declares no services." in text
    assert "flowlint finds no inconsistencies in this spec." in text
    assert_html_reads_back(page)


def test_as_of_words() -> None:
    assert docpage.as_of_words("2024-05") == "May 2024"
    assert docpage.as_of_words("2024-05-01") == "1 May 2024"
    assert docpage.as_of_words("2024-13") == "2024-13"
    assert docpage.as_of_words("spring") == "spring"


# Any text at all: what a reader sees is the text, on one line, and never markup.

ANY_TEXT = st.text(
    alphabet=st.one_of(
        st.sampled_from(list("\\`*_[]<>|&~#!@$:()-+=.1 \t\n\r\x1b\u202e\u00a0{}%'\"wW/")),
        st.characters(),
    ),
    max_size=40,
)


def _inline_text(tokens: list) -> str:
    parts = []
    for token in tokens:
        if token.type != "inline":
            continue
        for child in token.children or ():
            assert child.type in ("text", "code_inline"), (child.type, child.content)
            parts.append(child.content)
    return "".join(parts)


@given(ANY_TEXT)
def test_markdown_text_shows_any_text_as_it_is(text: str) -> None:
    shown = docpage.one_line(text).strip()
    paragraph = MARKDOWN.parse(docpage.markdown_text(text).strip())
    assert [t.type for t in paragraph if t.type.endswith("_open")] == (
        ["paragraph_open"] if shown else []
    )
    assert _inline_text(paragraph) == shown
    cell = docpage.markdown_cell(text).strip()
    table = MARKDOWN.parse(f"| a | b |\n| --- | --- |\n| {cell} | {cell} |\n")
    assert [t.type for t in table if t.type == "td_open"] == ["td_open", "td_open"]
    cells = [t for t in table if t.type == "inline"][2:]
    assert [_inline_text([c]) for c in cells] == [shown, shown]


@given(ANY_TEXT)
def test_markdown_code_shows_any_text_as_it_is(text: str) -> None:
    shown = docpage.one_line(text).strip()
    tokens = MARKDOWN.parse("x " + docpage.markdown_code(text) + " y")
    (inline,) = [t for t in tokens if t.type == "inline"]
    codes = [c.content for c in inline.children or () if c.type == "code_inline"]
    assert codes == ([shown] if shown else [])


@given(ANY_TEXT)
def test_html_text_shows_any_text_as_it_is(text: str) -> None:
    reader = _Reader()
    reader.feed(f'<p title="{docpage.html_attribute(text)}">{docpage.html_text(text)}</p>')
    reader.close()
    assert [tag for tag, _ in reader.tags] == ["p"]
    assert reader.tags[0][1]["title"] == docpage.one_line(text).strip()
    assert reader.texts == [" ".join(docpage.one_line(text).split())]
