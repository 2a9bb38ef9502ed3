"""`flowlint lsp` end to end: a real LSP client (pytest-lsp) drives the server over stdio.

One server serves the whole module (its fixture ends with shutdown and exit, and checks the exit
code), with three workspace folders so that tests do not share files: `line` (a configuration,
and a two-file directory model), `rename` (a two-file model that the rename test edits) and
`loose` (no configuration: each spec file is a model of its own). Nothing sleeps: each test waits
for the notification or response it needs, with a generous timeout.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
import pytest_lsp
from lsprotocol import types as lsp
from pygls.exceptions import JsonRpcException
from pygls.uris import from_fs_path
from pytest_lsp import ClientServerConfig, LanguageClient
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

pytestmark = pytest.mark.asyncio(loop_scope="module")

TIMEOUT = 30  # seconds; a loaded machine may be slow, and nothing waits longer than it must

SERVICES = """\
flowlint: 1
services:
  publish: {name: Publish teacher training courses}
  find: {name: Find postgraduate teacher training}
  apply: {name: Apply for teacher training}
  dqt: {name: Database of Qualified Teachers, kind: third-party}
entities:
  course: {owner: publish}
  application:
    owner: apply
    personal_data: true
  teacher: {owner: dqt}
apis:
  publish-api:
    name: Publish API
    service: publish
    access: read
    visibility: public
    docs: https://example.org/publish-api
    entities: [course]
"""

FLOWS = """\
flowlint: 1
flows:
  - {from: publish, to: find, entities: [course]}
  - {from: find, to: apply, entities: [course]}
  - {from: apply, to: fnd, entities: [application]}
"""

RENAME_A = """\
flowlint: 1
services:
  publish: {name: Publish}
  find: {name: Find}
entities:
  course: {owner: publish}
"""

RENAME_B = """\
flowlint: 1
flows:
  - {from: publish, to: find, entities: [course]}
