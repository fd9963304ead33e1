"""The demo: a database filled with a week in the life of an embassy press section.

A newcomer with no network (or a reviewer, or the README screenshots) should see a living
app: feeds with unread news in English, Russian and Uzbek, the embassy's own posts with
replies, a post whose reaction turned sour, watch-term hits and a planned quarter.

Everything goes through the functions a real refresh and a real planner use (store entries,
store replies, the sentiment scorer, the watch-term matcher, posts and campaigns), so every
label, hit and warning the demo shows is one the app computed. Dates in ``resources/demo/``
are relative, so the demo always looks current. Demo sources are not due for a month, so no
timer polls them during a demo session; an explicit refresh (F5) still may.
"""

from __future__ import annotations

import json
import random
import uuid
import zlib
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from html import escape
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select, update

from core.calendar import rules
from core.calendar.campaigns import add_campaign
from core.calendar.observances import ensure_packs, list_occurrences
from core.calendar.posts import PostFields, create_post
from core.entries.entry import ParsedEntry
from core.entries.sanitize import html_to_text, sanitize_html, text_to_html
from core.entries.store import store_entries
from core.errors import KnownError
from core.feeds.items import mark_items
from core.feeds.sources import insert_source
from core.publish import clearance, ledger
from core.publish.runner import dedupe_key
from core.sentiment.scoring import Scorer, score_reply_ids
from core.settings import Settings
from core.social.base import SocialReply, post_title
from core.social.replies import store_replies
from core.storage.database import Database
from core.storage.models import ITEMS, OBSERVANCES, SOURCES, WatchHit
from core.storage.types import iso, utcnow
from core.watch import add_term, match_new
from resources import RESOURCES

DEMO_DIR = RESOURCES / "demo"
DEMO_FILE = "attache-demo.db"
# Not due for a month (far beyond any demo session): no timer polls the demo and replaces its
# sample content with network errors when offline. F5 (an explicit refresh) still fetches.
NOT_DUE_FOR = timedelta(days=30)
READ_AFTER = timedelta(hours=36)  # older items were read by the officer already
WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@dataclass
class _Context:
    """What the loading steps share: the clock, the scorer and what was created so far."""

    now: datetime
    today: date
    scorer: Scorer
    accounts: dict[str, int]  # account key → source id
    own_items: dict[str, tuple[int, datetime]]  # post key → (item id, published)
    counts: Counter
    # post key → (remote id, address): what publishing recorded when it went out
    own_posts: dict[str, tuple[str, str]] = field(default_factory=dict)


def ago(now: datetime, hours: float, key: str) -> datetime:
    """``hours`` before ``now`` at a minute of its own: not every post at hh:56."""
    when = (now - timedelta(hours=hours)).replace(minute=zlib.crc32(key.encode()) % 60,
                                                  second=0, microsecond=0)
    return when if when <= now - timedelta(minutes=5) else when - timedelta(hours=1)


def load(name: str) -> Any:
    with open(DEMO_DIR / name, encoding="utf-8") as f:
        return json.load(f)


def fill_demo(db: Database, now: datetime | None = None, *,
              scorer: Scorer | None = None) -> dict[str, int]:
    """Fill an empty, migrated database with the demo; returns what was created, by kind."""
    with db.read() as conn:
        if conn.execute(select(func.count()).select_from(SOURCES)).scalar_one():
            raise KnownError("the demo fills an empty database; this one already has sources")
    now = (now or utcnow()).astimezone(UTC)
    plan = load("plan.json")
    ctx = _Context(now=now, today=now.astimezone(ZoneInfo(plan["tz"])).date(),
                   scorer=scorer or Scorer.from_settings(Settings.load()), accounts={},
                   own_items={}, counts=Counter())
    # Terms first, so hits are found as content arrives, the way a refresh finds them.
    for term in plan["watch_terms"]:
        add_term(db, term)
        ctx.counts["watch_terms"] += 1
    for feed in load("feeds.json")["feeds"]:
        _load_feed(db, ctx, feed)
    replies = load("replies.json")
    for account in load("accounts.json")["accounts"]:
        _load_account(db, ctx, account, replies)
    _load_plan(db, ctx, plan)
    with db.read() as conn:
        ctx.counts["watch_hits"] = conn.execute(
            select(func.count()).select_from(WatchHit.__table__)).scalar_one()
    return dict(ctx.counts)


