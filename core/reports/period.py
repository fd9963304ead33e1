"""The period report: what the press section published, how people reacted, what needed
attention, what the watch terms did, which observances were marked, how the sources are.

Every number comes from the module that owns its subject (``sentiment.aggregates`` for
tallies and attention, ``watch`` terms and hits, ``calendar.observances``, ``dashboard``'s
source health); this module only chooses the range and shapes tables and charts. What the
database does not hold is said in words, never guessed:

* **Posts** are the items collected from the embassy's own accounts in the range (what went
  out), by channel and week (ISO weeks, Monday first, in the officer's zone).
* **Replies received** are the public's replies written in the range, to any post (the
  embassy's own answers are not). **Answered** counts those the embassy answered, from
  Attaché or in the platform's own app (core/social/replies.py marks a reply answered when
  the embassy's reply to it is read), as the Dashboard does.
* **Likes** on the posts themselves are not collected; "top posts by likes" ranks posts by the
  likes their replies drew, and says so.
* **Sentiment** keeps replies no analyzer reads (``unsupported``) as their own share, per
  language, never folded into neutral.
* **Observances** in the range are *covered* when a linked post went out (published or matched
  to an item), *planned* when a linked post is still on its way, *missed* when none was
  linked and the day has passed, *upcoming* otherwise.
* **Source health** is as of now (Attaché keeps each source's state, not its history).

``campaign`` keeps posts linked to the campaign's planned posts and their replies;
``channel`` keeps one own account. Watch terms, observances and sources are not narrowed by a
campaign (they are the press section's, not a campaign's); a channel narrows observance posts.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from sqlalchemy import case, func, select

from core.calendar.observances import list_occurrences
from core.calendar.posts import post_span
from core.dashboard import source_health
from core.errors import KnownError
from core.links import openable_link
from core.reports.model import (
    Chart,
    Column,
    Figures,
    Link,
    Paragraph,
    Report,
    Section,
    Series,
    Table,
    date_range_text,
    percent_text,
)
from core.reports.render import LABEL_COLORS, SPARK_COLOR, chart_color
from core.reports.scope import Letterhead, Progress, Range, no_progress
from core.sentiment.aggregates import SUPPORTED, needs_attention, summary
from core.social.replies import reply_filters
from core.storage.database import Database
from core.storage.models import (
    CAMPAIGNS,
    CHANNELS,
    HITS,
    ITEMS,
    POSTS,
    REPLIES,
    SOURCES,
    TERMS,
)

TOP_POSTS = 10
DAILY_UP_TO = 31  # a range up to a month is charted by day, a longer one by week
# A post counts for an observance when its day is this close to the observance's days:
# the same observance recurs every year, and last year's post does not cover this year's.
LINK_BEFORE_DAYS = 60
LINK_AFTER_DAYS = 7
LABEL_NAMES = {"positive": "Positive", "neutral": "Neutral", "negative": "Negative",
               "unsupported": "Not analysed", "unscored": "Not scored yet"}
STEPS = 8


@dataclass
class PeriodOptions:
    range: Range
    campaign: str | None = None
    channel: int | None = None
    countries: Sequence[str] = ()  # host countries for observances (settings.countries)
    letterhead: Letterhead = field(default_factory=Letterhead)
    top: int = TOP_POSTS


@dataclass
class _Scope:
    """The filters resolved against the database."""

    rng: Range
    channels: dict[int, tuple[str, str]]  # own source id → (name, platform), in report order
    channel: int | None
    campaign_id: int | None
    campaign_items: set[int] | None  # None: no campaign filter
    buckets: list[tuple[date, str]]  # chart buckets: (first day, label)
    by: str  # day | week

    def bucket(self, when: datetime | date) -> int:
        """The chart bucket of an instant, or of a day already in the report's zone."""
        day = when.astimezone(self.rng.since.tzinfo).date() if isinstance(
            when, datetime) else when
        if self.by == "week":
            day -= timedelta(days=day.weekday())
        return max(0, min(len(self.buckets) - 1, (day - self.buckets[0][0]).days
                          // (7 if self.by == "week" else 1)))


def period_report(db: Database, options: PeriodOptions,
                  progress: Progress = no_progress) -> Report:
    rng = options.range
    scope = _resolve(db, options)
    report = Report(kind="period", title="Period report", first=rng.first, last=rng.last,
                    tz=rng.tz, generated=rng.now(), embassy=options.letterhead.embassy,
                    prepared_by=options.letterhead.prepared_by,
                    classification=options.letterhead.classification,
                    scope=_scope_words(options, scope))
    progress(1, STEPS, "Posts")
    posts = _posts(db, scope)
    progress(2, STEPS, "Replies")
    replies = _replies_by_channel(db, scope)
    progress(3, STEPS, "Sentiment")
    sentiment = _sentiment(db, scope)
    progress(4, STEPS, "Top posts")
    top = _top_posts(db, scope, options.top)
    progress(5, STEPS, "Needs attention")
    attention = _attention(db, scope)
    progress(6, STEPS, "Watch terms")
    terms = _watch_terms(db, scope)
    progress(7, STEPS, "Observances and sources")
    observances = _observances(db, scope, options.countries)
    health = _sources(db, report.generated)

    total_posts = sum(len(v) for v in posts.values())
    total_replies = sum(r["replies"] for r in replies.values())
    mentions = sum(t["items"] + t["replies"] for t in terms)
    status_counts = Counter(o["status"] for o in observances)
    figures = Figures([
        ("Posts published", f"{total_posts} on {sum(1 for v in posts.values() if v)} "
                            f"channel(s)"),
        ("Replies received", str(total_replies)),
        ("Replies answered", answered_text(sum(r["answered"] for r in replies.values()),
                                           total_replies)),
        ("Negative share (analysed replies)", percent_text(sentiment["negative_share"])),
        ("Not analysed (no analyzer for the language)",
         percent_text(sentiment["unsupported_share"])),
        ("Posts that needed attention", str(len(attention.rows))),
        ("Watch-term mentions", str(mentions)),
        ("Observances covered / planned / missed",
         f"{status_counts['covered']} / {status_counts['planned']} / "
         f"{status_counts['missed']} of {len(observances)}"),
        ("Sources failing now", f"{health[1]} of {health[2]}"),
    ])
    glance = Section("At a glance", [figures])
    if not (total_posts or total_replies or mentions):
        report.empty = (f"Nothing was published, replied to or mentioned "
                        f"{'on' if rng.first == rng.last else 'in'} "
                        f"{date_range_text(rng.first, rng.last)}.")
    report.sections = [
        glance,
        Section("Posts published", _posts_blocks(scope, posts)),
        Section("Replies", [_replies_table(scope, posts, replies)]),
        Section("Sentiment of replies", sentiment["blocks"]),
        Section("Top posts", top),
        Section("Posts that needed attention", [attention]),
        Section("Watch terms", [_terms_table(scope, terms)]),
        Section("Observances", [_observances_table(observances)]),
        Section("Sources", health[0]),
    ]
    report.counts = {"posts": total_posts, "replies": total_replies, "mentions": mentions,
                     "attention": len(attention.rows), "observances": len(observances)}
    progress(STEPS, STEPS, "Done")
    return report


TITLE_CHARS = 90  # a post's title in a table: its first words (the link has the post)


def short_title(title: str | None) -> str:
    """A post title for a table cell: whole words up to ``TITLE_CHARS``, then "…"."""
    text = " ".join((title or "").split()) or "(no title)"
    if len(text) <= TITLE_CHARS:
        return text
    return text[:TITLE_CHARS].rsplit(" ", 1)[0].rstrip(",.;:–-") + "…"


# ------------------------------------------------------------------------------ scope

def own_channels(db: Database) -> list[tuple[int, str, str]]:
    """The embassy's own accounts: (source id, name, platform), by platform then name."""
    with db.read() as conn:
        return [tuple(row) for row in conn.execute(
            select(SOURCES.c.id, func.coalesce(SOURCES.c.title, SOURCES.c.url), SOURCES.c.kind)
            .where(SOURCES.c.own.is_(True))
            .order_by(SOURCES.c.kind, SOURCES.c.title, SOURCES.c.id))]


def _resolve(db: Database, options: PeriodOptions) -> _Scope:
    rng = options.range
    own = own_channels(db)
    with db.read() as conn:
        campaign_id = None
        campaign_items: set[int] | None = None
        if options.campaign is not None:
            known = conn.execute(select(CAMPAIGNS.c.id, CAMPAIGNS.c.name)).all()
            wanted = options.campaign.strip().casefold()
            campaign_id = next((i for i, name in known if name.casefold() == wanted), None)
            if campaign_id is None:
                names = ", ".join(sorted(n for _, n in known)) or "none yet"
                raise KnownError(f"no campaign named {options.campaign!r}; campaigns: {names}")
            campaign_items = set(conn.execute(select(POSTS.c.item_id).where(
                POSTS.c.campaign_id == campaign_id, POSTS.c.item_id.is_not(None))).scalars())
    channels = {i: (name, kind) for i, name, kind in own}
    if options.channel is not None:
        if options.channel not in channels:
            listed = ", ".join(f"{i} ({n})" for i, (n, _) in channels.items()) or "none yet"
            raise KnownError(f"source {options.channel} is not one of the embassy's own "
                             f"accounts; own accounts: {listed}")
        channels = {options.channel: channels[options.channel]}
    by = "day" if rng.days <= DAILY_UP_TO else "week"
    return _Scope(rng=rng, channels=channels, channel=options.channel, campaign_id=campaign_id,
                  campaign_items=campaign_items, buckets=_buckets(rng, by), by=by)


def _buckets(rng: Range, by: str) -> list[tuple[date, str]]:
    if by == "day":
        return [(rng.first + timedelta(days=n), f"{(rng.first + timedelta(days=n)).day} "
                 f"{rng.first + timedelta(days=n):%b}") for n in range(rng.days)]
    monday = rng.first - timedelta(days=rng.first.weekday())
    found = []
    while monday <= rng.last:
        found.append((monday, f"{monday.day} {monday:%b}"))
        monday += timedelta(days=7)
    return found


def _scope_words(options: PeriodOptions, scope: _Scope) -> list[tuple[str, str]]:
    words = [("Channels", ", ".join(f"{n} ({k})" for n, k in scope.channels.values())
              or "no own accounts yet")]
    if options.campaign:
        words.append(("Campaign", options.campaign.strip()))
    words.append(("Times", scope.rng.tz))
    return words


def _reply_where(scope: _Scope) -> list:
    # The public's replies: the embassy's own answers (core/publish/answers.py) are not.
    return [REPLIES.c.own.is_(False),
            *reply_filters(source_id=scope.channel, campaign_id=scope.campaign_id,
                           since=scope.rng.since, until=scope.rng.until)]


# ------------------------------------------------------------------------------ posts

def _posts(db: Database, scope: _Scope) -> dict[int, list[dict]]:
    """Own account → its items in the range (newest first)."""
    found: dict[int, list[dict]] = {source: [] for source in scope.channels}
    if not scope.channels:
        return found
    query = (select(ITEMS.c.id, ITEMS.c.source_id, ITEMS.c.title, ITEMS.c.url,
                    ITEMS.c.sort_date)
             .where(ITEMS.c.source_id.in_(list(scope.channels)),
                    ITEMS.c.sort_date >= scope.rng.since, ITEMS.c.sort_date < scope.rng.until)
             .order_by(ITEMS.c.sort_date.desc()))
    with db.read() as conn:
        for row in conn.execute(query).mappings():
            if scope.campaign_items is None or row["id"] in scope.campaign_items:
                found[row["source_id"]].append(dict(row))
    return found


def _week_starts(rng: Range) -> list[date]:
    return [start for start, _ in _buckets(rng, "week")]


def _posts_blocks(scope: _Scope, posts: dict[int, list[dict]]) -> list:
    weeks = _week_starts(scope.rng)
    index = {start: n for n, start in enumerate(weeks)}
    counts = {source: [0] * len(weeks) for source in scope.channels}
    for source, rows in posts.items():
        for row in rows:
            day = row["sort_date"].astimezone(scope.rng.since.tzinfo).date()
            counts[source][index[day - timedelta(days=day.weekday())]] += 1
    names = [scope.channels[s][0] for s in scope.channels]
    table = Table(key="Posts per week", title="Posts published per channel and week",
                  columns=[Column("Week of"), *(Column(n, "number") for n in names),
                           Column("All channels", "number")],
                  empty="No own accounts yet (add one with: attache sources add URL --own).",
                  note="Posts are what Attaché collected from the embassy's own accounts; weeks "
                       "start on Monday.")
    if scope.channels:
        for n, start in enumerate(weeks):
            row = [counts[s][n] for s in scope.channels]
            table.rows.append([start, *row, sum(row)])
        table.rows.append(["Total", *(sum(counts[s]) for s in scope.channels),
                           sum(sum(c) for c in counts.values())])
    blocks: list = []
    if any(sum(c) for c in counts.values()):
        blocks.append(Chart(
            key="posts", title="Posts per week", kind="stacked-bars",
            categories=tuple(f"{w.day} {w:%b}" for w in weeks),
            series=tuple(Series(scope.channels[s][0], tuple(counts[s]), chart_color(n))
                         for n, s in enumerate(scope.channels)),
            summary=f"{sum(sum(c) for c in counts.values())} posts over {len(weeks)} weeks",
            y_title="posts"))
    blocks.append(table)
    return blocks


# ------------------------------------------------------------------------------ replies

def _replies_by_channel(db: Database, scope: _Scope) -> dict[int, dict]:
    label = REPLIES.c.sentiment_label
    answered = REPLIES.c.answered_at.is_not(None)
    query = (select(REPLIES.c.source_id, func.count().label("replies"),
                    func.sum(case((label == "negative", 1), else_=0)).label("negative"),
                    func.sum(case((label.in_(SUPPORTED), 1), else_=0)).label("supported"),
                    func.sum(case((answered, 1), else_=0)).label("answered"))
             .where(*_reply_where(scope)).group_by(REPLIES.c.source_id))
    with db.read() as conn:
        rows = conn.execute(query).mappings().all()
    return {r["source_id"]: {"replies": int(r["replies"]), "negative": int(r["negative"] or 0),
                             "supported": int(r["supported"] or 0),
                             "answered": int(r["answered"] or 0)}
            for r in rows if r["source_id"] in scope.channels}


def answered_text(answered: int, replies: int) -> str:
    """"12 (9%)": how many of the replies were answered, and what share."""
    return f"{answered} ({percent_text(answered / replies)})" if replies else "0"


def _replies_table(scope: _Scope, posts: dict[int, list[dict]],
                   replies: dict[int, dict]) -> Table:
    table = Table(key="Replies", title="Replies received and answered",
                  columns=[Column("Channel"), Column("Platform"), Column("Posts", "number"),
                           Column("Replies received", "number"),
                           Column("Replies per post", "number"),
                           Column("Answered", "number"),
                           Column("Negative share", "percent")],
                  empty="No own accounts yet.",
                  note="Replies received are the public's, written in the range, to any post "
                       "(the embassy's own answers are not). Answered counts those the embassy "
                       "answered, from Attaché or in the platform's app, once Attaché has read "
                       "the answer.")
    for source, (name, kind) in scope.channels.items():
        n_posts = len(posts.get(source, []))
        got = replies.get(source, {"replies": 0, "negative": 0, "supported": 0,
                                   "answered": 0})
        table.rows.append([name, kind, n_posts, got["replies"],
                           round(got["replies"] / n_posts, 2) if n_posts else None,
                           got["answered"],
                           got["negative"] / got["supported"] if got["supported"] else None])
    return table


# ------------------------------------------------------------------------------ sentiment

def _sentiment(db: Database, scope: _Scope) -> dict:
    local = scope.rng.since.tzinfo
    rows = summary(db, scope.by, scope.rng.since, until=scope.rng.until,
                   source_id=scope.channel, campaign_id=scope.campaign_id, tz=local)
    labels = ["positive", "neutral", "negative", "unsupported", "unscored"]
    values = {label: [0] * len(scope.buckets) for label in labels}
    for row in rows:
        start = (date.fromisocalendar(*map(int, row["key"].replace("W", "").split("-")), 1)
                 if scope.by == "week" else date.fromisoformat(row["key"]))
        position = (start - scope.buckets[0][0]).days // (7 if scope.by == "week" else 1)
        if 0 <= position < len(scope.buckets):
            for label in labels:
                values[label][position] += row[label]
    shown = [label for label in labels if label != "unscored" or sum(values[label])]
    totals = {label: sum(values[label]) for label in labels}
    supported = sum(totals[label] for label in SUPPORTED)
    everything = sum(totals.values())
    blocks: list = []
    if everything:
        blocks.append(Chart(
            key="sentiment", title=f"Replies by sentiment, per {scope.by}", kind="stacked-bars",
            categories=tuple(label for _, label in scope.buckets),
            series=tuple(Series(LABEL_NAMES[label], tuple(values[label]), LABEL_COLORS[label])
                         for label in shown),
            summary=(f"{everything} replies: {totals['positive']} positive, "
                     f"{totals['neutral']} neutral, {totals['negative']} negative, "
                     f"{totals['unsupported']} not analysed"),
            y_title="replies"))
    languages = _languages(db, scope)
    blocks.append(languages)
    unsupported_share = totals["unsupported"] / everything if everything else None
    if everything:
        unread = sorted({str(row[0]) for row in languages.rows
                         if row[5] and row[0] != "(not told)"})
        blocks.append(Paragraph(
            f"{percent_text(unsupported_share)} of replies are in languages no analyzer reads"
            + (f" ({', '.join(unread)})" if unread else "")
            + ": they are counted as not analysed, never as neutral. Shares of negative "
              "replies are over analysed replies only.", "note"))
    return {"blocks": blocks, "unsupported_share": unsupported_share,
            "negative_share": totals["negative"] / supported if supported else None}


def _languages(db: Database, scope: _Scope) -> Table:
    query = (select(REPLIES.c.language, REPLIES.c.sentiment_label, func.count())
             .where(*_reply_where(scope))
             .group_by(REPLIES.c.language, REPLIES.c.sentiment_label))
    counts: dict[str | None, Counter] = defaultdict(Counter)
    with db.read() as conn:
        for language, label, n in conn.execute(query):
            counts[language][label or "unscored"] += n
    table = Table(key="Languages", title="Sentiment by language",
                  columns=[Column("Language"), Column("Replies", "number"),
                           Column("Positive", "number"), Column("Neutral", "number"),
                           Column("Negative", "number"), Column("Not analysed", "number"),
                           Column("Not scored yet", "number"),
                           Column("% not analysed", "percent"),
                           Column("% negative", "percent")],
                  empty="No replies in this period.")
    for language, c in sorted(counts.items(), key=lambda kv: -sum(kv[1].values())):
        total = sum(c.values())
        supported = sum(c[label] for label in SUPPORTED)
        table.rows.append([language or "(not told)", total, c["positive"], c["neutral"],
                           c["negative"], c["unsupported"], c["unscored"],
                           c["unsupported"] / total if total else None,
                           c["negative"] / supported if supported else None])
    return table


# ------------------------------------------------------------------------------ top posts

def _top_posts(db: Database, scope: _Scope, limit: int) -> list:
    label = REPLIES.c.sentiment_label
    per_post = (select(REPLIES.c.item_id, func.count().label("replies"),
                       func.coalesce(func.sum(REPLIES.c.likes), 0).label("likes"),
                       func.sum(case((label == "negative", 1), else_=0)).label("negative"),
                       func.sum(case((label.in_(SUPPORTED), 1), else_=0)).label("supported"))
                .where(*_reply_where(scope)).group_by(REPLIES.c.item_id).subquery())
    base = (select(per_post, ITEMS.c.title, ITEMS.c.url, ITEMS.c.sort_date,
                   func.coalesce(SOURCES.c.title, SOURCES.c.url).label("channel"))
            .join(ITEMS, ITEMS.c.id == per_post.c.item_id)
            .join(SOURCES, SOURCES.c.id == ITEMS.c.source_id))
    with db.read() as conn:
        by_replies = conn.execute(base.order_by(per_post.c.replies.desc(), ITEMS.c.id.desc())
                                  .limit(limit)).mappings().all()
        by_likes = conn.execute(base.where(per_post.c.likes > 0)
                                .order_by(per_post.c.likes.desc(), ITEMS.c.id.desc())
                                .limit(limit)).mappings().all()
    columns = [Column("Post", "link"), Column("Channel"), Column("Posted", "datetime"),
               Column("Replies", "number"), Column("Likes on replies", "number"),
               Column("Negative share", "percent")]

    def rows(found: Sequence) -> list[list]:
        return [[Link(short_title(r["title"]), openable_link(r["url"])), r["channel"],
                 scope.rng.local(r["sort_date"]), int(r["replies"]), int(r["likes"] or 0),
                 (int(r["negative"] or 0) / int(r["supported"]))
                 if r["supported"] else None] for r in found]

    return [
        Table(key="Top by replies", title="Top posts by replies", columns=columns,
              rows=rows(by_replies), empty="No replies in this period.",
              note="Replies written in the range, to posts of any date."),
        Table(key="Top by likes", title="Top posts by likes", columns=columns,
              rows=rows(by_likes), empty="No liked replies in this period.",
              note="Likes on the posts themselves are not collected yet; posts are ranked by "
                   "the likes their replies drew."),
    ]


# ------------------------------------------------------------------------------ attention

def _attention(db: Database, scope: _Scope) -> Table:
    flagged = needs_attention(db, since=scope.rng.since, source_id=scope.channel)
    table = Table(key="Needs attention", title="Posts that needed attention, and why",
                  columns=[Column("Post"), Column("Channel"), Column("Posted", "datetime"),
                           Column("Analysed replies", "number"),
                           Column("Negative share", "percent"), Column("Why")],
                  empty="No post drew a negative reaction worth a look in this period.",
                  note="A post needs attention when at least 40% of 10 or more analysed "
                       "replies are negative, or its negative share jumps 20 points above "
                       "the account's usual.")
    wanted = [f for f in flagged if f["source_id"] in scope.channels
              and (scope.campaign_items is None or f["key"] in scope.campaign_items)]
    for row in wanted:
        posted = datetime.fromisoformat(row["posted"]) if row["posted"] else None
        if posted is not None and posted >= scope.rng.until:
            continue
        table.rows.append([short_title(row["name"]), scope.channels[row["source_id"]][0],
                           scope.rng.local(posted), row["supported"], row["negative_share"],
                           "; ".join(row["reasons"])])
    return table


# ------------------------------------------------------------------------------ watch terms

def _watch_terms(db: Database, scope: _Scope) -> list[dict]:
    with db.read() as conn:
        terms = conn.execute(select(TERMS.c.id, TERMS.c.term).order_by(TERMS.c.id)).all()
        hits = conn.execute(select(HITS.c.term_id, HITS.c.item_id.is_not(None),
                                   HITS.c.published)
                            .where(HITS.c.published >= scope.rng.since,
                                   HITS.c.published < scope.rng.until)).all()
    local = scope.rng.since.tzinfo
    found = {term_id: {"term": term, "items": 0, "replies": 0,
                       "per": [0] * len(scope.buckets), "days": Counter()}
             for term_id, term in terms}
    for term_id, is_item, when in hits:
        entry = found.get(term_id)
        if entry is None:
            continue
        entry["items" if is_item else "replies"] += 1
        day = when.astimezone(local).date()
        entry["per"][scope.bucket(day)] += 1
        entry["days"][day] += 1
    ordered = sorted(found.values(), key=lambda t: (-(t["items"] + t["replies"]),
                                                    t["term"].casefold()))
    return ordered


def _terms_table(scope: _Scope, terms: list[dict]) -> Table:
    table = Table(key="Watch terms", title="Watch-term trends",
                  columns=[Column("Term"), Column("In items", "number"),
                           Column("In replies", "number"),
                           Column(f"Trend (per {scope.by})", "chart"),
                           Column("Busiest day", "date"), Column("That day", "number")],
                  empty="No watch terms yet (add one with: attache watch add TERM).",
                  note="Mentions in feed items and in replies; the trend runs from the first "
                       f"to the last {scope.by} of the range on its own scale.")
    for term in terms:
        busiest = max(term["days"].items(), key=lambda kv: (kv[1], kv[0]), default=None)
        spark = Chart(key=f"trend-{term['term']}", title=term["term"], kind="sparkline",
                      categories=tuple(label for _, label in scope.buckets),
                      series=(Series(term["term"], tuple(term["per"]), SPARK_COLOR),),
                      summary=f"{sum(term['per'])} mentions", width=110, height=22)
        table.rows.append([term["term"], term["items"], term["replies"], spark,
                           busiest[0] if busiest else None, busiest[1] if busiest else None])
    return table


# ------------------------------------------------------------------------------ observances

def _observances(db: Database, scope: _Scope, countries: Sequence[str]) -> list[dict]:
    rng = scope.rng
    found = list_occurrences(db, rng.first, rng.last, countries=countries)
    if not found:
        return []
    ids = sorted({o["id"] for o in found})
    query = (select(POSTS.c.id, POSTS.c.observance_id, POSTS.c.status, POSTS.c.item_id,
                    POSTS.c.all_day, POSTS.c.start_at, POSTS.c.start_date, POSTS.c.tz,
                    POSTS.c.duration_minutes)
             .where(POSTS.c.observance_id.in_(ids), POSTS.c.status != "cancelled"))
    if scope.channel is not None:
        query = query.where(POSTS.c.id.in_(select(CHANNELS.c.post_id).where(
            CHANNELS.c.source_id == scope.channel)))
    linked: dict[int, list[tuple[date, bool]]] = defaultdict(list)
    with db.read() as conn:
        for row in conn.execute(query).mappings():
            try:
                day = post_span(dict(row)).first_day()
            except (TypeError, AttributeError):  # a post with neither a time nor a day
                continue
            went_out = row["status"] == "published" or row["item_id"] is not None
            linked[row["observance_id"]].append((day, went_out))
    today = rng.now().date()
    rows = []
    for occ in found:
        start, end = date.fromisoformat(occ["date"]), date.fromisoformat(occ["end"])
        near = [out for day, out in linked.get(occ["id"], [])
                if start - timedelta(days=LINK_BEFORE_DAYS) <= day
                <= end + timedelta(days=LINK_AFTER_DAYS)]
        if any(near):
            status = "covered"
        elif near:
            status = "planned" if start > today else "not published"
        elif start <= today:
            status = "missed"
        else:
            status = "upcoming"
        rows.append({"day": start, "name": occ["name"], "category": occ["category"],
                     "country": occ["country"], "estimated": occ["estimated"],
                     "posts": len(near), "status": status})
    return rows


CATEGORY_NAMES = {"un": "UN day", "us": "U.S. holiday", "host": "Host-country holiday",
                  "programme": "Programme deadline", "custom": "Our own"}


def _observances_table(observances: list[dict]) -> Table:
    table = Table(key="Observances", title="Observances covered and missed",
                  columns=[Column("Date", "date"), Column("Observance"), Column("Kind"),
                           Column("Linked posts", "number"), Column("Covered")],
                  empty="No observances fall in this period.",
                  note="Covered: a linked post went out. Planned: a linked post is on its way. "
                       "Not published: the day passed and its linked post did not go out. "
                       "Missed: the day passed with no linked post.")
    for o in observances:
        kind = CATEGORY_NAMES.get(o["category"], o["category"])
        if o["country"] and o["category"] == "host":
            kind = f"{kind} ({o['country']})"
        name = o["name"] + (" (date estimated)" if o["estimated"] else "")
        table.rows.append([o["day"], name, kind, o["posts"], o["status"]])
    return table


# ------------------------------------------------------------------------------ sources

def _sources(db: Database, now: datetime) -> tuple[list, int, int]:
    health = source_health(db, limit=10)
    failing = health.counts.get("error", 0) + health.counts.get("gone", 0)
    counts = Figures([("Working", str(health.counts.get("ok", 0))),
                      ("Not fetched yet", str(health.counts.get("new", 0))),
                      ("Failing", str(health.counts.get("error", 0))),
                      ("Gone (no longer published)", str(health.counts.get("gone", 0))),
                      ("Turned off", str(health.disabled))])
    table = Table(key="Sources failing", title="Sources to look at",
                  columns=[Column("Source"), Column("Status"),
                           Column("Failures in a row", "number"),
                           Column("Last new item", "datetime"), Column("Error")],
                  empty="Every source is working.",
                  note=f"As of {now.day} {now:%B %Y %H:%M} (sources' state, not their history).")
    tz = now.tzinfo
    for problem in health.worst:
        table.rows.append([problem.name, problem.status, problem.error_count,
                           problem.last_new_item.astimezone(tz) if problem.last_new_item
                           else None, problem.error or ""])
    return [counts, table], failing, health.total


__all__ = ["PeriodOptions", "own_channels", "period_report"]

