"""docs/rules.md is generated from the rule modules and kept up to date."""

from __future__ import annotations

import re
import subprocess
import sys

from flowlint.ruledocs import render_rules_markdown
from flowlint.rules import BUILTIN_RULES
from tests.conftest import ROOT

RULES_DOC = ROOT / "docs" / "rules.md"


def test_docs_rules_md_is_up_to_date() -> None:
    assert RULES_DOC.read_text(encoding="utf-8") == render_rules_markdown(BUILTIN_RULES), (
        "docs/rules.md is out of date: run `python tools/gen_rules_doc.py`"
    )


def test_every_rule_has_an_index_row_and_a_section_with_both_examples() -> None:
    text = render_rules_markdown(BUILTIN_RULES)
    for rule in BUILTIN_RULES:
        anchor = f"{rule.code}-{rule.name}".lower()
        assert f"| [{rule.code}](#{anchor}) | `{rule.name}` | {rule.severity.value} |" in text
        section = text.split(f"\n## {rule.code} {rule.name}\n", 1)[1].split("\n## ", 1)[0]
        assert f"```{rule.example_format}\n{rule.doc.fails}```" in section
        assert f"```{rule.example_format}\n{rule.doc.passes}```" in section
        assert f"**How to fix.** {rule.doc.fix[:1].upper()}{rule.doc.fix[1:]}" in section
    # One section per rule, in code order.
    assert re.findall(r"^## (FL\d{3}) ", text, re.M) == sorted(r.code for r in BUILTIN_RULES)


def test_the_generator_check_mode_passes() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "gen_rules_doc.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert (done.returncode, done.stdout) == (0, "")
