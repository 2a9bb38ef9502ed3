"""'Did you mean ...?': the closest known id to a misspelt one, at a bounded cost per look-up; and
the one suggester for rule codes and names (`closest_rule`, `unknown_rule`).

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

On small sets and short words the answer is the candidate difflib finds most similar (of those
equally similar, the one that differs in fewest places). The time of a look-up grows with the
length of the word, never with the number of candidates. A rule code or name is suggested only for
an entry of at most `_RULE_ENTRY` characters (codes and names are short, and a suppression comment
in a spec may hold anything).
"""

from __future__ import annotations

import bisect
import difflib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable

from flowlint.wording import quoted

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
        best = CUTOFF
        tied: list[str] = []
        for candidate in pool:
            score = similarity(candidate, word, best)
            if score > best:
                best, tied = score, [candidate]
            elif score == best:
                tied.append(candidate)
        if not tied:
            return None
        # Among equally close candidates difflib prefers the greatest string ('FL113' for
        # 'FL1O1'); prefer the one that differs in fewest places instead ('FL101').
        return min(tied, key=lambda c: (_differences(word, c), c))

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
_RULE_ENTRY = 64
_NAME_CUTOFF = 0.85

EXPECTED_SELECTOR = "a rule code (FL101), name (single-owner), code prefix (FL1) or ALL"
EXPECTED_RULE = "a rule code (FL101) or name (single-owner)"


def closest_rule(entry: str, rules: Iterable[tuple[str, str]]) -> str | None:
    """The code or name (in the form typed) that a mistyped `entry` most plausibly means, from
    the `(code, name)` of each known rule; None when no rule is a plausible match, or several are
    equally so."""
    entry = entry.strip()
    if len(entry) > _RULE_ENTRY:
        return None  # no code or name is this long; and _slips costs its length squared
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
        return f"unknown rule {quoted(entry)} (did you mean '{close}'?)"
    wanted = entry.strip().upper()
    several = [code for code, _ in pairs if wanted and code.startswith(wanted)]
    if not prefixes and len(several) > 1:
        shown = ", ".join(several[:6]) + (", ..." if len(several) > 6 else "")
        return (
            f"unknown rule {quoted(entry)}: it is the start of several rules ({shown}); name one "
            "of them"
        )
    expected = EXPECTED_SELECTOR if prefixes else EXPECTED_RULE
    return f"unknown rule {quoted(entry)} (expected {expected})"


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
