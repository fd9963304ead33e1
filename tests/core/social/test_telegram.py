"""Telegram public channels through the t.me/s/ preview, served by the loopback server."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from core.social import telegram
from core.social.base import SourceError, SyncRequest
from core.social.telegram import TelegramAdapter, parse_channel_url, parse_views
from tests.feedserver import FeedServer, send

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "social" / "telegram"
CHANNEL = "examplestan_uz"
NEWEST = (FIXTURES / "channel_preview.html").read_text(encoding="utf-8")
OLDER = (FIXTURES / "channel_preview_before_1201.html").read_text(encoding="utf-8")
# The channel's very beginning: the header, no messages left before 1197.
START = re.sub(r'<section class="tgme_channel_history.*?</section>',
               '<section class="tgme_channel_history js-message_history"></section>', OLDER,
               flags=re.DOTALL)


def with_new_message(page: str) -> str:
    """The newest page after message 1205 was posted (1201 scrolled off)."""
    blocks = page.split('<div class="tgme_widget_message_wrap js-widget_message_wrap">')
    newest = blocks[-1].split("</section>", 1)[0]
    added = (newest.replace("examplestan_uz/1204", "examplestan_uz/1205")
             .replace("2025-05-03T04:05:33+00:00", "2025-05-03T08:00:00+00:00")
             .replace("Посол Примерстана вручил копии", "Новое сообщение: посол вручил копии"))
    kept = [blocks[0], *blocks[2:-1], newest, added]
    joined = '<div class="tgme_widget_message_wrap js-widget_message_wrap">'.join(kept)
    return joined + "</section>" + blocks[-1].split("</section>", 1)[1]


class PreviewSite:
    """``/s/<channel>`` answering ``?before=`` like t.me does."""

    def __init__(self, server: FeedServer) -> None:
        self.newest = NEWEST
        server.route(f"/s/{CHANNEL}", self.handle)
        self.server = server

    def handle(self, req: BaseHTTPRequestHandler) -> None:
        before = parse_qs(urlsplit(req.path).query).get("before", [None])[0]
        page = {None: self.newest, "1201": OLDER}.get(before, START)
        send(req, 200, page.encode("utf-8"), "text/html; charset=utf-8")

    def befores(self) -> list[str | None]:
        return [parse_qs(urlsplit(r.path).query).get("before", [None])[0]
                for r in self.server.hits(f"/s/{CHANNEL}")]


@pytest.fixture
def site(server: FeedServer) -> PreviewSite:
    return PreviewSite(server)


def request_for(server: FeedServer, state: dict | None = None) -> SyncRequest:
    return SyncRequest(url=server.url(f"/{CHANNEL}"), account_id=CHANNEL, own=False,
                       state=state or {}, replies_since=datetime(2025, 1, 1, tzinfo=UTC))


# ---------------------------------------------------------------------------- resolve

@pytest.mark.parametrize("path", [f"/{CHANNEL}", f"/s/{CHANNEL}", f"/{CHANNEL}/1204"])
def test_resolve_reads_the_preview(path: str, fetcher, server, site) -> None:
    account = TelegramAdapter().resolve(fetcher, server.url(path))
    assert account.kind == "telegram"
    assert account.url == server.url(f"/{CHANNEL}")
    assert account.account_id == CHANNEL
    assert account.title == "Posolstvo Primerstana / Примерстан elchixonasi"
    assert site.befores() == [None]


def test_resolve_takes_the_channel_name_as_telegram_spells_it(fetcher, server, site) -> None:
    server.route("/s/ExampleStan_UZ", site.handle)
    account = TelegramAdapter().resolve(fetcher, server.url("/ExampleStan_UZ"))
    assert account.account_id == CHANNEL
    assert account.url == server.url(f"/{CHANNEL}")


def test_a_channel_without_preview_is_refused(fetcher, server) -> None:
    # t.me/s/<private> redirects to the t.me/<private> contact card.
    server.redirect("/s/closed_embassy_chat", 302, "/closed_embassy_chat")
    server.static("/closed_embassy_chat", (FIXTURES / "no_preview.html").read_bytes(),
                  content_type="text/html; charset=utf-8")
    with pytest.raises(SourceError, match="no public preview; Attaché can only read public"):
        TelegramAdapter().resolve(fetcher, server.url("/closed_embassy_chat"))


@pytest.mark.parametrize("typed, expected", [
    ("https://t.me/examplestan_uz", ("https://t.me", "examplestan_uz")),
    ("https://t.me/s/examplestan_uz", ("https://t.me", "examplestan_uz")),
    ("t.me/examplestan_uz/1204", ("https://t.me", "examplestan_uz")),
    ("https://telegram.me/examplestan_uz", ("https://t.me", "examplestan_uz")),
])
def test_channel_addresses(typed: str, expected: tuple[str, str]) -> None:
    assert parse_channel_url(typed) == expected


@pytest.mark.parametrize("typed", ["https://t.me/+AbCdEfGhIjK", "https://t.me/joinchat/AbCdEf",
                                   "https://t.me/", "https://t.me/c/123456/7", "examplestan_uz"])
def test_invite_links_and_non_channels_are_refused(typed: str) -> None:
    with pytest.raises(SourceError):
        parse_channel_url(typed)


# ---------------------------------------------------------------------------- sync

def test_first_sync_reads_messages_and_older_pages(fetcher, server, site) -> None:
    result = TelegramAdapter().sync(fetcher, request_for(server))
    assert site.befores() == [None, "1201", "1197"]
    assert [e.guid for e in result.entries] == [f"{CHANNEL}/{n}" for n in
                                                (1197, 1198, 1200, 1201, 1202, 1203, 1204)]
    assert result.title == "Posolstvo Primerstana / Примерстан elchixonasi"
    assert result.replies == [] and result.warning is None
    entries = {e.guid.rsplit("/", 1)[1]: e for e in result.entries}

    cyrillic = entries["1204"]
    assert cyrillic.url == server.url(f"/{CHANNEL}/1204")
    assert cyrillic.published == datetime(2025, 5, 3, 4, 5, 33, tzinfo=UTC)
    assert cyrillic.published_raw == "2025-05-03T04:05:33+00:00"
    assert cyrillic.title == "Посол Примерстана вручил копии верительных грамот в МИД " \
                             "Узбекистана. 🇺🇿"
    assert "Подробнее: examplestan.example/uz/news/credentials" in cyrillic.content_text
    assert '<a href="https://examplestan.example/uz/news/credentials"' in cyrillic.content_html
    assert "Вручение верительных грамот" not in cyrillic.content_text  # the link preview
    assert cyrillic.author == "Posolstvo Primerstana / Примерстан elchixonasi"

    uzbek_cyrillic = entries["1201"]
    assert uzbek_cyrillic.content_text.startswith("Ҳурматли фуқаролар! Консуллик бўлими")
    assert "Ранее: график" not in uzbek_cyrillic.content_text  # the quoted reply, not the post
    assert "Navro‘z bayrami muborak!" in entries["1197"].content_text

    hostile = entries["1203"]
    assert hostile.content_text.startswith("Elchi janoblari O‘zbekiston Respublikasi")
    assert "<b>Ikki tomonlama hamkorlik</b>" in hostile.content_html
    for bad in ("<script", "onclick", "onerror", "javascript:"):
        assert bad not in hostile.content_html
    assert "&lt;script&gt;" in hostile.content_html  # the text someone typed, shown as text
    assert "document.cookie" not in hostile.content_text

    photo = entries["1202"]
    assert photo.title == "Photo" and photo.content_text == ""
    assert 'src="https://cdn4.telesco.pe/file/Zp7Qw2Lr9Xc4Vb1Nm6Kj3Hg8Fd5Sa0Po2Iu7Yt4Re9W.jpg"' \
        in photo.content_html

    assert result.state["last_id"] == 1204
    assert result.state["views"][f"{CHANNEL}/1204"] == 1200
    assert result.state["views"][f"{CHANNEL}/1200"] == 1_050_000


def test_first_sync_stops_at_the_page_cap(fetcher, server, site, monkeypatch) -> None:
    monkeypatch.setattr(telegram, "FIRST_SYNC_PAGES", 1)
    result = TelegramAdapter().sync(fetcher, request_for(server))
    assert site.befores() == [None]
    assert len(result.entries) == 4 and result.state["last_id"] == 1204


def test_incremental_sync_returns_only_newer_messages(fetcher, server, site) -> None:
    first = TelegramAdapter().sync(fetcher, request_for(server))
    assert first.state["last_id"] == 1204
    pages_before = len(site.befores())

    nothing_new = TelegramAdapter().sync(fetcher, request_for(server, first.state))
    assert nothing_new.entries == [] and nothing_new.state["last_id"] == 1204
    assert len(site.befores()) == pages_before + 1  # the newest page only

    site.newest = with_new_message(NEWEST)
    newer = TelegramAdapter().sync(fetcher, request_for(server, nothing_new.state))
    assert [e.guid for e in newer.entries] == [f"{CHANNEL}/1205"]
    assert newer.entries[0].content_text.startswith("Новое сообщение")
    assert newer.state["last_id"] == 1205
    assert len(site.befores()) == pages_before + 2


def test_incremental_sync_pages_back_to_what_it_had(fetcher, server, site) -> None:
    result = TelegramAdapter().sync(fetcher, request_for(server, {"last_id": 1197}))
    assert site.befores() == [None, "1201"]  # the older page reaches 1197: stop there
    assert [e.guid.rsplit("/", 1)[1] for e in result.entries] == [
        "1198", "1200", "1201", "1202", "1203", "1204"]


def test_a_channel_that_lost_its_preview_is_an_error(fetcher, server) -> None:
    server.static(f"/s/{CHANNEL}", (FIXTURES / "no_preview.html").read_bytes(),
                  content_type="text/html; charset=utf-8")
    with pytest.raises(SourceError, match="no public preview"):
        TelegramAdapter().sync(fetcher, request_for(server, {"last_id": 1204}))


@pytest.mark.parametrize("shown, count", [("845", 845), ("1.2K", 1200), ("1.05M", 1_050_000),
                                          ("12K", 12_000), ("", None), ("n/a", None)])
def test_view_counts(shown: str, count: int | None) -> None:
    assert parse_views(shown) == count
