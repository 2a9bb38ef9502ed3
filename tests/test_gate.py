"""The gate on its own (flowlint.gate): how a pull request's configuration is weaker than the
policy's (FL904), which rule modules it changes, and which baseline entries and suppression
comments it adds (FL904, FL905): exact messages, places and subjects."""

from __future__ import annotations

from flowlint.baseline import Baseline, Entry, dumps
from flowlint.config import Settings
from flowlint.findings import Severity
from flowlint.gate import (
    ConfigText,
    example_problems,
    gone,
    key_position,
    module_changes,
    new_baseline_entries,
    new_suppressions,
    policy_changes,
    unreadable,
)
from flowlint.loading import parse_text
from flowlint.rule import Rule, RuleDoc
from flowlint.rules import BUILTIN_RULES

NAMES = {rule.code: rule.name for rule in BUILTIN_RULES}
POLICY = Settings()
TOML = ConfigText("flowlint.toml", "")


def changes(proposed: Settings, trusted: Settings = POLICY, where: ConfigText = TOML):
    problems = policy_changes(trusted, proposed, where, BUILTIN_RULES, "main")
    return [(p.location.pointer, p.message, p.subject) for p in problems]


# --- policy changes ----------------------------------------------------------------------------


def test_the_same_or_a_stricter_configuration_changes_nothing() -> None:
    assert changes(POLICY) == []
    stricter = Settings(
        select=("ALL",),
        fail_on="info",
        severity={"FL105": "error"},
        baseline=None,
        rules_dir=(),
    )
    assert changes(stricter) == []
    laxer = Settings(
        ignore=("FL1",),
        fail_on="never",
        severity={"FL101": "warning"},
        per_path_ignores={"legacy/**": ("FL101",)},
        baseline="b.json",
    )
    # From the lax policy, the default configuration is stricter in every way.
    assert changes(Settings(baseline="b.json"), trusted=laxer) == []


def test_turning_rules_off_names_them_at_the_key_that_did_it() -> None:
    where = ConfigText("flowlint.toml", '# policy\nfail-on = "error"\nignore = ["FL1"]\n')
    (problem,) = policy_changes(POLICY, Settings(ignore=("FL1",)), where, BUILTIN_RULES, "main")
    off = ["FL101", "FL102", "FL103", "FL104", "FL105", "FL106", "FL107", "FL108", "FL109"]
    off += ["FL110", "FL111", "FL112", "FL113"]
    assert (problem.location.line, problem.location.column) == (3, 1)
    assert problem.location.pointer == "/ignore"
    assert problem.message == (
        "turns off 13 rules (FL101 single-owner, FL102 unsourced-data, FL103 lost-edit, FL104 "
        "copy-chain, FL105 unused-entity, FL106 isolated-service, FL107 lost-create, FL108 "
        "underived-entity, FL109 multi-path-copy, FL110 multi-master and 3 more), which the "
        "policy at main runs"
    )
    assert problem.subject == ("policy", "ignore", *off)


def test_turning_rules_off_by_select_or_extend_select_points_there() -> None:
    assert changes(Settings(select=("FL1", "FL2", "FL3", "FL9"))) == [
        (
            "/select",
            "turns off 5 rules (FL001 yaml-syntax, FL002 duplicate-key, FL003 schema, FL004 "
            "unknown-reference, FL005 self-flow), which the policy at main runs",
            ("policy", "select", "FL001", "FL002", "FL003", "FL004", "FL005"),
        )
    ]
    narrower = changes(Settings(select=("FL0", "FL1", "FL2", "FL3", "FL901", "FL902", "FL903")))
    assert narrower == [
        (
            "/select",
            "turns off 2 rules (FL904 policy-changed, FL905 new-suppression), which the policy "
            "at main runs",
            ("policy", "select", "FL904", "FL905"),
        )
    ]
    trusted = Settings(extend_select=("FL305",))
    assert changes(Settings(), trusted=trusted) == [
        (
            "/extend-select",
            "turns off 1 rule (FL305 personal-data-purpose), which the policy at main runs",
            ("policy", "extend-select", "FL305"),
        )
    ]


