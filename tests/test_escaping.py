"""The escaping layer, one target at a time: exact examples, and properties over any text.

tests/test_hostile_output.py feeds the same kinds of text through every command and format and
checks each output with its real parser; here each function is held to its own promise.
"""

from __future__ import annotations

import json
import re
import unicodedata
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from flowlint import escaping

# Text with a good share of what forges output.
NASTY = st.text(
    alphabet=st.one_of(
        st.characters(),
        st.sampled_from(
            list("\n\r\t\x1b\x07\x00\x7f\x85\u202e\u2066\u2028\ud800#@[]<>|`%:,&\\\"'")
        ),
    ),
    max_size=40,
)


def unsafe(text: str) -> set[str]:
    return {c for c in text if not c.isprintable() and unicodedata.category(c) not in ("Zs", "Co")}


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("plain text, ünïcödé and 名前 ✅", "plain text, ünïcödé and 名前 ✅"),
        ("a\nb\r\tc", "a\\nb\\r\\tc"),
        ("\x1b[31mred\x1b]8;;http://x\x07", "\\x1b[31mred\\x1b]8;;http://x\\x07"),
        ("\u202eevil\u202c\u2066\u200b", "\\u202eevil\\u202c\\u2066\\u200b"),
        ("\x00\x7f\x85\x9b", "\\x00\\x7f\\x85\\x9b"),
        ("line\u2028sep", "line\\u2028sep"),
        ("bad-\udcff-byte", "bad-\\udcff-byte"),
        ("\ufffe\uffff", "\\ufffe\\uffff"),
        ("\U000e0041 tag", "\\U000e0041 tag"),
        ("non\xa0breaking\u3000space \ue000", "non\xa0breaking\u3000space \ue000"),
        ("back\\slash", "back\\slash"),
    ],
)
def test_visible(raw: str, shown: str) -> None:
    assert escaping.visible(raw) == shown


@given(NASTY)
def test_visible_is_one_printable_line_and_idempotent(text: str) -> None:
    shown = escaping.visible(text)
    assert not unsafe(shown)
    assert escaping.visible(shown) == shown
    shown.encode("utf-8")  # a lone surrogate would not encode


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("::error::forged", "\\x3a:error::forged"),
        ("  \xa0::warning file=a::x", "  \xa0\\x3a:warning file=a::x"),
        ("name: ::error::x", "name: ::error::x"),  # not at the start: GitHub reads no command
        (":single colon", ":single colon"),
        ("text ##[error]old style", "text ##\\x5berror]old style"),
        ("x\n::error::y", "x\\n::error::y"),
    ],
)
def test_terminal(raw: str, shown: str) -> None:
    assert escaping.terminal(raw) == shown


@given(NASTY)
def test_terminal_never_starts_or_holds_a_workflow_command(text: str) -> None:
    shown = escaping.terminal(text)
    assert not unsafe(shown)
    assert not shown.lstrip().startswith("::")
    assert "##[" not in shown
    assert escaping.terminal(shown) == shown


def test_github_data_and_properties() -> None:
    assert escaping.github_data("50% done, see: x") == "50%25 done, see: x"
    assert escaping.github_data("%0A stays text") == "%250A stays text"
    assert escaping.github_data("one\ntwo ##[error]") == "one\\ntwo ##\\x5berror]"
    assert escaping.github_property("a:b,c%d\ne") == "a%3Ab%2Cc%25d\\ne"


@given(NASTY)
def test_github_property_cannot_end_a_property(text: str) -> None:
    value = escaping.github_property(text)
    assert not set(value) & set(":,\r\n")
    assert not unsafe(value)
    # What GitHub's runner unescapes is the visible text.
    unescaped = value
    for token, replacement in (
        ("%0D", "\r"),
        ("%0A", "\n"),
        ("%3A", ":"),
        ("%2C", ","),
        ("%25", "%"),
    ):
        unescaped = unescaped.replace(token, replacement)
    assert unescaped == escaping.visible(text).replace("##[", "##\\x5b")


MARKDOWN = MarkdownIt("commonmark").enable(["table", "strikethrough"])


