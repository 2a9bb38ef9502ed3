"""`flowlint lineage`: follow one entity from its owners through every copy.

`--format text` (default) draws a tree; `--format json` prints `Lineage.as_dict()`:

    {"entity": "application", "name": "application", "declared": true, "personal_data": true,
     "status": "live", "owners": ["apply"],
     "holders": [                      # the tree, depth first; roots have depth 0 and from null
       {"service": "manage", "name": "Manage teacher training applications",
        "role": "copy",                # owner | creator | source (outside, sends it in) | copy
        "depth": 1, "from": "apply", "via": "copy", "api": null, "status": "live",
        "inside_boundary": true,       # null for a service nobody declared
        "scope": null, "until": null,  # a scoped owner's scope and end date
        "keeps": true,                 # false: it gets it only through 'stores: false' flows
        "distributes": false,          # a declared distributor of the entity
        "edits": true, "edit_lost": true,   # null when it does not edit it or there is no owner
        "second_hand": false,          # it keeps only copies of copies
        "passes_second_hand_to": [],   # FL104: who copies it second-hand through this service
        "also_from": [{"from": "oracle", "to": "manage", "via": "api", "api": "apply-api",
                       "status": "live", "stores": true}]}, ...],
     "unsourced": [...],               # flows from services that never get it (FL102)
     "editors_without_copy": [...],    # services that edit it but never receive it
     "lost_edits": [...],              # every service whose edits are lost (FL103)
     "derived_from": [{"entity": "content-item", "owners_lacking": []}],  # FL108 when lacking
     "derived_into": [...]}            # the entities derived from this one
"""

from __future__ import annotations

import sys
from enum import Enum
from typing import TYPE_CHECKING, Annotated

import typer

from flowlint.commands import use_color
from flowlint.commands.config import (
    ConfigOption,
    IsolatedOption,
    MaxFileSizeOption,
    PathsArgument,
    settled,
)

if TYPE_CHECKING:
    from flowlint.lineage import Holder, Lineage


class LineageFormat(str, Enum):
    text = "text"
    json = "json"


def lineage(
    entity: Annotated[str, typer.Argument(help="The id of the entity to follow.")],
    paths: PathsArgument = None,
    output_format: Annotated[
        LineageFormat, typer.Option("--format", help="text (a tree) or json.")
    ] = LineageFormat.text,
    config_file: ConfigOption = None,
    isolated: IsolatedOption = False,
    max_file_size: MaxFileSizeOption = None,
    no_color: Annotated[bool, typer.Option("--no-color", help="Never colour the output.")] = False,
) -> None:
    """Follow an entity from its owner through every copy.

    How each holder gets it, who edits it, where edits are lost and which copies are second-hand.
    """
    from flowlint.commands.graph import check_known, load_spec
    from flowlint.lineage import known_entities
    from flowlint.lineage import lineage as trace

    found = settled(paths, config_file, isolated, max_file_size=max_file_size, import_rules=False)
    _, model = load_spec(found)
    check_known("entity", entity, known_entities(model))
    found = trace(model, entity)
    if output_format is LineageFormat.json:
        import json

        sys.stdout.write(json.dumps(found.as_dict(), indent=2) + "\n")
        return
    sys.stdout.write(render_text(found, color=use_color(no_color)))


_STYLES = {
    "id": "bold",
    "owner": "bold green",
    "outside": "yellow",
    "lost": "bold red",
    "second": "cyan",
    "muted": "dim",
}


def render_text(found: Lineage, color: bool) -> str:
    """The lineage as a tree, one holder a line, then what is wrong or missing."""
    import io
    import shutil

    from rich.console import Console
    from rich.text import Text
    from rich.tree import Tree

    tree = Tree(_heading(found), guide_style="dim" if color else "")
    for root in found.roots:
        _branch(tree, root)
    if not found.roots:
        tree.add(Text("no holders: it has no owner and nothing sends it in", style="dim"))
    # Wrap to the terminal on a terminal; never wrap in a pipe or a file.
    width = shutil.get_terminal_size().columns if sys.stdout.isatty() else 10_000
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        force_terminal=color,
        no_color=not color,
        color_system="standard" if color else None,
        width=width,
        highlight=False,
    )
    console.print(tree)
    for line in _notes(found):
        console.print(line)
    return "\n".join(line.rstrip() for line in buffer.getvalue().splitlines()) + "\n"


