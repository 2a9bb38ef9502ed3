"""The language server's pure parts, without a client: spans, completion places, navigation over
any kind of id, quick-fix edits, the workspace configuration and unsaved text."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from flowlint.findings import Location
from flowlint.loading import load_paths, parse_text
from flowlint.lsp import completion, navigation
from flowlint.lsp.actions import add_reason, did_you_mean, remove_unused, suppress
from flowlint.lsp.project import Snapshot, configured_model, lint, workspace_configuration
from flowlint.lsp.text import finding_span, from_units, split_lines, to_units, written_at
from flowlint.model import Ref, build_model
from flowlint.testing import lint_text

SPEC = """\
flowlint: 1
services:
  publish: {name: Publish}
  "find": {name: Find}
  apply:
    name: Apply
    edits:
      - course
entities:
  course: {owner: &owner publish}
  candidate:
    owner: *owner
flows:
  - {from: publish, to: 'find', entities: [course]}
  - from: find
    to: apply
    entities: [course]
"""


def _written(pointer: str, ident: str, as_key: bool = False) -> str | None:
    source = parse_text(SPEC, "spec.yaml")
    lines = split_lines(SPEC)
    found = written_at(lines, source.data, source.location(pointer), ident, as_key=as_key)
    if found is None:
        return None
    return f"{found.line}:{found.column}:{lines[found.line][found.column : found.end_column]}"


@pytest.mark.parametrize(
    ("pointer", "ident", "as_key", "expected"),
    [
        ("/services/publish", "publish", True, "2:2:publish"),
        ("/services/find", "find", True, '3:2:"find"'),  # a quoted key keeps its quotes
        ("/services/apply/edits/0", "course", False, "7:8:course"),  # a block list item
        ("/entities/course/owner", "publish", False, "9:25:publish"),  # after an anchor
        ("/flows/0/to", "find", False, "13:24:'find'"),
        ("/flows/0/entities/0", "course", False, "13:43:course"),
        ("/flows/1/to", "apply", False, "15:8:apply"),  # a block mapping
        ("/entities/candidate/owner", "publish", False, None),  # an alias: not written here
        ("/flows/1/to", "find", False, None),  # another id than the one written
    ],
)
def test_written_at_finds_the_id_as_written(
    pointer: str, ident: str, as_key: bool, expected: str | None
) -> None:
    assert _written(pointer, ident, as_key) == expected


def test_finding_span_covers_a_key_and_its_scalar_value_or_the_rest_of_the_line() -> None:
    source = parse_text(SPEC, "spec.yaml")
    lines = split_lines(SPEC)

    def shown(pointer: str) -> str:
        span = finding_span(lines, source.data, source.location(pointer))
        return lines[span.line][span.column : span.end_column]

    assert shown("/flows/0/to") == "to: 'find'"
    assert shown("/services/apply/edits") == "edits"
    assert shown("/flows/0") == "{from: publish, to: 'find', entities: [course]}"
    # A location past the end of the text (a YAML error at the end) still gets a character.
    span = finding_span(lines, None, Location("spec.yaml", 99, 1))
    assert (span.line, span.end_column - span.column) == (len(lines) - 1, 1)


def test_columns_convert_between_code_points_and_the_client_encoding() -> None:
    line = "  name: 'Café 😋', to: x"
    column = line.index("to")
    assert to_units(line, column, "utf-32") == column
    assert to_units(line, column, "utf-16") == column + 1  # the emoji is two UTF-16 units
    assert to_units(line, column, "utf-8") == column + 1 + 3
    for encoding in ("utf-8", "utf-16", "utf-32"):
        assert from_units(line, to_units(line, column, encoding), encoding) == column


def _place(text: str) -> completion.Place | None:
    lines = text.split("\n")
    line = next(i for i, row in enumerate(lines) if "|" in row)
    column = lines[line].index("|")
    lines[line] = lines[line].replace("|", "")
    start, end = completion.word_at(lines[line], column)
    return completion.locate(lines, line, start, end)


@pytest.mark.parametrize(
    ("text", "path", "is_key"),
    [
        ("flows:\n  - {from: pub|}\n", ("flows", "0", "from"), False),
        ("flows:\n  - {from: pub|\n", ("flows", "0", "from"), False),  # unclosed
        ("flows:\n  - {from: a, to: b, entities: [x, |\n", ("flows", "0", "entities", "1"), False),
        ("flows:\n  - from: a\n    to: |\n  - from: b\n", ("flows", "0", "to"), False),
        ("flows:\n  - from: a\n    en|\n", ("flows", "0", "flowlintcursorhere"), True),
        ("entities:\n  x:\n    owner:\n      - |\n", ("entities", "x", "owner", "0"), False),
        ('entities:\n  x: {owner: "pu|"}\n', ("entities", "x", "owner"), False),
        ("services:\n  a: {name: A}\n|\n", ("flowlintcursorhere",), True),
    ],
)
def test_locate_reads_where_the_cursor_is_even_in_unfinished_text(
    text: str, path: tuple[str, ...], is_key: bool
) -> None:
    place = _place("flowlint: 1\n" + text)
    assert place is not None
    assert (place.path, place.is_key) == (path, is_key)


def test_the_kind_of_id_comes_from_the_schema_definitions_so_new_fields_need_no_change(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from flowlint.schema import spec_schema

    schema: dict[str, Any] = {**spec_schema(), "$defs": dict(spec_schema()["$defs"])}
    service = dict(schema["$defs"]["service"])
    service["properties"] = {
        **service["properties"],
        # A field a later format might add: a list of ids of a kind flowlint does not know yet.
        "distributes": {"type": "array", "items": {"$ref": "#/$defs/groupId"}},
    }
    schema["$defs"]["service"] = service
    schema["$defs"]["groupId"] = {"$ref": "#/$defs/id", "description": "a group id"}
    monkeypatch.setattr(completion, "_schema", lambda: schema)
    assert completion.id_kinds(completion.schema_at(["services", "a", "distributes", "0"])) == [
        "group"
    ]
    assert completion.id_kinds(completion.schema_at(["flows", "0", "api"])) == ["api"]
    assert completion.id_kinds(completion.schema_at(["entities", "e", "owner"])) == ["service"]
    assert completion.id_kinds(completion.schema_at(["services", "a", "name"])) == []


GROUPS = """\
flowlint: 1
x-groups:
  srs: {name: Student record systems}
