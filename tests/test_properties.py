"""Property-based tests: whatever the input, flowlint reports findings and never crashes.

Generated specs are valid (every field of format v1, references mostly to declared ids) or
mutated: keys deleted or renamed, values replaced by values of the wrong type, text truncated,
lines duplicated, YAML punctuation, tags, anchors and forbidden characters inserted. Properties:

- linting never raises and never reports an internal error; every finding has a line and column
  of at least 1 inside the file, a pointer that is '' or starts with '/', and a one-line message;
  every output format renders it, and the machine formats parse;
- findings do not depend on the order of keys, nor on splitting a model into several files
  (compared by code, fingerprint and message, apart from file names and line numbers);
- the JSON output always parses and matches the shape documented in flowlint/reporters/json.py.

Profiles (tests/conftest.py): `ci`, the default, derandomised (a fixed seed) and CI-sized; `long`
explores many more examples with a fresh seed each run:

    .venv/bin/pytest tests/test_properties.py --hypothesis-profile=long
    HYPOTHESIS_PROFILE=long .venv/bin/pytest tests/test_properties.py
"""

from __future__ import annotations

import copy
import json
import re
import string
from collections import Counter
from typing import Any
from xml.etree import ElementTree

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from flowlint import __version__
from flowlint.engine import lint, select_rules
from flowlint.findings import Report
from flowlint.loading import Loaded, decode, parse_text
from flowlint.reporters import REPORTERS, RenderOptions, get_reporter
from flowlint.rules import BUILTIN_RULES

ALL_RULES = select_rules(BUILTIN_RULES, ["ALL"])
KNOWN_CODES = {rule.code for rule in ALL_RULES}