def test_rules_turned_off_are_in_code_order_and_ten_are_all_named() -> None:
    def plugin(code: str) -> Rule:
        return Rule(code, f"tax-{code[3:]}", Severity.INFO, True, list, RuleDoc("", "", "", "", ""))

    rules = [*BUILTIN_RULES, plugin("TAX10"), plugin("TAX9")]
    (problem,) = policy_changes(POLICY, Settings(ignore=("TAX",)), TOML, rules, "main")
    assert problem.message == (
        "turns off 2 rules (TAX9 tax-9, TAX10 tax-10), which the policy at main runs"
    )
    assert problem.subject == ("policy", "ignore", "TAX9", "TAX10")
    ten = changes(Settings(ignore=("FL10", "FL110")))
    assert ten[0][1] == (
        "turns off 10 rules (FL101 single-owner, FL102 unsourced-data, FL103 lost-edit, FL104 "
        "copy-chain, FL105 unused-entity, FL106 isolated-service, FL107 lost-create, FL108 "
        "underived-entity, FL109 multi-path-copy, FL110 multi-master), which the policy at main "
        "runs"
    )


def test_a_laxer_fail_on_says_what_no_longer_fails() -> None:
    assert changes(Settings(fail_on="never")) == [
        (
            "/fail-on",
            "fail-on is 'never' instead of 'error' (the policy at main): no finding fails the "
            "check",
            ("policy", "fail-on", "never"),
        )
    ]
    assert changes(Settings(fail_on="warning"), trusted=Settings(fail_on="info")) == [
        (
            "/fail-on",
            "fail-on is 'warning' instead of 'info' (the policy at main): findings below warning "
            "no longer fail the check",
            ("policy", "fail-on", "warning"),
        )
    ]


def test_a_lower_severity_of_a_rule_that_runs_is_a_change() -> None:
    lower = Settings(severity={"FL101": "warning", "FL103": "info", "FL305": "info"})
    # FL305 is off by default: lowering it weakens nothing.
    assert changes(lower) == [
        (
            "/severity",
            "lowers FL101 single-owner from error to warning (the policy at main: error)",
            ("policy", "severity", "FL101", "warning"),
        ),
        (
            "/severity",
            "lowers FL103 lost-edit from warning to info (the policy at main: warning)",
            ("policy", "severity", "FL103", "info"),
        ),
    ]
    assert changes(lower, trusted=Settings(severity={"FL101": "info", "FL103": "info"})) == []


FL3 = ("FL301", "FL302", "FL303", "FL304", "FL305", "FL306")


def test_new_per_path_ignores_are_a_change() -> None:
    trusted = Settings(per_path_ignores={"legacy/**": ("FL101",)})
    proposed = Settings(
        per_path_ignores={"legacy/**": ("single-owner", "FL105"), "old/*.yaml": ("FL3",)}
    )
    assert changes(proposed, trusted=trusted) == [
        (
            "/per-path-ignores",
            "ignores 1 rule (FL105 unused-entity) in legacy/**, which the policy at main does not",
            ("policy", "per-path-ignores", "legacy/**", "FL105"),
        ),
        (
            "/per-path-ignores",
            "ignores 6 rules (FL301 api-undocumented, FL302 public-personal-data, FL303 "
            "api-direction, FL304 not-live-dependency, FL305 personal-data-purpose, FL306 "
            "api-entity-mismatch) in old/*.yaml, which the policy at main does not",
            ("policy", "per-path-ignores", "old/*.yaml", *FL3),
        ),
    ]


def test_another_baseline_is_a_change_and_none_is_not() -> None:
    assert changes(Settings(baseline="ci/known.json")) == [
        (
            "/baseline",
            "names the baseline ci/known.json where there is none in the policy at main",
            ("policy", "baseline", "ci/known.json"),
        )
    ]
    known = Settings(baseline="known.json")
    assert changes(Settings(baseline="ci/known.json"), trusted=known) == [
        (
            "/baseline",
            "names the baseline ci/known.json instead of known.json in the policy at main",
            ("policy", "baseline", "ci/known.json"),
        )
    ]
    assert changes(Settings(), trusted=known) == []


