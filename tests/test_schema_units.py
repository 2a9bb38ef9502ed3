"""flowlint.schema's wording helpers and its handling of the schema itself, asserted exactly:
ordinals, ids made kebab-case, how a place and a value are named, the format version's messages,
fingerprint paths of list items, and `$ref` inlining."""

from __future__ import annotations

import pytest

from flowlint.loading import parse_text
from flowlint.schema import (
    _and,
    _describe,
    _describe_flow,
    _describe_relationship,
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
    assert _describe_flow(0, "text") == "the 1st flow"
    assert _describe_relationship(2, {"name": 3}) == "the 3rd relationship"
    assert _describe_relationship(0, "text") == "the 1st relationship"
    deep = parse_text("groups:\n  g:\n    x-more:\n      relationships: [{name: Deep}]\n", "s.yaml")
    assert _describe(["groups", "g", "x-more", "relationships", 0], deep) == (
        "relationship 'Deep' of 'x-more' of group 'g'"
    )


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
            "e": {"$ref": "#/$defs/id", "not": {"$ref": "#/$defs/id"}},
        },
        "$defs": {"id": {"type": "string", "pattern": "^[a-z]+$"}},
    }
    inlined = _inline_refs(schema)
    assert inlined["properties"] == {
        "a": {"type": "string", "pattern": "^[a-z]+$"},
        "b": {"type": "string", "pattern": "^[a-z]+$", "description": "b", "minLength": 2},
        "c": {"allOf": [{"type": "string", "pattern": "^[a-z]+$"}], "pattern": "^c"},
        "d": {"items": [{"type": "string", "pattern": "^[a-z]+$"}], "$ref": "http://example.org/x"},
        "e": {
            "type": "string",
            "pattern": "^[a-z]+$",
            "not": {"type": "string", "pattern": "^[a-z]+$"},
        },
    }
    assert inlined["$defs"] == schema["$defs"]
    assert inlined["type"] == "object"
    recursive = {"$ref": "#/$defs/node", "$defs": {"node": {"items": {"$ref": "#/$defs/node"}}}}
    assert _inline_refs(recursive) == recursive
    unknown = {"properties": {"a": {"$ref": "#/$defs/missing"}}, "$defs": {}}
    assert _inline_refs(unknown) == unknown
    # A definition nothing uses is never inlined, so its own unknown reference does not matter.
    unused = {"$ref": "#/$defs/a", "$defs": {"a": {"type": "string"}, "b": {"$ref": "#/$defs/z"}}}
    assert _inline_refs(unused) == {"type": "string", "$defs": unused["$defs"]}
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


