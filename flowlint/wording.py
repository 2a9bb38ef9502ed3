"""Words that rules put around the ids they name: lists that stay short whatever the spec holds.

A finding names the services and entities it is about. A list is quoted and joined as a person
would write it ("'a', 'b' and 'c'"), and never grows with the spec: past `limit` names it says how
many more there are, so a message stays one readable line and its cost stays linear.
"""

from __future__ import annotations

from collections.abc import Iterable

LIMIT = 10


def quoted_list(ids: Iterable[str], conjunction: str = "and", limit: int = LIMIT) -> str:
    """`'a', 'b' and 'c'`: the ids quoted, in the order given, at most `limit` of them, then
    "and N more"; `conjunction` joins the last two ("or" for alternatives)."""
    names = [f"'{ident}'" for ident in ids]
    if len(names) > limit:
        shown, rest = names[:limit], len(names) - limit
        return f"{', '.join(shown)} {conjunction} {rest} more"
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} {conjunction} {names[-1]}"
