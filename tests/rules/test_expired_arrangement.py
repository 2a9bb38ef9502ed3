"""FL113 expired-arrangement: a temporary arrangement has not outlived its `until` date."""

from flowlint.testing import lint_text, positions
from tests.rules.helpers import at

SPEC = """\
flowlint: 1.1
services:
  trs: {name: Teaching Record System}
  dqt: {name: Database of Qualified Teachers}
  ewc: {name: Education Workforce Council, kind: external}
entities:
  person: {owner: trs}
  trn:
    owner:
      - {service: trs, scope: England}
      - {service: ewc, scope: Wales, until: 2025-03-31}
flows:
  - {from: trs, to: dqt, entities: [person, trn], until: 2025-06-30}
"""


def fl113(today: str, text: str = SPEC):
    return lint_text(text, select=["FL113"], today=today)


def test_passed_dates_are_reported_at_until() -> None:
    findings = fl113("2025-07-01")
    assert positions(findings) == [
        (11, 38, "/entities/trn/owner/1/until"),
        (13, 51, "/flows/0/until"),
    ]
    assert findings[0].message == (
        "the scoped ownership of 'trn' by 'ewc' was to end on 2025-03-31, which has passed "
        "(2025-07-01); give these records their one owner and remove this scoped owner, or set a "
        "new 'until' if the split is still needed"
    )
    assert findings[0].subject == ("entity", "trn", "owner", "ewc", "until")
    assert findings[1].message == (
        "the flow from 'trs' to 'dqt' was to end on 2025-06-30, which has passed (2025-07-01); "
        "remove it or mark it 'status: retired' if it has ended, or set a new 'until' if it is "
        "still needed"
    )
    assert findings[1].subject == ("flow", "trs", "dqt", "person", "trn", "until")


def test_the_last_day_itself_has_not_passed() -> None:
    assert positions(fl113("2025-03-31")) == []
    assert positions(fl113("2025-06-30")) == [(11, 38, "/entities/trn/owner/1/until")]


def test_retired_flows_are_not_reported() -> None:
    text = SPEC.replace("until: 2025-06-30}", "until: 2025-06-30, status: retired}")
    assert positions(fl113("2026-01-01", text)) == [(11, 38, "/entities/trn/owner/1/until")]


def test_check_today_sets_the_day_for_reproducible_runs(tmp_path) -> None:
    from typer.testing import CliRunner

    from flowlint.cli import app

    spec = tmp_path / "spec.yaml"
    spec.write_text(SPEC.replace("flowlint: 1.1", "flowlint: 1.1"), encoding="utf-8")
    runner = CliRunner()
    early = runner.invoke(
        app, ["check", str(spec), "--isolated", "--select", "FL113", "--today", "2025-01-01"]
    )
    assert (early.exit_code, early.stdout) == (0, "No findings in 1 file.\n")
    late = runner.invoke(
        app,
        [
            "check",
            str(spec),
            "--isolated",
            "--select",
            "FL113",
            "--today",
            "2025-07-01",
            "--format",
            "concise",
        ],
    )
    assert late.exit_code == 0  # warnings do not fail by default
    assert late.stdout.count("FL113") == 2
    bad = runner.invoke(app, ["check", str(spec), "--isolated", "--today", "1 July"])
    assert bad.exit_code == 2
    assert "--today" in bad.stderr and "YYYY-MM-DD" in bad.stderr


def test_flows_without_a_passed_date_do_not_hide_later_ones() -> None:
    # A flow with no 'until', one still in date and a retired one come before the passed one.
    text = SPEC.replace(
        "flows:\n",
        "flows:\n"
        "  - {from: trs, to: dqt, entities: [person]}\n"
        "  - {from: trs, to: ewc, entities: [person], until: 2026-12-31}\n"
        "  - {from: ewc, to: trs, entities: [trn], until: 2025-01-31, status: retired}\n",
    )
    findings = fl113("2025-12-01", text)
    assert positions(findings) == [
        (11, 38, "/entities/trn/owner/1/until"),
        (*at(text, "until: 2025-06-30"), "/flows/3/until"),
    ]
