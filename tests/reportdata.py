"""A small press section for report tests: news in Russian, Uzbek (Latin, with oʻ gʻ) and
Kazakh, one own account with posts and replies, watch terms, a campaign and an observance.

Everything is stored through the same core functions a refresh uses, at fixed dates, so every
expected number below is counted by hand from this file, not from the report code.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from core.calendar.campaigns import add_campaign
from core.calendar.observances import add_custom
from core.calendar.posts import PostFields, create_post
from core.entries.entry import ParsedEntry
from core.entries.store import store_entries
from core.feeds.items import mark_items
from core.feeds.sources import insert_source
from core.social.base import SocialReply
from core.social.replies import store_replies
from core.storage.database import Database
from core.watch import add_term, match_new

DAY = date(2026, 12, 4)  # the report day; news at fixed hours (UTC)
RU_TITLE = "Посольство США объявило конкурс Fulbright на 2027–2028 учебный год"
UZ_TITLE = "Oʻzbekiston va AQSh: gʻalla yetishtirish boʻyicha hamkorlik"
KK_TITLE = "Қазақстан әйелдері: ғылым, өнер және ұлттық құндылықтар — Һ, І, Ү, Ұ, Ң, Ө"
EN_TITLE = "Central Asian ministers agree on a joint plan to monitor glaciers"
HOSTILE_TITLE = '=HYPERLINK("http://evil.test","x") <script>alert(1)</script>'
NOTES = {RU_TITLE: "Gazeta.uz carried our Fulbright announcement in full.",
         UZ_TITLE: "Ozodlik on the wheat cooperation; positive framing.",
         KK_TITLE: "Kazakh women in science: a hook for the exchange programmes."}


def at(hour: int, day: date = DAY) -> datetime:
    return datetime(day.year, day.month, day.day, hour, 0, tzinfo=UTC)


def entry(guid: str, title: str, when: datetime, text: str = "") -> ParsedEntry:
    url = f"https://news.example/{guid}"
    text = text or f"{title}. Подробности — в статье."
    return ParsedEntry(guid=guid, url=url, title=title, author=None, published=when,
                       published_raw=when.isoformat(), content_html=f"<p>{text}</p>",
                       content_text=text)


def fill(db: Database) -> dict[str, int]:
    """Returns ids by name: the sources, items and the own account."""
    ids: dict[str, int] = {}
    for term in ("Fulbright", "hamkorlik", "ұлттық"):
        add_term(db, term)
    feeds = {
        "gazeta": ("https://gazeta.example/rss", "Газета.uz", "News / Uzbekistan", [
            entry("ru1", RU_TITLE, at(7)),
            entry("ru2", "Цены на бензин выросли на 5% за месяц", at(9)),
            entry("ru-old", "Вчерашняя новость о Fulbright", at(8, DAY - timedelta(days=2)))]),
        "ozodlik": ("https://ozodlik.example/rss", "Ozodlik Radiosi", "News / Uzbekistan", [
            entry("uz1", UZ_TITLE, at(10), "Fulbright va hamkorlik haqida: oʻquv yili.")]),
        "kaz": ("https://kaz.example/rss", "Қазақ үні", None, [
            entry("kk1", KK_TITLE, at(11)),
            entry("hostile", HOSTILE_TITLE, at(6))]),
        "un": ("https://un.example/rss", "UN News", "UN", [entry("en1", EN_TITLE, at(5))]),
    }
    for key, (url, title, category, entries) in feeds.items():
        source = insert_source(db, url=url, kind="feed", title=title, category=category,
                               own=False, interval_minutes=60)
        ids[key] = source.id
        with db.write() as conn:
            stored = store_entries(conn, source.id, entries, at(12))
            match_new(conn, stored.changed_ids)
    with db.read() as conn:
        rows = conn.exec_driver_sql("SELECT guid, id FROM item").all()
    ids.update({f"item:{guid}": item_id for guid, item_id in rows})
    for title, note in NOTES.items():
        guid = {RU_TITLE: "ru1", UZ_TITLE: "uz1", KK_TITLE: "kk1"}[title]
        mark_items(db, [ids[f"item:{guid}"]], "summary", note=note)
    mark_items(db, [ids["item:hostile"]], "summary")
    mark_items(db, [ids["item:ru-old"]], "summary")  # outside the report day
    mark_items(db, [ids["item:en1"], ids["item:ru2"]], "star")
    _own_account(db, ids)
    return ids


def _own_account(db: Database, ids: dict[str, int]) -> None:
    """Two posts on 4 December (the second linked to the campaign), replies of three kinds."""
    own = insert_source(db, url="https://mastodon.example/@embassy", kind="mastodon",
                        title="Embassy on Mastodon", category="Own accounts", own=True,
                        interval_minutes=60, account_id="1")
    ids["own"] = own.id
    posts = [entry("p1", "Fulbright 2027 is open", at(6)),
             entry("p2", "16 Days of Activism with us", at(8))]
    replies = [
        SocialReply("r1", "p1", None, "a", "A", "<p>Great news, thank you!</p>",
                    "Great news, thank you!", at(9), likes=5),
        SocialReply("r2", "p1", None, "b", "B", "<p>Спасибо, очень полезно</p>",
                    "Спасибо, очень полезно", at(10), likes=2),
        SocialReply("r3", "p2", None, "c", "C", "<p>This is terrible.</p>",
                    "This is terrible.", at(11), likes=0),
        SocialReply("r4", "p1", None, "d", "D", "<p>old</p>", "old reply",
                    at(9, DAY - timedelta(days=3))),
    ]
    with db.write() as conn:
        stored = store_entries(conn, own.id, posts, at(12))
        saved = store_replies(conn, own.id, "mastodon", replies, at(12))
        match_new(conn, stored.changed_ids, saved.new_ids)
        conn.exec_driver_sql("UPDATE reply SET sentiment_label='positive', polarity=0.6 "
                             "WHERE platform_id='r1'")
        conn.exec_driver_sql("UPDATE reply SET sentiment_label='unsupported', language='ru' "
                             "WHERE platform_id='r2'")
        conn.exec_driver_sql("UPDATE reply SET sentiment_label='negative', polarity=-0.7, "
                             "language='en' WHERE platform_id='r3'")
        rows = conn.exec_driver_sql("SELECT guid, id FROM item WHERE source_id = ?"
                                    if db.dialect == "sqlite" else
                                    "SELECT guid, id FROM item WHERE source_id = %s",
                                    (own.id,)).all()
    ids.update({f"item:{guid}": item_id for guid, item_id in rows})
    add_campaign(db, "16 Days 2026")
    observance = add_custom(db, "Embassy open day", {"type": "fixed", "month": 12, "day": 4},
                            lead_days=7)
    create_post(db, PostFields(title="16 Days of Activism with us", status="published",
                               tz="UTC", at=at(8), channels=[own.id], campaign="16 Days 2026",
                               item_id=ids["item:p2"], observance_id=observance))
