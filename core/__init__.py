"""Attaché's product without a screen: storage, fetching, parsing and the rules around them.

Nothing under ``core`` may import Qt; ``tests/test_core_is_qt_free.py`` enforces it so every
feature stays usable from the CLI and testable headless.

``__version__`` and ``USER_AGENT`` are looked up on first use: reading package metadata scans
the installed distributions, and every ``core`` import (``attache --help`` among them) would
pay for it.
"""

from __future__ import annotations

from functools import cache

PROJECT_URL = "https://github.com/attache-app/attache"


@cache
def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("attache")
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "0.0.0+source"


def __getattr__(name: str) -> str:
    if name == "__version__":
        return _version()
    if name == "USER_AGENT":
        return f"Attaché/{_version()} (+{PROJECT_URL})"
    raise AttributeError(f"module 'core' has no attribute {name!r}")
