"""Data files shipped with Attaché: starter sources, and later icons, styles, observances."""

from pathlib import Path

RESOURCES = Path(__file__).parent
DEFAULT_SOURCES_OPML = RESOURCES / "default_sources.opml"
