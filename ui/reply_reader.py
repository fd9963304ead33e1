"""The Listen page's reading pane: one reply in full, who wrote it where, and what it answers.

The table can only show a line of each reply; an officer deciding whether a thread needs an
answer reads the whole reply, its author, platform, time and likes, and the thread it sits in:
the embassy post it answers (title, first lines, link) and, when it is nested, the reply it
answers. J/K in the table move through the replies and the pane follows.

Everything shown comes from strangers on the internet, so the document is built from escaped
plain text only (no reply HTML, no images), and a link is offered only when
``core.links.openable_link`` accepts it; a click emits ``open_link`` for desktop to open with
``desktop.links.open_external``.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QCoreApplication, QDateTime, QLocale, QUrl, Signal
from PySide6.QtWidgets import QTextBrowser, QWidget

from core.links import openable_link
from ui.models.replies_table import LABEL_COLORS, label_name, language_name
from ui.models.sources_table import KIND_NAMES

POST_EXCERPT_CHARS = 280  # "the first lines" of the post a reply answers
PARENT_EXCERPT_CHARS = 400

# reply row -> {"post": {title, text, url} | None, "parent": reply row | None,
#               "answers": [the embassy's own replies under it]}
ThreadLookup = Callable[[dict], dict]
EMBASSY_COLOR = "#2b6cb0"

translate = QCoreApplication.translate


def platform_name(platform: str | None) -> str:
    """"mastodon" → "Mastodon"; export-file platforms ("x") keep a readable name."""
    if not platform:
        return ""
    name = KIND_NAMES.get(platform)
    return translate("SourcesTable", name) if name else platform.upper() if len(
        platform) <= 2 else platform.capitalize()


def when_text(value: datetime | None) -> str:
    """A reply's time in the interface language's long-ish form: "5 December 2026, 11:36"."""
    if value is None:
        return ""
    moment = QDateTime.fromSecsSinceEpoch(int(value.timestamp()))
    return QLocale().toString(moment, "d MMMM yyyy, HH:mm")


def excerpt(text: str | None, limit: int) -> str:
    """The first ``limit`` characters, cut at a word, with an ellipsis when cut."""
    text = (text or "").strip()
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(None, 1)[0] if " " in text[:limit] else text[:limit]
    return cut.rstrip() + "…"


def _paragraphs(text: str) -> str:
    """Escaped plain text with its line breaks kept."""
    return html.escape(text).replace("\n", "<br>")


class ReplyReader(QTextBrowser):
    """Shows one reply (``show_reply``) or a hint when none is selected (``clear_reply``)."""

    open_link = Signal(QUrl)

    def __init__(self, thread: ThreadLookup | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reply-reader")
        self.setOpenLinks(False)  # a click is ours to check, never navigation in the pane
        self.anchorClicked.connect(self._on_anchor)
        self.thread = thread
        self.reply_id: int | None = None
        self.clear_reply()

    def clear_reply(self) -> None:
        self.reply_id = None
        self.setHtml("<p style='color:#777'>{}</p>".format(html.escape(self.tr(
            "Select a reply to read it here in full, with the post it answers. "
            "J and K move to the next and previous reply."))))

    def show_reply(self, record: dict) -> None:
        """The whole reply and its thread (``record`` as the reply table holds it)."""
        self.reply_id = record.get("id")
        context = self.thread(record) if self.thread is not None else {}
        parts = [self._header(record), self._body(record), self._label(record)]
        answers = context.get("answers") or []
        if answers:
            parts.append(self._answers(answers))
        parent = context.get("parent")
        if parent:
            parts.append(self._parent(parent))
        post = context.get("post")
        if post:
            parts.append(self._post(post))
        self.setHtml("".join(parts))

    # ------------------------------------------------------------------ pieces

    def _header(self, record: dict) -> str:
        name = record.get("author_name") or ""
        handle = record.get("author_handle") or ""
        who = html.escape(name or handle or self.tr("(unknown author)"))
        if name and handle and handle != name:
            who += f" <span style='color:#666'>@{html.escape(handle.lstrip('@'))}</span>"
        if record.get("own"):
            who += " " + self._badge()
        facts = [platform_name(record.get("platform")), when_text(record.get("when"))]
        likes = record.get("likes")
        if likes:
            facts.append(self.tr("♥ %n like(s)", "", int(likes)))
        line = " · ".join(html.escape(f) for f in facts if f)
        link = openable_link(record.get("url"))
        if link:
            line += " · <a href='{}'>{}</a>".format(html.escape(link, quote=True), html.escape(
                self.tr("Open on {0}").format(platform_name(record.get("platform"))
                                              or self.tr("the platform"))))
        return f"<p><b>{who}</b><br><span style='color:#444'>{line}</span></p>"

    def _body(self, record: dict) -> str:
        return "<p style='font-size:large'>{}</p>".format(
            _paragraphs(record.get("text") or ""))

    def _label(self, record: dict) -> str:
        label = record.get("sentiment_label")
        key = label or "unscored"
        text = label_name(label)
        if record.get("label_source") == "manual":
            text = self.tr("{0} (labelled by hand)").format(text)
        language = record.get("language")
        extra = f" · {html.escape(language_name(language))}" if language else ""
        return (f"<p><span style='color:{LABEL_COLORS.get(key, '#777')}'>■ "
                f"{html.escape(text)}</span>{extra}</p>")

    def _badge(self) -> str:
        """Marks the embassy's own words in a thread: shown, never counted as a reaction."""
        name = html.escape(self.tr("Embassy"))
        return (f"<span style='background-color:{EMBASSY_COLOR};color:white'>&nbsp;"
                f"{name}&nbsp;</span>")

    def _answers(self, answers: list[dict]) -> str:
        """The embassy's answers to this reply, from Attaché or typed in the platform's app."""
        lines = []
        for answer in answers:
            facts = " · ".join(html.escape(f) for f in (
                answer.get("author_name") or answer.get("author_handle") or "",
                when_text(answer.get("when"))) if f)
            lines.append("{} <span style='color:#444'>{}</span><br>{}".format(
                self._badge(), facts, _paragraphs(answer.get("text") or "")))
        return "<hr><p><b>{}</b><br>{}</p>".format(
            html.escape(self.tr("The embassy answered")), "<br><br>".join(lines))

    def _parent(self, parent: dict) -> str:
        who = html.escape(parent.get("author_name") or parent.get("author_handle") or "")
        if parent.get("own"):
            who += " " + self._badge()
        return ("<hr><p style='color:#555'><b>{}</b> {}<br>{}</p>").format(
            html.escape(self.tr("In reply to")), who,
            _paragraphs(excerpt(parent.get("text"), PARENT_EXCERPT_CHARS)))

    def _post(self, post: dict) -> str:
        title = " ".join((post.get("title") or "").split())
        text = excerpt(post.get("text"), POST_EXCERPT_CHARS)
        if title and " ".join(text.split()).startswith(title.rstrip("…").rstrip()):
            title = ""  # social posts are titled with their own first words: say them once
        link = openable_link(post.get("url"))
        open_post = (" <a href='{}'>{}</a>".format(html.escape(link, quote=True),
                                                     html.escape(self.tr("Open the post")))
                     if link else "")
        lines = [f"<i>{html.escape(title)}</i>"] if title else []
        if text:
            lines.append(_paragraphs(text))
        if not lines:
            lines.append(html.escape(self.tr("(untitled post)")))
        return "<hr><p style='color:#555'><b>{}</b>{}<br>{}</p>".format(
            html.escape(self.tr("The embassy's post")), open_post, "<br>".join(lines))

    def _on_anchor(self, url: QUrl) -> None:
        link = openable_link(url.toString())
        if link:
            self.open_link.emit(QUrl(link))
