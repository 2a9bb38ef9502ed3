"""`flowlint schema`: print the JSON Schema of spec format v1, for editors and other validators."""

from __future__ import annotations

import sys


def schema() -> None:
    """Print the JSON Schema of spec files, for editors.

    Save it next to your specs with `flowlint schema > flowlint.schema.json`.
    """
    from flowlint.schema import schema_text

    text = schema_text()
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
