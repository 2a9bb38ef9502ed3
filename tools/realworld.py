"""The real service lines under tests/realworld/: flowlint's findings on them, with their verdicts.

Each line's folder holds the spec as first modelled (`<line>-1.0.yaml`, format 1.0), the same line
re-expressed in format 1.1 (`<line>.yaml`), the verdicts on the findings flowlint gave on the 1.0
spec before format 1.1 (`verdicts-1.0.md`, with its counts) and `verdicts.toml`, a verdict on
every finding flowlint gives now on the 1.1 spec and what became of each problem the first
verdicts listed as missed.

    python tools/realworld.py           # print the tables
    python tools/realworld.py --write   # rewrite the tables in docs/real-world.md
    python tools/realworld.py --check   # exit 1 when docs/real-world.md is stale (a test runs it)

The findings are taken with every rule on (`--select ALL`) and the default rules, `--isolated`,
on the day the verdicts were made (`TODAY`), so that `until` dates judge the same way every run.
"""

from __future__ import annotations

import re
import sys
import tomllib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINES = ROOT / "tests" / "realworld"
DOC = ROOT / "docs" / "real-world.md"
TODAY = "2026-12-02"
VERDICTS = ("TP", "TP-gap", "FP", "MA")
START, END = "<!-- realworld: tables -->\n", "<!-- end -->\n"
_COUNTS = re.compile(
    r"^Counts, default rules \((\d+)\): (.*)\.$|^With `--select ALL` \((\d+)\): (.*)\.$"
)


@dataclass(frozen=True)
class Line:
    """One real line: its findings now (key -> verdict) and its first verdicts' counts."""

    name: str
    now: dict[str, list[tuple[str, str]]]  # "default" / "all" -> [(key, verdict)]
    before: dict[str, tuple[int, Counter[str]]]  # "default" / "all" -> (findings, verdict counts)
    missed: list[dict[str, str]]
    unchanged: list[str]  # the findings now on the format 1.0 spec, default rules
    unjudged: list[str]
    stale: list[str]


def key(code: str, subject: tuple[str, ...]) -> str:
    """How a finding is named in verdicts.toml: its code and its subject."""
    return f"{code} {' '.join(subject)}"


def findings(spec: Path, every_rule: bool) -> list[str]:
    """The keys of the findings flowlint gives on `spec`, as `check --isolated` does."""
    from flowlint.engine import lint, select_rules
    from flowlint.loading import load_paths
    from flowlint.rules import BUILTIN_RULES

    rules = select_rules(BUILTIN_RULES, ["ALL"] if every_rule else None)
    report = lint(load_paths([spec]), rules, today=TODAY)
    return [key(f.code, f.subject) for f in report.findings]


def read_line(folder: Path) -> Line:
    """Run flowlint on one line and match its findings with their verdicts."""
    judged = tomllib.loads((folder / "verdicts.toml").read_text(encoding="utf-8"))
    verdicts = {f"{f['code']} {f['subject']}": f["verdict"] for f in judged.get("finding", [])}
    spec = folder / f"{folder.name}.yaml"
    now = {
        scope: [(k, verdicts.get(k, "?")) for k in findings(spec, scope == "all")]
        for scope in ("default", "all")
    }
    seen = {k for k, _ in now["all"]}
    before: dict[str, tuple[int, Counter[str]]] = {}
    for text in (folder / "verdicts-1.0.md").read_text(encoding="utf-8").splitlines():
        match = _COUNTS.match(text)
        if match:
            scope = "default" if match[1] else "all"
            total, counts = match[1] or match[3], match[2] or match[4]
            parsed = Counter(
                {name: int(n) for name, n in (part.rsplit(" ", 1) for part in counts.split(", "))}
            )
            before[scope] = (int(total), parsed)
    return Line(
        name=folder.name,
        now=now,
        before=before,
        missed=judged.get("missed", []),
        unchanged=findings(folder / f"{folder.name}-1.0.yaml", False),
        unjudged=sorted(k for k in seen if k not in verdicts),
        stale=sorted(k for k in verdicts if k not in seen),
    )


