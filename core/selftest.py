"""``attache self-test``: prove an installation works before an officer relies on it.

IT installs Attaché on locked-down workstations, often as a frozen bundle. What breaks there
is rarely our code: it is a data file the bundler left out (TextBlob and VADER then score
everything 0.0 *without an error*), the ``holidays`` tables, the language model, a missing
keyring, a folder that is not writable, a bad site.toml. Each check exercises the real core
API on known input, offline, in a throw-away database, and says what it found.

Each check is isolated: an exception fails that check with its message and the rest still
run. A check that is not ``required`` (the keyring: feeds work without one) is reported as a
warning and does not fail the run. Qt is checked by ``desktop.selftest_qt``: core never
imports Qt.
"""

from __future__ import annotations

import logging
import sqlite3
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from functools import partial
from pathlib import Path
from zoneinfo import ZoneInfo

from core.errors import KnownError
from core.storage.database import Database
from resources import RESOURCES

log = logging.getLogger("attache.selftest")

FEED = RESOURCES / "selftest" / "feed.xml"
ENGLISH_POSITIVE = "I love this"
RUSSIAN = "Спасибо большое за помощь, всё прошло отлично"
KAZAKH = "Рақмет, өте керемет қосымша"
UZBEK = "Rahmat, juda foydali ma'lumot bo'ldi"


class CheckFailed(Exception):
    """A check ran but found the wrong answer; the message says what and why it matters."""


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str
    seconds: float
    required: bool = True

    def to_json(self) -> dict:
        return {"name": self.name, "ok": self.ok, "required": self.required,
                "detail": self.detail, "seconds": round(self.seconds, 3)}


def run_check(name: str, func: Callable[[], str], *, required: bool = True) -> Check:
    """Run one check: its return value is the detail; any exception fails it."""
    started = time.perf_counter()
    try:
        detail, ok = func(), True
    except (CheckFailed, KnownError) as exc:
        detail, ok = str(exc), False
    except Exception as exc:  # noqa: BLE001 - a broken install raises anything; report it
        log.exception("self-test check %s raised", name)
        detail, ok = f"{type(exc).__name__}: {exc}", False
    return Check(name, ok, detail, time.perf_counter() - started, required)


def passed(checks: list[Check]) -> bool:
    """True when every required check passed (warnings do not count)."""
    return all(c.ok for c in checks if c.required)


def _expect(condition: bool, message: str) -> None:
    if not condition:
        raise CheckFailed(message)