def test_other_specs_and_new_rules_folders_are_changes() -> None:
    many = tuple(f"s{n}" for n in range(12))
    assert changes(Settings(specs=many[:10]))[0][1] == (
        "checks [s0, s1, s2, s3, s4, s5, s6, s7, s8, s9] instead of [specs] (the policy at main)"
    )
    assert changes(Settings(specs=("specs/a.yaml", "specs/b.yaml"))) == [
        (
            "/specs",
            "checks [specs/a.yaml, specs/b.yaml] instead of [specs] (the policy at main)",
            ("policy", "specs", "specs/a.yaml", "specs/b.yaml"),
        )
    ]
    assert changes(Settings(specs=many))[0][1] == (
        "checks [s0, s1, s2, s3, s4, s5, s6, s7, s8, s9 and 2 more] instead of [specs] (the "
        "policy at main)"
    )
    trusted = Settings(rules_dir=("rules",))
    assert changes(Settings(rules_dir=("rules", "more", "extra")), trusted=trusted) == [
        (
            "/rules-dir",
            "adds the rules folder [more, extra], whose code the policy at main does not run",
            ("policy", "rules-dir", "more", "extra"),
        )
    ]
    assert changes(Settings(), trusted=trusted) == []


def test_changed_rule_options_are_a_change_either_way() -> None:
    trusted = Settings(rule_options={"FL104": {"max": 3}, "FL110": {"x": 1}})
    proposed = Settings(
        rule_options={"FL104": {"max": 5}, "FL110": {"x": 1}, "ORG1": {"text": "é" * 100}}
    )
    assert changes(proposed, trusted=trusted) == [
        (
            "/rule-options",
            'changes the options of FL104 copy-chain to {"max": 5} (the policy at main: '
            '{"max": 3})',
            ("policy", "rule-options", "FL104"),
        ),
        (
            "/rule-options",
            'changes the options of ORG1 to {"text": "' + "é" * 69 + "… (the policy at main: {})",
            ("policy", "rule-options", "ORG1"),
        ),
    ]
    assert changes(Settings(), trusted=trusted)[0][1] == (
        'changes the options of FL104 copy-chain to {} (the policy at main: {"max": 3})'
    )
    # Keys sorted; at most 80 characters of JSON.
    eighty = {"text": "a" * 68}  # {"text": "aa...a"} is 80 characters
    proposed = Settings(rule_options={"FL104": {"max": 5, "for": ["a"]}, "FL110": eighty})
    assert [message for _, message, _ in changes(proposed)] == [
        'changes the options of FL104 copy-chain to {"for": ["a"], "max": 5} (the policy at '
        "main: {})",
        'changes the options of FL110 multi-master to {"text": "' + "a" * 68 + '"} (the policy '
        "at main: {})",
    ]
    proposed = Settings(rule_options={"FL110": {"text": "a" * 69}})
    assert changes(proposed)[0][1] == (
        'changes the options of FL110 multi-master to {"text": "' + "a" * 69 + "… (the policy at "
        "main: {})"
    )


def test_every_kind_of_change_in_order() -> None:
    proposed = Settings(
        ignore=("FL105",),
        fail_on="never",
        severity={"FL101": "info"},
        per_path_ignores={"x": ("FL301",)},
        baseline="b.json",
        specs=("a",),
        rules_dir=("r",),
        rule_options={"FL104": {"max": 1}},
    )
    assert [pointer for pointer, _, _ in changes(proposed)] == [
        "/ignore",
        "/fail-on",
        "/severity",
        "/per-path-ignores",
        "/baseline",
        "/specs",
        "/rules-dir",
        "/rule-options",
    ]


# --- where a key is set --------------------------------------------------------------------------


def test_key_position_finds_assignments_dotted_keys_and_tables() -> None:
    text = (
        "# flowlint\n"
        'select = ["FL1"]\n'
        '  "fail-on" = "error"\n'
        "severity.FL101 = 'warning'\n"
        "selection = 1\n"
        "[per-path-ignores]  # globs\n"
        '"legacy/**" = ["FL1"]\n'
        "[ rule-options . FL104 ]\n"
        "ignore = 1\n"
        "[severityX]\n"
        "  [specs]  # see [docs]\n"
    )
    assert key_position(text, "select", False) == (2, 1)
    assert key_position(text, "fail-on", False) == (3, 3)
    assert key_position(text, "severity", False) == (4, 1)
    assert key_position(text, "per-path-ignores", False) == (6, 1)
    assert key_position(text, "rule-options", False) == (8, 1)
    assert key_position(text, "ignore", False) == (1, 1)  # inside [rule-options.FL104]
    assert key_position(text, "baseline", False) == (1, 1)
    # The '[' of a comment after a header is not the header's.
    assert key_position(text, "specs", False) == (11, 3)
    # A table whose name only starts with the key's is another table.
    assert key_position("# c\n[severityX]\n['severity'X]\n", "severity", False) == (1, 1)