# Each schema problem with its place, words and fingerprint subject: a change to a subject
# would make every baseline that lists the finding stale.
SCHEMA_BASE = "flowlint: 1\nservices:\n  a: {name: A}\n  b: {name: B}\nentities:\n  e: {owner: a}\n"
PROBLEMS = {
    "bad-id-key": (
        "flowlint: 1\nservices:\n  Bad_Id: {name: X}\n",
        [
            (
                3,
                3,
                "/services/Bad_Id",
                "service id 'Bad_Id' is not valid: ids are lower-case kebab-case (did you mean 'bad-id'?)",
                ("schema", "services", "Bad_Id"),
            )
        ],
    ),
    "case-twin": (
        "flowlint: 1\nservices:\n  apply: {name: A}\n  Apply: {name: B}\n",
        [
            (
                4,
                3,
                "/services/Apply",
                "service id 'Apply' is not valid, and differs only in case from service 'apply' declared here too: ids are lower-case kebab-case; merge the two or rename this one",
                ("schema", "services", "Apply"),
            )
        ],
    ),
    "bad-key-at-top": (
        "flowlint: 1\nBad: 1\n",
        [
            (
                2,
                1,
                "/Bad",
                "unknown key 'Bad' in the spec; expected one of: apis, as_of, description, entities, flowlint, flows, groups, relationships, service_line, services (or an 'x-' extension key)",
                ("schema", "Bad"),
            )
        ],
    ),
    "unknown-key-hint": (
        SCHEMA_BASE + "flows:\n  - {from: a, to: b, entities: [e], purpos: x}\n",
        [
            (
                8,
                37,
                "/flows/0/purpos",
                "unknown key 'purpos' in the flow from 'a' to 'b' (did you mean 'purpose'?); expected one of: api, delivery, description, entities, frequency, from, operations, purpose, reconciliation, status, stores, to, until, via (or an 'x-' extension key)",
                ("schema", "flows", "a->b", "purpos"),
            )
        ],
    ),
    "unknown-key": (
        "flowlint: 1\nservices:\n  a: {name: A, colour: red}\n",
        [
            (
                3,
                16,
                "/services/a/colour",
                "unknown key 'colour' in service 'a'; expected one of: creates, description, distributes, edits, group, kind, name, status (or an 'x-' extension key)",
                ("schema", "services", "a", "colour"),
            )
        ],
    ),
    "missing-name": (
        "flowlint: 1\nservices:\n  a: {kind: service}\n",
        [
            (
                3,
                3,
                "/services/a",
                "service 'a' is missing the required key 'name'",
                ("schema", "services", "a", "name"),
            )
        ],
    ),
    "missing-two": (
        SCHEMA_BASE + "flows:\n  - {entities: [e]}\n",
        [
            (
                8,
                5,
                "/flows/0",
                "the 1st flow is missing the required keys 'from' and 'to'",
                ("schema", "flows", "0", "from", "to"),
            )
        ],
    ),
    "missing-flowlint": (
        "services:\n  a: {name: A}\n",
        [
            (
                1,
                1,
                "",
                "missing 'flowlint: 1': every spec file starts with the format version",
                ("schema", "flowlint"),
            )
        ],
    ),
    "via-api-no-api": (
        SCHEMA_BASE + "flows:\n  - {from: a, to: b, entities: [e], via: api}\n",
        [
            (
                8,
                5,
                "/flows/0",
                "the flow from 'a' to 'b' has 'via: api' but no 'api': name the API it goes through with 'api: <api id>'",
                ("schema", "flows", "a->b", "api"),
            )
        ],
    ),
    "api-without-via": (
        SCHEMA_BASE
        + "apis:\n  x-api: {service: a}\nflows:\n  - {from: a, to: b, entities: [e], api: x-api}\n",
        [
            (
                10,
                37,
                "/flows/0/api",
                "'api' is only allowed on a flow with 'via: api'; add 'via: api' or remove 'api'",
                ("schema", "flows", "a->b", "api"),
            )
        ],
    ),
    "version": (
        "flowlint: 2\n",
        [
            (
                1,
                1,
                "/flowlint",
                "the format version is 2, but flowlint reads formats 1 and 1.1: write 'flowlint: 1' (or 'flowlint: 1.1' for a spec that uses the fields added in 1.1)",
                ("schema", "flowlint"),
            )
        ],
    ),
    "owner-mixed": (
        "flowlint: 1.1\nservices:\n  a: {name: A}\nentities:\n  e: {owner: [a, {service: a, scope: x}]}\n",
        [
            (
                5,
                7,
                "/entities/e/owner",
                "'owner' of entity 'e' mixes plain service ids and scoped owners; write every owner as '{service: <id>, scope: <which records>}', or list plain ids only",
                ("schema", "entities", "e", "owner"),
            )
        ],
    ),
    "owner-wrong-type": (
        "flowlint: 1\nservices:\n  a: {name: A}\nentities:\n  e: {owner: 3}\n",
        [
            (
                5,
                7,
                "/entities/e/owner",
                "'owner' of entity 'e' must be a service id, a list of service ids, or a list of scoped owners ({service, scope}), not the number 3",
                ("schema", "entities", "e", "owner"),
            )
        ],
    ),
    "owner-bad-item": (
        "flowlint: 1\nservices:\n  a: {name: A}\nentities:\n  e: {owner: [a, 3]}\n",
        [
            (
                5,
                18,
                "/entities/e/owner/1",
                "item 2 of 'owner' of entity 'e' must be a service id, not the number 3",
                ("schema", "entities", "e", "owner", "1"),
            )
        ],
    ),
    "id-pattern": (
        SCHEMA_BASE + "flows:\n  - {from: Bad_A, to: b, entities: [e]}\n",
        [
            (
                8,
                6,
                "/flows/0/from",
                "'from' of the flow from 'Bad_A' to 'b' is 'Bad_A', which is not a valid id: ids are lower-case kebab-case (did you mean 'bad-a'?)",
                ("schema", "flows", "Bad_A->b", "from"),
            )
        ],
    ),
    "id-type": (
        SCHEMA_BASE + "flows:\n  - {from: 3, to: b, entities: [e]}\n",
        [
            (
                8,
                6,
                "/flows/0/from",
                "'from' of the flow to 'b' must be a service id, not the number 3",
                ("schema", "flows", "3->b", "from"),
            )
        ],
    ),
    "enum-close": (
        SCHEMA_BASE + "flows:\n  - {from: a, to: b, entities: [e], via: cpy}\n",
        [
            (
                8,
                37,
                "/flows/0/via",
                "'via' of the flow from 'a' to 'b' is 'cpy'; expected one of: copy, api, file, manual, event (did you mean 'copy'?)",
                ("schema", "flows", "a->b", "via"),
            )
        ],
    ),
    "enum-number": (
        "flowlint: 1\nservices:\n  a: {name: A, kind: 3}\n",
        [
            (
                3,
                16,
                "/services/a/kind",
                "'kind' of service 'a' is the number 3; expected one of: service, third-party, external",
                ("schema", "services", "a", "kind"),
            )
        ],
    ),
    "empty-entities": (
        SCHEMA_BASE + "flows:\n  - {from: a, to: b, entities: []}\n",
        [
            (
                8,
                22,
                "/flows/0/entities",
                "'entities' of the flow from 'a' to 'b' is an empty list; a flow carries at least one entity: list their ids, e.g. 'entities: [course]'",
                ("schema", "flows", "a->b", "entities"),
            )
        ],
    ),
    "empty-defined-by": (
        SCHEMA_BASE + "relationships:\n  - {name: R, from: e, to: e, defined_by: []}\n",
        [
            (
                8,
                31,
                "/relationships/0/defined_by",
                "'defined_by' of relationship 'R' is an empty list; list at least one service id",
                ("schema", "relationships", "e->e", "defined_by"),
            )
        ],
    ),
    "section-type": (
        "flowlint: 1\nservices: [a]\n",
        [(2, 1, "/services", "'services' must be a mapping, not a list", ("schema", "services"))],
    ),
    "flow-not-mapping": (
        SCHEMA_BASE + "flows:\n  - text\n",
        [
            (
                8,
                5,
                "/flows/0",
                "the 1st flow must be a mapping, not the text 'text'",
                ("schema", "flows", "0"),
            )
        ],
    ),
    "bool-name": (
        "flowlint: 1\nservices:\n  a: {name: yes}\n",
        [
            (
                3,
                7,
                "/services/a/name",
                "'name' of service 'a' must be text, not the boolean true (YAML reads yes/no/on/off/true/false as booleans: quote the value)",
                ("schema", "services", "a", "name"),
            )
        ],
    ),
    "null-name": (
        "flowlint: 1\nservices:\n  a: {name: }\n",
        [
            (
                3,
                7,
                "/services/a/name",
                "'name' of service 'a' is empty; it must be text",
                ("schema", "services", "a", "name"),
            )
        ],
    ),
}


