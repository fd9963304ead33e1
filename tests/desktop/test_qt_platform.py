"""The check before the window: which display plugin Qt will use, which of its libraries
this machine lacks (asked of the system's loader, not guessed), the message that names them
and their packages, and the README and CI installing the same list."""

from __future__ import annotations

import ctypes
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.qt_platform import (
    PACKAGES,
    describe_missing,
    desktop_platform,
    gui_platform,
    missing_libraries,
    platform_problem,
    plugin_file,
)

ROOT = Path(__file__).resolve().parents[2]
linux = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="Linux only")


@pytest.mark.parametrize(("env", "expected"), [
    ({"QT_QPA_PLATFORM": "offscreen"}, "offscreen"),
    ({"QT_QPA_PLATFORM": "wayland;xcb", "DISPLAY": ":0"}, "wayland"),
    ({"QT_QPA_PLATFORM": "vnc:size=800x600"}, "vnc"),
    ({"DISPLAY": ":0"}, "xcb"),
    ({"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0", "XDG_SESSION_TYPE": "wayland"},
     "wayland"),
    ({"WAYLAND_DISPLAY": "wayland-0", "XDG_SESSION_TYPE": "x11", "DISPLAY": ":1"}, "xcb"),
    ({}, None),
])
def test_the_platform_qt_will_load(env: dict, expected: str | None) -> None:
    assert gui_platform(env) == expected


def test_a_headless_run_still_checks_the_desktop_plugin() -> None:
    assert desktop_platform({"QT_QPA_PLATFORM": "offscreen"}) == "xcb"
    assert desktop_platform({"QT_QPA_PLATFORM": "offscreen",
                             "XDG_SESSION_TYPE": "wayland"}) == "wayland"


def loads(name: str) -> bool:
    try:
        ctypes.CDLL(name)
    except OSError:
        return False
    return True


@linux
@pytest.mark.parametrize("library", ["libxcb-icccm.so.4", "libxcb-keysyms.so.1",
                                     "libxcb-cursor.so.0", "libxkbcommon-x11.so.0"])
def test_missing_libraries_are_the_ones_the_loader_cannot_find(library: str) -> None:
    assert plugin_file("xcb") is not None
    assert (library in missing_libraries("xcb")) == (not loads(library))


def test_the_message_names_files_packages_and_the_readme() -> None:
    text = describe_missing("xcb", ["libxcb-icccm.so.4", "libxcb-keysyms.so.1", "libodd.so.9"])
    assert "libxcb-icccm.so.4, libxcb-keysyms.so.1, libodd.so.9" in text
    assert "sudo apt install libxcb-icccm4 libxcb-keysyms1" in text
    assert "libodd.so.9" in text.split("apt install")[1]
    assert "Set up on a fresh machine" in text


@linux
def test_no_display_is_said_plainly() -> None:
    assert "no display" in platform_problem({})


@linux
def test_the_app_refuses_before_qt_with_the_missing_packages(tmp_path: Path) -> None:
    """The whole start, in a process of its own. A machine that has every library (CI's)
    gets the loader's own listing with two of them reported "not found", as on the
    fresh Debian where this was seen: an ``ldd`` first on PATH that runs the real one and
    adds the two lines."""
    real_ldd = shutil.which("ldd")
    assert real_ldd is not None
    hidden = ["libxcb-icccm.so.4", "libxcb-keysyms.so.1"]
    tools = tmp_path / "bin"
    tools.mkdir()
    fake = tools / "ldd"
    fake.write_text("#!/bin/sh\n" + f'"{real_ldd}" "$@"\n' + "".join(
        f"printf '\\t%s => not found\\n' '{name}'\n" for name in hidden), encoding="utf-8")
    fake.chmod(0o755)
    missing = list(dict.fromkeys([*missing_libraries("xcb"), *hidden]))
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    env.update(DISPLAY=":99", XDG_SESSION_TYPE="x11", ATTACHE_DATA_DIR=str(tmp_path),
               PATH=f"{tools}{os.pathsep}{os.environ.get('PATH', '')}")
    done = subprocess.run([sys.executable, "-m", "desktop.main"], env=env, cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert all(name in done.stderr for name in missing)
    assert "apt install" in done.stderr and "is needed" not in done.stderr
    assert "libxcb-icccm4 libxcb-keysyms1" in done.stderr  # their packages, named


def readme_packages() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.search(r"^sudo apt install (.+)$", text, re.MULTILINE).group(1).split()


def test_ci_installs_the_readme_packages() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    listed = re.search(r'^QT_PACKAGES="(.+)"$', ci, re.MULTILINE).group(1).split()
    assert listed == readme_packages()


def test_the_readme_names_a_package_for_each_library_qt_loads() -> None:
    # Every library the check can name has its package in the README's line (the xcb
    # plugin's own dependencies pull in the rest: libxcb1, libx11-6, libxcb-render0 …).
    direct = {"libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1", "libxcb-image0",
              "libxcb-render-util0", "libxcb-randr0", "libxcb-shape0", "libxcb-xfixes0",
              "libxcb-xkb1", "libxkbcommon-x11-0", "libxkbcommon0", "libx11-xcb1", "libegl1",
              "libgl1", "libfontconfig1", "libdbus-1-3", "libglib2.0-0"}
    assert direct <= set(PACKAGES.values())
    assert direct <= set(readme_packages())