def lines() -> list[Line]:
    """Every real line under tests/realworld/, by name."""
    return [read_line(folder) for folder in sorted(LINES.iterdir()) if folder.is_dir()]


def false_positive_share(line: Line, scope: str) -> float:
    """The share of false positives among the findings now."""
    found = line.now[scope]
    return sum(1 for _, verdict in found if verdict == "FP") / len(found) if found else 0.0


def tables(found: list[Line]) -> str:
    """The Markdown tables of docs/real-world.md: before and after, per line and scope."""
    out = []
    for scope, title in (("default", "Default rules"), ("all", "Every rule (`--select ALL`)")):
        out.append(f"**{title}**\n\n")
        out.append(
            "| Line | Before: findings | FP | MA | After: findings | TP | TP-gap | FP | MA "
            "| FP share |\n"
        )
        out.append("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n")
        for line in found:
            total, counts = line.before[scope]
            now = Counter(verdict for _, verdict in line.now[scope])
            share = false_positive_share(line, scope)
            out.append(
                f"| {line.name} | {total} | {counts['FP']} | {counts['MA']} "
                f"| {len(line.now[scope])} | {now['TP']} | {now['TP-gap']} | {now['FP']} "
                f"| {now['MA']} | {share:.0%} |\n"
            )
        out.append("\n")
    out.append("**The format 1.0 specs, unchanged, with flowlint now (default rules)**\n\n")
    out.append(
        "| Line | Findings | Also on the 1.1 spec: TP | TP-gap | MA | FP "
        "| Gone on the 1.1 spec, by rule |\n"
    )
    out.append("| --- | ---: | ---: | ---: | ---: | ---: | --- |\n")
    for line in found:
        verdicts = dict(line.now["all"])
        kept = Counter(verdicts[k] for k in line.unchanged if k in verdicts)
        gone = Counter(k.split()[0] for k in line.unchanged if k not in verdicts)
        by_rule = ", ".join(f"{code} {n}" for code, n in sorted(gone.items()))
        out.append(
            f"| {line.name} | {len(line.unchanged)} | {kept['TP']} | {kept['TP-gap']} "
            f"| {kept['MA']} | {kept['FP']} | {sum(gone.values())}: {by_rule} |\n"
        )
    out.append("\n")
    out.append("**Problems the first verdicts listed as missed**\n\n")
    out.append("| Line | Listed | Found now | Not found (why: see below) |\n")
    out.append("| --- | ---: | ---: | ---: |\n")
    for line in found:
        hits = sum(1 for m in line.missed if m.get("found_by"))
        out.append(f"| {line.name} | {len(line.missed)} | {hits} | {len(line.missed) - hits} |\n")
    for line in found:
        out.append(f"\n{line.name}:\n\n")
        for missed in line.missed:
            found_by = missed.get("found_by")
            what = f"found: `{found_by}`" if found_by else "not found"
            why = f" {missed['why']}" if missed.get("why") else ""
            out.append(f"- {missed['problem']}: {what}.{why}\n")
    return "".join(out)


def render(text: str, found: list[Line]) -> str:
    """`text` (docs/real-world.md) with its tables regenerated."""
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{START}{tables(found)}{END}{tail}"


def main(argv: list[str]) -> int:
    found = lines()
    for line in found:
        for k in line.unjudged:
            print(f"{line.name}: no verdict for '{k}' in verdicts.toml", file=sys.stderr)
        for k in line.stale:
            print(
                f"{line.name}: verdicts.toml judges '{k}', which flowlint no longer gives",
                file=sys.stderr,
            )
    if "--write" in argv or "--check" in argv:
        old = DOC.read_text(encoding="utf-8")
        new = render(old, found)
        if "--check" in argv:
            if new != old:
                print("docs/real-world.md is out of date: run `python tools/realworld.py --write`")
                return 1
            return 0
        DOC.write_text(new, encoding="utf-8")
        print("updated docs/real-world.md")
        return 0
    sys.stdout.write(tables(found))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
