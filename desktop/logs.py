"""Logging to a rotating file in the log folder; stderr only for what the user asked to see."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from core import paths

LOG_FILE = "attache.log"


def setup_logging(debug: bool = False) -> Path | None:
    """File logging (INFO, or DEBUG with --debug). Returns the log path, None if unwritable."""
    root = logging.getLogger()
    root.setLevel(logging.DEBUG if debug else logging.INFO)
    for handler in list(root.handlers):
        if getattr(handler, "_attache", False):
            root.removeHandler(handler)
            handler.close()
    try:
        path = paths.log_dir() / LOG_FILE
        handler = logging.handlers.RotatingFileHandler(path, maxBytes=2_000_000, backupCount=3,
                                                       encoding="utf-8")
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler._attache = True  # type: ignore[attr-defined]
    root.addHandler(handler)
    if debug:
        console = logging.StreamHandler()
        console.setLevel(logging.DEBUG)
        console._attache = True  # type: ignore[attr-defined]
        root.addHandler(console)
    # urllib3 logs full URLs at DEBUG; feeds may carry tokens in query strings.
    logging.getLogger("urllib3").setLevel(logging.WARNING)
    return path
