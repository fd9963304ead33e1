"""The settings travel with the AppContext: read once, shared, read again when saved."""

from __future__ import annotations

from core.settings import Settings
from desktop.context import AppContext, AppSettings


def test_settings_are_read_once_and_again_after_a_save(ctx: AppContext) -> None:
    reads: list[int] = []

    def load() -> Settings:
        reads.append(1)
        return Settings(default_interval_minutes=30 + len(reads))

    ctx.settings = store = AppSettings(load)
    ctx.bus.settings_changed.connect(store.reload)
    assert store.current().default_interval_minutes == 31
    assert store.current() is store.current() and len(reads) == 1
    seen: list[int] = []
    store.changed.connect(lambda: seen.append(1))
    ctx.bus.settings_changed.emit()  # what the Settings dialog does after saving
    assert seen == [1]
    assert store.current().default_interval_minutes == 32


def test_pages_read_the_context_settings(ctx: AppContext) -> None:
    from desktop.page_listen import build

    ctx.settings = AppSettings(lambda: Settings(timezone="Asia/Tashkent"))
    page = build(ctx)
    assert page.data is not None  # built without reading settings.json itself
    assert ctx.settings.current().timezone == "Asia/Tashkent"
