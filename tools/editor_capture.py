"""Record `flowlint lsp` in a real editor: Neovim's built-in LSP client, driven in tmux.

    apt-get install -y neovim tmux
    python tools/editor_capture.py            # print the captures as Markdown
    python tools/editor_capture.py --write    # put them between the markers in docs/editors.md

A small two-file model is written to a temporary folder and opened in Neovim with a minimal
configuration (the one in docs/editors.md, written for Neovim 0.7's API, which Debian 12 ships);
keys are sent with `tmux send-keys` and each screen is read with `tmux capture-pane -p` once what
the step waits for is on it. `flowlint` must be on PATH (the one of this checkout's venv is put
first). Not a test: it needs an editor, and it waits on a real terminal.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOC = ROOT / "docs" / "editors.md"
BEGIN, END = "<!-- capture:begin -->", "<!-- capture:end -->"
SESSION = "flowlint-capture"
WIDTH, HEIGHT = 120, 16

SERVICES = """\
flowlint: 1
services:
  publish: {name: Publish teacher training courses}
  find: {name: Find postgraduate teacher training}
  apply: {name: Apply for teacher training}
  dqt: {name: Database of Qualified Teachers, kind: third-party}
entities:
  course: {owner: publish}
  application: {owner: apply, personal_data: true}
  teacher: {owner: dqt}
"""

FLOWS = """\
flowlint: 1
flows:
  - {from: publish, to: find, entities: [course]}
  - {from: find, to: apply, entities: [course]}
  - {from: apply, to: fnd, entities: [application]}
