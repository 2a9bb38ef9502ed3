"""Keep command output shown in the docs true: regenerate every marked block by running it.

In README.md and docs/*.md, a block like

    <!-- run: flowlint check specs/ -->
    ```console
    (anything)
    ```
    <!-- end -->

is replaced by the command's real output (stdout, then stderr). With the `console` language the
block starts with `$ <command>`; with any other language (e.g. `mermaid`, `json`) it holds the
output alone. Commands run from the repository root with colour off; a leading `flowlint` runs this
checkout's flowlint with the current Python, and a leading `python` is the current Python.

    python tools/docsync.py          # rewrite the docs
    python tools/docsync.py --check  # exit 1 and show what is stale (the test suite does this)
"""

from __future__ import annotations

import difflib
import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The fence may be longer than three backticks, for output that holds a fence itself.
BLOCK = re.compile(
    r"(?P<head><!-- run: (?P<command>.+?) -->\n(?P<fence>```+)(?P<lang>[\w-]*)\n)"
    r"(?P<body>.*?)(?P<tail>(?P=fence)\n<!-- end -->)",
    re.DOTALL,
)


def doc_files() -> list[Path]:
    """The Markdown files that may hold generated blocks."""
    return [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def run(command: str) -> str:
    """The output of one documented command, as a user would see it (no colour)."""
    argv = shlex.split(command)
    if argv[0] == "flowlint":
        argv = [sys.executable, "-m", "flowlint", *argv[1:]]
    elif argv[0] == "python":
        argv = [sys.executable, *argv[1:]]
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "100", "TERM": "dumb"}
    env.pop("GITHUB_STEP_SUMMARY", None)
    done = subprocess.run(
        argv, cwd=ROOT, capture_output=True, text=True, env=env, timeout=120, check=False
    )
    return done.stdout + done.stderr


def render(text: str) -> str:
    """The document with every marked block regenerated."""

    def replace(match: re.Match[str]) -> str:
        output = run(match["command"])
        if output and not output.endswith("\n"):
            output += "\n"
        if match["lang"] == "console":
            output = f"$ {match['command']}\n{output}"
        return f"{match['head']}{output}{match['tail']}"

    return BLOCK.sub(replace, text)


def main(argv: list[str]) -> int:
    check = "--check" in argv
    stale = 0
    for path in doc_files():
        if not path.exists():
            continue
        old = path.read_text(encoding="utf-8")
        new = render(old)
        if new == old:
            continue
        stale += 1
        if check:
            name = str(path.relative_to(ROOT))
            sys.stdout.writelines(
                difflib.unified_diff(old.splitlines(True), new.splitlines(True), name, name)
            )
        else:
            path.write_text(new, encoding="utf-8")
            print(f"updated {path.relative_to(ROOT)}")
    if check and stale:
        print(f"\n{stale} file(s) out of date: run `python tools/docsync.py`")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
