"""FL904 policy-changed: each way a work-tree configuration is weaker than the policy's, at its key.

The comparison is pure (`flowlint.gate`); tests/hostile/cases.toml runs it through
`flowlint check --policy-from` in real repositories.
"""

from __future__ import annotations

import textwrap
import tomllib

from flowlint import gate
from flowlint.baseline import Baseline, Entry
from flowlint.config import Overrides, Settings, parse_config, resolve
from flowlint.findings import Location
from flowlint.rules import BUILTIN_RULES

POLICY = 'fail-on = "warning"\nseverity = {unused-entity = "warning"}\n'


def settings(text: str, pyproject: bool = False) -> Settings:
    table = tomllib.loads(text)
    if pyproject:
        table = table["tool"]["flowlint"]
    return resolve(
        parse_config(table, "flowlint.toml", "/repo", BUILTIN_RULES), Overrides(), "/repo"
    )


def changes(proposed: str, policy: str = POLICY, pyproject: bool = False):
    proposed = textwrap.dedent(proposed)
    name = "pyproject.toml" if pyproject else "flowlint.toml"
    where = gate.ConfigText(name, proposed, pyproject)
    return gate.policy_changes(
        settings(policy), settings(proposed, pyproject), where, BUILTIN_RULES, "origin/main"
    )


def test_the_same_policy_or_a_stricter_one_is_not_reported() -> None:
    assert changes(POLICY) == []
    stricter = 'select = ["ALL"]\nfail-on = "info"\nseverity = {unused-entity = "error"}\n'
    assert changes(stricter) == []


def test_rules_turned_off_are_named_at_the_key_that_turns_them_off() -> None:
    found = changes(POLICY + 'ignore = ["FL101", "lost-edit"]\n')
    assert [(p.location, p.message) for p in found] == [
        (
            Location("flowlint.toml", 3, 1, "/ignore"),
            "turns off 2 rules (FL101 single-owner, FL103 lost-edit), which the policy at "
            "origin/main runs",
        )
    ]
    assert found[0].subject == ("policy", "ignore", "FL101", "FL103")


def test_ignore_all_names_ten_rules_and_counts_the_rest() -> None:
    (found,) = changes(POLICY + 'ignore = ["ALL"]\n')
    assert found.message.startswith("turns off 30 rules (FL001 yaml-syntax, FL002 duplicate-key,")
    assert found.message.endswith(
        "FL105 unused-entity and 20 more), which the policy at origin/main runs"
    )


def test_a_narrower_select_is_reported_at_select() -> None:
    (found,) = changes('select = ["FL1"]\n' + POLICY)
    assert found.location == Location("flowlint.toml", 1, 1, "/select")
    assert "FL201 duplicate-relationship" in found.message
    # The subject (what a baseline fingerprints) names every rule turned off, by code.
    assert found.subject == (
        "policy",
        "select",
        *("FL001", "FL002", "FL003", "FL004", "FL005", "FL201", "FL202", "FL301", "FL302"),
        *("FL303", "FL304", "FL306", "FL901", "FL902", "FL903", "FL904", "FL905"),
    )


def test_a_laxer_fail_on() -> None:
    (found,) = changes('fail-on = "error"\nseverity = {unused-entity = "warning"}\n')
    assert (found.location.line, found.location.pointer) == (1, "/fail-on")
    assert found.message == (
        "fail-on is 'error' instead of 'warning' (the policy at origin/main): findings below "
        "error no longer fail the check"
    )
    assert found.subject == ("policy", "fail-on", "error")
    (never,) = changes('fail-on = "never"\nseverity = {unused-entity = "warning"}\n')
    assert never.message.endswith(": no finding fails the check")
    assert never.subject == ("policy", "fail-on", "never")


def test_lower_severities_from_a_table_header() -> None:
    found = changes(
        """\
        fail-on = "warning"

        [severity]
        unused-entity = "info"
        single-owner = "warning"
        """
    )
    assert [(p.location.line, p.location.column, p.message) for p in found] == [
        (
            3,
            1,
            "lowers FL101 single-owner from error to warning (the policy at origin/main: error)",
        ),
        (
            3,
            1,
            "lowers FL105 unused-entity from warning to info (the policy at origin/main: warning)",
        ),
    ]
    assert [p.subject for p in found] == [
        ("policy", "severity", "FL101", "warning"),
        ("policy", "severity", "FL105", "info"),
    ]


