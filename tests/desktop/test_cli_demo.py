"""``attache demo`` and ``attache screenshots DIR --demo``: sample content without a network."""

from __future__ import annotations

import os
import re
import subprocess
import sys
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


def attache(*args: str, data_dir: Path) -> subprocess.CompletedProcess[str]:
    """The real command in its own process: the window opens, shows and quits at once."""
    env = dict(os.environ, ATTACHE_EXIT_WHEN_SHOWN="1", QT_QPA_PLATFORM="offscreen",
               ATTACHE_DATA_DIR=str(data_dir))
    return subprocess.run([sys.executable, "-m", "desktop.main", *args], env=env,
                          capture_output=True, text=True, timeout=120, check=False)


def test_demo_opens_the_window_on_a_temporary_database(tmp_path: Path) -> None:
    done = attache("demo", data_dir=tmp_path / "data")
    assert done.returncode == 0, done.stderr
    found = re.search(r"demo database at (\S+attache-demo\.db) \(deleted when the window "
                      r"closes\)", done.stderr)
    assert found, done.stderr
    assert not Path(found.group(1)).parent.exists()  # cleaned up when the window closed


def test_demo_keep_fills_once_then_reopens(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "kept"
    done = attache("demo", "--keep", str(folder), data_dir=tmp_path / "data")
    assert done.returncode == 0 and "demo database at" in done.stderr, done.stderr
    assert (folder / "attache-demo.db").exists()
    done = attache("demo", "--keep", str(folder), data_dir=tmp_path / "data")
    assert done.returncode == 0 and "opening the demo database kept at" in done.stderr, \
        done.stderr
    code, out, _ = call(capsys, "sources", "list", "--db",
                        f"sqlite:///{(folder / 'attache-demo.db').as_posix()}")
    assert code == 0 and "Газета.uz" in out and "timed out" in out


def test_demo_refuses_db(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _, err = call(capsys, "demo", "--db", f"sqlite:///{tmp_path / 'x.db'}")
    assert code == 1 and "--keep" in err
