"""ReaderView: no local file is read, remote images wait for permission, only safe links leave."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt, QUrl
from PySide6.QtGui import QColor, QImage, QPixmap, QTextCursor, QTextDocument
from PySide6.QtWidgets import QTextBrowser

from core.entries.limits import (
    MAX_DEPTH,
    MAX_DISPLAY_CHARS,
    MAX_RUN,
    MAX_TITLE_CHARS,
    displayable,
)
from ui.reader import PLACEHOLDER_SIZE, ReaderView

IMAGE = QTextDocument.ResourceType.ImageResource
MIB = 1024 * 1024


def png_bytes(size: int = 20) -> bytes:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(QColor("red"))
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data)


@pytest.fixture
def reader(qtbot) -> ReaderView:
    view = ReaderView()
    qtbot.addWidget(view)
    view.resize(600, 400)
    return view


@pytest.fixture
def local_image(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A real 20×20 PNG on disk, also reachable as a relative path from the working folder."""
    path = tmp_path / "secret.png"
    path.write_bytes(png_bytes())
    monkeypatch.chdir(tmp_path)
    return path


def size_of(value: object) -> tuple[int, int]:
    assert isinstance(value, QImage | QPixmap), value
    return value.width(), value.height()


def test_local_and_relative_images_are_never_read(qtbot, reader: ReaderView,
                                                  local_image: Path) -> None:
    file_url = QUrl.fromLocalFile(str(local_image))
    # The threat is real: a plain QTextBrowser reads both from disk.
    plain = QTextBrowser()
    qtbot.addWidget(plain)
    plain.setHtml(f'<img src="{file_url.toString()}"><img src="secret.png">')
    assert size_of(plain.document().resource(IMAGE, file_url)) == (20, 20)
    assert size_of(plain.document().resource(IMAGE, QUrl("secret.png"))) == (20, 20)

    reader.image_loader = lambda url: png_bytes()  # even with images allowed
    reader.show_item("Local", f'<img src="{file_url.toString()}"><img src="secret.png">'
                     '<img src="file:///etc/passwd"><img src="data:image/png;base64,AAAA">')
    reader.allow_images(True)
    reader.show()
    qtbot.waitExposed(reader)
    for name in (file_url, QUrl("secret.png"), QUrl("file:///etc/passwd"),
                 QUrl("data:image/png;base64,AAAA")):
        assert size_of(reader.loadResource(int(IMAGE), name)) == PLACEHOLDER_SIZE
        assert size_of(reader.document().resource(IMAGE, name)) == PLACEHOLDER_SIZE
    # Non-image resources (style sheets) are an empty answer, never a lookup.
    css = QTextDocument.ResourceType.StyleSheetResource
    assert reader.loadResource(int(css), QUrl.fromLocalFile(str(local_image))) == ""


def test_remote_images_are_blocked_and_counted_until_allowed(qtbot,
                                                             reader: ReaderView) -> None:
    asked: list[str] = []

    def loader(url: QUrl) -> bytes | None:
        asked.append(url.toString())
        return png_bytes(30) if url.host() == "img.test" else None

    reader.image_loader = loader
    body = ('<p>Story</p><img src="https://img.test/a.png"><img src="https://img.test/a.png">'
            '<table><tr><td><img src="http://img.test/b.png"></td></tr></table>'
            '<img src="https://gone.test/c.png"><img src="file:///etc/passwd">')
    with qtbot.waitSignal(reader.images_blocked) as blocked:
        reader.show_item("Remote", body, "https://e.test/story")
    assert blocked.args == [3]  # distinct remote images; the local one is never a candidate
    assert [u.toString() for u in reader.remote_images()] == [
        "https://img.test/a.png", "http://img.test/b.png", "https://gone.test/c.png"]
    reader.show()
    qtbot.waitExposed(reader)
    remote = QUrl("https://img.test/a.png")
    assert size_of(reader.document().resource(IMAGE, remote)) == PLACEHOLDER_SIZE
    assert asked == []  # blocked: the loader is not even asked

    with qtbot.waitSignal(reader.images_blocked) as blocked:
        reader.allow_images(True)
    assert blocked.args == [0]
    assert size_of(reader.document().resource(IMAGE, remote)) == (30, 30)
    assert size_of(reader.document().resource(IMAGE, QUrl("https://gone.test/c.png"))) == \
        PLACEHOLDER_SIZE  # the loader had nothing
    assert "file:///etc/passwd" not in asked

    # The next item starts blocked again.
    reader.show_item("Next", '<img src="https://img.test/a.png">')
    assert not reader.images_allowed()
    assert size_of(reader.document().resource(IMAGE, remote)) == PLACEHOLDER_SIZE