services:
  banner: {name: Banner, x-group: srs}
  oracle: {name: Oracle, x-group: srs}
"""


class _WithGroups:
    """A model whose reference walk and declarations know one more kind of id, as a later spec
    format's model may: navigation must follow it without a change."""

    def __init__(self, source: Any) -> None:
        self.model = build_model([source])
        self.groups = {"srs": type("Group", (), {"location": source.location("/x-groups/srs")})}
        self.refs = [
            Ref("srs", source.location(f"/services/{name}/x-group"))
            for name in ("banner", "oracle")
        ]
        self.redeclarations = self.model.redeclarations

    def references(self) -> Any:
        yield from self.model.references()
        for ref in self.refs:
            yield "group", ref, "x-group of a service"

    def declared(self, kind: str) -> Any:
        return self.groups if kind == "group" else self.model.declared(kind)


def test_navigation_follows_whatever_the_reference_walk_yields(tmp_path: Path) -> None:
    path = tmp_path / "groups.yaml"
    source = parse_text(GROUPS, str(path))
    snapshot = Snapshot((str(path),), None, load_paths([]), None, _WithGroups(source))  # type: ignore[arg-type]
    snapshot.sources[str(path)] = source
    index = navigation.site_index(snapshot)
    assert "group" in navigation.kinds(snapshot)
    lines = split_lines(GROUPS)
    sites = index.by_id[("group", "srs")]
    assert [
        (s.declaration, lines[s.span.line][s.span.column : s.span.end_column]) for s in sites
    ] == [
        (True, "srs"),
        (False, "srs"),
        (False, "srs"),
    ]
    at = index.at(str(path), 4, lines[4].index("srs") + 1)
    assert at is not None and (at.kind, at.ident) == ("group", "srs")


