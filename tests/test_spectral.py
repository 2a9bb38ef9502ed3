"""The Spectral ruleset of the benchmark (bench/spectral/) checks what it says it checks.

bench/run.py times Spectral, the ruleset linter a team might use instead, with a ruleset that
holds flowlint's JSON Schema and custom functions for unknown references and single owner. A
comparison means something only if that ruleset finds the same mistakes: here Spectral runs on
generated specs and must report each problem bench/generate.py plants that its rules cover (a
duplicate key, schema errors, an unknown reference, an entity with two owners) where flowlint
reports it, and nothing else.

Needs Node.js and Spectral from the npm registry (.ci/run installs it):

    npm install --prefix .cache/spectral --no-save --no-package-lock @stoplight/spectral-cli@6.16.3

or FLOWLINT_SPECTRAL naming a `spectral` command. Without it the tests are skipped with the
reason, which CI (FLOWLINT_REQUIRE=all, tests/needs.py) reports as a failure.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from flowlint.engine import lint, select_rules
from flowlint.loading import Loaded, parse_text
from flowlint.rules import BUILTIN_RULES
from tests.test_bench import generate, run

ROOT = Path(__file__).resolve().parent.parent

# What each Spectral rule stands for in flowlint.
CODES = {
    "parser": "FL002",  # Spectral's YAML parser reports duplicate keys
    "flowlint-schema": "FL003",
    "flowlint-unknown-service": "FL004",
    "flowlint-unknown-entity": "FL004",
    "flowlint-unknown-api": "FL004",
    "flowlint-single-owner": "FL101",
}


@pytest.fixture(scope="module")
def spectral() -> str:
    found = run.spectral()
    if found is None:
        pytest.skip(
            f"Spectral is not installed ({run.SPECTRAL_INSTALL}, with Node.js; or set "
            "FLOWLINT_SPECTRAL)"
        )
    return found


def spectral_results(path: Path) -> list[tuple[str, str, int]]:
    """(flowlint code, pointer, line) of each result of Spectral with the benchmark's ruleset."""
    done = subprocess.run(
        run.spectral_command(path), capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode in (0, 1), done.stderr
    return sorted(
        (
            CODES[result["code"]],
            "".join(f"/{str(p).replace('~', '~0').replace('/', '~1')}" for p in result["path"]),
            result["range"]["start"]["line"] + 1,
        )
        for result in json.loads(done.stdout)
    )


def flowlint_findings(text: str, codes: set[str]) -> list[tuple[str, str, int]]:
    report = lint(Loaded((parse_text(text, "spec.yaml"),)), select_rules(BUILTIN_RULES))
    return sorted(
        (f.code, f.location.pointer, f.location.line) for f in report.findings if f.code in codes
    )


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "spec.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_ruleset_is_made_from_the_current_schema() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "spectral" / "make_ruleset.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    ruleset = json.loads(run.SPECTRAL_RULESET.read_text(encoding="utf-8"))
    assert "$ref" not in json.dumps(ruleset)  # Spectral would silently skip the schema
    assert set(ruleset["rules"]) == set(CODES) - {"parser"}


def test_spectral_reports_the_planted_problems_where_flowlint_does(
    spectral: str, tmp_path: Path
) -> None:
    spec = generate.generate(500, seed=7, invalid=True)
    found = spectral_results(write(tmp_path, spec.text))
    ours = flowlint_findings(spec.text, set(CODES.values()))
    assert Counter(code for code, _, _ in ours) == Counter(
        {"FL002": 1, "FL003": 3, "FL004": 1, "FL101": 1}
    )
    # The duplicate key, the unknown reference and the two owners: the same place.
    exact = [finding for finding in ours if finding[0] != "FL003"]
    assert [result for result in found if result[0] != "FL003"] == exact
    # Schema errors: at the same node, or (AJV's `propertyNames`, `additionalProperties`) at the
    # mapping that holds it; and every one of Spectral's is about one of flowlint's.
    schema = [result for result in found if result[0] == "FL003"]
    for _, pointer, _ in (finding for finding in ours if finding[0] == "FL003"):
        assert any(pointer == p or pointer.startswith(p + "/") for _, p, _ in schema), pointer
    flowlint_pointers = [p for code, p, _ in ours if code == "FL003"]
    for _, pointer, _ in schema:
        assert any(p == pointer or p.startswith(pointer + "/") for p in flowlint_pointers)


@pytest.mark.parametrize("format_1_1", [False, True])
def test_on_the_benchmark_spec_spectral_finds_what_flowlint_finds_with_the_same_rules(
    spectral: str, tmp_path: Path, format_1_1: bool
) -> None:
    spec = generate.generate(500, seed=7, format_1_1=format_1_1, many_findings=True)
    found = spectral_results(write(tmp_path, spec.text))
    assert found == flowlint_findings(spec.text, set(CODES.values()))
    assert [code for code, _, _ in found] == ["FL004", "FL101"]


def test_spectral_reads_scoped_owners_and_every_kind_of_reference(
    spectral: str, tmp_path: Path
) -> None:
    text = """\
flowlint: 1.1
services:
  a: {name: A, edits: [nowhere-1], distributes: [e], creates: [nowhere-2]}
  b: {name: B}
entities:
  e:
    owner:
      - {service: a, scope: made here}
      - {service: ghost-1}
  f: {owner: [a, b], derived_from: [nowhere-3]}
  g: {owner: a, relationships: [{name: Part, to: nowhere-4}]}
  h: {name: No owner}
relationships:
  - {name: Link, from: e, to: nowhere-5, defined_by: [a, ghost-2], stored_in: ghost-3}
flows:
  - {from: a, to: ghost-4, entities: [e, nowhere-6], via: api, api: no-such-api}
apis:
  api-a: {name: API, service: ghost-5, access: read, docs: https://example.org, entities: [nowhere-7]}
"""
    found = spectral_results(write(tmp_path, text))
    assert found == flowlint_findings(text, set(CODES.values()))
    assert Counter(code for code, _, _ in found) == Counter({"FL004": 13, "FL101": 3})
