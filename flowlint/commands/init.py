"""`flowlint init [DIR]`: write a small commented starter spec to DIR/specs/service-line.yaml.

`flowlint check` with no PATH reads `specs/`, so after `flowlint init` it runs as is. The starter
lints clean under every rule (`--select ALL`); a test keeps it so. An existing file is never
overwritten.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from flowlint.commands import DEFAULT_SPECS, fail, say

STARTER_NAME = "service-line.yaml"

STARTER = """\
flowlint: 1
# A flowlint spec: the services of a service line, the data entities each one owns, and how copies
# of that data flow between them. `flowlint check` reads every *.yaml file under specs/.
# `flowlint rules` lists the checks; `flowlint explain FL101` explains one.
# To have your editor check and complete this file as you type, run
#   flowlint schema > flowlint.schema.json
# and make this the first line of the file (yaml-language-server, e.g. VS Code's YAML extension):
#   # yaml-language-server: $schema=../flowlint.schema.json
service_line: Example service line
as_of: "2025-01"

# Ids are lower-case kebab-case. `kind` is service (the default: part of the line), third-party
# or external (outside the line's boundary).
services:
  signup:
    name: Sign up
  accounts:
    name: Manage accounts
  address-lookup:
    name: Address lookup
    kind: third-party

# Each entity has exactly one owner: the service that creates it and is responsible for it.
# Other services get copies through flows. Mark entities about people `personal_data: true`.
entities:
  customer:
    name: customer
    owner: signup
    personal_data: true
    relationships:
      # A relationship written inside an entity is created by the entity's owner.
      - {name: Customer to address, to: address}
  address:
    name: address
    owner: address-lookup

# Copies of data moving from one service to another: `via` is copy (the default), api, file or
# manual. Say why personal data moves with `purpose`.
flows:
  - from: address-lookup
    to: signup
    entities: [address]
    purpose: Customers pick their address when they sign up
  - from: signup
    to: accounts
    entities: [customer]
    via: api
    api: signup-api
    purpose: Support staff manage the accounts of customers who signed up

# APIs services offer: `access` read (data leaves the service), write or read-write;
# `visibility` public or private. A public API must not carry personal data.
apis:
  signup-api:
    name: Sign up API
    service: signup
    access: read
    visibility: private
    docs: https://example.com/signup-api/docs
    entities: [customer]
"""


def init(
    directory: Annotated[
        Path,
        typer.Argument(help="Where to create specs/service-line.yaml. Default: here."),
    ] = Path("."),
) -> None:
    """Write a small commented starter spec that lints clean (never overwrites a file)."""
    target = directory / DEFAULT_SPECS / STARTER_NAME
    shown = target.as_posix()
    if target.exists() or target.is_symlink():
        fail(f"{shown} already exists; flowlint init never overwrites a file")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with target.open("x", encoding="utf-8") as handle:  # "x": fail rather than overwrite
            handle.write(STARTER)
    except FileExistsError:
        fail(f"{shown} already exists; flowlint init never overwrites a file")
    except OSError as exc:
        fail(f"cannot write {shown}: {exc.strerror or exc}")
    specs = (directory / DEFAULT_SPECS).as_posix()
    check = "flowlint check" if directory == Path(".") else f"flowlint check {specs}"
    say(f"Created {shown}: describe your service line there, then run '{check}'.")
