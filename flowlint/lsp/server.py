"""flowlint's language server: the LSP (through pygls) in, flowlint's own pipeline out.

A thin adapter. Each edit re-lints the model the file belongs to (`flowlint.lsp.project`: the same
configuration, loader, engine and rules as `flowlint check`, with the editor's unsaved text), on a
worker thread so that requests stay answered while a big spec is linted. Everything a request
shows is read from the latest lint of that model: findings as diagnostics, ids from the model's
reference walk (`flowlint.lsp.navigation`), completion from the JSON Schema
(`flowlint.lsp.completion`), hovers from the model (`flowlint.lsp.hover`), quick fixes as exact
edits (`flowlint.lsp.actions`).

Timing: a change is linted once the file has been still for half as long as the model's last
lint took (5 ms at least, 300 ms at most), so a small spec is checked as you type and a big one
when you pause; a lint that a newer change has overtaken is not published. A model whose last lint
found a YAML error keeps the last lint without one for navigation and completion.
"""

from __future__ import annotations

import asyncio
import gc
import os
import time
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from lsprotocol import types as lsp
from pygls.exceptions import JsonRpcException
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from flowlint import __version__
from flowlint.findings import Finding, Severity
from flowlint.loading import looks_like_spec
from flowlint.lsp import actions, completion, hover, navigation, symbols
from flowlint.lsp.project import (
    Configuration,
    Snapshot,
    configuration_stamp,
    configured_model,
    lint,
    workspace_configuration,
)
from flowlint.lsp.text import Span, finding_span, from_units, split_lines, to_units, word_at
from flowlint.model import VALID_ID

SELECT_COMMAND = "flowlint.select"
_REQUEST_FAILED = -32803
_SEVERITIES = {
    Severity.ERROR: lsp.DiagnosticSeverity.Error,
    Severity.WARNING: lsp.DiagnosticSeverity.Warning,
    Severity.INFO: lsp.DiagnosticSeverity.Information,
}
# Rules that report something declared and never used: editors fade it.
_UNNECESSARY = frozenset({"unused-entity", "isolated-service", "unused-suppression"})
_ID_KINDS = {
    "service": lsp.CompletionItemKind.Class,
    "entity": lsp.CompletionItemKind.Struct,
    "api": lsp.CompletionItemKind.Interface,
    "key": lsp.CompletionItemKind.Property,
    "value": lsp.CompletionItemKind.EnumMember,
}
_SYMBOL_KINDS = {
    "section": lsp.SymbolKind.Namespace,
    "service": lsp.SymbolKind.Class,
    "entity": lsp.SymbolKind.Struct,
    "relationship": lsp.SymbolKind.Field,
    "flow": lsp.SymbolKind.Event,
    "api": lsp.SymbolKind.Interface,
}
_WORDS = {"api": "API"}
_SHORTEST_WAIT, _LONGEST_WAIT = 0.005, 0.300
# Seconds without a lint after which the cyclic garbage collector runs (see `serve`).
_IDLE_COLLECT = 5.0


@dataclass
class ModelState:
    """One model the server lints: its latest lint, the latest without a YAML error, and the
    state of the lint in progress."""

    paths: tuple[str, ...]
    root: str
    latest: Snapshot | None = None
    good: Snapshot | None = None
    published: set[str] = field(default_factory=set)
    timer: asyncio.TimerHandle | None = None
    running: bool = False
    again: bool = False
    generation: int = 0
    took: float = 0.0

    @property
    def navigable(self) -> Snapshot | None:
        return self.good or self.latest


