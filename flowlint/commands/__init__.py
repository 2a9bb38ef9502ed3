"""Helpers shared by the CLI commands: option parsing, colour, and failing with one line."""

from __future__ import annotations

import os
import sys
from enum import Enum
from typing import NoReturn

import typer

from flowlint.reporters import REPORTERS

DEFAULT_SPECS = "specs"

OutputFormat = Enum("OutputFormat", {name: name for name in REPORTERS}, type=str)  # type: ignore[misc]


class FailOn(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"
    never = "never"


def split_csv(values: list[str]) -> list[str]:
    """Flatten repeated, comma-separated option values."""
    return [part.strip() for value in values for part in value.split(",") if part.strip()]


def use_color(no_color: bool) -> bool:
    """Colour only on a terminal, and never with --no-color or NO_COLOR set."""
    if no_color or os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


def fail(message: str) -> NoReturn:
    """Print one line on stderr and exit 2: flowlint could not do its job."""
    typer.echo(f"flowlint: error: {message}", err=True)
    raise typer.Exit(2)