@pytest.mark.parametrize("case", list(PROBLEMS))
def test_each_schema_problem_with_its_fingerprint_subject(case: str) -> None:
    text, expected = PROBLEMS[case]
    problems = validate(parse_text(text, "s.yaml"))
    found = [
        (p.location.line, p.location.column, p.location.pointer, p.message, p.subject)
        for p in problems
    ]
    assert found == expected


def test_the_schemas_are_read_from_the_source_tree_or_the_package() -> None:
    from pathlib import Path

    from flowlint.schema import schema_text

    root = Path(__file__).resolve().parent.parent / "schemas"
    assert schema_text() == (root / "flowlint-v1.schema.json").read_text(encoding="utf-8")
    assert schema_text("config.schema.json") == (root / "config.schema.json").read_text(
        encoding="utf-8"
    )


def test_a_schema_of_ones_own_is_worded_too() -> None:
    """`validate(source, schema)` words errors the bundled schema never gives: jsonschema's own
    words for a keyword flowlint does not word, a custom message with or without the place, a
    list of types, keys of any mapping, a minimum of two items."""
    schema = {
        "type": "object",
        "properties": {
            "flowlint": {"const": 1},
            "a": {"type": ["string", "null"]},
            "x": {"type": "object", "propertyNames": {"pattern": "^[a-z]+$"}},
            "b": {"minimum": 3, "errorMessage": "b is too small"},
            "g": {"minimum": 3, "errorMessage": "{where} is too small"},
            "c": {"maxLength": 2},
            "d": {"type": "array", "minItems": 2},
            "h": {"type": "array", "minItems": 1},
            "f": {"anyOf": [{"type": "string"}, {"type": "integer"}]},
        },
    }
    text = "flowlint: 2\na: 3\nx: {Bad: 1}\nb: 1\ng: 1\nc: abc\nd: [1]\nh: []\nf: [1]\n"
    problems = validate(parse_text(text, "s.yaml"), schema)
    assert [
        (p.location.line, p.location.column, p.location.pointer, p.message, p.subject)
        for p in problems
    ] == [
        (
            1,
            1,
            "/flowlint",
            "the format version is 2, but flowlint reads formats 1 and 1.1: write 'flowlint: 1' "
            "(or 'flowlint: 1.1' for a spec that uses the fields added in 1.1)",
            ("schema", "flowlint"),
        ),
        (2, 1, "/a", "'a' must be text or nothing, not the number 3", ("schema", "a")),
        (
            3,
            5,
            "/x/Bad",
            "key id 'Bad' is not valid: ids are lower-case kebab-case (did you mean 'bad'?)",
            ("schema", "x", "Bad"),
        ),
        (4, 1, "/b", "b is too small", ("schema", "b")),
        (5, 1, "/g", "'g' is too small", ("schema", "g")),
        (6, 1, "/c", "'c': 'abc' is too long", ("schema", "c")),
        (7, 1, "/d", "'d' must list at least 2 items", ("schema", "d")),
        (8, 1, "/h", "'h' is an empty list; list at least one item", ("schema", "h")),
        (9, 1, "/f", "'f' must be another type of value, not a list", ("schema", "f")),
    ]


