"""flowlint.schema's wording helpers and its handling of the schema itself, asserted exactly:
ordinals, ids made kebab-case, how a place and a value are named, the format version's messages,
fingerprint paths of list items, and `$ref` inlining."""

from __future__ import annotations

import pytest

from flowlint.loading import parse_text
from flowlint.schema import (
    _and,
    _describe,
    _describe_item,
    _id_kind,
    _id_word,
    _inline_refs,
    _kebab,
    _not_a,
    _ordinal,
    _stable_path,
    _type_word,
    _version_message,
    validate,
)


def test_ordinals() -> None:
    numbers = [1, 2, 3, 4, 10, 11, 12, 13, 14, 20, 21, 22, 23, 24, 100, 101, 111, 112, 113, 121]
    assert [_ordinal(n) for n in numbers] == [
        "1st",
        "2nd",
        "3rd",
        "4th",
        "10th",
        "11th",
        "12th",
        "13th",
        "14th",
        "20th",
        "21st",
        "22nd",
        "23rd",
        "24th",
        "100th",
        "101st",
        "111th",
        "112th",
        "113th",
        "121st",
    ]


def test_kebab_case_suggestions() -> None:
    assert _kebab("studentRecord") == "student-record"
    assert _kebab("Student Record") == "student-record"
    assert _kebab("student_record_2") == "student-record-2"
    assert _kebab("HTTPApi") == "h-t-t-p-api"
    assert _kebab("apply") == "apply"
    assert _kebab("été") is None
    assert _kebab("2nd-thing") is None
    assert _kebab("") is None


def test_type_words() -> None:
    assert [_type_word(v) for v in (None, True, False, {}, [], 3, 2.5)] == [
        "empty",
        "the boolean true",
        "the boolean false",
        "a mapping",
        "a list",
        "the number 3",
        "the number 2.5",
    ]
    assert _type_word("x" * 100) == "the text '" + "x" * 79 + "…'"
    assert _type_word(10**100) == "the number " + "1" + "0" * 78 + "…"


def test_not_a() -> None:
    assert _not_a("'name' of service 'a'", "text", None) == (
        "'name' of service 'a' is empty; it must be text"
    )
    assert _not_a("'name' of service 'a'", "text", 3) == (
        "'name' of service 'a' must be text, not the number 3"
    )
    assert _not_a("'name' of service 'a'", "text", False) == (
        "'name' of service 'a' must be text, not the boolean false (YAML reads "
        "yes/no/on/off/true/false as booleans: quote the value)"
    )


def test_version_messages() -> None:
    for text in ("1", " 1.0 ", "1.1"):
        number = text.strip()
        assert _version_message(text) == (
            f"the format version is the text '{number}'; write the number, without quotes: "
            f"'flowlint: {number}'"
        )
    assert _version_message(2) == (
        "the format version is 2, but flowlint reads formats 1 and 1.1: write 'flowlint: 1' "
        "(or 'flowlint: 1.1' for a spec that uses the fields added in 1.1)"
    )
    assert _version_message(1.5).startswith("the format version is 1.5, but")
    assert _version_message(True) == (
        "the format version must be the number 1 or 1.1, not the boolean true: write 'flowlint: 1'"
    )
    assert _version_message("2") == (
        "the format version must be the number 1 or 1.1, not the text '2': write 'flowlint: 1'"
    )


def test_id_kinds_and_words() -> None:
    assert _id_kind([]) is None
    assert _id_kind([0, 1]) is None
    assert _id_kind(["flows", 0, "from"]) == "service"
    assert _id_kind(["flows", 0, "to"]) == "service"
    assert _id_kind(["relationships", 0, "from"]) == "entity"
    assert _id_kind(["entities", "e", "relationships", 0, "to"]) == "entity"
    assert _id_kind(["flows", 0, "entities", 2]) == "entity"
    assert _id_kind(["flows", 0, "api"]) == "API"
    assert _id_kind(["services", "a", "name"]) is None
    assert _id_word(["flows", 0, "api"]) == "an API id"
    assert _id_word(["entities", "e", "owner"]) == "a service id"
    assert _id_word(["services", "a", "edits", 0]) == "an entity id"
    assert _id_word(["services", "a", "name"]) == "an id"


def test_and() -> None:
    assert _and(["'a'"]) == "'a'"
    assert _and(["'a'", "'b'"]) == "'a' and 'b'"
    assert _and(["'a'", "'b'", "'c'"]) == "'a', 'b' and 'c'"


DATA = """\
flowlint: 1
services:
  a: {name: A}
entities:
  e:
    relationships:
      - {name: Link, to: f}
      - {to: f}
flows:
  - {from: a, to: b, entities: [e]}
  - {from: a}
  - {to: b}
  - {entities: [e]}
  - just text
relationships:
  - {name: Named, from: e, to: f}
  - {from: e, to: f}
"""