def demo_database(folder: str | Path, now: datetime | None = None) -> str:
    """A new SQLite database in ``folder`` filled with the demo; returns its URL."""
    from core.storage.migrate import ensure_schema

    path = Path(folder) / DEMO_FILE
    if path.exists():
        raise KnownError(f"{path} already exists; the demo needs a fresh folder")
    path.parent.mkdir(parents=True, exist_ok=True)
    url = f"sqlite:///{path.resolve().as_posix()}"
    db = Database(url)
    try:
        ensure_schema(db)
        fill_demo(db, now)
    finally:
        db.dispose()
    return url


def refresh_demo_database(folder: str | Path, now: datetime | None = None) -> str:
    """The demo database in ``folder``, made afresh (dates relative to now) even if one is
    there: built beside it and renamed over it, so a failure leaves the old one. Its URL."""
    import shutil
    import tempfile

    target = Path(folder) / DEMO_FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    building = Path(tempfile.mkdtemp(prefix=".attache-demo-", dir=target.parent))
    try:
        demo_database(building, now)
        for suffix in ("-wal", "-shm"):  # an old journal must not be replayed into the new one
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        (building / DEMO_FILE).replace(target)
    finally:
        shutil.rmtree(building, ignore_errors=True)
    return f"sqlite:///{target.resolve().as_posix()}"


# ------------------------------------------------------------------------------ feeds

def _load_feed(db: Database, ctx: _Context, feed: dict) -> None:
    source = insert_source(db, url=feed["url"], kind="feed", title=feed["title"],
                           category=feed["category"], own=False,
                           interval_minutes=feed.get("interval_minutes", 60))
    failing = timedelta(hours=feed.get("failing_hours", 0))
    fetched = ctx.now - max(failing, timedelta(minutes=10))
    entries = [_feed_entry(feed, item, number, ctx.now)
               for number, item in enumerate(feed["items"], start=1)]
    status = feed.get("status", "ok")
    with db.write() as conn:
        stored = store_entries(conn, source.id, entries, fetched)
        match_new(conn, stored.changed_ids)
        conn.execute(update(SOURCES).where(SOURCES.c.id == source.id).values(
            status=status, error=feed.get("error"), error_count=feed.get("error_count", 0),
            feed_format=feed.get("feed_format"), site_url=feed.get("site_url"),
            # An erring source was tried a moment ago; a gone one is never tried again.
            last_fetched=ctx.now - timedelta(minutes=20) if status == "error" else fetched,
            next_fetch=None if status == "gone" else ctx.now + NOT_DUE_FOR))
    ctx.counts["feeds"] += 1
    ctx.counts["items"] += stored.new
    _mark(db, ctx, source.id, feed["items"], [e.guid for e in entries])


def _feed_entry(feed: dict, item: dict, number: int, now: datetime) -> ParsedEntry:
    url = feed["link"].format(n=number + 4000)
    published = ago(now, item["hours"], url)
    if "html" in item:
        raw = item["html"]
    else:
        paragraphs = item["text"] if isinstance(item["text"], list) else [item["text"]]
        raw = "".join(text_to_html(p) for p in paragraphs)
        raw += f'<p><a href="{escape(url)}">{escape(feed["more"])}</a></p>'
    html = sanitize_html(raw, base_url=url)
    return ParsedEntry(guid=url, url=url, title=item["title"],
                       author=item.get("author", feed.get("author")), published=published,
                       published_raw=iso(published), content_html=html,
                       content_text=html_to_text(html))


