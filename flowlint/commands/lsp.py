"""`flowlint lsp`: the language server, for editors (installed with `pip install "flowlint[lsp]"`).

The server itself is `flowlint.lsp`; it needs pygls, an optional dependency, so this module
imports it only when the command runs, and says how to install it when it is missing.
"""

from __future__ import annotations

from typing import Annotated

import typer

from flowlint.commands import fail

INSTALL_HINT = 'the language server needs pygls: pip install "flowlint[lsp]"'


def lsp(
    stdio: Annotated[
        bool,
        typer.Option(
            "--stdio",
            help="Talk LSP over stdin and stdout (the default and only way; editors pass it).",
            show_default=False,
        ),
    ] = True,
) -> None:
    """Run the language server: findings as you type in an editor.

    It speaks LSP over stdio: it also completes, follows, renames and explains ids, outlines the
    spec and offers quick fixes (docs/editors.md)."""
    try:
        import pygls  # noqa: F401
    except ImportError:
        fail(INSTALL_HINT)
    from flowlint.lsp.server import serve

    serve()
