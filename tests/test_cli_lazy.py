"""The CLI builds only the command that runs, and lists every command without building it."""

from __future__ import annotations

import subprocess
import sys

import pytest
from typer.testing import CliRunner

from flowlint.cli import COMMANDS, app, load_command, summary_command

runner = CliRunner()

_IMPORTED = """
import sys
import flowlint.cli
sys.argv = ["flowlint", *sys.argv[1:]]
try:
    flowlint.cli.main()
except SystemExit:
    pass
print(sorted(name for name in sys.modules if name.startswith("flowlint.commands.")))
"""


def _command_modules_after(*args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", _IMPORTED, *args], capture_output=True, text=True, check=True
    )
    return done.stdout.strip().splitlines()[-1]


@pytest.mark.parametrize("name", list(COMMANDS))
def test_each_summary_is_what_the_command_itself_would_list(name: str) -> None:
    built = load_command(name)
    assert built.name == name
    for limit in (30, 45, 200):
        assert summary_command(name).get_short_help_str(limit) == built.get_short_help_str(limit)


def test_top_level_help_lists_every_command_in_order() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    listed = result.output.split("Commands:\n", 1)[1].splitlines()
    assert [line.split()[0] for line in listed if line.strip()] == list(COMMANDS)
    assert "  check     Check spec files and print findings." in listed


def test_help_imports_no_command_module() -> None:
    assert _command_modules_after("--help") == "[]"


def test_check_imports_only_what_check_needs() -> None:
    assert _command_modules_after("check", "--help") == (
        "['flowlint.commands.check', 'flowlint.commands.config']"
    )


def test_a_mistyped_command_is_suggested_without_building_every_command() -> None:
    result = runner.invoke(app, ["chek"])
    assert result.exit_code == 2
    assert "No such command 'chek'. Did you mean 'check'" in result.output


def test_top_level_help_shows_every_summary_whole_on_one_line_in_80_columns() -> None:
    from flowlint.cli import SUMMARY_WIDTH

    result = runner.invoke(app, ["--help"], env={"COLUMNS": "80"})
    listed = result.output.split("Commands:\n", 1)[1].splitlines()
    width = max(len(name) for name in COMMANDS)
    assert listed == [
        f"  {name.ljust(width)}  {summary}" for name, (_, _, summary) in COMMANDS.items()
    ]
    assert all(len(line) <= 78 for line in listed)
    assert not any("..." in line or "…" in line for line in listed)
    for name, (_, _, summary) in COMMANDS.items():
        assert len(summary) <= SUMMARY_WIDTH, f"{name}: shorten the summary to one line"


@pytest.mark.parametrize("args", [["-h"], ["check", "-h"], ["diff", "-h"], ["init", "-h"]])
def test_dash_h_is_help_everywhere(args: list[str]) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 0
    assert result.output.startswith("Usage: flowlint ")


def test_dash_capital_v_is_the_version() -> None:
    from flowlint import __version__

    for flag in ("-V", "--version"):
        result = runner.invoke(app, [flag])
        assert (result.exit_code, result.output) == (0, f"flowlint {__version__}\n")
