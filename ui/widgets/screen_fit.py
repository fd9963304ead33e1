"""Every window fits the screen it opens on: a 1366×768 laptop is the commonest office machine.

A dialog that opens taller than the screen hides its Save button below the taskbar, and a
window manager will not always move it back. So no window opens larger than the *available*
geometry (the screen less taskbars and docks): ``fit_to_screen`` shrinks and centres one
window, ``ScreenFit`` does it for every top-level window as it is first shown (installed on
the application by desktop). Long forms put their fields in a scroll area (``scrolling``) so
they can shrink; their buttons stay outside it, always visible.

``set_screen_override`` pretends the screen has a given size: ``attache screenshots --screen
1366x768`` and the tests use it to open everything as it would open on that screen.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget

_override: QRect | None = None
# A window's frame (title bar, borders) is drawn by the window manager outside the size Qt
# sets; leave room for it so the whole window, title bar included, is on screen.
FRAME_ALLOWANCE = QSize(16, 40)


def set_screen_override(size: QSize | None) -> None:
    """Open windows as if the available screen were ``size`` (None: the real screen)."""
    global _override
    _override = QRect(0, 0, size.width(), size.height()) if size is not None else None


def available_geometry(widget: QWidget | None = None) -> QRect:
    """The room a window has on its screen (or on the overridden one)."""
    if _override is not None:
        return QRect(_override)
    screen = widget.screen() if widget is not None else None
    screen = screen or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1366, 728)


def room_for(widget: QWidget | None = None) -> QSize:
    """The largest size a window's contents may take so that it, frame and all, fits."""
    area = available_geometry(widget)
    return QSize(max(200, area.width() - FRAME_ALLOWANCE.width()),
                 max(200, area.height() - FRAME_ALLOWANCE.height()))


def fitted_size(preferred: QSize, widget: QWidget | None = None) -> QSize:
    """``preferred``, no larger than the room on the screen."""
    return preferred.boundedTo(room_for(widget))


def fit_to_screen(widget: QWidget, preferred: QSize | None = None) -> None:
    """Size a top-level window to ``preferred`` (default: its current size) within the screen,
    and move it back onto the screen if it would stick out."""
    size = fitted_size(preferred or widget.size(), widget)
    # A layout's minimum may exceed the screen; the window may then not shrink below it, so
    # the minimum gives way too (long forms scroll inside instead).
    if widget.minimumWidth() > size.width() or widget.minimumHeight() > size.height():
        widget.setMinimumSize(widget.minimumSize().boundedTo(size))
    widget.resize(size)
    area = available_geometry(widget)
    frame = widget.frameGeometry()
    if not area.contains(frame):
        x = min(max(frame.x(), area.x()), area.right() - frame.width() + 1)
        y = min(max(frame.y(), area.y()), area.bottom() - frame.height() + 1)
        widget.move(max(x, area.x()), max(y, area.y()))


class _UpAndDown(QScrollArea):
    """Scrolls up and down only, so it is never narrower than its content: a row wider than
    the view would be cut off on the right (the post editor's status row in Russian)."""

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt's name
        hint = super().minimumSizeHint()
        content = self.widget()
        if content is None:
            return hint
        width = (content.minimumSizeHint().width() + 2 * self.frameWidth()
                 + self.verticalScrollBar().sizeHint().width())
        return QSize(max(hint.width(), width), hint.height())


def scrolling(content: QWidget) -> QScrollArea:
    """``content`` in a frameless vertical scroll area that follows its width."""
    area = _UpAndDown()
    area.setWidget(content)
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    return area


class ScreenFit(QObject):
    """Application event filter: each top-level window is fitted when first shown."""

    SKIPPED = (Qt.WindowType.Popup, Qt.WindowType.ToolTip, Qt.WindowType.SplashScreen)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if (event.type() == QEvent.Type.Show and isinstance(watched, QWidget)
                and watched.isWindow() and not watched.property("_screen_fitted")
                and watched.windowType() not in self.SKIPPED):
            watched.setProperty("_screen_fitted", True)
            fit_to_screen(watched)
        return False