def test_key_position_in_a_pyproject_looks_under_tool_flowlint() -> None:
    text = (
        "[project]\n"
        'name = "x"\n'
        "[tool.flowlint]\n"
        '    ignore = ["FL105"]\n'
        '[tool."flowlint".severity]\n'
        'FL101 = "info"\n'
        "[ 'tool' . \"flowlint\" ]\n"
        'fail-on = "never"\n'
    )
    assert key_position(text, "name", True) == (1, 1)
    assert key_position(text, "ignore", True) == (4, 5)
    assert key_position(text, "severity", True) == (5, 1)
    assert key_position(text, "fail-on", True) == (8, 1)
    where = ConfigText("pyproject.toml", text, pyproject=True)
    location = where.location("ignore")
    assert (location.file, location.line, location.column, location.pointer) == (
        "pyproject.toml",
        4,
        5,
        "/tool/flowlint/ignore",
    )


def test_a_configuration_that_cannot_be_used_or_is_gone() -> None:
    problem = unreadable(TOML, "unknown rule 'ORG1'", "main")
    assert (problem.location.file, problem.location.line, problem.location.column) == (
        "flowlint.toml",
        1,
        1,
    )
    assert problem.location.pointer == ""
    assert problem.message == (
        "this configuration cannot be used with the policy at main: unknown rule 'ORG1'"
    )
    assert problem.subject == ("policy", "unreadable")
    problem = gone("ci/flowlint.toml", "main")
    assert (problem.location.file, problem.location.line, problem.location.column) == (
        "ci/flowlint.toml",
        1,
        1,
    )
    assert problem.message == (
        "the configuration ci/flowlint.toml of main is gone from the work tree: flowlint would "
        "run with its defaults"
    )
    assert problem.subject == ("policy", "gone")


# --- rule modules ---------------------------------------------------------------------------------


def test_rule_modules_changed_added_removed_or_linked() -> None:
    trusted = {"rules/a.py": "A", "rules/b.py": "B", "rules/c.py": "C", "rules/d.py": "D"}
    here = {"rules/a.py": "A", "rules/b.py": "B2", "rules/d.py": None, "rules/e.py": "E"}
    problems = module_changes(trusted, here, "main")
    assert [(p.location.file, p.location.line, p.location.column) for p in problems] == [
        ("rules/b.py", 1, 1),
        ("rules/c.py", 1, 1),
        ("rules/d.py", 1, 1),
        ("rules/e.py", 1, 1),
    ]
    assert [p.message for p in problems] == [
        "the rule module rules/b.py differs from main's; this check ran the rules at main",
        "the rule module rules/c.py is removed; main has it; this check ran the rules at main",
        "the rule module rules/d.py is a symbolic link here; this check ran the rules at main",
        "the rule module rules/e.py is new; main does not have it; this check ran the rules at "
        "main",
    ]
    assert problems[0].subject == ("policy", "module", "rules/b.py")
    assert {p.location.pointer for p in problems} == {""}


# --- baseline entries -----------------------------------------------------------------------------

FL101 = Entry("FL101", "entity course owners find publish", "78774caed1781f77", "single-owner")
FL105 = Entry("FL105", "entity provider", "a47961294a08cef1", "unused-entity")