class FlowlintServer(LanguageServer):
    """The server's state: configurations by workspace folder and models by their paths."""

    def __init__(self) -> None:
        super().__init__("flowlint", __version__)
        self.configurations: dict[str, Configuration] = {}
        self.models: dict[tuple[str, ...], ModelState] = {}
        self.linter = ThreadPoolExecutor(max_workers=1, thread_name_prefix="flowlint-lint")
        self.shown: set[str] = set()
        self.rules_documentation: str | None = None
        self.collector: asyncio.TimerHandle | None = None
        self.split: dict[str, tuple[int | None, list[str]]] = {}

    # -- where things are ---------------------------------------------------------------------

    @property
    def encoding(self) -> str:
        return str(getattr(self.workspace.position_encoding, "value", None) or "utf-16")

    def roots(self) -> list[str]:
        folders = [to_fs_path(folder.uri) for folder in self.workspace.folders.values()]
        root = self.workspace.root_path
        found = [os.path.abspath(f) for f in folders if f]
        if root and not found:
            found.append(os.path.abspath(root))
        return found

    def root_of(self, path: str) -> str:
        """The deepest workspace folder holding `path`, else the file's own folder."""
        holding = [r for r in self.roots() if _inside(path, r)]
        return max(holding, key=len) if holding else os.path.dirname(path)

    def configuration(self, root: str) -> Configuration:
        """The configuration of a folder, read again when its file changed."""
        known = self.configurations.get(root)
        if known is None or known.stamp != configuration_stamp(Path(root)):
            known = self.configurations[root] = workspace_configuration(Path(root))
            if known.error:
                self.notify(lsp.MessageType.Error, f"flowlint: {known.error}")
        return known

    def model_of(self, path: str, text: str | None) -> ModelState | None:
        """The model a file belongs to (made on first use), or None for a file that is not in
        the configured model and not a flowlint spec."""
        root = self.root_of(path)
        paths = configured_model(self.configuration(root), path)
        if paths is None:
            if text is None or not looks_like_spec(text):
                return None
            paths = (path,)
        state = self.models.get(paths)
        if state is None:
            state = self.models[paths] = ModelState(paths, root)
        return state

    def known_model_of(self, path: str) -> ModelState | None:
        """The model a file was last linted in, without reading anything."""
        for state in self.models.values():
            if state.latest is not None and path in state.latest.sources:
                return state
        for state in self.models.values():
            if path in state.paths:
                return state
        return None

    def text_of(self, uri: str) -> tuple[str, int | None]:
        document = self.workspace.get_text_document(uri)
        return document.source, document.version

    def can_show_documents(self) -> bool:
        """Whether the client takes `window/showDocument` (to select a range)."""
        window = self.client_capabilities.window
        show = window.show_document if window is not None else None
        return bool(show is not None and show.support)

    def notify(self, kind: lsp.MessageType, message: str) -> None:
        """Show a message and log it, once (every lint would say it again)."""
        if message not in self.shown:
            self.shown.add(message)
            self.window_log_message(lsp.LogMessageParams(kind, message))
            self.window_show_message(lsp.ShowMessageParams(kind, message))

    # -- linting ------------------------------------------------------------------------------

    def schedule(self, state: ModelState, wait: float | None = None) -> None:
        """Lint the model after `wait` seconds of quiet (default: half as long as its last lint
        took, so a fast lint follows each keystroke and a slow one waits for a pause)."""
        if wait is None:
            wait = min(max(state.took / 2, _SHORTEST_WAIT), _LONGEST_WAIT)
        state.generation += 1
        if state.timer is not None:
            state.timer.cancel()
        loop = asyncio.get_running_loop()
        state.timer = loop.call_later(wait, lambda: loop.create_task(self.run(state)))

    async def run(self, state: ModelState) -> None:
        if state.running:
            state.again = True
            return
        state.running = True
        try:
            while True:
                state.again = False
                generation = state.generation
                overlays, versions = self.open_texts()
                configuration = self.configuration(state.root)
                started = time.perf_counter()
                try:
                    snapshot = await asyncio.get_running_loop().run_in_executor(
                        self.linter, lint, configuration, state.paths, overlays, versions
                    )
                except Exception as exc:  # a bug of ours: say so in one line, keep serving
                    what = " ".join(str(exc).split())
                    self.notify(
                        lsp.MessageType.Error,
                        f"flowlint: internal error while linting: {type(exc).__name__}: {what}",
                    )
                    break
                state.took = time.perf_counter() - started
                if self.models.get(state.paths) is not state:
                    break  # closed meanwhile: nothing shows it any more
                state.latest = snapshot
                if not snapshot.broken:
                    state.good = snapshot
                if generation == state.generation:
                    self.publish(state, snapshot)
                if not state.again:
                    break
        finally:
            state.running = False
            self.collect_when_idle()

    def collect_when_idle(self) -> None:
        """Run the cyclic garbage collector once nothing has been linted for a while."""
        if self.collector is not None:
            self.collector.cancel()
        self.collector = asyncio.get_running_loop().call_later(_IDLE_COLLECT, gc.collect)

    def open_texts(self) -> tuple[dict[str, str], dict[str, int | None]]:
        overlays: dict[str, str] = {}
        versions: dict[str, int | None] = {}
        for uri, document in list(self.workspace.text_documents.items()):
            path = to_fs_path(uri)
            if path:
                overlays[os.path.abspath(path)] = document.source
                versions[os.path.abspath(path)] = document.version
        return overlays, versions

    def publish(self, state: ModelState, snapshot: Snapshot) -> None:
        open_paths = set(self.open_texts()[1])
        by_file = snapshot.findings_by_file
        now = {path for path, found in by_file.items() if found}
        for path in sorted(now | state.published | (open_paths & set(snapshot.sources))):
            diagnostics = [self.diagnostic(snapshot, f) for f in by_file.get(path, ())]
            self.text_document_publish_diagnostics(
                lsp.PublishDiagnosticsParams(
                    from_fs_path(path), diagnostics, snapshot.versions.get(path)
                )
            )
        state.published = now
        for error in snapshot.report.errors:
            self.notify(lsp.MessageType.Warning, f"flowlint: {error}")

    def clear(self, state: ModelState) -> None:
        for path in state.published:
            self.text_document_publish_diagnostics(
                lsp.PublishDiagnosticsParams(from_fs_path(path), [])
            )
        state.published = set()

    # -- conversions ----------------------------------------------------------------------------

    def span_range(
        self, snapshot: Snapshot | None, span: Span, lines: Sequence[str] | None = None
    ) -> lsp.Range:
        if lines is None:
            lines = snapshot.lines(span.file) if snapshot is not None else []
        return lsp.Range(
            self.position(lines, span.line, span.column),
            self.position(lines, span.end_line, span.end_column),
        )

    def position(self, lines: Sequence[str], line: int, column: int) -> lsp.Position:
        text = lines[line] if 0 <= line < len(lines) else ""
        return lsp.Position(line, to_units(text, column, self.encoding))

    def cursor(self, lines: Sequence[str], position: lsp.Position) -> tuple[int, int]:
        text = lines[position.line] if position.line < len(lines) else ""
        return position.line, from_units(text, position.character, self.encoding)

    def diagnostic(self, snapshot: Snapshot, finding: Finding) -> lsp.Diagnostic:
        path = os.path.abspath(finding.location.file)
        source = snapshot.sources.get(path)
        lines = snapshot.lines(path)
        span = finding_span(lines, source.data if source else None, finding.location)
        rule = snapshot.configuration.known_rules.get(finding.code)
        href = (
            self.rule_href(finding.code, finding.rule)
            if rule and rule.origin == "flowlint"
            else None
        )
        return lsp.Diagnostic(
            range=self.span_range(
                snapshot, Span(path, span.line, span.column, span.end_line, span.end_column)
            ),
            message=finding.message,
            severity=_SEVERITIES[finding.severity],
            code=finding.code,
            code_description=lsp.CodeDescription(href) if href else None,
            source="flowlint",
            tags=[lsp.DiagnosticTag.Unnecessary] if finding.rule in _UNNECESSARY else None,
            data={"pointer": finding.location.pointer, "fingerprint": finding.fingerprint},
        )

    def rule_href(self, code: str, name: str) -> str | None:
        base = self.rules_documentation or _rules_document()
        return f"{base}#{code.lower()}-{name}" if base else None

    # -- what is under the cursor -----------------------------------------------------------------

    def current(self, uri: str) -> tuple[str | None, list[str], int | None]:
        """A document's path, lines and version (its lines split once per version)."""
        text, version = self.text_of(uri)
        path = to_fs_path(uri)
        known = self.split.get(uri)
        if known is None or known[0] != version or version is None:
            known = self.split[uri] = (version, split_lines(text))
        return (os.path.abspath(path) if path else None), known[1], version

    def site_at(
        self, uri: str, position: lsp.Position
    ) -> tuple[ModelState, Snapshot, navigation.Site] | None:
        """The id under the cursor, as the latest readable lint of its model has it."""
        path, lines, version = self.current(uri)
        if path is None:
            return None
        state = self.known_model_of(path)
        snapshot = state.navigable if state else None
        if state is None or snapshot is None:
            return None
        line, column = self.cursor(lines, position)
        index = navigation.site_index(snapshot)
        if snapshot.versions.get(path) == version:
            site = index.at(path, line, column)
            return (state, snapshot, site) if site else None
        # The text changed since: go by the word under the cursor.
        start, end = word_at(lines[line] if line < len(lines) else "", column)
        word = (lines[line] if line < len(lines) else "")[start:end]
        for kind in index.kinds_of(word):
            declared = index.declarations(kind, word)
            if declared:
                return state, snapshot, declared[0]
        return None

    def locations(self, snapshot: Snapshot, sites: Iterable[navigation.Site]) -> list[lsp.Location]:
        return [
            lsp.Location(from_fs_path(site.span.file), self.span_range(snapshot, site.span))
            for site in sites
        ]


