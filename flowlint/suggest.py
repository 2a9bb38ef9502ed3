"""'Did you mean ...?': the closest known id to a misspelt one, fast on large id sets.

difflib compares a word with every candidate, which is quadratic when a big spec has many unknown
references. A trigram index first narrows the candidates to the few that share most letter
triples with the word; difflib then ranks only those, so suggestions match difflib's on small
sets and stay cheap on large ones.
"""

from __future__ import annotations

import difflib
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