def test_new_per_path_ignores_baseline_specs_rules_dir_and_options() -> None:
    found = changes(
        POLICY
        + 'per-path-ignores = {"specs/legacy/**" = ["FL101"]}\n'
        + 'baseline = "known.json"\n'
        + 'specs = ["specs/empty"]\n'
    )
    assert [(p.location.pointer, p.message) for p in found] == [
        (
            "/per-path-ignores",
            "ignores 1 rule (FL101 single-owner) in specs/legacy/**, which the policy at "
            "origin/main does not",
        ),
        (
            "/baseline",
            "names the baseline known.json where there is none in the policy at origin/main",
        ),
        ("/specs", "checks [specs/empty] instead of [specs] (the policy at origin/main)"),
    ]
    assert [p.subject for p in found] == [
        ("policy", "per-path-ignores", "specs/legacy/**", "FL101"),
        ("policy", "baseline", "known.json"),
        ("policy", "specs", "specs/empty"),
    ]


def test_keys_of_a_pyproject_are_found_in_its_table() -> None:
    text = '[project]\nname = "x"\nfail-on = "never"\n\n[tool.flowlint]\nfail-on = "never"\n'
    (found,) = changes(text, 'fail-on = "warning"\n', pyproject=True)
    assert found.location == Location("pyproject.toml", 6, 1, "/tool/flowlint/fail-on")


def test_key_position_forms() -> None:
    text = 'a = 1\n  "fail-on" = "never"\n[severity]\nx = 1\n[rule-options.ORG101]\n'
    assert gate.key_position(text, "fail-on", False) == (2, 3)
    assert gate.key_position(text, "severity", False) == (3, 1)
    assert gate.key_position(text, "rule-options", False) == (5, 1)
    assert gate.key_position(text, "ignore", False) == (1, 1)
    dotted = "[tool.flowlint]\nseverity.FL101 = 'info'\n"
    assert gate.key_position(dotted, "severity", True) == (2, 1)


def test_unreadable_and_gone() -> None:
    where = gate.ConfigText("flowlint.toml", "select = 1\n")
    problem = gate.unreadable(where, "flowlint.toml: 'select': expected a list", "main")
    assert (problem.location, problem.message) == (
        Location("flowlint.toml", 1, 1, ""),
        "this configuration cannot be used with the policy at main: flowlint.toml: 'select': "
        "expected a list",
    )
    assert gate.gone("pyproject.toml", "main").message == (
        "the configuration pyproject.toml of main is gone from the work tree: flowlint would run "
        "with its defaults"
    )
    assert problem.subject == ("policy", "unreadable")
    assert gate.gone("pyproject.toml", "main").subject == ("policy", "gone")


def test_rule_modules_changed_added_removed_or_linked() -> None:
    trusted = {"rules/a.py": "A", "rules/b.py": "B", "rules/c.py": "C"}
    here = {"rules/a.py": "A", "rules/b.py": "B2", "rules/d.py": "D", "rules/c.py": None}
    found = gate.module_changes(trusted, here, "main")
    assert [(p.location.file, p.message) for p in found] == [
        (
            "rules/b.py",
            "the rule module rules/b.py differs from main's; this check ran the rules at main",
        ),
        (
            "rules/c.py",
            "the rule module rules/c.py is a symbolic link here; this check ran the rules at main",
        ),
        (
            "rules/d.py",
            "the rule module rules/d.py is new; main does not have it; this check ran the rules at main",
        ),
    ]
    assert [p.subject for p in found] == [
        ("policy", "module", "rules/b.py"),
        ("policy", "module", "rules/c.py"),
        ("policy", "module", "rules/d.py"),
    ]
    assert gate.module_changes(trusted, {"rules/a.py": "A", "rules/b.py": "B"}, "main")[
        0
    ].message == (
        "the rule module rules/c.py is removed; main has it; this check ran the rules at main"
    )


def test_baseline_entries_beyond_the_policys() -> None:
    old = Entry("FL101", "entity course", "aaaa", "single-owner", 1)
    text = (
        '{\n  "flowlint-baseline": 1,\n  "findings": [\n'
        '    {"code": "FL101", "fingerprint": "aaaa", "count": 2},\n'
        '    {"code": "FL105", "fingerprint": "bbbb"}\n  ]\n}\n'
    )
    here = Baseline(
        (
            Entry("FL101", "entity course", "aaaa", "single-owner", 2),
            Entry("FL105", "entity provider", "bbbb", "unused-entity", 1),
        )
    )
    found = gate.new_baseline_entries(
        here, Baseline((old,)), "known.json", text, "main", since=False
    )
    assert [(p.location, p.message) for p in found] == [
        (
            Location("known.json", 4, 5, "/findings/0"),
            "baseline entry that the baseline at main does not have: FL101 [single-owner] entity "
            "course (2 findings); it hides 1 finding once merged (this check used the baseline "
            "at main)",
        ),
        (
            Location("known.json", 5, 5, "/findings/1"),
            "baseline entry that the baseline at main does not have: FL105 [unused-entity] entity "
            "provider; it hides 1 finding once merged (this check used the baseline at main)",
        ),
    ]
    assert [p.subject for p in found] == [("baseline", "aaaa"), ("baseline", "bbbb")]
