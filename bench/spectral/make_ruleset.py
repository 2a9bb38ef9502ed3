"""Write bench/spectral/ruleset.json: a Spectral ruleset that checks what flowlint's schema and
its reference rules check, for the benchmark against Spectral (bench/run.py).

    python bench/spectral/make_ruleset.py          # rewrite ruleset.json
    python bench/spectral/make_ruleset.py --check  # exit 1 when it is out of date

The rules:

- `flowlint-schema`: flowlint's JSON Schema (schemas/flowlint-v1.schema.json), draft 2020-12,
  every error (`allErrors`). The schema is inlined, with its own `$ref`s inlined too (as
  `flowlint.schema` does for jsonschema): Spectral resolves `$ref`s in a ruleset against the
  ruleset, and silently ignores a schema it cannot resolve, so a `$ref` to the schema file would
  check nothing;
- `flowlint-unknown-service`, `flowlint-unknown-entity`, `flowlint-unknown-api`: a reference to
  an id not declared in its section (flowlint's FL004), by the custom function
  `functions/unknownReferences.js`;
- `flowlint-single-owner`: an entity without an owner, with several plain owners, or with a
  scoped owner that does not say its scope (FL101), by `functions/singleOwner.js`.

Spectral's YAML parser reports duplicate keys itself (flowlint's FL002). Each custom rule runs
once, on the whole document (`given: $`), and walks it in JavaScript: the fastest way to write
it for Spectral, rather than one call per flow through a JSONPath such as `$.flows[*]`.
tests/test_spectral.py runs Spectral with it and checks that it reports the problems
bench/generate.py plants where flowlint reports them.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path.insert(0, str(ROOT))

from flowlint.schema import _inline_refs  # noqa: E402

SCHEMA = ROOT / "schemas" / "flowlint-v1.schema.json"
RULESET = HERE / "ruleset.json"


def inlined_schema() -> dict[str, object]:
    """flowlint's schema with every `$ref` replaced by what it names, and no `$defs` or `$id`."""
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    inlined = _inline_refs(schema)
    if "$ref" in json.dumps({k: v for k, v in inlined.items() if k != "$defs"}):
        raise SystemExit(f"{SCHEMA}: a $ref could not be inlined (a recursive definition?)")
    return {k: v for k, v in inlined.items() if k not in ("$defs", "$id")}


def ruleset() -> dict[str, object]:
    """The ruleset as JSON data."""
    reference = {
        kind: {
            "description": f"A reference to a {kind} names a declared {kind} (flowlint FL004).",
            "message": "{{error}}",
            "severity": "error",
            "given": "$",
            "then": {"function": "unknownReferences", "functionOptions": {"kind": kind}},
        }
        for kind in ("service", "entity", "api")
    }
    return {
        "functions": ["unknownReferences", "singleOwner"],
        "rules": {
            "flowlint-schema": {
                "description": "The spec matches flowlint's JSON Schema (flowlint FL003).",
                "message": "{{error}}",
                "severity": "error",
                "given": "$",
                "then": {
                    "function": "schema",
                    "functionOptions": {
                        "schema": inlined_schema(),
                        "dialect": "draft2020-12",
                        "allErrors": True,
                    },
                },
            },
            **{f"flowlint-unknown-{kind}": rule for kind, rule in reference.items()},
            "flowlint-single-owner": {
                "description": "Every entity has exactly one owner (flowlint FL101).",
                "message": "{{error}}",
                "severity": "error",
                "given": "$",
                "then": {"function": "singleOwner"},
            },
        },
    }


def text() -> str:
    return json.dumps(ruleset(), indent=2, ensure_ascii=False) + "\n"


def main(argv: list[str]) -> int:
    if argv == ["--check"]:
        if RULESET.read_text(encoding="utf-8") != text():
            print(f"{RULESET} is out of date: run python {Path(__file__).relative_to(ROOT)}")
            return 1
        return 0
    RULESET.write_text(text(), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
