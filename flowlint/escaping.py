"""The one escaping layer: untrusted text made safe for each place flowlint writes it.

Everything a spec, a file name, a configuration file or git gives flowlint is written by the
author of a change, who may be hostile. Every reporter and command passes such text through one
function here, chosen by where the text goes; nothing else escapes. A new output target is one new
function in this module.

The base of every target is `visible`: characters a reader cannot see, or that a terminal, a log
viewer or a parser would act on, are written as Python-style escapes (`\\n`, `\\x1b`, `\\u202e`).
That covers control characters (so ANSI and OSC sequences never start), line breaks of every kind
(so a one-line field stays one line), bidirectional controls such as U+202E (so text cannot be
shown in another order than it is read), other invisible format characters, lone surrogates (from
file names that are not UTF-8) and unassigned code points (which include XML's forbidden
U+FFFE and U+FFFF). Printable text, spaces of every kind and private-use characters pass as they
are, so ordinary text, including any script and emoji, is unchanged.

Targets:

- `terminal`: a line (or a piece of one) for the terminal and CI logs. Also never lets a line
  start a GitHub Actions workflow command (`::error ...`, after any leading whitespace) or hold an
  old-style one (`##[error]` anywhere in a line), since GitHub reads both from any line a step
  prints, on stdout and stderr.
- `github_data`, `github_property`: the message and the property values of a workflow command
  flowlint means to emit, escaped as GitHub documents (`%`; properties also `:`, `,`; line
  breaks are escapes already).
- `markdown`: inline Markdown text, literally, also inside a table cell: no HTML, links, images,
  emphasis, headings, fences, table pipes, math, and no @-mentions or #-references that notify.
  `markdown_code`: the same text as a code span.
- `mermaid`: the inside of a quoted Mermaid label: no quote, markup, line break, `%%{init}%%`
  directive or fence. One function for `graph` and `diff`.
- `dot`, `dot_label`: Graphviz DOT quoted strings (ids and labels), which also become valid SVG.
- `xml`: text and attribute values for ElementTree, which escapes markup itself (`&`, `<`, `>`,
  quotes, so `]]>` too); this leaves out what XML 1.0 cannot hold at all. `xml_document`: a
  whole serialized document (JUnit, SVG), safe to print in a CI log.
- `html`, `html_attribute`: text and attribute values of the HTML page `flowlint docs` writes.
- `json_document`: a JSON document that can always be written as UTF-8.

Each function is pure and linear in the length of its input.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable
from typing import Any

# Categories `str.isprintable` rejects that are still safe to show as they are.
_SHOWN = frozenset({"Zs", "Co"})


def _escape_char(char: str) -> str:
    if unicodedata.category(char) in _SHOWN:
        return char
    return char.encode("unicode_escape").decode()  # ASCII: \x.., \u...., \U........


def visible(text: str) -> str:
    """`text` with every character that is not printable written as its escape.

    Control characters (C0, DEL, C1, so also ESC and every line break), format characters
    (bidirectional controls, zero-width characters), line and paragraph separators, surrogates and
    unassigned code points become `\\n`, `\\x1b`, `\\u202e`, `\\udcff`...; everything else,
    including a backslash, is kept. The result is one line.
    """
    if text.isprintable():
        return text
    return "".join(char if char.isprintable() else _escape_char(char) for char in text)


# Old-style workflow commands (`##[error]message`) are read anywhere in a line.
_OLD_COMMAND = "##["


def terminal(text: str) -> str:
    """One line, or a piece of one, as it may be printed to a terminal or a CI log.

    `visible`, and: a line that would start with `::` (after whitespace), which GitHub reads as a
    workflow command, has its first `:` written `\\x3a`; `##[`, an old-style workflow command
    anywhere in a line, is written `##\\x5b`.
    """
    shown = visible(text).replace(_OLD_COMMAND, "##\\x5b")
    stripped = shown.lstrip()
    if stripped.startswith("::"):
        start = len(shown) - len(stripped)
        shown = shown[:start] + "\\x3a" + shown[start + 1 :]
    return shown


def github_data(text: str) -> str:
    """The message of a workflow command (after its second `::`), shown as one line.

    GitHub unescapes `%25`, `%0D` and `%0A` in it; `%` is escaped so that no sequence is read as
    an escape (`visible` has already written CR and LF as `\\r` and `\\n`). `##[` is written
    `##\x5b`, as on any line.
    """
    return visible(text).replace("%", "%25").replace(_OLD_COMMAND, "##\\x5b")


def github_property(text: str) -> str:
    """A property value of a workflow command (`file=...`): as data, and `:` and `,`, which
    end a property, as `%3A` and `%2C`."""
    return github_data(text).replace(":", "%3A").replace(",", "%2C")


# ASCII punctuation that can start or end Markdown inside a line (CommonMark, GitHub's tables,
# strikethrough and math): a backslash before any of it shows the character alone. `>`, `(` and
# `)` need none there (`<` and `[` are escaped), so `a -> b (copy)` stays readable in the source.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<|&~#!$])")
# What starts a block at the start of a line: a list item, a block quote, a setext underline.
_MARKDOWN_BLOCK_START = re.compile(r"^([ \t]*)(?:([-+=>])|(\d+)([.)]))")
# GitHub links an @-mention or a #-reference written anywhere in text, escaped or not; a zero-width
# space after the sign (as an entity, so the source stays readable) stops it and shows nothing.
_NOTIFIES = re.compile(r"[@#](?=\w)")


def no_notifications(source: str) -> str:
    """Markdown source (already escaped) with each `@name` and `#12` kept from notifying or
    linking: a zero-width space, written `&#8203;`, after the sign (escaped or not)."""
    if "@" not in source and "#" not in source:
        return source
    return _NOTIFIES.sub(lambda m: m.group() + "&#8203;", source)


def markdown(text: str) -> str:
    """Inline Markdown that shows `text` literally, also inside a table cell.

    Every character that can open markup (HTML, links, images, emphasis, code, headings, fences,
    strikethrough, math, entities, table pipes) gets a backslash, and so does a list, quote or
    underline marker at its start; line breaks are escapes (a cell or a line never breaks);
    `@name` and `#12` are kept from notifying or linking.
    """
    escaped = no_notifications(_MARKDOWN_SPECIAL.sub(r"\\\1", visible(text)))
    block = _MARKDOWN_BLOCK_START.match(escaped)
    if block is not None:  # shown literally at the start of a line too
        mark = block.end() - 1
        escaped = escaped[:mark] + "\\" + escaped[mark:]
    return escaped


_BACKTICKS = re.compile(r"`+")


def markdown_code(text: str) -> str:
    """`text` as an inline code span, shown literally (outside tables: GitHub splits a table
    cell at `|` even in code)."""
    shown = visible(text)
    longest = max((len(run) for run in _BACKTICKS.findall(shown)), default=0)
    fence = "`" * (longest + 1)
    if not shown.strip(" ") or shown[0] == "`" or shown[-1] == "`" or shown[0] == shown[-1] == " ":
        shown = f" {shown} "
    return f"{fence}{shown}{fence}"


_MERMAID_ENTITIES = {
    "#": "#35;",
    '"': "#quot;",
    "<": "#lt;",
    ">": "#gt;",
    "&": "#amp;",
    "|": "#124;",
    "`": "#96;",
    "%": "#37;",
}
_MERMAID_SPECIAL = re.compile("[" + re.escape("".join(_MERMAID_ENTITIES)) + "]")


def mermaid(text: str) -> str:
    """The inside of a quoted Mermaid label (`"..."`), shown literally.

    Quotes, markup, `|` (which ends an edge label), backticks (Markdown strings and fences) and
    `%` (a `%%{init: ...}%%` directive anywhere in a diagram reconfigures it) become Mermaid's
    entity codes; `#` does too, so no text reads as a code. Line breaks are escapes.
    """
    shown = visible(text)
    return _MERMAID_SPECIAL.sub(lambda m: _MERMAID_ENTITIES[m.group()], shown)


def _dot_inside(text: str) -> str:
    # `&` first: Graphviz reads entities in labels, and an unknown one makes invalid SVG. Then
    # `##[` as an entity, so DOT printed to a CI log holds no old-style workflow command.
    shown = visible(text).replace("\\", "\\\\").replace('"', '\\"').replace("&", "&amp;")
    return shown.replace(_OLD_COMMAND, "##&#91;")


def dot(text: str) -> str:
    """A Graphviz DOT quoted string (an id or a one-line label) that shows `text` literally.

    Backslashes (Graphviz's `\\N`, `\\G`, `\\l`...) and quotes are escaped and `&` is written
    `&amp;`, so the SVG Graphviz makes of it is valid XML whatever `text` holds.
    """
    return f'"{_dot_inside(text)}"'


def dot_label(lines: Iterable[str]) -> str:
    """A DOT quoted label of several lines, each shown literally, broken with DOT's `\\n`."""
    return '"' + "\\n".join(_dot_inside(line) for line in lines) + '"'


def xml(text: str) -> str:
    """Text or an attribute value for ElementTree: `visible`, so no character XML 1.0 forbids
    (ElementTree escapes `&`, `<`, `>` and quotes itself)."""
    return visible(text)


def xml_document(document: str) -> str:
    """A serialized XML document (JUnit, or the SVG Graphviz draws) made safe in a CI log: `##[`,
    which GitHub reads as a workflow command anywhere in a line, becomes `##&#91;`, the same text
    to an XML parser. (In XML `##[` can only be text or an attribute value.)"""
    return document.replace(_OLD_COMMAND, "##&#91;")


_HTML_TEXT = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
_HTML_ATTRIBUTE = {**_HTML_TEXT, '"': "&quot;", "'": "&#39;"}
_HTML_SPECIAL = re.compile("[&<>]")
_HTML_ATTRIBUTE_SPECIAL = re.compile("[&<>\"']")
_WHITE_SPACE = re.compile(r"\s+")


def html(text: str, keep_lines: bool = False) -> str:
    """Text content of an HTML element (the `flowlint docs` page) that shows `text` literally.

    `&`, `<` and `>` become character references; every run of white space (line breaks too)
    becomes one space, unless `keep_lines` keeps the lines (for a `<pre>` block); anything else
    `visible` escapes is written as an escape; `##[` becomes `##&#91;` (the same text to a
    browser; never a GitHub workflow command in a log that prints the page).
    """
    lines = text.split("\n") if keep_lines else [_WHITE_SPACE.sub(" ", text)]
    shown = "\n".join(visible(line) for line in lines)
    shown = _HTML_SPECIAL.sub(lambda m: _HTML_TEXT[m.group()], shown)
    return shown.replace(_OLD_COMMAND, "##&#91;")


def html_attribute(text: str) -> str:
    """A double-quoted HTML attribute value showing `text` on one line, trimmed."""
    shown = visible(_WHITE_SPACE.sub(" ", text)).strip()
    shown = _HTML_ATTRIBUTE_SPECIAL.sub(lambda m: _HTML_ATTRIBUTE[m.group()], shown)
    return shown.replace(_OLD_COMMAND, "##&#91;")


def _json_escape(char: str) -> str:
    if unicodedata.category(char) in _SHOWN:
        return char
    code = ord(char)
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000  # JSON writes a character beyond U+FFFF as a surrogate pair
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def json_document(data: Any, indent: int | None = 2) -> str:
    """`data` as JSON text that is faithful, printable and safe in a CI log.

    Every character `visible` would escape is written as a JSON `\\u` escape instead (so a
    parser reads exactly the data, and a lone surrogate from a file name that is not UTF-8 can
    still be written as UTF-8), and `##[` as `##\\u005b`, which GitHub would otherwise read as a
    workflow command in a log. Other text, including non-ASCII, is kept as it is.
    """
    text = json.dumps(data, ensure_ascii=False) if indent is None else _indented(data, indent)
    # Line breaks are outside strings (JSON escapes every one inside), so each line is escaped
    # alone and the structure is kept. Most documents need nothing: in ASCII text json has escaped
    # every control character but DEL (and the line breaks between lines), and other text is
    # checked in one pass.
    if _OLD_COMMAND not in text and (
        (text.isascii() and "\x7f" not in text) or text.replace("\n", "").isprintable()
    ):
        return text
    return "\n".join(_json_line(line) for line in text.split("\n"))


# Values json writes the same way on one line whatever the indent.
_FLAT = frozenset({str, int, bool, type(None)})
_TEXT = frozenset({str})


def _flat_encoder(separator: str) -> Any:
    """A function writing a list or mapping of `_FLAT` values as json.dumps does, with
    `separator` between items: the C encoder made once (`JSONEncoder.encode` makes it again on
    every call), or the encoder's own `encode` where json has no C part."""
    settings = json.JSONEncoder(ensure_ascii=False, separators=(separator, ": "))
    make = json.encoder.c_make_encoder
    if make is None:  # pragma: no cover - CPython always has it
        return settings.encode
    # The C encoder with the same settings; no circular-reference markers, as a flat value
    # holds no containers.
    encoder = make(
        None,
        None,
        json.encoder.encode_basestring,
        None,
        settings.key_separator,
        settings.item_separator,
        settings.sort_keys,
        settings.skipkeys,
        settings.allow_nan,
    )

    def encode(value: Any) -> str:
        return "".join(encoder(value, 0))

    return encode


def _indented(data: Any, indent: int) -> str:
    """`json.dumps(data, indent=indent, ensure_ascii=False)`, character for character, faster.

    With an indent, json writes with its pure-Python encoder (0.3 s for the 23,000 findings of a
    large spec, with about a million small pieces of text in memory at once); without one, with
    its C encoder. Here each mapping or list whose values are all text, numbers, booleans or null
    (a finding, say) is written by the C encoder in one call, with the line break and indent of
    its depth as the separator between items; the containers around them are written here.
    Strings never hold a raw line break (JSON escapes it), so a value's lines can be indented
    after the fact; anything else (a float, a key that is not text, another type) is left to
    `json.dumps` itself.
    """
    chunks: list[str] = []
    write = chunks.append
    flat_encoders: dict[int, Any] = {}

    def flat(value: Any, depth: int) -> str:
        if depth not in flat_encoders:
            flat_encoders[depth] = _flat_encoder(",\n" + " " * (indent * depth))
        return flat_encoders[depth](value)  # type: ignore[no-any-return]

    def put(value: Any, depth: int) -> None:
        kind = type(value)
        if kind is dict:
            if not value:
                write("{}")
                return
            inner = "\n" + " " * (indent * (depth + 1))
            if _TEXT.issuperset(map(type, value)):
                if _FLAT.issuperset(map(type, value.values())):
                    text = flat(value, depth + 1)
                    write(f"{{{inner}{text[1:-1]}\n{' ' * (indent * depth)}}}")
                    return
                separator = "{"
                for key, item in value.items():
                    write(f"{separator}{inner}{json.encoder.encode_basestring(key)}: ")
                    separator = ","
                    put(item, depth + 1)
                write(f"\n{' ' * (indent * depth)}}}")
                return
        elif kind is list or kind is tuple:
            if not value:
                write("[]")
                return
            inner = "\n" + " " * (indent * (depth + 1))
            if _FLAT.issuperset(map(type, value)):
                text = flat(value, depth + 1)
                write(f"[{inner}{text[1:-1]}\n{' ' * (indent * depth)}]")
                return
            separator = "["
            for item in value:
                write(f"{separator}{inner}")
                separator = ","
                put(item, depth + 1)
            write(f"\n{' ' * (indent * depth)}]")
            return
        elif kind is str:
            write(json.encoder.encode_basestring(value))
            return
        text = json.dumps(value, indent=indent, ensure_ascii=False)
        write(text.replace("\n", "\n" + " " * (indent * depth)))

    put(data, 0)
    return "".join(chunks)


def _json_line(line: str) -> str:
    if not line.isprintable():
        line = "".join(c if c.isprintable() else _json_escape(c) for c in line)
    return line.replace(_OLD_COMMAND, "##\\u005b")


# For pages (`flowlint docs`): inline Markdown on one line, code spans that may sit in a table
# cell, and link targets. A page is read by people: white space is collapsed rather than shown
# as escapes, and bare URLs must not become links.

# Every ASCII punctuation character that can start or end markup in CommonMark or GitHub's
# extensions (emphasis, code, links, images, HTML, entities, tables, strikethrough, headings,
# math, mentions); CommonMark shows a backslash-escaped one as the character alone.
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]<>|&~#!@$])")
# GitHub links bare URLs and "www." names: escaping their ':' or '.' stops it.
_AUTOLINK = re.compile(r"(?i)(?<=[a-z0-9])(:)(?=//)|(?<![a-z0-9])(www)(\.)")
# What starts a block at the beginning of a line: a list item, a thematic break or a setext
# underline, an ordered list item ("1." or "1)").
_MARKDOWN_LEADING = re.compile(r"^(?:([-+=])|(\d+)([.)]))")
# Text that `markdown_inline` would change: a character it escapes, makes visible or collapses,
# a possible autolink or block start. Any other text is returned as it is (the common case).
_MARKDOWN_PLAIN = re.compile(
    r"[\\`*_\[\]<>|&~#!@$:\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]"
    r"|[^\S ]|  |(?i:www)|^[-+=\d ]"
)
# Characters `link_url` refuses in a URL (controls and bidirectional controls).
_INVISIBLE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]"
)
# An http(s) URL, or a relative reference (no scheme: nothing before a ':' that comes before
# any '/', '?' or '#', and not '//host'), without white space, quotes, '<', '>' or '\'.
_URL_SAFE = re.compile(r"^(?:https?://|(?![a-z][a-z0-9+.-]*:|//))[^\s<>\"'`\\]+$", re.IGNORECASE)


