"""flowlint.loading without the CLI: the one-line notes and errors of reading paths, decoding,
standard input and editor overlays, and the words of YAML problems, asserted exactly."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from flowlint.loading import (
    Limits,
    Loaded,
    decode,
    is_spec,
    links_note,
    load_paths,
    looks_like_spec,
    over_the_limit,
    parse_text,
    skipped_note,
)


def test_notes_name_at_most_five_files_and_count_the_rest() -> None:
    assert links_note(["a"]) == (
        "skipped 1 symbolic link that leads outside the folder checked (never opened): a"
    )
    assert links_note(["a", "b"]) == (
        "skipped 2 symbolic links that lead outside the folder checked (never opened): a, b"
    )
    six = [f"f{n}" for n in range(6)]
    assert links_note(six) == (
        "skipped 6 symbolic links that lead outside the folder checked (never opened): "
        "f0, f1, f2, f3, f4 and 1 more"
    )
    assert links_note(six[:5]).endswith(": f0, f1, f2, f3, f4")
    assert skipped_note(["a.yaml"]) == (
        "skipped 1 YAML file with no top-level 'flowlint' key (not flowlint specs): a.yaml"
    )
    assert skipped_note([*six, "f6"]) == (
        "skipped 7 YAML files with no top-level 'flowlint' key (not flowlint specs): "
        "f0, f1, f2, f3, f4 and 2 more"
    )
    assert skipped_note(six[:5]).endswith(": f0, f1, f2, f3, f4")
    assert over_the_limit("big.yaml", 20_000_000, 16_777_216) == (
        "big.yaml: file is 20,000,000 bytes, over the 16,777,216-byte limit; raise the limit "
        "with --max-file-size MB, or max-file-size in the configuration (0: no limit)"
    )


UTF8 = "UTF-8 text"


def test_decode_reads_utf8_and_says_why_not_otherwise() -> None:
    assert decode(b"a: 1\n") == ("a: 1\n", "")
    assert decode(b"\xef\xbb\xbfa: 1\n") == ("a: 1\n", "")
    assert decode("é: ü\n".encode()) == ("é: ü\n", "")
    assert decode(b"") == ("", "")
    utf32 = (None, "file is UTF-32; flowlint reads UTF-8 text: re-save the file as UTF-8")
    utf16 = (None, "file is UTF-16; flowlint reads UTF-8 text: re-save the file as UTF-8")
    assert decode("a: 1\n".encode("utf-32")) == utf32
    assert decode(b"\x00\x00\xfe\xff" + "a".encode("utf-32-be")) == utf32
    assert decode(b"\xff\xfe\x00\x00a") == utf32
    assert decode(b"\xff\xfea\x00") == utf16
    assert decode(b"\xfe\xff\x00a") == utf16
    assert decode("ab: 1\n".encode("utf-16-le")) == utf16
    assert decode("ab: 1\n".encode("utf-16-be")) == utf16
    # Odd lengths are judged on their even part; fewer than four bytes are never UTF-16.
    assert decode("ab".encode("utf-16-le") + b"c") == utf16
    assert decode(b"a\x00b") == ("a\x00b", "")
    assert decode(b"a\x00") == ("a\x00", "")
    # A zero byte here and there is not UTF-16.
    assert decode(b"a\x00bc") == ("a\x00bc", "")
    assert decode(b"\x00a\x00\x00") == ("\x00a\x00\x00", "")
    assert decode(b"a: 1\nb: 2\nc: \xe9\n") == (
        None,
        "file is not UTF-8 text (byte 0xe9 on line 3); re-save it as UTF-8",
    )
    assert decode(b"\xff") == (
        None,
        "file is not UTF-8 text (byte 0xff on line 1); re-save it as UTF-8",
    )


# --- reading paths --------------------------------------------------------------------------


def _write(root: Path, name: str, text: str = "flowlint: 1\n") -> Path:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _names(loaded: Loaded, root: Path) -> list[str]:
    return [Path(f.path).relative_to(root).as_posix() for f in loaded.files]


def test_a_directory_of_yaml_that_is_not_flowlint_is_one_error_and_skipped_files(
    tmp_path: Path,
) -> None:
    one = tmp_path / "one"
    _write(one, "a.yaml", "name: not a spec\n")
    loaded = load_paths([one])
    root = one.as_posix()
    assert (loaded.files, loaded.skipped) == ((), (f"{root}/a.yaml",))
    assert loaded.errors == (
        f"{root}: no flowlint spec files in this directory: its YAML file has no top-level "
        "'flowlint' key",
    )
    two = tmp_path / "two"
    _write(two, "a.yaml", "name: not a spec\n")
    # It mentions flowlint, so it is parsed; it has no such key, so it is skipped too.
    _write(two, "b.yml", "tool: flowlint\n")
    loaded = load_paths([two])
    root = two.as_posix()
    assert loaded.skipped == (f"{root}/a.yaml", f"{root}/b.yml")
    assert loaded.errors == (
        f"{root}: no flowlint spec files in this directory: its 2 YAML files have no top-level "
        "'flowlint' key",
    )


def test_skipped_files_beside_a_spec_are_no_error(tmp_path: Path) -> None:
    _write(tmp_path, "a.yaml", "name: not a spec\n")
    _write(tmp_path, "b.yaml")
    # Not a mapping, but written like a spec: read, so the schema can say what is wrong.
    _write(tmp_path, "c.yaml", "- flowlint: 1\n")
    _write(tmp_path, "d.yaml", "flowlint: [\n")
    _write(tmp_path, "e.yaml", "- flowlint\n")
    loaded = load_paths([tmp_path])
    assert _names(loaded, tmp_path) == ["b.yaml", "c.yaml", "d.yaml"]
    assert loaded.files[2].problems[0][0] == "FL001"
    assert loaded.skipped == ((tmp_path / "a.yaml").as_posix(), (tmp_path / "e.yaml").as_posix())
    assert loaded.errors == ()
    # A file named on its own is read whatever it holds.
    named = load_paths([tmp_path / "a.yaml"])
    assert (len(named.files), named.skipped, named.errors) == (1, (), ())
    # A directory read once already adds nothing, and says nothing, the second time.
    again = load_paths([tmp_path, tmp_path])
    assert (_names(again, tmp_path), again.errors) == (["b.yaml", "c.yaml", "d.yaml"], ())


def test_links_that_lead_outside_a_directory_model_are_never_opened(tmp_path: Path) -> None:
    outside = _write(tmp_path, "outside.yaml")
    model = tmp_path / "model"
    model.mkdir()
    (model / "out.yaml").symlink_to(outside)
    (model / "gone.yaml").symlink_to(tmp_path / "missing.yaml")
    loaded = load_paths([model])
    root = model.as_posix()
    assert loaded.files == ()
    assert loaded.links == (f"{root}/gone.yaml", f"{root}/out.yaml")
    assert loaded.errors == (
        f"{root}: no spec files in this directory, only symbolic links that lead outside it",
    )
    _write(model, "in.yaml")
    (model / "in-link.yaml").symlink_to(model / "in.yaml")
    (model / "sub").mkdir()
    (model / "sub" / "up.yaml").symlink_to(model / "in.yaml")
    loaded = load_paths([model])
    # The links inside are kept (and read once, as the file they lead to).
    assert _names(loaded, model) == ["in-link.yaml"]
    assert loaded.links == (f"{root}/gone.yaml", f"{root}/out.yaml")
    assert loaded.errors == ()


def test_a_link_into_a_sibling_folder_with_the_same_prefix_is_outside(tmp_path: Path) -> None:
    model = tmp_path / "model"
    sibling = tmp_path / "model-other"
    _write(sibling, "a.yaml")
    _write(model, "b.yaml")
    (model / "a.yaml").symlink_to(sibling / "a.yaml")
    loaded = load_paths([model])
    assert _names(loaded, model) == ["b.yaml"]
    assert loaded.links == ((model / "a.yaml").as_posix(),)


def test_a_dangling_link_inside_the_model_says_where_it_leads(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").symlink_to("missing.yaml")
    _write(tmp_path, "b.yaml")
    loaded = load_paths([tmp_path])
    assert loaded.errors == (
        f"{(tmp_path / 'a.yaml').as_posix()}: cannot read: it is a symbolic link to "
        "'missing.yaml', which does not exist",
    )
    (tmp_path / "c.yaml").symlink_to("d.yaml")
    (tmp_path / "d.yaml").symlink_to("c.yaml")
    loaded = load_paths([tmp_path / "c.yaml"])
    assert loaded.errors == (
        f"{(tmp_path / 'c.yaml').as_posix()}: cannot read: it is a loop of symbolic links",
    )


def test_a_path_through_a_file_is_one_line(tmp_path: Path) -> None:
    spec = _write(tmp_path, "a.yaml")
    loaded = load_paths([spec / "b.yaml", spec])
    assert loaded.errors == (f"{spec.as_posix()}/b.yaml: cannot read: Not a directory",)
    assert [f.path for f in loaded.files] == [spec.as_posix()]


def test_a_pipe_or_socket_in_a_directory_model_is_not_opened(tmp_path: Path) -> None:
    import socket

    _write(tmp_path, "a.yaml")
    os.mkfifo(tmp_path / "pipe.yaml")
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(tmp_path / "sock.yaml"))
        loaded = load_paths([tmp_path])
    finally:
        server.close()
    root = tmp_path.as_posix()
    assert _names(loaded, tmp_path) == ["a.yaml"]
    assert loaded.errors == (
        f"{root}/pipe.yaml: is a named pipe, not a file; remove it",
        f"{root}/sock.yaml: is a socket, not a file; remove it",
    )


def test_a_device_named_on_its_own_is_read_within_the_limit() -> None:
    loaded = load_paths(["/dev/null"])
    assert [(f.path, f.data) for f in loaded.files] == [("/dev/null", None)]
    assert loaded.errors == ()
    loaded = load_paths(["/dev/zero"], Limits(max_file_bytes=10))
    assert loaded.errors == (
        "/dev/zero: is longer than the 10-byte limit; raise the limit with --max-file-size MB, "
        "or max-file-size in the configuration (0: no limit)",
    )


def test_without_a_limit_the_whole_file_is_read(tmp_path: Path) -> None:
    spec = _write(tmp_path, "a.yaml", "flowlint: 1\n" + "# padding\n" * 20)
    loaded = load_paths([spec], Limits(max_file_bytes=None))
    assert [f.text for f in loaded.files] == [spec.read_text(encoding="utf-8")]
    exact = load_paths([spec], Limits(max_file_bytes=len(spec.read_bytes())))
    assert (len(exact.files), exact.errors) == (1, ())


def test_read_at_most_reads_chunks_up_to_the_size() -> None:
    import io

    from flowlint.loading import _read_at_most

    class Trickle(io.RawIOBase):
        """A stream that gives at most three bytes a read, as a pipe may."""

        def __init__(self, data: bytes) -> None:
            self.data = data

        def readable(self) -> bool:
            return True

        def read(self, size: int = -1) -> bytes:
            chunk, self.data = self.data[: min(size, 3)], self.data[min(size, 3) :]
            return chunk

    assert _read_at_most(Trickle(b"abcdefghij"), 7) == b"abcdefg"  # type: ignore[arg-type]
    assert _read_at_most(Trickle(b"abcd"), 7) == b"abcd"  # type: ignore[arg-type]
    assert _read_at_most(Trickle(b"abcd"), 0) == b""  # type: ignore[arg-type]


# --- standard input ---------------------------------------------------------------------------


class _Stdin:
    def __init__(self, data: bytes | None = None, error: OSError | None = None) -> None:
        import io

        self.buffer = io.BytesIO(data or b"")
        if error is not None:

            def fail(*args: object) -> bytes:
                raise error

            self.buffer.read = fail  # type: ignore[method-assign]


def test_standard_input_is_read_first_and_stands_in_for_its_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    spec = _write(tmp_path, "a.yaml", "flowlint: 1\nservice_line: on disk\n")
    _write(tmp_path, "b.yaml")
    monkeypatch.setattr(sys, "stdin", _Stdin(b"flowlint: 1\nservice_line: unsaved\n"))
    loaded = load_paths([tmp_path, "-"], stdin_name=str(spec))
    assert [(f.path, f.data.get("service_line")) for f in loaded.files] == [
        (str(spec), "unsaved"),
        ((tmp_path / "b.yaml").as_posix(), None),
    ]
    monkeypatch.setattr(sys, "stdin", _Stdin(b"flowlint: 1\n"))
    loaded = load_paths(["-"])
    assert [(f.path, f.data) for f in loaded.files] == [("-", {"flowlint": 1})]


@pytest.mark.parametrize(
    ("stdin", "limits", "error"),
    [
        (lambda: None, Limits(), "-: standard input is closed; there is no spec to read"),
        (
            lambda: _Stdin(error=OSError(5, "Input/output error")),
            Limits(),
            "-: cannot read standard input: Input/output error",
        ),
        (
            lambda: _Stdin(error=OSError("gone")),
            Limits(),
            "-: cannot read standard input: gone",
        ),
        (
            lambda: _Stdin(b"flowlint: 1\n"),
            Limits(max_file_bytes=11),
            "-: is longer than the 11-byte limit; raise the limit with --max-file-size MB, or "
            "max-file-size in the configuration (0: no limit)",
        ),
        (
            lambda: _Stdin(b"flowlint: \xe9\n"),
            Limits(),
            "-: file is not UTF-8 text (byte 0xe9 on line 1); re-save it as UTF-8",
        ),
    ],
)
def test_standard_input_that_cannot_be_read_is_one_line(
    stdin: Callable[[], object], limits: Limits, error: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", stdin())
    loaded = load_paths(["-"], limits)
    assert (loaded.files, loaded.errors) == ((), (error,))


def test_standard_input_without_a_limit_or_at_it(monkeypatch: pytest.MonkeyPatch) -> None:
    text = b"flowlint: 1\n"
    monkeypatch.setattr(sys, "stdin", _Stdin(text))
    loaded = load_paths(["-"], Limits(max_file_bytes=None), stdin_name="spec.yaml")
    assert [(f.path, f.text) for f in loaded.files] == [("spec.yaml", "flowlint: 1\n")]
    monkeypatch.setattr(sys, "stdin", _Stdin(text))
    loaded = load_paths(["-"], Limits(max_file_bytes=len(text)))
    assert [(f.path, f.text) for f in loaded.files] == [("-", "flowlint: 1\n")]


# --- editor overlays --------------------------------------------------------------------------


def test_overlays_stand_in_for_files_and_add_unsaved_ones_under_a_model(tmp_path: Path) -> None:
    model = tmp_path / "model"
    _write(model, "b.yaml", "flowlint: 1\nservice_line: on disk\n")
    _write(model, "d.yaml")
    top = os.path.abspath(model)
    overlays = {
        os.path.join(top, "b.yaml"): "flowlint: 1\nservice_line: in the editor\n",
        os.path.join(top, "a.yaml"): "flowlint: 1\nservice_line: unsaved\n",
        os.path.join(top, "sub", "c.yml"): "flowlint: 1\n",
        os.path.join(top, ".hidden", "e.yaml"): "flowlint: 1\n",
        os.path.join(top, "notes.txt"): "flowlint: 1\n",
        os.path.join(str(tmp_path), "beside.yaml"): "flowlint: 1\n",
    }
    loaded = load_paths([model], overlays=overlays)
    assert [
        (Path(f.path).relative_to(model).as_posix(), (f.data or {}).get("service_line"))
        for f in loaded.files
    ] == [("a.yaml", "unsaved"), ("b.yaml", "in the editor"), ("d.yaml", None), ("sub/c.yml", None)]
    # An overlay named on its own is read though it is not on disk.
    alone = load_paths([tmp_path / "beside.yaml"], overlays=overlays)
    assert [f.text for f in alone.files] == ["flowlint: 1\n"]
    # Nothing unsaved under the model: the files on disk, as without overlays.
    other = {os.path.join(str(tmp_path), "beside.yaml"): "flowlint: 1\n"}
    assert _names(load_paths([model], overlays=other), model) == ["b.yaml", "d.yaml"]


def test_an_overlay_over_the_limit_is_one_line(tmp_path: Path) -> None:
    spec = _write(tmp_path, "a.yaml")
    overlays = {os.path.abspath(spec): "flowlint: 1\n# more\n"}
    loaded = load_paths([spec], Limits(max_file_bytes=12), overlays=overlays)
    assert loaded.errors == (f"{spec.as_posix()}: is longer than the 12-byte limit",)
    loaded = load_paths([spec], Limits(max_file_bytes=19), overlays=overlays)
    assert [f.text for f in loaded.files] == ["flowlint: 1\n# more\n"]


def test_spec_files_are_told_by_their_flowlint_key() -> None:
    assert is_spec(parse_text("flowlint: 1\n", "a.yaml")) is True
    assert is_spec(parse_text("name: flowlint\n", "a.yaml")) is False
    assert is_spec(parse_text("flowlint: [\n", "a.yaml")) is True
    assert is_spec(parse_text("- a\n- flowlint\n", "a.yaml")) is False
    for text in [
        "flowlint: 1",
        "'flowlint': 1",
        '"flowlint" : 1',
        "--- flowlint: 1",
        "- flowlint:",
    ]:
        assert looks_like_spec(f"# a spec\n{text}\n"), text
    for text in ["flowlints: 1", "x: flowlint", "#flowlint: 1", "flowlint 1"]:
        assert not looks_like_spec(f"# a spec\n{text}\n"), text
