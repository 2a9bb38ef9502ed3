"""docs/spec-format.md is generated from the JSON Schema, covers every field, and stays current."""

from __future__ import annotations

import importlib.util
import json
import sys

from tests.conftest import ROOT

_spec = importlib.util.spec_from_file_location(
    "gen_format_doc", ROOT / "tools" / "gen_format_doc.py"
)
generator = importlib.util.module_from_spec(_spec)
assert _spec.loader is not None
sys.modules["gen_format_doc"] = generator
_spec.loader.exec_module(generator)


def test_docs_spec_format_md_is_up_to_date() -> None:
    schema = (ROOT / "schemas" / "flowlint-v1.schema.json").read_text(encoding="utf-8")
    assert (ROOT / "docs" / "spec-format.md").read_text(encoding="utf-8") == generator.generate(
        schema
    ), "run `python tools/gen_format_doc.py`"


def test_every_field_of_every_kind_is_on_the_page_with_a_meaning() -> None:
    schema = json.loads((ROOT / "schemas" / "flowlint-v1.schema.json").read_text(encoding="utf-8"))
    page = generator.generate(json.dumps(schema))
    for title, where in generator.SECTIONS:
        node = schema if where == "#" else generator._resolve(schema, {"$ref": where})
        section = page.split(f"\n## {title}\n", 1)[1].split("\n## ", 1)[0]
        rows = {line.split("`")[1]: line for line in section.splitlines() if line.startswith("| `")}
        assert list(rows) == list(node["properties"]), title
        for name, row in rows.items():
            meaning = row.rsplit("|", 2)[-2].strip()
            assert meaning, f"{where}: '{name}' has no description in the schema"


def test_the_1_1_fields_are_marked() -> None:
    page = (ROOT / "docs" / "spec-format.md").read_text(encoding="utf-8")
    for field in (
        "distributes",
        "creates",
        "derived_from",
        "stored_in",
        "operations",
        "delivery",
        "reconciliation",
        "frequency",
        "until",
        "stores",
        "groups",
    ):
        rows = [line for line in page.splitlines() if line.startswith(f"| `{field}`")]
        assert rows and all("(1.1)" in row for row in rows), field
