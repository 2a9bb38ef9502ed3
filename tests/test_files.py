"""flowlint.files: the one door for what flowlint writes, and the boundary it keeps."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from flowlint.files import FileError, Target, inside, resolves_inside, write


@pytest.fixture
def place(tmp_path: Path) -> tuple[Path, Path]:
    """A working directory `repo/` and a folder `outside/` with a victim file."""
    repo, outside = tmp_path / "repo", tmp_path / "outside"
    repo.mkdir()
    outside.mkdir()
    (outside / "victim.txt").write_text("victim\n", encoding="utf-8")
    return repo, outside


def given(path: str, repo: Path) -> Target:
    return Target(Path(path), "--output", True, repo, repo)


def configured(path: str, repo: Path) -> Target:
    return Target(Path(path), "'baseline' in flowlint.toml", False, repo, repo)


def test_writes_through_a_temporary_file_and_leaves_none_behind(place) -> None:
    repo, _ = place
    assert write(given("out/report.txt", repo), "report\n") is None
    assert (repo / "out" / "report.txt").read_text(encoding="utf-8") == "report\n"
    assert os.listdir(repo / "out") == ["report.txt"]


def test_replacing_keeps_the_mode_of_the_file_replaced(place) -> None:
    repo, _ = place
    (repo / "known.json").write_text("old", encoding="utf-8")
    (repo / "known.json").chmod(0o600)
    write(given("known.json", repo), "new")
    assert stat.S_IMODE((repo / "known.json").stat().st_mode) == 0o600
    assert (repo / "known.json").read_text(encoding="utf-8") == "new"


def test_a_new_file_gets_the_usual_mode(place) -> None:
    repo, _ = place
    umask = os.umask(0o022)
    try:
        write(given("new.txt", repo), b"x")
    finally:
        os.umask(umask)
    assert stat.S_IMODE((repo / "new.txt").stat().st_mode) == 0o644


def test_a_link_named_on_the_command_line_is_replaced_not_followed(place) -> None:
    repo, outside = place
    (repo / "out.sarif").symlink_to(outside / "victim.txt")
    note = write(given("out.sarif", repo), "{}")
    assert note == (
        f"out.sarif was a symbolic link (to {outside / 'victim.txt'}); flowlint replaced the "
        "link with the file and left what it pointed to unchanged"
    )
    assert not (repo / "out.sarif").is_symlink()
    assert (repo / "out.sarif").read_text(encoding="utf-8") == "{}"
    assert (outside / "victim.txt").read_text(encoding="utf-8") == "victim\n"


def test_a_configured_link_is_refused(place) -> None:
    repo, outside = place
    (repo / "known.json").symlink_to(outside / "victim.txt")
    with pytest.raises(FileError) as raised:
        write(configured("known.json", repo), "{}")
    assert str(raised.value) == (
        "known.json ('baseline' in flowlint.toml) is a symbolic link; flowlint does not write "
        "through links it did not get from the command line: remove the link"
    )
    assert (outside / "victim.txt").read_text(encoding="utf-8") == "victim\n"


def test_a_configured_path_outside_the_boundary_is_refused(place) -> None:
    repo, outside = place
    with pytest.raises(FileError) as raised:
        write(configured("../outside/new.txt", repo), "x")
    assert str(raised.value) == (
        f"../outside/new.txt ('baseline' in flowlint.toml) is outside {repo.as_posix()}, the "
        "folder of the configuration; flowlint writes only inside it unless the path is given "
        "on the command line"
    )
    assert not (outside / "new.txt").exists()


def test_a_folder_link_leading_out_is_refused_even_on_the_command_line(place) -> None:
    repo, outside = place
    (repo / "reports").symlink_to(outside)
    with pytest.raises(FileError, match=r"leads outside .* through a symbolic link"):
        write(given("reports/new.txt", repo), "x")
    assert not (outside / "new.txt").exists()


def test_a_folder_link_that_stays_inside_is_followed(place) -> None:
    repo, _ = place
    (repo / "real").mkdir()
    (repo / "alias").symlink_to(repo / "real")
    write(configured("alias/known.json", repo), "{}")
    assert (repo / "real" / "known.json").read_text(encoding="utf-8") == "{}"


def test_a_path_outside_named_on_the_command_line_is_the_users(place) -> None:
    repo, outside = place
    write(given(str(outside / "report.txt"), repo), "report")
    assert (outside / "report.txt").read_text(encoding="utf-8") == "report"
    # Not a regular file there (a device): written in place, as any program writes it.
    write(given("/dev/null", repo), "discarded")
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


def test_exclusive_never_replaces_anything(place) -> None:
    repo, outside = place
    write(given("specs/a.yaml", repo), "one", exclusive=True)
    with pytest.raises(FileError, match="already exists"):
        write(given("specs/a.yaml", repo), "two", exclusive=True)
    assert (repo / "specs" / "a.yaml").read_text(encoding="utf-8") == "one"
    (repo / "specs" / "b.yaml").symlink_to(outside / "victim.txt")
    with pytest.raises(FileError, match="already exists"):
        write(given("specs/b.yaml", repo), "two", exclusive=True)
    assert sorted(os.listdir(repo / "specs")) == ["a.yaml", "b.yaml"]


def test_a_directory_or_a_pipe_in_the_checkout_is_not_written(place) -> None:
    repo, _ = place
    (repo / "dir").mkdir()
    with pytest.raises(FileError, match="it is a directory"):
        write(given("dir", repo), "x")
    os.mkfifo(repo / "pipe")
    with pytest.raises(FileError, match="it is a named pipe, not a regular file"):
        write(given("pipe", repo), "x")


def test_inside_and_resolves_inside(place) -> None:
    repo, outside = place
    assert inside(repo / "a" / "b", repo) and inside(repo, repo)
    assert not inside(repo.parent / "repository", repo)  # a shared prefix is not inside
    assert not inside(repo / ".." / "outside", repo)
    (repo / "link").symlink_to(outside)
    assert inside(repo / "link" / "x", repo) and not resolves_inside(repo / "link" / "x", repo)
