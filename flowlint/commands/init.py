"""`flowlint init [DIR]`: write a small commented starter spec where `flowlint check` will find it.

Without DIR it goes where `check` looks with no PATH: into the first `specs` entry of the
configuration (settled by `flowlint.settings`, as every command settles it), else specs/ here; so
after `flowlint init`, `flowlint check` runs as is. With DIR it goes to DIR/specs/. The starter
lints clean under every rule (`--select ALL`); a test keeps it so. An existing file is never
overwritten.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from flowlint.commands import say
from flowlint.commands.config import ConfigOption, IsolatedOption, settled

STARTER_NAME = "service-line.yaml"

STARTER = """\
flowlint: 1.1
# A flowlint spec: the services of a service line, the data entities each one owns, and how copies
# of that data flow between them. `flowlint check` reads every *.yaml file in this folder.
# `flowlint rules` lists the checks; `flowlint explain FL101` explains one. (Format 1.1 adds the
# fields shown in comments below; a spec written 'flowlint: 1' without them means the same.)
# To have your editor check and complete this file as you type, run
#   flowlint schema > flowlint.schema.json
# and make this the first line of the file (yaml-language-server, e.g. VS Code's YAML extension):
#   # yaml-language-server: $schema=../flowlint.schema.json
service_line: Example service line
as_of: "2025-01"

# Ids are lower-case kebab-case. `kind` is service (the default: part of the line), third-party
# or external (outside the line's boundary). A service may also say:
#   distributes: [entity]  it is the designed distribution point for the entity (a hub, a
#                          publishing API): a copy from it counts as first-hand
#   creates: [entity]      it creates new records of an entity it does not own, in the owner
#   edits: [entity]        it changes its copy of an entity it does not own
#   group: some-group      a group of similar services; name it under `groups` at the end
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
# When each of several services owns a part of the records, list them with their scope:
#   owner:
#     - {service: signup, scope: customers who signed up online}
#     - {service: accounts, scope: customers moved from the old system, until: 2026-12-31}
# An entity computed from others says so: `derived_from: [customer]`.
entities:
  customer:
    name: customer
    owner: signup
    personal_data: true
    relationships:
      # A relationship written inside an entity is created by the entity's owner. At the top level
      # (`relationships:`), `defined_by` names who creates one, and `stored_in: <service>` the one
      # service that keeps it when several edit it there.
      - {name: Customer to address, to: address}
  address:
    name: address
    owner: address-lookup

# Copies of data moving from one service to another: `via` is copy (the default), api, file,
# manual or event (a message or queue). Say why personal data moves with `purpose`. A flow may
# also say:
#   operations: [create, update]  the changes it passes on (default: all three, with delete)
#   delivery: best-effort         fire and forget; then say what repairs drift:
#   reconciliation: nightly job compares and re-sends
#   frequency: daily at 02:00     when data moves
#   until: 2026-06-30             a temporary flow, such as a sync kept during a migration
#   stores: false                 the receiver reads it on demand and keeps no copy
flows:
  - from: address-lookup
    to: signup
    entities: [address]
    purpose: Customers pick their address when they sign up
    frequency: as each customer signs up
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

# The names service groups are shown with, e.g.
#   groups:
#     some-group: {name: Some group (ACRONYM)}
"""


def init(
    directory: Annotated[
        Path | None,
        typer.Argument(
            help="Create DIR/specs/service-line.yaml. Default: in the configured `specs`, or "
            "specs/ here.",
            show_default=False,
        ),
    ] = None,
    config_file: ConfigOption = None,
    isolated: IsolatedOption = False,
) -> None:
    """Write a commented starter spec that lints clean.

    It goes where `flowlint check` looks, and never over an existing file.
    """
    from flowlint.commands import given, write_file
    from flowlint.config import DEFAULT, DEFAULT_SPECS
    from flowlint.files import Target

    cwd = Path.cwd()
    if directory is not None:
        target = given(directory / DEFAULT_SPECS[0] / STARTER_NAME, "DIR", cwd)
        specs = (directory / DEFAULT_SPECS[0]).as_posix()
        check = "flowlint check" if directory == Path(".") else f"flowlint check {specs}"
    else:
        found = settled(config_file=config_file, isolated=isolated, import_rules=False)
        origin = found.specs_from
        named_by = "the default specs/" if origin == DEFAULT else f"'specs' in {origin}"
        folder = found.config_directory or cwd
        target = Target(starter_path(found.specs[0]), named_by, False, folder, cwd)
        # Run from here, `check` finds the configuration (or specs/) that told init where to write.
        check = "flowlint check"
        if config_file is not None:
            check += f" --config {config_file.as_posix()}"
        elif isolated:
            check += f" {found.specs[0]}"
    shown = target.shown
    write_file(target, STARTER, exclusive=True)
    say(f"Created {shown}: describe your service line there, then run '{check}'.")


def starter_path(spec: str) -> Path:
    """Where the starter goes for a `specs` entry: the entry itself when it names a YAML file,
    else service-line.yaml in that directory."""
    from flowlint.loading import SPEC_SUFFIXES

    path = Path(spec)
    return path if path.suffix in SPEC_SUFFIXES else path / STARTER_NAME