def one_line(text: str) -> str:
    """Every run of white space (line breaks too) as one space, then what is not printable made
    visible."""
    return visible(re.sub(r"\s+", " ", text))


def markdown_inline(text: str) -> str:
    """Spec text as Markdown inline content that shows exactly that text, on one line: line
    breaks and runs of white space become one space, every markup character is escaped, and
    nothing can become a link, an image, HTML, a heading, a list, a fence or a mention (also
    when the text starts a line: a block renderer strips the space around it)."""
    if text.isprintable() and _MARKDOWN_PLAIN.search(text) is None:
        return text  # nothing to escape or collapse: most names
    flat = one_line(text)
    escaped = _INLINE_SPECIAL.sub(r"\\\1", flat)
    escaped = _AUTOLINK.sub(lambda m: "\\:" if m[1] else m[2] + "\\.", escaped)
    rest = escaped.lstrip(" ")
    lead = escaped[: len(escaped) - len(rest)]
    rest = _MARKDOWN_LEADING.sub(lambda m: "\\" + m[1] if m[1] else m[2] + "\\" + m[3], rest)
    return no_notifications(lead + rest)


def markdown_code_span(text: str, in_table: bool = False) -> str:
    """Spec text as a Markdown code span on one line: fenced by more backticks than it holds,
    padded when it starts or ends with one; in a table cell, `|` is escaped (GitHub splits cells
    first)."""
    flat = one_line(text).strip()
    if not flat:
        return ""
    longest = max((len(run) for run in _BACKTICKS.findall(flat)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if flat.startswith("`") or flat.endswith("`") else ""
    if in_table:
        flat = flat.replace("|", "\\|")
    return f"{fence}{pad}{flat}{pad}{fence}"


def link_url(url: str) -> str | None:
    """A URL as a link target: http(s) or relative, with parentheses percent-encoded so it
    cannot end a Markdown link; None for any other scheme (`javascript:`, `data:`...) or a URL
    with spaces, quotes or controls: such a URL is shown as text, never linked."""
    if not _URL_SAFE.match(url) or _INVISIBLE.search(url):
        return None
    return url.replace("(", "%28").replace(")", "%29")


def mermaid_source(text: str) -> str:
    """Mermaid text (made by `flowlint.graphing`, whose labels `mermaid` escapes) as a page shows
    it: control characters written as escapes, and any `%%{` (a directive wherever it is)
    written with Mermaid's character codes."""
    lines = (visible(line) for line in text.split("\n"))
    return "\n".join(lines).replace("%%{", "#37;#37;{")
