"""How messages quote what a spec says: bounded, so that a message never grows with the input.

A message names the things a finding is about. A spec is written by whoever opened the change, so
a name may be 100 KB long and a relationship may list 20,000 services: quoted in full, one
finding's message would be as large as the spec, and a finding per entry would make the output
grow with the square of it. These helpers keep every quoted value and every list short:

- `excerpt(text)`: at most 80 characters of `text`; a longer one is cut and ends with "…";
- `quoted(text)`: the excerpt in single quotes, as messages quote ids and names;
- `listing(items)`: at most 10 items, quoted and joined ("'a', 'b' and 'c'"), and "and N more"
  for the rest.

Built-in and plugin rules use them through `flowlint.api`. As a last bound, the engine cuts any
message longer than `MAX_MESSAGE` characters (a rule that quotes without these helpers).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

MAX_QUOTED = 80
MAX_LISTED = 10
MAX_MESSAGE = 2_000
ELLIPSIS = "…"


def excerpt(text: str, limit: int = MAX_QUOTED) -> str:
    """`text` when it has at most `limit` characters, else its first `limit - 1` and "…"."""
    if len(text) <= limit:
        return text
    return text[: max(limit - 1, 0)] + ELLIPSIS


def quoted(text: object, limit: int = MAX_QUOTED) -> str:
    """`text` (made a string) in single quotes, cut to `limit` characters: `'course'`."""
    return f"'{excerpt(str(text), limit)}'"


def listing(
    items: Iterable[object],
    limit: int = MAX_LISTED,
    *,
    quote: bool = True,
    conjunction: str = "and",
) -> str:
    """Items joined for a sentence, naming at most `limit` of them.

    `['a', 'b', 'c']` gives `'a', 'b' and 'c'`; with more than `limit` items the first `limit`
    are named and the rest counted: `'a', 'b', ..., 'j' and 15 more`. Each item is quoted (and cut
    to 80 characters) unless `quote` is False, then it is cut only. `conjunction` ("and", "or")
    joins the last one. Costs time in proportion to the items named, not to all of them when
    `items` is a sequence.
    """
    if isinstance(items, Sequence):
        total = len(items)
        shown = [items[i] for i in range(min(total, limit))]
    else:
        shown, total = [], 0
        for item in items:
            if total < limit:
                shown.append(item)
            total += 1
    words = [quoted(item) if quote else excerpt(str(item)) for item in shown]
    rest = total - len(words)
    if rest > 0:
        return f"{', '.join(words)} {conjunction} {rest:,} more"
    if not words:
        return ""
    if len(words) == 1:
        return words[0]
    return f"{', '.join(words[:-1])} {conjunction} {words[-1]}"
