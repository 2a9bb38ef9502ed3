"""Generate flowlint/_fastschema.py, the fast validity check of spec format v1, from the schema.

    python tools/gen_fast_validator.py          # rewrite flowlint/_fastschema.py
    python tools/gen_fast_validator.py --check  # exit 1 if it is out of date

`flowlint.schema.validate` asks the generated `is_valid` first: a valid spec (the common case)
then needs neither jsonschema's import nor its much slower validation. Only when the spec is
invalid does jsonschema run, to list and word every error. So the generated code must never call
valid what jsonschema calls invalid; it may be stricter (that only costs the slow path).

How it is made: the schema's local `$ref`s are inlined (as `flowlint.schema` does for jsonschema),
annotations are dropped, and fastjsonschema compiles the result to Python. fastjsonschema follows
draft 7, not 2020-12; inlining removes the one difference that matters here (keywords beside a
`$ref`, which draft 7 ignores), and the schema may use only keywords whose meaning is the same in
both drafts: anything else stops generation. The compiled code is then made standalone and cheap
to fail: every `raise JsonSchemaValueException(...)` (with its message built from `locals()` and a
copy of the schema) becomes `raise _Invalid`, since nobody reads those messages and the
`if`/`then`/`else` of a flow raises and catches one for every ordinary flow. fastjsonschema is
needed only here (the `dev` and `test` extras), never at run time.
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
# Keywords fastjsonschema (draft 7) asserts exactly as jsonschema does under draft 2020-12, in
# the forms the schema uses them (e.g. `items` as one schema, not a list).
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

_RAISE = re.compile(r"^(?P<indent>\s*)raise JsonSchemaValues?Exception\(.*\)$")
_IMPORT = "from fastjsonschema import JsonSchemaValueException, JsonSchemaValuesException"


class UnsupportedSchemaError(ValueError):
    """The schema uses something the generated validator cannot be trusted with."""


def prepare(schema: dict[str, Any]) -> dict[str, Any]:
    """The schema as fastjsonschema gets it: references inlined, annotations dropped, checked."""
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
            elif key in (
                "additionalProperties",
                "propertyNames",
                "items",
                "not",
                "if",
                "then",
                "else",
            ):
                out[key] = clean(value, f"{where}/{key}")
            else:
                out[key] = value
        return out

    return clean(inlined, "#")


def generate(schema_text: str) -> str:
    """The source of flowlint/_fastschema.py for a schema's text."""
    import fastjsonschema

    prepared = prepare(json.loads(schema_text))
    code = fastjsonschema.compile_to_code(prepared, use_default=False, use_formats=False)
    lines = []
    for line in code.splitlines():
        match = _RAISE.match(line)
        lines.append(f"{match['indent']}raise _Invalid" if match else line.rstrip())
    body = "\n".join(lines)
    if _IMPORT not in body:
        raise UnsupportedSchemaError("fastjsonschema's output changed: update this generator")
    # The exceptions fastjsonschema's code catches (in anyOf, not, if) become ours.
    body = body.replace(_IMPORT, "JsonSchemaValueException = JsonSchemaValuesException = _Invalid")
    if "Decimal" not in body.replace("from decimal import Decimal", ""):
        body = body.replace("from decimal import Decimal\n", "")
    digest = hashlib.sha256(schema_text.encode("utf-8")).hexdigest()
    header = f'''"""Whether a spec is valid against spec format v1: generated, do not edit.

Made by tools/gen_fast_validator.py from schemas/flowlint-v1.schema.json with fastjsonschema
{fastjsonschema.VERSION}; a test regenerates it and fails when it is out of date.
`flowlint.schema.validate` uses `is_valid` to skip jsonschema for valid specs.
"""

# ruff: noqa
# fmt: off

SCHEMA_SHA256 = "{digest}"


class _Invalid(ValueError):
    """Raised at the first thing that is not valid (the message would not be read)."""


def is_valid(data):
    """True when `data` is valid against the schema, False otherwise."""
    try:
        validate(data)
    except _Invalid:
        return False
    return True


'''
    return header + body.strip("\n") + "\n"


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