def _inside(path: str, folder: str) -> bool:
    try:
        return not os.path.relpath(path, folder).startswith("..")
    except ValueError:  # another drive (Windows)
        return False


def _rules_document() -> str | None:
    """The URI of the rules' documentation installed with flowlint (or in its source tree)."""
    from importlib import resources

    packaged = resources.files("flowlint").joinpath("docs", "rules.md")
    if packaged.is_file():
        return Path(str(packaged)).as_uri()
    source = Path(__file__).resolve().parents[2] / "docs" / "rules.md"
    return source.as_uri() if source.is_file() else None


server = FlowlintServer()


@server.feature(lsp.INITIALIZE)
def initialize(ls: FlowlintServer, params: lsp.InitializeParams) -> None:
    options = params.initialization_options
    if isinstance(options, dict) and isinstance(options.get("rulesDocumentation"), str):
        ls.rules_documentation = options["rulesDocumentation"]


@server.feature(lsp.INITIALIZED)
def initialized(ls: FlowlintServer, params: lsp.InitializedParams) -> None:
    capabilities = ls.client_capabilities.workspace
    watched = capabilities.did_change_watched_files if capabilities else None
    if watched is not None and watched.dynamic_registration:
        globs = ["**/flowlint.toml", "**/pyproject.toml", "**/*.yaml", "**/*.yml"]
        ls.client_register_capability(
            lsp.RegistrationParams(
                [
                    lsp.Registration(
                        "flowlint-watched-files",
                        lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES,
                        lsp.DidChangeWatchedFilesRegistrationOptions(
                            [lsp.FileSystemWatcher(glob) for glob in globs]
                        ),
                    )
                ]
            )
        )


