"""`flowlint rules` and `flowlint explain` on real output."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from flowlint.cli import app
from flowlint.rules import BUILTIN_RULES

runner = CliRunner()


def test_rules_lists_every_rule_as_a_plain_table() -> None:
    result = runner.invoke(app, ["rules"])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["CODE", "NAME", "SEVERITY", "DEFAULT", "SUMMARY"]
    fl101 = next(line for line in lines if line.startswith("FL101 "))
    # Columns are as wide as their longest cell, so compare the cells.
    assert fl101.split(maxsplit=4) == [
        "FL101",
        "single-owner",
        "error",
        "on",
        "Each entity has exactly one owner.",
    ]
    assert fl101.index("single-owner") == lines[0].index("NAME")
    assert lines[-1] == (
        f"{len(BUILTIN_RULES)} rules, {sum(r.enabled_by_default for r in BUILTIN_RULES)} on by "
        "default. 'flowlint explain CODE' says why a rule matters and how to fix what it finds."
    )
    rows = [line for line in lines[1:] if line.startswith("FL")]
    assert [row.split()[0] for row in rows] == sorted(r.code for r in BUILTIN_RULES)
    off = [row.split()[:4] for row in rows if row.split()[3] == "off"]
    assert off == [["FL305", "personal-data-purpose", "warning", "off"]]
    assert "\x1b[" not in result.stdout  # not a terminal: no colour


def test_rules_json() -> None:
    result = runner.invoke(app, ["rules", "--format", "json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert [r["code"] for r in data] == sorted(r.code for r in BUILTIN_RULES)
    fl305 = next(r for r in data if r["code"] == "FL305")
    assert fl305["name"] == "personal-data-purpose"
    assert fl305["severity"] == "warning"
    assert fl305["enabled_by_default"] is False
    assert fl305["fails"].startswith("flowlint: 1\n")


def test_explain_by_code_shows_why_examples_what_flowlint_says_and_fix() -> None:
    result = runner.invoke(app, ["explain", "fl302"])
    assert result.exit_code == 0
    out = result.stdout
    lines = out.splitlines()
    assert lines[:2] == [
        "FL302 public-personal-data: A public API carries no personal data.",
        "Severity error, on by default.",
    ]
    assert lines[3] == "Why it matters"
    assert lines[4].startswith("  Anyone can call a public API")
    fails = out.split("\nFails\n", 1)[1].split("\n\nflowlint says\n", 1)[0]
    assert "        visibility: public" in fails.splitlines()
    says = out.split("\nflowlint says\n", 1)[1].split("\n\n", 1)[0]
    assert says.splitlines() == [
        "    example.yaml:16:16: error FL302 [public-personal-data] public API 'apply-api' "
        "carries personal entity 'application'; make the API 'visibility: private', or "
        "remove 'application' from it"
    ]
    passes = out.split("\nPasses\n", 1)[1].split("\n\nHow to fix\n", 1)[0]
    assert "        visibility: private" in passes.splitlines()
    assert out.split("\nHow to fix\n", 1)[1].startswith("  Make the API `visibility: private`")


def test_explain_by_name_and_json() -> None:
    by_name = runner.invoke(app, ["explain", "single-owner"])
    assert by_name.exit_code == 0
    assert by_name.stdout.startswith("FL101 single-owner: Each entity has exactly one owner.\n")
    as_json = runner.invoke(app, ["explain", "FL305", "--format", "json"])
    assert json.loads(as_json.stdout)["enabled_by_default"] is False


def test_explain_every_rule_reports_its_failing_example() -> None:
    for rule in BUILTIN_RULES:
        result = runner.invoke(app, ["explain", rule.code])
        assert result.exit_code == 0, rule.code
        says = result.stdout.split("\nflowlint says\n", 1)[1].split("\n\n", 1)[0]
        assert f" {rule.code} [{rule.name}] " in says, rule.code


def test_explain_unknown_rule_exits_2_with_did_you_mean() -> None:
    result = runner.invoke(app, ["explain", "single-ownr"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == (
        "flowlint: error: unknown rule 'single-ownr' (did you mean 'single-owner'?); "
        "'flowlint rules' lists every rule\n"
    )
    nothing_close = runner.invoke(app, ["explain", "zzz"])
    assert nothing_close.exit_code == 2
    assert nothing_close.stderr == (
        "flowlint: error: unknown rule 'zzz' (expected a rule code (FL101) or name "
        "(single-owner)); 'flowlint rules' lists every rule\n"
    )
    prefix = runner.invoke(app, ["explain", "FL10"])
    assert prefix.exit_code == 2
    assert prefix.stderr == (
        "flowlint: error: unknown rule 'FL10': it is the start of several rules "
        "(FL101, FL102, FL103, FL104, FL105, FL106, ...); name one of them; 'flowlint rules' lists "
        "every rule\n"
    )


def test_rules_on_a_terminal_is_a_rich_table(monkeypatch) -> None:
    import flowlint.commands.rules as command

    monkeypatch.setattr(command, "use_color", lambda no_color: True)
    result = runner.invoke(app, ["rules"])
    assert result.exit_code == 0
    header = result.stdout.splitlines()[0].split()
    assert header == ["Code", "Name", "Severity", "Default", "Summary"]
    row = next(line for line in result.stdout.splitlines() if line.startswith("FL101 "))
    assert row.split()[:4] == ["FL101", "single-owner", "error", "on"]


# One suggester for rule codes and names, the same in every place a rule is named (issue 13).


@pytest.mark.parametrize(
    ("typed", "suggestion"),
    [
        ("FL999", None),  # nothing is one slip away: FL903 is not a plausible FL999
        ("FL117", None),  # FL107, FL110 ... FL113 are all one slip away: none is the plausible one
        ("FL1O1", None),  # FL101 and FL111 are both one slip away
        ("FL2O1", "FL201"),
        ("FL3066", "FL306"),
        ("single-ownr", "single-owner"),
        ("single_owner", "single-owner"),
        ("unused-entities", "unused-entity"),
        ("owner", None),
    ],
)
def test_every_place_a_rule_is_named_suggests_the_same_plausible_rule(
    typed: str, suggestion: str | None, tmp_path, monkeypatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "line.yaml").write_text(
        "flowlint: 1\nservices:\n  a: {name: A}\n  b: {name: B}\nentities:\n  e: {owner: a}\n"
        f"flows:\n  - {{from: a, to: b, entities: [e]}}  # flowlint: ignore[{typed}] why\n",
        encoding="utf-8",
    )
    hint = f"(did you mean '{suggestion}'?)" if suggestion else "(expected a rule"
    for option in ("--select", "--ignore", "--extend-select"):
        result = runner.invoke(app, ["check", "line.yaml", option, typed])
        assert result.exit_code == 2
        assert result.stderr.startswith(f"flowlint: error: unknown rule '{typed}' {hint}"), option
    explained = runner.invoke(app, ["explain", typed])
    assert explained.stderr.startswith(f"flowlint: error: unknown rule '{typed}' {hint}")
    (tmp_path / "flowlint.toml").write_text(f'ignore = ["{typed}"]\n', encoding="utf-8")
    configured = runner.invoke(app, ["check", "line.yaml"])
    assert configured.stderr.startswith(
        f"flowlint: error: flowlint.toml: 'ignore': unknown rule '{typed}' {hint}"
    )
    (tmp_path / "flowlint.toml").unlink()
    suppressed = runner.invoke(app, ["check", "line.yaml", "--format", "concise"])
    expected = f" (did you mean '{suggestion}'?)" if suggestion else ""
    assert f"suppression names unknown rule '{typed}'{expected}; it silences nothing" in (
        suppressed.stdout
    )