FIXES = """\
flowlint: 1
services:
  publish: {name: Publish}
  find: {name: Find}
entities:
  course: {owner: publish}
flows:
  - {from: publish, to: fnd, entities: [course], vai: copy}
  - from: find
    to: publish
    entities: [course]  # carried back
    via: cpy
"""


def _finding(text: str, code: str, fragment: str = "") -> Any:
    return next(f for f in lint_text(text) if f.code == code and fragment in f.message)


def _apply(text: str, edits: Any) -> str:
    lines = split_lines(text)
    for edit in sorted(edits, key=lambda e: (e.span.line, e.span.column), reverse=True):
        row = lines[edit.span.line]
        if edit.span.end_line > edit.span.line:
            lines[edit.span.line : edit.span.end_line + 1] = [
                row[: edit.span.column]
                + edit.text
                + lines[edit.span.end_line][edit.span.end_column :]
            ]
        else:
            lines[edit.span.line] = (
                row[: edit.span.column] + edit.text + row[edit.span.end_column :]
            )
    return "\n".join(lines)


@pytest.mark.parametrize(
    ("code", "fragment", "title", "fixed"),
    [
        ("FL004", "'fnd'", "Replace 'fnd' with 'find'", "to: find,"),
        ("FL003", "'vai'", "Replace 'vai' with 'via'", "via: copy}"),
        ("FL003", "'cpy'", "Replace 'cpy' with 'copy'", "    via: copy"),
    ],
)
def test_did_you_mean_replaces_exactly_the_misspelt_word(
    code: str, fragment: str, title: str, fixed: str
) -> None:
    finding = _finding(FIXES, code, fragment)
    source = parse_text(FIXES, "spec.yaml")
    fix = did_you_mean(finding, source, split_lines(FIXES), "spec.yaml")
    assert fix is not None and fix.title == title
    after = _apply(FIXES, fix.edits)
    assert fixed in after
    assert not [f for f in lint_text(after) if f.code == code and fragment in f.message]


def test_suppress_goes_at_the_end_of_the_line_or_above_a_line_with_a_comment() -> None:
    text = FIXES.split("flows:", maxsplit=1)[0] + (
        "flows:\n  - from: publish\n    to: find\n    entities: [course, teacher]  # new\n"
    )
    finding = _finding(text, "FL004")
    source = parse_text(text, "spec.yaml")
    fix = suppress(finding, source, split_lines(text), "spec.yaml")
    assert fix is not None
    after = _apply(text, fix.edits)
    assert "    # flowlint: ignore[FL004] reason\n    entities: [course, teacher]  # new" in after
    assert (
        split_lines(after)[fix.select.line][fix.select.column : fix.select.end_column] == "reason"
    )
    assert [f.code for f in lint_text(after)] == []
    # Without a comment on the line: at its end.
    plain = text.replace("  # new", "")
    fix = suppress(
        _finding(plain, "FL004"), parse_text(plain, "spec.yaml"), split_lines(plain), "s"
    )
    assert fix is not None
    after = _apply(plain, fix.edits)
    assert "    entities: [course, teacher]  # flowlint: ignore[FL004] reason\n" in after
    assert [f.code for f in lint_text(after)] == []


def test_an_unused_rule_is_removed_from_a_suppression_that_names_others_too() -> None:
    text = FIXES.replace("  - {from: publish, to: fnd, entities: [course], vai: copy}\n", "")
    text = text.replace("    via: cpy\n", "").replace(
        "  # carried back", "  # flowlint: ignore[FL104, FL105] nothing here"
    )
    finding = _finding(text, "FL902", "FL104")
    fix = remove_unused(finding, parse_text(text, "spec.yaml"), split_lines(text), "spec.yaml")
    assert fix is not None and fix.title == "Remove FL104 from the suppression"
    assert "# flowlint: ignore[FL105] nothing here" in _apply(text, fix.edits)