def test_baseline_entries_beyond_the_policy_ones_point_at_their_line() -> None:
    here = Baseline((FL101, Entry(FL105.code, FL105.about, FL105.fingerprint, FL105.rule, 3)))
    before = Baseline((FL105,))
    text = dumps(here)
    problems = new_baseline_entries(here, before, "b.json", text, "main", since=False)
    assert [(p.location.line, p.location.column, p.location.pointer) for p in problems] == [
        (4, 5, "/findings/0"),
        (5, 5, "/findings/1"),
    ]
    assert [p.message for p in problems] == [
        "baseline entry that the baseline at main does not have: FL101 [single-owner] entity "
        "course owners find publish; it hides 1 finding once merged (this check used the "
        "baseline at main)",
        "baseline entry that the baseline at main does not have: FL105 [unused-entity] entity "
        "provider (3 findings); it hides 2 findings once merged (this check used the baseline "
        "at main)",
    ]
    assert [p.subject for p in problems] == [
        ("baseline", "78774caed1781f77"),
        ("baseline", "a47961294a08cef1"),
    ]
    problems = new_baseline_entries(here, Baseline(), "b.json", text, "main", since=True)
    assert [p.message for p in problems] == [
        "baseline entry added since main: FL101 [single-owner] entity course owners find "
        "publish; it hides 1 finding from check",
        "baseline entry added since main: FL105 [unused-entity] entity provider (3 findings); "
        "it hides 3 findings from check",
    ]
    assert new_baseline_entries(here, here, "b.json", text, "main", since=True) == []
    # Only the second entry is new.
    (problem,) = new_baseline_entries(here, Baseline((FL101,)), "ci/b.json", text, "m", since=True)
    assert (problem.location.file, problem.location.line, problem.subject[1]) == (
        "ci/b.json",
        5,
        FL105.fingerprint,
    )


def test_baseline_entries_not_found_in_the_text_point_at_its_top() -> None:
    here = Baseline((FL101,))
    for text in ("not json", "[]", "{}", '{"findings": 7}', '{"findings": [1]}'):
        (problem,) = new_baseline_entries(here, Baseline(), "b.json", text, "main", since=True)
        location = problem.location
        assert (location.line, location.column, location.pointer) == (1, 1, ""), text
    # Written by hand on one line: line 1, column 1, but its index is known.
    text = '{"flowlint-baseline": 1, "findings": [{"x": 1}, {"fingerprint": "78774caed1781f77"}]}'
    (problem,) = new_baseline_entries(here, Baseline(), "b.json", text, "main", since=True)
    assert (problem.location.line, problem.location.column, problem.location.pointer) == (
        1,
        1,
        "/findings/1",
    )
    # The same fingerprint twice: its first line and index.
    text = dumps(here).replace("  ]", '  , {"fingerprint": "78774caed1781f77"}\n  ]')
    (problem,) = new_baseline_entries(here, Baseline(), "b.json", text, "main", since=True)
    assert (problem.location.line, problem.location.pointer) == (4, "/findings/0")


# --- suppression comments --------------------------------------------------------------------------

SPEC = """\
flowlint: 1
services:
  publish: {name: Publish}
  find: {name: Find}
entities:
  course: {owner: [publish, find]}
  provider: {owner: publish}
flows:
  - {from: publish, to: find, entities: [course]}
"""


def new(now: str, before: str | None = None) -> list[tuple[int, int, str, str, tuple[str, ...]]]:
    sources = [parse_text(before, "spec.yaml")] if before is not None else []
    problems = new_suppressions([parse_text(now, "spec.yaml")], sources, NAMES, "main")
    return [
        (p.location.line, p.location.column, p.location.pointer, p.message, p.subject)
        for p in problems
    ]


def test_a_new_suppression_comment_is_listed_with_its_reason() -> None:
    now = SPEC.replace(
        "  provider:", "  # flowlint: ignore[FL105, single-owner] until the merge\n  provider:"
    ).replace("  - {from", "  - {from: find, to: publish}  # flowlint: ignore[nope]\n  - {from")
    assert new(now, SPEC) == [
        (
            7,
            3,
            "/entities/provider",
            "suppression of FL105, single-owner at /entities/provider added since main "
            "(reason: until the merge)",
            ("suppression", "/entities/provider", "FL105", "single-owner", "new"),
        ),
        (
            10,
            32,
            "/flows/0",
            "suppression of nope at /flows/0 added since main (no reason given)",
            ("suppression", "/flows/find->publish", "nope", "new"),
        ),
    ]


def test_a_suppression_of_the_whole_file_and_a_long_reason() -> None:
    now = f"# flowlint: ignore[FL105] {'x' * 81}\n" + SPEC
    ((line, column, pointer, message, subject),) = new(now)
    assert (line, column, pointer, subject) == (1, 1, "", ("suppression", "", "FL105", "new"))
    assert message == f"suppression of FL105 added since main (reason: {'x' * 79}…)"
    now = f"# flowlint: ignore[FL105] {'x' * 80}\n" + SPEC
    assert new(now)[0][3] == f"suppression of FL105 added since main (reason: {'x' * 80})"