@server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
def did_open(ls: FlowlintServer, params: lsp.DidOpenTextDocumentParams) -> None:
    _changed(ls, params.text_document.uri, 0.0)


@server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
def did_change(ls: FlowlintServer, params: lsp.DidChangeTextDocumentParams) -> None:
    _changed(ls, params.text_document.uri, None)


@server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
def did_save(ls: FlowlintServer, params: lsp.DidSaveTextDocumentParams) -> None:
    _changed(ls, params.text_document.uri, 0.0)


def _changed(ls: FlowlintServer, uri: str, wait: float | None) -> None:
    path = to_fs_path(uri)
    if not path:
        return
    path = os.path.abspath(path)
    text, _ = ls.text_of(uri)
    state = ls.model_of(path, text)
    if state is None:
        # No longer a spec (its `flowlint` key was removed): clear what it showed.
        old = ls.models.pop((path,), None)
        if old is not None:
            ls.clear(old)
        return
    ls.schedule(state, wait)


@server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
def did_close(ls: FlowlintServer, params: lsp.DidCloseTextDocumentParams) -> None:
    ls.split.pop(params.text_document.uri, None)
    path = to_fs_path(params.text_document.uri)
    if not path:
        return
    path = os.path.abspath(path)
    single = ls.models.pop((path,), None)
    if single is not None:  # a spec of its own: nothing shows it any more
        if single.timer is not None:
            single.timer.cancel()
        ls.clear(single)
        return
    state = ls.known_model_of(path)
    if state is not None:  # the file on disk replaces the unsaved text
        ls.schedule(state, 0.0)


