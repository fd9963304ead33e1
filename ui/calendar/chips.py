"""Chips: the small labelled boxes the month grid and the week view draw for each entry.

A post is a solid box in its status colour with a stripe in its campaign's colour; an
observance is a pale box in its category's colour ("≈" when its date is an estimate); a
"prepare by" marker is a dashed outline on the day work should start. Both views build chips
here and paint them with ``paint_chip``, so they look the same everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QCoreApplication, QLocale, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPen

from ui.calendar.data import ObservanceEntry, PostEntry
from ui.calendar.palette import (
    campaign_colour,
    category_colour,
    category_label,
    readable_text,
    status_colour,
    status_label,
    tint,
)
from ui.widgets.counts import counts

POST, OBSERVANCE, PREPARE = "post", "observance", "prepare"
STRIPE = 4.0
RADIUS = 3.0


translate = QCoreApplication.translate  # lupdate reads translate("Ctx", "…")


@dataclass(frozen=True)
class Chip:
    kind: str  # POST | OBSERVANCE | PREPARE
    text: str
    fill: QColor
    text_colour: QColor
    tooltip: str
    stripe: QColor | None = None
    border: QColor | None = None
    dashed: bool = False
    strike: bool = False
    post: PostEntry | None = None
    observance: ObservanceEntry | None = None


def time_text(post: PostEntry) -> str:
    start = post.timed_start
    return f"{start:%H:%M}" if start else ""


def post_chip(post: PostEntry, campaigns: dict[str, str | None], *,
              with_time: bool = True) -> Chip:
    fill = status_colour(post.status)
    text = post.title
    if post.channel_states:
        # What publishing did, before the title: a month cell elides the title's end. One
        # mark when every channel is alike (✓: out everywhere), else one per channel (✓✓?).
        marks = [SENT_MARKS.get(state, "·") for _, state, _ in post.channel_states]
        text = "{} {}".format(marks[0] if len(set(marks)) == 1 else "".join(marks), text)
    if with_time and post.timed_start:
        text = f"{time_text(post)} {text}"
    if post.warnings:
        text = f"⚠ {text}"
    if post.recurring:
        text = f"↻ {text}"
    stripe = campaign_colour(post.campaign, campaigns.get(post.campaign)) if post.campaign \
        else None
    lines = [f"<b>{_escape(post.title)}</b>",
             translate("Calendar", "Status: {0}").format(status_label(post.status))]
    when = post.timed_start
    lines.append(translate("Calendar", "When: {0}").format(
        QLocale().toString(when.replace(tzinfo=None), "ddd d MMM yyyy, HH:mm") if when
        else translate("Calendar", "{0}, all day").format(_long_date(post.day))))
    if post.duration_minutes:
        lines.append(translate("Calendar", "Duration: {0} min").format(post.duration_minutes))
    if post.campaign:
        lines.append(translate("Calendar", "Campaign: {0}").format(_escape(post.campaign)))
    lines += [f"⚠ {_escape(w)}" for w in post.warnings]
    lines += [sent_line(name, state, detail) for name, state, detail in post.channel_states]
    lines.append(translate("Calendar", "<i>Repeats: change its dates in the editor</i>")
                 if post.recurring
                 else translate("Calendar", "<i>Drag to move · double-click to edit</i>"))
    return Chip(POST, text, fill, readable_text(fill), "<br>".join(lines), stripe=stripe,
                strike=post.status == "cancelled", post=post)


# What publishing did on a channel, as a mark on the chip and a line in its tooltip.
SENT_MARKS = {"published": "✓", "failed": "✗", "unconfirmed": "?", "sending": "…",
              "missed": "⌛"}


def sent_line(channel: str, state: str, detail: str | None) -> str:
    words = {
        "published": translate("Calendar", "published"),
        "failed": translate("Calendar", "not published yet, tried again later"),
        "unconfirmed": translate("Calendar", "may be published: check the channel, then say "
                                             "so in the post's editor"),
        "sending": translate("Calendar", "being sent"),
        "missed": translate("Calendar", "missed its time: “Send now” in the post's editor "
                                        "sends it"),
    }
    line = f"{SENT_MARKS.get(state, '·')} {_escape(channel)}: {words.get(state, state)}"
    if detail and state != "published":
        line += f"<br><small>{_escape(detail)}</small>"
    return line


def observance_chip(observance: ObservanceEntry, day: date) -> Chip:
    colour = category_colour(observance.category)
    text = observance.name if day == observance.first else f"→ {observance.name}"
    if observance.estimated:
        text = f"≈ {text}"
    lines = [f"<b>{_escape(observance.name)}</b>", category_label(observance.category)
             + (f" ({observance.country})" if observance.country else "")]
    if observance.last != observance.first:
        lines.append(translate("Calendar", "{0} – {1}").format(_long_date(observance.first),
                                             _long_date(observance.last)))
    if observance.estimated:
        lines.append(translate("Calendar",
                               "≈ The date is an estimate: confirm it before publishing"))
    if observance.prepare_by:
        lines.append(translate("Calendar", "Prepare by {0}").format(
            _long_date(observance.prepare_by)))
    if observance.description:
        lines.append(_escape(observance.description))
    lines.append(translate("Calendar", "<i>Double-click to plan a post</i>"))
    return Chip(OBSERVANCE, text, tint(colour, 0.16), colour.darker(150), "<br>".join(lines),
                stripe=colour, observance=observance)


def prepare_chip(observance: ObservanceEntry) -> Chip:
    colour = category_colour(observance.category)
    tooltip = translate("Calendar", "Start preparing: {0} is on {1} ({2} lead time)").format(
        _escape(observance.name), _long_date(observance.first),
        counts().days(observance.lead_days))
    return Chip(PREPARE, translate("Calendar", "⚑ Prepare: {0}").format(observance.name),
                QColor(0, 0, 0, 0),
                colour.darker(130), tooltip, border=colour, dashed=True, observance=observance)


def chips_for_day(day: date, posts: list[PostEntry], observances: list[ObservanceEntry],
                  campaigns: dict[str, str | None], *, with_posts: bool = True,
                  with_time: bool = True, with_spans: bool = True) -> list[Chip]:
    """A day's chips in reading order: observances, posts by time, then prepare markers.

    ``with_spans=False`` leaves out observances lasting several days (drawn as bars).
    """
    chips = [observance_chip(o, day) for o in observances
             if o.covers(day) and (with_spans or o.first == o.last)]
    if with_posts:
        day_posts = sorted((p for p in posts if p.day == day), key=post_sort_key)
        chips += [post_chip(p, campaigns, with_time=with_time) for p in day_posts]
    chips += [prepare_chip(o) for o in observances if o.prepare_by == day]
    return chips


def post_sort_key(post: PostEntry) -> tuple:
    start = post.timed_start
    return (post.day, start is not None, start.time() if start else None, post.title.lower())


def paint_chip(painter: QPainter, rect: QRectF, chip: Chip, font: QFont, *,
               wrap: bool = False, selected: bool = False) -> None:
    """Draw ``chip`` in ``rect``; text is elided (or wrapped, in tall week-view boxes)."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setClipRect(rect)
    box = rect.adjusted(0.5, 0.5, -0.5, -0.5)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(chip.fill)
    painter.drawRoundedRect(box, RADIUS, RADIUS)
    left = box.left() + 4
    if chip.stripe is not None:
        painter.setBrush(chip.stripe)
        stripe = QRectF(box.left(), box.top(), STRIPE, box.height())
        painter.drawRoundedRect(stripe, 1.5, 1.5)
        if chip.kind == POST:  # a thin gap keeps a campaign stripe apart from the fill
            painter.setPen(QPen(QColor(255, 255, 255, 200), 1))
            painter.drawLine(stripe.topRight(), stripe.bottomRight())
        left = box.left() + STRIPE + 3
    if chip.border is not None or selected:
        pen = QPen(chip.border if chip.border is not None else QColor("#1b1f24"),
                   2 if selected else 1)
        if chip.dashed:
            pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(box, RADIUS, RADIUS)
    text_font = QFont(font)
    text_font.setStrikeOut(chip.strike)
    if chip.kind == PREPARE:
        text_font.setItalic(True)
    painter.setFont(text_font)
    painter.setPen(chip.text_colour)
    area = QRectF(left, box.top() + 1, box.right() - left - 3, box.height() - 2)
    metrics = QFontMetrics(text_font)
    if wrap and area.height() >= 2 * metrics.height():
        flags = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap
        painter.drawText(area, int(flags), chip.text)
    else:
        text = metrics.elidedText(chip.text, Qt.TextElideMode.ElideRight, int(area.width()))
        painter.drawText(area, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                         text)
    painter.restore()


def _long_date(day: date) -> str:
    return QLocale().toString(day, "ddd d MMM yyyy")


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
