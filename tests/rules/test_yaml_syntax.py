"""FL001 yaml-syntax: a spec file is valid YAML made of plain data."""

import textwrap

from flowlint.engine import lint, select_rules
from flowlint.loading import Loaded, parse_text
from flowlint.rules import BUILTIN_RULES
from flowlint.testing import codes, lint_files, positions

VALID = """\
flowlint: 1
services:
  publish: {name: Publish teacher training courses}
"""


def fl001(text: str, select: tuple[str, ...] = ("FL001",)):
    """The findings of the selected rules on a one-file spec; the run itself must be whole (a rule
    that raised would leave no finding and an internal error, which findings alone do not show)."""
    rules = select_rules(BUILTIN_RULES, select)
    report = lint(Loaded((parse_text(textwrap.dedent(text), "spec.yaml"),)), rules)
    assert report.errors == ()
    return list(report.findings)


def test_valid_yaml_gives_no_finding() -> None:
    assert fl001(VALID, select=("FL001", "FL002", "FL003")) == []


def test_unterminated_quote_is_reported_where_parsing_stopped_naming_where_it_started() -> None:
    findings = fl001(
        """\
        flowlint: 1
        services:
          publish: {name: "Publish teacher training courses}
        """
    )
    assert positions(findings) == [(4, 1, "")]
    assert findings[0].message == (
        "invalid YAML: found unexpected end of stream while scanning a quoted scalar "
        "that starts on line 3, column 19"
    )
    assert findings[0].location.file == "spec.yaml"


def test_unclosed_bracket_names_the_list_and_how_to_fix_it() -> None:
    findings = fl001(
        """\
        flowlint: 1
        flows:
          - {from: publish, to: find, entities: [course}
        """
    )
    assert positions(findings) == [(3, 48, "")]
    assert findings[0].message == (
        "invalid YAML: did not find expected ',' or ']' while parsing a flow sequence that "
        "starts on line 3, column 41; close the brackets or add the missing comma"
    )


def test_bad_indentation() -> None:
    findings = fl001("flowlint: 1\nservices:\n  publish:\n    name: Publish\n   kind: service\n")
    assert positions(findings) == [(5, 4, "")]
    assert findings[0].message == (
        "invalid YAML: did not find expected key while parsing a block mapping that starts "
        "on line 3, column 3; check the indentation of this line"
    )


def test_colon_in_an_unquoted_value() -> None:
    findings = fl001("flowlint: 1\nservice_line: Teacher training: England\n")
    assert positions(findings) == [(2, 31, "")]
    assert findings[0].message == (
        "invalid YAML: unexpected ':' (a mapping value is not allowed here); "
        "quote a value that contains ': ', or check the indentation"
    )


def test_tab_indentation() -> None:
    findings = fl001("flowlint: 1\nservices:\n\tpublish: {name: Publish}\n")
    assert positions(findings) == [(3, 1, "")]
    assert findings[0].message == (
        "invalid YAML: a tab character cannot start a token here; indent with spaces"
    )


def test_reserved_indicator_at_the_start_of_a_value() -> None:
    findings = fl001("flowlint: 1\nservice_line: @dfe\n")
    assert positions(findings) == [(2, 15, "")]
    assert findings[0].message == (
        "invalid YAML: '@' is reserved and cannot start a plain value; put the value in quotes"
    )


def test_undefined_alias_is_named() -> None:
    findings = fl001("flowlint: 1\nservices:\n  publish: *publish\n")
    assert positions(findings) == [(3, 12, "")]
    assert findings[0].message == (
        "invalid YAML: alias '*publish' refers to no anchor; define '&publish' before using it"
    )


def test_anchor_defined_twice() -> None:
    findings = fl001("flowlint: 1\nx-a: &p 1\nx-b: &p 2\n")
    assert positions(findings) == [(3, 6, "")]
    assert findings[0].message == (
        "invalid YAML: this anchor is already defined on line 2, column 6; "
        "give each anchor its own name"
    )


def test_several_documents_are_one_finding_at_the_second() -> None:
    findings = fl001(VALID + "---\n" + VALID, select=("FL001", "FL002", "FL003"))
    assert positions(findings) == [(4, 1, "")]
    assert findings[0].message == (
        "several YAML documents in one file: flowlint reads one document per file; "
        "split them into separate files of a directory model"
    )


def test_a_tag_is_refused_at_its_node_and_the_value_is_read_without_it() -> None:
    findings = fl001(
        """\
        flowlint: 1
        services:
          publish: {name: !include name.txt}
        """,
        select=("FL001", "FL002", "FL003"),
    )
    # One finding: the value is read as the text 'name.txt', which is a valid name.
    assert codes(findings) == ["FL001"]
    assert positions(findings) == [(3, 19, "/services/publish/name")]
    assert findings[0].message == (
        "tag '!include' is not supported: flowlint reads plain YAML data only "
        "and never constructs objects; remove the tag"
    )


def test_a_python_tag_is_refused() -> None:
    findings = fl001('flowlint: 1\nx-run: !!python/object/apply:os.system ["echo hi"]\n')
    assert positions(findings) == [(2, 8, "/x-run")]
    assert findings[0].message.startswith("tag '!!python/object/apply:os.system' is not supported")


def test_a_tag_on_a_key_is_refused() -> None:
    findings = fl001("flowlint: 1\n!!python/name:os.system x-key: 1\n")
    assert positions(findings) == [(2, 1, "/x-key")]


def test_standard_tags_are_plain_data() -> None:
    text = "flowlint: !!int 1\nservice_line: !!str 2024\nas_of: !!timestamp 2024-05-01\n"
    assert fl001(text, select=("FL001", "FL003")) == []


def test_a_standard_tag_that_cannot_read_its_value() -> None:
    findings = fl001("flowlint: !!int one\n", select=("FL001", "FL003"))
    # The value stays the text 'one', which the schema then reports too: the tag and the
    # version are two mistakes.
    assert codes(findings) == ["FL003", "FL001"]
    assert positions(findings) == [(1, 1, "/flowlint"), (1, 11, "/flowlint")]
    assert findings[1].message == (
        "'one' cannot be read as an integer: remove the tag '!!int' or correct the value"
    )


def test_a_control_character() -> None:
    findings = fl001("flowlint: 1\nservice_line: Teacher\x07training\n")
    assert positions(findings) == [(2, 22, "")]
    assert findings[0].message == (
        "invalid YAML: the character U+0007 is not allowed in YAML text; remove it"
    )


def test_a_broken_file_does_not_stop_the_others_of_a_directory_model() -> None:
    findings = lint_files(
        {
            "a.yaml": 'flowlint: 1\nservices:\n  publish: {name: "Publish}\n',
            "b.yaml": "flowlint: 1\nentities:\n  course: {}\n",
        },
        select=["FL001", "FL101"],
    )
    assert [(f.code, f.location.file, f.location.line) for f in findings] == [
        ("FL001", "a.yaml", 4),
        ("FL101", "b.yaml", 3),
    ]
