"""Plain data -> schema problems (FL003), worded for spec authors and placed at the offending node.

The JSON Schema of format v1 ships inside the package (`flowlint/schemas/`, copied from the
repository's `schemas/` when the wheel is built). A schema may carry `errorMessage` on a subschema:
when a `required`, `not` or `then` check of that subschema fails, its text is the message (with
`{where}` replaced by the place, e.g. "the flow from 'publish' to 'find'"); for an empty list it is
the advice after "... is an empty list;". Everything else is worded here from the error.

Every value a message quotes from the spec (a key, an id, a name, a text) is cut to 80 characters
(`flowlint.wording`), so a message stays short whatever the file holds.

One mistake gives one problem: an `anyOf` is explained by the branch whose type matches, a missing
key that an unknown key probably misspells is not reported again, and identical problems are merged.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from functools import cache
from pathlib import Path
from typing import Any

from flowlint.findings import Location, Problem
from flowlint.loading import SourceFile, escape_pointer_token
from flowlint.wording import MAX_QUOTED, excerpt, quoted

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

_KINDS = {"services": "service", "entities": "entity", "apis": "API", "groups": "group"}

ID = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
_ID_RULE = (
    "ids are lower-case kebab-case: letters, digits and single hyphens, starting with a letter"
)
# What kind of id a field holds, by field name (`from`/`to` depend on where they are).
_ID_FIELDS = {
    "owner": "service",
    "defined_by": "service",
    "stored_in": "service",
    "service": "service",
    "edits": "entity",
    "distributes": "entity",
    "creates": "entity",
    "derived_from": "entity",
    "entities": "entity",
    "api": "API",
}


def schema_text(name: str = SCHEMA_FILE) -> str:
    """The text of a bundled schema: from the installed package, else from the source tree."""
    from importlib import resources  # here: a valid spec never needs the schema file

    packaged = resources.files("flowlint").joinpath("schemas", name)
    # Bytes decoded as UTF-8, whatever the locale's encoding.
    if packaged.is_file():
        return packaged.read_bytes().decode("utf-8")
    return (Path(__file__).resolve().parent.parent / "schemas" / name).read_bytes().decode("utf-8")


@cache
def spec_schema() -> Mapping[str, Any]:
    """The JSON Schema of spec format v1 (read once; treat as read-only)."""
    return json.loads(schema_text())


def validate(source: SourceFile, schema: Mapping[str, Any] | None = None) -> list[Problem]:
    """Schema problems of one parsed file, one per mistake, in document order."""
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
    if schema is None and _fast_valid(source.data):
        return []  # the common case: jsonschema is needed only to find and word errors
    validator = _validator() if schema is None else _make_validator(schema)
    errors = list(validator.iter_errors(source.data))
    explainer = _Explainer(source, errors)
    problems: dict[tuple[Location, str], Problem] = {}
    for error in errors:
        for problem in explainer.explain(error):
            problems.setdefault((problem.location, problem.message), problem)
    return sorted(problems.values(), key=lambda p: (p.location.line, p.location.column, p.message))


def _fast_valid(data: Any) -> bool:
    """True when the spec is valid, by code generated from the schema (tools/gen_fast_validator.py):
    many times faster than jsonschema, which is not even imported then."""
    from flowlint._fastschema import is_valid

    return is_valid(data)


@cache
def _validator() -> Any:
    return _make_validator(spec_schema())


def _make_validator(schema: Mapping[str, Any]) -> Any:
    from jsonschema import Draft202012Validator  # imported late: it is slow to import

    return Draft202012Validator(_inline_refs(schema))


# Keywords that only annotate: a `$ref` and its siblings may both carry them.
_ANNOTATIONS = {"description", "errorMessage", "default", "title", "$comment"}


def _inline_refs(schema: Mapping[str, Any]) -> dict[str, Any]:
    """The schema with each local `$ref` replaced by what it names, when none is recursive.

    Validation is then about twice as fast: jsonschema no longer resolves a reference at every
    node of a large spec. A `$ref` with siblings becomes one subschema when their keywords do not
    overlap, and `allOf` when they do, which is what `$ref` means in draft 2020-12.
    """
    definitions = schema.get("$defs", {})

    def inline(node: Any, active: tuple[str, ...]) -> Any:
        if isinstance(node, list):
            return [inline(item, active) for item in node]
        if not isinstance(node, dict):
            return node
        ref = node.get("$ref")
        if not (isinstance(ref, str) and ref.startswith("#/$defs/")):
            return {key: inline(value, active) for key, value in node.items()}
        name = ref.removeprefix("#/$defs/")
        if name in active or name not in definitions:
            raise _Recursive
        target = inline(definitions[name], (*active, name))
        rest = {key: inline(value, active) for key, value in node.items() if key != "$ref"}
        if not isinstance(target, dict) or (set(target) & set(rest)) - _ANNOTATIONS:
            return {"allOf": [target], **rest}
        return {**target, **rest}

    try:
        body = {key: value for key, value in schema.items() if key != "$defs"}
        return {**inline(body, ()), "$defs": dict(definitions)}
    except _Recursive:
        return dict(schema)


class _Recursive(Exception):
    """A `$ref` that names itself, directly or not, or names nothing: keep the references."""


class _Explainer:
    """Words schema errors for one file."""

    def __init__(self, source: SourceFile, errors: list[Any]) -> None:
        self.source = source
        # Per object (as a pointer): keys that unknown keys there probably misspell.
        self.misspelt: dict[str, set[str]] = {}
        for error in _with_context(errors):
            if error.validator == "additionalProperties":
                known = list(error.schema.get("properties", {}))
                at = _pointer(list(error.absolute_path))
                for key in _unexpected_keys(error):
                    close = _closest(key, known)
                    if close:
                        self.misspelt.setdefault(at, set()).add(close)

    def explain(self, error: Any) -> Iterator[Problem]:
        source = self.source
        path = list(error.absolute_path)
        pointer = _pointer(path)
        schema = error.schema if isinstance(error.schema, dict) else {}
        custom = schema.get("errorMessage")
        kind = error.validator
        schema_path = list(error.absolute_schema_path)
        where = _describe(path, source)

        if "propertyNames" in schema_path:
            # jsonschema reports the failing key as the instance, with the mapping's path.
            key = str(error.instance)
            what = _KINDS.get(path[-1], "key") if path else "key"
            message = f"{what} id {quoted(key)} is not valid: {_id_advice(key)}"
            siblings = self._node(path)
            if key.lower() != key and isinstance(siblings, dict) and key.lower() in siblings:
                message = (
                    f"{what} id {quoted(key)} is not valid, and differs only in case from {what} "
                    f"{quoted(key.lower())} declared here too: ids are lower-case kebab-case; "
                    "merge the two or rename this one"
                )
            yield self._problem(f"{pointer}/{escape_pointer_token(key)}", message, path, key)
            return
        if ("then" in schema_path or "else" in schema_path) and self.misspelt.get(pointer):
            return  # a misspelt key of this object explains it (e.g. 'vai: api')
        if kind == "additionalProperties":
            known = sorted(schema.get("properties", {}))
            for key in _unexpected_keys(error):
                close = _closest(key, known)
                hint = f" (did you mean {quoted(close)}?)" if close else ""
                message = (
                    f"unknown key {quoted(key)} in {where}{hint}; "
                    f"expected one of: {', '.join(known)} (or an 'x-' extension key)"
                )
                yield self._problem(f"{pointer}/{escape_pointer_token(key)}", message, path, key)
            return
        if kind == "required":
            misspelt = self.misspelt.get(pointer, set())
            missing = [
                k for k in error.validator_value if k not in error.instance and k not in misspelt
            ]
            if not missing:
                return
            if custom:
                message = custom.replace("{where}", where)
            elif missing == ["flowlint"] and not path:
                message = "missing 'flowlint: 1': every spec file starts with the format version"
            else:
                keys = _and(quoted(k) for k in missing)
                noun = "key" if len(missing) == 1 else "keys"
                message = f"{where} is missing the required {noun} {keys}"
            yield self._problem(pointer, message, path, *missing)
            return
        forbidden = error.validator_value if kind == "not" and custom else None
        if isinstance(forbidden, dict) and forbidden.get("required"):
            # `not: {required: [k]}` forbids a key: point at the key itself.
            message = custom.replace("{where}", where)
            for key in forbidden["required"]:
                yield self._problem(f"{pointer}/{escape_pointer_token(key)}", message, path, key)
            return
        if kind in ("const", "enum") and path == ["flowlint"]:
            yield self._problem(pointer, _version_message(error.instance), path)
            return
        if kind == "anyOf":
            branch = _matching_branch(error, path)
            if branch:
                for sub in branch:
                    yield from self.explain(sub)
                return
            if _mixes_ids_and_mappings(error.instance):
                message = (
                    f"{where} mixes plain service ids and scoped owners; write every owner as "
                    "'{service: <id>, scope: <which records>}', or list plain ids only"
                )
                yield self._problem(pointer, message, path)
                return
            expected = schema.get("description", "another type of value")
            yield self._problem(pointer, _not_a(where, expected, error.instance), path)
            return
        if kind == "type":
            expected = error.validator_value
            if ID.pattern == schema.get("pattern"):
                words = _id_word(path)
            elif isinstance(expected, list):
                words = " or ".join(_TYPE_WORDS[t] for t in expected)
            else:
                words = _TYPE_WORDS[expected]  # a word for each of JSON Schema's seven types
            yield self._problem(pointer, _not_a(where, words, error.instance), path)
            return
        if kind == "pattern" and error.validator_value == ID.pattern:
            value = str(error.instance)
            message = f"{where} is {quoted(value)}, which is not a valid id: {_id_advice(value)}"
            yield self._problem(pointer, message, path)
            return
        if kind == "enum":
            options = [str(o) for o in error.validator_value]
            value = error.instance
            shown = repr(excerpt(value)) if isinstance(value, str) else None
            close = _closest(error.instance, options) if isinstance(error.instance, str) else None
            hint = f" (did you mean {quoted(close)}?)" if close else ""
            message = (
                f"{where} is {shown or _type_word(error.instance)}; "
                f"expected one of: {', '.join(options)}{hint}"
            )
            yield self._problem(pointer, message, path)
            return
        if kind == "minItems":
            if error.validator_value == 1:
                ids = _id_kind(path)
                advice = custom or f"list at least one {f'{ids} id' if ids else 'item'}"
                message = f"{where} is an empty list; {advice}"
            else:
                message = f"{where} must list at least {error.validator_value} items"
            yield self._problem(pointer, message, path)
            return
        if custom:
            message = custom.replace("{where}", where)
            yield self._problem(pointer, message, path)
            return
        # jsonschema's own words may quote the whole value: bounded like every quoted value.
        yield self._problem(pointer, f"{where}: {excerpt(error.message, 2 * MAX_QUOTED)}", path)

    def _node(self, path: list[Any]) -> Any:
        node = self.source.data
        for part in path:
            node = _child(node, part)
        return node

    def _problem(self, pointer: str, message: str, path: list[Any], *extra: str) -> Problem:
        subject = ("schema", *(str(p) for p in _stable_path(path, self.source)), *extra)
        return Problem(self.source.location(pointer), message, subject)


def _with_context(errors: Iterable[Any]) -> Iterator[Any]:
    """The errors and, depth first, the errors of the `anyOf` branches under them."""
    stack = list(reversed(list(errors)))
    while stack:
        error = stack.pop()
        yield error
        stack.extend(reversed(list(error.context or ())))


def _matching_branch(error: Any, path: list[Any]) -> list[Any]:
    """The errors of the first `anyOf` branch whose type the value has, if any does. Among
    branches for lists, the one whose items have the right type is preferred (a list of mappings
    is explained by the branch of mappings); a list that mixes item types (`owner: [a, {...}]`)
    is explained by nothing but the caller."""
    branches: dict[int, list[Any]] = {}
    for sub in error.context:
        branches.setdefault(sub.relative_schema_path[0], []).append(sub)

    def mistyped(sub: Any, depth: int) -> bool:
        at = list(sub.absolute_path)
        return sub.validator in ("type", "anyOf") and len(at) == depth and at[: len(path)] == path

    fitting = [
        index
        for index in sorted(branches)
        if not any(mistyped(sub, len(path)) for sub in branches[index])
    ]
    for index in fitting:
        if not any(mistyped(sub, len(path) + 1) for sub in branches[index]):
            return branches[index]
    if fitting and not _mixes_ids_and_mappings(error.instance):
        return branches[fitting[0]]
    return []


def _mixes_ids_and_mappings(value: Any) -> bool:
    return (
        isinstance(value, list)
        and any(isinstance(item, str) for item in value)
        and any(isinstance(item, dict) for item in value)
    )


def _version_message(value: Any) -> str:
    if isinstance(value, str) and value.strip() in ("1", "1.0", "1.1"):
        number = value.strip()
        return (
            f"the format version is the text '{number}'; write the number, without quotes: "
            f"'flowlint: {number}'"
        )
    if isinstance(value, int | float) and not isinstance(value, bool):
        return (
            f"the format version is {value}, but flowlint reads formats 1 and 1.1: write "
            "'flowlint: 1' (or 'flowlint: 1.1' for a spec that uses the fields added in 1.1)"
        )
    return (
        f"the format version must be the number 1 or 1.1, not {_type_word(value)}: write "
        "'flowlint: 1'"
    )


def _not_a(where: str, expected: str, value: Any) -> str:
    if value is None:
        return f"{where} is empty; it must be {expected}"
    message = f"{where} must be {expected}, not {_type_word(value)}"
    if isinstance(value, bool):
        message += " (YAML reads yes/no/on/off/true/false as booleans: quote the value)"
    return message


def _id_kind(path: list[Any]) -> str | None:
    """'service', 'entity' or 'API' for a field holding ids of that kind, else None."""
    fields = [p for p in path if isinstance(p, str)]
    if not fields:
        return None
    field = fields[-1]
    if field in ("from", "to"):
        return "service" if path[0] == "flows" and len(fields) == 2 else "entity"
    return _ID_FIELDS.get(field)


def _id_word(path: list[Any]) -> str:
    kind = _id_kind(path)
    if kind is None:
        return "an id"
    article = "an" if kind[0].lower() in "aeiou" else "a"
    return f"{article} {kind} id"


def _id_advice(value: str) -> str:
    suggestion = _kebab(value)
    if suggestion and suggestion != value:
        return f"ids are lower-case kebab-case (did you mean {quoted(suggestion)}?)"
    return _ID_RULE


def _and(items: Iterable[str]) -> str:
    words = list(items)
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


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


def _child(node: Any, part: Any) -> Any:
    if isinstance(node, dict) and isinstance(part, str):
        return node.get(part)
    if isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
        return node[part]
    return None


def _describe(path: list[Any], source: SourceFile) -> str:
    """Name a place in the spec the way its author thinks of it, e.g. "item 2 of 'owner' of
    entity 'course'" or "'to' of relationship 'placed-at' of entity 'course'"."""
    if not path:
        return "the spec"
    section, rest = path[0], path[1:]
    if not rest:
        return quoted(section)
    item = rest[0]
    node = _child(_child(source.data, section), item)
    if section in _KINDS and isinstance(item, str):
        phrases = [f"{_KINDS[section]} {quoted(item)}"]
    elif section == "flows" and isinstance(item, int):
        phrases = [_describe_flow(item, node)]
    elif section == "relationships" and isinstance(item, int):
        phrases = [_describe_relationship(item, node)]
    else:
        phrases = [
            f"{quoted(section)}",
            f"item {item + 1}" if isinstance(item, int) else f"{quoted(item)}",
        ]
    index = 1
    while index < len(rest):
        part = rest[index]
        following = rest[index + 1] if index + 1 < len(rest) else None
        if part == "relationships" and isinstance(following, int):
            node = _child(_child(node, part), following)
            phrases.append(_describe_relationship(following, node))
            index += 2
            continue
        phrases.append(f"item {part + 1}" if isinstance(part, int) else quoted(part))
        node = _child(node, part)
        index += 1
    return " of ".join(reversed(phrases))