def rendered_text(source: str) -> str:
    """The text a reader sees of one Markdown paragraph, and no other markup."""
    tokens = MARKDOWN.parse(source)
    assert [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"], tokens
    children = tokens[1].children or []
    assert {child.type for child in children} <= {"text"}, [c.type for c in children]
    return "".join(child.content for child in children)


@pytest.mark.parametrize(
    ("raw", "source"),
    [
        ("a | b", "a \\| b"),
        (
            "**bold** _x_ `code` [link](u) <b> &amp;",
            "\\*\\*bold\\*\\* \\_x\\_ \\`code\\` \\[link\\](u) \\<b> \\&amp;",
        ),
        ("# heading", "\\# heading"),
        ("- item", "\\- item"),
        ("12. item", "12\\. item"),
        ("> quote", "\\> quote"),
        ("@octocat and #12", "@&#8203;octocat and \\#&#8203;12"),
        ("$x^2$ ~~s~~", "\\$x^2\\$ \\~\\~s\\~\\~"),
        ("a -> b (copy)", "a -> b (copy)"),
        ("line one\nline two", "line one\\\\nline two"),
    ],
)
def test_markdown(raw: str, source: str) -> None:
    assert escaping.markdown(raw) == source


@given(NASTY.filter(lambda t: t.strip()))
def test_markdown_shows_any_text_literally(text: str) -> None:
    source = escaping.markdown(text)
    assert not unsafe(source)
    seen = rendered_text(source).replace("\u200b", "")
    expected = escaping.visible(text)
    # CommonMark drops leading and trailing spaces of a paragraph, and reads a tab as spaces.
    assert seen.strip() == expected.strip(" \t")


@given(NASTY)
def test_markdown_never_splits_a_table_cell(text: str) -> None:
    table = f"| a | b |\n| --- | --- |\n| {escaping.markdown(text)} | x |\n"
    tokens = MARKDOWN.parse(table)
    cells = [t for t in tokens if t.type == "td_open"]
    assert len(cells) == 2


@given(NASTY)
def test_markdown_code_is_one_code_span(text: str) -> None:
    source = escaping.markdown_code(text)
    tokens = MARKDOWN.parse(f"x {source} y")
    children = tokens[1].children or []
    assert [c.type for c in children] == ["text", "code_inline", "text"]
    assert children[1].content.strip(" ") == escaping.visible(text).strip(" ")


@given(NASTY)
def test_mermaid_label_cannot_end_or_configure_anything(text: str) -> None:
    label = escaping.mermaid(text)
    assert not set(label) & set('"<>|`%\n\r')
    assert re.fullmatch(r"(?:[^#]|#(?:\d+|quot|lt|gt|amp);)*", label)
    assert not unsafe(label)


def test_mermaid_examples() -> None:
    assert escaping.mermaid('%%{init: {"theme": "dark"}}%%') == (
        "#37;#37;{init: {#quot;theme#quot;: #quot;dark#quot;}}#37;#37;"
    )
    assert escaping.mermaid("a\n```\nb") == "a\\n#96;#96;#96;\\nb"


@given(NASTY)
def test_dot_string_is_one_quoted_string(text: str) -> None:
    quoted = escaping.dot(text)
    inside = quoted[1:-1]
    assert quoted[0] == quoted[-1] == '"'
    # Every quote and backslash inside is escaped: the string ends only at its last quote.
    assert re.fullmatch(r'(?:[^"\\]|\\.)*', inside)
    assert "##[" not in quoted
    assert not unsafe(quoted)
    assert not re.search(r"&(?!amp;|#91;)", inside)  # Graphviz reads no entity of ours


def test_dot_examples() -> None:
    assert escaping.dot('say "hi" \\N & ##[x]\n') == '"say \\"hi\\" \\\\N &amp; ##&#91;x]\\\\n"'
    assert escaping.dot_label(["a", 'b"']) == '"a\\nb\\""'


@given(NASTY)
def test_xml_text_and_attributes_always_parse(text: str) -> None:
    element = ET.Element("e", name=escaping.xml(text))
    element.text = escaping.xml(text) + "]]>"
    document = escaping.xml_document(ET.tostring(element, encoding="unicode"))
    parsed = ET.fromstring(document)
    assert parsed.get("name") == escaping.visible(text)
    assert "##[" not in document


@given(st.recursive(st.none() | NASTY | st.integers(), lambda inner: st.lists(inner, max_size=3)))
def test_json_document_is_faithful_printable_and_safe_in_a_log(data: object) -> None:
    text = escaping.json_document({"data": data})
    assert json.loads(text) == {"data": data}
    assert not unsafe(text.replace("\n", ""))
    assert "##[" not in text
    text.encode("utf-8")


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | NASTY,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.tuples(inner, inner)
        | st.dictionaries(NASTY | st.integers() | st.booleans(), inner, max_size=4)
    ),
    max_leaves=30,
)


