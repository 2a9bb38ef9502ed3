"""The corpus of bad inputs (tests/corpus/cases.toml): every case through the command line.

Each case names an input (a file or a directory under tests/corpus/, or a generator below for
inputs too big, binary or platform-specific to commit), copies it into a temporary directory and
runs `flowlint check --format concise --no-color` there, so paths in the output are as a user in
that directory would see them. It asserts the exact exit code, the exact stdout and stderr, and
that no traceback is printed. Most cases run in-process through typer's CliRunner; cases marked
`via = "subprocess"` run `python -m flowlint` as users do; cases marked `bounded = true` run in a
subprocess whose address space is capped (`memory_mb`, default 1024) and which must finish within
a timeout far above its normal run time: bounded behaviour, not a timing assertion.

The rest of this module tests crash isolation (a crash in one rule, in validating one file, in
building the model or in a reporter) and that a problem in one file of a directory model does
not hide the findings in the others.
"""

from __future__ import annotations

import dataclasses
import os
import shutil
import subprocess
import sys
import textwrap
import tomllib
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from flowlint.cli import app
from tests.shared import CLEAN

CORPUS = Path(__file__).resolve().parent / "corpus"
CASES = tomllib.loads((CORPUS / "cases.toml").read_text(encoding="utf-8"))["case"]
CHECK = ["check", "--format", "concise", "--no-color"]
# Far above the normal run time of any case (a few seconds): only a hang or a runaway trips it.
TIMEOUT_SECONDS = 120

# The same with one finding: entity 'course' has two owners (FL101, line 6, column 12).
TWO_OWNERS = CLEAN.replace("{owner: publish}", "{owner: [publish, find]}")


# Generated inputs: each writes its input under `root` and returns the name to check.


def _write(root: Path, name: str, data: str | bytes) -> str:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return name


def byte_order_mark(root: Path) -> str:
    return _write(root, "bom.yaml", b"\xef\xbb\xbf" + CLEAN.encode("utf-8"))


def latin_1(root: Path) -> str:
    text = CLEAN.replace("Find postgraduate", "Find a caf\u00e9 and postgraduate")
    return _write(root, "latin-1.yaml", text.encode("latin-1"))


def utf_16(root: Path) -> str:
    return _write(root, "utf-16.yaml", CLEAN.encode("utf-16"))  # with a byte-order mark


def utf_16_without_bom(root: Path) -> str:
    return _write(root, "utf-16-le.yaml", CLEAN.encode("utf-16-le"))


def utf_32(root: Path) -> str:
    return _write(root, "utf-32.yaml", CLEAN.encode("utf-32"))


def nul_byte(root: Path) -> str:
    return _write(root, "nul-byte.yaml", CLEAN.replace("Find post", "Find\x00 post"))


def control_character(root: Path) -> str:
    return _write(root, "control-character.yaml", CLEAN.replace("Find post", "Find\x07 post"))


def alias_bomb(root: Path) -> str:
    """'Billion laughs': nine levels of nine aliases, 9**9 strings if it were expanded."""
    lines = [
        "flowlint: 1",
        'x-a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]',
    ]
    for level in range(1, 10):
        aliases = ", ".join([f"*a{level - 1}"] * 9)
        lines.append(f"x-a{level}: &a{level} [{aliases}]")
    return _write(root, "alias-bomb.yaml", "\n".join(lines) + "\n")


def deep_nesting_flow(root: Path) -> str:
    return _write(
        root, "deep-flow.yaml", "flowlint: 1\nx-deep: " + "[" * 10_000 + "]" * 10_000 + "\n"
    )


def deep_nesting_mappings(root: Path) -> str:
    return _write(
        root,
        "deep-mappings.yaml",
        "flowlint: 1\nx-deep: " + "{a: " * 10_000 + "1" + "}" * 10_000 + "\n",
    )


def deep_nesting_block(root: Path) -> str:
    # Block lists nest on one line ("- - - x"), so 10,000 levels stay a 20 kB file.
    return _write(root, "deep-block.yaml", "flowlint: 1\nx-deep:\n  " + "- " * 10_000 + "x\n")


def long_line(root: Path) -> str:
    """A single line of 5 MB: a misspelt key whose value is 5 million characters."""
    text = CLEAN + 'descripton: "' + "x" * 5_000_000 + '"\n'
    return _write(root, "long-line.yaml", text)


