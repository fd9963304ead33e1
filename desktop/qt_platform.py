"""Before the window: does this Linux machine have the libraries Qt's display plugin needs?

Without them Qt aborts with one misleading line ("xcb-cursor0 is needed", even when that one
is installed and libxcb-icccm4 and libxcb-keysyms1 are the missing ones). So before creating
QApplication, ``platform_problem`` finds the plugin the GUI will use (xcb on X11, wayland in a
Wayland session, or what ``QT_QPA_PLATFORM`` names), asks the system's loader (``ldd``) which
of its libraries are missing, and words it: the files, the Debian/Ubuntu packages that hold
them, and the README section to read. ``attache self-test`` runs the same check.
No Qt import here: it must work exactly when Qt cannot.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

README_SECTION = "README, “Set up on a fresh machine”"
# The display plugins' libraries and the Debian/Ubuntu packages that ship them.
PACKAGES = {
    "libxcb-cursor.so.0": "libxcb-cursor0", "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1", "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0", "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-shape.so.0": "libxcb-shape0", "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1", "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-shm.so.0": "libxcb-shm0", "libxcb-render.so.0": "libxcb-render0",
    "libxcb-xinput.so.0": "libxcb-xinput0", "libxcb-glx.so.0": "libxcb-glx0",
    "libxcb-util.so.1": "libxcb-util1", "libxcb.so.1": "libxcb1",
    "libX11-xcb.so.1": "libx11-xcb1", "libX11.so.6": "libx11-6",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0", "libxkbcommon.so.0": "libxkbcommon0",
    "libEGL.so.1": "libegl1", "libGL.so.1": "libgl1", "libOpenGL.so.0": "libopengl0",
    "libGLX.so.0": "libglx0", "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6", "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0", "libwayland-client.so.0": "libwayland-client0",
    "libwayland-cursor.so.0": "libwayland-cursor0", "libwayland-egl.so.1": "libwayland-egl1",
}
HEADLESS = frozenset({"offscreen", "minimal", "vnc", "linuxfb", "eglfs"})


def gui_platform(environ: Mapping[str, str] | None = None) -> str | None:
    """The display plugin Qt will load on this Linux session (None: no display at all)."""
    env = os.environ if environ is None else environ
    chosen = env.get("QT_QPA_PLATFORM", "").split(";")[0].split(":")[0].strip()
    if chosen:
        return chosen
    if env.get("WAYLAND_DISPLAY") and env.get("XDG_SESSION_TYPE") == "wayland":
        return "wayland"
    if env.get("DISPLAY"):
        return "xcb"
    return None


def desktop_platform(environ: Mapping[str, str] | None = None) -> str:
    """The plugin an officer's desktop session uses, even when this run is headless."""
    env = os.environ if environ is None else environ
    chosen = gui_platform(env)
    if chosen and chosen not in HEADLESS:
        return chosen
    return "wayland" if env.get("XDG_SESSION_TYPE") == "wayland" else "xcb"


def plugin_file(platform: str) -> Path | None:
    """Qt's plugin library for ``platform`` in the installed (or bundled) PySide6."""
    import importlib.util

    spec = importlib.util.find_spec("PySide6")
    if spec is None or not spec.submodule_search_locations:
        return None
    folder = Path(next(iter(spec.submodule_search_locations))) / "Qt" / "plugins" / "platforms"
    found = sorted(folder.glob(f"libq{platform}.so")) or sorted(folder.glob(
        f"libq{platform}*.so"))
    return found[0] if found else None


def missing_libraries(platform: str) -> list[str]:
    """The shared libraries the plugin (and what it loads) cannot find; [] when all are
    there, or when this cannot be told (not Linux, no ``ldd``, no plugin file)."""
    if not sys.platform.startswith("linux"):
        return []
    plugin = plugin_file(platform)
    ldd = shutil.which("ldd")
    if plugin is None or ldd is None:
        return []
    try:
        listing = subprocess.run([ldd, str(plugin)], capture_output=True, text=True,
                                 timeout=20, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    missing = [line.split("=>")[0].strip() for line in listing.splitlines()
               if "not found" in line]
    return list(dict.fromkeys(missing))


def describe_missing(platform: str, missing: list[str]) -> str:
    packages = [PACKAGES[m] for m in missing if m in PACKAGES]
    unknown = [m for m in missing if m not in PACKAGES]
    text = (f"Qt's {platform} display plugin needs libraries this system does not have: "
            f"{', '.join(missing)}.")
    if packages:
        text += f" On Debian or Ubuntu: sudo apt install {' '.join(packages)}"
        text += f" (and the packages for {', '.join(unknown)})." if unknown else "."
    return f"{text} See the {README_SECTION}."


def platform_problem(environ: Mapping[str, str] | None = None) -> str | None:
    """Why the window cannot open on this Linux machine, in plain words; None if it can
    (or on other systems, where Qt brings what it needs)."""
    if not sys.platform.startswith("linux"):
        return None
    platform = gui_platform(environ)
    if platform is None:
        return ("Attaché cannot open its window: there is no display (DISPLAY and "
                "WAYLAND_DISPLAY are not set). Start it from a desktop session; for "
                "commands, see attache --help.")
    missing = missing_libraries(platform)
    if missing:
        return "Attaché cannot open its window. " + describe_missing(platform, missing)
    return None