def examples(count: int) -> settings:
    """`count` examples under the default profile, scaled with the profile's max_examples (100
    for `ci`), so that `--hypothesis-profile=long` explores more of every property."""
    scaled = max(1, count * settings.default.max_examples // 100)
    return settings(
        max_examples=scaled,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


# Generated specs


IDS = st.from_regex(r"[a-z][a-z0-9]{0,5}(-[a-z0-9]{1,3})?", fullmatch=True)
# Any text YAML can hold, including line breaks, quotes, escapes and non-ASCII letters, with the
# awkward cases more often than chance would give them.
TRICKY = ["", " ", "a\nb", "\r\n", "\t", "\x1b[31mred", "'", '"', "# no", ": x", "- x", "no", "on"]
TEXT = st.one_of(
    st.text(
        alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00\ufeff"),
        max_size=12,
    ),
    st.sampled_from(
        [*TRICKY, "1e3", "~", "null", "\u2028", "\x85", "\u00e9t\u00e9", "\u65e5\u672c"]
    ),
)
STATUS = st.sampled_from(["live", "planned", "retired"])


def refs(pool: list[str]) -> st.SearchStrategy[str]:
    """Mostly a declared id, sometimes an undeclared one (for FL004 and friends)."""
    if not pool:
        return IDS
    return st.one_of(st.sampled_from(pool), st.sampled_from(pool), st.sampled_from(pool), IDS)


def optional(draw: Any, body: dict[str, Any], key: str, strategy: st.SearchStrategy[Any]) -> None:
    if draw(st.booleans()):
        body[key] = draw(strategy)


DATES = st.sampled_from(["2020-01-31", "2024-12-31", "2025-06-01", "2099-12-31"])
OPERATIONS = st.lists(st.sampled_from(["create", "update", "delete"]), min_size=1, max_size=3)


@st.composite
def specs(draw: Any) -> dict[str, Any]:
    """A spec of format 1.1 that the schema accepts (every field, the 1.1 ones included); rules
    may still find things in it."""
    services = draw(st.lists(IDS, min_size=1, max_size=5, unique=True))
    entities = draw(st.lists(IDS, max_size=5, unique=True))
    apis = draw(st.lists(IDS, max_size=3, unique=True))
    service_refs, entity_refs = refs(services), refs(entities)
    scoped = st.fixed_dictionaries(
        {"service": service_refs}, optional={"scope": TEXT, "until": DATES}
    )
    owners = st.one_of(
        service_refs,
        st.lists(service_refs, min_size=1, max_size=3),
        st.lists(scoped, min_size=1, max_size=3),
    )
    spec: dict[str, Any] = {"flowlint": draw(st.sampled_from([1, 1.1]))}
    optional(draw, spec, "service_line", TEXT)
    optional(draw, spec, "as_of", st.sampled_from(["2024-05", "2024-05-01", "spring"]))
    spec["services"] = {}
    for ident in services:
        body: dict[str, Any] = {"name": draw(TEXT)}
        optional(draw, body, "kind", st.sampled_from(["service", "third-party", "external"]))
        optional(draw, body, "group", TEXT)
        optional(draw, body, "status", STATUS)
        optional(draw, body, "edits", st.lists(entity_refs, max_size=2))
        optional(draw, body, "distributes", st.lists(entity_refs, max_size=2))
        optional(draw, body, "creates", st.lists(entity_refs, max_size=2))
        optional(draw, body, "x-note", TEXT)
        spec["services"][ident] = body
    groups = {body["group"] for body in spec["services"].values() if "group" in body}
    if groups and draw(st.booleans()):
        spec["groups"] = {group: {"name": draw(TEXT)} for group in sorted(groups)}
    if entities or draw(st.booleans()):
        spec["entities"] = {}
    for ident in entities:
        body = {}
        optional(draw, body, "name", TEXT)
        optional(draw, body, "owner", owners)
        optional(draw, body, "personal_data", st.booleans())
        optional(draw, body, "status", STATUS)
        optional(draw, body, "derived_from", st.lists(entity_refs, max_size=2))
        relationship = st.fixed_dictionaries({"name": TEXT, "to": entity_refs})
        optional(draw, body, "relationships", st.lists(relationship, max_size=2))
        spec["entities"][ident] = body
    if apis:
        spec["apis"] = {}
    for ident in apis:
        body = {"name": draw(TEXT)}
        optional(draw, body, "service", service_refs)
        optional(draw, body, "access", st.sampled_from(["read", "write", "read-write"]))
        optional(draw, body, "visibility", st.sampled_from(["public", "private"]))
        optional(draw, body, "status", st.sampled_from(["live", "in-development", "planned"]))
        optional(draw, body, "docs", st.just("https://example.org/docs"))
        optional(draw, body, "entities", st.lists(entity_refs, max_size=2))
        spec["apis"][ident] = body
    if entities:
        relationship = st.fixed_dictionaries(
            {"name": TEXT, "from": entity_refs, "to": entity_refs},
            optional={
                "defined_by": st.one_of(service_refs, st.lists(service_refs, min_size=1)),
                "stored_in": service_refs,
            },
        )
        optional(draw, spec, "relationships", st.lists(relationship, max_size=3))
        flows = []
        for _ in range(draw(st.integers(0, 6))):
            flow: dict[str, Any] = {
                "from": draw(service_refs),
                "to": draw(service_refs),
                "entities": draw(st.lists(entity_refs, min_size=1, max_size=3)),
            }
            via = draw(st.sampled_from([None, "copy", "api", "file", "manual", "event"]))
            if via:
                flow["via"] = via
            if via == "api":
                flow["api"] = draw(refs(apis))
            optional(draw, flow, "status", STATUS)
            optional(draw, flow, "purpose", TEXT)
            optional(draw, flow, "operations", OPERATIONS)
            optional(draw, flow, "delivery", st.sampled_from(["guaranteed", "best-effort"]))
            optional(draw, flow, "reconciliation", TEXT)
            optional(draw, flow, "frequency", TEXT)
            optional(draw, flow, "until", DATES)
            optional(draw, flow, "stores", st.booleans())
            flows.append(flow)
        if flows:
            spec["flows"] = flows
    return spec


def dump(data: Any) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=80)


# Mutations


JUNK = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=True, allow_infinity=True),
    TEXT,
    IDS,
    st.lists(st.one_of(TEXT, IDS, st.integers()), max_size=3),
    st.dictionaries(st.one_of(IDS, TEXT), st.one_of(TEXT, IDS, st.none()), max_size=3),
)
# Text that means something to YAML, or is not allowed in it.
SNIPPETS = [
    "\t",
    ":",
    ": ",
    "- ",
    "-",
    "[",
    "]",
    "{",
    "}",
    ",",
    "'",
    '"',
    "#",
    "\n",
    "\r",
    "  ",
    "---\n",
    "...\n",
    "? ",
    "|",
    ">",
    "&a ",
    "*a",
    "&a [1, *a]",
    "<<: *a\n",
    "<<: [x]",
    "!x ",
    "!!str ",
    "!!int ",
    "!!python/object/apply:os.system ",
    "%YAML 1.1\n",
    "@",
    "`",
    "\x00",
    "\x07",
    "\ufeff",
    "\u2028",
    "\x85",
    "\U0001f600",
    "é",
    "no",
    "on",
    "1e3",
    "~",
    "null",
    "x-",
    "/",
    "~1",
]