def test_keys_a_pattern_allows_are_not_unknown() -> None:
    schema = {
        "type": "object",
        "patternProperties": {"^x-": {}},
        "additionalProperties": False,
    }
    problems = validate(parse_text("x-note: 1\nzz: 3\n", "s.yaml"), schema)
    assert [(p.location.pointer, p.message, p.subject) for p in problems] == [
        (
            "/zz",
            "unknown key 'zz' in the spec; expected one of:  (or an 'x-' extension key)",
            ("schema", "zz"),
        )
    ]


def test_a_valid_spec_is_still_checked_against_a_schema_of_ones_own() -> None:
    # The fast path knows only the bundled schema: a spec it accepts can break another schema.
    source = parse_text("flowlint: 1\n", "s.yaml")
    assert validate(source) == []
    problems = validate(source, {"type": "object", "required": ["owner-notes"]})
    assert [(p.location.pointer, p.subject) for p in problems] == [("", ("schema", "owner-notes"))]


def test_an_installed_package_reads_its_packaged_schema(tmp_path, monkeypatch) -> None:
    from importlib import resources

    from flowlint.schema import schema_text

    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "config.schema.json").write_text('{"packaged": "é"}', encoding="utf-8")
    monkeypatch.setattr(resources, "files", lambda package: tmp_path)
    assert schema_text("config.schema.json") == '{"packaged": "é"}'


