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
from collections.abc import Iterator, Sequence
from enum import Enum
from typing import TYPE_CHECKING, Annotated, Any

import typer

from flowlint.commands import use_color
from flowlint.commands.config import (
    ConfigOption,
    IsolatedOption,
    MaxFileSizeOption,
    PathsArgument,
    settled,
)
from flowlint.escaping import json_document, terminal

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
        sys.stdout.write(json_document(found.as_dict()) + "\n")
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


# Guides are drawn for this many levels; deeper holders are drawn at this depth, with their own
# depth written before them, so a long chain of copies costs output in proportion to its length.
MAX_DRAWN_DEPTH = 32
_BRANCH, _LAST, _PASS, _SPACE = "├── ", "└── ", "│   ", "    "


def render_text(found: Lineage, color: bool) -> str:
    """The lineage as a tree, one holder a line, then what is wrong or missing.

    Drawn without recursion: the holders are walked with an explicit stack (`_drawn`), so any
    depth of copies is drawn, and guides stop at `MAX_DRAWN_DEPTH` levels, so each line stays
    short. Every name and id is escaped for the terminal.
    """
    import io

    from rich.console import Console
    from rich.text import Text

    buffer = io.StringIO()
    console = Console(
        file=buffer,
        force_terminal=color,
        no_color=not color,
        color_system="standard" if color else None,
        width=10_000,
        soft_wrap=True,  # long lines are the terminal's to wrap, guides are not repeated
        highlight=False,
    )
    guide_style = "dim" if color else ""
    console.print(_heading(found))
    if not found.roots:
        line = Text()
        line.append(_LAST, style=guide_style)
        line.append("no holders: it has no owner and nothing sends it in", style="dim")
        console.print(line)
    for guides, last, depth, holder in _drawn(found.roots):
        label = _label(holder, depth)
        for number, part in enumerate(label.split("\n")):
            line = Text()
            line.append(guides, style=guide_style)
            if number == 0:
                line.append(_LAST if last else _BRANCH, style=guide_style)
            else:
                line.append(_SPACE if last else _PASS, style=guide_style)
            line.append_text(part)
            console.print(line)
    for note in _notes(found):
        console.print(note)
    return "\n".join(line.rstrip() for line in buffer.getvalue().splitlines()) + "\n"


def _drawn(roots: Sequence[Holder]) -> Iterator[tuple[str, bool, int, Holder]]:
    """(guides before the connector, whether it is the last of its siblings, depth, holder) of
    every holder, depth first, in tree order, walked with an explicit stack.

    Guides stop at MAX_DRAWN_DEPTH levels: deeper holders share the guides of that level.
    """
    # Each entry: the holders still to draw at one level (reversed, next last) and its guides.
    stack: list[tuple[list[Holder], str, int]] = [(list(reversed(roots)), "", 0)]
    while stack:
        pending, guides, depth = stack[-1]
        if not pending:
            stack.pop()
            continue
        holder = pending.pop()
        last = not pending
        yield guides, last, depth, holder
        if holder.children:
            inner = guides
            if depth < MAX_DRAWN_DEPTH:
                inner += _SPACE if last else _PASS
            stack.append((list(reversed(holder.children)), inner, depth + 1))


def _heading(found: Lineage) -> object:
    from rich.text import Text

    text = Text(terminal(found.entity), style=_STYLES["id"])
    if found.personal_data:
        text.append(" · personal data")
    if found.status != "live":
        text.append(f" · {terminal(found.status)}")
    if not found.declared:
        text.append(" · not declared (FL004)", style=_STYLES["lost"])
    elif not found.owners:
        text.append(" · no owner (FL101)", style=_STYLES["lost"])
    elif any(h.scope for h in found.roots):
        owners = terminal(", ".join(found.owners))
        text.append(f" · {len(found.owners)} scoped owners: {owners}")
    elif len(found.owners) > 1:
        owners = terminal(", ".join(found.owners))
        text.append(f" · {len(found.owners)} owners: {owners} (FL101)")
    else:
        text.append(f" · owner: {terminal(found.owners[0])}")
    return text


def _label(holder: Holder, depth: int) -> Any:
    from rich.text import Text

    label = Text()
    if depth > MAX_DRAWN_DEPTH:
        label.append(f"(depth {depth + 1}) ", style=_STYLES["muted"])
    label.append(terminal(holder.service), style=_STYLES["id"])
    label.append(f" · {terminal(holder.name)}")
    if holder.role == "owner":
        label.append(" · owner", style=_STYLES["owner"])
        if holder.scope:
            label.append(f" of {terminal(holder.scope)}")
        if holder.until:
            label.append(f" until {terminal(holder.until)}")
    elif holder.role == "creator":
        label.append(" · creates records in the owner")
    elif holder.role == "source":
        label.append(" · sends it in")
    elif holder.received is not None:
        label.append(f" · {terminal(holder.received.mechanism)}")
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
        receivers = terminal(_and(holder.passes_second_hand_to))
        label.append(
            f" · passes a second-hand copy on to {receivers} (FL104)", style=_STYLES["second"]
        )
    if holder.also:
        ways = ", ".join(f"{way.source} ({way.mechanism})" for way in holder.also)
        label.append(f"\nalso from {terminal(ways)}", style=_STYLES["muted"])
    return label


def _notes(found: Lineage) -> list[object]:
    from rich.text import Text

    holders = [holder for _, _, _, holder in _drawn(found.roots)]
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
    notes = [f"{found.entity}: " + "; ".join(parts) + "."]
    if found.unsourced:
        ways = ", ".join(f"{w.source} -> {w.target} ({w.mechanism})" for w in found.unsourced)
        notes.append(f"Passed on by services that never get it (FL102): {ways}.")
    if found.editors_without_copy:
        notes.append(
            f"Edited by services that never receive it: {_and(found.editors_without_copy)}."
        )
    for derivation in found.derived_from:
        line = f"Derived from {derivation.source} by its owner"
        if derivation.owners_lacking:
            line += f"; {_and(derivation.owners_lacking)} never get it (FL108)"
        notes.append(line + ".")
    for derivation in found.derived_into:
        notes.append(f"Derived into {derivation.entity}.")
    return [Text(terminal(note)) for note in notes]


def _and(items: list[str] | tuple[str, ...]) -> str:
    # At most 10 named, then "and N more": a long chain would otherwise list every holder.
    from flowlint.wording import listing

    return listing(items, quote=False)
