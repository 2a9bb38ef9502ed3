"""flowlint's language server (`flowlint lsp`, installed with `pip install "flowlint[lsp]"`).

A thin adapter from the LSP to the pipeline `flowlint check` runs: `server` speaks the protocol
(pygls); `project` lints a model with the editor's unsaved text; `navigation`, `completion`,
`hover`, `symbols` and `actions` turn the model, the schema and the findings into what the editor
shows; `text` places them in the text. Only `server` imports pygls and lsprotocol.
"""
