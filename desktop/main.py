"""``attache`` entry point: no command opens the desktop app, anything else is the CLI."""

from __future__ import annotations

import sys


def main() -> None:
    from desktop.cli import run

    sys.exit(run())


if __name__ == "__main__":
    main()
