"""File → Add source…: recognise, preview, choose among a page's feeds, save — against the
loopback feed server, through the same core functions as ``attache sources add``."""

from __future__ import annotations

from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent

from core.feeds.sources import list_sources
from desktop.context import AppContext
from desktop.page_monitor import connect
from desktop.source_actions import add_source_services, open_add_source
from tests.feedserver import FeedServer, send
from ui.add_source_dialog import AddSourceDialog

SOCIAL = Path(__file__).resolve().parents[1] / "fixtures" / "social" / "mastodon"
JSON = "application/json; charset=utf-8"


def dialog_for(ctx: AppContext, qtbot) -> AddSourceDialog:  # noqa: ANN001
    dialog = AddSourceDialog(add_source_services(ctx), ctx.window)
    qtbot.addWidget(dialog)
    return dialog


def preview_titles(dialog: AddSourceDialog) -> list[str]:
    return [dialog.items.topLevelItem(n).text(1) for n in range(dialog.items.topLevelItemCount())]


def test_paste_a_feed_preview_then_save(ctx: AppContext, qtbot, server: FeedServer) -> None:  # noqa: ANN001
    connect(ctx)  # the Monitor follows the bus, as in the app
    url = server.static("/feeds/rss2.xml", "rss2.xml")
    dialog = open_add_source(ctx, url)  # what File → Add source… opens
    qtbot.addWidget(dialog)
    dialog.update_kind()
    assert "Feed" in dialog.kind.itemText(0)
    dialog.preview_button.click()
    titles = preview_titles(dialog)
    assert titles and all(titles)
    assert not dialog.message.property("error")
    assert not dialog.feeds.isVisibleTo(dialog)  # a feed, not a page of feeds
    assert list_sources(ctx.db) == []  # a preview stores nothing
    dialog.category.setCurrentText("Embassy / Press")
    with qtbot.waitSignal(ctx.bus.sources_changed):
        dialog.save_button.click()
    [source] = list_sources(ctx.db)
    assert source["url"] == url and source["category"] == "Embassy / Press"
    assert source["title"]  # the feed's own title, as the CLI would store it
    assert dialog.result() == AddSourceDialog.DialogCode.Accepted
    assert ctx.window.monitor.current_source() == source["id"]


def test_a_page_with_several_feeds_offers_them(ctx: AppContext, qtbot,  # noqa: ANN001
                                               server: FeedServer) -> None:
    server.static("/feeds/rss2.xml", "rss2.xml")
    server.static("/feeds/atom.xml", "atom.xml", "application/atom+xml")
    page = (b'<html><head><title>Embassy</title>'
            b'<link rel="alternate" type="application/rss+xml" title="News" '
            b'href="/feeds/rss2.xml">'
            b'<link rel="alternate" type="application/atom+xml" title="Press releases" '
            b'href="/feeds/atom.xml"></head><body>Hello</body></html>')
    page_url = server.static("/", page, "text/html; charset=utf-8")
    dialog = dialog_for(ctx, qtbot)
    dialog.address.setText(page_url)
    dialog.preview()
    assert dialog.feeds.isVisibleTo(dialog) and dialog.feeds.count() == 2
    first = preview_titles(dialog)
    assert dialog.preview_result.url == server.url("/feeds/rss2.xml")
    dialog.feeds.setCurrentIndex(1)
    dialog.feeds.activated.emit(1)  # the officer picks "Press releases"
    assert dialog.preview_result.url == server.url("/feeds/atom.xml")
    assert preview_titles(dialog) != first
    assert dialog.feeds.count() == 2  # the choice stays offered
    dialog.title.setText("Пресс-релизы")
    dialog.save()
    [source] = list_sources(ctx.db)
    assert source["url"] == server.url("/feeds/atom.xml")
    assert source["title"] == "Пресс-релизы"


def test_broken_addresses_get_plain_errors(ctx: AppContext, qtbot,  # noqa: ANN001
                                           server: FeedServer) -> None:
    dialog = dialog_for(ctx, qtbot)
    dialog.address.setText(server.url("/missing.xml"))
    dialog.preview()
    text = dialog.message.text()
    assert dialog.message.property("error") and "HTTP 404" in text
    assert "check it for typos" in text
    assert dialog.items.topLevelItemCount() == 0

    server.static("/page", "page_without_feed.html", "text/html")
    dialog.address.setText(server.url("/page"))
    assert dialog.message.property("hint")  # a new address forgets the old error
    assert not dialog.message.property("error")
    dialog.preview()
    assert "not a feed" in dialog.message.text()

    dialog.address.setText("ftp://example.org/feed")
    dialog.save()  # saving checks too, and stores nothing
    assert "not a web address" in dialog.message.text()
    assert list_sources(ctx.db) == []
    assert dialog.result() != AddSourceDialog.DialogCode.Accepted

    dialog.address.setText("http://127.0.0.1:9/feed.xml")  # nothing listens on port 9
    dialog.preview()
    assert "refused the connection" in dialog.message.text()


