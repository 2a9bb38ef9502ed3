"""Rules from outside flowlint: rules folders, entry-point plugins, clashes, broken plugins, options.

The example plugin package (tests/plugins/flowlint-policy-example) is used twice: its rule module
copied into a rules folder (fast, in-process), and the package installed with pip into a temporary
virtual environment and found through its entry point (one slower test, subprocesses).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import site
import subprocess
import sys
import textwrap
from importlib.metadata import EntryPoint
from pathlib import Path

import pytest
from typer.testing import CliRunner

from flowlint.cli import app
from flowlint.plugins import RuleClashError, load_rules
from flowlint.rules import BUILTIN_RULES
from tests.conftest import ROOT

EXAMPLE = ROOT / "tests" / "plugins" / "flowlint-policy-example"
EXAMPLE_RULE = EXAMPLE / "src" / "flowlint_policy_example" / "personal_data_via_api.py"
DOC = ROOT / "docs" / "writing-rules.md"

SPEC = """\
flowlint: 1
services:
  register: {name: Register trainee teachers}
  dqt: {name: Database of Qualified Teachers, kind: third-party}
  hesa: {name: HESA, kind: external}
entities:
  trainee: {owner: register, personal_data: true}
flows:
  - {from: register, to: dqt, entities: [trainee], via: file, purpose: Qualified teacher status}
  - {from: register, to: hesa, entities: [trainee], via: file, purpose: Statutory return}
"""
FINDING_DQT = (
    "spec.yaml:9:5: error ORG101 [personal-data-via-api] the flow from 'register' to 'dqt' takes "
    "personal data ('trainee') out of the service line by file; personal data may leave only via "
    "api: send it through an API of 'register'"
)
FINDING_HESA = FINDING_DQT.replace("9:5", "10:5").replace("'dqt'", "'hesa'")

runner = CliRunner()


def rule_module(code: str, name: str, body: str = "") -> str:
    """The text of a minimal rule module that reports nothing."""
    return textwrap.dedent(
        f'''\
        """A test rule.

        Why: testing.

        Fails:
            flowlint: 1

        Passes:
            flowlint: 1

        Fix: nothing.
        """

        from flowlint.api import Model

        CODE, NAME, SEVERITY = "{code}", "{name}", "warning"


        def check(model: Model):
            return []
        '''
    ) + textwrap.dedent(body)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A directory (not in a git repository) with spec.yaml and rules/ holding the example rule."""
    (tmp_path / "spec.yaml").write_text(SPEC, encoding="utf-8")
    (tmp_path / "rules").mkdir()
    shutil.copy(EXAMPLE_RULE, tmp_path / "rules" / EXAMPLE_RULE.name)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("NO_COLOR", "1")
    return tmp_path


def invoke(*args: str):
    return runner.invoke(app, list(args))


def check(*args: str):
    return invoke("check", "spec.yaml", "--format", "concise", "--no-color", *args)


# --- a local rules folder ------------------------------------------------------------------------


def test_rules_dir_on_the_command_line_runs_the_folders_rules(project: Path) -> None:
    result = check("--rules-dir", "rules")
    assert (result.exit_code, result.stderr) == (1, "")
    assert result.stdout.splitlines() == [FINDING_DQT, FINDING_HESA, "Found 2 errors in 1 file."]
    # Without the folder the policy does not run.
    assert check().stdout == "No findings in 1 file.\n"


