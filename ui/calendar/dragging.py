"""Dragging a post between days and times: the MIME payload both views read and write.

The payload names the post and where the pointer held it (``grab_y``: pixels below the chip's
top), so a drop in the week view puts the chip's top — not the pointer — on the new time.
A private MIME type keeps other applications' drops (files, text) from being mistaken for a
post.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from PySide6.QtCore import QMimeData, QPoint, Qt
from PySide6.QtGui import QDrag, QPixmap
from PySide6.QtWidgets import QWidget

from ui.calendar.data import PostEntry

POST_MIME = "application/x-attache-post"


@dataclass(frozen=True)
class DraggedPost:
    post_id: int
    grab_y: float = 0.0


def post_mime(post: PostEntry, grab_y: float = 0.0) -> QMimeData:
    mime = QMimeData()
    mime.setData(POST_MIME, json.dumps({"post_id": post.post_id, "grab_y": grab_y}).encode())
    mime.setText(post.title)  # dropping on a text field gives the title, as mail clients do
    return mime


def read_mime(mime: QMimeData | None) -> DraggedPost | None:
    if mime is None or not mime.hasFormat(POST_MIME):
        return None
    try:
        payload = json.loads(bytes(mime.data(POST_MIME)).decode())
        return DraggedPost(int(payload["post_id"]), float(payload.get("grab_y", 0.0)))
    except (ValueError, KeyError, TypeError):
        return None


def start_drag(source: QWidget, post: PostEntry, pixmap: QPixmap, hot_spot: QPoint,
               grab_y: float) -> Qt.DropAction:
    """Run a drag of ``post`` (blocks until the drop, as QDrag.exec does)."""
    drag = QDrag(source)
    drag.setMimeData(post_mime(post, grab_y))
    drag.setPixmap(pixmap)
    drag.setHotSpot(hot_spot)
    return drag.exec(Qt.DropAction.MoveAction)
