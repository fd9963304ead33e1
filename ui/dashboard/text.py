"""How the Dashboard writes its values: dates and times in the user's language, platform and
status names, shares, and the colours its cards share."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QDate, QLocale

import core.platforms
from ui.widgets.counts import counts

STATUS_COLORS = {"idea": "#8a8f98", "draft": "#b7791f", "review": "#dd6b20",
                 "approved": "#2f855a", "scheduled": "#2b6cb0", "published": "#4a5568"}
PLATFORMS = {**{p.key: p.name for p in core.platforms.PLATFORMS},  # core/platforms.py
             "feed": QT_TRANSLATE_NOOP("Dashboard", "Feed"),
             "rss": QT_TRANSLATE_NOOP("Dashboard", "Feed")}
# A planned post's status as the agenda shows it; looked up at run time and translated with
# translate("Dashboard", …), so QT_TRANSLATE_NOOP marks them for lupdate.
POST_STATUS_NAMES = {"idea": QT_TRANSLATE_NOOP("Dashboard", "idea"),
                     "draft": QT_TRANSLATE_NOOP("Dashboard", "draft"),
                     "review": QT_TRANSLATE_NOOP("Dashboard", "review"),
                     "approved": QT_TRANSLATE_NOOP("Dashboard", "approved"),
                     "scheduled": QT_TRANSLATE_NOOP("Dashboard", "scheduled"),
                     "published": QT_TRANSLATE_NOOP("Dashboard", "published"),
                     "cancelled": QT_TRANSLATE_NOOP("Dashboard", "cancelled")}

translate = QCoreApplication.translate  # lupdate reads translate("Ctx", "…")


def platform_name(platform: str) -> str:
    return translate("Dashboard", PLATFORMS[platform]) if platform in PLATFORMS else platform


def post_status_name(status: str | None) -> str:
    if status in POST_STATUS_NAMES:
        return translate("Dashboard", POST_STATUS_NAMES[status])
    return status or ""


def short_date(day: date) -> str:
    """'Mon 1 Dec' in the user's language."""
    return QLocale().toString(QDate(day.year, day.month, day.day), "ddd d MMM")


def clock(at: datetime) -> str:
    return f"{at.hour:02d}:{at.minute:02d}"


def days_ago(days: int | None) -> str:
    if days is None:
        return translate("Dashboard", "never")
    if days == 0:
        return translate("Dashboard", "today")
    if days == 1:
        return translate("Dashboard", "yesterday")
    return counts().days_ago(days)


def percent(share: float | None) -> str:
    return "—" if share is None else f"{share:.0%}"


def number(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}".rstrip("0").rstrip(".")


def hours_text(hours: float | None) -> str:
    """A waiting time as the officer reads it: 40 min, 5.5 h, 3 d."""
    if hours is None:
        return "—"
    if hours < 1:
        return translate("Dashboard", "{0} min").format(round(hours * 60))
    if hours < 48:
        return translate("Dashboard", "{0} h").format(f"{hours:.1f}".rstrip("0").rstrip("."))
    return translate("Dashboard", "{0} d").format(round(hours / 24))