def _heading(found: Lineage) -> object:
    from rich.text import Text

    text = Text(found.entity, style=_STYLES["id"])
    if found.personal_data:
        text.append(" · personal data")
    if found.status != "live":
        text.append(f" · {found.status}")
    if not found.declared:
        text.append(" · not declared (FL004)", style=_STYLES["lost"])
    elif not found.owners:
        text.append(" · no owner (FL101)", style=_STYLES["lost"])
    elif any(h.scope for h in found.roots):
        text.append(f" · {len(found.owners)} scoped owners: {', '.join(found.owners)}")
    elif len(found.owners) > 1:
        text.append(f" · {len(found.owners)} owners: {', '.join(found.owners)} (FL101)")
    else:
        text.append(f" · owner: {found.owners[0]}")
    return text


def _branch(parent: object, holder: Holder) -> None:
    from rich.text import Text

    label = Text(holder.service, style=_STYLES["id"])
    label.append(f" · {holder.name}")
    if holder.role == "owner":
        label.append(" · owner", style=_STYLES["owner"])
        if holder.scope:
            label.append(f" of {holder.scope}")
        if holder.until:
            label.append(f" until {holder.until}")
    elif holder.role == "creator":
        label.append(" · creates records in the owner")
    elif holder.role == "source":
        label.append(" · sends it in")
    elif holder.received is not None:
        label.append(f" · {holder.received.mechanism}")
    if holder.inside_boundary is None:
        label.append(" · not declared", style=_STYLES["lost"])
    elif holder.inside_boundary:
        label.append(" · inside")
    else:
        label.append(" · outside the boundary", style=_STYLES["outside"])
    if holder.edits:
        label.append(" · edits it")
        if holder.edit_lost:
            label.append(
                ", edits lost: nothing takes them back to the owner (FL103)", _STYLES["lost"]
            )
    if not holder.keeps:
        label.append(" · passes it through without keeping it")
    if holder.distributes:
        label.append(" · distributes it")
    if holder.second_hand:
        label.append(" · second-hand copy", style=_STYLES["second"])
    if holder.passes_second_hand_to:
        label.append(
            f" · passes a second-hand copy on to {_and(holder.passes_second_hand_to)} (FL104)",
            style=_STYLES["second"],
        )
    if holder.also:
        ways = ", ".join(f"{way.source} ({way.mechanism})" for way in holder.also)
        label.append(f"\nalso from {ways}", style=_STYLES["muted"])
    branch = parent.add(label)  # type: ignore[attr-defined]
    for child in holder.children:
        _branch(branch, child)


def _notes(found: Lineage) -> list[object]:
    from rich.text import Text

    holders = [h for _, h in found.holders()]
    inside = sum(1 for h in holders if h.inside_boundary)
    outside = sum(1 for h in holders if h.inside_boundary is False)
    # Holders nobody declared are neither inside nor outside: count and name them, so the
    # counts add up to the holders.
    undeclared = [h.service for h in holders if h.inside_boundary is None]
    lost = list(found.lost_edits)
    second = [h.service for h in holders if h.second_hand]
    parts = [f"{len(holders)} holder{'' if len(holders) == 1 else 's'}"]
    where = f"{inside} inside, {outside} outside the boundary"
    if undeclared:
        named = list(dict.fromkeys(undeclared))
        where += f", {len(undeclared)} not declared ({_and(named)}; FL004)"
    parts.append(where)
    parts.append("edits lost in " + _and(lost) if lost else "no lost edits")
    parts.append("second-hand copies in " + _and(second) if second else "no second-hand copies")
    notes = [Text(f"{found.entity}: " + "; ".join(parts) + ".")]
    if found.unsourced:
        ways = ", ".join(f"{w.source} -> {w.target} ({w.mechanism})" for w in found.unsourced)
        notes.append(Text(f"Passed on by services that never get it (FL102): {ways}."))
    if found.editors_without_copy:
        notes.append(
            Text(f"Edited by services that never receive it: {_and(found.editors_without_copy)}.")
        )
    for derivation in found.derived_from:
        line = f"Derived from {derivation.source} by its owner"
        if derivation.owners_lacking:
            line += f"; {_and(derivation.owners_lacking)} never get it (FL108)"
        notes.append(Text(line + "."))
    for derivation in found.derived_into:
        notes.append(Text(f"Derived into {derivation.entity}."))
    return notes


def _and(items: list[str] | tuple[str, ...]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