@server.feature(lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES)
def did_change_watched_files(ls: FlowlintServer, params: lsp.DidChangeWatchedFilesParams) -> None:
    changed = {os.path.abspath(p) for p in (to_fs_path(c.uri) for c in params.changes) if p}
    configuration = any(os.path.basename(p) in ("flowlint.toml", "pyproject.toml") for p in changed)
    open_paths = set(ls.open_texts()[0])
    for state in list(ls.models.values()):
        read = set(state.latest.sources) if state.latest else set()
        inside = any(
            configured_model(ls.configuration(state.root), p) == state.paths for p in changed
        )
        if configuration or inside or (changed - open_paths) & read:
            ls.schedule(state, 0.0)


@server.feature(lsp.WORKSPACE_DID_CHANGE_WORKSPACE_FOLDERS)
def did_change_folders(ls: FlowlintServer, params: lsp.DidChangeWorkspaceFoldersParams) -> None:
    ls.configurations.clear()


@server.feature(
    lsp.TEXT_DOCUMENT_COMPLETION,
    lsp.CompletionOptions(trigger_characters=[":", " ", "[", ",", "-"]),
)
def complete(ls: FlowlintServer, params: lsp.CompletionParams) -> lsp.CompletionList:
    path, lines, _ = ls.current(params.text_document.uri)
    state = ls.known_model_of(path) if path else None
    snapshot = state.navigable if state else None
    line, column = ls.cursor(lines, params.position)
    model = snapshot.model if snapshot else None
    start, end, items, more = completion.complete(lines, line, column, model)
    replaced = lsp.Range(ls.position(lines, line, start), ls.position(lines, line, end))
    return lsp.CompletionList(
        is_incomplete=more,
        items=[
            lsp.CompletionItem(
                label=item.label,
                kind=_ID_KINDS.get(item.kind, lsp.CompletionItemKind.Reference),
                detail=item.detail or None,
                text_edit=lsp.TextEdit(replaced, item.insert),
                filter_text=item.label,
                sort_text=f"{0 if item.kind not in ('key', 'value') else 1}{item.label}",
            )
            for item in items
        ],
    )


@server.feature(lsp.TEXT_DOCUMENT_DEFINITION)
def definition(ls: FlowlintServer, params: lsp.DefinitionParams) -> list[lsp.Location] | None:
    found = ls.site_at(params.text_document.uri, params.position)
    if found is None:
        return None
    _, snapshot, site = found
    return ls.locations(
        snapshot, navigation.site_index(snapshot).declarations(site.kind, site.ident)
    )


@server.feature(lsp.TEXT_DOCUMENT_REFERENCES)
def references(ls: FlowlintServer, params: lsp.ReferenceParams) -> list[lsp.Location] | None:
    found = ls.site_at(params.text_document.uri, params.position)
    if found is None:
        return None
    _, snapshot, site = found
    index = navigation.site_index(snapshot)
    sites = index.references(site.kind, site.ident)
    if params.context.include_declaration:
        sites = index.declarations(site.kind, site.ident) + sites
    return ls.locations(snapshot, sites)


def _renamable(
    ls: FlowlintServer, uri: str, position: lsp.Position
) -> tuple[Snapshot, navigation.Site]:
    found = ls.site_at(uri, position)
    if found is None:
        raise JsonRpcException(
            "nothing to rename here: put the cursor on a service, entity or API id", _REQUEST_FAILED
        )
    state, snapshot, site = found
    if state.latest is not snapshot and state.latest is not None:
        broken = ", ".join(sorted(os.path.basename(p) for p in state.latest.broken))
        raise JsonRpcException(
            f"cannot rename while {broken} has a YAML error: fix it first", _REQUEST_FAILED
        )
    current = ls.open_texts()[1]
    if any(current.get(path, version) != version for path, version in snapshot.versions.items()):
        raise JsonRpcException(
            "the spec changed since it was last read: try again", _REQUEST_FAILED
        )
    return snapshot, site


