"""Start-up benchmark: cold start to a shown main window, bundle and source tree.

    .venv/bin/python -m benchmarks.bench_startup [--bundle dist/attache/attache] [--runs 5]

Each run starts a fresh process with ATTACHE_EXIT_WHEN_SHOWN=1 (the app quits as soon as its
main window is shown) on an empty database in a temporary data folder, offscreen. Baseline in
the same run: a bare PySide6 QMainWindow shown and closed by the same Python.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BARE = ("from PySide6.QtCore import QTimer\nfrom PySide6.QtWidgets import QApplication, "
        "QMainWindow\napp = QApplication([])\nw = QMainWindow()\nw.show()\n"
        "QTimer.singleShot(0, app.quit)\napp.exec()\n")


def timed(command: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, env=env, check=True, capture_output=True, timeout=120)
    return time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bundle", default="dist/attache/attache")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", ATTACHE_EXIT_WHEN_SHOWN="1",
                   ATTACHE_DATA_DIR=tmp)
        commands = {"bare PySide6 window": [sys.executable, "-c", BARE],
                    "attache (source tree)": [sys.executable, "-m", "desktop.main"]}
        if Path(args.bundle).exists():
            commands["attache (bundle)"] = [args.bundle]
        else:
            print(f"no bundle at {args.bundle}: build it with scripts/build_bundle.sh")
        results = {}
        for name, command in commands.items():
            timed(command, env)  # warm the disk cache: "cold" means a new process, not a cold disk
            results[name] = statistics.median(timed(command, env) for _ in range(args.runs))
    base = results["bare PySide6 window"]
    for name, seconds in results.items():
        print(f"{name:<24} {seconds:6.2f} s (median of {args.runs})  ratio {seconds / base:.2f}x"
              + ("  target <= 2 s" if "bundle" in name else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
