"""The fast paths give exactly what the full paths give, and the generated validator is current.

- `flowlint.fastyaml.read_plain` (parser events -> data) against the node builder of
  `flowlint.loading`, on a corpus of files and on generated YAML;
- `flowlint._fastschema.is_valid` (generated from the schema) against jsonschema;
- the findings of a whole check on a generated 5,000-flow spec, valid and invalid, with the fast
  paths and with neither, in one process.
"""

from __future__ import annotations

import copy
import hashlib
import importlib.util
import json
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from flowlint import loading, schema
from flowlint._fastschema import SCHEMA_SHA256, is_valid
from flowlint.engine import lint, select_rules
from flowlint.fastyaml import read_plain
from flowlint.loading import Limits, Loaded, parse_text
from flowlint.rules import BUILTIN_RULES

ROOT = Path(__file__).resolve().parent.parent
SCHEMA_FILE = ROOT / "schemas" / "flowlint-v1.schema.json"


def _import(path: Path, name: str) -> Any:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


generate_spec = _import(ROOT / "bench" / "generate.py", "bench_generate").generate


def full_parse(text: str, path: str = "spec.yaml") -> loading.SourceFile:
    """parse_text with the event reader turned off: the node builder reads everything."""
    fast = loading.read_plain
    loading.read_plain = lambda *args: None  # type: ignore[assignment]
    try:
        return parse_text(text, path)
    finally:
        loading.read_plain = fast


def same_reading(text: str) -> None:
    fast, full = parse_text(text, "spec.yaml"), full_parse(text)
    assert fast.data == full.data
    assert fast.positions == full.positions
    assert fast.problems == full.problems
    # Equal values of different types (1 and True, 1 and 1.0) would pass ==: compare types too.
    assert json.dumps(fast.data, sort_keys=True, default=str) == json.dumps(
        full.data, sort_keys=True, default=str
    )


PLAIN = {
    "block": """\
        flowlint: 1
        # a comment
        services:
          publish:
            name: Publish
            edits:
              - course
              -   provider
        """,
    "flow style": "flows:\n  - {from: a, to: b, entities: [x, {y: z}]}\n",
    "scalars": """\
        a: yes
        b: No
        c: on
        d: 0x1F
        e: 1_000
        f: 3.5e3
        g: .inf
        h: ~
        i:
        j: 2024-05-01
        k: "2024-05"
        l: '1'
        m: -0
        n: +12
        o: 0o17
        p: 1:30
        q: .NaN
        r: ''
        s: null
        """,
    "keys": "'a/b': 1\n'~': 2\n'~1/': {x: y}\nno: 3\n1: 4\n'': 5\n? complex\n: 6\n",
    "block scalars": "a: |\n  line one\n  line two\nb: >-\n  folded\n  text\nc: plain\n  continued\n",
    "unicode": "é:\n  ü: [1, 2]\nname: Ünïcödé — ✓\n",
    "document markers": "%YAML 1.1\n---\nflowlint: 1\n...\n",
    "top-level list": "- a\n- [b, c]\n- {d: e}\n",
    "top-level scalar": "just text\n",
    "nested lists": "a:\n- - - x\n    - y\n  - z\n",
    "empty collections": "a: []\nb: {}\nc: [[], {}]\n",
    "comments after document": "a: 1\n# the end\n",
    "indented sequence in mapping": "a:\n  - b: 1\n    c: 2\n  - d\n",
    "deep": "".join(f"{'  ' * i}k{i}:\n" for i in range(60)) + "  " * 60 + "v: 1\n",
}
# Files the event reader leaves to the node builder: it must return None for each.
NOT_PLAIN = {
    "anchor and alias": "a: &x [1, 2]\nb: *x\n",
    "scalar anchor": "a: &x 1\nb: *x\n",
    "merge key": "base: &b {x: 1}\nc:\n  <<: *b\n  y: 2\n",
    "tag": "a: !!str 1\n",
    "unknown tag": "a: !custom x\n",
    "non-specific tag": "a: ! 12\n",
    "duplicate key": "a: 1\na: 2\n",
    "complex key": "? [a, b]\n: 1\n",
    "several documents": "a: 1\n---\nb: 2\n",
    "empty": "",
    "comments only": "# nothing\n",
    "null document": "~\n",
    "syntax error": "a: [1, 2\n",
    "bad indentation": "a:\n  b: 1\n c: 2\n",
    "too deep": "".join(f"{'  ' * i}k{i}:\n" for i in range(70)) + "  " * 70 + "v: 1\n",
    "long integer": f"a: {'9' * 1001}\n",
    "value tag": "a: =\n",
    "value tag as a key": "=: 1\n",
    "bad float tag": "a: !!float x\n",
}


@pytest.mark.parametrize("name", sorted(PLAIN))
def test_event_reader_reads_plain_files_as_the_node_builder_does(name: str) -> None:
    text = textwrap.dedent(PLAIN[name])
    assert read_plain(text, yaml.CSafeLoader, Limits().max_depth) is not None
    same_reading(text)