"""

INIT = """\
vim.o.swapfile = false
vim.o.signcolumn = "yes"
vim.o.completeopt = "menuone,noinsert"
local client_id
vim.api.nvim_create_autocmd("FileType", {
  pattern = "yaml",
  callback = function(args)
    if not client_id then
      client_id = vim.lsp.start_client({
        name = "flowlint",
        cmd = { "flowlint", "lsp" },
        root_dir = vim.fn.getcwd(),
      })
    end
    vim.lsp.buf_attach_client(args.buf, client_id)
    vim.bo[args.buf].omnifunc = "v:lua.vim.lsp.omnifunc"
  end,
})
"""


def tmux(*args: str) -> str:
    done = subprocess.run(["tmux", *args], capture_output=True, text=True, check=True, timeout=30)
    return done.stdout


def keys(*sent: str) -> None:
    tmux("send-keys", "-t", SESSION, *sent)


def command(text: str) -> None:
    keys(f":{text}", "Enter")


def screen() -> str:
    lines = [row.rstrip() for row in tmux("capture-pane", "-p", "-t", SESSION).split("\n")]
    while lines and lines[-1] == "":
        lines.pop()
    return "\n".join("" if row == "~" else row for row in lines)


def wait_for(shows: Callable[[str], bool], what: str, timeout: float = 20.0) -> str:
    """The screen, once `shows` is true of it (polled; this is a recording, not a test)."""
    deadline = time.monotonic() + timeout
    while True:
        current = screen()
        if shows(current):
            time.sleep(0.3)  # let the editor finish drawing
            return screen()
        if time.monotonic() > deadline:
            raise SystemExit(f"timed out waiting for {what}; the screen was:\n{current}")
        time.sleep(0.1)


def record(folder: Path) -> list[tuple[str, str]]:
    shots: list[tuple[str, str]] = []

    def shot(title: str, shows: Callable[[str], bool], what: str) -> None:
        shots.append((title, wait_for(shows, what)))

    (folder / "specs").mkdir()
    (folder / "specs" / "services.yaml").write_text(SERVICES, encoding="utf-8")
    (folder / "specs" / "flows.yaml").write_text(FLOWS, encoding="utf-8")
    (folder / "init.lua").write_text(INIT, encoding="utf-8")
    path = f"{ROOT / '.venv' / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}"
    tmux(
        "new-session", "-d", "-s", SESSION, "-x", str(WIDTH), "-y", str(HEIGHT),
        f"cd {folder} && PATH='{path}' nvim -n -i NONE -u init.lua specs/flows.yaml",
    )  # fmt: skip
    shot(
        "Open `specs/flows.yaml`: the findings of the whole model, as you type",
        lambda s: "unknown service 'fnd'" in s and "only second" in s,
        "diagnostics",
    )
    command("call search('fnd')")
    command("lua vim.diagnostic.open_float({source = 'always'})")
    shot(
        "The finding under the cursor (`vim.diagnostic.open_float()`)",
        lambda s: "did you mean" in s,
        "the diagnostic float",
    )
    keys("Escape")
    keys("c", "i", "w", "f", "i", "C-x", "C-o")
    shot(
        "Completion of a service id (`ciw`, `fi`, then `<C-x><C-o>`)",
        lambda s: "service · Find" in s,
        "the completion menu",
    )
    keys("Enter", "Escape")
    shot(
        "Accepted: the model is linted again and the finding is gone",
        lambda s: "unknown service" not in s and "to: find, entities: [application]" in s,
        "the diagnostics after the edit",
    )
    command("call search('course')")
    command("lua vim.lsp.buf.hover()")
    shot(
        "Hover on an entity: owner, personal data, who holds a copy and how",
        lambda s: "held by" in s and "second-hand" in s,
        "the hover",
    )
    keys("Escape")
    command("call cursor(3, 1)")
    command("call search('publish')")
    command("lua vim.lsp.buf.references()")
    shot(
        "References of `publish` across the two files (`vim.lsp.buf.references()`)",
        lambda s: "services.yaml|" in s and "flows.yaml|" in s,
        "the references",
    )
    command("cclose")
    command("lua vim.lsp.buf.rename('publish-courses')")
    command("lua vim.lsp.buf.definition()")
    shot(
        "Renamed to `publish-courses` in both files, then go to definition",
        lambda s: "specs/services.yaml" in s and "publish-courses: {name" in s,
        "the rename and the jump",
    )
    command("buffer specs/flows.yaml")
    command("call search('course]}\\n  - {from: apply')")
    command("lua vim.lsp.buf.code_action()")
    shot(
        "Code actions for the copy-chain finding (`vim.lsp.buf.code_action()`)",
        lambda s: "Suppress FL104" in s,
        "the code actions",
    )
    keys("1", "Enter")
    shot(
        "Suppressed with a placeholder reason (an editor that takes `window/showDocument`, as "
        "Neovim 0.8 and later do, is put on it; 0.7 is not, so `/reason` finds it here)",
        lambda s: "ignore[FL104] reason" in s and "only second" not in s,
        "the suppression",
    )
    command("call search('reason')")
    keys("c", "i", "w", "the chain through Find is deliberate", "Escape")
    shot(
        "The reason written (`ciw`): no finding left in flows.yaml",
        lambda s: "deliberate" in s and "■" not in s,
        "the clean model",
    )
    command("qa!")
    return shots


def markdown(shots: list[tuple[str, str]], version: str) -> str:
    parts = [
        f"Recorded with Neovim {version} in tmux by `python tools/editor_capture.py --write` "
        f"({WIDTH}x{HEIGHT} terminal, `tmux capture-pane -p`).\n"
    ]
    for number, (title, text) in enumerate(shots, 1):
        parts.append(f"{number}. {title}:\n\n```text\n{text}\n```\n")
    return "\n".join(parts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="write into docs/editors.md")
    args = parser.parse_args(argv)
    if not shutil.which("nvim") or not shutil.which("tmux"):
        raise SystemExit("needs nvim and tmux: apt-get install -y neovim tmux")
    version = subprocess.run(["nvim", "--version"], capture_output=True, text=True, check=True)
    with tempfile.TemporaryDirectory(prefix="flowlint-capture-") as tmp:
        try:
            shots = record(Path(tmp))
        finally:
            stop = ["tmux", "kill-session", "-t", SESSION]
            subprocess.run(stop, capture_output=True, check=False)
    block = markdown(shots, version.stdout.split()[1])
    if args.write:
        text = DOC.read_text(encoding="utf-8")
        head, begin, rest = text.partition(BEGIN)
        _, end, tail = rest.partition(END)
        if not begin or not end:
            raise SystemExit(f"{DOC}: the markers {BEGIN} and {END} are missing")
        DOC.write_text(f"{head}{BEGIN}\n{block}{END}{tail}", encoding="utf-8")
    else:
        sys.stdout.write(block)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
