"""Did-you-mean suggestions: the same as difflib on small sets, still right on large ones."""

from __future__ import annotations

import difflib

import pytest

from flowlint.suggest import Suggester, closest

SERVICES = ["publish", "find", "apply", "manage", "register", "claims", "placements", "dqt"]


@pytest.mark.parametrize("word", ["pubish", "fnd", "aply", "regster", "placement", "xyz", "d"])
def test_small_sets_match_difflib(word: str) -> None:
    expected = difflib.get_close_matches(word, SERVICES, n=1, cutoff=0.6)
    assert closest(word, SERVICES) == (expected[0] if expected else None)


def test_large_sets_still_find_the_typo() -> None:
    many = [f"service-{n:05d}" for n in range(20_000)] + ["passport-office"]
    suggester = Suggester(many)
    assert suggester.closest("passport-offce") == "passport-office"
    assert suggester.closest("service-01234x") == "service-01234"
    assert suggester.closest("zzzzzzzz") is None


def test_unknown_references_in_a_large_spec_get_suggestions() -> None:
    from flowlint.testing import lint_text

    services = "".join(f"  svc-{n}: {{name: S{n}}}\n" for n in range(400))
    flows = "".join(
        f"  - {{from: svc-{n}, to: svc-{n + 1}x, entities: [thing]}}\n" for n in range(300)
    )
    spec = (
        f"flowlint: 1\nservices:\n{services}entities:\n  thing: {{owner: svc-0}}\nflows:\n{flows}"
    )
    findings = lint_text(spec, select=["FL004"])
    assert len(findings) == 300
    assert findings[0].message == (
        "unknown service 'svc-1x' in 'to' of the flow from 'svc-0' to 'svc-1x' (did you mean 'svc-1'?)"
    )
