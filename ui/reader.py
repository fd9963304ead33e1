"""The reader pane: sanitized HTML, no local files, no remote images unless asked for.

Feed HTML is hostile even after core's sanitizer: a remote image is a read receipt for whoever
serves it (an embassy opening a story is worth knowing about), and QTextBrowser will happily
read ``file://`` and relative paths from the local disk to resolve an ``<img>``. So:

* ``loadResource`` is overridden and never defers to QTextBrowser/QTextDocument. It always
  returns a value, because a null answer makes QTextDocument fall back to reading the URL as a
  local file itself. Local, relative, ``data:`` and unknown URLs always get the grey
  placeholder.
* Remote (http/https) images are blocked per item until ``allow_images(True)``; the view emits
  ``images_blocked(count)`` after each item so the window can offer a "Load images" button.
  ``ui/`` makes no HTTP requests: when allowed, images come from ``image_loader``, a callable
  desktop sets. It is called on the GUI thread while the document lays out, so desktop should
  fetch ``remote_images()`` in its task runner first and give a loader that reads its cache.
* Nothing unbounded is laid out: an item's HTML is cut, flattened and given break points by
  ``core.entries.limits.displayable`` (Qt's layout is quadratic in nesting and in the length of
  an unbroken run: a 1 MiB title froze the pane for minutes), the title is capped too.
* Links never navigate inside the pane (``setOpenLinks(False)``): a click emits
  ``link_activated(QUrl)`` for http, https and mailto only, and desktop opens the system
  browser. In-page ``#anchors`` just scroll. Anything else (``javascript:``, ``file:``…) is
  dropped.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QColor, QImage, QPainter, QTextDocument
from PySide6.QtWidgets import QTextBrowser, QWidget

from core.entries.limits import MAX_TITLE_CHARS, break_text, cut_text, displayable
from core.links import openable_link

log = logging.getLogger("attache.ui.reader")

IMAGE_SCHEMES = frozenset({"http", "https"})
PLACEHOLDER_SIZE = (160, 90)
PLACEHOLDER_TEXT = "image not loaded"

ImageLoader = Callable[[QUrl], bytes | None]


def placeholder_image() -> QImage:
    """A grey box saying the image was not loaded (the same for every blocked image)."""
    image = QImage(*PLACEHOLDER_SIZE, QImage.Format.Format_ARGB32)
    image.fill(QColor("#d9d9d9"))
    painter = QPainter(image)
    painter.setPen(QColor("#555555"))
    painter.drawText(image.rect(), Qt.AlignmentFlag.AlignCenter, PLACEHOLDER_TEXT)
    painter.end()
    return image


class ReaderView(QTextBrowser):
    """Shows one item. Emits ``link_activated`` for safe links, ``images_blocked`` per item."""

    link_activated = Signal(QUrl)
    images_blocked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reader")
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.anchorClicked.connect(self._on_anchor_clicked)
        self.image_loader: ImageLoader | None = None
        self._images_allowed = False
        self._item: tuple[str, str, str | None] | None = None
        self._placeholder = placeholder_image()

    # ------------------------------------------------------------------ showing items

    def show_item(self, title: str, html_body: str, url: str | None = None) -> None:
        """Show an item; ``html_body`` is already sanitized by core. Images start blocked."""
        self._item = (title, html_body, url)
        self._images_allowed = False
        self._render()

    def clear_item(self) -> None:
        self._item = None
        self._images_allowed = False
        self.clear()
        self.images_blocked.emit(0)

    def allow_images(self, allowed: bool = True) -> None:
        """Load (or block again) the remote images of the current item."""
        if allowed == self._images_allowed:
            return
        self._images_allowed = allowed
        if self._item is not None:
            self._render()

    def images_allowed(self) -> bool:
        return self._images_allowed

    def remote_images(self) -> list[QUrl]:
        """The http(s) images of the current item, each once, in document order."""
        return [QUrl(name) for name in self._image_names()
                if QUrl(name).scheme().lower() in IMAGE_SCHEMES]

    def _render(self) -> None:
        assert self._item is not None
        title, body, url = self._item
        title = break_text(cut_text(title, MAX_TITLE_CHARS, None, ""))
        heading = html.escape(title or self.tr("(no title)"))
        if url and QUrl(url).scheme().lower() in IMAGE_SCHEMES:
            heading = f'<a href="{html.escape(url, quote=True)}">{heading}</a>'
        body, cut = displayable(body)
        if cut:
            body += "<p><i>{}</i></p>".format(html.escape(self.tr(
                "This item is too long to show here in full; open it in the browser to read "
                "the rest.")))
        self.setHtml(f"<h2>{heading}</h2>{body}")
        self.images_blocked.emit(0 if self._images_allowed else len(self.remote_images()))

    def _image_names(self) -> list[str]:
        names: dict[str, None] = {}
        block = self.document().begin()
        while block.isValid():
            fragments = block.begin()
            while not fragments.atEnd():
                char_format = fragments.fragment().charFormat()
                if char_format.isImageFormat():
                    names[char_format.toImageFormat().name()] = None
                fragments += 1
            block = block.next()
        return list(names)

    # ------------------------------------------------------------------ resources and links

    def loadResource(self, kind: int, name: QUrl) -> object:  # noqa: N802 - Qt's name
        """Never the disk, never the network; see the module docstring."""
        if int(kind) != int(QTextDocument.ResourceType.ImageResource):
            return ""  # style sheets and the like: an empty one, never looked up anywhere
        if (self._images_allowed and self.image_loader is not None
                and name.scheme().lower() in IMAGE_SCHEMES):
            data = self.image_loader(name)
            if data:
                image = QImage.fromData(data)
                if not image.isNull():
                    return image
        return self._placeholder

    def _on_anchor_clicked(self, url: QUrl) -> None:
        scheme = url.scheme().lower()
        if openable_link(url.toString(QUrl.ComponentFormattingOption.FullyEncoded)):
            self.link_activated.emit(url)
        elif not scheme and url.hasFragment() and not url.path():
            self.scrollToAnchor(url.fragment())
        else:
            log.debug("ignored a %s link", scheme or "relative")
