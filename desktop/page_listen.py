"""The Listen page: wires ui.listen to core (replies, labels, sentiment aggregates).

The page works in calendar dates ("last 7 days", "10–17 Dec"); here they become instants in
the officer's planning zone (the ``timezone`` setting, else this computer's), the same zone
the day and week charts count in, so a bar and the rows it filters to always agree.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time, timedelta, tzinfo
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from core.storage.database import Database

if TYPE_CHECKING:
    from core.sentiment.scoring import Scorer
    from core.settings import Settings
    from desktop.context import AppContext
    from ui.answer_box import AnswerData
    from ui.listen import ListenData, ListenView


def answer_data(db: Database, settings: Callable[[], Settings]) -> AnswerData:
    """The Answer box's window onto core/publish/answers.py."""
    from core.calendar.limits import measure
    from core.publish.registry import answering_platforms, answers
    from ui.answer_box import AnswerData
    from ui.reply_reader import platform_name

    def answer(reply_id: int, text: str) -> dict:  # runs on a network thread
        from core.net.fetch import Fetcher
        from core.publish.answers import answer_reply
        from core.publish.runner import Run
        from core.storage.types import utcnow

        current = settings()
        fetcher = Fetcher.from_settings(current)
        try:
            return answer_reply(Run(db, fetcher, current, utcnow()), reply_id, text).to_json()
        finally:
            fetcher.close()

    def refusal(record: dict) -> str | None:
        if record.get("own"):
            return QCoreApplication.translate("AnswerBox", "This is the embassy's own answer.")
        if not answers(record.get("platform") or ""):
            return QCoreApplication.translate(
                "AnswerBox", "Answering on {0} is not possible from Attaché (it answers on "
                "{1}).").format(platform_name(record.get("platform")),
                                ", ".join(platform_name(p) for p in answering_platforms()))
        return None

    def counted(platform: str, text: str) -> tuple[int, int | None]:
        length = measure(platform, text)
        return length.used, length.limit

    return AnswerData(answer=answer, refusal=refusal, measure=counted)


def listen_data(db: Database, zone: Callable[[], tzinfo], scorer: Callable[[], Scorer],
                settings: Callable[[], Settings] | None = None,
                answering: AnswerData | None = None) -> ListenData:
    """The Listen page's window onto core: plain callables, so ui/ never sees SQL.

    ``settings``: the settings in force (the app's ``AppSettings.current``; default: the file).
    """
    from core.calendar.campaigns import list_campaigns
    from core.errors import KnownError
    from core.feeds import items
    from core.sentiment import aggregates
    from core.sentiment.coverage import score_backlog
    from core.sentiment.scoring import label_reply
    from core.social import replies
    from ui.listen import ListenData

    def instants(filters: dict) -> dict:
        """``start``/``end`` dates (both included) → ``since``/``until`` in the zone."""
        result = dict(filters)
        start, end = result.pop("start", None), result.pop("end", None)
        tz = zone()
        if start is not None:
            result["since"] = datetime.combine(start, time(), tz)
        if end is not None:
            result["until"] = datetime.combine(end + timedelta(days=1), time(), tz)
        return result

    def thread(record: dict) -> dict:
        """The reading pane's context: the post a reply answers, the reply it answers and the
        embassy's own answers to it (not rows of the table: Listen lists the audience)."""
        post = None
        if record.get("item_id") is not None:
            try:
                content = items.item_content(db, record["item_id"])
            except KnownError:
                content = None  # removed since the row was read
            if content is not None:
                post = {"title": content["title"], "text": content["content_text"],
                        "url": content["url"]}
        parent = None
        if record.get("parent_id") is not None:
            parent = replies.replies_by_ids(db, [record["parent_id"]]).get(record["parent_id"])
        answers = replies.own_answers(db, record["id"]) if record.get("id") is not None else []
        return {"post": post, "parent": parent, "answers": answers}

    def current() -> Settings:
        if settings is not None:
            return settings()
        from core.settings import Settings

        return Settings.load()

    def attention(start: object = None, source_id: int | None = None) -> list[dict]:
        from core.sentiment.quality import trusted_analyzers

        since = instants({"start": start})["since"] if start is not None else None
        # A language counts only when its analyzer measured well enough (or by hand).
        trusted = trusted_analyzers(db, current().sentiment_min_quality, scorer())
        return aggregates.needs_attention(db, since=since, source_id=source_id,
                                          trusted=trusted)

    def analyzers() -> dict:
        from core.sentiment.quality import language_qualities

        return {"languages": [q.to_json() for q in language_qualities(scorer(), db)],
                "min_quality": current().sentiment_min_quality}

    return ListenData(
        reply_ids=lambda **f: replies.reply_ids(db, **instants(f)),
        reply_rows=lambda ids: replies.replies_by_ids(db, ids),
        relabel=lambda reply_id, label: label_reply(
            db, reply_id, label, scorer() if label == "auto" else None),
        restore_label=lambda reply_id, label, source: replies.restore_label(
            db, reply_id, label, source),
        languages=lambda: replies.reply_languages(db),
        posts=lambda: replies.replied_posts(db),
        campaigns=lambda: list_campaigns(db),
        timeline=lambda by, **f: aggregates.timeline(db, by, tz=zone(), **instants(f)),
        breakdown=lambda limit, **f: aggregates.post_breakdown(db, limit=limit,
                                                               **instants(f)),
        needs_attention=attention,
        # Watched items too when tone of coverage is on: switching it on in Settings then
        # scores what is already watched.
        score_pending=lambda: score_backlog(db, scorer())[0],
        unscored_count=lambda: replies.count_replies(db, label="unscored"),
        accounts=lambda: replies.reply_accounts(db),
        thread=thread,
        analyzers=analyzers,
        answering=answering,
    )