def test_rules_dir_in_the_configuration_is_relative_to_the_file(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (project / ".git").mkdir()  # a repository: the configuration is looked for upwards
    (project / "flowlint.toml").write_text('rules-dir = ["rules"]\n', encoding="utf-8")
    (project / "sub").mkdir()
    monkeypatch.chdir(project / "sub")
    result = invoke("check", "../spec.yaml", "--format", "json", "--allow-local-rules")
    assert result.exit_code == 1
    assert [f["code"] for f in json.loads(result.stdout)["findings"]] == ["ORG101", "ORG101"]
    shown = invoke("config").stdout
    assert re.search(r'^rules-dir = \["\.\./rules"\] +# \.\./flowlint\.toml$', shown, re.M), shown


def test_plugin_rules_are_selected_ignored_and_suppressed_like_builtins(project: Path) -> None:
    assert check("--rules-dir", "rules", "--ignore", "ORG1").stdout == "No findings in 1 file.\n"
    only = check("--rules-dir", "rules", "--select", "personal-data-via-api")
    assert only.stdout.splitlines()[:2] == [FINDING_DQT, FINDING_HESA]
    spec = SPEC.replace(
        "Statutory return}", "Statutory return}  # flowlint: ignore[ORG101] HESA takes files only"
    )
    (project / "spec.yaml").write_text(spec, encoding="utf-8")
    # Known to the suppression checks: no FL903 unknown code, no FL902 unused suppression.
    result = check("--rules-dir", "rules")
    assert result.stdout.splitlines() == [
        FINDING_DQT,
        "Found 1 error in 1 file; 1 suppressed inline.",
    ]


def test_rules_and_explain_show_where_a_plugin_rule_comes_from(project: Path) -> None:
    listed = invoke("rules", "--rules-dir", "rules")
    assert listed.exit_code == 0
    lines = listed.stdout.splitlines()
    assert lines[0].split() == ["CODE", "NAME", "SEVERITY", "DEFAULT", "ORIGIN", "SUMMARY"]
    row = next(line for line in lines if line.startswith("ORG101"))
    assert row.split(maxsplit=5) == [
        "ORG101",
        "personal-data-via-api",
        "error",
        "on",
        "rules-dir",
        "rules/personal_data_via_api.py  Personal data leaves the service line only through an API.",
    ]
    fl101 = next(line for line in lines if line.startswith("FL101"))
    assert fl101.split()[4] == "flowlint"
    assert lines[-1].startswith(f"{len(BUILTIN_RULES) + 1} rules, ")
    as_json = json.loads(invoke("rules", "--rules-dir", "rules", "--format", "json").stdout)
    org = next(r for r in as_json if r["code"] == "ORG101")
    assert org["origin"] == "rules-dir rules/personal_data_via_api.py"
    assert org["options_schema"]["properties"]["exempt"]["default"] == []

    explained = invoke("explain", "org101", "--rules-dir", "rules")
    assert explained.exit_code == 0
    out = explained.stdout.splitlines()
    assert out[:2] == [
        "ORG101 personal-data-via-api: Personal data leaves the service line only through an API.",
        "Severity error, on by default; from rules-dir rules/personal_data_via_api.py.",
    ]
    says = explained.stdout.split("\nflowlint says\n", 1)[1].split("\n\n", 1)[0]
    assert says.startswith("    example.yaml:8:5: error ORG101 [personal-data-via-api] the flow")
    options = explained.stdout.split("\nOptions ([tool.flowlint.rule-options.ORG101])\n", 1)[1]
    assert options.splitlines()[0] == (
        '  allowed-via: array, default ["api"]. The ways personal data may leave the service'
    )


def test_sarif_describes_plugin_rules_with_their_origin(project: Path) -> None:
    result = invoke("check", "spec.yaml", "--format", "sarif", "--rules-dir", "rules")
    run = json.loads(result.stdout)["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    org = next(i for i, r in enumerate(rules) if r["id"] == "ORG101")
    assert rules[org]["name"] == "personal-data-via-api"
    assert rules[org]["properties"] == {"origin": "rules-dir rules/personal_data_via_api.py"}
    assert rules[org]["defaultConfiguration"] == {"level": "error", "enabled": True}
    assert "properties" not in rules[0]  # built-in rules are described as before
    assert [(r["ruleId"], r["ruleIndex"]) for r in run["results"]] == [("ORG101", org)] * 2


def test_junit_names_plugin_rules(project: Path) -> None:
    result = invoke("check", "spec.yaml", "--format", "junit", "--rules-dir", "rules")
    assert 'name="ORG101 personal-data-via-api"' in result.stdout


def test_a_missing_rules_folder_is_exit_2(project: Path) -> None:
    result = check("--rules-dir", "policies")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == "flowlint: error: --rules-dir policies: no such directory\n"
    (project / "flowlint.toml").write_text('rules-dir = ["spec.yaml"]\n', encoding="utf-8")
    result = check()
    assert result.stderr == (
        "flowlint: error: flowlint.toml: 'rules-dir': spec.yaml: not a directory\n"
    )
    (project / "flowlint.toml").write_text('rules-dir = "rules"\n', encoding="utf-8")
    assert check().stderr == (
        "flowlint: error: flowlint.toml: 'rules-dir': expected a list, not the text 'rules' "
        '(e.g. ["rules"])\n'
    )


# --- clashes ------------------------------------------------------------------------------------


def test_a_plugin_code_that_clashes_with_a_builtin_is_exit_2_naming_both(project: Path) -> None:
    (project / "rules" / "mine.py").write_text(rule_module("FL101", "my-owner"), encoding="utf-8")
    result = check("--rules-dir", "rules")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "flowlint: error: rule code clash: FL101 (my-owner) from rules-dir rules/mine.py has the "
        "same code as FL101 (single-owner) from flowlint; give one of them another code and name\n"
    )


def test_two_plugins_with_one_code_are_exit_2_naming_both(project: Path) -> None:
    (project / "rules" / "zz_copy.py").write_text(
        rule_module("ORG101", "another-policy"), encoding="utf-8"
    )
    result = invoke("rules", "--rules-dir", "rules")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == (
        "flowlint: error: rule code clash: ORG101 (another-policy) from rules-dir "
        "rules/zz_copy.py has the same code as ORG101 (personal-data-via-api) from rules-dir "
        "rules/personal_data_via_api.py; give one of them another code and name\n"
    )


def test_a_plugin_name_that_clashes_is_exit_2(project: Path) -> None:
    (project / "rules" / "mine.py").write_text(rule_module("ORG900", "lost-edit"), encoding="utf-8")
    result = check("--rules-dir", "rules")
    assert result.exit_code == 2
    assert result.stderr == (
        "flowlint: error: rule name clash: ORG900 (lost-edit) from rules-dir rules/mine.py has the "
        "same name as FL103 (lost-edit) from flowlint; give one of them another code and name\n"
    )


def test_an_entry_point_clashing_with_a_rules_folder_names_both() -> None:
    entry = EntryPoint("dup", "flowlint.rules.single_owner", "flowlint.rules")
    with pytest.raises(RuleClashError) as raised:
        load_rules(entry_points=[entry])
    assert str(raised.value) == (
        "rule code clash: FL101 (single-owner) from entry point unknown distribution:dup has the "
        "same code as FL101 (single-owner) from flowlint; give one of them another code and name"
    )


# --- plugins that fail ------------------------------------------------------------------------------


def test_a_plugin_that_fails_to_import_is_reported_and_the_others_run(project: Path) -> None:
    (project / "rules" / "broken.py").write_text(
        "import flowlint.api\n\nraise RuntimeError('the policy server is down')\n",
        encoding="utf-8",
    )
    result = check("--rules-dir", "rules")
    assert result.exit_code == 2  # the check is incomplete, as when a rule crashes
    assert result.stdout.splitlines() == [FINDING_DQT, FINDING_HESA, "Found 2 errors in 1 file."]
    assert result.stderr == (
        "flowlint: error: cannot load rule plugin rules-dir rules/broken.py: RuntimeError: the "
        "policy server is down; its rules did not run\n"
    )
    listed = invoke("rules", "--rules-dir", "rules")
    assert listed.exit_code == 2
    assert "ORG101" in listed.stdout
    assert listed.stderr.startswith("flowlint: error: cannot load rule plugin rules-dir rules/")


def test_a_module_that_is_not_a_rule_is_reported(project: Path) -> None:
    (project / "rules" / "helper.py").write_text("VALUE = 1\n", encoding="utf-8")
    (project / "rules" / "bad_severity.py").write_text(
        rule_module("ORG300", "bad-severity").replace('"warning"', '"fatal"'), encoding="utf-8"
    )
    (project / "rules" / "_shared.py").write_text("raise SystemExit\n", encoding="utf-8")
    result = check("--rules-dir", "rules")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "flowlint: error: cannot load rule plugin rules-dir rules/bad_severity.py: SEVERITY "
        "'fatal' is not one of error, warning, info; its rules did not run",
        "flowlint: error: cannot load rule plugin rules-dir rules/helper.py: not a rule module: "
        "it defines no CODE, NAME, SEVERITY, check; its rules did not run",
    ]


