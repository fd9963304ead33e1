"""Attaché's product without a screen: storage, fetching, parsing and the rules around them.

Nothing under ``core`` may import Qt; ``tests/test_core_is_qt_free.py`` enforces it so every
feature stays usable from the CLI and testable headless.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("attache")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"

PROJECT_URL = "https://github.com/attache-app/attache"
USER_AGENT = f"Attaché/{__version__} (+{PROJECT_URL})"