def _mark(db: Database, ctx: _Context, source_id: int, items: list[dict],
          guids: list[str]) -> None:
    with db.read() as conn:
        ids = dict(conn.execute(select(ITEMS.c.guid, ITEMS.c.id).where(
            ITEMS.c.source_id == source_id)).all())
    read = [ids[g] for g, item in zip(guids, items, strict=True)
            if item.get("read", timedelta(hours=item["hours"]) > READ_AFTER)]
    starred = [ids[g] for g, item in zip(guids, items, strict=True) if item.get("star")]
    if read:
        mark_items(db, read, "read")
    if starred:
        mark_items(db, starred, "star")
    ctx.counts["starred"] += len(starred)
    # The officer's picks for this morning's media summary, each with their own note.
    for guid, item in zip(guids, items, strict=True):
        if item.get("summary"):
            mark_items(db, [ids[guid]], "summary", note=item["summary"])
            ctx.counts["summary"] += 1


# ------------------------------------------------------------------------------ own accounts

def _load_account(db: Database, ctx: _Context, account: dict, pools: dict) -> None:
    source = insert_source(db, url=account["url"], kind=account["kind"], title=account["title"],
                           category="Own accounts", own=True, interval_minutes=60,
                           account_id=account["account_id"])
    ctx.accounts[account["key"]] = source.id
    entries, replies = [], []
    for post in account["posts"]:
        published = ago(ctx.now, post["hours"], post["id"])
        url = account["post_link"].format(id=post["id"])
        html = sanitize_html(text_to_html(post["text"]), base_url=url)
        entries.append(ParsedEntry(guid=post["id"], url=url, title=post_title(post["text"]),
                                   author=account["title"], published=published,
                                   published_raw=iso(published), content_html=html,
                                   content_text=html_to_text(html)))
        replies += _replies(account, post, published, ctx.now, pools)
    fetched = ctx.now - timedelta(minutes=10)
    with db.write() as conn:
        stored = store_entries(conn, source.id, entries, fetched)
        saved = store_replies(conn, source.id, account["kind"], replies, fetched)
        score_reply_ids(conn, ctx.scorer, saved.new_ids)
        match_new(conn, stored.changed_ids, saved.new_ids)
        conn.execute(update(SOURCES).where(SOURCES.c.id == source.id).values(
            status="ok", last_fetched=fetched, next_fetch=ctx.now + NOT_DUE_FOR,
            state=json.dumps({"demo": True})))
        ids = dict(conn.execute(select(ITEMS.c.guid, ITEMS.c.id).where(
            ITEMS.c.source_id == source.id)).all())
    for post, entry in zip(account["posts"], entries, strict=True):
        ctx.own_items[post["key"]] = (ids[post["id"]], entry.published)
        ctx.own_posts[post["key"]] = (post["id"], entry.url)
    ctx.counts["own_accounts"] += 1
    ctx.counts["own_posts"] += stored.new
    ctx.counts["replies"] += saved.new
    read = [ids[p["id"]] for p in account["posts"]
            if timedelta(hours=p["hours"]) > READ_AFTER]
    if read:
        mark_items(db, read, "read")


def _replies(account: dict, post: dict, posted: datetime, now: datetime,
             pools: dict) -> list[SocialReply]:
    """The post's replies, drawn from the pools with a seed per post (the same every time)."""
    count = post.get("replies", 0)
    if not count:
        return []
    rng = random.Random(f"attache-demo:{post['key']}")
    languages = post.get("languages") or account["languages"]
    moods = post["mood"]
    topic = post.get("topic", "general")
    age = now - posted
    used: set[str] = set()
    made: list[SocialReply] = []
    # The platform's own id form where the account gives one (Telegram: <post>?comment=<n>).
    template = account.get("reply_id")
    for number in range(1, count + 1):
        language = rng.choices(list(languages), weights=list(languages.values()))[0]
        mood = rng.choices(list(moods), weights=list(moods.values()))[0]
        text = _pick_text(rng, pools, language, mood, topic, used)
        name, handle = rng.choice(pools["authors"][language])
        # Most replies come in the first hours; none after now.
        delay = timedelta(hours=min(rng.expovariate(1 / 5), 70), minutes=rng.randint(1, 59))
        when = posted + (delay if delay < age else age * rng.uniform(0.05, 0.95))
        reply_id = (template.format(post=post["id"], n=number) if template
                    else f"{post['id']}_{number}")
        made.append(_reply(account, post, reply_id, None, name, handle, text, when, rng))
        if mood == "question" and rng.random() < 0.35:
            answer = _embassy_answer(rng, pools, language, topic)
            answered = when + timedelta(hours=rng.uniform(0.5, 20))
            if answer and answered < now:
                embassy = pools["embassy"]
                answer_id = (template.format(post=post["id"], n=count + number) if template
                             else f"{reply_id}_a")
                # The embassy's own answer: in the thread, not the audience's reaction.
                made.append(_reply(account, post, answer_id, reply_id, embassy["name"],
                                   embassy["handle"], answer, answered, rng, own=True))
    return made