def long_key(root: Path) -> str:
    return _write(root, "long-key.yaml", CLEAN + "x-" + "k" * 2_000_000 + ": 1\n")


def huge_number(root: Path) -> str:
    return _write(root, "huge-number.yaml", CLEAN + "x-size: " + "9" * 5_000 + "\n")


def large_file(root: Path) -> str:
    """A 20 MB spec: a long multi-line description (over the default 16 MB limit)."""
    line = "    Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor.\n"
    body = line * (20 * 1024 * 1024 // len(line))
    return _write(root, "large-file.yaml", TWO_OWNERS + "description: |\n" + body)


def _dir_with_a_finding(root: Path, name: str) -> Path:
    folder = root / name
    folder.mkdir()
    (folder / "good.yaml").write_text(TWO_OWNERS, encoding="utf-8")
    return folder


def unreadable_files(root: Path) -> str:
    """Tests run as root, who can read any file: unreadable means a dangling symlink here."""
    folder = _dir_with_a_finding(root, "unreadable")
    (folder / "gone.yaml").symlink_to("nowhere.yaml")
    (folder / "folder.yaml").mkdir()  # a directory with a spec's name is walked, not read
    return folder.name


def special_files(root: Path) -> str:
    """A named pipe would block a reader forever and /dev/zero never ends."""
    folder = _dir_with_a_finding(root, "special")
    os.mkfifo(folder / "pipe.yaml")
    (folder / "zero.yaml").symlink_to("/dev/zero")
    return folder.name


def symlink_loop(root: Path) -> str:
    folder = _dir_with_a_finding(root, "loop")
    (folder / "a.yaml").symlink_to("b.yaml")
    (folder / "b.yaml").symlink_to("a.yaml")
    (folder / "self.yaml").symlink_to("self.yaml")
    (folder / "again").symlink_to(".", target_is_directory=True)
    (folder / "sub").mkdir()
    (folder / "sub" / "up").symlink_to("..", target_is_directory=True)
    return folder.name


def undecodable_file_among_good(root: Path) -> str:
    folder = _dir_with_a_finding(root, "mixed-encodings")
    (folder / "more.yaml").write_bytes("flowlint: 1\n".encode("utf-16"))
    return folder.name


def oversized_file_among_good(root: Path) -> str:
    folder = _dir_with_a_finding(root, "mixed-sizes")
    with (folder / "huge.yaml").open("wb") as handle:
        handle.truncate(17 * 1024 * 1024)  # sparse: refused by its size, never read
    return folder.name


def hostile_file_names(root: Path) -> str:
    """Spec files named with a line break and a GitHub workflow command, a control character and
    a terminal escape, and a YAML file that is not a spec named the same way."""
    folder = _dir_with_a_finding(root, "hostile-names")
    (folder / "good.yaml").rename(folder / "x\n::error file=a.yaml,line=1::forged\x07.yaml")
    (folder / "y\x1b[2J::warning::z.yml").write_text("a: 1\n", encoding="utf-8")
    return folder.name


def long_top_level_text(root: Path) -> str:
    """A file that is one long text, as a private key read by mistake would be."""
    key = "-----BEGIN OPENSSH PRIVATE KEY-----\n" + "b3BlbnNzaC1rZXktdjEAAAAABG5v\n" * 40
    return _write(root, "id_ed25519.yaml", key + "-----END OPENSSH PRIVATE KEY-----\n")


def long_names(root: Path) -> str:
    """A 100 KB relationship name, anchored once and given by alias to three relationships with
    a schema mistake each: FL003 quotes 80 characters of it, never the 100 KB."""
    lines = [
        "flowlint: 1",
        "services: {a: {name: A}}",
        "entities: {x: {owner: a}, y: {owner: a}}",
        "relationships:",
        f"  - {{name: &long {'n' * 100_000}, from: x, to: y, defined_by: a}}",
    ]
    lines += ["  - {name: *long, from: x, to: y, defined_by: a, by: a}"] * 3
    return _write(root, "long-names.yaml", "\n".join(lines) + "\n")


def aliased_long_text(root: Path) -> str:
    """A 100 KB text given by alias to 200 relationships: 20 MB of text from a 105 KB file."""
    lines = [
        "flowlint: 1",
        "services: {a: {name: A}}",
        "entities: {x: {owner: a}, y: {owner: a}}",
        "relationships:",
        f"  - {{name: &long {'n' * 100_000}, from: x, to: y, defined_by: a}}",
    ]
    lines += ["  - {name: *long, from: x, to: y, defined_by: a}"] * 200
    return _write(root, "aliased-long-text.yaml", "\n".join(lines) + "\n")


GENERATORS: dict[str, Callable[[Path], str]] = {
    function.__name__.replace("_", "-"): function
    for function in [
        byte_order_mark,
        latin_1,
        utf_16,
        utf_16_without_bom,
        utf_32,
        nul_byte,
        control_character,
        alias_bomb,
        deep_nesting_flow,
        deep_nesting_mappings,
        deep_nesting_block,
        long_line,
        long_key,
        huge_number,
        large_file,
        unreadable_files,
        special_files,
        symlink_loop,
        undecodable_file_among_good,
        oversized_file_among_good,
        hostile_file_names,
        long_top_level_text,
        long_names,
        aliased_long_text,
    ]
}


# Running a case


@dataclasses.dataclass
class Outcome:
    exit_code: int
    stdout: str
    stderr: str
    crashed: str | None = None  # the repr of an exception that escaped the CLI


def prepare(case: dict, root: Path) -> str:
    """Put the case's input under `root`; return the path to check, relative to `root`."""
    if "generate" in case:
        return GENERATORS[case["generate"]](root)
    source = CORPUS / case["input"]
    target = root / source.name
    if source.is_dir():
        shutil.copytree(source, target, symlinks=True)
    else:
        shutil.copyfile(source, target)
    return source.name


def run_subprocess(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "flowlint", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=TIMEOUT_SECONDS,
        env={**os.environ, "NO_COLOR": "1", "PYTHONUTF8": "1"},
    )


def run_case(case: dict, root: Path, monkeypatch: pytest.MonkeyPatch) -> Outcome:
    target = prepare(case, root)
    args = [*CHECK, *case.get("args", []), target]
    if case.get("bounded"):
        return run_bounded(args, root, case.get("memory_mb", 1024))
    if case.get("via") == "subprocess":
        done = run_subprocess(args, root)
        return Outcome(done.returncode, done.stdout, done.stderr)
    monkeypatch.chdir(root)
    return invoke(args)


def invoke(args: list[str]) -> Outcome:
    result = CliRunner().invoke(app, args)
    escaped = result.exception
    crashed = None if escaped is None or isinstance(escaped, SystemExit) else repr(escaped)
    return Outcome(result.exit_code, result.stdout, result.stderr, crashed)


def run_bounded(args: list[str], cwd: Path, memory_mb: int) -> Outcome:
    """Run the CLI in a forked child that may use `memory_mb` more address space than it starts
    with, and must answer within the timeout. Forking keeps the imports: no start-up cost."""
    import multiprocessing

    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_bounded_child, args=(args, cwd, memory_mb, sender))
    child.start()
    sender.close()
    try:
        if not receiver.poll(TIMEOUT_SECONDS):
            pytest.fail(f"flowlint did not finish within {TIMEOUT_SECONDS} s")
        outcome = receiver.recv()
    finally:
        child.kill()
        child.join()
    return outcome