def _json_document_line_by_line(data: object, indent: int | None) -> str:
    """json_document as it was first written: json.dumps, then every line escaped alone."""
    text = json.dumps(data, indent=indent, ensure_ascii=False)
    return "\n".join(escaping._json_line(line) for line in text.split("\n"))


@given(JSON_VALUES, st.sampled_from([None, 0, 2, 4]))
def test_json_document_is_what_json_dumps_and_the_line_by_line_escaping_give(
    data: object, indent: int | None
) -> None:
    # The fast writer (the C encoder for flat values) and the one-pass check are only faster.
    if indent is not None:
        assert escaping._indented(data, indent) == json.dumps(
            data, indent=indent, ensure_ascii=False
        )
    assert escaping.json_document(data, indent) == _json_document_line_by_line(data, indent)


def test_json_document_of_findings_is_the_indented_document() -> None:
    findings = [
        {"code": "FL104", "line": n, "message": f"copy {n} \x7f ##[x] \u202e", "ok": n % 2 == 0}
        for n in range(3)
    ]
    data = {"findings": findings, "summary": {}, "suppressed": [], "nested": [[1, [2]], {"a": {}}]}
    for indent in (2, 4):
        assert escaping.json_document(data, indent) == _json_document_line_by_line(data, indent)
    assert (
        escaping.json_document(data).count("\n") == len(json.dumps(data, indent=2).splitlines()) - 1
    )


# The page functions (`flowlint docs`): exact examples of each.


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("a\n\tb  c", "a b c"),
        (" x\u202ey ", " x\\u202ey "),
        ("plain", "plain"),
    ],
)
def test_one_line(raw: str, shown: str) -> None:
    assert escaping.one_line(raw) == shown


@pytest.mark.parametrize(
    ("raw", "source"),
    [
        ("course", "course"),
        ("a  b\nc", "a b c"),
        (
            "*x* _y_ [l](u) <b> | ~s~ $m$ \\ `c` & ! #",
            "\\*x\\* \\_y\\_ \\[l\\](u) \\<b\\> \\| \\~s\\~ \\$m\\$ \\\\ \\`c\\` \\& \\! \\#",
        ),
        ("see https://x.org and www.example.com", "see https\\://x.org and www\\.example.com"),
        ("WWW.x and HTTP://y", "WWW\\.x and HTTP\\://y"),
        ("wwwx, ex:ample, a://b", "wwwx, ex:ample, a\\://b"),
        ("- item", "\\- item"),
        ("+ x", "\\+ x"),
        ("= x", "\\= x"),
        ("12. item", "12\\. item"),
        ("3) x", "3\\) x"),
        ("  - lead", " \\- lead"),
        ("x\x1b", "x\\\\x1b"),
        ("a > b", "a \\> b"),
        ("X-ray | gamma", "X-ray \\| gamma"),  # a letter first: no list marker
    ],
)
def test_markdown_inline(raw: str, source: str) -> None:
    assert escaping.markdown_inline(raw) == source
    # A reader sees the text on one line, and no markup.
    assert rendered_text(source) == escaping.one_line(raw).strip()


def test_markdown_inline_keeps_mentions_and_references_from_notifying() -> None:
    assert escaping.markdown_inline("@team #12") == "\\@&#8203;team \\#&#8203;12"


@pytest.mark.parametrize(
    ("raw", "span"),
    [
        ("code", "`code`"),
        ("  a\n b  ", "`a b`"),
        ("", ""),
        ("  ", ""),
        ("a`b", "``a`b``"),
        ("`x", "`` `x ``"),
        ("y`", "`` y` ``"),
        ("x ``` y", "````x ``` y````"),
        ("a|b", "`a|b`"),
    ],
)
def test_markdown_code_span(raw: str, span: str) -> None:
    assert escaping.markdown_code_span(raw) == span


def test_markdown_code_span_in_a_table_escapes_the_pipe() -> None:
    assert escaping.markdown_code_span("a|b", in_table=True) == "`a\\|b`"
    assert escaping.markdown_code_span("a|b", in_table=False) == "`a|b`"


@pytest.mark.parametrize(
    ("url", "target"),
    [
        ("https://x.org/a(b)", "https://x.org/a%28b%29"),
        ("http://x", "http://x"),
        ("HTTPS://X", "HTTPS://X"),
        ("docs/page.md#s", "docs/page.md#s"),
        ("../a", "../a"),
        ("javascript:alert(1)", None),
        ("data:x", None),
        ("mailto:a@b", None),
        ("ftp://x", None),
        ("//evil.org/x", None),
        ("https://x y", None),
        ('a"b', None),
        ("a'b", None),
        ("a<b", None),
        ("a\\b", None),
        ("a`b", None),
        ("https://x\u202e", None),
        ("x\x7f", None),
    ],
)
def test_link_url(url: str, target: str | None) -> None:
    assert escaping.link_url(url) == target


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("a < b & c > d", "a &lt; b &amp; c &gt; d"),
        ("x\n\n  y\tz", "x y z"),
        ("x\x1b ##[e]", "x\\x1b ##&#91;e]"),
        ("plain", "plain"),
    ],
)
def test_html(raw: str, shown: str) -> None:
    assert escaping.html(raw) == shown