@pytest.mark.parametrize("name", sorted(NOT_PLAIN))
def test_event_reader_leaves_the_rest_to_the_node_builder(name: str) -> None:
    text = NOT_PLAIN[name]
    assert read_plain(text, yaml.CSafeLoader, Limits().max_depth) is None
    same_reading(text)


def corpus() -> list[Path]:
    found = [
        *sorted((ROOT / "specs").glob("*.yaml")),
        *sorted((ROOT / "docs" / "examples").glob("*.yaml")),
        *sorted((ROOT / "tests" / "corpus").rglob("*.yaml")),
    ]
    return [path for path in found if path.is_file()]


@pytest.mark.parametrize("path", corpus(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_files_of_the_repository_read_the_same(path: Path) -> None:
    text, problem = loading.decode(path.read_bytes())
    if text is None:
        pytest.skip(problem)
    same_reading(text)


def test_rule_examples_read_the_same() -> None:
    for rule in BUILTIN_RULES:
        for example in (rule.doc.fails, rule.doc.passes):
            same_reading(example)


def test_the_bundled_spec_takes_the_fast_path() -> None:
    text = (ROOT / "specs" / "becoming-a-teacher.yaml").read_text(encoding="utf-8")
    assert read_plain(text, yaml.CSafeLoader, 64) is not None


keys = st.text(min_size=0, max_size=8)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=False),
    st.text(max_size=12),
    st.sampled_from(["yes", "off", "0x1f", "1_0", "2024-05-01", "~", "=", "<<", "-", "1e3"]),
)
documents = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(keys, inner, max_size=4)),
    max_leaves=25,
)


@settings(max_examples=150, deadline=None)
@given(data=documents, flow=st.sampled_from([None, True, False]), width=st.sampled_from([20, 80]))
def test_generated_yaml_reads_the_same(data: Any, flow: bool | None, width: int) -> None:
    text = yaml.safe_dump(data, default_flow_style=flow, allow_unicode=True, width=width)
    same_reading(text)


# ----------------------------------------------------------------------------- validator


def test_generated_validator_was_made_from_the_current_schema() -> None:
    assert hashlib.sha256(SCHEMA_FILE.read_bytes()).hexdigest() == SCHEMA_SHA256, (
        "schemas/flowlint-v1.schema.json changed: run python tools/gen_fast_validator.py"
    )


def test_generated_validator_is_what_the_generator_makes_now() -> None:
    generator = _import(ROOT / "tools" / "gen_fast_validator.py", "gen_fast_validator")
    expected = generator.generate(SCHEMA_FILE.read_text(encoding="utf-8"))
    committed = (ROOT / "flowlint" / "_fastschema.py").read_text(encoding="utf-8")
    assert committed == expected, "run python tools/gen_fast_validator.py"


def test_the_generator_refuses_keywords_it_cannot_vouch_for() -> None:
    generator = _import(ROOT / "tools" / "gen_fast_validator.py", "gen_fast_validator")
    for keyword in ({"uniqueItems": True}, {"items": [{"type": "string"}]}, {"maximum": 3}):
        with pytest.raises(generator.UnsupportedSchemaError):
            generator.prepare({"type": "array", **keyword})


def jsonschema_valid(data: Any) -> bool:
    return not any(True for _ in schema._validator().iter_errors(data))


def bundled() -> dict[str, Any]:
    text = (ROOT / "specs" / "becoming-a-teacher.yaml").read_text(encoding="utf-8")
    return parse_text(text, "spec.yaml").data


# Changes to a valid spec, each as (where, new value); None deletes. Both kinds of verdict.
MUTATIONS: list[tuple[tuple[Any, ...], Any]] = [
    (("flowlint",), True),
    (("flowlint",), 1.0),
    (("flowlint",), "1"),
    (("flowlint",), 2),
    (("flowlint",), None),
    (("x-anything",), {"free": ["form"]}),
    (("unknown",), 1),
    (("services", "publish", "name"), None),
    (("services", "publish", "name"), 5),
    (("services", "publish", "kind"), "external"),
    (("services", "publish", "kind"), "internal"),
    (("services", "publish", "x-note"), "fine"),
    (("services", "publish", "nmae"), "typo"),
    (("services", "Publish"), {"name": "bad id"}),
    (("services", "publish", "edits"), []),
    (("services", "publish", "edits"), ["Course"]),
    (("services", "publish", "edits"), "course"),
    (("entities", "course", "owner"), []),
    (("entities", "course", "owner"), ["publish", "find"]),
    (("entities", "course", "owner"), 3),
    (("entities", "course", "personal_data"), "yes"),
    (("entities", "course", "status"), "retired"),
    (("entities", "course", "status"), "gone"),
    (("entities", "course", "relationships", 0, "to"), None),
    (("entities", "course", "relationships", 0, "extra"), 1),
    (("relationships", 0, "defined_by"), []),
    (("relationships", 0, "from"), "not_an_id"),
    (("flows", 0, "entities"), []),
    (("flows", 0, "entities"), ["course", 1]),
    (("flows", 0, "via"), "api"),
    (("flows", 0, "via"), "copy"),
    (("flows", 0, "via"), "telepathy"),
    (("flows", 0, "api"), "publish-api"),
    (("flows", 0, "from"), None),
    (("flows", 0), "not a flow"),
    (("flows",), {}),
    (("apis", "publish-api", "docs"), "not a url"),
    (("apis", "publish-api", "docs"), 12),
    (("apis", "publish-api", "visibility"), "secret"),
    (("apis", "publish-api", "status"), "in-development"),
    (("apis", "publish-api", "access"), None),
    (("apis",), []),
    (("apis", "x-note"), "extensions are free"),
    (("services", "x-group"), {"anything": 1}),
    (("flows", 0, "x-owner-team"), ["free"]),
    (("entities", "course", "relationships", 0, "x-why"), 1),
    (("services", "x-"), None),
    (("services", "publish", "edits"), ["course\n"]),
    (("flows", 0, "via"), None),
    (("entities", "course", "owner"), "publish"),
]