def problems_of(text: str, schema: dict | None = None) -> list[tuple[str, str, tuple[str, ...]]]:
    """(pointer, message, subject) of each problem, against `schema` or the bundled one."""
    return [
        (p.location.pointer, p.message, p.subject)
        for p in validate(parse_text(text, "s.yaml"), schema)
    ]


def test_a_valid_spec_never_reaches_jsonschema(monkeypatch: pytest.MonkeyPatch) -> None:
    # The generated validator answers for the bundled schema; jsonschema only words errors.
    def no_jsonschema() -> None:
        raise AssertionError("jsonschema was used for a valid spec")

    monkeypatch.setattr("flowlint.schema._validator", no_jsonschema)
    text = "flowlint: 1.1\nservices:\n  a: {name: A}\nentities:\n  e: {owner: a}\n"
    assert validate(parse_text(text, "s.yaml")) == []


def test_a_required_key_other_than_the_version_is_named_at_the_top_level() -> None:
    schema = {"type": "object", "required": ["flowlint", "services"]}
    assert problems_of("flowlint: 1\n", schema) == [
        ("", "the spec is missing the required key 'services'", ("schema", "services"))
    ]


def test_an_invalid_key_of_the_top_level_is_named_a_key() -> None:
    schema = {"type": "object", "propertyNames": {"pattern": "^[a-z][a-z0-9-]*$"}}
    assert problems_of("flowlint: 1\nBad_Key: 2\n", schema) == [
        (
            "/Bad_Key",
            "key id 'Bad_Key' is not valid: ids are lower-case kebab-case (did you mean "
            "'bad-key'?)",
            ("schema", "Bad_Key"),
        )
    ]


def test_a_forbidden_key_is_reported_at_the_key_with_the_place_named() -> None:
    schema = {
        "properties": {
            "a": {"not": {"required": ["api"]}, "errorMessage": "{where} may not name an api"},
            "b": {"not": {"type": "integer"}, "errorMessage": "{where} is not a number"},
            "c": {"not": True, "errorMessage": "{where} is never allowed"},
            "d": {"not": {"required": ["api"]}},
            "e": {"contains": {"required": ["api"]}},
        }
    }
    text = "a: {api: x}\nb: 3\nc: 1\nd: {api: x}\ne: [{}]\n"
    assert problems_of(text, schema) == [
        ("/a/api", "'a' may not name an api", ("schema", "a", "api")),
        ("/b", "'b' is not a number", ("schema", "b")),
        ("/c", "'c' is never allowed", ("schema", "c")),
        (
            "/d",
            "'d': {'api': 'x'} should not be valid under {'required': ['api']}",
            ("schema", "d"),
        ),
        ("/e", "'e': [{}] does not contain items matching the given schema", ("schema", "e")),
    ]


def test_a_pattern_other_than_the_id_pattern_is_in_jsonschemas_words() -> None:
    schema = {"properties": {"name": {"type": "string", "pattern": "^[A-Z]"}}}
    assert problems_of("name: abc\n", schema) == [
        ("/name", "'name': 'abc' does not match '^[A-Z]'", ("schema", "name"))
    ]


def test_jsonschemas_own_words_are_cut_to_twice_a_quoted_value() -> None:
    schema = {"properties": {"name": {"maxLength": 3}}}
    [(pointer, message, _)] = problems_of(f"name: {'x' * 300}\n", schema)
    assert pointer == "/name"
    assert message == "'name': '" + "x" * 158 + "…"
    assert len(message) - len("'name': ") == 2 * 80


