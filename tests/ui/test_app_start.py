"""Start-up order: the window shows with the Monitor built; the rest starts after it shows.

``run_gui`` shows the window, then hands the event loop ``after_show``: the refresh timer,
today's automatic backup, the welcome on a first start, then the other pages one per turn.
"""

from __future__ import annotations

import gc

from core.storage.database import Database
from desktop.app import after_show, create_main_window


def test_the_window_shows_with_only_the_monitor_built(qtbot, db: Database) -> None:  # noqa: ANN001
    window = create_main_window(db, build_pages=False)
    qtbot.addWidget(window)
    window.show()
    built = [key for key in window.page_keys
             if window.pages.widget(window.page_keys.index(key)).layout().count()]
    assert built == [window.page_keys[0]]  # the Monitor, first and shown
    assert not window.scheduler.timer.isActive()
    window.close()


def test_after_show_starts_the_rest_and_builds_every_page(qtbot, db: Database) -> None:  # noqa: ANN001
    from ui.first_run import FirstRunDialog

    window = create_main_window(db, build_pages=False)
    qtbot.addWidget(window)
    window.show()
    done: list[bool] = []
    gc.disable()  # as desktop.main starts the app
    after_show(window, lambda: done.append(True))
    assert window.scheduler.timer.isActive()
    # A first start: the welcome is open over the window (opened, not exec'd: no nested loop).
    assert [type(w) for w in window.findChildren(FirstRunDialog) if w.isVisible()] == [
        FirstRunDialog]
    qtbot.waitUntil(lambda: done == [True], timeout=20_000)
    for key in window.page_keys:
        assert window.pages.widget(window.page_keys.index(key)).layout().count() == 1, key
    assert gc.isenabled()  # collecting again once the start-up is over
    window.close()
