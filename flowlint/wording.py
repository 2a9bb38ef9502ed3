"""Words that rules put around the ids and values they name: short whatever the spec holds.

A finding names the services and entities it is about. A spec is written by whoever opened the
change, so a name may be 100 KB long and a relationship may list 20,000 services: quoted in full,
one finding's message would be as large as the spec, and a finding per entry would make the output
grow with the square of it. These helpers keep every quoted value and every list short:

- `quoted(text)`: a value in single quotes, at most 80 characters of it; a longer one is cut and
  ends with "…" (`excerpt(text)` cuts without the quotes);
- `quoted_list(ids)`: ids quoted and joined as a person would write them ("'a', 'b' and 'c'"),
  at most `limit` (10) of them, then "and N more"; each cut like `quoted`;
- `listing(items)`: the same, with or without quotes, for lists that are not ids (file names).

Built-in and plugin rules use `quoted`, `excerpt` and `quoted_list` through `flowlint.api`. As a
last bound, the engine cuts any message longer than `MAX_MESSAGE` characters (a rule that quotes
without these helpers).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

LIMIT = 10
MAX_QUOTED = 80
MAX_MESSAGE = 2_000
ELLIPSIS = "…"


def excerpt(text: str, limit: int = MAX_QUOTED) -> str:
    """`text` when it has at most `limit` characters, else its first `limit - 1` and "…"."""
    if len(text) <= limit:
        return text
    return text[: max(limit - 1, 0)] + ELLIPSIS


def quoted(text: object, limit: int = MAX_QUOTED) -> str:
    """`text` (made a string) in single quotes, cut to `limit` characters: `'course'`."""
    if type(text) is str and len(text) <= limit:
        return f"'{text}'"  # most are ids: short text
    return f"'{excerpt(str(text), limit)}'"


def quoted_list(ids: Iterable[str], conjunction: str = "and", limit: int = LIMIT) -> str:
    """`'a', 'b' and 'c'`: the ids quoted (each cut to 80 characters), in the order given, at most
    `limit` of them, then "and N more"; `conjunction` joins the last two ("or" for
    alternatives)."""
    return listing(ids, limit, conjunction=conjunction)


def listing(
    items: Iterable[object],
    limit: int = LIMIT,
    *,
    quote: bool = True,
    conjunction: str = "and",
) -> str:
    """Items joined for a sentence, naming at most `limit` of them.

    `['a', 'b', 'c']` gives `'a', 'b' and 'c'`; with more than `limit` items the first `limit`
    are named and the rest counted: `'a', 'b', ..., 'j' and 15 more`. Each item is quoted (and cut
    to 80 characters) unless `quote` is False, then it is cut only. Costs time in proportion to
    the items named when `items` is a sequence, and to one pass over them otherwise.
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
    if len(words) <= 1:
        return "".join(words)
    return f"{', '.join(words[:-1])} {conjunction} {words[-1]}"
