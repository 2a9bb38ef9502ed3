"""What a pull request changes in its own gate, listed for the reviewer.

A pull request can weaken the check that gates it without touching a spec: by editing the
configuration, the baseline or a rule module, or by adding suppression comments. Two findings
make that visible:

- FL904 policy-changed (`check --policy-from REV`): the check runs with REV's policy, and each way
  the work tree's configuration is weaker than REV's is one problem at its key: rules turned off
  (`select`, `ignore`, `extend-select`), a laxer `fail-on`, lower severities, new
  `per-path-ignores`, another `baseline` or `specs`, new `rules-dir` folders, changed
  `rule-options`, a configuration that cannot be read or is gone; also rule modules of REV's
  rules folders that the work tree changes, adds or removes, and (without `--new-since`) baseline
  entries REV's baseline does not have.
- FL905 new-suppression (`check --new-since REV`): each suppression comment, and each baseline
  entry, added since the merge base.

Stricter settings are not reported: they weaken nothing. Pure: settings, texts and baselines in,
problems out (`flowlint.settings` and `flowlint.commands.check` read the files and git); the
engine's caller turns the problems into findings of the two rules.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from flowlint.baseline import Baseline, stable_pointer
from flowlint.config import Settings
from flowlint.findings import Location, Problem, Severity
from flowlint.loading import SourceFile
from flowlint.rule import Rule

POLICY_CHANGED = "FL904"
NEW_SUPPRESSION = "FL905"
# At most this many rules or entries are named in one message; the rest are counted.
MAX_LISTED = 10

# fail-on levels from the strictest: a finding at or above the level fails the check.
_STRICTNESS = {"info": 3, "warning": 2, "error": 1, "never": 0}


@dataclass(frozen=True, slots=True)
class ConfigText:
    """A configuration file that findings point into: its path as shown, its text, and whether
    it is a `pyproject.toml` (whose keys are under `[tool.flowlint]`)."""

    path: str
    text: str
    pyproject: bool = False

    def location(self, key: str) -> Location:
        """Where `key` of the flowlint table is set, or the top of the file."""
        prefix = "/tool/flowlint" if self.pyproject else ""
        line, column = key_position(self.text, key, self.pyproject)
        return Location(self.path, line, column, f"{prefix}/{key}")


def policy_changes(
    trusted: Settings,
    proposed: Settings,
    where: ConfigText,
    rules: Sequence[Rule],
    rev: str,
) -> list[Problem]:
    """How the `proposed` settings (the work tree's configuration, at `where`) are weaker than the
    `trusted` ones (the policy at `rev`); `rules` are every rule known in the run."""
    from flowlint.engine import matches, select_rules

    problems: list[Problem] = []
    policy = f"the policy at {rev}"
    names = {rule.code: rule.name for rule in rules}

    def add(key: str, message: str, *detail: str) -> None:
        problems.append(Problem(where.location(key), message, ("policy", key, *detail)))

    def running(settings: Settings) -> set[str]:
        chosen = select_rules(rules, settings.select, settings.ignore, settings.extend_select)
        return {rule.code for rule in chosen}

    off = sorted(running(trusted) - running(proposed), key=_code_order)
    if off:
        key = _first_set(("ignore", "select", "extend-select"), trusted, proposed)
        add(key, f"turns off {_rules(off, names)}, which {policy} runs", *off)
    if _STRICTNESS[proposed.fail_on] < _STRICTNESS[trusted.fail_on]:
        consequence = (
            "no finding fails the check"
            if proposed.fail_on == "never"
            else f"findings below {proposed.fail_on} no longer fail the check"
        )
        add(
            "fail-on",
            f"fail-on is '{proposed.fail_on}' instead of '{trusted.fail_on}' ({policy}): "
            f"{consequence}",
            proposed.fail_on,
        )
    ran = running(trusted)
    for rule in rules:
        before = Severity(trusted.severity.get(rule.code, rule.severity))
        after = Severity(proposed.severity.get(rule.code, rule.severity))
        if after.rank < before.rank and rule.code in ran:
            add(
                "severity",
                f"lowers {rule.code} {rule.name} from {before.value} to {after.value} "
                f"({policy}: {before.value})",
                rule.code,
                after.value,
            )
    ignored_before = _path_ignores(trusted, rules, matches)
    for glob, codes in _path_ignores(proposed, rules, matches).items():
        added = sorted(codes - ignored_before.get(glob, set()))
        if added:
            add(
                "per-path-ignores",
                f"ignores {_rules(added, names)} in {glob}, which {policy} does not",
                glob,
                *added,
            )
    if proposed.baseline != trusted.baseline and proposed.baseline is not None:
        was = f"instead of {trusted.baseline}" if trusted.baseline else "where there is none"
        add(
            "baseline",
            f"names the baseline {proposed.baseline} {was} in {policy}",
            proposed.baseline,
        )
    if proposed.specs != trusted.specs:
        add(
            "specs",
            f"checks {_listing(proposed.specs)} instead of {_listing(trusted.specs)} ({policy})",
            *proposed.specs,
        )
    new_folders = [folder for folder in proposed.rules_dir if folder not in trusted.rules_dir]
    if new_folders:
        add(
            "rules-dir",
            f"adds the rules folder {_listing(new_folders)}, whose code {policy} does not run",
            *new_folders,
        )
    for code in sorted(set(proposed.rule_options) | set(trusted.rule_options)):
        before_options = trusted.rule_options.get(code, {})
        after_options = proposed.rule_options.get(code, {})
        if before_options != after_options:
            add(
                "rule-options",
                f"changes the options of {code} {names.get(code, '')}".rstrip()
                + f" to {_json(after_options)} ({policy}: {_json(before_options)})",
                code,
            )
    return problems


def unreadable(where: ConfigText, error: str, rev: str) -> Problem:
    """The work tree's configuration cannot be read with the policy's rules."""
    return Problem(
        Location(where.path, 1, 1),
        f"this configuration cannot be used with the policy at {rev}: {error}",
        ("policy", "unreadable"),
    )


def gone(path: str, rev: str) -> Problem:
    """The policy's configuration file is not in the work tree (and none replaces it)."""
    return Problem(
        Location(path, 1, 1),
        f"the configuration {path} of {rev} is gone from the work tree: flowlint would run "
        "with its defaults",
        ("policy", "gone"),
    )


def module_changes(
    trusted: Mapping[str, str], here: Mapping[str, str | None], rev: str
) -> list[Problem]:
    """Rule modules of the policy's rules folders that the work tree changes, adds or removes.

    `trusted` maps each module path (as shown) to its text at `rev`; `here` maps each module in
    the same folders in the work tree to its text (None: present but not read, a symbolic link).
    """
    problems = []
    for path in sorted(set(trusted) | set(here)):
        if path not in here:
            what = f"is removed; {rev} has it"
        elif path not in trusted:
            what = f"is new; {rev} does not have it"
        elif here[path] is None:
            what = "is a symbolic link here"
        elif here[path] != trusted[path]:
            what = f"differs from {rev}'s"
        else:
            continue
        problems.append(
            Problem(
                Location(path, 1, 1),
                f"the rule module {path} {what}; this check ran the rules at {rev}",
                ("policy", "module", path),
            )
        )
    return problems


def new_baseline_entries(
    here: Baseline, before: Baseline, path: str, text: str, rev: str, *, since: bool
) -> list[Problem]:
    """Entries of the work tree's baseline (`here`, the file `path` with `text`) beyond those of
    `before`: FL905's wording when `since` (new since the merge base of `rev`), else FL904's."""
    known = before.counts()
    lines, indexes = _entry_places(text)
    problems = []
    for entry in here.entries:
        added = entry.count - known[entry.fingerprint]
        if added <= 0:
            continue
        hides = f"it hides {added} finding{'' if added == 1 else 's'}"
        if since:
            message = f"baseline entry added since {rev}: {entry.describe()}; {hides} from check"
        else:
            message = (
                f"baseline entry that the baseline at {rev} does not have: {entry.describe()}; "
                f"{hides} once merged (this check used the baseline at {rev})"
            )
        line = lines.get(entry.fingerprint, 1)
        pointer = f"/findings/{indexes[entry.fingerprint]}" if entry.fingerprint in indexes else ""
        problems.append(
            Problem(
                Location(path, line, 1 if line == 1 else 5, pointer),
                message,
                ("baseline", entry.fingerprint),
            )
        )
    return problems


def new_suppressions(
    now: Iterable[SourceFile], before: Iterable[SourceFile], names: Mapping[str, str], rev: str
) -> list[Problem]:
    """Suppression comments in `now` that silence a rule they did not silence at `before` (the
    merge base of `rev`): matched by the rule and the node they cover (its stable pointer), so a
    comment that moves with its node, or only changes its reason, is not new."""
    from flowlint.suppressions import RuleNames, find_suppressions

    resolver = RuleNames(names)

    def keys(source: SourceFile) -> Iterable[tuple[tuple[str, str], object, str]]:
        for suppression in find_suppressions(source):
            stable = stable_pointer(source.data, suppression.pointer or "")
            for entry, _ in suppression.codes:
                code = resolver.resolve(entry) or entry.upper()
                yield (stable, code), suppression, entry

    known: Counter[tuple[str, str]] = Counter()
    for source in before:
        for key, _, _ in keys(source):
            known[key] += 1
    problems = []
    for source in now:
        fresh: dict[int, tuple[object, list[str]]] = {}
        for key, suppression, entry in keys(source):
            if known[key] > 0:
                known[key] -= 1
                continue
            fresh.setdefault(id(suppression), (suppression, []))[1].append(entry)
        for suppression, entries in fresh.values():
            problems.append(_new_suppression(source, suppression, entries, rev))
    return problems


def _new_suppression(
    source: SourceFile, suppression: object, entries: list[str], rev: str
) -> Problem:
    from flowlint.suppressions import Suppression

    assert isinstance(suppression, Suppression)
    pointer = suppression.pointer or ""
    reason = suppression.reason
    if len(reason) > 80:
        reason = reason[:79] + "…"
    why = f"reason: {reason}" if reason else "no reason given"
    covered = f" at {pointer}" if pointer else ""
    return Problem(
        Location(suppression.file, suppression.line, suppression.column, pointer),
        f"suppression of {', '.join(entries)}{covered} added since {rev} ({why})",
        ("suppression", stable_pointer(source.data, pointer), *entries, "new"),
    )


def example_problems(code: str, example: str, rules: Sequence[Rule]) -> list[Problem]:
    """What FL904 or FL905 reports for an example of its documentation, read as a pull request
    whose base revision has none of it: FL904's example is a `flowlint.toml` compared with the
    defaults, FL905's a spec compared with no spec. [] for other codes."""
    import textwrap
    import tomllib

    from flowlint.config import Overrides, parse_config, resolve
    from flowlint.loading import parse_text

    example = textwrap.dedent(example)
    if code == POLICY_CHANGED:
        where = ConfigText("flowlint.toml", example)
        config = parse_config(tomllib.loads(example), where.path, "/repo", rules)
        proposed = resolve(config, Overrides(), "/repo")
        return policy_changes(Settings(), proposed, where, rules, "main")  # the defaults
    if code == NEW_SUPPRESSION:
        source = parse_text(example, "spec.yaml")
        return new_suppressions([source], [], {rule.code: rule.name for rule in rules}, "main")
    return []


# ---------------------------------------------------------------------------------------------


def key_position(text: str, key: str, pyproject: bool) -> tuple[int, int]:
    """1-based (line, column) where `key` of the flowlint table is set in a TOML text: `key =`,
    a dotted `key.x =`, or a `[key]` / `[key.x]` table header; (1, 1) when it is not found."""
    table = "tool.flowlint" if pyproject else ""
    current = ""
    header = re.compile(r"^\s*\[\s*([^\[\]]+?)\s*\]\s*(?:#.*)?$")
    assignment = re.compile(r"^(\s*)(\"?)" + re.escape(key) + r"\2\s*(?:=|\.)")
    for number, line in enumerate(text.splitlines(), start=1):
        found = header.match(line)
        if found:
            current = _unquote(found.group(1))
            wanted = f"{table}.{key}" if table else key
            if current == wanted or current.startswith(wanted + "."):
                return number, line.index("[") + 1
            continue
        if current == table:
            match = assignment.match(line)
            if match:
                return number, len(match.group(1)) + 1
    return 1, 1


def _code_order(code: str) -> tuple[str, int]:
    letters = code.rstrip("0123456789")  # a code is letters and digits (plugins.CODE_FORMAT)
    return letters, int(code[len(letters) :])


def _unquote(dotted: str) -> str:
    return ".".join(part.strip().strip('"').strip("'") for part in dotted.split("."))


def _first_set(keys: Sequence[str], trusted: Settings, proposed: Settings) -> str:
    """The first of `keys` whose value differs from the policy's (when rules are turned off, one
    of them does)."""
    return next(key for key in keys if proposed.value(key) != trusted.value(key))


def _path_ignores(settings: Settings, rules: Sequence[Rule], matches) -> dict[str, set[str]]:  # type: ignore[no-untyped-def]
    return {
        glob: {rule.code for rule in rules if any(matches(rule, s) for s in selectors)}
        for glob, selectors in settings.per_path_ignores.items()
    }


def _rules(codes: Sequence[str], names: Mapping[str, str]) -> str:
    shown = [f"{code} {names[code]}" for code in codes[:MAX_LISTED]]
    more = f" and {len(codes) - MAX_LISTED} more" if len(codes) > MAX_LISTED else ""
    count = "1 rule" if len(codes) == 1 else f"{len(codes)} rules"
    return f"{count} ({', '.join(shown)}{more})"


def _listing(values: Sequence[str]) -> str:
    shown = ", ".join(values[:MAX_LISTED])
    more = f" and {len(values) - MAX_LISTED} more" if len(values) > MAX_LISTED else ""
    return f"[{shown}{more}]"


def _json(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return text if len(text) <= 80 else text[:79] + "…"


def _entry_places(text: str) -> tuple[dict[str, int], dict[str, int]]:
    """For each fingerprint in a baseline file's text: its line, and its index in "findings"."""
    lines: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        found = re.search(r'"fingerprint"\s*:\s*"([^"]+)"', line)
        if found:
            lines.setdefault(found.group(1), number)
    indexes: dict[str, int] = {}
    try:
        items = json.loads(text).get("findings")
    except (ValueError, AttributeError):  # not JSON, or not a JSON object
        return lines, indexes
    for index, item in enumerate(items if isinstance(items, list) else []):
        if isinstance(item, dict) and isinstance(item.get("fingerprint"), str):
            indexes.setdefault(item["fingerprint"], index)
    return lines, indexes