def test_a_key_that_a_false_schema_forbids_is_reported() -> None:
    # jsonschema 4 gives a false schema's error the path of the mapping that holds the key.
    assert problems_of("x: {y: 1}\n", {"properties": {"x": {"properties": {"y": False}}}}) == [
        ("/x", "'x': False schema does not allow 1", ("schema", "x"))
    ]


def test_unknown_keys_without_pattern_properties() -> None:
    schema = {"properties": {"name": {}}, "additionalProperties": False}
    assert problems_of("nmae: 1\n", schema) == [
        (
            "/nmae",
            "unknown key 'nmae' in the spec (did you mean 'name'?); expected one of: name "
            "(or an 'x-' extension key)",
            ("schema", "nmae"),
        )
    ]


# A flow-like object: a misspelt key explains the problems of a conditional branch of it.
CONDITIONAL = {
    "type": "object",
    "properties": {"via": {}, "api": {}},
    "additionalProperties": False,
}


@pytest.mark.parametrize(
    "branch", [{"then": {"not": {"required": ["api"]}}}, {"else": {"not": {"required": ["api"]}}}]
)
def test_a_misspelt_key_explains_a_problem_of_either_conditional_branch(branch: dict) -> None:
    condition = {"required": ["vai"]} if "then" in branch else {"required": ["via"]}
    schema = {**CONDITIONAL, "if": condition, **branch}
    assert problems_of("vai: api\napi: courses\n", schema) == [
        (
            "/vai",
            "unknown key 'vai' in the spec (did you mean 'via'?); expected one of: api, via "
            "(or an 'x-' extension key)",
            ("schema", "vai"),
        )
    ]


def test_without_a_misspelt_key_a_conditional_branch_is_reported() -> None:
    schema = {**CONDITIONAL, "if": {"required": ["via"]}, "then": {"required": ["api"]}}
    assert problems_of("via: api\n", schema) == [
        ("", "the spec is missing the required key 'api'", ("schema", "api"))
    ]


def test_a_misspelt_required_key_in_an_anyof_branch_is_one_problem() -> None:
    # The misspelling is found among the errors of the branches, so the missing 'service' is
    # not reported as well.
    text = (
        "flowlint: 1.1\nservices:\n  a: {name: A}\n"
        "entities:\n  e: {owner: [{sevice: a, scope: x}]}\n"
    )
    assert problems_of(text) == [
        (
            "/entities/e/owner/0/sevice",
            "unknown key 'sevice' in item 1 of 'owner' of entity 'e' (did you mean 'service'?); "
            "expected one of: description, scope, service, until (or an 'x-' extension key)",
            ("schema", "entities", "e", "owner", "0", "sevice"),
        )
    ]


def test_an_anyof_inside_a_branch_of_an_anyof_picks_the_branch_of_the_values_type() -> None:
    schema = {
        "properties": {
            "x": {
                "anyOf": [
                    {"anyOf": [{"type": "string"}, {"type": "integer"}]},
                    {"type": "object", "required": ["k"]},
                ]
            }
        }
    }
    assert problems_of("x: {j: 1}\n", schema) == [
        ("/x", "'x' is missing the required key 'k'", ("schema", "x", "k"))
    ]


def test_a_schema_in_a_non_utf8_locale_is_still_read_as_utf8(tmp_path) -> None:
    import os
    import subprocess
    import sys

    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "config.schema.json").write_text('{"packaged": "é"}', encoding="utf-8")
    code = (
        "import importlib.resources, pathlib, sys\n"
        f"importlib.resources.files = lambda package: pathlib.Path({str(tmp_path)!r})\n"
        "from flowlint.schema import schema_text\n"
        "print(ascii(schema_text('config.schema.json')))\n"
    )
    env = {**os.environ, "LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"}
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, '\'{"packaged": "\\xe9"}\'\n', "")