@server.feature(lsp.TEXT_DOCUMENT_PREPARE_RENAME)
def prepare_rename(
    ls: FlowlintServer, params: lsp.PrepareRenameParams
) -> lsp.PrepareRenamePlaceholder:
    snapshot, site = _renamable(ls, params.text_document.uri, params.position)
    return lsp.PrepareRenamePlaceholder(ls.span_range(snapshot, site.span), site.ident)


@server.feature(lsp.TEXT_DOCUMENT_RENAME)
def rename(ls: FlowlintServer, params: lsp.RenameParams) -> lsp.WorkspaceEdit:
    snapshot, site = _renamable(ls, params.text_document.uri, params.position)
    word = _WORDS.get(site.kind, site.kind)
    new = params.new_name.strip()
    if not VALID_ID.match(new):
        raise JsonRpcException(
            f"'{new}' is not a valid id: ids are lower-case kebab-case (letters, digits and "
            "single hyphens, starting with a letter)",
            _REQUEST_FAILED,
        )
    if new != site.ident and new in navigation.declared(snapshot, site.kind):
        raise JsonRpcException(
            f"a {word} '{new}' is already declared: choose another name", _REQUEST_FAILED
        )
    changes: dict[str, list[lsp.TextEdit]] = {}
    for each in navigation.site_index(snapshot).by_id.get((site.kind, site.ident), ()):
        uri = from_fs_path(each.span.file)
        changes.setdefault(uri, []).append(lsp.TextEdit(ls.span_range(snapshot, each.span), new))
    return lsp.WorkspaceEdit(changes=changes)


@server.feature(lsp.TEXT_DOCUMENT_HOVER)
def on_hover(ls: FlowlintServer, params: lsp.HoverParams) -> lsp.Hover | None:
    parts = []
    shown: lsp.Range | None = None
    found = ls.site_at(params.text_document.uri, params.position)
    if found is not None:
        _, snapshot, site = found
        parts.append(hover.id_hover(snapshot.model, site.kind, site.ident))
        shown = ls.span_range(snapshot, site.span)
    path, lines, version = ls.current(params.text_document.uri)
    state = ls.known_model_of(path) if path else None
    latest = state.latest if state else None
    if latest is not None and latest.versions.get(path) == version:
        line, column = ls.cursor(lines, params.position)
        source = latest.sources.get(path)
        for finding in latest.findings_by_file.get(path, ()):
            span = finding_span(lines, source.data if source else None, finding.location)
            if span.contains(line, column):
                parts.append(hover.finding_hover(finding, latest.configuration.known_rules))
    if not parts:
        return None
    return lsp.Hover(lsp.MarkupContent(lsp.MarkupKind.Markdown, "\n\n---\n\n".join(parts)), shown)


