"""``attache`` entry point: no command opens the desktop app, anything else is the CLI."""

from __future__ import annotations

import multiprocessing
import sys


def main() -> None:
    # Parser worker processes are spawned; a frozen (PyInstaller) build must let them start.
    multiprocessing.freeze_support()
    from desktop.cli import run

    sys.exit(run())


if __name__ == "__main__":
    main()
