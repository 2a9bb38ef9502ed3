"""The `flowlint` console command: answers `flowlint --version` before loading the CLI.

Tools, CI jobs and pre-commit check what is installed with `flowlint --version`; loading typer and
every command to print one line would take several times as long as the answer (see
docs/performance.md). Everything else goes to `flowlint.cli.main`, which prints the same line for
`--version` given any other way.
"""

from __future__ import annotations

import sys

from flowlint import __version__


def main() -> None:
    """Console entry point."""
    if sys.argv[1:] == ["--version"]:
        sys.stdout.write(f"flowlint {__version__}\n")
        sys.exit(0)
    from flowlint.cli import main as run_cli

    run_cli()