def build(ctx: AppContext) -> ListenView:
    from core.calendar.timezones import default_zone_name, zone
    from core.sentiment.scoring import Scorer
    from desktop.learning import Relearner, learned_message
    from desktop.links import open_external
    from ui.listen import ListenView

    cache: dict[str, object] = {}

    def planning_zone() -> tzinfo:
        if "zone" not in cache:
            cache["zone"] = zone(default_zone_name(ctx.settings.current().timezone))
        return cache["zone"]  # type: ignore[return-value]

    def scorer() -> Scorer:
        # Built on first use: loading an analyzer is not free, and most sessions never
        # hand a reply back to it. With the database: the models learned in it.
        if "scorer" not in cache:
            cache["scorer"] = Scorer.from_settings(ctx.settings.current(), ctx.db)
        return cache["scorer"]  # type: ignore[return-value]

    answering = answer_data(ctx.db, ctx.settings.current)
    view = ListenView(listen_data(ctx.db, planning_zone, scorer, ctx.settings.current,
                                  answering),
                      runner=ctx.runner,
                      undo_stack=ctx.window.undo_stack)
    view.open_link.connect(open_external)
    view.status.connect(lambda text: ctx.window.set_page_status("listen", text))

    own_change = [False]

    def edited() -> None:
        # Our own relabel: the view already shows it; the other pages need to hear of it.
        own_change[0] = True
        try:
            ctx.bus.replies_changed.emit()
        finally:
            own_change[0] = False

    def changed() -> None:
        if not own_change[0]:
            view.replies_changed()

    def settings_changed() -> None:
        cache.clear()  # a new zone or analyzer
        view.replies_changed()

    def learned(results: list) -> None:
        cache.pop("scorer", None)  # the next scores use what was learned
        ctx.window.statusBar().showMessage(learned_message(results), 15_000)
        ctx.bus.replies_changed.emit()  # the replies of those languages were scored again

    relearner = Relearner(ctx.db, ctx.runner, learned, view, settings=ctx.settings.current)
    view.replies_edited.connect(edited)
    view.replies_edited.connect(relearner.labels_changed)
    ctx.bus.replies_changed.connect(changed)
    ctx.bus.settings_changed.connect(settings_changed)
    return view