def _pick_text(rng: random.Random, pools: dict, language: str, mood: str, topic: str,
               used: set[str]) -> str:
    if mood == "emoji":
        return rng.choice([e for e, k in pools["emoji"] if k in (topic, "general")])
    texts = pools["texts"][language]
    fitting = ([t for t, m, k in texts if m == mood and k in (topic, "general")]
               or [t for t, m, _ in texts if m == mood]
               or [t for t, _, k in texts if k in (topic, "general")])
    fresh = [t for t in fitting if t not in used] or fitting  # repeat only when all were used
    text = rng.choice(fresh)
    used.add(text)
    return text


def _embassy_answer(rng: random.Random, pools: dict, language: str, topic: str) -> str | None:
    answers = pools["embassy"]["answers"]
    options = answers.get(language) or answers["en"]
    fitting = [t for t, k in options if k == topic] or [t for t, k in options if k == "general"]
    return rng.choice(fitting) if fitting else None


def _reply(account: dict, post: dict, reply_id: str, parent: str | None, name: str,
           handle: str, text: str, when: datetime, rng: random.Random, *,
           own: bool = False) -> SocialReply:
    handle = {"mastodon": handle, "bluesky": f"{handle.replace('_', '-')}.bsky.social"}.get(
        account["kind"], handle)
    return SocialReply(platform_id=reply_id, post_platform_id=post["id"],
                       parent_platform_id=parent, author_handle=handle, author_name=name,
                       html=text_to_html(text), text=text, published=when,
                       likes=min(int(rng.paretovariate(1.6)) - 1, 250),
                       url=account["reply_link"].format(post=post["id"], id=reply_id),
                       own=own)


# ------------------------------------------------------------------------------ the plan

def _record_sends(db: Database, ctx: _Context, post: dict, row: dict,
                  at: datetime | None) -> None:
    """What publishing recorded for a post that went out, channel by channel, through the
    ledger as a publishing run does: a published post on each channel where the account has
    the same story (``fb-visa`` → ``md-visa``…); ``sends`` in plan.json names other outcomes
    (``unconfirmed``: the platform did not answer; the officer is asked)."""
    sends = post.get("sends") or {}
    if "item" not in post and not sends:
        return
    story = post.get("item", "").partition("-")[2]
    when = at or ctx.now
    for channel in post["channels"]:
        outcome = sends.get(channel, "published")
        prefix = {"facebook": "fb", "mastodon": "md", "bluesky": "bs", "telegram": "tg",
                  "vk": "vk"}[channel]
        found = ctx.own_posts.get(f"{prefix}-{story}") if story else None
        if outcome == "published" and found is None and story:
            continue  # the account never carried this story
        source_id = ctx.accounts[channel]
        target = ledger.Target(dedupe_key(row, "", source_id), "post", source_id, channel,
                               post_id=row["id"])
        held = ledger.claim(db, target, when, actor=post.get("owner", "demo"),
                            resend_window=None)
        if not isinstance(held, ledger.Claim):
            continue
        if outcome == "published":
            remote_id, url = found or (f"{prefix}-{row['id']}", None)
            ledger.record_sent(db, held, remote_id, url, when)
        else:
            ledger.record_unknown(db, held, outcome.partition(":")[2].strip()
                                  or "the connection closed before the platform answered",
                                  when, None)
        ctx.counts["sends"] += 1


