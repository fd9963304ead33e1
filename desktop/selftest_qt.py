"""The self-test's Qt check, kept out of ``core`` (which never imports Qt).

Qt is probed in a child process: when a platform plugin cannot load (on Linux usually a
missing ``libxcb-cursor0`` or ``libxkbcommon-x11-0``) Qt aborts the whole process, and the
self-test must survive to say so. The child uses ``spawn``, which frozen builds support
because ``desktop.main`` calls ``multiprocessing.freeze_support()``.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from multiprocessing.connection import Connection

from core.selftest import Check, CheckFailed, run_check

TIMEOUT_SECONDS = 60.0


def probe_qt() -> dict:
    """Start a QGuiApplication (unless one exists) and load QtCharts; say what was found.

    ``QT_QPA_PLATFORM`` is honoured; on Linux with no display and no such variable the
    ``offscreen`` platform is used, so the check still proves the libraries load.
    """
    note = ""
    if (sys.platform.startswith("linux") and not os.environ.get("QT_QPA_PLATFORM")
            and not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY")):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        note = " (no display: offscreen)"
    import PySide6
    from PySide6 import QtCharts  # noqa: F401 - the import is the check (PySide6-Addons)
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication([sys.argv[0] if sys.argv else "attache"])
    # Reports draw PDF pages with the shipped font: one page proves the printing path.
    from core.reports.render import PrintDocument
    from desktop.report_render import pdf_bytes

    pdf = pdf_bytes(PrintDocument(html="<p>Қазақстан · Oʻzbekiston</p>", title="self-test"))
    if not pdf.startswith(b"%PDF-") or b"DejaVuSans" not in pdf:
        raise RuntimeError("a PDF report page could not be drawn with the shipped font")
    return {"platform": app.platformName(), "pyside": PySide6.__version__, "note": note}


def _child(conn: Connection) -> None:
    try:
        conn.send(("ok", probe_qt()))
    except Exception as exc:  # noqa: BLE001 - reported to the parent as the check's failure
        conn.send(("error", f"{type(exc).__name__}: {exc}"))
    finally:
        conn.close()


def _run_probe() -> str:
    context = multiprocessing.get_context("spawn")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(sender,), name="attache-selftest-qt")
    child.start()
    sender.close()
    try:
        if not receiver.poll(TIMEOUT_SECONDS):
            raise CheckFailed(_ended(child) or f"Qt did not start within {TIMEOUT_SECONDS:.0f} s")
        try:
            status, value = receiver.recv()
        except EOFError:
            raise CheckFailed(_ended(child) or "Qt ended without an answer") from None
    finally:
        receiver.close()
        child.join(10)
        if child.is_alive():
            child.kill()
            child.join()
    if status != "ok":
        raise CheckFailed(value)
    return (f"platform {value['platform']}{value['note']}, PySide6 {value['pyside']}, "
            "QtCharts loads")


def _ended(child: multiprocessing.process.BaseProcess) -> str | None:
    child.join(5)
    if child.exitcode is None or child.exitcode == 0:
        return None
    return (f"Qt could not start (its process ended with code {child.exitcode}); Qt's own "
            "messages on stderr name what is missing — on Linux often libxcb-cursor0, "
            "libxkbcommon-x11-0 or libegl1; QT_DEBUG_PLUGINS=1 shows more")


def check_qt() -> Check:
    return run_check("qt", _run_probe, required=True)


def _desktop_libraries() -> str:
    from desktop.qt_platform import describe_missing, desktop_platform, missing_libraries

    platform = desktop_platform()
    missing = missing_libraries(platform)
    if missing:
        raise CheckFailed(describe_missing(platform, missing))
    return f"the {platform} display plugin finds all its libraries"


def check_qt_desktop() -> Check:
    """The display plugin the window uses on this machine's desktop (xcb, or wayland in a
    Wayland session) — also when this run is headless, where a missing library only warns:
    the self-test of a bundle on a server must not fail for a desktop it will never show."""
    from desktop.qt_platform import HEADLESS, gui_platform

    chosen = gui_platform()
    return run_check("qt-desktop", _desktop_libraries,
                     required=chosen is not None and chosen not in HEADLESS)