def test_allowed_images_without_a_loader_stay_placeholders(reader: ReaderView) -> None:
    reader.show_item("No loader", '<img src="https://img.test/a.png">')
    reader.allow_images(True)
    remote = QUrl("https://img.test/a.png")
    assert size_of(reader.document().resource(IMAGE, remote)) == PLACEHOLDER_SIZE


def test_only_web_and_mail_links_are_emitted(qtbot, reader: ReaderView) -> None:
    emitted: list[str] = []
    reader.link_activated.connect(lambda url: emitted.append(url.toString()))
    for link in ("https://e.test/a", "http://e.test/b", "mailto:press@e.test",
                 "javascript:alert(1)", "JavaScript:alert(1)", "file:///etc/passwd",
                 "data:text/html,<b>x</b>", "relative/page.html", "#section", "ftp://e.test/f"):
        reader.anchorClicked.emit(QUrl(link))
    assert emitted == ["https://e.test/a", "http://e.test/b", "mailto:press@e.test"]


def test_clicking_a_link_emits_it_and_never_navigates(qtbot, reader: ReaderView) -> None:
    reader.show_item("Click", '<p>Read <a href="https://e.test/full">the full story</a></p>'
                     '<p><a href="javascript:alert(1)">run</a></p>')
    reader.show()
    qtbot.waitExposed(reader)
    before = reader.toPlainText()

    def click(text: str) -> None:
        cursor = reader.document().find(text)
        cursor.setPosition(cursor.selectionStart() + 2, QTextCursor.MoveMode.MoveAnchor)
        point = reader.cursorRect(cursor).center()
        qtbot.mouseClick(reader.viewport(), Qt.MouseButton.LeftButton, pos=point)

    with qtbot.waitSignal(reader.link_activated) as activated:
        click("the full story")
    assert activated.args[0] == QUrl("https://e.test/full")
    with qtbot.assertNotEmitted(reader.link_activated, wait=50):
        click("run")
    assert reader.source().isEmpty()
    assert reader.toPlainText() == before


def test_the_title_is_escaped_and_links_to_the_original(reader: ReaderView) -> None:
    reader.show_item('<img src="https://t.test/x.png"> & <b>bold</b>', "<p>body</p>",
                     "https://e.test/story")
    text = reader.toPlainText()
    assert text.startswith('<img src="https://t.test/x.png"> & <b>bold</b>')
    assert reader.remote_images() == []
    assert 'href="https://e.test/story"' in reader.toHtml()
    reader.show_item("No link", "<p>x</p>", "javascript:alert(1)")
    assert "javascript" not in reader.toHtml()
    reader.clear_item()
    assert reader.toPlainText() == ""


# ---------------------------------------------------------------------------- unbounded text

def longest_unbroken_run(text: str) -> int:
    return max((len(run) for run in re.split(r"[\s\u200b]+", text)), default=0)


def test_a_plain_text_title_keeps_its_angle_brackets(reader: ReaderView) -> None:
    reader.show_item("GetComponent<Transform>() in Unity", "<p>body</p>")
    assert reader.toPlainText().startswith("GetComponent<Transform>() in Unity")


def test_a_huge_title_and_an_unbroken_megabyte_are_bounded(reader: ReaderView) -> None:
    # The attack: a 1 MiB title and a 1 MiB word, both quadratic to lay out whole.
    reader.show_item("A" * MIB, "<p>" + "B" * MIB + "</p>")
    text = reader.toPlainText()
    assert longest_unbroken_run(text) <= MAX_RUN
    assert text.count("A") <= MAX_TITLE_CHARS
    assert text.count("B") <= MAX_DISPLAY_CHARS
    assert "too long to show here in full" in text


def test_stored_deep_nesting_is_shown_flattened(reader: ReaderView) -> None:
    # What an older version may have stored: 20,000 nested <div>s (Qt alone takes minutes).
    body = "<div>" * 20_000 + "deep text" + "</div>" * 20_000
    assert len(body) < MAX_DISPLAY_CHARS
    reader.show_item("Deep", body)
    text = reader.toPlainText()
    assert "deep text" in text and "too long" not in text
    shown, cut = displayable(body)
    assert not cut and shown.count("<div>") == MAX_DEPTH


def test_ordinary_items_are_shown_unchanged(reader: ReaderView) -> None:
    body = "<p>" + "Embassy news, every word in place. " * 2_000 + "</p>"
    reader.show_item("Title", body)
    text = reader.toPlainText()
    assert "\u200b" not in text and "too long" not in text
    assert text.count("every word in place") == 2_000