def test_a_plugin_rule_that_crashes_is_isolated_like_a_builtin(project: Path) -> None:
    crashing = rule_module("ORG500", "crashing").replace("return []", "raise KeyError('trainee')")
    (project / "rules" / "crashing.py").write_text(crashing, encoding="utf-8")
    result = check("--rules-dir", "rules")
    assert result.exit_code == 2
    assert result.stdout.splitlines() == [FINDING_DQT, FINDING_HESA, "Found 2 errors in 1 file."]
    assert result.stderr == (
        "flowlint: error: internal error in rule ORG500 (crashing): KeyError: 'trainee'; its "
        "findings are missing (--debug shows the traceback)\n"
    )


def test_the_quick_look_for_installed_plugins(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from flowlint.plugins import _may_have_plugins

    site_dir = tmp_path / "site"
    (site_dir / "other-1.0.dist-info").mkdir(parents=True)
    (site_dir / "other-1.0.dist-info" / "entry_points.txt").write_text(
        "[console_scripts]\nother = other:main\n", encoding="utf-8"
    )
    monkeypatch.setattr(sys, "path", [str(tmp_path / "missing"), str(site_dir)])
    assert _may_have_plugins() is False
    (site_dir / "policy-1.0.dist-info").mkdir()
    (site_dir / "policy-1.0.dist-info" / "entry_points.txt").write_text(
        "[flowlint.rules]\nmine = policy.mine\n", encoding="utf-8"
    )
    assert _may_have_plugins() is True
    zipped = tmp_path / "plugins.zip"
    zipped.write_bytes(b"")
    monkeypatch.setattr(sys, "path", [str(zipped)])
    assert _may_have_plugins() is True  # cannot tell cheaply: the full look-up decides


def test_a_broken_entry_point_is_reported_with_its_name_and_error() -> None:
    entries = [
        EntryPoint("missing", "flowlint_no_such_plugin.rule", "flowlint.rules"),
        EntryPoint("not-a-module", "flowlint.engine:lint", "flowlint.rules"),
    ]
    rule_set = load_rules(entry_points=entries)
    assert rule_set.rules == BUILTIN_RULES
    assert rule_set.errors == (
        "cannot load rule plugin entry point unknown distribution:missing "
        "(flowlint_no_such_plugin.rule): ModuleNotFoundError: No module named "
        "'flowlint_no_such_plugin'; its rules did not run",
        "cannot load rule plugin entry point unknown distribution:not-a-module: "
        "'flowlint.engine:lint' is a function, not a module (an entry point of group "
        "'flowlint.rules' names a rule module); its rules did not run",
    )


# --- options -----------------------------------------------------------------------------------


def test_rule_options_from_the_configuration_reach_the_rule(project: Path) -> None:
    (project / "flowlint.toml").write_text(
        'rules-dir = ["rules"]\n\n[rule-options.personal-data-via-api]\nexempt = ["hesa"]\n',
        encoding="utf-8",
    )
    result = check("--allow-local-rules")
    assert result.stdout.splitlines() == [FINDING_DQT, "Found 1 error in 1 file."]
    # `flowlint config` imports no rule module, so the rule is named as the file names it.
    shown = invoke("config").stdout
    assert re.search(
        r'^rule-options = \{personal-data-via-api = \{exempt = \["hesa"\]\}\} +# flowlint\.toml$',
        shown,
        re.M,
    ), shown


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (
            "[tool.flowlint.rule-options.ORG101]\nallowed-via = ['api', 'fax']\n",
            "pyproject.toml: [tool.flowlint] 'rule-options.ORG101.allowed-via[1]': 'fax' is not "
            "one of ['api', 'copy', 'file', 'manual'] (rule ORG101 personal-data-via-api from "
            "rules-dir rules/personal_data_via_api.py)",
        ),
        (
            "[tool.flowlint.rule-options.personal-data-via-api]\nexcept = ['hesa']\n",
            "pyproject.toml: [tool.flowlint] 'rule-options.personal-data-via-api.except': "
            "unknown option (known: allowed-via, exempt) (rule ORG101 personal-data-via-api "
            "from rules-dir rules/personal_data_via_api.py)",
        ),
        (
            "[tool.flowlint.rule-options.ORG101]\nexempt = 'hesa'\n",
            "pyproject.toml: [tool.flowlint] 'rule-options.ORG101.exempt': 'hesa' is not of "
            "type 'array' (rule ORG101 personal-data-via-api from rules-dir "
            "rules/personal_data_via_api.py)",
        ),
        (
            "[tool.flowlint.rule-options.FL101]\nmax = 2\n",
            "pyproject.toml: [tool.flowlint] 'rule-options.FL101': rule FL101 single-owner "
            "from flowlint takes no options",
        ),
        (
            "[tool.flowlint.rule-options.ORG102]\nmax = 2\n",
            "pyproject.toml: [tool.flowlint] 'rule-options.ORG102': unknown rule 'ORG102' "
            "(did you mean 'ORG101'?)",
        ),
        (
            "[tool.flowlint]\nrule-options = {ORG101 = ['api']}\n",
            "pyproject.toml: [tool.flowlint] 'rule-options.ORG101': expected a table, not a list",
        ),
    ],
)
def test_bad_rule_options_are_one_line_and_exit_2(
    project: Path, options: str, message: str
) -> None:
    (project / "pyproject.toml").write_text(
        "[tool.flowlint]\nrules-dir = ['rules']\n" + options.removeprefix("[tool.flowlint]\n"),
        encoding="utf-8",
    )
    result = check("--allow-local-rules")
    assert (result.exit_code, result.stdout) == (2, "")
    assert result.stderr == f"flowlint: error: {message}\n"


