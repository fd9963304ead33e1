"""``attache demo`` and ``attache screenshots DIR --demo``: sample content without a network."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from desktop.cli import run


def call(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    capsys.readouterr()
    try:
        code = run(list(args))
    except SystemExit as usage:  # argparse exits 2 on usage errors
        code = usage.code
    out, err = capsys.readouterr()
    return code, out, err


def test_screenshots_of_the_demo(qapp, tmp_path: Path,  # noqa: ANN001 - pytest-qt's fixture
                                 capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = call(capsys, "screenshots", str(tmp_path / "shots"), "--demo")
    assert code == 0, err
    written = [Path(line) for line in out.splitlines()]
    assert {"monitor", "main-window"} <= {p.stem for p in written}
    for path in written:
        assert path.read_bytes().startswith(b"\x89PNG") and path.stat().st_size > 5000
    assert not list(tmp_path.glob("shots/*.db"))  # the demo database lives elsewhere, briefly


def test_demo_opens_the_window_on_a_temporary_database(
        qapp, tmp_path: Path, capsys: pytest.CaptureFixture[str],  # noqa: ANN001
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ATTACHE_EXIT_WHEN_SHOWN", "1")
    code, _, err = call(capsys, "demo")
    assert code == 0, err
    found = re.search(r"demo database at (\S+attache-demo\.db) \(deleted when the window closes\)",
                      err)
    assert found, err
    assert not Path(found.group(1)).parent.exists()  # cleaned up when the window closed


def test_demo_keep_fills_once_then_reopens(
        qapp, tmp_path: Path, capsys: pytest.CaptureFixture[str],  # noqa: ANN001
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ATTACHE_EXIT_WHEN_SHOWN", "1")
    folder = tmp_path / "kept"
    code, _, err = call(capsys, "demo", "--keep", str(folder))
    assert code == 0 and "demo database at" in err, err
    assert (folder / "attache-demo.db").exists()
    code, _, err = call(capsys, "demo", "--keep", str(folder))
    assert code == 0 and "opening the demo database kept at" in err, err
    code, out, _ = call(capsys, "sources", "list", "--db",
                        f"sqlite:///{(folder / 'attache-demo.db').as_posix()}")
    assert code == 0 and "Газета.uz" in out and "timed out" in out


def test_demo_refuses_db(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = call(capsys, "demo", "--db", f"sqlite:///{tmp_path / 'x.db'}")
    assert code == 1 and "--keep" in err
