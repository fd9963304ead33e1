"""The Answer box under the Listen reading pane: a public answer, as the embassy, in the thread.

An officer reading a reply answers it here instead of opening the platform in a browser. The
text is counted the way the reply's platform counts (the post editor's rule), the button says
where it goes, and the sending runs off the window's thread. What sends it is desktop's
``AnswerData.answer`` (core/publish/answers.py): exactly once per reply and text, so a second
click on a slow network cannot answer twice. Replies that cannot be answered from here (the
embassy's own answers, platforms Attaché does not answer on) say why instead.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from core.links import openable_link
from ui.reply_reader import platform_name
from ui.widgets.numbers import count_text
from ui.widgets.runner import Runner


@dataclass
class AnswerData:
    """What the Answer box may ask of core (wired by desktop/page_listen.py)."""

    # (reply id, text) -> {"status": published|failed|unconfirmed|skipped, "url", "error"}
    answer: Callable[[int, str], dict]
    # a reply row -> None when it can be answered here, else why not (a sentence)
    refusal: Callable[[dict], str | None]
    # (platform, text) -> (used, limit): the platform's own way of counting
    measure: Callable[[str, str], tuple[int, int | None]]


class AnswerBox(QWidget):
    answered = Signal(int)  # the reply id, once the answer is out
    open_link = Signal(QUrl)

    def __init__(self, data: AnswerData, runner: Runner | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("answer-box")
        self.data = data
        self.runner = runner
        self.record: dict | None = None
        self.sending = False
        self.title = QLabel(self.tr("Answer publicly, as the embassy"))
        self.title.setWordWrap(True)
        self.editor = QPlainTextEdit()
        self.editor.setObjectName("answer-text")
        self.editor.setPlaceholderText(self.tr("Write the embassy's answer…"))
        # Four lines: on a 768-pixel screen the reply being answered keeps the room above.
        self.editor.setMaximumHeight(self.editor.fontMetrics().lineSpacing() * 4 + 12)
        self.editor.setTabChangesFocus(True)
        self.editor.textChanged.connect(self._update)
        self.count = QLabel()
        self.send_button = QPushButton(self.tr("Send answer"))
        self.send_button.clicked.connect(self.send)
        self.send_button.setToolTip(self.tr("Ctrl+Enter in the text sends it too"))
        for keys in ("Ctrl+Return", "Ctrl+Enter"):  # the main key and the keypad's
            QShortcut(QKeySequence(keys), self.editor, self.send,
                      context=Qt.ShortcutContext.WidgetShortcut)
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.TextFormat.RichText)
        self.status.linkActivated.connect(lambda link: self.open_link.emit(QUrl(link)))
        # Where it goes, the count and the button on one line above the text: one line less.
        row = QHBoxLayout()
        row.addWidget(self.title, 1)
        row.addWidget(self.count)
        row.addWidget(self.send_button)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 4, 0, 0)
        column.addLayout(row)
        column.addWidget(self.editor)
        column.addWidget(self.status)
        self.set_reply(None)

    # ------------------------------------------------------------------ state
    def set_reply(self, record: dict | None) -> None:
        """The reply the pane shows (None: nothing selected). A draft stays while the same
        reply is shown, and goes when another one is."""
        if record is None or self.record is None or record.get("id") != self.record.get("id"):
            if not self.sending:
                self.editor.clear()
                self.status.clear()
        self.record = record
        refusal = self.data.refusal(record) if record is not None else None
        self.editor.setEnabled(record is not None and refusal is None)
        # An empty, disabled box says why it is empty.
        self.editor.setPlaceholderText(self.tr("Choose a reply above to answer it")
                                       if record is None
                                       else self.tr("Write the embassy's answer…"))
        if record is None:
            self.title.setText(self.tr("Answer publicly, as the embassy"))
        elif refusal:
            self.status.setText(html.escape(refusal))
        else:
            self.title.setText(self.tr("Answer publicly on {0}, as the embassy").format(
                platform_name(record.get("platform"))))
            if record.get("answered_at") is not None and not self.status.text():
                by = record.get("answered_by")
                self.status.setText(html.escape(
                    self.tr("Already answered by {0}.").format(by) if by else
                    self.tr("Already answered on {0}, outside Attaché.").format(
                        platform_name(record.get("platform")))))
        self._update()

    def _update(self) -> None:
        text = self.editor.toPlainText().strip()
        platform = (self.record or {}).get("platform") or ""
        used, limit = self.data.measure(platform, text) if text else (0, None)
        over = limit is not None and used > limit
        self.count.setText(
            self.tr("{0} / {1}").format(count_text(used), count_text(limit)) if limit
            else "")
        self.count.setStyleSheet("color:#c53030" if over else "")
        self.send_button.setEnabled(bool(text) and not over and not self.sending
                                    and self.editor.isEnabled())

    # ------------------------------------------------------------------ sending
    def send(self) -> None:
        if not self.send_button.isEnabled() or self.record is None:
            return
        reply_id, text = self.record["id"], self.editor.toPlainText().strip()
        self.sending = True
        self.send_button.setEnabled(False)
        self.status.setText(html.escape(self.tr("Sending…")))

        def job(_progress: object) -> dict:
            return self.data.answer(reply_id, text)

        if self.runner is None:
            try:
                self._done(reply_id, job(None))
            except Exception as exc:  # noqa: BLE001 - shown in plain words
                self._failed(exc)
            return
        self.runner.run(job, on_done=lambda result: self._done(reply_id, result),
                        on_error=self._failed, kind="network",
                        name=self.tr("Sending an answer"))

    def _done(self, reply_id: int, result: dict) -> None:
        self.sending = False
        status = result.get("status")
        if status in ("published", "skipped") and result.get("remote_id"):
            link = openable_link(result.get("url"))
            done = (self.tr("Answer published.") if status == "published"
                    else self.tr("This answer was already published."))
            if link:
                done += " <a href='{}'>{}</a>".format(html.escape(link, quote=True),
                                                        html.escape(self.tr("Open it")))
            self.status.setText(done if link else html.escape(done))
            if self.record is not None and self.record.get("id") == reply_id:
                self.editor.clear()
            self.answered.emit(reply_id)
        elif status == "unconfirmed":
            self.status.setText(html.escape(self.tr(
                "The platform did not say whether the answer arrived: check the thread "
                "before sending it again. {0}").format(result.get("error") or "")))
        else:
            self.status.setText("<span style='color:#c53030'>{}</span>".format(html.escape(
                self.tr("Not sent: {0}").format(result.get("error") or status))))
        self._update()

    def _failed(self, exc: BaseException) -> None:
        self.sending = False
        self.status.setText("<span style='color:#c53030'>{}</span>".format(
            html.escape(self.tr("Not sent: {0}").format(exc))))
        self._update()
