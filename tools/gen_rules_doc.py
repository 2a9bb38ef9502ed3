"""Write docs/rules.md from the rule modules (their docstrings and metadata).

    python tools/gen_rules_doc.py          # rewrite docs/rules.md
    python tools/gen_rules_doc.py --check  # exit 1 when docs/rules.md is out of date

tests/test_rules_doc.py fails when the file is stale.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "docs" / "rules.md"


def main(argv: list[str]) -> int:
    sys.path.insert(0, str(ROOT))
    from flowlint.ruledocs import render_rules_markdown
    from flowlint.rules import BUILTIN_RULES

    text = render_rules_markdown(BUILTIN_RULES)
    current = TARGET.read_text(encoding="utf-8") if TARGET.exists() else None
    if "--check" in argv:
        if current != text:
            print("docs/rules.md is out of date: run `python tools/gen_rules_doc.py`")
            return 1
        return 0
    if current != text:
        TARGET.parent.mkdir(parents=True, exist_ok=True)
        TARGET.write_text(text, encoding="utf-8")
        print("updated docs/rules.md")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