def paths_in(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a node below `data` (keys of mappings, indexes of lists)."""
    found = []
    if isinstance(data, dict):
        for key, value in data.items():
            found.append((*path, key))
            found.extend(paths_in(value, (*path, key)))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found.append((*path, index))
            found.extend(paths_in(value, (*path, index)))
    return found


def parent_of(data: Any, path: tuple[Any, ...]) -> Any:
    for part in path[:-1]:
        data = data[part]
    return data


def mutate_data(draw: Any, data: dict[str, Any]) -> dict[str, Any]:
    data = copy.deepcopy(data)
    for _ in range(draw(st.integers(1, 3))):
        paths = paths_in(data)
        if not paths:
            break
        path = draw(st.sampled_from(paths))
        parent, last = parent_of(data, path), path[-1]
        action = draw(st.sampled_from(["delete", "retype", "rename"]))
        if action == "delete":
            del parent[last]
        elif action == "retype" or isinstance(parent, list):
            parent[last] = draw(JUNK)
        else:
            parent[draw(st.one_of(IDS, TEXT))] = parent.pop(last)
    return data


def mutate_text(draw: Any, text: str) -> str:
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["truncate", "insert", "delete", "duplicate-line"]))
        if action == "truncate":
            text = text[:at]
        elif action == "insert":
            text = text[:at] + draw(st.sampled_from(SNIPPETS)) + text[at:]
        elif action == "delete":
            text = text[:at] + text[at + draw(st.integers(1, 20)) :]
        else:
            lines = text.splitlines(keepends=True) or [""]
            index = draw(st.integers(0, len(lines) - 1))
            lines.insert(index, lines[index])
            text = "".join(lines)
    return text


@st.composite
def mutated_texts(draw: Any) -> str:
    spec = draw(specs())
    kind = draw(st.sampled_from(["valid", "data", "text", "both"]))
    if kind in ("data", "both"):
        spec = mutate_data(draw, spec)
    text = dump(spec)
    if kind in ("text", "both"):
        text = mutate_text(draw, text)
    return text


# Linting and checking a report


def lint_sources(files: dict[str, str]) -> Report:
    sources = tuple(parse_text(text, path) for path, text in sorted(files.items()))
    return lint(Loaded(sources), ALL_RULES, today="2025-01-01")


def assert_well_formed(report: Report, files: dict[str, str]) -> None:
    assert report.errors == (), report.errors  # an internal error: a crash was isolated
    for finding in report.findings:
        location = finding.location
        assert finding.code in KNOWN_CODES
        assert location.file in files
        lines = files[location.file].splitlines() or [""]
        assert 1 <= location.line <= len(lines) + 1, finding
        assert location.column >= 1, finding
        assert location.pointer == "" or location.pointer.startswith("/"), finding
        assert finding.message and "\n" not in finding.message and "\r" not in finding.message, (
            finding
        )


def render_all(report: Report) -> dict[str, str]:
    options = RenderOptions(version=__version__, rules=tuple(r.code for r in ALL_RULES))
    return {name: get_reporter(name)(report, options) for name in REPORTERS}


@examples(60)
@given(mutated_texts())
def test_linting_a_mutated_spec_never_crashes(text: str) -> None:
    report = lint_sources({"spec.yaml": text})
    assert_well_formed(report, {"spec.yaml": text})
    rendered = render_all(report)
    for name in ("json", "sarif", "gitlab"):
        json.loads(rendered[name])
    ElementTree.fromstring(rendered["junit"])


@examples(60)
@given(st.one_of(st.text(), st.text(alphabet=string.printable + "-:[]{}&*!|>'\"#%@`")))
def test_linting_random_text_never_crashes(text: str) -> None:
    report = lint_sources({"spec.yaml": text})
    assert_well_formed(report, {"spec.yaml": text})


@examples(60)
@given(st.binary(max_size=200))
def test_decoding_any_bytes_gives_text_or_a_reason(raw: bytes) -> None:
    text, problem = decode(raw)
    assert (text is None) == bool(problem)
    if text is not None:
        assert_well_formed(lint_sources({"spec.yaml": text}), {"spec.yaml": text})


@examples(20)
@given(specs())
def test_generated_specs_are_valid(spec: dict[str, Any]) -> None:
    """The generator makes what the schema accepts, so the properties below test the rules."""
    report = lint_sources({"spec.yaml": dump(spec)})
    assert [f for f in report.findings if f.code in ("FL001", "FL002", "FL003")] == []


# Findings do not depend on key order or on how a model is split into files


# These say which of two definitions comes first ("defined again ... after ..."): what "first"
# means is the order of the text, so they are compared by their stable id (fingerprint) alone.
ORDER_WORDED = {"FL002", "FL201"}


def comparable(report: Report) -> Counter[tuple[str, str, str]]:
    """Findings without positions: code, fingerprint and message with file names and line
    numbers taken out."""

    def plain(code: str, message: str) -> str:
        if code in ORDER_WORDED:
            return ""
        message = re.sub(r"\b(spec|part-\d+)\.yaml\b", "FILE", message)
        return re.sub(r"\bline \d+(, column \d+)?", "line N", message)

    return Counter((f.code, f.fingerprint, plain(f.code, f.message)) for f in report.findings)


def shuffled(draw: Any, data: Any) -> Any:
    if isinstance(data, dict):
        keys = draw(st.permutations(list(data)))
        return {key: shuffled(draw, data[key]) for key in keys}
    if isinstance(data, list):
        return [shuffled(draw, item) for item in data]
    return data


@examples(40)
@given(specs(), st.data())
def test_findings_do_not_depend_on_the_order_of_keys(spec: dict[str, Any], data: Any) -> None:
    reordered = shuffled(data.draw, spec)
    before = lint_sources({"spec.yaml": dump(spec)})
    after = lint_sources({"spec.yaml": dump(reordered)})
    assert comparable(after) == comparable(before)


SECTIONS = ("services", "entities", "apis", "relationships", "flows")


def split(draw: Any, spec: dict[str, Any], parts: int) -> dict[str, str]:
    """The spec as `parts` files: each service, entity, API, relationship and flow goes to one
    of them at random, in its original order; every file starts with 'flowlint: 1'."""
    files: list[dict[str, Any]] = [{"flowlint": 1} for _ in range(parts)]
    for key, value in spec.items():
        if key not in SECTIONS:
            files[0][key] = value
            continue
        items = list(value.items()) if isinstance(value, dict) else list(value)
        for item in items:
            target = files[draw(st.integers(0, parts - 1))]
            if isinstance(value, dict):
                target.setdefault(key, {})[item[0]] = item[1]
            else:
                target.setdefault(key, []).append(item)
    return {f"part-{index}.yaml": dump(data) for index, data in enumerate(files)}


@examples(40)
@given(specs(), st.integers(2, 4), st.data())
def test_findings_do_not_depend_on_splitting_the_model_into_files(
    spec: dict[str, Any], parts: int, data: Any
) -> None:
    whole = lint_sources({"spec.yaml": dump(spec)})
    pieces = split(data.draw, spec, parts)
    assert comparable(lint_sources(pieces)) == comparable(whole)


# The JSON output and its documented shape

SHAPE = {
    "type": "object",
    "required": ["flowlint", "findings", "summary", "suppressed"],
    "additionalProperties": False,
    "properties": {
        "flowlint": {"const": __version__},
        "findings": {
            "type": "array",
            "items": {
                "type": "object",
                "required": [
                    "code",
                    "rule",
                    "severity",
                    "message",
                    "file",
                    "line",
                    "column",
                    "pointer",
                    "fingerprint",
                ],
                "additionalProperties": False,
                "properties": {
                    "code": {"type": "string", "pattern": "^FL[0-9]{3}$"},
                    "rule": {"type": "string", "pattern": "^[a-z]+(-[a-z]+)*$"},
                    "severity": {"enum": ["error", "warning", "info"]},
                    "message": {"type": "string", "minLength": 1},
                    "file": {"type": "string", "minLength": 1},
                    "line": {"type": "integer", "minimum": 1},
                    "column": {"type": "integer", "minimum": 1},
                    # A key may hold any text, a line break too (a group name in `groups`).
                    "pointer": {"type": "string", "pattern": "^(/[\\s\\S]*)?$"},
                    "fingerprint": {"type": "string", "pattern": "^[0-9a-f]{16}$"},
                },
            },
        },
        "summary": {
            "type": "object",
            "required": ["error", "warning", "info"],
            "additionalProperties": False,
            "properties": {
                level: {"type": "integer", "minimum": 0} for level in ("error", "warning", "info")
            },
        },
        "suppressed": {"type": "array"},  # filled in below: a finding and its suppression
    },
}
_SUPPRESSED_ITEM = json.loads(json.dumps(SHAPE["properties"]["findings"]["items"]))
_SUPPRESSED_ITEM["required"].append("suppression")
_SUPPRESSED_ITEM["properties"]["suppression"] = {
    "type": "object",
    "required": ["kind", "reason"],
    "additionalProperties": False,
    "properties": {
        "kind": {"enum": ["inline", "baseline", "new-since"]},
        "reason": {"type": "string"},
    },
}
SHAPE["properties"]["suppressed"]["items"] = _SUPPRESSED_ITEM


@examples(25)
@given(st.lists(mutated_texts(), min_size=1, max_size=3))
def test_json_output_always_parses_and_has_the_documented_shape(texts: list[str]) -> None:
    from jsonschema import Draft202012Validator

    files = {f"part-{index}.yaml": text for index, text in enumerate(texts)}
    report = lint_sources(files)
    document = json.loads(render_all(report)["json"])
    errors = [error.message for error in Draft202012Validator(SHAPE).iter_errors(document)]
    assert errors == []
    counts = Counter(finding["severity"] for finding in document["findings"])
    assert document["summary"] == {level: counts[level] for level in ("error", "warning", "info")}
    assert [f["file"] for f in document["findings"]] == sorted(
        f["file"] for f in document["findings"]
    )


def test_the_shape_is_the_documented_one() -> None:
    """SHAPE above is what the docstring of flowlint/reporters/json.py documents."""
    import flowlint.reporters.json as reporter

    documented = " ".join((reporter.__doc__ or "").split())
    finding = re.search(r'"findings": \[\{(.*?)\}\]', documented)
    summary = re.search(r'"summary": \{(.*?)\}', documented)
    assert finding and summary
    properties = SHAPE["properties"]
    assert re.findall(r'"(\w+)"', finding.group(1)) == properties["findings"]["items"]["required"]
    assert re.findall(r'"(\w+)"', summary.group(1)) == properties["summary"]["required"]
    suppression = re.search(r'"suppression": \{(.*?)\}', documented)
    assert suppression
    assert (
        re.findall(r'"(\w+)"', suppression.group(1))
        == properties["suppressed"]["items"]["properties"]["suppression"]["required"]
    )
    # `baseline` is documented as present only with a baseline or --new-since, never here.
    assert '{"flowlint": "<version>", "findings": ' in documented
