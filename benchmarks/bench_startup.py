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
the bundle's GUI start             the same bare window                         —
=================================  ===========================================  ======

"Cold" means a new process, not a cold disk: one untimed run of each warms the page cache.
Every run gets the same environment: a temporary data folder, no site configuration, Qt
offscreen. Peak memory is the largest process's (the kernel's figure).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

from benchmarks.measure import Samples, interleave, ratio_line, run_command

BARE = ("from PySide6.QtCore import QTimer\nfrom PySide6.QtWidgets import QApplication, "
        "QMainWindow\napp = QApplication([])\nw = QMainWindow()\nw.show()\n"
        "QTimer.singleShot(0, app.quit)\napp.exec()\n")


def attache_command() -> list[str]:
    """The installed ``attache`` script next to this Python (what a user runs), else the
    module."""
    script = Path(sys.executable).with_name("attache")
    return [str(script)] if script.exists() else [sys.executable, "-m", "desktop.main"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--bundle", default="dist/attache/attache")
    parser.add_argument("--only", choices=("help", "list", "gui"), action="append",
                        help="run only these pairs (repeatable)")
    args = parser.parse_args(argv)
    attache = attache_command()
    python = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", ATTACHE_DATA_DIR=tmp,
                   ATTACHE_SITE_CONFIG=str(Path(tmp) / "no-site.toml"))
        env.pop("ATTACHE_DB_URL", None)
        gui_env = dict(env, ATTACHE_EXIT_WHEN_SHOWN="1")
        pairs = {
            "help": (("attache --help", [*attache, "--help"], env, 3.0),
                     ("python -c 'import argparse'", [python, "-c", "import argparse"], env)),
            "list": (("attache sources list --json", [*attache, "sources", "list", "--json"],
                      env, 1.5),
                     ("python -c 'import sqlalchemy.orm'",
                      [python, "-c", "import sqlalchemy.orm"], env)),
            "gui": (("attache GUI to shown window", attache, gui_env, 4.0),
                    ("bare PySide6 window", [python, "-c", BARE], gui_env)),
        }
        if Path(args.bundle).exists():
            pairs["bundle"] = (("bundle GUI to shown window", [args.bundle], gui_env, None),
                               ("bare PySide6 window ", [python, "-c", BARE], gui_env))
        else:
            print(f"(no bundle at {args.bundle}: build it with scripts/build_bundle.sh)")
        chosen = {k: v for k, v in pairs.items() if not args.only or k in args.only}
        results = []
        for (ours_name, ours_cmd, ours_env, target), (base_name, base_cmd, base_env) in (
                chosen.values()):
            run_command(ours_cmd, ours_env)  # warm the disk cache (and create the database)
            run_command(base_cmd, base_env)
            ours, base = Samples(ours_name), Samples(base_name)
            interleave([(ours, lambda c=ours_cmd, e=ours_env: run_command(c, e)),
                        (base, lambda c=base_cmd, e=base_env: run_command(c, e))],
                       args.rounds)
            results.append((ours, base, target))
    print(f"{args.rounds} interleaved rounds; {os.cpu_count()} CPUs; "
          f"load average {os.getloadavg()[0]:.1f}")
    for ours, base, target in results:
        print(ours.line())
        print(base.line())
        print(ratio_line(ours, base, target))
    return 0


if __name__ == "__main__":
    sys.exit(main())