def test_html_keeping_lines() -> None:
    assert escaping.html("a  <b>\n\x1b c\n##[x]", keep_lines=True) == (
        "a  &lt;b&gt;\n\\x1b c\n##&#91;x]"
    )


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("a < b & c > d", "a &lt; b &amp; c &gt; d"),
        ("  x\n \"y\" 'z' ", "x &quot;y&quot; &#39;z&#39;"),
        ("##[e] \x1b", "##&#91;e] \\x1b"),
        ("plain", "plain"),
    ],
)
def test_html_attribute(raw: str, shown: str) -> None:
    assert escaping.html_attribute(raw) == shown


def test_mermaid_source() -> None:
    source = 'graph LR\n  a["%%{init: x}%%"]\x1b --> b'
    assert escaping.mermaid_source(source) == ('graph LR\n  a["#37;#37;{init: x}%%"]\\x1b --> b')
    assert escaping.mermaid_source("plain\ntext") == "plain\ntext"


@pytest.mark.parametrize(
    ("raw", "span"),
    [
        ("a", "`a`"),
        ("XX", "`XX`"),
        ("a b", "`a b`"),
        (" a", "` a`"),
        ("a ", "`a `"),
        (" a ", "`  a  `"),
        ("", "`  `"),
        (" ", "`   `"),
        ("\xa0", "`\xa0`"),
        ("`", "`` ` ``"),
        ("`a", "`` `a ``"),
        ("a`", "`` a` ``"),
        ("a``b", "```a``b```"),
        ("x\x1b", "`x\\x1b`"),
    ],
)
def test_markdown_code_examples(raw: str, span: str) -> None:
    assert escaping.markdown_code(raw) == span
    children = MARKDOWN.parse(f"x {span} y")[1].children or []
    assert [c.type for c in children] == ["text", "code_inline", "text"]
    if raw.strip(" "):  # a reader sees exactly the visible text (all spaces: CommonMark keeps all)
        assert children[1].content == escaping.visible(raw)


@pytest.mark.parametrize(
    ("source", "kept"),
    [
        ("@team", "@&#8203;team"),
        ("#12", "#&#8203;12"),
        ("a@b and c#d", "a@&#8203;b and c#&#8203;d"),
        ("@ and # alone", "@ and # alone"),
        ("plain", "plain"),
    ],
)
def test_no_notifications(source: str, kept: str) -> None:
    assert escaping.no_notifications(source) == kept


def test_json_document_escapes_delete_in_ascii_text() -> None:
    # json.dumps leaves DEL as it is; a terminal would act on it.
    assert escaping.json_document({"a": "x\x7f"}) == '{\n  "a": "x\\u007f"\n}'
    assert escaping.json_document(["x\x7f"], indent=None) == '["x\\u007f"]'


def test_json_document_escapes_the_last_code_points_of_each_plane_like_json() -> None:
    # U+FFFF is one escape; U+E0001 (a tag) beyond U+FFFF is a surrogate pair.
    assert escaping.json_document(["\uffff", "\U000e0001"], indent=None) == (
        '["\\uffff", "\\udb40\\udc01"]'
    )
    assert json.loads(escaping.json_document(["\U000e0001"])) == ["\U000e0001"]


def test_json_document_without_the_c_encoder_is_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    # Where json has no C part (PyPy), flat values are written by the encoder's own `encode`.
    data = {"findings": [{"a": "ü \x1b", "n": 1, "b": True, "z": None}], "s": ["x", 2]}
    expected = escaping.json_document(data)
    assert expected == (
        "{\n"
        '  "findings": [\n'
        "    {\n"
        '      "a": "ü \\u001b",\n'
        '      "n": 1,\n'
        '      "b": true,\n'
        '      "z": null\n'
        "    }\n"
        "  ],\n"
        '  "s": [\n'
        '    "x",\n'
        "    2\n"
        "  ]\n"
        "}"
    )
    monkeypatch.setattr(json.encoder, "c_make_encoder", None)
    assert escaping.json_document(data) == expected
