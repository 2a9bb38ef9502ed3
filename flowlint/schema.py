"""Plain data -> schema problems (FL003), worded for spec authors and placed at the offending node.

The JSON Schema of format v1 ships inside the package (`flowlint/schemas/`, copied from the
repository's `schemas/` when the wheel is built). A schema may carry `errorMessage` on any subschema:
when that subschema fails, its text is the message. Everything else is worded here from the error.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterator, Mapping
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from flowlint.findings import Problem
from flowlint.loading import SourceFile, escape_pointer_token

SCHEMA_FILE = "flowlint-v1.schema.json"

_TYPE_WORDS = {
    "object": "a mapping",
    "array": "a list",
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "null": "nothing",
}

_KINDS = {"services": "service", "entities": "entity", "apis": "API"}


def schema_text(name: str = SCHEMA_FILE) -> str:
    """The text of a bundled schema: from the installed package, else from the source tree."""
    packaged = resources.files("flowlint").joinpath("schemas", name)
    if packaged.is_file():
        return packaged.read_text(encoding="utf-8")
    return (Path(__file__).resolve().parent.parent / "schemas" / name).read_text(encoding="utf-8")


@cache
def spec_schema() -> Mapping[str, Any]:
    """The JSON Schema of spec format v1 (read once; treat as read-only)."""
    return json.loads(schema_text())


def validate(source: SourceFile, schema: Mapping[str, Any] | None = None) -> list[Problem]:
    """Schema problems of one parsed file, one per violation, in document order."""
    if source.data is None and source.problems:
        return []  # the file did not parse: FL001 already says why
    if source.data is None:
        return [
            Problem(
                source.location(""),
                "the file is empty: a spec file starts with 'flowlint: 1'",
                ("file-empty",),
            )
        ]
    if not isinstance(source.data, dict):
        return [
            Problem(
                source.location(""),
                f"the top level is {_type_word(source.data)}; a spec file is a mapping "
                "that starts with 'flowlint: 1'",
                ("top-level",),
            )
        ]
    from jsonschema import Draft202012Validator  # imported late: it is slow to import

    validator = Draft202012Validator(dict(schema or spec_schema()))
    problems: list[Problem] = []
    for error in validator.iter_errors(source.data):
        problems.extend(_explain(error, source))
    problems.sort(key=lambda p: (p.location.line, p.location.column, p.message))
    return problems


def _explain(error: Any, source: SourceFile) -> Iterator[Problem]:
    path = list(error.absolute_path)
    pointer = _pointer(path)
    custom = error.schema.get("errorMessage") if isinstance(error.schema, dict) else None
    kind = error.validator
    schema_path = list(error.absolute_schema_path)

    if "propertyNames" in schema_path:
        # jsonschema reports the failing key as the instance, with the mapping's path.
        key = str(error.instance)
        pointer = f"{pointer}/{escape_pointer_token(key)}"
        what = _KINDS.get(path[-1], "key") if path else "key"
        suggestion = _kebab(key)
        hint = f" (e.g. '{suggestion}')" if suggestion and suggestion != key else ""
        message = f"{what} id '{key}' is not valid: ids are lower-case kebab-case{hint}"
        yield _problem(source, pointer, message, path, key)
        return
    if kind == "additionalProperties":
        known = sorted(error.schema.get("properties", {}))
        for key in _unexpected_keys(error):
            hint = _did_you_mean(key, known)
            message = (
                f"unknown key '{key}' in {_describe(path, source)}{hint}; "
                f"expected one of: {', '.join(known)} (or an 'x-' extension key)"
            )
            child = f"{pointer}/{escape_pointer_token(key)}"
            yield _problem(source, child, message, path, key)
        return
    if kind == "required":
        missing = [k for k in error.validator_value if k not in error.instance]
        for key in missing:
            if custom:
                message = custom
            elif key == "flowlint" and not path:
                message = "missing 'flowlint: 1': every spec file starts with the format version"
            else:
                message = f"{_describe(path, source)} is missing the required key '{key}'"
            yield _problem(source, pointer, message, path, key)
        return
    if kind == "not" and custom:
        # `not: {required: [k]}` forbids a key: point at the key itself.
        forbidden = error.validator_value.get("required", []) if error.validator_value else []
        for key in forbidden:
            yield _problem(source, f"{pointer}/{escape_pointer_token(key)}", custom, path, key)
        return
    if custom:
        yield _problem(source, pointer, f"{_describe(path, source)}: {custom}", path)
        return
    if kind == "anyOf":
        deeper = [
            sub
            for sub in error.context
            if list(sub.absolute_path) != path or sub.validator not in ("type", "anyOf")
        ]
        if deeper:
            yield from _explain(min(deeper, key=lambda e: len(list(e.absolute_path))), source)
            return
        expected = error.schema.get("description", "another type of value")
        message = f"{_describe(path, source)} must be {expected}, not {_type_word(error.instance)}"
        yield _problem(source, pointer, message, path)
        return
    if kind == "type":
        expected = error.validator_value
        words = (
            " or ".join(_TYPE_WORDS.get(t, t) for t in expected)
            if isinstance(expected, list)
            else _TYPE_WORDS.get(expected, expected)
        )
        message = f"{_describe(path, source)} must be {words}, not {_type_word(error.instance)}"
        if isinstance(error.instance, bool) and expected == "string":
            message += " (YAML reads yes/no/on/off/true/false as booleans: quote the value)"
        yield _problem(source, pointer, message, path)
        return
    if kind == "enum":
        options = [str(o) for o in error.validator_value]
        hint = _did_you_mean(str(error.instance), options)
        message = (
            f"{_describe(path, source)} is {error.instance!r}; "
            f"expected one of: {', '.join(options)}{hint}"
        )
        yield _problem(source, pointer, message, path)
        return
    if kind == "minItems":
        message = f"{_describe(path, source)} must list at least {error.validator_value} item(s)"
        yield _problem(source, pointer, message, path)
        return
    yield _problem(source, pointer, f"{_describe(path, source)}: {error.message}", path)


def _problem(
    source: SourceFile, pointer: str, message: str, path: list[Any], *extra: str
) -> Problem:
    subject = ("schema", *(str(p) for p in _stable_path(path, source)), *extra)
    return Problem(source.location(pointer), message, subject)


def _stable_path(path: list[Any], source: SourceFile) -> list[Any]:
    """The path with list indexes of flows and relationships replaced by what they connect."""
    stable: list[Any] = []
    node: Any = source.data
    for part in path:
        if isinstance(part, int) and isinstance(node, list) and part < len(node):
            item = node[part]
            if isinstance(item, dict) and "from" in item:
                stable.append(f"{item.get('from')}->{item.get('to')}")
            else:
                stable.append(part)
            node = item
        else:
            stable.append(part)
            node = node.get(part) if isinstance(node, dict) else None
    return stable


def _unexpected_keys(error: Any) -> list[str]:
    schema = error.schema
    known = schema.get("properties", {})
    patterns = [re.compile(p) for p in schema.get("patternProperties", {})]
    return [
        key
        for key in error.instance
        if key not in known and not any(p.search(key) for p in patterns)
    ]


def _pointer(path: list[Any]) -> str:
    return "".join(f"/{escape_pointer_token(str(p))}" for p in path)


def _describe(path: list[Any], source: SourceFile) -> str:
    """Name a place in the spec the way its author thinks of it."""
    if not path:
        return "the spec"
    if len(path) == 1:
        return f"'{path[0]}'"
    section, item = path[0], path[1]
    if section in _KINDS:
        owner = f"{_KINDS[section]} '{item}'"
    elif section in ("flows", "relationships") and isinstance(item, int):
        owner = _describe_item(section, item, source)
    else:
        owner = f"'{section}/{item}'"
    rest = path[2:]
    if not rest:
        return owner
    field = "/".join(str(p) for p in rest)
    return f"'{field}' of {owner}"


def _describe_item(section: str, index: int, source: SourceFile) -> str:
    items = source.data.get(section) if isinstance(source.data, dict) else None
    item = items[index] if isinstance(items, list) and index < len(items) else None
    if section == "flows":
        if isinstance(item, dict) and isinstance(item.get("from"), str):
            return f"the flow from '{item.get('from')}' to '{item.get('to')}'"
        return f"flow {index}"
    if isinstance(item, dict) and isinstance(item.get("name"), str):
        return f"relationship '{item['name']}'"
    return f"relationship {index}"


def _type_word(value: Any) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, int | float):
        return f"the number {value}"
    return f"the text {value!r}"


def _did_you_mean(word: str, options: list[str]) -> str:
    close = difflib.get_close_matches(word, options, n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _kebab(key: str) -> str:
    words = re.findall(r"[A-Za-z][a-z]*|[0-9]+", re.sub(r"([a-z0-9])([A-Z])", r"\1 \2", key))
    return "-".join(w.lower() for w in words)