@server.feature(lsp.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
def document_symbol(
    ls: FlowlintServer, params: lsp.DocumentSymbolParams
) -> list[lsp.DocumentSymbol]:
    path = to_fs_path(params.text_document.uri)
    state = ls.known_model_of(os.path.abspath(path)) if path else None
    snapshot = state.navigable if state else None
    if snapshot is None or path is None:
        return []
    return [
        _symbol(ls, snapshot, s) for s in symbols.document_symbols(snapshot, os.path.abspath(path))
    ]


def _symbol(ls: FlowlintServer, snapshot: Snapshot, symbol: symbols.Symbol) -> lsp.DocumentSymbol:
    return lsp.DocumentSymbol(
        name=symbol.name,
        detail=symbol.detail or None,
        kind=_SYMBOL_KINDS[symbol.kind],
        range=ls.span_range(snapshot, symbol.span),
        selection_range=ls.span_range(snapshot, symbol.selection),
        children=[_symbol(ls, snapshot, child) for child in symbol.children] or None,
    )


@server.feature(lsp.WORKSPACE_SYMBOL)
def workspace_symbol(
    ls: FlowlintServer, params: lsp.WorkspaceSymbolParams
) -> list[lsp.WorkspaceSymbol]:
    snapshots = [s.navigable for s in ls.models.values() if s.navigable is not None]
    found = []
    for snapshot in snapshots:
        for kind, ident, span in symbols.workspace_symbols([snapshot], params.query):
            found.append(
                lsp.WorkspaceSymbol(
                    name=ident,
                    kind=_SYMBOL_KINDS.get(kind, lsp.SymbolKind.Variable),
                    location=lsp.Location(from_fs_path(span.file), ls.span_range(snapshot, span)),
                    container_name=_WORDS.get(kind, kind),
                )
            )
    return found


@server.feature(
    lsp.TEXT_DOCUMENT_CODE_ACTION,
    lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix]),
)
def code_action(ls: FlowlintServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction]:
    only = params.context.only
    if only and not any(
        lsp.CodeActionKind.QuickFix.value.startswith(str(getattr(k, "value", k))) for k in only
    ):
        return []
    uri = params.text_document.uri
    path, _, version = ls.current(uri)
    state = ls.known_model_of(path) if path else None
    snapshot = state.latest if state else None
    if snapshot is None or snapshot.versions.get(path) != version or path not in snapshot.sources:
        return []
    source = snapshot.sources[path]
    lines = snapshot.lines(path)
    wanted = params.range
    found = []
    for finding in snapshot.findings_by_file.get(path, ()):
        diagnostic = ls.diagnostic(snapshot, finding)
        if not _overlap(diagnostic.range, wanted):
            continue
        for fix in actions.fixes(finding, source, lines, path):
            edits = [
                lsp.TextEdit(ls.span_range(snapshot, e.span, lines), e.text) for e in fix.edits
            ]
            command = None
            if fix.select is not None and ls.can_show_documents():
                selection = ls.span_range(snapshot, fix.select, _edited(lines, fix.edits))
                command = lsp.Command(
                    title="Select the reason", command=SELECT_COMMAND, arguments=[uri, selection]
                )
            found.append(
                lsp.CodeAction(
                    title=fix.title,
                    kind=lsp.CodeActionKind.QuickFix,
                    diagnostics=[diagnostic],
                    edit=lsp.WorkspaceEdit(changes={uri: edits}),
                    is_preferred=fix.preferred or None,
                    command=command,
                )
            )
    return found


def _edited(lines: Sequence[str], edits: Sequence[actions.Edit]) -> list[str]:
    """The lines after one-line edits (enough to place a selection after them)."""
    text = "\n".join(lines)
    offsets = [0]
    for row in lines:
        offsets.append(offsets[-1] + len(row) + 1)
    for edit in sorted(edits, key=lambda e: (e.span.line, e.span.column), reverse=True):
        start = offsets[edit.span.line] + edit.span.column
        end = offsets[edit.span.end_line] + edit.span.end_column
        text = text[:start] + edit.text + text[end:]
    return split_lines(text)


def _overlap(first: lsp.Range, second: lsp.Range) -> bool:
    def key(p: lsp.Position) -> tuple[int, int]:
        return p.line, p.character

    return key(first.start) <= key(second.end) and key(second.start) <= key(first.end)


@server.command(SELECT_COMMAND)
def select(ls: FlowlintServer, uri: str, selection: lsp.Range) -> None:
    """Select a range (the placeholder reason of a suppression just inserted)."""
    ls.window_show_document(lsp.ShowDocumentParams(uri, take_focus=True, selection=selection))


def serve() -> None:
    """Serve the LSP over stdin and stdout until the client says exit."""
    import sys

    out = sys.stdout.buffer
    # Nothing else may write to stdout: it carries the protocol.
    sys.stdout = sys.stderr
    # A big spec's model is hundreds of thousands of objects, none of them cyclic garbage: with
    # the collector on, a full collection walks them all (about 0.2 s for 5,000 flows) in the
    # middle of whatever request allocates next. Objects are still freed when no longer used;
    # cycles are collected when the server is idle (`collect_when_idle`).
    gc.disable()
    server.start_io(sys.stdin.buffer, out)