def test_places_are_named_as_their_author_thinks_of_them() -> None:
    source = parse_text(DATA, "s.yaml")
    assert _describe([], source) == "the spec"
    assert _describe(["services"], source) == "'services'"
    assert _describe(["services", "a"], source) == "service 'a'"
    assert _describe(["services", "a", "name"], source) == "'name' of service 'a'"
    assert _describe(["apis", "x", "entities", 2], source) == "item 3 of 'entities' of API 'x'"
    assert _describe(["flows", 0, "entities", 0], source) == (
        "item 1 of 'entities' of the flow from 'a' to 'b'"
    )
    assert _describe(["flows", 1], source) == "the flow from 'a'"
    assert _describe(["flows", 2, "to"], source) == "'to' of the flow to 'b'"
    assert _describe(["flows", 3], source) == "the 4th flow"
    assert _describe(["flows", 4], source) == "the 5th flow"
    assert _describe(["flows", 9], source) == "the 10th flow"
    assert _describe(["relationships", 0, "to"], source) == "'to' of relationship 'Named'"
    assert _describe(["relationships", 1], source) == "the 2nd relationship"
    assert _describe(["entities", "e", "relationships", 0, "to"], source) == (
        "'to' of relationship 'Link' of entity 'e'"
    )
    assert _describe(["entities", "e", "relationships", 1], source) == (
        "the 2nd relationship of entity 'e'"
    )
    assert _describe(["entities", "e", "relationships"], source) == (
        "'relationships' of entity 'e'"
    )
    assert _describe(["x-notes", 0, "text"], source) == "'text' of item 1 of 'x-notes'"
    assert _describe(["x-notes", "k"], source) == "'k' of 'x-notes'"
    assert _describe_item("flows", 0, "text") == "the 1st flow"
    assert _describe_item("relationships", 2, {"name": 3}) == "the 3rd relationship"


def test_fingerprint_paths_name_flows_by_what_they_connect() -> None:
    source = parse_text(DATA, "s.yaml")
    assert _stable_path(["flows", 0, "entities", 0], source) == ["flows", "a->b", "entities", 0]
    assert _stable_path(["flows", 1, "to"], source) == ["flows", "a->None", "to"]
    assert _stable_path(["flows", 4], source) == ["flows", 4]
    assert _stable_path(["flows", 9], source) == ["flows", 9]
    assert _stable_path(["relationships", 0, "to"], source) == ["relationships", "e->f", "to"]
    # A relationship within an entity has no 'from': it keeps its index.
    assert _stable_path(["entities", "e", "relationships", 1], source) == [
        "entities",
        "e",
        "relationships",
        1,
    ]
    assert _stable_path(["services", "a", "name", "x"], source) == ["services", "a", "name", "x"]


def test_refs_are_inlined_unless_recursive_or_unknown() -> None:
    schema = {
        "type": "object",
        "properties": {
            "a": {"$ref": "#/$defs/id"},
            "b": {"$ref": "#/$defs/id", "description": "b", "minLength": 2},
            "c": {"$ref": "#/$defs/id", "pattern": "^c"},
            "d": {"items": [{"$ref": "#/$defs/id"}], "$ref": "http://example.org/x"},
        },
        "$defs": {"id": {"type": "string", "pattern": "^[a-z]+$"}},
    }
    inlined = _inline_refs(schema)
    assert inlined["properties"] == {
        "a": {"type": "string", "pattern": "^[a-z]+$"},
        "b": {"type": "string", "pattern": "^[a-z]+$", "description": "b", "minLength": 2},
        "c": {"allOf": [{"type": "string", "pattern": "^[a-z]+$"}], "pattern": "^c"},
        "d": {"items": [{"type": "string", "pattern": "^[a-z]+$"}], "$ref": "http://example.org/x"},
    }
    assert inlined["$defs"] == schema["$defs"]
    assert inlined["type"] == "object"
    recursive = {"$ref": "#/$defs/node", "$defs": {"node": {"items": {"$ref": "#/$defs/node"}}}}
    assert _inline_refs(recursive) == recursive
    unknown = {"properties": {"a": {"$ref": "#/$defs/missing"}}, "$defs": {}}
    assert _inline_refs(unknown) == unknown
    annotated = {"$ref": "#/$defs/a", "description": "x", "$defs": {"a": {"description": "y"}}}
    assert _inline_refs(annotated)["description"] == "x"
    to_list = {"$ref": "#/$defs/a", "$defs": {"a": [1]}}
    assert _inline_refs(to_list) == {"allOf": [[1]], "$defs": {"a": [1]}}


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("", [(1, 1, "the file is empty: a spec file starts with 'flowlint: 1'", ("file-empty",))]),
        (
            "- a\n",
            [
                (
                    1,
                    1,
                    "the top level is a list; a spec file is a mapping that starts with "
                    "'flowlint: 1'",
                    ("top-level",),
                )
            ],
        ),
        ("a: [\n", []),
    ],
)
def test_a_file_that_is_no_mapping(text: str, found: list) -> None:
    problems = validate(parse_text(text, "s.yaml"))
    assert [(p.location.line, p.location.column, p.message, p.subject) for p in problems] == found