class _Workspace:
    """The temporary folder and the one SQLite database the checks share."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._db: Database | None = None

    def database(self) -> Database:
        """Created and migrated on first use; a check that needs it fails if that fails."""
        if self._db is None:
            from core.storage.migrate import ensure_schema

            db = Database(f"sqlite:///{self.folder / 'selftest.db'}")
            try:
                ensure_schema(db)
            except Exception:
                db.dispose()
                raise
            self._db = db
        return self._db

    def close(self) -> None:
        if self._db is not None:
            self._db.dispose()  # Windows cannot delete an open database file


# ---------------------------------------------------------------------------- checks

def check_folders(_ws: _Workspace) -> str:
    from core import paths

    found = []
    for label, folder in (("data", paths.data_dir), ("config", paths.config_dir),
                          ("logs", paths.log_dir)):
        path = folder()
        with tempfile.NamedTemporaryFile(dir=path, prefix=".attache-selftest-"):
            pass  # created and removed: the folder is writable
        found.append(f"{label} {path}")
    portable = " (portable mode)" if paths.portable_root() is not None else ""
    return "writable: " + ", ".join(found) + portable


def check_site_config(_ws: _Workspace) -> str:
    from core import siteconfig

    site = siteconfig.load_site_config()
    if not site.files:
        looked = ", ".join(str(p) for p in siteconfig.candidate_paths())
        return f"no site.toml (looked for {looked})"
    locked = ", ".join(sorted(site.locked)) or "none"
    return (f"read {', '.join(str(p) for p in site.files)}; defaults: "
            f"{', '.join(sorted(site.defaults)) or 'none'}; locked: {locked}")


def check_database(ws: _Workspace) -> str:
    from core.storage.migrate import schema_state

    state = schema_state(ws.database())
    _expect(state.up_to_date, f"schema {state.current} is not {state.head} after migrating")
    return f"SQLite {sqlite3.sqlite_version}, migrated to schema {state.current}"


def check_feeds(ws: _Workspace) -> str:
    from core.entries.store import store_entries
    from core.feeds.items import list_items
    from core.feeds.parse import parse_feed
    from core.feeds.sources import add_source
    from core.storage.types import utcnow

    feed = parse_feed(FEED.read_bytes(), "application/rss+xml")
    _expect(len(feed.entries) == 2, f"the bundled feed gave {len(feed.entries)} items, not 2")
    db = ws.database()
    source = add_source(db, "https://selftest.attache.invalid/feed.xml")
    with db.write() as conn:
        counts = store_entries(conn, source.id, feed.entries, utcnow())
    _expect(counts.new == 2, f"stored {counts.new} items, not 2")
    # The feed writes O‘zbekiston with U+2018; officers type a plain apostrophe.
    uzbek = [r["guid"] for r in list_items(db, search="O'zbekiston")]
    _expect(uzbek == ["selftest-uz"], f"searching O'zbekiston found {uzbek or 'nothing'}")
    cyrillic = [r["guid"] for r in list_items(db, search="ПОСОЛЬСТВО")]
    _expect(cyrillic == ["selftest-ru"],
            f"an upper-case Cyrillic search found {cyrillic or 'nothing'} (case folding)")
    return "parsed 2 items, stored them, found O'zbekiston and ПОСОЛЬСТВО"


def check_language(_ws: _Workspace) -> str:
    from core.sentiment.language import detect_language

    found = detect_language("Спасибо большое за помощь")
    _expect(found.code == "ru", f"Russian detected as {found.code!r} (the py3langid model)")
    return f"Russian detected as ru ({found.confidence:.2f})"


def check_sentiment(_ws: _Workspace) -> str:
    from core.sentiment.scoring import Scorer
    from core.settings import Settings

    scorer = Scorer.from_settings(Settings())  # built-in defaults: the user's may differ
    english = scorer.score(ENGLISH_POSITIVE)
    # A bundle without VADER's lexicon scores 0.0 silently: this is the check that notices.
    _expect(english.label == "positive" and (english.polarity or 0.0) >= 0.3,
            f"{ENGLISH_POSITIVE!r} scored {english.label} {english.polarity} with "
            f"{english.analyzer} (is the lexicon missing from the build?)")
    # Russian needs pymorphy3's dictionary and our lexicon, Kazakh its model file: a bundle
    # without them would fail here, not silently on an officer's replies.
    russian = scorer.score(RUSSIAN)
    _expect(russian.label == "positive" and russian.analyzer == "ru-lexicon-v1",
            f"Russian scored {russian.label} by {russian.analyzer} ({russian.language}), not "
            f"positive by ru-lexicon-v1 (are the pymorphy3 dictionaries in the build?)")
    kazakh = scorer.score(KAZAKH)
    _expect(kazakh.label == "positive" and kazakh.analyzer == "kk-linear-v1",
            f"Kazakh scored {kazakh.label} by {kazakh.analyzer} ({kazakh.language}), not "
            f"positive by kk-linear-v1 (is resources/sentiment in the build?)")
    uzbek = scorer.score(UZBEK)
    _expect(uzbek.label == "unsupported" and uzbek.language == "uz",
            f"Uzbek scored {uzbek.label} ({uzbek.language}), not unsupported (uz)")
    return (f"{english.analyzer}: {ENGLISH_POSITIVE!r} positive {english.polarity:+.2f}; "
            f"Russian positive ({russian.analyzer}); Kazakh positive ({kazakh.analyzer}); "
            "Uzbek unsupported")


def check_textblob(_ws: _Workspace) -> str:
    from core.sentiment import analyzers

    polarity = analyzers.TextBlobAnalyzer().analyze(ENGLISH_POSITIVE)[0]
    _expect(polarity > 0, f"TextBlob scored {ENGLISH_POSITIVE!r} {polarity:+.2f}: its lexicon "
                          "(textblob/en/en-sentiment.xml) is missing from this build")
    return f"TextBlob lexicon present ({ENGLISH_POSITIVE!r} {polarity:+.2f})"


def check_calendar_rules(_ws: _Workspace) -> str:
    from core.calendar.rules import expand

    year = date.today().year
    found = expand({"type": "fixed", "month": 12, "day": 10}, date(year, 1, 1),
                   date(year, 12, 31))
    days = [o.start for o in found]
    _expect(days == [date(year, 12, 10)], f"Human Rights Day {year} expanded to {days}")
    return f"Human Rights Day {year}-12-10"


def check_packs(_ws: _Workspace) -> str:
    import json

    from core.calendar.packs import pack_observances
    from core.calendar.rules import expand

    year = date.today().year
    rows = pack_observances(["UZ"], {"un", "host"})
    un = [r for r in rows if r["category"] == "un"]
    host = [r for r in rows if r["category"] == "host"]
    rights = next((r for r in un if r["name"] == "Human Rights Day"), None)
    _expect(rights is not None, f"the UN pack has no Human Rights Day ({len(un)} UN days)")
    _expect(bool(host), "no Uzbekistan public holidays: the holidays package's data is missing")
    days = [o.start for o in expand(json.loads(rights["rule"]), date(year, 1, 1),
                                    date(year, 12, 31))]
    _expect(days == [date(year, 12, 10)], f"the UN pack's Human Rights Day {year} is {days}")
    # A holiday row only proves a name; its dates come from the holidays package's tables.
    holiday_days = [o.start for r in host
                    for o in expand(json.loads(r["rule"]), date(year, 1, 1), date(year, 12, 31))]
    _expect(bool(holiday_days), f"Uzbekistan's holidays have no dates in {year}")
    return f"{len(un)} UN days, {len(host)} Uzbekistan holidays ({len(holiday_days)} in {year})"


def check_ics(ws: _Workspace) -> str:
    from icalendar import Calendar

    from core.calendar.ics import export_ics
    from core.calendar.posts import PostFields, create_post, list_posts

    zone = "Asia/Tashkent"
    year = date.today().year
    db = ws.database()
    create_post(db, PostFields(title="Self-test: Human Rights Day", status="draft",
                               at=datetime(year, 12, 10, 10, 0, tzinfo=ZoneInfo(zone)), tz=zone,
                               duration_minutes=30))
    posts = list_posts(db)
    _expect(len(posts) == 1, f"listed {len(posts)} posts, not 1")
    calendar = Calendar.from_ical(export_ics(posts, []))
    events = calendar.walk("VEVENT")
    _expect(len(events) == 1, f"the export has {len(events)} events, not 1")
    event = events[0]
    _expect(str(event["UID"]) == posts[0]["uid"],
            f"UID {event['UID']} is not the post's {posts[0]['uid']}")
    tzid = event["DTSTART"].params.get("TZID")
    _expect(tzid == zone, f"DTSTART has TZID {tzid!r}, not {zone}")
    zones = [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")]
    _expect(zone in zones, f"no VTIMEZONE for {zone} (found {zones})")
    return f"exported and re-read 1 post (TZID {zone}, with its VTIMEZONE)"


def check_calendar_formats(ws: _Workspace) -> str:
    """Each calendar format writes the plan, and each that reads takes its own file back
    unchanged: their modules and libraries (openpyxl, icalendar) are in this build."""
    from core.calendar.posts import PostFields, create_post, list_posts
    from core.formats import CALENDAR_FORMATS

    db = ws.database()
    if not list_posts(db):  # the icalendar check made one, unless it failed
        create_post(db, PostFields(title="Self-test: formats", status="draft",
                                   at=datetime(date.today().year, 12, 10, 10, 0,
                                               tzinfo=ZoneInfo("UTC")), tz="UTC"))
    posts = list_posts(db)
    done = []
    for fmt in CALENDAR_FORMATS:
        if fmt.writer is None:
            continue
        path = ws.folder / f"selftest{fmt.suffix}"
        path.write_bytes(fmt.writer(posts, []))
        if fmt.reader is None:
            done.append(f"{fmt.key} written")
            continue
        report = fmt.reader(db, path, "UTC")
        _expect(report.unchanged == len(posts) and not report.created and not report.updated
                and not report.errors,
                f"{fmt.key}: reading back its own export gave {report.created} new, "
                f"{report.updated} changed, {report.unchanged} unchanged of {len(posts)} posts "
                f"{'; '.join(map(str, report.errors))}".strip())
        done.append(f"{fmt.key} written and read back")
    return ", ".join(done)


def check_named_modules(_ws: _Workspace) -> str:
    """Every adapter, publisher and report writer a record names by module (imported on first
    use, so a bundler only has the records to go by: build.spec reads them)."""
    from core.named_modules import core_named, missing

    named = core_named()
    problems = missing(named)
    _expect(not problems, "; ".join(problems))
    return f"{len(named)} adapters, publishers and report writers import"


def check_reports(_ws: _Workspace) -> str:
    """A Word report written and read back (python-docx's template travels in the bundle),
    and the font PDF reports embed is there."""
    import io

    from docx import Document

    from core.reports.formats import BY_KEY
    from core.reports.model import Report, Section, Story
    from core.reports.render import Renderers
    from resources import RESOURCES

    title = "Қазақстан · Oʻzbekiston · Посольство"
    report = Report(kind="summary", title="Media summary", first=date.today(),
                    last=date.today(), tz="UTC", generated=datetime.now(ZoneInfo("UTC")),
                    sections=[Section("Self-test", [Story(1, title, "self-test", None, None)])])
    document = Document(io.BytesIO(BY_KEY["docx"].write(report, Renderers())))
    found = [p.text for p in document.paragraphs if p.style.name == "Heading 2"]
    _expect(found == [title], f"the Word report reads back {found!r}, not {title!r}")
    fonts = sorted(p.name for p in (RESOURCES / "fonts").glob("*.ttf"))
    _expect(len(fonts) >= 2, f"the reports' fonts are missing from {RESOURCES / 'fonts'}")
    return f"Word report written and re-read; PDF font {', '.join(fonts)}"


def check_postgres_driver(_ws: _Workspace) -> str:
    """The driver a team's shared PostgreSQL server needs (the bundle ships it; a source
    install has it with the ``postgres`` extra). Connects to nothing."""
    try:
        import psycopg
    except ImportError as exc:
        raise CheckFailed("the PostgreSQL driver is not installed, so this copy can use only "
                          "its own SQLite database (pip install 'attache[postgres]')") from exc
    return f"psycopg {psycopg.__version__}, libpq {psycopg.pq.version()} ({psycopg.pq.__impl__})"


def check_keyring(_ws: _Workspace) -> str:
    from core import secrets

    backend = secrets.current_backend()
    if not backend.usable:  # the very test ``attache secrets set`` applies before storing
        raise CheckFailed(f"{backend.reason} (found: {backend.name})")
    return backend.describe()


CHECKS: tuple[tuple[str, Callable[[_Workspace], str], bool], ...] = (
    ("folders", check_folders, True),
    ("site configuration", check_site_config, True),
    ("database", check_database, True),
    ("feeds", check_feeds, True),
    ("language detection", check_language, True),
    ("sentiment", check_sentiment, True),
    ("textblob lexicon", check_textblob, True),
    ("calendar rules", check_calendar_rules, True),
    ("observance packs", check_packs, True),
    ("icalendar export", check_ics, True),
    ("calendar formats", check_calendar_formats, True),
    ("named modules", check_named_modules, True),
    ("reports", check_reports, True),
    # Optional: one laptop's SQLite needs no driver; a team's server does.
    ("postgresql driver", check_postgres_driver, False),
    # Feeds, the calendar and listening to public accounts work without a keyring; only
    # tokens for private APIs need one.
    ("keyring", check_keyring, False),
)


def run_self_test(on_check: Callable[[Check], None] | None = None) -> list[Check]:
    """Run every core check in a temporary folder; ``on_check`` sees each as it finishes."""
    results: list[Check] = []
    with tempfile.TemporaryDirectory(prefix="attache-selftest-",
                                     ignore_cleanup_errors=True) as folder:
        workspace = _Workspace(Path(folder))
        try:
            for name, func, required in CHECKS:
                check = run_check(name, partial(func, workspace), required=required)
                results.append(check)
                if on_check is not None:
                    on_check(check)
        finally:
            workspace.close()
    return results