def mutated(data: dict[str, Any], where: tuple[Any, ...], value: Any) -> dict[str, Any]:
    changed = copy.deepcopy(data)
    node = changed
    for part in where[:-1]:
        node = node[part]
    if value is None and isinstance(node, dict):
        node.pop(where[-1], None)
    elif isinstance(node, list) and value is None:
        del node[where[-1]]
    else:
        node[where[-1]] = value
    return changed


def test_fast_validator_agrees_with_jsonschema_on_mutated_specs() -> None:
    data = bundled()
    assert is_valid(data) and jsonschema_valid(data)
    verdicts = set()
    for where, value in MUTATIONS:
        changed = mutated(data, where, value)
        verdict = is_valid(changed)
        assert verdict == jsonschema_valid(changed), (where, value)
        verdicts.add(verdict)
    assert verdicts == {True, False}


@settings(max_examples=150, deadline=None)
@given(
    where=st.sampled_from([m[0] for m in MUTATIONS]),
    value=st.one_of(
        scalars,
        st.sampled_from(["api", "copy", "live", "read", "public", "course", "x", "a\n", "Bad"]),
        st.lists(st.one_of(scalars, st.sampled_from(["course", "publish"])), max_size=2),
        st.dictionaries(st.sampled_from(["name", "to", "via", "api", "x-a", "b"]), scalars),
    ),
)
def test_fast_validator_agrees_with_jsonschema_on_generated_values(
    where: tuple[Any, ...], value: Any
) -> None:
    changed = mutated(bundled(), where, value)
    assert is_valid(changed) == jsonschema_valid(changed)


# ----------------------------------------------------------------------------- whole check


def findings(text: str, fast: bool) -> list[dict[str, object]]:
    source = parse_text(text, "spec.yaml") if fast else full_parse(text)
    rules = select_rules(BUILTIN_RULES)
    if fast:
        report = lint(Loaded((source,)), rules)
    else:
        quick = schema._fast_valid
        schema._fast_valid = lambda data: False  # type: ignore[assignment]
        try:
            report = lint(Loaded((source,)), rules)
        finally:
            schema._fast_valid = quick
    return [finding.as_dict() for finding in report.findings]


@pytest.mark.parametrize(
    ("flows", "invalid"), [(5000, False), (1000, True)], ids=["valid-5000", "invalid-1000"]
)
def test_findings_on_a_generated_spec_are_the_same_on_both_paths(flows: int, invalid: bool) -> None:
    spec = generate_spec(flows, seed=3, invalid=invalid)
    reads_fast = read_plain(spec.text, yaml.CSafeLoader, 64) is not None
    assert reads_fast is not invalid  # the invalid one has a duplicate key: the node builder
    fast = findings(spec.text, fast=True)
    assert fast == findings(spec.text, fast=False)
    found: dict[str, int] = {}
    for finding in fast:
        found[str(finding["code"])] = found.get(str(finding["code"]), 0) + 1
    assert found == dict(spec.expected)


# ----------------------------------------------------------------------------- start-up


def imported_modules(*args: str) -> tuple[str, set[str]]:
    """The output of `python -m flowlint ARGS` and the top-level packages it imported."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "flowlint", *args],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
    )
    names = {
        line.rsplit("|", 1)[1].strip().split(".")[0]
        for line in result.stderr.splitlines()
        if line.startswith("import time:") and "|" in line
    }
    return result.stdout, names


def test_version_is_answered_without_loading_the_cli() -> None:
    from typer.testing import CliRunner

    from flowlint.cli import app

    output, modules = imported_modules("--version")
    assert output == CliRunner().invoke(app, ["--version"]).stdout
    assert "typer" not in modules and "yaml" not in modules


def test_help_does_not_import_rich_and_check_of_a_valid_spec_not_jsonschema() -> None:
    output, modules = imported_modules("--help")
    assert output.startswith("Usage: flowlint [OPTIONS] COMMAND [ARGS]...")
    assert "rich" not in modules and "typer" in modules
    _, modules = imported_modules("check", "specs/becoming-a-teacher.yaml")
    assert "jsonschema" not in modules and "rich" not in modules and "yaml" in modules