def _bounded_child(args: list[str], cwd: Path, memory_mb: int, sender) -> None:
    import resource

    status = Path("/proc/self/status").read_text()
    in_use = int(status.split("VmSize:")[1].split()[0]) * 1024
    cap = in_use + memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    os.chdir(cwd)
    sender.send(invoke(args))
    sender.close()


def expected(text: str) -> str:
    """A manifest's multi-line string as output: lines as written, each ending in a newline."""
    return "".join(f"{line}\n" for line in textwrap.dedent(text).strip("\n").splitlines())


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_corpus_case(case: dict, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    outcome = run_case(case, tmp_path, monkeypatch)
    assert outcome.crashed is None, f"an exception escaped: {outcome.crashed}"
    assert "Traceback" not in outcome.stdout + outcome.stderr
    assert (outcome.exit_code, outcome.stdout, outcome.stderr) == (
        case["exit"],
        expected(case.get("stdout", "")),
        expected(case.get("stderr", "")),
    )
    for name in case.get("absent", []):
        assert not (tmp_path / name).exists(), f"{name} was created: something ran"


def test_every_case_is_described_and_every_input_is_used() -> None:
    ids = [case["id"] for case in CASES]
    assert len(ids) == len(set(ids)), "case ids must be unique"
    for case in CASES:
        assert case.get("note", "").strip(), f"{case['id']} has no note"
        assert case["exit"] in (0, 1, 2)
        assert ("input" in case) != ("generate" in case), case["id"]
        if "generate" in case:
            assert case["generate"] in GENERATORS, case["id"]
    inputs = [case["input"] for case in CASES if "input" in case]
    assert all((CORPUS / name).exists() for name in inputs)
    used = {"/".join(name.split("/")[:2]) for name in inputs}
    on_disk = {
        path.relative_to(CORPUS).as_posix()
        for folder in ("files", "dirs")
        for path in (CORPUS / folder).iterdir()
    }
    assert on_disk == used, "every file and directory in the corpus belongs to a case"
    assert set(GENERATORS) == {case["generate"] for case in CASES if "generate" in case}


# A problem in one file of a directory model hides nothing in the others.


def _bad_syntax(folder: Path) -> None:
    (folder / "bad.yaml").write_text('flowlint: 1\nservices: {apply: {name: "Apply}\n')


def _bad_schema(folder: Path) -> None:
    (folder / "bad.yaml").write_text("flowlint: 1\nservices: [publish, find]\n")


def _bad_top_level(folder: Path) -> None:
    (folder / "bad.yaml").write_text("- flowlint: 1\n")


def _bad_encoding(folder: Path) -> None:
    (folder / "bad.yaml").write_bytes(b"flowlint: 1\nservices: {caf\xe9: {name: Caf\xe9}}\n")


def _bad_size(folder: Path) -> None:
    (folder / "bad.yaml").write_text("flowlint: 1\n" + "# padding\n" * 120_000)  # 1.2 MB


def _bad_link(folder: Path) -> None:
    (folder / "bad.yaml").symlink_to("missing.yaml")


def _bad_nesting(folder: Path) -> None:
    (folder / "bad.yaml").write_text("flowlint: 1\nx-deep: " + "[" * 100 + "]" * 100 + "\n")


BAD_FILES = {
    "syntax-error": (_bad_syntax, 1, "bad.yaml:3:1: error FL001"),
    "schema-error": (_bad_schema, 1, "bad.yaml:2:1: error FL003"),
    "top-level-list": (_bad_top_level, 1, "bad.yaml:1:1: error FL003"),
    "not-utf-8": (_bad_encoding, 2, "flowlint: error: model/bad.yaml: file is not UTF-8"),
    "over-the-size-limit": (_bad_size, 2, "flowlint: error: model/bad.yaml: file is 1,200,012"),
    "dangling-symlink": (_bad_link, 2, "flowlint: error: model/bad.yaml: cannot read"),
    "too-deep": (_bad_nesting, 1, "bad.yaml:2:"),
}


@pytest.mark.parametrize("kind", list(BAD_FILES))
def test_a_bad_file_hides_no_finding_in_the_others(
    kind: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_bad, exit_code, reported = BAD_FILES[kind]
    folder = tmp_path / "model"
    folder.mkdir()
    (folder / "a.yaml").write_text(TWO_OWNERS)
    (folder / "z.yaml").write_text("flowlint: 1\nentities:\n  mentor: {owner: [publish, find]}\n")
    make_bad(folder)
    monkeypatch.chdir(tmp_path)
    outcome = invoke([*CHECK, "--max-file-size", "1", "model"])
    assert outcome.crashed is None and "Traceback" not in outcome.stdout + outcome.stderr
    assert outcome.exit_code == exit_code
    assert reported in outcome.stdout + outcome.stderr
    findings = [line.split(" [")[0] for line in outcome.stdout.splitlines() if "FL101" in line]
    assert findings == [
        "model/a.yaml:6:12: error FL101",
        "model/z.yaml:3:12: error FL101",
    ]


# Crash isolation: an internal error costs only what it must, and is one line and exit 2.


def _raise(message: str) -> Callable[..., object]:
    def explode(*args: object, **kwargs: object) -> object:
        raise RuntimeError(message)

    return explode


@pytest.fixture
def two_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """a.yaml with FL101, b.yaml with an FL003 (a service that is not a mapping)."""
    (tmp_path / "a.yaml").write_text(TWO_OWNERS)
    (tmp_path / "b.yaml").write_text(
        "flowlint: 1\nservices:\n  apply: Apply for teacher training\n"
    )
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_a_crashing_rule_is_one_line_even_when_its_message_is_not(
    two_files: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import flowlint.rules

    rules = tuple(
        dataclasses.replace(r, check=_raise("line one\nline two")) if r.code == "FL101" else r
        for r in flowlint.rules.BUILTIN_RULES
    )
    monkeypatch.setattr(flowlint.rules, "BUILTIN_RULES", rules)
    outcome = invoke([*CHECK, "a.yaml", "b.yaml"])
    assert outcome.exit_code == 2
    assert outcome.stdout.splitlines() == [
        "b.yaml:3:3: error FL003 [schema] service 'apply' must be a mapping, not the text "
        "'Apply for teacher training'",
        "Found 1 error in 2 files.",
    ]
    assert outcome.stderr == (
        "flowlint: error: internal error in rule FL101 (single-owner): RuntimeError: line one "
        "line two; its findings are missing (--debug shows the traceback)\n"
    )


def test_a_crash_validating_one_file_keeps_the_findings_of_the_others(
    two_files: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import flowlint.schema

    validate = flowlint.schema.validate

    def fragile(source, *args, **kwargs):
        if source.path == "b.yaml":
            raise RuntimeError("boom")
        return validate(source, *args, **kwargs)

    monkeypatch.setattr(flowlint.schema, "validate", fragile)
    outcome = invoke([*CHECK, "a.yaml", "b.yaml"])
    assert outcome.exit_code == 2
    # b.yaml's FL003 is missing, so FL106 no longer knows to leave the broken service alone.
    assert [line.split(" [")[0] for line in outcome.stdout.splitlines()] == [
        "a.yaml:6:12: error FL101",
        "b.yaml:3:3: warning FL106",
        "Found 1 error and 1 warning in 2 files.",
    ]
    assert outcome.stderr == (
        "flowlint: error: internal error while validating b.yaml: RuntimeError: boom; its FL003 "
        "findings are missing (--debug shows the traceback)\n"
    )


def test_a_crash_building_the_model_keeps_the_yaml_and_schema_findings(
    two_files: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import flowlint.engine

    build_model = flowlint.engine.build_model

    def fragile(files, *args, **kwargs):
        if files:
            raise RuntimeError("boom")
        return build_model(files, *args, **kwargs)

    monkeypatch.setattr(flowlint.engine, "build_model", fragile)
    outcome = invoke([*CHECK, "a.yaml", "b.yaml"])
    assert outcome.exit_code == 2
    assert [line.split(" [")[0] for line in outcome.stdout.splitlines()] == [
        "b.yaml:3:3: error FL003",
        "Found 1 error in 2 files.",
    ]
    assert outcome.stderr == (
        "flowlint: error: internal error while building the model: RuntimeError: boom; the "
        "rules' findings are missing (--debug shows the traceback)\n"
    )
    debug = invoke([*CHECK, "--debug", "a.yaml", "b.yaml"])
    assert debug.exit_code == 2
    assert "Traceback (most recent call last)" in debug.stderr
    assert "RuntimeError: boom" in debug.stderr


def _main(argv: list[str], monkeypatch: pytest.MonkeyPatch, capsys) -> tuple[int, str, str]:
    """Run the console entry point, with its last-resort handler, in this process."""
    from flowlint.cli import main

    monkeypatch.setattr(sys, "argv", ["flowlint", *argv])
    with pytest.raises(SystemExit) as exited:
        main()
    captured = capsys.readouterr()
    return exited.value.code, captured.out, captured.err


def test_a_crashing_reporter_is_one_line_and_exit_2(
    two_files: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    import flowlint.reporters.concise

    monkeypatch.setattr(flowlint.reporters.concise, "render", _raise("cannot\nrender"))
    code, out, err = _main([*CHECK, "a.yaml"], monkeypatch, capsys)
    assert (code, out) == (2, "")
    assert err == (
        "flowlint: internal error: RuntimeError: cannot render (rerun with --debug for details)\n"
    )
    code, out, err = _main([*CHECK, "--debug", "a.yaml"], monkeypatch, capsys)
    assert code == 2
    assert err.startswith("Traceback (most recent call last)")
    assert err.endswith("flowlint: internal error: RuntimeError: cannot render\n")


def test_an_exception_without_text_is_still_one_line(
    two_files: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    import flowlint.loading

    def out_of_memory(*args: object, **kwargs: object) -> object:
        raise MemoryError

    monkeypatch.setattr(flowlint.loading, "load_paths", out_of_memory)
    code, out, err = _main([*CHECK, "a.yaml"], monkeypatch, capsys)
    assert (code, out, err) == (
        2,
        "",
        "flowlint: internal error: MemoryError (rerun with --debug for details)\n",
    )


def test_a_crash_in_the_installed_command_is_one_line_and_exit_2(two_files: Path) -> None:
    program = (
        "import sys, flowlint.reporters.json as reporter\n"
        "def render(report, options):\n"
        "    raise KeyError('no such field')\n"
        "reporter.render = render\n"
        "sys.argv = ['flowlint', 'check', '--format', 'json', 'a.yaml']\n"
        "from flowlint.cli import main\n"
        "main()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", program],
        cwd=two_files,
        capture_output=True,
        text=True,
        timeout=TIMEOUT_SECONDS,
    )
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == (
        "flowlint: internal error: KeyError: 'no such field' (rerun with --debug for details)\n"
    )


# Pipes and notes


def test_a_spec_named_as_a_pipe_is_read(tmp_path: Path) -> None:
    """Only files found in a directory must be regular files: `check /dev/stdin` or a shell's
    `<(...)` is a pipe the user asked for, and is read (never more than the size limit)."""
    done = subprocess.run(
        [sys.executable, "-m", "flowlint", *CHECK, "/dev/stdin"],
        input=TWO_OWNERS,
        capture_output=True,
        text=True,
        timeout=TIMEOUT_SECONDS,
        cwd=tmp_path,
    )
    assert (done.returncode, done.stderr) == (1, "")
    assert done.stdout.startswith("/dev/stdin:6:12: error FL101 [single-owner]")
    endless = subprocess.run(
        [sys.executable, "-m", "flowlint", *CHECK, "--max-file-size", "0.01", "/dev/stdin"],
        input="# " + "x" * 20_000 + "\n",
        capture_output=True,
        text=True,
        timeout=TIMEOUT_SECONDS,
        cwd=tmp_path,
    )
    assert (endless.returncode, endless.stdout) == (2, "")
    assert endless.stderr == (
        "flowlint: error: /dev/stdin: is longer than the 10,486-byte limit; raise the limit with "
        "--max-file-size MB, or max-file-size in the configuration (0: no limit)\n"
    )


def test_quiet_leaves_out_the_note_about_skipped_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shutil.copytree(CORPUS / "dirs" / "ci-workflow-next-to-spec", tmp_path / "model")
    monkeypatch.chdir(tmp_path)
    quiet = invoke([*CHECK, "--quiet", "model"])
    assert (quiet.exit_code, quiet.stderr) == (1, "")
    assert quiet.stdout.startswith("model/spec.yaml:6:12: error FL101")
    assert "note: skipped 2 YAML files" in invoke([*CHECK, "model"]).stderr


def test_a_limit_larger_than_memory_reads_the_file_as_usual(tmp_path: Path) -> None:
    """The limit bounds what is read; it is not allocated up front (64 TB used to be an internal
    MemoryError), for a regular file and for a pipe alike."""
    spec = tmp_path / "spec.yaml"
    spec.write_text(TWO_OWNERS, encoding="utf-8")
    for target, given in ((str(spec), None), ("/dev/stdin", TWO_OWNERS)):
        done = subprocess.run(
            [sys.executable, "-m", "flowlint", *CHECK, "--max-file-size", "64000000", target],
            input=given,
            capture_output=True,
            text=True,
            timeout=TIMEOUT_SECONDS,
            cwd=tmp_path,
        )
        assert (done.returncode, done.stderr) == (1, "")
        assert "error FL101 [single-owner]" in done.stdout


# Inputs that used to cost the square of their size, or crash on their depth (issue 12): each runs
# in a child with its memory capped and a time limit (`run_bounded`), with its exact output.

FL101_COURSE = (
    "error FL101 [single-owner] entity 'course' has 2 owners, 'publish' and 'find'; keep one "
    "owner and let the others receive a copy through a flow"
)


def test_1100_nested_folders_are_walked(tmp_path: Path) -> None:
    """os.walk recursed on Python 3.11: 1,100 nested folders gave RecursionError in check."""
    folder = tmp_path / "deep"
    for _ in range(1101):
        folder.mkdir()
        folder = folder / "a"
    spec = folder.parent / "spec.yaml"
    spec.write_text(TWO_OWNERS, encoding="utf-8")
    try:
        outcome = run_bounded([*CHECK, "deep"], tmp_path, 1024)
    finally:
        # Removed here, deepest first: pytest's clean-up (shutil.rmtree) recurses on 3.11.
        spec.unlink()
        while folder != tmp_path:
            if folder.exists():
                folder.rmdir()
            folder = folder.parent
    assert outcome.crashed is None
    assert (outcome.exit_code, outcome.stderr) == (1, "")
    assert outcome.stdout == (
        f"deep/{'a/' * 1100}spec.yaml:6:12: {FL101_COURSE}\nFound 1 error in 1 file.\n"
    )


PREFIX = "service-" + "x" * 192  # 200 characters


def test_10000_unknown_ids_sharing_a_200_character_prefix(tmp_path: Path) -> None:
    """Did-you-mean compared each unknown id with every candidate sharing a letter triple: 189 s
    for 10,000 of them. Now a bounded cost per id; and text output shows 1,000 findings of a
    rule, then says how many it left out."""
    n = 10_000
    lines = ["flowlint: 1", "services:"]
    lines += [f"  {PREFIX}-{i}: {{name: S{i}}}" for i in range(n)]
    lines += ["entities:", f"  e: {{owner: {PREFIX}-0}}", "flows:"]
    lines += [f"  - {{from: {PREFIX}-0, to: {PREFIX}-{i}-x, entities: [e]}}" for i in range(n)]
    (tmp_path / "ids.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    outcome = run_bounded([*CHECK, "--select", "FL004", "ids.yaml"], tmp_path, 1024)
    assert outcome.crashed is None
    assert (outcome.exit_code, outcome.stderr) == (1, "")
    cut = f"'{PREFIX[:79]}…'"
    column = len(f"  - {{from: {PREFIX}-0, ") + 1  # at the 'to' key
    expected = [
        f"ids.yaml:{n + 6 + i}:{column}: error FL004 [unknown-reference] unknown service {cut} in "
        f"'to' of the flow from '{PREFIX}-0' to '{PREFIX}-{i}-x' (did you mean {cut}?)"
        for i in range(1000)
    ]
    expected += [
        "9,000 more findings not shown: FL004 (9,000); this format shows at most 1,000 per rule, "
        "--format json or sarif lists every finding.",
        "Found 10000 errors in 1 file.",
    ]
    got = outcome.stdout.splitlines()
    assert got == expected, next((g, e) for g, e in zip(got, expected, strict=False) if g != e)


def test_a_relationship_with_20000_definers(tmp_path: Path) -> None:
    """Each FL201 finding named every definer: 10,000 definers made 899 MB of output. Now each
    names 10 (quoted_list), and text shows 1,000 findings of the rule."""
    n = 20_000
    lines = ["flowlint: 1", "services:"]
    lines += [f"  s{i}: {{name: S{i}}}" for i in range(n)]
    lines += ["entities: {a: {owner: s0}, b: {owner: s0}}", "relationships:"]
    lines += [
        "  - {name: A to B, from: a, to: b, defined_by: ["
        + ", ".join(f"s{i}" for i in range(n))
        + "]}"
    ]
    (tmp_path / "definers.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    outcome = run_bounded([*CHECK, "--select", "FL201", "definers.yaml"], tmp_path, 1024)
    assert outcome.crashed is None
    assert (outcome.exit_code, outcome.stderr) == (0, "")  # FL201 is a warning
    shown = outcome.stdout.splitlines()
    assert len(shown) == 1000 + 2
    assert all(len(line) < 1000 for line in shown)
    assert "and 19,990 more" in shown[0]


def test_a_long_name_repeated_across_findings(tmp_path: Path) -> None:
    lines = [
        "flowlint: 1",
        "services: {a: {name: A}, b: {name: B}}",
        "entities: {x: {owner: a}, y: {owner: a}}",
        "relationships:",
        f"  - {{name: &long {'n' * 20_000}, from: x, to: y, defined_by: a}}",
    ]
    lines += ["  - {name: *long, from: x, to: y, defined_by: b}"] * 150
    (tmp_path / "long.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    outcome = run_bounded([*CHECK, "--select", "FL201", "long.yaml"], tmp_path, 1024)
    assert (outcome.crashed, outcome.exit_code, outcome.stderr) == (None, 0, "")
    assert all(len(line) < 600 for line in outcome.stdout.splitlines())


def chain(n: int) -> str:
    lines = ["flowlint: 1", "services:"]
    lines += [f"  s{i}: {{name: Service {i}}}" for i in range(n)]
    lines += ["entities:", "  e: {owner: s0}", "flows:"]
    lines += [f"  - {{from: s{i}, to: s{i + 1}, entities: [e]}}" for i in range(n - 1)]
    return "\n".join(lines) + "\n"


def expected_chain_tree(n: int, flow_rules: bool = True) -> str:
    """`flowlint lineage e` of a chain of n services: guides for 32 levels, then depths. With
    `flow_rules`, each copy after the first is second-hand and each passes one on (FL104), as
    the lineage of a real chain says; a lineage built by hand below says neither."""
    from flowlint.commands.lineage import MAX_DRAWN_DEPTH

    lines = ["e · owner: s0"]
    for depth in range(n):
        guides = "    " * min(depth, MAX_DRAWN_DEPTH)
        marker = f"(depth {depth + 1}) " if depth > MAX_DRAWN_DEPTH else ""
        how = "owner" if depth == 0 else "copy"
        notes = ""
        if flow_rules and depth >= 2:
            notes += " · second-hand copy"
        if flow_rules and 1 <= depth < n - 1:
            notes += f" · passes a second-hand copy on to s{depth + 1} (FL104)"
        lines.append(f"{guides}└── {marker}s{depth} · Service {depth} · {how} · inside{notes}")
    second = (
        "second-hand copies in "
        + ", ".join(f"s{i}" for i in range(2, 12))
        + f" and {n - 12:,} more"
        if flow_rules
        else "no second-hand copies"
    )
    lines.append(f"e: {n} holders; {n} inside, 0 outside the boundary; no lost edits; {second}.")
    return "\n".join(lines) + "\n"


def test_a_2000_holder_chain_is_drawn_without_recursion() -> None:
    """The command's own drawing, from a lineage built here bottom up (no recursion either)."""
    from flowlint.commands.lineage import render_text
    from flowlint.lineage import Holder, Lineage, Way

    n = 2000
    holder = None
    for i in reversed(range(n)):
        received = None if i == 0 else Way(f"s{i - 1}", f"s{i}", "copy", None, "live")
        holder = Holder(
            f"s{i}",
            f"Service {i}",
            "owner" if i == 0 else "copy",
            True,
            received,
            (),
            False,
            None,
            False,
            (holder,) if holder else (),
        )
    assert holder is not None
    found = Lineage("e", "e", True, False, "live", ("s0",), (holder,), (), ())
    assert render_text(found, color=False) == expected_chain_tree(n, flow_rules=False)


def test_lineage_of_a_500_service_chain(tmp_path: Path) -> None:
    """`lineage` crashed on a 500-service chain (RecursionError): the lineage is built and the
    tree drawn without recursion, and the summary names at most 10 second-hand copies."""
    (tmp_path / "chain.yaml").write_text(chain(500), encoding="utf-8")
    outcome = run_bounded(["lineage", "e", "chain.yaml"], tmp_path, 1024)
    assert outcome.crashed is None
    assert (outcome.exit_code, outcome.stderr) == (0, "")
    assert outcome.stdout == expected_chain_tree(500)


def test_every_command_accepts_the_debug_option_a_crash_names(
    two_files: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    """An internal error says '(rerun with --debug for details)': every command accepts it, and
    with it the traceback is printed before the one line."""
    from flowlint.cli import COMMANDS

    for name in COMMANDS:
        shown = CliRunner().invoke(app, [name, "--help"])
        assert "--debug" in shown.stdout, name
    import flowlint.lineage

    monkeypatch.setattr(flowlint.lineage, "lineage", _raise("boom"))
    code, out, err = _main(["lineage", "course", "a.yaml"], monkeypatch, capsys)
    assert (code, out) == (2, "")
    assert err == "flowlint: internal error: RuntimeError: boom (rerun with --debug for details)\n"
    code, out, err = _main(["lineage", "course", "a.yaml", "--debug"], monkeypatch, capsys)
    assert (code, out) == (2, "")
    assert err.startswith("Traceback (most recent call last)")
    assert err.endswith("flowlint: internal error: RuntimeError: boom\n")
