"""'Did you mean ...?': the closest known id to a misspelt one, fast on large id sets; and the one
suggester for rule codes and names (`closest_rule`, `unknown_rule`).

difflib compares a word with every candidate, which is quadratic when a big spec has many unknown
references. A trigram index first narrows the candidates to the few that share most letter
triples with the word; difflib then ranks only those, so suggestions match difflib's on small
sets and stay cheap on large ones.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable

CUTOFF = 0.6
_SHORTLIST = 30
_SMALL = 200  # below this many candidates, plain difflib is fast enough


class Suggester:
    """Suggest the closest of a fixed set of candidates; results are remembered per word."""

    def __init__(self, candidates: Iterable[str]) -> None:
        self._candidates = list(dict.fromkeys(candidates))
        self._memo: dict[str, str | None] = {}
        # Built at the first look-up: most specs have no misspelt id, and then no look-up at all.
        self._index: dict[str, list[str]] | None = None

    def closest(self, word: str) -> str | None:
        """The best candidate with a similarity of at least 0.6, or None."""
        if word not in self._memo:
            self._memo[word] = self._find(word)
        return self._memo[word]

    def _find(self, word: str) -> str | None:
        pool = self._candidates
        if len(pool) > _SMALL:
            if self._index is None:
                self._index = defaultdict(list)
                for candidate in pool:
                    for gram in _trigrams(candidate):
                        self._index[gram].append(candidate)
            shared = Counter(c for gram in _trigrams(word) for c in self._index.get(gram, ()))
            pool = [candidate for candidate, _ in shared.most_common(_SHORTLIST)]
        found = difflib.get_close_matches(word, pool, n=5, cutoff=CUTOFF)
        if not found:
            return None
        # Among equally close candidates difflib prefers the greatest string ('FL113' for
        # 'FL1O1'); prefer the one that differs in fewest places instead ('FL101').
        best = difflib.SequenceMatcher(None, word, found[0]).ratio()
        tied = [c for c in found if difflib.SequenceMatcher(None, word, c).ratio() == best]
        return min(tied, key=lambda c: (_differences(word, c), c))


def closest(word: str, candidates: Iterable[str]) -> str | None:
    """One-off suggestion: the closest candidate to `word`, or None."""
    return Suggester(candidates).closest(word)


def _differences(word: str, candidate: str) -> int:
    """Characters that differ place by place, and the difference in length."""
    return sum(a != b for a, b in zip(word, candidate, strict=False)) + abs(
        len(word) - len(candidate)
    )


def _trigrams(word: str) -> set[str]:
    padded = f"  {word} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


# Rule codes and names ---------------------------------------------------------------------------
#
# One suggester for every place a rule is named: --select, --ignore and --extend-select, the
# configuration, `flowlint explain`, and suppression comments. A suggestion must be plausible: a
# code is one slip away from the code typed (FL1O1 -> FL101, FL110 -> FL101), never merely similar
# (FL999 is not FL903); a name is a slip or two away (single-ownr, single_owner, unused-entities).

_CODE_LIKE = re.compile(r"[A-Za-z]+[0-9][A-Za-z0-9]*")
_NAME_CUTOFF = 0.85

EXPECTED_SELECTOR = "a rule code (FL101), name (single-owner), code prefix (FL1) or ALL"
EXPECTED_RULE = "a rule code (FL101) or name (single-owner)"


def closest_rule(entry: str, rules: Iterable[tuple[str, str]]) -> str | None:
    """The code or name (in the form typed) that a mistyped `entry` most plausibly means, from
    the `(code, name)` of each known rule; None when no rule is a plausible match, or several are
    equally so."""
    entry = entry.strip()
    pairs = list(rules)
    if _CODE_LIKE.fullmatch(entry):
        wanted = entry.upper()
        slips = {code: _slips(wanted, code) for code, _ in pairs}
        best = min(slips.values(), default=2)
        return _only([code for code, n in slips.items() if n == best]) if best <= 1 else None
    wanted = entry.lower().replace("_", "-").replace(" ", "-")
    names = [name for _, name in pairs]
    if wanted in names:
        return wanted
    near = [name for name in names if _slips(wanted, name) <= 2]
    if not near:
        ratios = {name: difflib.SequenceMatcher(None, wanted, name).ratio() for name in names}
        near = [name for name, ratio in ratios.items() if ratio >= _NAME_CUTOFF]
    if len(near) > 1:
        best = min(_slips(wanted, name) for name in near)
        near = [name for name in near if _slips(wanted, name) == best]
    return _only(near)


def unknown_rule(entry: str, rules: Iterable[tuple[str, str]], prefixes: bool = True) -> str:
    """`unknown rule 'X' (...)` with a plausible suggestion, or with what is expected: the one
    wording for every place a rule is named. `prefixes` says whether code prefixes and ALL are
    allowed there."""
    pairs = list(rules)
    close = closest_rule(entry, pairs)
    if close is not None:
        return f"unknown rule '{entry}' (did you mean '{close}'?)"
    wanted = entry.strip().upper()
    several = [code for code, _ in pairs if wanted and code.startswith(wanted)]
    if not prefixes and len(several) > 1:
        shown = ", ".join(several[:6]) + (", ..." if len(several) > 6 else "")
        return (
            f"unknown rule '{entry}': it is the start of several rules ({shown}); name one of them"
        )
    return f"unknown rule '{entry}' (expected {EXPECTED_SELECTOR if prefixes else EXPECTED_RULE})"


def _only(found: list[str]) -> str | None:
    return found[0] if len(found) == 1 else None


def _slips(typed: str, known: str) -> int:
    """Edits from `typed` to `known`: characters inserted, deleted or replaced, and neighbours
    swapped (optimal string alignment distance)."""
    rows = len(typed) + 1
    cols = len(known) + 1
    distance = [[0] * cols for _ in range(rows)]
    for i in range(rows):
        distance[i][0] = i
    for j in range(cols):
        distance[0][j] = j
    for i in range(1, rows):
        for j in range(1, cols):
            cost = 0 if typed[i - 1] == known[j - 1] else 1
            distance[i][j] = min(
                distance[i - 1][j] + 1,
                distance[i][j - 1] + 1,
                distance[i - 1][j - 1] + cost,
            )
            if i > 1 and j > 1 and typed[i - 1] == known[j - 2] and typed[i - 2] == known[j - 1]:
                distance[i][j] = min(distance[i][j], distance[i - 2][j - 2] + 1)
    return distance[-1][-1]
