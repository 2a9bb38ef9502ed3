"""Generate flowlint/_fastschema.py, the fast validity check of spec format v1, from the schema.

    python tools/gen_fast_validator.py          # rewrite flowlint/_fastschema.py
    python tools/gen_fast_validator.py --check  # exit 1 if it is out of date

`flowlint.schema.validate` asks the generated `is_valid` first: a valid spec (the common case)
then needs neither jsonschema's import nor its much slower validation. Only when the spec is
invalid does jsonschema run, to list and word every error. So the generated code must never call
valid what jsonschema calls invalid (tests compare the two on many specs).

How it is made: the schema's local `$ref`s are inlined (as `flowlint.schema` does for jsonschema),
annotations are dropped, and each remaining keyword becomes a few lines of plain Python that
return False at the first thing that is not valid, with the meaning jsonschema gives it under
draft 2020-12 (a keyword applies only to values of its type; `pattern` is `re.search`; `enum` and
`const` do not take True for 1). Only the keywords and forms the schema uses are supported, and
anything else stops generation, so a schema change the generator does not understand fails here
rather than being checked wrongly.

Why not fastjsonschema's generated code: for this schema it was 2 x slower on a 50,000-flow spec
(0.43 s against 0.20 s CPU; every flow's `if`/`then`/`else` raises and catches two exceptions
there), it follows draft 7 rather than 2020-12, and its output would tie a test to one version of
it; see docs/performance.md.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = ROOT / "schemas" / "flowlint-v1.schema.json"
TARGET = ROOT / "flowlint" / "_fastschema.py"

# Keywords that only annotate, or that jsonschema does not assert by default (format).
DROPPED = {
    "$schema",
    "$id",
    "$comment",
    "title",
    "description",
    "errorMessage",
    "default",
    "format",
}
SUPPORTED = {
    "type",
    "properties",
    "patternProperties",
    "additionalProperties",
    "propertyNames",
    "required",
    "items",
    "minItems",
    "enum",
    "const",
    "pattern",
    "anyOf",
    "allOf",
    "not",
    "if",
    "then",
    "else",
}
# Members of these are named by the instance's keys, not keywords.
_NAMED = {"properties", "patternProperties"}
_SUBSCHEMA = {"additionalProperties", "propertyNames", "items", "not", "if", "then", "else"}
_TYPE_TESTS = {
    "object": "isinstance({v}, dict)",
    "array": "isinstance({v}, list)",
    "string": "isinstance({v}, str)",
    "boolean": "isinstance({v}, bool)",
    "null": "{v} is None",
    "number": "(isinstance({v}, (int, float)) and not isinstance({v}, bool))",
    "integer": (
        "((isinstance({v}, int) and not isinstance({v}, bool))"
        " or (isinstance({v}, float) and {v}.is_integer()))"
    ),
}


class UnsupportedSchemaError(ValueError):
    """The schema uses something the generated validator cannot be trusted with."""


def prepare(schema: dict[str, Any]) -> dict[str, Any]:
    """The schema the code is made from: references inlined, annotations dropped, checked."""
    sys.path.insert(0, str(ROOT))
    from flowlint.schema import _inline_refs

    inlined = _inline_refs(schema)
    inlined.pop("$defs", None)

    def clean(node: Any, where: str) -> Any:
        if isinstance(node, bool):
            return node
        if not isinstance(node, dict):
            raise UnsupportedSchemaError(f"{where}: a schema must be an object or a boolean")
        out: dict[str, Any] = {}
        for key, value in node.items():
            if key in DROPPED:
                continue
            if key not in SUPPORTED:
                raise UnsupportedSchemaError(
                    f"{where}: keyword '{key}' is not supported by tools/gen_fast_validator.py"
                )
            if key in _NAMED:
                out[key] = {
                    name: clean(sub, f"{where}/{key}/{name}") for name, sub in value.items()
                }
            elif key in ("anyOf", "allOf"):
                out[key] = [clean(sub, f"{where}/{key}/{i}") for i, sub in enumerate(value)]
            elif key == "items" and isinstance(value, list):
                raise UnsupportedSchemaError(f"{where}: 'items' as a list means another thing")
            elif key in _SUBSCHEMA:
                out[key] = clean(value, f"{where}/{key}")
            else:
                _check_value(key, value, where)
                out[key] = value
        return out

    return clean(inlined, "#")


def _check_value(key: str, value: Any, where: str) -> None:
    """Refuse keyword values whose jsonschema meaning the generated code would not match."""
    if key == "type":
        for name in value if isinstance(value, list) else [value]:
            if name not in _TYPE_TESTS:
                raise UnsupportedSchemaError(f"{where}: unknown type {name!r}")
    elif key == "enum":
        if not all(
            isinstance(option, str | int | float) and not isinstance(option, bool)
            for option in value
        ):
            raise UnsupportedSchemaError(f"{where}: only enums of text and numbers are supported")
    elif key == "const":
        if not isinstance(value, str | int | float) or isinstance(value, bool):
            raise UnsupportedSchemaError(f"{where}: only text or number constants are supported")
    elif key == "required":
        if not all(isinstance(name, str) for name in value):
            raise UnsupportedSchemaError(f"{where}: 'required' lists property names")
    elif key == "minItems":
        if not isinstance(value, int) or isinstance(value, bool):
            raise UnsupportedSchemaError(f"{where}: 'minItems' is a whole number")
    elif key == "pattern":
        re.compile(value)


def _frozenset(values: list[str]) -> str:
    """A frozenset literal in a fixed order (a set's repr depends on string hashing)."""
    return f"frozenset({tuple(sorted(set(values)))!r})"


class _Writer:
    """Python source for a schema: statements that `return False` when a value fails it."""

    def __init__(self) -> None:
        self.constants: dict[str, str] = {}  # Python expression -> name
        self.helpers: list[str] = []  # functions for subschemas used as conditions
        self.helper_names: dict[str, str] = {}  # schema JSON -> helper name
        self.count = 0

    def name(self, prefix: str) -> str:
        self.count += 1
        return f"{prefix}{self.count}"

    def constant(self, expression: str, prefix: str) -> str:
        if expression not in self.constants:
            self.constants[expression] = f"_{prefix}{len(self.constants)}"
        return self.constants[expression]

    def helper(self, schema: Any) -> str:
        """The name of a function `(value) -> bool` for a subschema (made once per subschema)."""
        key = json.dumps(schema, sort_keys=True)
        if key not in self.helper_names:
            name = f"_valid_{len(self.helper_names)}"
            self.helper_names[key] = name
            body = self.check(schema, "value", 1)
            self.helpers.append(f"def {name}(value):\n{''.join(body)}    return True\n")
        return self.helper_names[key]

    def check(self, schema: Any, v: str, depth: int) -> list[str]:
        """Lines (indented `depth` levels) that return False when `v` fails `schema`."""
        pad = "    " * depth
        if schema is True:
            return []
        if schema is False:
            return [f"{pad}return False\n"]
        lines: list[str] = []
        types = schema.get("type")
        known: str | None = None  # a type the lines so far guarantee
        if types is not None:
            names = types if isinstance(types, list) else [types]
            test = " or ".join(_TYPE_TESTS[n].format(v=v) for n in names)
            lines.append(f"{pad}if not ({test}):\n{pad}    return False\n")
            known = names[0] if len(names) == 1 else None
        if "enum" in schema:
            texts = [o for o in schema["enum"] if isinstance(o, str)]
            numbers = sorted(o for o in schema["enum"] if not isinstance(o, str))
            tests = []
            if texts:
                options = self.constant(_frozenset(texts), "ENUM")
                tests.append(f"(isinstance({v}, str) and {v} in {options})")
            if numbers:
                # jsonschema compares numbers by value (1 == 1.0) and never takes a boolean.
                options = self.constant(f"frozenset({tuple(numbers)!r})", "NUMBERS")
                tests.append(f"({_TYPE_TESTS['number'].format(v=v)} and {v} in {options})")
            lines.append(f"{pad}if not ({' or '.join(tests)}):\n{pad}    return False\n")
        if "const" in schema:
            value = schema["const"]
            test = _TYPE_TESTS["string" if isinstance(value, str) else "number"].format(v=v)
            lines.append(f"{pad}if not ({test} and {v} == {value!r}):\n{pad}    return False\n")
        lines += self._object(schema, v, depth, known == "object")
        lines += self._array(schema, v, depth, known == "array")
        if "pattern" in schema:
            regex = self.constant(f"re.compile({schema['pattern']!r}).search", "SEARCH")
            guard = "" if known == "string" else f"isinstance({v}, str) and "
            lines.append(f"{pad}if {guard}not {regex}({v}):\n{pad}    return False\n")
        for sub in schema.get("allOf", []):
            lines += self.check(sub, v, depth)
        if "anyOf" in schema:
            tests = " or ".join(f"{self.helper(sub)}({v})" for sub in schema["anyOf"])
            lines.append(f"{pad}if not ({tests}):\n{pad}    return False\n")
        if "not" in schema:
            lines.append(f"{pad}if {self.helper(schema['not'])}({v}):\n{pad}    return False\n")
        if "if" in schema:
            then = self.check(schema.get("then", True), v, depth + 1) or [f"{pad}    pass\n"]
            otherwise = self.check(schema.get("else", True), v, depth + 1)
            lines.append(f"{pad}if {self.helper(schema['if'])}({v}):\n")
            lines += then
            if otherwise:
                lines.append(f"{pad}else:\n")
                lines += otherwise
        return lines

    def _object(self, schema: dict[str, Any], v: str, depth: int, is_dict: bool) -> list[str]:
        keywords = ("required", "properties", "patternProperties", "additionalProperties")
        if not any(k in schema for k in (*keywords, "propertyNames")):
            return []
        pad = "    " * depth
        inner = pad if is_dict else pad + "    "
        lines = [] if is_dict else [f"{pad}if isinstance({v}, dict):\n"]
        if schema.get("required"):
            needed = self.constant(_frozenset(schema["required"]), "REQUIRED")
            lines.append(f"{inner}if not {needed} <= {v}.keys():\n{inner}    return False\n")
        properties: dict[str, Any] = schema.get("properties", {})
        patterns: dict[str, Any] = schema.get("patternProperties", {})
        additional = schema.get("additionalProperties", True)
        names = schema.get("propertyNames", True)
        if not patterns and additional is True and names is True:
            # Only named properties: look each one up rather than walk every key.
            for prop, sub in properties.items():
                item = self.name("item")
                checks = self.check(sub, item, depth + (1 if is_dict else 2))
                if checks:
                    lines.append(f"{inner}if {prop!r} in {v}:\n")
                    lines.append(f"{inner}    {item} = {v}[{prop!r}]\n")
                    lines += checks
        elif properties or patterns or additional is not True or names is not True:
            key, item = self.name("key"), self.name("item")
            level = depth + (1 if is_dict else 2)
            body = "    " * level
            lines.append(f"{inner}for {key}, {item} in {v}.items():\n")
            lines += self.check(names, key, level)
            # A key is checked against its property, and against every pattern it matches;
            # `additionalProperties` applies to keys that are neither.
            branches = []
            for prop, sub in properties.items():
                branch = self.check(sub, item, level + 1)
                branch += self._patterns(patterns, key, item, level + 1, matched_only=True)
                branches.append((f"{key} == {prop!r}", branch or [f"{body}    pass\n"]))
            for index, (test, branch) in enumerate(branches):
                lines.append(f"{body}{'if' if index == 0 else 'elif'} {test}:\n")
                lines += branch
            if branches:
                rest = self._patterns(patterns, key, item, level + 1, additional=additional)
                if rest:
                    lines.append(f"{body}else:\n")
                    lines += rest
            else:
                lines += self._patterns(patterns, key, item, level, additional=additional)
        return lines

    def _patterns(
        self,
        patterns: dict[str, Any],
        key: str,
        item: str,
        depth: int,
        matched_only: bool = False,
        additional: Any = True,
    ) -> list[str]:
        """Lines applying the patterns a key matches; without `matched_only`, also
        `additionalProperties` when it matches none."""
        pad = "    " * depth
        lines: list[str] = []
        searches = [
            (self.constant(f"re.compile({pattern!r}).search", "SEARCH"), sub)
            for pattern, sub in patterns.items()
        ]
        if matched_only:
            for search, sub in searches:
                checks = self.check(sub, item, depth + 1)
                if checks:
                    lines.append(f"{pad}if {search}({key}):\n")
                    lines += checks
            return lines
        if not searches:
            return self.check(additional, item, depth)
        extra = self.check(additional, item, depth + 1)
        if all(sub is True for _, sub in searches):
            if extra:
                matches = " or ".join(f"{search}({key})" for search, _ in searches)
                lines.append(f"{pad}if not ({matches}):\n")
                lines += extra
            return lines
        matched = self.name("matched")
        lines.append(f"{pad}{matched} = False\n")
        for search, sub in searches:
            lines.append(f"{pad}if {search}({key}):\n")
            lines.append(f"{pad}    {matched} = True\n")
            lines += self.check(sub, item, depth + 1)
        if extra:
            lines.append(f"{pad}if not {matched}:\n")
            lines += extra
        return lines

    def _array(self, schema: dict[str, Any], v: str, depth: int, is_list: bool) -> list[str]:
        if "items" not in schema and "minItems" not in schema:
            return []
        pad = "    " * depth
        inner = pad if is_list else pad + "    "
        lines = [] if is_list else [f"{pad}if isinstance({v}, list):\n"]
        if "minItems" in schema:
            lines.append(f"{inner}if len({v}) < {schema['minItems']}:\n{inner}    return False\n")
        if schema.get("items", True) is not True:
            item = self.name("element")
            lines.append(f"{inner}for {item} in {v}:\n")
            lines += self.check(schema["items"], item, depth + (1 if is_list else 2))
        return lines


def generate(schema_text: str) -> str:
    """The source of flowlint/_fastschema.py for a schema's text."""
    prepared = prepare(json.loads(schema_text))
    writer = _Writer()
    body = writer.check(prepared, "data", 1)
    digest = hashlib.sha256(schema_text.encode("utf-8")).hexdigest()
    constants = "".join(f"{name} = {value}\n" for value, name in writer.constants.items())
    helpers = "\n\n".join(writer.helpers)
    return (
        f'''"""Whether a spec is valid against spec format v1: generated, do not edit.

Made by tools/gen_fast_validator.py from schemas/flowlint-v1.schema.json; a test regenerates it
and fails when it is out of date. `flowlint.schema.validate` uses `is_valid` to skip jsonschema
for valid specs; each check has the meaning jsonschema gives its keyword under draft 2020-12.
"""

# ruff: noqa
# fmt: off

import re

SCHEMA_SHA256 = "{digest}"

{constants}

def is_valid(data):
    """True when `data` is valid against the schema, False otherwise."""
{"".join(body)}    return True


{helpers}'''.rstrip("\n")
        + "\n"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the file is out of date")
    args = parser.parse_args(argv)
    code = generate(SCHEMA.read_text(encoding="utf-8"))
    current = TARGET.read_text(encoding="utf-8") if TARGET.exists() else ""
    if args.check:
        if code != current:
            print(f"{TARGET.relative_to(ROOT)} is out of date: run {Path(__file__).name}")
            return 1
        return 0
    TARGET.write_text(code, encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
