"""`flowlint lsp` as a command: what it needs, and what the other commands do not import."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SPEC = """\
flowlint: 1
services:
  publish: {name: Publish}
entities:
  course: {owner: publish}
"""


def test_without_pygls_the_command_says_what_to_install() -> None:
    blocked = (
        "import sys; sys.modules['pygls'] = None; sys.argv = ['flowlint', 'lsp'];"
        "from flowlint.cli import main; main()"
    )
    done = subprocess.run(
        [sys.executable, "-c", blocked], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr == (
        'flowlint: error: the language server needs pygls: pip install "flowlint[lsp]"\n'
    )


def test_check_never_imports_the_language_server(tmp_path: Path) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text(SPEC, encoding="utf-8")
    probe = (
        "import sys; sys.argv = ['flowlint', 'check', sys.argv[1]]\n"
        "from flowlint.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith(('pygls', 'lsprotocol', "
        "'flowlint.lsp'))))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, str(spec)], capture_output=True, text=True, timeout=60
    )
    assert done.stdout.strip().splitlines()[-1] == "[]"