def test_moved_reworded_or_renamed_suppressions_are_not_new() -> None:
    before = SPEC.replace(
        "  provider:", "  # flowlint: ignore[FL105] until the merge\n  provider:"
    ).replace("  - {from", "  # flowlint: ignore[FL101, zzz] copy\n  - {from")
    # provider moves above course, the reason changes, FL105 is named by its name; the flow
    # moves in its list; the unknown entry is matched as written, in any case.
    now = SPEC.replace(
        "  course: {owner: [publish, find]}\n  provider: {owner: publish}\n",
        "  # flowlint: ignore[unused-entity] read by reports\n  provider: {owner: publish}\n"
        "  course: {owner: [publish, find]}\n",
    ).replace(
        "  - {from", "  - {from: find, to: publish}\n  # flowlint: ignore[ZZZ, FL101]\n  - {from"
    )
    assert new(now, before) == []


def test_another_rule_or_another_node_is_a_new_suppression() -> None:
    before = SPEC.replace("  provider:", "  # flowlint: ignore[FL105] a\n  provider:")
    other_rule = SPEC.replace("  provider:", "  # flowlint: ignore[FL101] a\n  provider:")
    assert [subject for *_, subject in new(other_rule, before)] == [
        ("suppression", "/entities/provider", "FL101", "new")
    ]
    other_node = SPEC.replace("  course:", "  # flowlint: ignore[FL105] a\n  course:")
    assert [subject for *_, subject in new(other_node, before)] == [
        ("suppression", "/entities/course", "FL105", "new")
    ]


def test_a_suppression_of_the_whole_file_is_not_one_at_the_empty_key() -> None:
    # The empty top-level key's pointer is "/", the whole file's "".
    before = "# flowlint: ignore[FL105] a\n" + SPEC
    now = SPEC + '# flowlint: ignore[FL105] a\n"": 1\n'
    assert [subject for *_, subject in new(now, before)] == [("suppression", "/", "FL105", "new")]


def test_as_many_suppressions_as_before_are_not_new() -> None:
    two = SPEC.replace(
        "  provider:", "  # flowlint: ignore[FL105] a\n  # flowlint: ignore[FL105] b\n  provider:"
    )
    assert new(two, two) == []


def test_one_more_of_the_same_suppression_is_new() -> None:
    before = SPEC.replace("  provider:", "  # flowlint: ignore[FL105] a\n  provider:")
    now = SPEC.replace(
        "  provider:",
        "  # flowlint: ignore[FL105] a\n  # flowlint: ignore[FL105, FL101] b\n  provider:",
    )
    ((line, _, _, message, subject),) = new(now, before)
    assert (line, message) == (
        8,
        "suppression of FL105, FL101 at /entities/provider added since main (reason: b)",
    )
    assert subject == ("suppression", "/entities/provider", "FL105", "FL101", "new")


# --- the documentation's examples ------------------------------------------------------------------


def test_the_examples_of_fl904_and_fl905() -> None:
    example = '# flowlint.toml\nignore = ["FL101"]\nfail-on = "never"\nspecs = ["a"]\n'
    problems = example_problems("FL904", example, list(BUILTIN_RULES))
    assert [(p.location.file, p.location.line, p.message) for p in problems] == [
        (
            "flowlint.toml",
            2,
            "turns off 1 rule (FL101 single-owner), which the policy at main runs",
        ),
        (
            "flowlint.toml",
            3,
            "fail-on is 'never' instead of 'error' (the policy at main): no finding fails the "
            "check",
        ),
        ("flowlint.toml", 4, "checks [a] instead of [specs] (the policy at main)"),
    ]
    problems = example_problems(
        "FL905", "flowlint: 1\n# flowlint: ignore[FL105] why\nx-a: 1\n", list(BUILTIN_RULES)
    )
    assert [(p.location.file, p.location.line, p.message) for p in problems] == [
        ("spec.yaml", 2, "suppression of FL105 at /x-a added since main (reason: why)")
    ]
    assert example_problems("FL101", "flowlint: 1\n", list(BUILTIN_RULES)) == []
