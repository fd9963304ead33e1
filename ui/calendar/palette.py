"""The Calendar's colours: post statuses, observance categories and campaigns.

One place so the month grid, the week view, the agenda and the legend agree. Status colours
run from grey (an idea) through amber and orange (being written, in review) to green and blue
(approved, scheduled) and slate (published), so the state of a month reads at a glance.
"""

from __future__ import annotations

import zlib

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

STATUS_COLOURS = {
    "idea": "#8a96a3",
    "draft": "#d9962b",
    "review": "#dd6b20",
    "approved": "#2f9e5a",
    "scheduled": "#2c6bd1",
    "published": "#3f4f63",
    "cancelled": "#c3c8ce",
}
CATEGORY_COLOURS = {
    "un": "#1d86cf",
    "us": "#b42a3e",
    "host": "#0e8a7d",
    "programme": "#7a4dbf",
    "custom": "#8a6a32",
}


def status_colour(status: str) -> QColor:
    return QColor(STATUS_COLOURS.get(status, "#8a96a3"))


def category_colour(category: str) -> QColor:
    return QColor(CATEGORY_COLOURS.get(category, CATEGORY_COLOURS["custom"]))


def campaign_colour(name: str, stored: str | None) -> QColor:
    """The campaign's own colour, or a stable one derived from its name when it has none."""
    if stored:
        colour = QColor(stored)
        if colour.isValid():
            return colour
    hue = zlib.crc32(name.encode("utf-8")) % 360
    return QColor.fromHsv(hue, 170, 190)


def readable_text(fill: QColor) -> QColor:
    """Black or white, whichever reads better on ``fill`` (WCAG relative luminance)."""
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    luminance = (0.2126 * channel(fill.redF()) + 0.7152 * channel(fill.greenF())
                 + 0.0722 * channel(fill.blueF()))
    return QColor("#1b1f24") if luminance > 0.36 else QColor("#ffffff")


def tint(colour: QColor, amount: float) -> QColor:
    """``colour`` mixed with white: 0 is white, 1 the colour itself."""
    return QColor.fromRgbF(1 - (1 - colour.redF()) * amount, 1 - (1 - colour.greenF()) * amount,
                           1 - (1 - colour.blueF()) * amount)


def with_alpha(colour: QColor, alpha: int) -> QColor:
    """``colour`` made see-through (0 clear … 255 solid), for highlights over the grid."""
    result = QColor(colour)
    result.setAlpha(alpha)
    return result


def status_label(status: str) -> str:
    labels = {
        "idea": QCoreApplication.translate("Calendar", "idea"),
        "draft": QCoreApplication.translate("Calendar", "draft"),
        "review": QCoreApplication.translate("Calendar", "in review"),
        "approved": QCoreApplication.translate("Calendar", "approved"),
        "scheduled": QCoreApplication.translate("Calendar", "scheduled"),
        "published": QCoreApplication.translate("Calendar", "published"),
        "cancelled": QCoreApplication.translate("Calendar", "cancelled"),
    }
    return labels.get(status, status)


def category_label(category: str) -> str:
    labels = {
        "un": QCoreApplication.translate("Calendar", "UN day"),
        "us": QCoreApplication.translate("Calendar", "US holiday"),
        "host": QCoreApplication.translate("Calendar", "host-country holiday"),
        "programme": QCoreApplication.translate("Calendar", "programme deadline"),
        "custom": QCoreApplication.translate("Calendar", "your observance"),
    }
    return labels.get(category, category)


def legend_html() -> str:
    """A one-line key to the colours, for a QLabel under the calendar."""
    def swatch(colour: str, text: str) -> str:
        unbroken = text.replace(" ", "&nbsp;").replace("-", "\u2011")  # one unit per entry
        return (f'<span style="color:{colour}; font-size:large">■</span>&nbsp;{unbroken}'
                "&nbsp;&nbsp; ")

    posts = "".join(swatch(c, status_label(s)) for s, c in STATUS_COLOURS.items())
    days = "".join(swatch(c, category_label(k)) for k, c in CATEGORY_COLOURS.items())
    marks = QCoreApplication.translate(
        "Calendar", "≈&nbsp;estimated&nbsp;date &nbsp; ⚑&nbsp;start&nbsp;preparing &nbsp; "
        "⚠&nbsp;plan&nbsp;warning")
    posts_title = QCoreApplication.translate("Calendar", "Posts:")
    days_title = QCoreApplication.translate("Calendar", "Days:")
    return (f"<b>{posts_title}</b>&nbsp; {posts}"
            f"&nbsp;<b>{days_title}</b>&nbsp; {days}"
            f"&nbsp;{marks}")
