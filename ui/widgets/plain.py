"""Untrusted text (feed titles, reply authors, error messages, file contents) shown as text.

Qt renders a tooltip, and a QLabel in its default AutoText format, as HTML whenever
``Qt.mightBeRichText`` guesses so — a tag on the first line is enough, e.g. a reply author
called ``Bob <b>x</b>`` or a feed title whose ``&lt;img&gt;`` core decoded back to ``<img>``.
Escaping and wrapping the text in ``<p>`` makes the guess always "rich" and the content always
inert; ``<p>`` also lets Qt word-wrap a long tooltip instead of drawing one huge line.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel


def plain_tooltip(text: str | None) -> str:
    """A tooltip string that shows ``text`` literally; "" (no tooltip) for empty text.

    Line breaks stay line breaks.
    """
    if not text:
        return ""
    return "<p>" + html.escape(text).replace("\n", "<br>") + "</p>"


def plain_label(text: str = "") -> QLabel:
    """A QLabel that shows its text literally, whatever it looks like."""
    label = QLabel(text)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label
