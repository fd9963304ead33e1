"""Emoji that read as emoji: the system's colour emoji font, else the bundled Noto Emoji.

Replies are full of emoji (🎉, 👍, 😡 are half of what some people write), and a machine
without an emoji font shows them as empty boxes — an emoji-only reply then says nothing at all.
Windows (Segoe UI Emoji), macOS (Apple Color Emoji) and most Linux desktops (Noto Color Emoji)
have a colour font, which Qt uses by itself; a bare Linux install often has none. There the
app registers ``resources/fonts/NotoEmoji-Regular.ttf`` (Noto Emoji, monochrome, SIL Open
Font License 1.1, 0.9 MB) as Qt's emoji font, so every emoji still shows as a recognisable
glyph. Called once after QApplication exists, before any window.
"""

from __future__ import annotations

import logging

from PySide6.QtGui import QFontDatabase

log = logging.getLogger("attache.desktop")

BUNDLED_FILE = "NotoEmoji-Regular.ttf"
# Colour emoji families Qt picks up from the system when they are installed.
COLOUR_FAMILIES = ("Noto Color Emoji", "Apple Color Emoji", "Segoe UI Emoji", "Twemoji",
                   "Twitter Color Emoji", "JoyPixels", "EmojiOne Color", "OpenMoji Color",
                   "Blobmoji")


def system_emoji_family() -> str | None:
    """The installed colour emoji family, or None when the system has none."""
    families = set(QFontDatabase.families())
    return next((f for f in COLOUR_FAMILIES if f in families), None)


def install_emoji_font() -> str:
    """Make sure emoji render; returns the family used ("" when none could be loaded)."""
    system = system_emoji_family()
    if system:
        return system
    from resources import RESOURCES

    font_id = QFontDatabase.addApplicationFont(str(RESOURCES / "fonts" / BUNDLED_FILE))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        log.warning("could not load the bundled emoji font; emoji may show as boxes")
        return ""
    if families[0] not in QFontDatabase.applicationEmojiFontFamilies():
        QFontDatabase.addApplicationEmojiFontFamily(families[0])
    return families[0]
