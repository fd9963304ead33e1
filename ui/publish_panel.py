"""What publishing did with a post, in its editor: each channel's state, and the two answers an
officer gives when a platform could not say whether the post arrived.

Telegram and Facebook recognise no repeated request, so a send whose answer was lost stays
"to check" and is never repeated by itself (core/publish/ledger.py). Here the officer looks at
the channel and says "It is there" (with its address, recorded as published) or "It is not
there" (the next publishing run sends it) — the app's form of ``attache publish confirm``.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from core.links import openable_link

# (job, on_done, on_error, kind): the post editor's background runner.
Runner = Callable[[Callable[[], Any], Callable[[Any], None], Callable[[BaseException], None],
                   str], None]
ORDER = {"unconfirmed": 0, "failed": 1, "missed": 2, "sending": 3, "published": 4}
MARKS = {"published": "✓", "failed": "✗", "unconfirmed": "?", "sending": "…", "missed": "⌛"}


@dataclass
class PublishingData:
    """A post's sends (core.publish.confirm.send_states rows plus ``channel``, its name)."""

    sends: Callable[[int], list[dict]]
    # (post id, channel id, occurrence key, address or None for "not there") -> the row
    confirm: Callable[[int, int, str, str | None], dict]
    # (post id, channel id) -> outcomes (core.publish.runner.Outcome.to_json): a missed send
    # goes out now, as ``attache publish post ID --channel ID`` sends it
    send_now: Callable[[int, int], list[dict]] | None = None


class PublishPanel(QWidget):
    confirmed = Signal()  # a send was resolved: the post itself may now be published
    open_link = Signal(QUrl)

    def __init__(self, data: PublishingData, run: Runner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("publish-panel")
        self.data = data
        self.run = run
        self.post_id: int | None = None
        self.rows: list[dict] = []
        self.grid = QGridLayout()
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setColumnStretch(0, 1)  # the words take the width, not the buttons
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(self.grid)
        self.hide()

    def show_post(self, post_id: int | None) -> None:
        """The sends of ``post_id`` (hidden for a new post, or one nothing was sent of)."""
        self.post_id = post_id
        if post_id is None:
            self._fill([])
            return
        self.run(lambda: self.data.sends(post_id), self._fill, self._failed, "read")

    def _fill(self, rows: list[dict]) -> None:
        while self.grid.count():
            item = self.grid.takeAt(0)
            widget = item.widget()
            if widget is not None:  # out of the panel now (a button may still be in its click)
                widget.setParent(None)
                widget.deleteLater()
        # What waits for the officer comes first (a send to check, then one that failed).
        rows = sorted(rows, key=lambda r: ORDER.get(r["state"], len(ORDER)))
        self.rows = rows
        for n, row in enumerate(rows):
            label = QLabel(self._describe(row))
            label.setTextFormat(Qt.TextFormat.RichText)
            # Only what has more to say wraps: a wrapping label asks for the height of its
            # narrowest width, and the form spread that over every row (gaps between them).
            label.setWordWrap(row["state"] != "published")
            label.setObjectName(f"send-{n}")
            label.linkActivated.connect(lambda link: self.open_link.emit(QUrl(link)))
            self.grid.addWidget(label, n, 0)
            if row["state"] == "unconfirmed":
                there = QPushButton(self.tr("It is there…"), objectName=f"send-there-{n}")
                there.setToolTip(self.tr("You found the post on the channel: give its address"))
                there.clicked.connect(lambda _checked=False, r=row: self._there(r))
                missing = QPushButton(self.tr("It is not there"),
                                      objectName=f"send-missing-{n}")
                missing.setToolTip(self.tr("It did not arrive: the next publishing run "
                                           "sends it"))
                missing.clicked.connect(lambda _checked=False, r=row: self._resolve(r, None))
                self.grid.addWidget(there, n, 1)
                self.grid.addWidget(missing, n, 2)
            elif (row["state"] == "missed" and not row["key"]
                  and self.data.send_now is not None):  # a single post (a recurring one
                # sends its current occurrence, which need not be the one missed)
                send = QPushButton(self.tr("Send now…"), objectName=f"send-now-{n}")
                send.setToolTip(self.tr("Its time passed while Attaché was not running: send "
                                        "it on this channel now"))
                send.clicked.connect(lambda _checked=False, r=row: self._send_now(r))
                self.grid.addWidget(send, n, 1, 1, 2)
        self.setVisible(bool(rows))

    def _describe(self, row: dict) -> str:
        words = {"published": self.tr("published"),
                 "failed": self.tr("not published yet; tried again later"),
                 "unconfirmed": self.tr("to check: the platform did not say whether it "
                                        "arrived"),
                 "sending": self.tr("being sent"),
                 "missed": self.tr("missed its time")}
        text = "{} <b>{}</b>: {}".format(MARKS.get(row["state"], "·"),
                                         html.escape(row["channel"]),
                                         html.escape(words.get(row["state"], row["state"])))
        if len({r["occurrence"] for r in self.rows}) > 1:
            text = f"{html.escape(row['occurrence'][:16].replace('T', ' '))} · {text}"
        link = openable_link(row.get("url"))
        if row["state"] == "published" and link:
            text += " <a href='{}'>{}</a>".format(html.escape(link, quote=True),
                                                  html.escape(self.tr("Open")))
        elif row.get("error") and row["state"] != "published":
            text += "<br><small>{}</small>".format(html.escape(row["error"]))
        return text

    def _there(self, row: dict) -> None:
        address, ok = QInputDialog.getText(
            self, self.tr("Published on {0}").format(row["channel"]),
            self.tr("The post's address on {0} (or its number):").format(row["channel"]))
        if ok and address.strip():
            self._resolve(row, address.strip())

    def _resolve(self, row: dict, address: str | None) -> None:
        post_id = self.post_id
        if post_id is None:
            return
        self.run(lambda: self.data.confirm(post_id, row["channel_id"], row["key"], address),
                 lambda _row: self._resolved(post_id), self._failed, "write")

    def _send_now(self, row: dict) -> None:
        post_id, send_now = self.post_id, self.data.send_now
        if post_id is None or send_now is None:
            return
        answer = QMessageBox.question(
            self, self.tr("Send Now"),
            self.tr("Publish this post on {0} now? It goes out publicly at once.")
            .format(row["channel"]),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.run(lambda: send_now(post_id, row["channel_id"]),
                 lambda outcomes: self._sent(post_id, outcomes), self._failed, "network")

    def _sent(self, post_id: int, outcomes: list[dict]) -> None:
        problems = [o["error"] or o["status"] for o in outcomes
                    if o["status"] not in ("published", "skipped")]
        if problems:
            QMessageBox.warning(self, self.tr("Publishing"), "\n".join(problems))
        self._resolved(post_id)

    def _resolved(self, post_id: int) -> None:
        self.confirmed.emit()
        self.show_post(post_id)

    def _failed(self, exc: BaseException) -> None:
        QMessageBox.warning(self, self.tr("Publishing"), str(exc))