def test_the_workspace_configuration_is_the_one_check_reads(tmp_path: Path) -> None:
    (tmp_path / "flowlint.toml").write_text(
        'specs = ["model"]\nignore = ["FL106"]\n[severity]\nFL105 = "warning"\n', "utf-8"
    )
    (tmp_path / "model").mkdir()
    configuration = workspace_configuration(tmp_path)
    assert configuration.error is None
    assert configuration.model_paths == (str(tmp_path / "model"),)
    assert "FL106" not in {rule.code for rule in configuration.rules}
    assert configuration.settings.severity == {"FL105": "warning"}
    inside = str(tmp_path / "model" / "deep" / "a.yml")
    assert configured_model(configuration, inside) == configuration.model_paths
    assert configured_model(configuration, str(tmp_path / "model" / ".hidden" / "a.yaml")) is None
    assert configured_model(configuration, str(tmp_path / "other.yaml")) is None
    # A configuration check would refuse: its one line, and the defaults meanwhile.
    (tmp_path / "flowlint.toml").write_text('slect = ["FL1"]\n', "utf-8")
    broken = workspace_configuration(tmp_path)
    assert broken.error is not None and "unknown key 'slect'" in broken.error
    assert broken.model_paths == (str(tmp_path / "specs"),)


def test_unsaved_text_is_read_instead_of_the_file_and_an_unsaved_file_joins_its_model(
    tmp_path: Path,
) -> None:
    model = tmp_path / "specs"
    model.mkdir()
    (model / "a.yaml").write_text("flowlint: 1\nservices:\n  a: {name: A}\n", "utf-8")
    unsaved = str(model / "b.yaml")
    overlays = {
        os.path.abspath(model / "a.yaml"): "flowlint: 1\nservices:\n  a2: {name: A}\n",
        unsaved: "flowlint: 1\nentities:\n  e: {owner: a2}\n",
    }
    loaded = load_paths([model], overlays=overlays)
    assert [Path(f.path).name for f in loaded.files] == ["a.yaml", "b.yaml"]
    assert "a2" in loaded.files[0].data["services"]
    configuration = workspace_configuration(tmp_path)
    snapshot = lint(configuration, configuration.model_paths, overlays, {unsaved: 3})
    assert snapshot.versions[unsaved] == 3
    assert [(f.code, Path(f.location.file).name) for f in snapshot.report.findings] == [
        ("FL105", "b.yaml")
    ]


def test_a_suppression_without_a_reason_gets_a_placeholder_to_replace() -> None:
    text = FIXES.replace("  # carried back", "  # flowlint: ignore[FL104]")
    finding = _finding(text, "FL901")
    fix = add_reason(finding, parse_text(text, "spec.yaml"), split_lines(text), "spec.yaml")
    assert fix is not None and fix.title == "Add a reason to the suppression"
    after = _apply(text, fix.edits)
    assert "entities: [course]  # flowlint: ignore[FL104] reason\n" in after
    assert (
        split_lines(after)[fix.select.line][fix.select.column : fix.select.end_column] == "reason"
    )
    assert "FL901" not in [f.code for f in lint_text(after)]


def test_a_misspelt_rule_in_a_suppression_is_replaced_by_the_suggestion() -> None:
    text = FIXES.replace("  # carried back", "  # flowlint: ignore[FL901, copy-chian] why")
    finding = _finding(text, "FL903", "copy-chian")
    fix = did_you_mean(finding, parse_text(text, "spec.yaml"), split_lines(text), "spec.yaml")
    assert fix is not None and fix.title == "Replace 'copy-chian' with 'copy-chain'"
    assert "# flowlint: ignore[FL901, copy-chain] why" in _apply(text, fix.edits)
