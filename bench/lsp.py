"""Benchmark the language server against its speed targets, from a real LSP client's side.

    .venv/bin/pip install -e ".[lsp]" && .venv/bin/python bench/lsp.py

For the bundled spec and a generated spec of 5,000 flows (`bench/generate.py`), each in a folder of
its own, it starts `flowlint lsp`, opens the spec and times, as an editor would see them:

- start-up: from starting the server process to its answer to `initialize`;
- the first diagnostics after opening the spec;
- diagnostics after a change: from sending a `didChange` (one character typed in a comment at the
  end of the file, an incremental change as editors send) to receiving `publishDiagnostics` for
  that version; each change waits for the previous one's diagnostics (what a user sees when
  pausing after a keystroke, including the server's wait for quiet);
- completion of a flow's `to:` (every declared service), hover on an entity id, and definition of
  a service id: request to response.

Targets (issue 15): diagnostics within 50 ms of a change and completion under 20 ms for the bundled
spec; diagnostics under 1 s and completion under 50 ms for 5,000 flows.

The table goes to stdout and between the markers in `docs/editors.md`.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

from lsprotocol import types as lsp
from pygls.lsp.client import LanguageClient
from pygls.uris import from_fs_path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from generate import generate  # noqa: E402

BUNDLED = ROOT / "specs" / "becoming-a-teacher.yaml"
DOC = ROOT / "docs" / "editors.md"
BEGIN, END = "<!-- bench-lsp:begin -->", "<!-- bench-lsp:end -->"
TIMEOUT = 60.0
# (diagnostics after a change, completion) in seconds, by spec.
TARGETS = {"bundled": (0.050, 0.020), "5,000 flows": (1.0, 0.050)}


class Client(LanguageClient):
    """A pygls client that notes when each version's diagnostics arrive."""

    def __init__(self) -> None:
        super().__init__("flowlint-bench", "1")
        self.arrived: dict[tuple[str, int | None], float] = {}
        self.waiting: dict[tuple[str, int | None], asyncio.Future[float]] = {}

        @self.feature(lsp.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
        def diagnostics(params: lsp.PublishDiagnosticsParams) -> None:
            key = (params.uri, params.version)
            self.arrived[key] = time.perf_counter()
            future = self.waiting.pop(key, None)
            if future is not None and not future.done():
                future.set_result(self.arrived[key])

    async def diagnostics_of(self, uri: str, version: int) -> float:
        """When the diagnostics of `version` arrived (waiting for them if need be)."""
        if (uri, version) in self.arrived:
            return self.arrived[(uri, version)]
        future = self.waiting.setdefault((uri, version), asyncio.get_running_loop().create_future())
        return await asyncio.wait_for(future, TIMEOUT)


async def timed(call: Callable[[], Awaitable[object]], times: int) -> list[float]:
    found = []
    for _ in range(times):
        started = time.perf_counter()
        await asyncio.wait_for(call(), TIMEOUT)
        found.append(time.perf_counter() - started)
    return found


def position(text: str, needle: str, offset: int) -> lsp.Position:
    index = text.index(needle) + offset
    return lsp.Position(text.count("\n", 0, index), index - (text.rfind("\n", 0, index) + 1))


async def measure(name: str, text: str, folder: Path, changes: int, requests: int) -> dict:
    path = folder / "specs" / "spec.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    uri = from_fs_path(str(path))
    client = Client()
    started = time.perf_counter()
    await client.start_io(sys.executable, "-m", "flowlint", "lsp", cwd=str(folder))
    await client.initialize_async(
        lsp.InitializeParams(
            capabilities=lsp.ClientCapabilities(),
            workspace_folders=[lsp.WorkspaceFolder(from_fs_path(str(folder)), "bench")],
        )
    )
    client.initialized(lsp.InitializedParams())
    start_up = time.perf_counter() - started
    opened = time.perf_counter()
    client.text_document_did_open(
        lsp.DidOpenTextDocumentParams(lsp.TextDocumentItem(uri, "yaml", 1, text))
    )
    first = await client.diagnostics_of(uri, 1) - opened
    lines = text.split("\n")
    last_line = len(lines) - 1
    lines[-1] += "# "
    client.text_document_did_change(
        lsp.DidChangeTextDocumentParams(
            lsp.VersionedTextDocumentIdentifier(version=2, uri=uri),
            [
                lsp.TextDocumentContentChangePartial(
                    lsp.Range(lsp.Position(last_line, 0), lsp.Position(last_line, 0)), "# "
                )
            ],
        )
    )
    await client.diagnostics_of(uri, 2)
    after_change = []
    for step in range(changes):
        version = 3 + step
        column = 2 + step
        sent = time.perf_counter()
        client.text_document_did_change(
            lsp.DidChangeTextDocumentParams(
                lsp.VersionedTextDocumentIdentifier(version=version, uri=uri),
                [
                    lsp.TextDocumentContentChangePartial(
                        lsp.Range(lsp.Position(last_line, column), lsp.Position(last_line, column)),
                        "x",
                    )
                ],
            )
        )
        after_change.append(await client.diagnostics_of(uri, version) - sent)
    document = lsp.TextDocumentIdentifier(uri)
    to = position(text, "\n    to: ", len("\n    to: ")) if "\n    to: " in text else None
    if to is None:  # the bundled spec writes flows in flow style
        to = position(text, " to: ", len(" to: "))

    async def complete() -> None:
        found = await client.text_document_completion_async(lsp.CompletionParams(document, to))
        assert found is not None and len(found.items) > 3, found

    entity = position(text, "entities: [", len("entities: [") + 1)
    source = position(text, "from: ", len("from: ") + 1)

    async def hover() -> None:
        found = await client.text_document_hover_async(lsp.HoverParams(document, entity))
        assert found is not None and "entity" in found.contents.value, found

    async def definition() -> None:
        found = await client.text_document_definition_async(lsp.DefinitionParams(document, source))
        assert found, found

    completion = await timed(complete, requests)
    hovers = await timed(hover, requests)
    definitions = await timed(definition, requests)
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return {
        "name": name,
        "lines": text.count("\n"),
        "start-up": start_up,
        "first": first,
        "change": after_change,
        "completion": completion,
        "hover": hovers,
        "definition": definitions,
    }


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms" if seconds >= 0.01 else f"{seconds * 1000:.1f} ms"


def table(results: list[dict], load: tuple[str, str]) -> str:
    rows = [
        "| Spec | Lines | Start-up | First diagnostics | Diagnostics after a change "
        "(median / worst) | Completion (median / worst) | Hover | Definition |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        change, completion = r["change"], r["completion"]
        rows.append(
            f"| {r['name']} | {r['lines']:,} | {ms(r['start-up'])} | {ms(r['first'])} | "
            f"{ms(statistics.median(change))} / {ms(max(change))} | "
            f"{ms(statistics.median(completion))} / {ms(max(completion))} | "
            f"{ms(statistics.median(r['hover']))} | {ms(statistics.median(r['definition']))} |"
        )
    verdicts = []
    for r in results:
        change_target, completion_target = TARGETS[r["name"]]
        change, completion = statistics.median(r["change"]), statistics.median(r["completion"])
        verdicts.append(
            f"- {r['name']}: diagnostics after a change {ms(change)} (target {ms(change_target)}: "
            f"{'met' if change <= change_target else 'NOT met'}), completion {ms(completion)} "
            f"(target {ms(completion_target)}: "
            f"{'met' if completion <= completion_target else 'NOT met'})"
        )
    machine = (
        f"{platform.system()} {platform.machine()}, {os.cpu_count()} logical cores, "
        f"Python {platform.python_version()}; load average (1, 5, 15 min) before: {load[0]}, "
        f"after: {load[1]}"
    )
    return "\n".join(rows) + "\n\n" + "\n".join(verdicts) + f"\n\nMeasured on {machine}.\n"


def load_average() -> str:
    return ", ".join(f"{value:.2f}" for value in os.getloadavg())


def write_doc(block: str, path: Path = DOC) -> None:
    """Put `block` between the markers of docs/editors.md."""
    text = path.read_text(encoding="utf-8")
    head, begin, rest = text.partition(BEGIN)
    _, end, tail = rest.partition(END)
    if not begin or not end:
        raise SystemExit(f"{path}: the markers {BEGIN} and {END} are missing")
    path.write_text(f"{head}{BEGIN}\n{block}{END}{tail}", encoding="utf-8")


async def run(changes: int, requests: int) -> list[dict]:
    specs = [("bundled", BUNDLED.read_text(encoding="utf-8")), ("5,000 flows", generate(5000).text)]
    results = []
    with tempfile.TemporaryDirectory(prefix="flowlint-bench-lsp-") as tmp:
        for index, (name, text) in enumerate(specs):
            folder = Path(tmp) / str(index)
            folder.mkdir()
            results.append(await measure(name, text, folder, changes, requests))
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changes", type=int, default=20, help="changes timed per spec")
    parser.add_argument("--requests", type=int, default=30, help="requests timed per kind")
    parser.add_argument("--write", action="store_true", help="write the table to docs/editors.md")
    args = parser.parse_args(argv)
    before = load_average()
    results = asyncio.run(run(args.changes, args.requests))
    block = table(results, (before, load_average()))
    print(block, end="")
    if args.write:
        write_doc(block)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