def test_fediverse_handle_is_recognised_and_previewed(ctx: AppContext, qtbot,  # noqa: ANN001
                                                      server: FeedServer) -> None:
    dialog = dialog_for(ctx, qtbot)
    dialog.address.setText("@usembassy@mastodon.social")
    dialog.update_kind()
    assert "Mastodon" in dialog.kind.itemText(0)
    assert dialog.chosen_kind() == "mastodon"
    dialog.address.setText("usembassy.bsky.social")
    assert dialog.chosen_kind() == "bluesky"

    # A profile URL on the loopback "instance": resolved, and its first page shown.
    account_id = "110532718234567890"
    server.static("/api/v1/accounts/lookup", (SOCIAL / "account_lookup.json").read_bytes(),
                  JSON)
    server.route(f"/api/v1/accounts/{account_id}/statuses", lambda req: send(
        req, 200, (SOCIAL / "statuses_page1.json").read_bytes(), JSON))
    dialog.address.setText(server.url("/@embassy"))
    assert dialog.chosen_kind() == "mastodon"
    dialog.preview()
    assert not dialog.message.property("error"), dialog.message.text()
    assert dialog.items.topLevelItemCount() > 0
    assert dialog.preview_result.kind == "mastodon"
    dialog.save()
    [source] = list_sources(ctx.db)
    assert source["kind"] == "mastodon" and source["account_id"] == account_id


def test_facebook_without_a_token_says_so(ctx: AppContext, qtbot,  # noqa: ANN001
                                          memory_keyring) -> None:  # noqa: ANN001
    dialog = dialog_for(ctx, qtbot)
    dialog.address.setText("https://www.facebook.com/usembassytashkent")
    assert dialog.chosen_kind() == "facebook"
    dialog.preview()  # no network needed: the token check comes first
    assert dialog.message.property("error")
    assert "needs a Page access token" in dialog.message.text()


def test_closing_while_a_preview_or_an_add_runs(ctx: AppContext, qtbot,  # noqa: ANN001
                                                server: FeedServer,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    connect(ctx)  # the Monitor follows the bus, as in the app
    url = server.static("/feeds/rss2.xml", "rss2.xml")
    pending: list[tuple] = []  # the dialog's jobs, on a slow network / behind a refresh
    run_now = ctx.runner.run  # everything else (the Monitor's reloads) runs at once

    def run(job, **options):  # noqa: ANN001, ANN003, ANN202
        if options.get("name") in ("Preview source", "Add source"):
            pending.append((job, options["on_done"]))
        else:
            run_now(job, **options)

    def finish() -> None:
        job, on_done = pending.pop(0)
        on_done(job(None))

    def close(dialog: AddSourceDialog) -> None:
        dialog.buttons.button(dialog.buttons.StandardButton.Cancel).click()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        assert not shiboken6.isValid(dialog)

    monkeypatch.setattr(ctx.runner, "run", run)
    dialog = open_add_source(ctx, url)
    dialog.preview_button.click()
    close(dialog)  # Cancel stays usable during a long preview
    finish()  # its answer is dropped, not shown on a deleted dialog
    assert list_sources(ctx.db) == []

    dialog = open_add_source(ctx, url)
    dialog.save_button.click()
    close(dialog)  # closed while the add waits on the writer
    with qtbot.waitSignal(ctx.bus.sources_changed, timeout=1000):
        finish()
    [source] = list_sources(ctx.db)
    assert source["url"] == url
    assert ctx.window.monitor.current_source() == source["id"]  # the Monitor heard of it


def test_a_new_source_is_fetched_at_once_from_the_preview(ctx: AppContext, qtbot,  # noqa: ANN001
                                                          server: FeedServer) -> None:
    """No "press F5": after Add the items are there, and the feed was downloaded once (the
    preview's response served the add and the first fetch)."""
    from core.feeds.items import list_items
    from desktop.refresh import RefreshController

    connect(ctx)
    ctx.window.refresher = RefreshController(ctx)
    url = server.static("/feeds/rss2.xml", "rss2.xml")
    dialog = open_add_source(ctx, url)
    qtbot.addWidget(dialog)
    dialog.update_kind()
    dialog.preview_button.click()
    assert len(server.hits("/feeds/rss2.xml")) == 1
    with qtbot.waitSignal(ctx.bus.items_changed, timeout=20000):
        dialog.save_button.click()
    [source] = list_sources(ctx.db)
    assert source["status"] == "ok" and source["last_fetched"] is not None
    assert len(list_items(ctx.db, source_id=source["id"])) >= len(preview_titles(dialog)) > 0
    assert len(server.hits("/feeds/rss2.xml")) == 1  # preview, add and fetch: one download
    assert ctx.window.statusBar().currentMessage().startswith("Refreshed 1 source")
    ctx.window.refresher.shut_down()
