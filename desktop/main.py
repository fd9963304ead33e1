"""``attache`` entry point: no command opens the desktop app, anything else is the CLI."""

from __future__ import annotations

import gc
import sys

GUI_OPTIONS = ("--db", "--debug")


def wants_gui(argv: list[str]) -> bool:
    """Only ``--db URL`` and ``--debug``, no command: open the window without building the
    whole CLI (its imports cost a second of start-up)."""
    rest = list(argv)
    while rest:
        option = rest.pop(0)
        if option == "--debug":
            continue
        if option == "--db" and rest:
            rest.pop(0)
            continue
        if option.startswith("--db="):
            continue
        return False
    return True


def main() -> None:
    # Start-up allocates hundreds of thousands of objects (modules, classes, widgets) and none
    # of them is garbage: collecting while importing only costs time (a tenth of the window's
    # start). The collector comes back once the work starts: before a command runs
    # (desktop.cli.run), and for the app once its pages are built, after gc.freeze has set
    # all of this aside (desktop.app.finish_start).
    gc.disable()
    if getattr(sys, "frozen", False):
        # Parser worker processes are spawned; a frozen (PyInstaller) build must let them
        # start. Only there: importing multiprocessing costs every command start-up time.
        import multiprocessing

        multiprocessing.freeze_support()
    argv = sys.argv[1:]
    if wants_gui(argv):
        from desktop.qt_platform import platform_problem

        problem = platform_problem()
        if problem:  # before QApplication: Qt would abort with a misleading message
            print(f"attache: {problem}", file=sys.stderr)
            sys.exit(1)
        from core.database_url import resolve_db_url
        from desktop.app import run_gui
        from desktop.logs import setup_logging

        db = next((a.split("=", 1)[1] for a in argv if a.startswith("--db=")), None)
        if "--db" in argv:
            db = argv[argv.index("--db") + 1]
        log_path = setup_logging("--debug" in argv)
        sys.exit(run_gui(resolve_db_url(db), log_path))
    from desktop.cli import run

    sys.exit(run())


if __name__ == "__main__":
    main()