def _load_plan(db: Database, ctx: _Context, plan: dict) -> None:
    ensure_packs(db, plan["countries"], plan["packs"])
    with db.read() as conn:
        observances = {key: (oid, json.loads(rule)) for oid, key, rule in conn.execute(
            select(OBSERVANCES.c.id, OBSERVANCES.c.key, OBSERVANCES.c.rule))}
    ctx.counts["observances"] = len(observances)

    def next_occurrence(key: str) -> rules.Occurrence:
        # A span that began in the last two weeks (16 Days under way) still counts as next.
        found = rules.expand(observances[key][1], ctx.today - timedelta(days=14),
                             ctx.today + timedelta(days=400))
        return found[0]

    campaigns: dict[str, str] = {}
    for campaign in plan["campaigns"]:
        if "observance" in campaign:
            when = next_occurrence(campaign["observance"])
            start = when.start + timedelta(days=campaign.get("from", 0))
            end = when.end + timedelta(days=campaign.get("to", 0))
            name = campaign["name"].format(year=when.start.year)
        else:
            start = ctx.today + timedelta(days=campaign["from"])
            end = ctx.today + timedelta(days=campaign["to"])
            name = campaign["name"]
        add_campaign(db, name, color=campaign.get("color"), start=start, end=end,
                     hashtags=campaign.get("hashtags"))
        campaigns[campaign["key"]] = name
        ctx.counts["campaigns"] += 1
    zone = ZoneInfo(plan["tz"])
    linked: set[int] = set()
    # Sample content, not an officer's approval: filled whatever the clearance setting says
    # (with require_second_approver on, the published demo posts could not be created).
    policy = clearance.Policy(clearance.current_actor(), require_second_approver=False)
    for post in plan["posts"]:
        fields = PostFields(title=post["title"], body=post.get("body"), status=post["status"],
                            tz=plan["tz"], duration_minutes=post.get("duration"),
                            channels=[ctx.accounts[c] for c in post["channels"]],
                            campaign=campaigns[post["campaign"]] if "campaign" in post else None,
                            owner=post.get("owner"), notes=post.get("notes"),
                            rrule=post.get("rrule"))
        if "observance" in post:
            fields.observance_id = observances[post["observance"]][0]
            linked.add(fields.observance_id)
        if "item" in post:  # went out already: the plan points at what was published
            fields.item_id, fields.at = ctx.own_items[post["item"]]
        else:
            anchored = "observance" in post and post.get("anchor", True)
            day = (next_occurrence(post["observance"]).start if anchored else ctx.today)
            day += timedelta(days=post.get("day", 0))
            if "weekday" in post:
                day += timedelta(days=(WEEKDAYS.index(post["weekday"]) - day.weekday()) % 7)
            if post.get("all_day"):
                fields.day = day
            else:
                fields.at = datetime.combine(day, time.fromisoformat(post["time"]), zone)
        uid = f"{uuid.uuid4()}@attache"
        post_id = create_post(db, fields, uid=uid, policy=policy)
        _record_sends(db, ctx, post, {"id": post_id, "uid": uid}, fields.at)
        ctx.counts["planned_posts"] += 1
    # Whatever the season, the quarter shows a few UN days to plan for.
    ideas = [o for o in list_occurrences(db, ctx.today + timedelta(days=1),
                                         ctx.today + timedelta(days=90), categories=["un"])
             if o["id"] not in linked][:plan.get("auto_observance_ideas", 0)]
    for occurrence in ideas:
        linked.add(occurrence["id"])
        create_post(db, PostFields(
            title=f"{occurrence['name']}: our message", status="idea", tz=plan["tz"],
            day=date.fromisoformat(occurrence["date"]), observance_id=occurrence["id"],
            channels=[ctx.accounts["facebook"]],
            notes="An idea from the UN observances pack: is there a local angle?"),
            policy=policy)
        ctx.counts["planned_posts"] += 1
