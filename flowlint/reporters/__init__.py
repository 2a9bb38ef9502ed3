"""Output formats. One module per format; this dict is the registry and drives `--format`.

Each module defines `render(report: Report, options: RenderOptions) -> str`. Modules are imported
only when their format is used, so start-up does not pay for formats nobody asked for.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

from flowlint.findings import Report

REPORTERS: dict[str, str] = {
    "text": "flowlint.reporters.text",
    "json": "flowlint.reporters.json",
}


@dataclass(frozen=True, slots=True)
class RenderOptions:
    """How to render: colour, findings only, and the version to stamp into machine formats."""

    color: bool = False
    quiet: bool = False
    version: str = ""


def get_reporter(name: str) -> Callable[[Report, RenderOptions], str]:
    """The render function of format `name` (a key of REPORTERS)."""
    return importlib.import_module(REPORTERS[name]).render
