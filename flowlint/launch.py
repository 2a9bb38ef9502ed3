"""The `flowlint` console command: answers `flowlint --version` before loading the CLI.

Tools, CI jobs and pre-commit check what is installed with `flowlint --version`; loading typer and
every command to print one line would take several times as long as the answer (see
docs/performance.md). Everything else goes to `flowlint.cli.main`, which prints the same line for
`--version` given any other way.

It is also where the process starts and ends, so it settles two things only a whole process may:
the cyclic garbage collector is off for a one-shot command (the language server, which runs for
hours, keeps it), and the process ends without freeing the large values a command kept for it
(`flowlint.cli.main(process=True)`). A large spec is hundreds of thousands of small objects, none
of them cyclic garbage: the collector would walk them again and again, and freeing them one by
one at exit costs as much as a rule (docs/performance.md).
"""

from __future__ import annotations

import gc
import sys

from flowlint import __version__


def main() -> None:
    """Console entry point."""
    if sys.argv[1:] == ["--version"]:
        sys.stdout.write(f"flowlint {__version__}\n")
        sys.exit(0)
    if "lsp" not in sys.argv[1:]:
        gc.disable()
    from flowlint.cli import main as run_cli

    run_cli(process=True)