def _describe_flow(index: int, item: Any) -> str:
    fields = item if isinstance(item, dict) else {}
    start, end = fields.get("from"), fields.get("to")
    if isinstance(start, str) and isinstance(end, str):
        return f"the flow from {quoted(start)} to {quoted(end)}"
    if isinstance(start, str):
        return f"the flow from {quoted(start)}"
    if isinstance(end, str):
        return f"the flow to {quoted(end)}"
    return f"the {_ordinal(index + 1)} flow"


def _describe_relationship(index: int, item: Any) -> str:
    fields = item if isinstance(item, dict) else {}
    name = fields.get("name")
    if isinstance(name, str):
        return f"relationship {quoted(name)}"
    return f"the {_ordinal(index + 1)} relationship"


def _ordinal(number: int) -> str:
    if 10 <= number % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


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
        return f"the number {excerpt(str(value))}"
    return f"the text {excerpt(value)!r}"


def _closest(word: str, options: list[str]) -> str | None:
    """The option `word` probably misspells (ignoring case), or None."""
    lowered = {option.lower(): option for option in options}
    close = difflib.get_close_matches(word.lower(), list(lowered), n=1, cutoff=0.6)
    return lowered[close[0]] if close else None


def _kebab(key: str) -> str | None:
    """`key` as a valid id ('studentRecord' -> 'student-record'), or None if there is no
    obvious one."""
    if not key.isascii():
        return None
    # A capital starts a word, and so does a run of digits: 'studentRecord2B' -> student record 2 b.
    words = re.findall(r"[A-Za-z][a-z]*|[0-9]+", key)
    suggestion = "-".join(w.lower() for w in words)
    return suggestion if ID.match(suggestion) else None
