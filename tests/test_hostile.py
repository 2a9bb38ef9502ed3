"""The corpus of hostile repositories (tests/hostile/cases.toml): what the author of a pull request
controls in a CI checkout, tried against every guarantee of the gate.

Each case builds a real git repository in a temporary folder, next to a folder `outside/` that
stands for the rest of the runner (a victim file, a secret, where code would leave a mark):

1. `base` files are committed on `main` (also known as `origin/main`, as after a fetch);
2. the branch `pr` commits the `pr` files on top, unless `commit_pr = false` leaves them in the
   work tree;
3. `links` are symbolic links made in the work tree (`{outside}` in a target is the outside
   folder), and `folders` empty folders;
4. `user_config` is written as the user's own `~/.config/flowlint/config.toml`.

Then `run` (the arguments after `flowlint`) runs in the repository through typer's CliRunner, and
the case asserts the exact exit code, stdout and stderr (with the temporary folders written as
`{outside}`, `{repo}` and `{tmp}`, which holds the user's configuration folder `user-config/`, and
merge-base commits as `{commit}`), that no traceback is printed, and its `unchanged` files (still as they
were), `absent` and `present` files (relative to the repository, or `{outside}/...`), and `marks`:
what the rule modules that ran wrote to `outside/marks.txt` when they were imported (each says
which version of itself it is), so that "no code ran" is observed, not assumed.

Texts written as `@name` come from the `[texts]` table of the file.
"""

from __future__ import annotations

import re
import sys
import textwrap
import tomllib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from flowlint.cli import app
from tests.shared import commit, git

HOSTILE = Path(__file__).resolve().parent / "hostile"
MANIFEST = tomllib.loads((HOSTILE / "cases.toml").read_text(encoding="utf-8"))
TEXTS: dict[str, str] = MANIFEST["texts"]
CASES: list[dict] = MANIFEST["case"]
VICTIM = "the victim's own text\n"

runner = CliRunner()


def text(value: str) -> str:
    return TEXTS[value[1:]] if value.startswith("@") else value


def expected(value: str) -> str:
    """A manifest's multi-line string as output: lines as written, each ending in a newline."""
    return "".join(f"{line}\n" for line in textwrap.dedent(value).strip("\n").splitlines())


def build(case: dict, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    outside = tmp_path / "outside"
    repo = tmp_path / "repo"
    outside.mkdir()
    repo.mkdir()
    (outside / "victim.txt").write_text(VICTIM, encoding="utf-8")
    (outside / "secret.yaml").write_text("flowlint: 1\npassword: hunter2\n", encoding="utf-8")
    git(repo, "init", "-q", "-b", "main")
    commit(repo, {name: text(value) for name, value in case.get("base", {}).items()}, "base")
    git(repo, "update-ref", "refs/remotes/origin/main", "main")
    git(repo, "checkout", "-q", "-b", "pr")
    changes = {name: text(value) for name, value in case.get("pr", {}).items()}
    if changes and case.get("commit_pr", True):
        commit(repo, changes, "the pull request")
    else:
        for name, value in changes.items():
            (repo / name).parent.mkdir(parents=True, exist_ok=True)
            (repo / name).write_text(value, encoding="utf-8")
    for name in case.get("remove", []):
        (repo / name).unlink()
    for name in case.get("folders", []):
        (repo / name).mkdir(parents=True, exist_ok=True)
    for name, target in case.get("links", {}).items():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).symlink_to(target.replace("{outside}", str(outside)))
    user = tmp_path / "user-config"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(user))
    if "user_config" in case:
        (user / "flowlint").mkdir(parents=True)
        (user / "flowlint" / "config.toml").write_text(
            case["user_config"].replace("{outside}", str(outside)).replace("{repo}", str(repo)),
            encoding="utf-8",
        )
    monkeypatch.setenv("FLOWLINT_HOSTILE_MARKS", str(outside / "marks.txt"))
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.chdir(repo)
    return repo, outside


def place(name: str, repo: Path, outside: Path) -> Path:
    if name.startswith("{outside}/"):
        return outside / name.removeprefix("{outside}/")
    return repo / name


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_hostile_repository(case: dict, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    repo, outside = build(case, tmp_path, monkeypatch)
    # Rule modules run in this process: forget those an earlier case imported, so that each case
    # imports (and marks) afresh, as a new flowlint process would.
    for name in [m for m in sys.modules if m.startswith("flowlint_rules_")]:
        del sys.modules[name]
    result = runner.invoke(app, case["run"])

    def shown(output: str) -> str:
        output = output.replace(str(outside), "{outside}").replace(str(repo), "{repo}")
        output = output.replace(str(tmp_path), "{tmp}")
        return re.sub(r"\(merge base [0-9a-f]{12}\)", "(merge base {commit})", output)

    stdout, stderr = shown(result.stdout), shown(result.stderr)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in stdout + stderr
    assert (result.exit_code, stdout, stderr) == (
        case["exit"],
        expected(case.get("stdout", "")),
        expected(case.get("stderr", "")),
    )
    assert (outside / "victim.txt").read_text(encoding="utf-8") == VICTIM
    for name in case.get("unchanged", []):
        path = place(name, repo, outside)
        wanted = text(case.get("base", {}).get(name) or case.get("pr", {}).get(name, ""))
        assert path.read_text(encoding="utf-8") == wanted, f"{name} was changed"
    for name in case.get("absent", []):
        assert not place(name, repo, outside).exists(), f"{name} was written"
    for name in case.get("present", []):
        assert place(name, repo, outside).is_file(), f"{name} was not written"
    for name, wanted in case.get("regular", {}).items():
        path = place(name, repo, outside)
        assert not path.is_symlink() and path.read_text(encoding="utf-8").startswith(wanted)
    marks = outside / "marks.txt"
    ran = marks.read_text(encoding="utf-8").split() if marks.exists() else []
    assert ran == case.get("marks", []), "the rule modules that ran"


def test_every_case_says_what_it_tries() -> None:
    ids = [case["id"] for case in CASES]
    assert len(ids) == len(set(ids)), "case ids must be unique"
    for case in CASES:
        assert len(case.get("threat", "")) > 30, f"{case['id']}: say what the author tries"
        assert len(case.get("holds", "")) > 20, f"{case['id']}: say what flowlint does"


def test_every_case_is_named_in_the_readme() -> None:
    """README's "Untrusted input" names the case that holds each guarantee."""
    readme = (HOSTILE.parent.parent / "README.md").read_text(encoding="utf-8")
    missing = [case["id"] for case in CASES if f"`{case['id']}`" not in readme]
    assert missing == []
