"""'Did you mean ...?': the closest known id to a misspelt one, at a bounded cost per look-up.

A spec may have thousands of unknown references, and its ids may be long and share most of their
letters (10,000 unknown ids with a common 200-character prefix took 189 s when each was compared
with every candidate sharing a letter triple). So the work of one look-up is bounded, whatever
the spec:

- up to `_SMALL` candidates, each is compared; beyond, a trigram index picks the `_SHORTLIST`
  candidates sharing most of the word's rarest letter triples, reading at most `_POSTINGS` index
  entries (triples shared by more candidates than that tell little and are passed over), and the
  `_NEIGHBOURS` candidates on either side of the word in sorted order, and in the order of their
  reversed text, which share the longest beginning or end with it (a typo in a long id that most
  ids share the start of);
- a comparison is difflib's similarity ratio; for long words, the common beginning and end count
  as matched and difflib compares only what is left, at most `_EXACT` characters of each side.

On small sets and short words the answer is exactly difflib's `get_close_matches(n=1)`. The time
of a look-up grows with the length of the word, never with the number of candidates.
"""

from __future__ import annotations

import bisect
import difflib
from collections import Counter, defaultdict
from collections.abc import Iterable

CUTOFF = 0.6
_SMALL = 32  # up to this many candidates, every one is compared
_SHORTLIST = 12  # beyond, the index picks this many to compare
_POSTINGS = 1_000  # index entries one look-up reads at most
_EXACT = 64  # words up to this long are compared exactly as difflib does
_NEIGHBOURS = 3  # candidates taken on either side of the word in each sorted order


class Suggester:
    """Suggest the closest of a fixed set of candidates; results are remembered per word."""

    def __init__(self, candidates: Iterable[str]) -> None:
        self._candidates = list(dict.fromkeys(candidates))
        self._memo: dict[str, str | None] = {}
        # Built at the first look-up: most specs have no misspelt id, and then no look-up at all.
        self._index: dict[str, list[str]] | None = None
        self._forward: list[str] = []
        self._backward: list[str] = []  # each candidate reversed

    def closest(self, word: str) -> str | None:
        """The best candidate with a similarity of at least 0.6, or None."""
        if word not in self._memo:
            self._memo[word] = self._find(word)
        return self._memo[word]

    def _find(self, word: str) -> str | None:
        pool = self._candidates if len(self._candidates) <= _SMALL else self._shortlist(word)
        best: tuple[float, str] | None = None
        for candidate in pool:
            floor = CUTOFF if best is None else max(CUTOFF, best[0])
            score = similarity(candidate, word, floor)
            # Ties go to the greater candidate, as in difflib.get_close_matches.
            if score >= floor and (best is None or (score, candidate) > best):
                best = (score, candidate)
        return best[1] if best is not None else None

    def _shortlist(self, word: str) -> list[str]:
        index = self._index
        if index is None:
            index = self._index = defaultdict(list)
            for candidate in self._candidates:
                for gram in _trigrams(candidate):
                    index[gram].append(candidate)
            self._forward = sorted(self._candidates)
            self._backward = sorted(candidate[::-1] for candidate in self._candidates)
        found = [postings for gram in _trigrams(word) if (postings := index.get(gram))]
        found.sort(key=len)  # rarest first: they tell candidates apart
        shared: Counter[str] = Counter()
        budget = _POSTINGS
        for postings in found:
            if len(postings) > budget:
                break
            budget -= len(postings)
            shared.update(postings)
        picked = [candidate for candidate, _ in shared.most_common(_SHORTLIST)]
        picked += _neighbours(self._forward, word)
        picked += [c[::-1] for c in _neighbours(self._backward, word[::-1])]
        return list(dict.fromkeys(picked))


def similarity(candidate: str, word: str, floor: float = 0.0) -> float:
    """difflib's ratio of the two (0 to 1), at a cost bounded by `_EXACT` characters a side plus
    a scan of their common beginning and end; 0 as soon as it is clear it is below `floor`."""
    total = len(candidate) + len(word)
    if not total:
        return 1.0
    # The most the ratio can be, from the lengths alone (difflib's real_quick_ratio).
    if 2.0 * min(len(candidate), len(word)) / total < floor:
        return 0.0
    if len(candidate) <= _EXACT and len(word) <= _EXACT:
        matcher = difflib.SequenceMatcher(None, candidate, word)
        return matcher.ratio() if matcher.quick_ratio() >= floor else 0.0
    start = _common_prefix(candidate, word)
    end = _common_prefix(candidate[start:][::-1], word[start:][::-1])
    left = candidate[start : len(candidate) - end][:_EXACT]
    right = word[start : len(word) - end][:_EXACT]
    matched = start + end
    if 2.0 * (matched + min(len(left), len(right))) / total < floor:
        return 0.0
    if left and right:
        matched += difflib.SequenceMatcher(None, left, right).ratio() * (len(left) + len(right)) / 2
    return 2.0 * matched / total


def _neighbours(ordered: list[str], word: str) -> list[str]:
    """The candidates on either side of where `word` sorts among `ordered`."""
    at = bisect.bisect_left(ordered, word)
    return ordered[max(at - _NEIGHBOURS, 0) : at + _NEIGHBOURS]


def _common_prefix(a: str, b: str) -> int:
    """How many characters `a` and `b` share at their start (a binary search of C compares)."""
    low, high = 0, min(len(a), len(b))
    while low < high:
        middle = (low + high + 1) // 2
        if a[:middle] == b[:middle]:
            low = middle
        else:
            high = middle - 1
    return low


def closest(word: str, candidates: Iterable[str]) -> str | None:
    """One-off suggestion: the closest candidate to `word`, or None."""
    return Suggester(candidates).closest(word)


def _trigrams(word: str) -> set[str]:
    padded = f"  {word} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}