apis:
  publish-api: {name: Publish API, service: publish, docs: https://example.org, entities: [course]}
"""


def _client() -> LanguageClient:
    """pytest-lsp's client, recording the version of each diagnostics notification, and reading a
    code action that carries a command as a code action (lsprotocol 2025.0.0 reads any object
    with a 'command' key as a Command, though a CodeAction's command is an object)."""
    client = LanguageClient()
    client.published = {}  # type: ignore[attr-defined]

    def record(client: LanguageClient, params: lsp.PublishDiagnosticsParams) -> None:
        client.diagnostics[params.uri] = params.diagnostics
        client.published[params.uri] = (params.version, list(params.diagnostics))  # type: ignore[attr-defined]

    features = {**DEFAULT_CLIENT_FEATURES, lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS: record}
    register_lsp_features(client, features)
    converter = client.protocol._converter

    def command_or_action(value: Any, _: type) -> Any:
        command = isinstance(value.get("command"), str)
        return converter.structure(value, lsp.Command if command else lsp.CodeAction)

    converter.register_structure_hook(lsp.Command | lsp.CodeAction, command_or_action)
    return client


@pytest.fixture(scope="module")
def folders(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("lsp")
    line, rename, loose = root / "line", root / "rename", root / "loose"
    misconfigured = root / "misconfigured"
    for folder in (line / "model", rename / "specs", loose, misconfigured / "specs"):
        folder.mkdir(parents=True)
    (misconfigured / "flowlint.toml").write_text('slect = ["FL1"]\n', encoding="utf-8")
    (misconfigured / "specs" / "a.yaml").write_text(RENAME_A, encoding="utf-8")
    (line / "flowlint.toml").write_text(
        'specs = ["model"]\n[severity]\nFL105 = "warning"\n', encoding="utf-8"
    )
    (line / "model" / "services.yaml").write_text(SERVICES, encoding="utf-8")
    (line / "model" / "flows.yaml").write_text(FLOWS, encoding="utf-8")
    (rename / "specs" / "a.yaml").write_text(RENAME_A, encoding="utf-8")
    (rename / "specs" / "b.yaml").write_text(RENAME_B, encoding="utf-8")
    return {"line": line, "rename": rename, "loose": loose, "misconfigured": misconfigured}


@pytest_lsp.fixture(
    scope="module",
    config=ClientServerConfig(
        server_command=[sys.executable, "-m", "flowlint", "lsp"], client_factory=_client
    ),
)
async def client(lsp_client: LanguageClient, folders: dict[str, Path]):
    capabilities = lsp.ClientCapabilities(
        workspace=lsp.WorkspaceClientCapabilities(
            did_change_watched_files=lsp.DidChangeWatchedFilesClientCapabilities(
                dynamic_registration=False
            ),
            workspace_edit=lsp.WorkspaceEditClientCapabilities(document_changes=True),
        ),
        window=lsp.WindowClientCapabilities(show_document=lsp.ShowDocumentClientCapabilities(True)),
        text_document=lsp.TextDocumentClientCapabilities(
            rename=lsp.RenameClientCapabilities(prepare_support=True)
        ),
    )
    lsp_client.initialized_with = await lsp_client.initialize_session(  # type: ignore[attr-defined]
        lsp.InitializeParams(
            capabilities=capabilities,
            workspace_folders=[
                lsp.WorkspaceFolder(from_fs_path(str(path)), name) for name, path in folders.items()
            ],
        )
    )
    yield
    # Shutdown and exit: the server stops, with exit code 0 (shutdown came before exit).
    await lsp_client.shutdown_session()
    assert lsp_client._server is not None and lsp_client._server.returncode == 0


# ---------------------------------------------------------------------------------------------
# Helpers: documents, positions, waiting for diagnostics.


class Document:
    """A document the client holds open: its text and version, kept in step with the server."""

    def __init__(self, client: LanguageClient, path: Path, text: str | None = None) -> None:
        self.client, self.path = client, path
        self.uri = from_fs_path(str(path))
        self.text = path.read_text(encoding="utf-8") if text is None else text
        self.version = 1
        client.text_document_did_open(
            lsp.DidOpenTextDocumentParams(lsp.TextDocumentItem(self.uri, "yaml", 1, self.text))
        )

    def change(self, text: str) -> None:
        self.text = text
        self.version += 1
        self.client.text_document_did_change(
            lsp.DidChangeTextDocumentParams(
                lsp.VersionedTextDocumentIdentifier(version=self.version, uri=self.uri),
                [lsp.TextDocumentContentChangeWholeDocument(text)],
            )
        )

    def apply(self, edits: Sequence[lsp.TextEdit]) -> None:
        self.change(apply_edits(self.text, edits))

    def at(self, needle: str, offset: int = 0, occurrence: int = 0) -> lsp.Position:
        """The position of `needle` (its `occurrence`-th appearance) plus `offset` characters."""
        index = -1
        for _ in range(occurrence + 1):
            index = self.text.index(needle, index + 1)
        index += offset
        line = self.text.count("\n", 0, index)
        return lsp.Position(line, index - (self.text.rfind("\n", 0, index) + 1))

    def id(self) -> lsp.TextDocumentIdentifier:
        return lsp.TextDocumentIdentifier(self.uri)

    def close(self) -> None:
        self.client.text_document_did_close(lsp.DidCloseTextDocumentParams(self.id()))
        self.client.published.pop(self.uri, None)  # type: ignore[attr-defined]


def apply_edits(text: str, edits: Sequence[lsp.TextEdit]) -> str:
    lines = text.split("\n")
    offsets = [0]
    for row in lines:
        offsets.append(offsets[-1] + len(row) + 1)
    ordered = sorted(edits, key=lambda e: (e.range.start.line, e.range.start.character))
    for edit in reversed(ordered):
        start = offsets[edit.range.start.line] + edit.range.start.character
        end = offsets[edit.range.end.line] + edit.range.end.character
        text = text[:start] + edit.new_text + text[end:]
    return text


async def diagnostics(
    client: LanguageClient,
    uri: str,
    version: int | None = None,
    until: Callable[[list[lsp.Diagnostic]], bool] = lambda _: True,
) -> list[lsp.Diagnostic]:
    """The diagnostics of `uri` once the server has published them for `version` (or later) and
    they satisfy `until`."""

    async def published() -> list[lsp.Diagnostic]:
        while True:
            got = client.published.get(uri)  # type: ignore[attr-defined]
            if got is not None and (version is None or (got[0] or 0) >= version) and until(got[1]):
                return got[1]
            await client.wait_for_notification(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)

    return await asyncio.wait_for(published(), TIMEOUT)


def codes(found: Sequence[lsp.Diagnostic]) -> list[str]:
    return sorted(str(d.code) for d in found)


def span(document: Document, found: lsp.Range) -> str:
    lines = document.text.split("\n")
    assert found.start.line == found.end.line
    return lines[found.start.line][found.start.character : found.end.character]


# ---------------------------------------------------------------------------------------------
# Start-up and diagnostics.


async def test_initialize_announces_every_feature(client: LanguageClient) -> None:
    # initialize_session ran in the fixture; the server answered with its capabilities.
    capabilities = client.initialized_with.capabilities  # type: ignore[attr-defined]
    assert capabilities.completion_provider is not None
    assert capabilities.definition_provider and capabilities.references_provider
    assert capabilities.rename_provider and capabilities.rename_provider.prepare_provider
    assert capabilities.hover_provider and capabilities.document_symbol_provider
    assert capabilities.workspace_symbol_provider
    assert list(capabilities.code_action_provider.code_action_kinds) == ["quickfix"]
    assert "flowlint.select" in capabilities.execute_command_provider.commands


async def test_a_single_file_gets_the_findings_of_check_as_you_type(
    client: LanguageClient, folders: dict[str, Path]
) -> None:
    path = folders["loose"] / "one.yaml"
    text = FLOWS.replace("flows:", "entities:\n  course: {owner: publish}\nflows:")
    path.write_text(text, encoding="utf-8")
    doc = Document(client, path, text)
    found = await diagnostics(client, doc.uri, 1)
    # What `flowlint check` says about the file, finding for finding (no configuration here).
    assert _as_check_shows(found) == _check(path, folders["loose"])
    unknown = next(d for d in found if d.message.startswith("unknown service 'fnd'"))
    assert span(doc, unknown.range) == "to: fnd"
    assert unknown.severity == lsp.DiagnosticSeverity.Error
    assert unknown.source == "flowlint"
    assert unknown.code_description.href.endswith("rules.md#fl004-unknown-reference")
    assert unknown.message == (
        "unknown service 'fnd' in 'to' of the flow from 'apply' to 'fnd' "
        "(declare it under 'services')"
    )
    # Declaring the services and fixing the typo clears them.
    doc.change(SERVICES + FLOWS.replace("flowlint: 1\n", "").replace("fnd", "find"))
    found = await diagnostics(client, doc.uri, 2)
    assert codes(found) == ["FL104", "FL105"]
    unused = next(d for d in found if d.code == "FL105")
    assert unused.tags == (lsp.DiagnosticTag.Unnecessary,)
    assert unused.severity == lsp.DiagnosticSeverity.Information
    assert span(doc, unused.range) == "teacher"
    doc.close()


def _check(path: Path, cwd: Path) -> list[tuple[str, str, int, int, str]]:
    """(code, severity, line, column, message) of each finding `flowlint check --format json`
    prints for `path`, run in `cwd`."""
    done = subprocess.run(
        [sys.executable, "-m", "flowlint", "check", "--format", "json", str(path)],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=60,
    )
    findings = json.loads(done.stdout)["findings"]
    return sorted(
        (f["code"], f["severity"], f["line"], f["column"], f["message"]) for f in findings
    )


def _as_check_shows(found: Sequence[lsp.Diagnostic]) -> list[tuple[str, str, int, int, str]]:
    severities = {1: "error", 2: "warning", 3: "info"}
    return sorted(
        (
            str(d.code),
            severities[d.severity],
            d.range.start.line + 1,
            d.range.start.character + 1,
            d.message,
        )
        for d in found
    )


async def test_a_directory_model_is_linted_whole_with_its_configuration(
    client: LanguageClient, folders: dict[str, Path]
) -> None:
    flows = Document(client, folders["line"] / "model" / "flows.yaml")
    services_uri = from_fs_path(str(folders["line"] / "model" / "services.yaml"))
    found = await diagnostics(client, flows.uri, 1)
    assert codes(found) == ["FL004", "FL104"]
    # The other file of the model, not open, gets its findings too; FL105 is a warning here, as
    # the folder's flowlint.toml says. Together: what `flowlint check` run there says.
    other = await diagnostics(client, services_uri)
    assert codes(other) == ["FL105"]
    assert other[0].severity == lsp.DiagnosticSeverity.Warning
    everything = _as_check_shows([*found, *other])
    assert everything == _check(folders["line"] / "model", folders["line"])
    # Opening the other file and declaring 'fnd' there changes the findings of both files.
    services = Document(client, folders["line"] / "model" / "services.yaml")
    services.change(SERVICES.replace("  dqt:", "  fnd: {name: Fnd}\n  dqt:"))
    found = await diagnostics(client, flows.uri, 1, until=lambda d: "FL004" not in codes(d))
    assert codes(found) == ["FL104"]
    other = await diagnostics(client, services.uri, 2)
    assert codes(other) == ["FL105"]
    services.change(SERVICES)
    await diagnostics(client, flows.uri, 1, until=lambda d: "FL004" in codes(d))
    services.close()
    flows.close()


async def test_save_rereads_the_files_that_are_not_open(
    client: LanguageClient, folders: dict[str, Path]
) -> None:
    flows = Document(client, folders["line"] / "model" / "flows.yaml")
    await diagnostics(client, flows.uri, 1, until=lambda d: "FL004" in codes(d))
    services = folders["line"] / "model" / "services.yaml"
    services.write_text(SERVICES.replace("  dqt:", "  fnd: {name: Fnd}\n  dqt:"), "utf-8")
    try:
        client.text_document_did_save(lsp.DidSaveTextDocumentParams(flows.id()))
        found = await diagnostics(client, flows.uri, until=lambda d: "FL004" not in codes(d))
        assert codes(found) == ["FL104"]
    finally:
        services.write_text(SERVICES, "utf-8")
    client.text_document_did_save(lsp.DidSaveTextDocumentParams(flows.id()))
    await diagnostics(client, flows.uri, until=lambda d: "FL004" in codes(d))
    flows.close()


async def test_a_file_changed_on_disk_is_read_again_when_the_editor_says_so(
    client: LanguageClient, folders: dict[str, Path]
) -> None:
    flows = Document(client, folders["line"] / "model" / "flows.yaml")
    await diagnostics(client, flows.uri, 1, until=lambda d: "FL004" in codes(d))
    services = folders["line"] / "model" / "services.yaml"
    services.write_text(SERVICES.replace("  dqt:", "  fnd: {name: Fnd}\n  dqt:"), "utf-8")
    change = lsp.FileEvent(from_fs_path(str(services)), lsp.FileChangeType.Changed)
    try:
        client.workspace_did_change_watched_files(lsp.DidChangeWatchedFilesParams([change]))
        found = await diagnostics(client, flows.uri, until=lambda d: "FL004" not in codes(d))
        assert codes(found) == ["FL104"]
    finally:
        services.write_text(SERVICES, "utf-8")
    client.workspace_did_change_watched_files(lsp.DidChangeWatchedFilesParams([change]))
    await diagnostics(client, flows.uri, until=lambda d: "FL004" in codes(d))
    flows.close()


async def test_a_configuration_check_would_refuse_is_shown_and_the_defaults_used(
    client: LanguageClient, folders: dict[str, Path]
) -> None:
    doc = Document(client, folders["misconfigured"] / "specs" / "a.yaml")
    found = await diagnostics(client, doc.uri, 1)
    assert codes(found) == ["FL105", "FL106"]  # the default rules and severities
    shown = [m.message for m in client.messages if m.type == lsp.MessageType.Error]
    assert "flowlint: flowlint.toml: unknown key 'slect' (did you mean 'select'?)" in shown
    doc.close()


async def test_broken_yaml_mid_edit_is_reported_and_navigation_keeps_the_last_good_model(
    client: LanguageClient, folders: dict[str, Path]
) -> None:
    doc = Document(client, folders["loose"] / "broken.yaml", RENAME_A + RENAME_B[12:])
    assert codes(await diagnostics(client, doc.uri, 1)) == []
    doc.change(doc.text.replace("{from: publish, to: find,", "{from: publish, to: [find,"))
    found = await diagnostics(client, doc.uri, 2)
    assert codes(found) == ["FL001"]
    assert found[0].message.startswith("invalid YAML")
    # Definition and completion still work, from the model of the last text that parsed.
    result = await client.text_document_definition_async(
        lsp.DefinitionParams(doc.id(), doc.at("find", occurrence=1))
    )
    assert [(r.uri, r.range.start.line) for r in result] == [(doc.uri, 3)]
    listed = await client.text_document_completion_async(
        lsp.CompletionParams(doc.id(), doc.at("owner: publish", len("owner: ")))
    )
    assert {item.label for item in listed.items} == {"publish", "find"}
    # And rename refuses until the YAML is fixed.
    with pytest.raises(JsonRpcException, match="YAML error"):
        await client.text_document_prepare_rename_async(
            lsp.PrepareRenameParams(doc.id(), doc.at("publish"))
        )
    doc.close()


# ---------------------------------------------------------------------------------------------
# Completion.

COMPLETION = """\
flowlint: 1
services:
  publish: {name: Publish}
  find: {name: Find}
  apply:
    name: Apply
    edits: [co]
    kind: serv
entities:
  course: {owner: publish, personal_data: false}
  application:
    owner: [ap]
    relationships:
      - {name: for, to: co}
relationships:
  - {name: has, from: course, to: application, defined_by: pu}
flows:
  - {from: pu, to: fi, entities: [course, ap], via: api, api: pu}
  - from: publish
    to: find
    entities: [course]
apis:
  publish-api: {name: Publish API, service: pu, entities: [co]}
"""

SERVICES_SEEN = {"publish", "find", "apply"}
ENTITIES_SEEN = {"course", "application"}


@pytest.mark.parametrize(
    ("needle", "occurrence", "offset", "expected", "kind"),
    [
        ("from: pu", 0, 8, SERVICES_SEEN, "service"),  # flow 'from'
        ("to: fi", 0, 6, SERVICES_SEEN, "service"),  # flow 'to'
        ("[course, ap]", 0, 11, ENTITIES_SEEN, "entity"),  # flow entities
        ("api: pu", 0, 7, {"publish-api"}, "api"),  # flow api
        ("owner: [ap]", 0, 10, SERVICES_SEEN, "service"),  # entity owner
        ("edits: [co]", 0, 10, ENTITIES_SEEN, "entity"),  # service edits
        ("defined_by: pu", 0, 14, SERVICES_SEEN, "service"),  # relationship defined_by
        ("to: co", 0, 6, ENTITIES_SEEN, "entity"),  # relationship inside an entity
        ("to: application", 0, 6, ENTITIES_SEEN, "entity"),  # relationship 'to'
        ("service: pu", 0, 11, SERVICES_SEEN, "service"),  # API service
        ("entities: [co]", 0, 13, ENTITIES_SEEN, "entity"),  # API entities
    ],
)
async def test_completion_offers_the_declared_ids_of_the_kind_the_schema_expects(
    client: LanguageClient,
    folders: dict[str, Path],
    needle: str,
    occurrence: int,
    offset: int,
    expected: set[str],
    kind: str,
) -> None:
    doc = Document(client, folders["loose"] / "complete.yaml", COMPLETION)
    await diagnostics(client, doc.uri, 1)
    position = doc.at(needle, offset, occurrence)
    listed = await client.text_document_completion_async(lsp.CompletionParams(doc.id(), position))
    assert {item.label for item in listed.items} == expected
    words = {"service": "service", "entity": "entity", "api": "API"}
    for item in listed.items:
        assert item.detail.split(" · ")[0] == words[kind]
        # The item replaces the whole word under the cursor.
        replaced = item.text_edit.range
        assert replaced.start.character <= position.character <= replaced.end.character
        assert span(doc, replaced) in needle
    publish = [i for i in listed.items if i.label == "publish"]
    if publish:
        assert publish[0].detail == "service · Publish"
        assert publish[0].kind == lsp.CompletionItemKind.Class
    doc.close()


async def test_completion_offers_keys_and_values_from_the_schema(
    client: LanguageClient, folders: dict[str, Path]
) -> None:
    doc = Document(client, folders["loose"] / "keys.yaml", COMPLETION)
    await diagnostics(client, doc.uri, 1)

    async def labels(position: lsp.Position) -> list[str]:
        listed = await client.text_document_completion_async(
            lsp.CompletionParams(doc.id(), position)
        )
        return sorted(item.label for item in listed.items)

    # A key of a flow written in block style, with the keys it has left out, while the key is
    # being typed (the file does not parse until its ':' is written).
    doc.change(doc.text.replace("entities: [course]\napis:", "entities: [course]\n    vi\napis:"))
    assert await labels(doc.at("    vi", 6)) == [
        "api",
        "delivery",
        "description",
        "frequency",
        "operations",
        "purpose",
        "reconciliation",
        "status",
        "stores",
        "until",
        "via",
    ]
    # A value from the schema's enum.
    assert await labels(doc.at("kind: serv", 10)) == ["external", "service", "third-party"]
    assert await labels(doc.at("personal_data: false", 20)) == ["false", "true"]
    doc.close()


# ---------------------------------------------------------------------------------------------
# Definition, references, rename.


async def test_definition_and_references_follow_an_id_across_the_files_of_a_model(
    client: LanguageClient, folders: dict[str, Path]
) -> None:
    a = folders["rename"] / "specs" / "a.yaml"
    doc = Document(client, folders["rename"] / "specs" / "b.yaml")
    await diagnostics(client, doc.uri, 1)
    defined = await client.text_document_definition_async(
        lsp.DefinitionParams(doc.id(), doc.at("publish", 2))
    )
    assert [(d.uri, d.range) for d in defined] == [
        (from_fs_path(str(a)), lsp.Range(lsp.Position(2, 2), lsp.Position(2, 9)))
    ]
    found = await client.text_document_references_async(
        lsp.ReferenceParams(
            context=lsp.ReferenceContext(True), text_document=doc.id(), position=doc.at("publish")
        )
    )
    places = sorted((Path(r.uri).name, r.range.start.line, r.range.start.character) for r in found)
    assert places == [("a.yaml", 2, 2), ("a.yaml", 5, 18), ("b.yaml", 2, 11), ("b.yaml", 4, 44)]
    # Without the declaration; and an API id is followed too.
    found = await client.text_document_references_async(
        lsp.ReferenceParams(
            context=lsp.ReferenceContext(False), text_document=doc.id(), position=doc.at("publish")
        )
    )
    assert len(found) == 3
    found = await client.text_document_references_async(
        lsp.ReferenceParams(
            context=lsp.ReferenceContext(False),
            text_document=doc.id(),
            position=doc.at("course", 1),
        )
    )
    assert sorted(Path(r.uri).name for r in found) == ["b.yaml", "b.yaml"]
    doc.close()


async def test_rename_edits_every_file_of_the_model_in_one_edit_and_refuses_a_taken_name(
    client: LanguageClient, folders: dict[str, Path]
) -> None:
    a = Document(client, folders["rename"] / "specs" / "a.yaml")
    b = Document(client, folders["rename"] / "specs" / "b.yaml")
    await diagnostics(client, b.uri, 1)
    await diagnostics(client, a.uri, 1)
    prepared = await client.text_document_prepare_rename_async(
        lsp.PrepareRenameParams(b.id(), b.at("publish", 3))
    )
    assert prepared.placeholder == "publish"
    assert span(b, prepared.range) == "publish"
    with pytest.raises(JsonRpcException, match="a service 'find' is already declared"):
        await client.text_document_rename_async(lsp.RenameParams(b.id(), b.at("publish"), "find"))
    with pytest.raises(JsonRpcException, match="not a valid id"):
        await client.text_document_rename_async(
            lsp.RenameParams(b.id(), b.at("publish"), "Publish Courses")
        )
    edit = await client.text_document_rename_async(
        lsp.RenameParams(b.id(), b.at("publish"), "publish-courses")
    )
    assert sorted(Path(uri).name for uri in edit.changes) == ["a.yaml", "b.yaml"]
    assert len(edit.changes[a.uri]) == 2 and len(edit.changes[b.uri]) == 2
    # 'publish-api' is another id: only the service is renamed.
    a.apply(edit.changes[a.uri])
    b.apply(edit.changes[b.uri])
    assert "publish-api" in b.text and b.text.count("publish-courses") == 2
    assert a.text.count("publish-courses") == 2 and "publish:" not in a.text
    # Re-linted: still clean, and the new id can be followed.
    assert await diagnostics(client, b.uri, b.version) == []
    defined = await client.text_document_definition_async(
        lsp.DefinitionParams(b.id(), b.at("publish-courses"))
    )
    assert [(Path(d.uri).name, d.range.start.line) for d in defined] == [("a.yaml", 2)]
    a.close()
    b.close()


# ---------------------------------------------------------------------------------------------
# Hover, symbols.


async def test_hover_shows_the_model(client: LanguageClient, folders: dict[str, Path]) -> None:
    services = Document(client, folders["line"] / "model" / "services.yaml")
    flows = Document(client, folders["line"] / "model" / "flows.yaml")
    await diagnostics(client, flows.uri, 1)

    async def shown(doc: Document, position: lsp.Position) -> str:
        found = await client.text_document_hover_async(lsp.HoverParams(doc.id(), position))
        assert found.contents.kind == lsp.MarkupKind.Markdown
        return found.contents.value

    course = await shown(flows, flows.at("[course]", 1))
    assert course.startswith("**entity** `course`")
    assert "owner: `publish` (Publish teacher training courses)" in course
    assert "personal data: no" in course
    assert "- `find`: first-hand copy (copy from `publish`)" in course
    assert "- `apply`: second-hand copy (copy from `find`)" in course
    application = await shown(services, services.at("application:", 1))
    assert "personal data: yes" in application
    publish = await shown(services, services.at("publish:", 1))
    assert "kind: service (inside the line) · group: none · status: live" in publish
    assert "owns: `course`" in publish and "sends: `course` to `find`" in publish
    dqt = await shown(services, services.at("dqt:", 1))
    assert "kind: third-party (outside the line)" in dqt
    api = await shown(services, services.at("publish-api:", 1))
    assert "service: `publish`" in api and "access: read" in api and "visibility: public" in api
    assert "entities: `course`" in api
    # On a finding's range: the rule's one-line summary (and the id, here 'apply').
    chain = await shown(flows, flows.at("to: apply, entities: [course]", 23))
    assert "**FL104** copy-chain · info" in chain
    assert "A service takes its copy of an entity from the owner, not from another copy." in chain
    services.close()
    flows.close()


async def test_symbols_outline_the_file_and_list_the_workspace(
    client: LanguageClient, folders: dict[str, Path]
) -> None:
    services = Document(client, folders["line"] / "model" / "services.yaml")
    await diagnostics(client, services.uri, 1)
    outline = await client.text_document_document_symbol_async(
        lsp.DocumentSymbolParams(services.id())
    )
    assert [s.name for s in outline] == ["services", "entities", "APIs"]
    assert [s.name for s in outline[0].children] == ["publish", "find", "apply", "dqt"]
    assert outline[0].children[0].detail == "Publish teacher training courses"
    application = outline[1].children[1]
    assert application.name == "application"
    assert (application.range.start.line, application.range.end.line) == (8, 10)
    assert span(services, application.selection_range) == "application"
    found = await client.workspace_symbol_async(lsp.WorkspaceSymbolParams("pub"))
    names = {(s.name, s.container_name, Path(s.location.uri).name) for s in found}
    assert ("publish", "service", "services.yaml") in names
    assert ("publish-api", "API", "services.yaml") in names
    services.close()


# ---------------------------------------------------------------------------------------------
# Code actions.


async def _actions(client: LanguageClient, doc: Document, needle: str) -> list[lsp.CodeAction]:
    position = doc.at(needle)
    found = await client.text_document_code_action_async(
        lsp.CodeActionParams(doc.id(), lsp.Range(position, position), lsp.CodeActionContext([]))
    )
    assert all(isinstance(action, lsp.CodeAction) for action in found)
    return found


async def test_did_you_mean_replaces_the_misspelt_id_and_the_finding_goes(
    client: LanguageClient, folders: dict[str, Path]
) -> None:
    doc = Document(client, folders["loose"] / "typo.yaml", RENAME_A + FLOWS[12:])
    found = await diagnostics(client, doc.uri, 1)
    unknown = [d for d in found if d.message.startswith("unknown service 'fnd'")]
    actions = await _actions(client, doc, "fnd")
    replace = next(a for a in actions if a.title == "Replace 'fnd' with 'find'")
    assert replace.kind == lsp.CodeActionKind.QuickFix and replace.is_preferred
    assert list(replace.diagnostics) == unknown
    doc.apply(replace.edit.changes[doc.uri])
    assert "to: find, entities: [application]" in doc.text
    found = await diagnostics(client, doc.uri, 2)
    assert not [d for d in found if "fnd" in d.message]
    doc.close()


async def test_suppress_with_a_reason_inserts_the_comment_and_selects_the_reason(
    client: LanguageClient, folders: dict[str, Path]
) -> None:
    doc = Document(client, folders["loose"] / "suppress.yaml", SERVICES + FLOWS[12:])
    found = await diagnostics(client, doc.uri, 1)
    assert "FL104" in codes(found)
    actions = await _actions(client, doc, "course]}\n  - {from: apply")
    suppress = next(a for a in actions if a.title.startswith("Suppress FL104"))
    assert [d.code for d in suppress.diagnostics] == ["FL104"]
    doc.apply(suppress.edit.changes[doc.uri])
    assert (
        "  - {from: find, to: apply, entities: [course]}  # flowlint: ignore[FL104] reason\n"
        in (doc.text)
    )
    # The command selects the placeholder reason, to be typed over.
    command = suppress.command
    assert command.command == "flowlint.select"
    before = len(client.shown_documents)
    await client.workspace_execute_command_async(
        lsp.ExecuteCommandParams(command.command, command.arguments)
    )
    shown = client.shown_documents[before]
    assert shown.uri == doc.uri and span(doc, shown.selection) == "reason"
    # Re-linted: FL104 is silenced, and the suppression is used and has a reason.
    found = await diagnostics(client, doc.uri, 2)
    assert "FL104" not in codes(found) and not [c for c in codes(found) if c.startswith("FL9")]
    doc.close()


async def test_an_unused_suppression_is_removed(
    client: LanguageClient, folders: dict[str, Path]
) -> None:
    text = (
        RENAME_A.replace(
            "  find: {name: Find}", "  find: {name: Find}  # flowlint: ignore[FL106] not needed"
        )
        + RENAME_B[12:]
    )
    doc = Document(client, folders["loose"] / "unused.yaml", text)
    found = await diagnostics(client, doc.uri, 1)
    assert codes(found) == ["FL902"]
    assert found[0].tags == (lsp.DiagnosticTag.Unnecessary,)
    actions = await _actions(client, doc, "# flowlint")
    remove = next(a for a in actions if a.title == "Remove the unused suppression")
    doc.apply(remove.edit.changes[doc.uri])
    assert "  find: {name: Find}\n" in doc.text
    assert await diagnostics(client, doc.uri, 2) == []
    doc.close()


# ---------------------------------------------------------------------------------------------
# The command itself.


async def test_a_suppression_without_a_reason_gets_one(
    client: LanguageClient, folders: dict[str, Path]
) -> None:
    text = (SERVICES + FLOWS[12:]).replace(
        "  - {from: find, to: apply, entities: [course]}",
        "  - {from: find, to: apply, entities: [course]}  # flowlint: ignore[FL104]",
    )
    doc = Document(client, folders["loose"] / "reasonless.yaml", text)
    found = await diagnostics(client, doc.uri, 1)
    assert "FL901" in codes(found) and "FL104" not in codes(found)
    actions = await _actions(client, doc, "# flowlint: ignore[FL104]")
    add = next(a for a in actions if a.title == "Add a reason to the suppression")
    assert [d.code for d in add.diagnostics] == ["FL901"]
    doc.apply(add.edit.changes[doc.uri])
    assert "# flowlint: ignore[FL104] reason\n" in doc.text
    assert add.command.command == "flowlint.select"
    found = await diagnostics(client, doc.uri, 2)
    assert "FL901" not in codes(found) and "FL104" not in codes(found)
    doc.close()
