"""The post editor's images: up to four, each with its alt text, in the order they go out.

A post's images used to be reachable only from the CLI (``posts add/update --image --alt``);
an officer planning in the app adds them here. The widget holds names and alt texts only:
the bytes stay in the database (a kept image) or on disk (a new one, read when the post is
saved by desktop/post_dialogs.py through core/publish/images.py, which refuses a file that is
not an image, too big, or without alt text when the setting asks for it).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from core.publish.images import MAX_ALT, MAX_IMAGES

PATTERNS = "*.jpg *.jpeg *.png *.gif *.webp"


@dataclass(frozen=True)
class DraftImage:
    """An image as the editor holds it: a stored one (``position``) or a file (``path``)."""

    name: str
    alt: str = ""
    position: int | None = None  # its place among the post's saved images
    path: str | None = None  # a file chosen in this editor, read when the post is saved


class ImagesField(QWidget):
    changed = Signal()

    def __init__(self, choose: Callable[[QWidget], Sequence[str]] | None = None,
                 parent: QWidget | None = None, *, alt_required: bool = True) -> None:
        super().__init__(parent)
        self.setObjectName("images")
        self.alt_required = alt_required  # the require_alt_text setting: what the hint says
        self.choose = choose or self._choose_files
        self.rows: list[tuple[DraftImage, QLineEdit]] = []
        self.grid = QGridLayout()
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setColumnStretch(1, 1)  # the alt text takes the width
        self.add_button = QPushButton(self.tr("Add &image…"), objectName="add-image")
        self.add_button.clicked.connect(self.add)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setEnabled(False)  # greyed, as the other hints
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.hint, 1)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(self.grid)
        column.addLayout(buttons)
        self._refresh()

    def show_images(self, images: Sequence[DraftImage]) -> None:
        self._rebuild(list(images))

    def images(self) -> tuple[DraftImage, ...]:
        return tuple(DraftImage(image.name, edit.text().strip(), image.position, image.path)
                     for image, edit in self.rows)

    def add(self) -> None:
        room = MAX_IMAGES - len(self.rows)
        paths = list(self.choose(self))[:room]
        if paths:
            self._rebuild([*self.images(), *(DraftImage(Path(p).name, path=p) for p in paths)])
            self.rows[len(self.rows) - len(paths)][1].setFocus()  # describe it next
            self.changed.emit()

    def remove(self, index: int) -> None:
        kept = list(self.images())
        del kept[index]
        self._rebuild(kept)
        self.changed.emit()

    # ------------------------------------------------------------------ inside
    def _rebuild(self, images: list[DraftImage]) -> None:
        while self.grid.count():
            widget = self.grid.takeAt(0).widget()
            if widget is not None:
                widget.setParent(None)
                widget.deleteLater()
        self.rows = []
        for n, image in enumerate(images):
            name = QLabel(image.name)
            name.setToolTip(image.path or image.name)
            alt = QLineEdit(image.alt, objectName=f"image-alt-{n}")
            alt.setMaxLength(MAX_ALT)
            alt.setPlaceholderText(self.tr("Alt text: what the image shows, for people who "
                                           "cannot see it"))
            alt.setAccessibleName(self.tr("Alt text of {0}").format(image.name))
            alt.textChanged.connect(self.changed)
            remove = QPushButton(self.tr("Remove"), objectName=f"image-remove-{n}")
            remove.setToolTip(self.tr("Take {0} out of the post").format(image.name))
            remove.clicked.connect(lambda _checked=False, n=n: self.remove(n))
            self.grid.addWidget(name, n, 0)
            self.grid.addWidget(alt, n, 1)
            self.grid.addWidget(remove, n, 2)
            self.rows.append((image, alt))
        self._refresh()

    def _refresh(self) -> None:
        full = len(self.rows) >= MAX_IMAGES
        self.add_button.setEnabled(not full)
        self.hint.setText(self.tr("Four images at most, the most every platform takes in one "
                                  "post.") if full else
                          self.tr("Up to four JPEG, PNG, GIF or WebP images; each needs alt "
                                  "text, a description for people who cannot see it.")
                          if self.alt_required else
                          self.tr("Up to four JPEG, PNG, GIF or WebP images; give each alt "
                                  "text, a description for people who cannot see it, where "
                                  "you can."))

    def _choose_files(self, parent: QWidget) -> list[str]:
        paths, _filter = QFileDialog.getOpenFileNames(
            parent, self.tr("Add images"), "",
            self.tr("Images ({0})").format(PATTERNS))
        return paths
