"""Start-up benchmark: each ``attache`` start against the bare Python work it cannot avoid.

    .venv/bin/python -m benchmarks.bench_startup [--rounds 7] [--bundle dist/attache/attache]

Pairs, each measured in the same rounds, interleaved (A B, then B A, ...), min and median:

=================================  ===========================================  ======
ours                               baseline                                     target
=================================  ===========================================  ======
``attache --help``                 ``python -c "import argparse"``              <= 3x
``attache sources list --json``    ``python -c "import sqlalchemy.orm"``        <= 1.5x
  (a database with no sources)
GUI cold start to a shown main     a bare PySide6 QMainWindow shown, same       <= 4x
  window (ATTACHE_EXIT_WHEN_SHOWN)   Python, offscreen
GUI start until every page is      the same bare window                         —
  built too (=all)
the bundle's GUI start             the same bare window                         —
=================================  ===========================================  ======

The GUI runs are a usual start, not the very first: the welcome dialog was answered
(first_run_done) and the database exists. The window shows with the Monitor usable; the other
pages are built one per turn of the event loop after it (desktop/app.py finish_start).

A window's time is from starting the process to the moment its window has shown (both mark
it at their first turn of the event loop: ATTACHE_SHOWN_MARK); the whole process, its exit
included, is printed beside it — the interpreter tearing down a Qt application takes a
tenth of a second that no one waits for. CPU time is the whole process's.

"Cold" means a new process, not a cold disk: one untimed run of each warms the page cache.
Every run gets the same environment: a temporary data folder, no site configuration, Qt
offscreen, and Python's default of caching bytecode (an installed Attaché runs from .pyc files,
as the libraries do; with PYTHONDONTWRITEBYTECODE set, as on some development machines, every
start would compile our sources again while the baseline's libraries come precompiled). Peak
memory is the largest process's (the kernel's figure).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

from benchmarks.measure import Samples, interleave, ratio_line, run_command

# The baseline marks the moment its window has shown exactly as the app does (desktop/app.py
# _mark_shown): at the first turn of the event loop, time.monotonic() to ATTACHE_SHOWN_MARK.
BARE = ("import os, time\nfrom pathlib import Path\nfrom PySide6.QtCore import QTimer\n"
        "from PySide6.QtWidgets import QApplication, QMainWindow\napp = QApplication([])\n"
        "w = QMainWindow()\nw.show()\n"
        "def shown():\n    mark = os.environ.get('ATTACHE_SHOWN_MARK')\n"
        "    if mark:\n        Path(mark).write_text(repr(time.monotonic()))\n    app.quit()\n"
        "QTimer.singleShot(0, shown)\napp.exec()\n")


def run_to_shown(command: list[str], env: dict[str, str],
                 whole: Samples) -> tuple[float, float, float]:
    """``run_command`` for a window: (seconds until the window showed, peak MiB, CPU s); the
    whole process's wall time, its exit included, goes to ``whole``."""
    with tempfile.TemporaryDirectory() as folder:
        mark = Path(folder) / "shown"
        started = time.monotonic()
        wall, peak, cpu = run_command(command, dict(env, ATTACHE_SHOWN_MARK=str(mark)))
        whole.seconds.append(wall)
        return float(mark.read_text()) - started, peak, cpu


def attache_command() -> list[str]:
    """The installed ``attache`` script next to this Python (what a user runs), else the
    module."""
    script = Path(sys.executable).with_name("attache")
    return [str(script)] if script.exists() else [sys.executable, "-m", "desktop.main"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--bundle", default="dist/attache/attache")
    parser.add_argument("--only", action="append",
                        choices=("help", "list", "gui", "gui-all", "bundle"),
                        help="run only these pairs (repeatable)")
    args = parser.parse_args(argv)
    attache = attache_command()
    python = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", ATTACHE_DATA_DIR=tmp,
                   ATTACHE_SITE_CONFIG=str(Path(tmp) / "no-site.toml"))
        env.pop("ATTACHE_DB_URL", None)
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        gui_env = dict(env, ATTACHE_EXIT_WHEN_SHOWN="1")
        run_command([*attache, "config", "set", "first_run_done", "true"], env)
        pairs = {
            "help": (("attache --help", [*attache, "--help"], env, 3.0),
                     ("python -c 'import argparse'", [python, "-c", "import argparse"], env)),
            "list": (("attache sources list --json", [*attache, "sources", "list", "--json"],
                      env, 1.5),
                     ("python -c 'import sqlalchemy.orm'",
                      [python, "-c", "import sqlalchemy.orm"], env)),
            "gui": (("attache GUI to shown window", attache, gui_env, 4.0),
                    ("bare PySide6 window shown", [python, "-c", BARE], gui_env)),
            "gui-all": (("attache GUI, all pages built", attache,
                         dict(gui_env, ATTACHE_EXIT_WHEN_SHOWN="all"), None),
                        ("bare PySide6 window shown", [python, "-c", BARE], gui_env)),
        }
        if Path(args.bundle).exists():
            pairs["bundle"] = (("bundle GUI to shown window", [args.bundle], gui_env, None),
                               ("bare PySide6 window shown", [python, "-c", BARE], gui_env))
        else:
            print(f"(no bundle at {args.bundle}: build it with scripts/build_bundle.sh)")
        chosen = {k: v for k, v in pairs.items() if not args.only or k in args.only}
        results = []
        for (ours_name, ours_cmd, ours_env, target), (base_name, base_cmd, base_env) in (
                chosen.values()):
            run_command(ours_cmd, ours_env)  # warm the disk cache (and create the database)
            run_command(base_cmd, base_env)
            ours, base = Samples(ours_name), Samples(base_name)
            if "ATTACHE_EXIT_WHEN_SHOWN" in ours_env:  # a window: timed to its showing
                ours_whole = Samples("  whole process, exit included")
                base_whole = Samples("  whole process, exit included ")
                runs = [(ours, lambda c=ours_cmd, e=ours_env, w=ours_whole:
                         run_to_shown(c, e, w)),
                        (base, lambda c=base_cmd, e=base_env, w=base_whole:
                         run_to_shown(c, e, w))]
            else:
                ours_whole = base_whole = None
                runs = [(ours, lambda c=ours_cmd, e=ours_env: run_command(c, e)),
                        (base, lambda c=base_cmd, e=base_env: run_command(c, e))]
            interleave(runs, args.rounds)
            results.append((ours, base, target, ours_whole, base_whole))
    print(f"{args.rounds} interleaved rounds; {os.cpu_count()} CPUs; "
          f"load average {os.getloadavg()[0]:.1f}")
    for ours, base, target, ours_whole, base_whole in results:
        print(ours.line())
        print(base.line())
        print(ratio_line(ours, base, target, label="ours / baseline"))
        if ours_whole is not None:
            print(f"{ours_whole.name:<34} min {ours_whole.min:7.3f} s  median "
                  f"{ours_whole.median:7.3f} s  (baseline {base_whole.min:.3f} / "
                  f"{base_whole.median:.3f} s: {ours_whole.median / base_whole.median:.2f}x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