# --- the documentation ---------------------------------------------------------------------------


def test_the_docs_code_is_the_example_packages_code() -> None:
    text = DOC.read_text(encoding="utf-8")
    blocks = re.findall(r"<!-- run: cat (\S+) -->\n```\w*\n(.*?)```\n<!-- end -->", text, re.S)
    shown = {path for path, _ in blocks}
    assert {
        "tests/plugins/flowlint-policy-example/pyproject.toml",
        "tests/plugins/flowlint-policy-example/src/flowlint_policy_example/personal_data_via_api.py",
        "tests/plugins/flowlint-policy-example/tests/test_personal_data_via_api.py",
    } <= shown
    for path, body in blocks:
        assert body == (ROOT / path).read_text(encoding="utf-8"), path


# --- the example package, installed -------------------------------------------------------------


@pytest.fixture(scope="module")
def plugin_venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A virtual environment with the example package installed by pip (offline, no deps).

    It sees the test environment's packages (flowlint, its dependencies, pip, hatchling) through a
    .pth file: `--system-site-packages` would show the base interpreter's, not this venv's.
    """
    base = tmp_path_factory.mktemp("plugin-venv")
    venv = base / "venv"
    subprocess.run(
        [sys.executable, "-m", "venv", "--without-pip", str(venv)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    python = venv / ("Scripts" if os.name == "nt" else "bin") / "python"
    purelib = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    ).stdout.strip()
    # addsitedir also runs the .pth files there (the editable install of flowlint is one).
    parents = [p for p in site.getsitepackages() if Path(p).is_dir()]
    lines = [f"import site; site.addsitedir({p!r})" for p in parents]
    Path(purelib, "_test_environment.pth").write_text("\n".join(lines) + "\n", "utf-8")
    source = base / "flowlint-policy-example"
    shutil.copytree(EXAMPLE, source, ignore=shutil.ignore_patterns("__pycache__", ".pytest_cache"))
    installed = subprocess.run(
        [
            str(python),
            *("-m", "pip", "install", "--no-deps", "--no-build-isolation", "--no-index"),
            *("--disable-pip-version-check", "-q", str(source)),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert installed.returncode == 0, installed.stderr
    return python


def run_in(python: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "200"}
    env.pop("PYTHONPATH", None)
    return subprocess.run(
        [str(python), *args], capture_output=True, text=True, cwd=cwd, env=env, timeout=120
    )


def test_the_installed_package_is_found_through_its_entry_point(
    plugin_venv: Path, tmp_path: Path
) -> None:
    (tmp_path / "spec.yaml").write_text(SPEC, encoding="utf-8")
    listed = run_in(plugin_venv, tmp_path, "-m", "flowlint", "rules")
    assert (listed.returncode, listed.stderr) == (0, "")
    row = next(line for line in listed.stdout.splitlines() if line.startswith("ORG101"))
    assert row.split(maxsplit=5)[:5] == [
        "ORG101",
        "personal-data-via-api",
        "error",
        "on",
        "entry",
    ]
    assert "entry point flowlint-policy-example:personal-data-via-api" in row

    checked = run_in(plugin_venv, tmp_path, "-m", "flowlint", "check", "spec.yaml", "-q")
    assert (checked.returncode, checked.stderr) == (1, "")
    assert checked.stdout.splitlines() == [FINDING_DQT, FINDING_HESA]

    # Installed and also named in a rules folder: the same code twice is a clash.
    shutil.copytree(EXAMPLE_RULE.parent, tmp_path / "rules")
    clash = run_in(
        plugin_venv, tmp_path, "-m", "flowlint", "check", "spec.yaml", "--rules-dir", "rules"
    )
    assert (clash.returncode, clash.stdout) == (2, "")
    assert clash.stderr == (
        "flowlint: error: rule code clash: ORG101 (personal-data-via-api) from rules-dir "
        "rules/personal_data_via_api.py has the same code as ORG101 (personal-data-via-api) from "
        "entry point flowlint-policy-example:personal-data-via-api; give one of them another "
        "code and name\n"
    )


@pytest.mark.slow  # the same tests run in the default suite from the source tree
def test_the_example_packages_own_tests_pass_against_the_installed_package(
    plugin_venv: Path, tmp_path: Path
) -> None:
    tests = tmp_path / "tests"
    shutil.copytree(EXAMPLE / "tests", tests, ignore=shutil.ignore_patterns("__pycache__"))
    probe = "import flowlint_policy_example as p; print(p.__file__)"
    where = run_in(plugin_venv, tmp_path, "-c", probe)
    assert "site-packages" in where.stdout, where.stderr
    result = run_in(plugin_venv, tmp_path, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests")
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"^3 passed", result.stdout, re.M), result.stdout


def test_the_example_package_tests_on_its_own_without_the_repositorys_conftest(
    tmp_path: Path,
) -> None:
    # As docs/writing-rules.md says: `pytest` in the package directory. The repository's own
    # conftest.py needs hypothesis, which a rule author's environment need not have: make it
    # unimportable, so only a run rooted in the package passes.
    fake = tmp_path / "without-hypothesis" / "hypothesis"
    fake.mkdir(parents=True)
    (fake / "__init__.py").write_text(
        "raise ModuleNotFoundError(\"No module named 'hypothesis'\")\n", encoding="utf-8"
    )
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "-p",
            "no:hypothesispytest",
        ],
        cwd=EXAMPLE,
        env={**os.environ, "PYTHONPATH": str(fake.parent)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "3 passed" in done.stdout
