"""The plan as iCalendar: what Outlook/Google/Apple get, and what comes back in."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import vobject
from icalendar import Calendar, vText
from sqlalchemy import func, insert, select

from core.calendar.ics import (
    PRODID,
    export_ics,
    normal_rrule,
    parse_ics,
    split_description,
)
from core.calendar.icsimport import import_ics
from core.calendar.imports import ImportRejected
from core.calendar.observances import add_custom, list_occurrences
from core.calendar.posts import PostFields, create_post, get_post, list_posts, update_post
from core.errors import KnownError
from core.storage.database import Database
from core.storage.migrate import ensure_schema
from core.storage.models import PlannedPost, Source
from core.storage.types import utcnow
from tests.icscheck import check_export

TASHKENT = ZoneInfo("Asia/Tashkent")
HUMAN_RIGHTS = "Посольство США: День прав человека"
UZBEK = "O‘zbekiston: Mustaqillik kuni tayyorgarligi"
FIRST, LAST = date(2026, 11, 1), date(2027, 1, 31)


def add_source(db: Database, url: str) -> int:
    with db.write() as conn:
        return conn.execute(insert(Source.__table__).values(
            url=url, kind="feed", enabled=True, status="new", error_count=0,
            interval_minutes=60, created_at=utcnow())).inserted_primary_key[0]


def make_plan(db: Database) -> dict[str, int]:
    """Three posts (timed in Tashkent, all-day, weekly in UTC) and one custom observance."""
    channels = [add_source(db, "https://uz.usembassy.example/feed"),
                add_source(db, "https://t.me/s/usembassytashkent")]
    observance = add_custom(db, "Human Rights Day", {"type": "dates", "dates": ["2026-12-10"]},
                            country="UZ", lead_days=14, description="UN day",
                            source_url="https://www.un.org/en/observances/human-rights-day")
    timed = create_post(db, PostFields(
        title=HUMAN_RIGHTS, body="Текст поста.\nSecond line, with; punctuation",
        status="review", at=datetime(2026, 12, 10, 10, 0, tzinfo=TASHKENT), tz="Asia/Tashkent",
        duration_minutes=30, channels=channels, campaign="Human rights week", owner="Dilnoza",
        notes="Check quotes with PAO\nand the ambassador", observance_id=observance))
    update_post(db, timed, PostFields(status="approved"))  # version 2
    all_day = create_post(db, PostFields(title=UZBEK, status="draft", day=date(2026, 12, 9),
                                         tz="Asia/Tashkent"))
    weekly = create_post(db, PostFields(
        title="Weekly Q&A", at=datetime(2026, 12, 3, 9, 0, tzinfo=UTC), tz="UTC",
        rrule="FREQ=WEEKLY;BYDAY=TH;COUNT=4", campaign="Human rights week"))
    return {"timed": timed, "all_day": all_day, "weekly": weekly, "observance": observance}


def export(db: Database) -> bytes:
    data = export_ics(list_posts(db), list_occurrences(db, FIRST, LAST))
    check_export(data)
    return data


def events_by_uid(data: bytes) -> dict[str, object]:
    return {str(e["UID"]): e for e in Calendar.from_ical(data).walk("VEVENT")}


def post_count(db: Database) -> int:
    with db.read() as conn:
        return conn.execute(select(func.count()).select_from(PlannedPost.__table__)).scalar()


def versions(db: Database) -> dict[int, int]:
    return {p["id"]: p["version"] for p in list_posts(db)}


@pytest.fixture
def plan(db: Database) -> dict[str, int]:
    return make_plan(db)


@pytest.fixture
def fresh_db(tmp_path: Path):
    database = Database(f"sqlite:///{tmp_path / 'fresh.db'}")
    ensure_schema(database)
    yield database
    database.dispose()


# ------------------------------------------------------------------------------ export

def test_calendar_header_and_rfc5545_lines(db: Database, plan: dict[str, int]) -> None:
    data = export(db)
    assert data.startswith(b"BEGIN:VCALENDAR\r\n")
    assert b"PRODID:-//Attach\xc3\xa9//Content calendar//EN\r\n" in data
    assert b"VERSION:2.0\r\n" in data
    assert "X-WR-CALNAME:Attaché plan\r\n".encode() in data
    lines = data.split(b"\r\n")
    assert b"\n" not in b"".join(lines)  # CRLF only
    assert max(len(line) for line in lines) <= 75  # folded at 75 octets


def test_timed_post_has_tzid_and_a_vtimezone(db: Database, plan: dict[str, int]) -> None:
    data = export(db)
    assert b"DTSTART;TZID=Asia/Tashkent:20261210T100000\r\n" in data
    assert b"DTEND;TZID=Asia/Tashkent:20261210T103000\r\n" in data
    calendar = Calendar.from_ical(data)
    assert [tz.tz_name for tz in calendar.timezones] == ["Asia/Tashkent"]
    assert calendar.get_missing_tzids() == set()
    assert b"DTSTART:20261203T090000Z\r\n" in data  # a UTC post needs no VTIMEZONE


def test_timed_post_parses_back_to_0500z_with_icalendar(db: Database,
                                                        plan: dict[str, int]) -> None:
    post = get_post(db, plan["timed"])
    event = events_by_uid(export(db))[post["uid"]]
    assert event.decoded("DTSTART").astimezone(UTC) == datetime(2026, 12, 10, 5, 0, tzinfo=UTC)
    parsed = {e.uid: e for e in parse_ics(export(db))}[post["uid"]]
    assert parsed.start == datetime(2026, 12, 10, 5, 0, tzinfo=UTC)
    assert parsed.tz == "Asia/Tashkent" and parsed.start.hour == 10
    assert parsed.end - parsed.start == timedelta(minutes=30)


def test_timed_post_parses_back_to_0500z_with_vobject(db: Database,
                                                      plan: dict[str, int]) -> None:
    uid = get_post(db, plan["timed"])["uid"]
    calendar = vobject.readOne(export(db).decode("utf-8"))
    events = {e.uid.value: e for e in calendar.vevent_list}
    start = events[uid].dtstart.value
    assert start.astimezone(UTC) == datetime(2026, 12, 10, 5, 0, tzinfo=UTC)
    assert events[uid].summary.value == HUMAN_RIGHTS
    weekly = events[get_post(db, plan["weekly"])["uid"]]
    assert len(list(weekly.getrruleset())) == 4


def test_all_day_post_is_a_date_ending_the_next_day(db: Database, plan: dict[str, int]) -> None:
    uid = get_post(db, plan["all_day"])["uid"]
    event = events_by_uid(export(db))[uid]
    text = event.to_ical()
    assert b"DTSTART;VALUE=DATE:20261209\r\n" in text
    assert b"DTEND;VALUE=DATE:20261210\r\n" in text
    assert str(event["SUMMARY"]) == UZBEK


def test_uids_are_stable_and_sequence_follows_the_version(db: Database,
                                                          plan: dict[str, int]) -> None:
    first, second = events_by_uid(export(db)), events_by_uid(export(db))
    assert set(first) == set(second)
    uid = get_post(db, plan["timed"])["uid"]
    assert int(first[uid]["SEQUENCE"]) == 1  # version 2
    assert str(first[uid]["X-ATTACHE-VERSION"]) == "2"
    update_post(db, plan["timed"], PostFields(title="Changed"))
    assert int(events_by_uid(export(db))[uid]["SEQUENCE"]) == 2
    assert int(first[get_post(db, plan["all_day"])["uid"]]["SEQUENCE"]) == 0


def test_rrule_is_preserved(db: Database, plan: dict[str, int]) -> None:
    uid = get_post(db, plan["weekly"])["uid"]
    parsed = {e.uid: e for e in parse_ics(export(db))}[uid]
    assert normal_rrule(parsed.rrule) == normal_rrule("FREQ=WEEKLY;BYDAY=TH;COUNT=4")
    assert "COUNT=4" in parsed.rrule and "BYDAY=TH" in parsed.rrule


def test_categories_status_and_attache_properties(db: Database, plan: dict[str, int]) -> None:
    post = get_post(db, plan["timed"])
    event = {e.uid: e for e in parse_ics(export(db))}[post["uid"]]
    assert event.categories == ["Human rights week", "status:approved"]
    assert event.status == "CONFIRMED"
    assert event.attache["STATUS"] == "approved"
    assert event.attache["CHANNELS"] == ";".join(map(str, post["channels"]))
    assert event.attache["CAMPAIGN"] == "Human rights week"
    assert event.attache["POST-ID"] == str(post["id"])
    assert event.attache["OBSERVANCE"] == "custom:human-rights-day"
    assert split_description(event.description) == (
        post["body"], "Dilnoza", "Check quotes with PAO\nand the ambassador", True)
    idea = {e.uid: e for e in parse_ics(export(db))}[get_post(db, plan["weekly"])["uid"]]
    assert idea.status == "TENTATIVE"


def test_observance_is_transparent_all_day_with_a_lead_time_alarm(
        db: Database, plan: dict[str, int]) -> None:
    data = export(db)
    uid = "observance-custom:human-rights-day-2026-12-10@attache"
    event = events_by_uid(data)[uid]
    text = event.to_ical()
    assert b"DTSTART;VALUE=DATE:20261210\r\n" in text
    assert b"DTEND;VALUE=DATE:20261211\r\n" in text
    assert b"TRANSP:TRANSPARENT\r\n" in text
    alarms = event.walk("VALARM")
    assert len(alarms) == 1
    assert str(alarms[0]["ACTION"]) == "DISPLAY"
    assert b"TRIGGER:-P14D\r\n" in alarms[0].to_ical()
    parsed = {e.uid: e for e in parse_ics(data)}[uid]
    assert parsed.categories == ["custom", "UZ"]
    assert parsed.alarm_days == 14
    assert parsed.url == "https://www.un.org/en/observances/human-rights-day"
    assert uid in events_by_uid(export(db))  # stable


def test_estimated_observance_says_so() -> None:
    occurrence = {"id": 1, "name": "Eid al-Fitr", "date": "2027-03-09", "end": "2027-03-10",
                  "category": "host", "country": "UZ", "lead_days": 7, "estimated": True,
                  "source_url": None, "key": "uz:eid-al-fitr", "description": None}
    event = parse_ics(export_ics([], [occurrence]))[0]
    assert "Estimated date" in event.description
    assert event.end_date == date(2027, 3, 11)  # exclusive: a two-day span


# ------------------------------------------------------------------------------ import

def test_reimporting_our_own_export_changes_nothing(db: Database, plan: dict[str, int]) -> None:
    before = versions(db)
    report = import_ics(db, export(db), default_tz="Asia/Tashkent")
    assert (report.created, report.updated, report.observances_added) == (0, 0, 0)
    assert report.unchanged == 4 and report.errors == [] and report.warnings == []
    assert versions(db) == before


def test_import_into_a_fresh_database_recreates_the_plan(db: Database, plan: dict[str, int],
                                                         fresh_db: Database) -> None:
    data = export(db)
    report = import_ics(fresh_db, data, default_tz="UTC")
    assert (report.created, report.updated, report.observances_added) == (3, 0, 1)
    assert any("without that channel" in w for w in report.warnings)
    keys = ("title", "start", "end", "tz", "all_day", "status", "campaign", "uid", "body",
            "owner", "notes", "duration_minutes")

    def essentials(post: dict) -> dict:
        # The RRULE comes back in RFC 5545's canonical part order: the same rule.
        return {**{k: post[k] for k in keys}, "rrule": normal_rrule(post["rrule"])}

    old = {p["uid"]: essentials(p) for p in list_posts(db)}
    new = {p["uid"]: essentials(p) for p in list_posts(fresh_db)}
    assert new == old
    assert new[get_post(db, plan["weekly"])["uid"]]["rrule"] is not None
    occurrences = list_occurrences(fresh_db, FIRST, LAST)
    assert [(o["name"], o["date"], o["country"], o["lead_days"]) for o in occurrences] == [
        ("Human Rights Day", "2026-12-10", "UZ", 14)]
    linked = [p for p in list_posts(fresh_db) if p["title"] == HUMAN_RIGHTS][0]
    assert linked["observance_id"] == occurrences[0]["id"]
    again = import_ics(fresh_db, data, default_tz="UTC")
    assert (again.created, again.updated, again.observances_added) == (0, 0, 0)


def test_edited_summary_updates_by_uid_without_duplicating(db: Database,
                                                           plan: dict[str, int]) -> None:
    uid = get_post(db, plan["timed"])["uid"]
    calendar = Calendar.from_ical(export(db))
    for event in calendar.walk("VEVENT"):
        if str(event["UID"]) == uid:
            event["SUMMARY"] = vText("Human Rights Day: ambassador's video")
    edited = calendar.to_ical()
    report = import_ics(db, edited, default_tz="UTC")
    assert (report.created, report.updated, report.unchanged) == (0, 1, 3)
    post = get_post(db, plan["timed"])
    assert post["title"] == "Human Rights Day: ambassador's video"
    assert post["version"] == 3 and post_count(db) == 3
    assert post["tz"] == "Asia/Tashkent" and post["channels"] == [1, 2]
    assert import_ics(db, edited, default_tz="UTC").updated == 0


def test_a_stale_export_does_not_overwrite_a_colleague(db: Database,
                                                       plan: dict[str, int]) -> None:
    uid = get_post(db, plan["timed"])["uid"]
    calendar = Calendar.from_ical(export(db))
    update_post(db, plan["timed"], PostFields(body="A colleague's new text"))  # now version 3
    for event in calendar.walk("VEVENT"):
        if str(event["UID"]) == uid:
            event["SUMMARY"] = vText("My edit")
    with pytest.raises(KnownError, match="changed in Attaché since this file was exported"):
        import_ics(db, calendar.to_ical(), default_tz="UTC")
    assert get_post(db, plan["timed"])["title"] == HUMAN_RIGHTS


def test_a_foreign_event_becomes_an_idea_in_the_default_zone(db: Database) -> None:
    data = (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Google Inc//Google Calendar//EN\r\n"
            b"BEGIN:VEVENT\r\nUID:abc123@google.com\r\nDTSTAMP:20261101T000000Z\r\n"
            b"DTSTART:20261215T143000\r\nDTEND:20261215T150000\r\n"
            b"SUMMARY:Press briefing\r\nDESCRIPTION:Room 2\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    report = import_ics(db, data, default_tz="Asia/Almaty")
    assert report.created == 1
    post = list_posts(db)[0]
    assert (post["title"], post["status"], post["tz"], post["duration_minutes"]) == (
        "Press briefing", "idea", "Asia/Almaty", 30)
    assert post["start"].startswith("2026-12-15T14:30:00+")
    assert post["uid"] == "abc123@google.com" and post["body"] == "Room 2"


def _three_events(prodid: str) -> bytes:
    def event(uid: str, extra: str) -> str:
        return (f"BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:20261101T000000Z\r\n"
                f"DTSTART;VALUE=DATE:20261201\r\nSUMMARY:Post {uid}\r\n{extra}END:VEVENT\r\n")

    return (f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:{prodid}\r\n" + event("good", "")
            + event("bad-status", "X-ATTACHE-STATUS:aproved\r\n")
            + event("bad-rule", "RRULE:FREQ=SOMETIMES\r\n") + "END:VCALENDAR\r\n").encode()


def test_our_own_export_with_invalid_events_writes_nothing(db: Database) -> None:
    with pytest.raises(ImportRejected) as caught:
        import_ics(db, _three_events(PRODID), default_tz="UTC")
    message = str(caught.value)
    assert "event 2 (UID bad-status, line 10): unknown status 'aproved'" in message
    assert "event 3 (UID bad-rule, line 22)" in message
    assert len(caught.value.report.errors) == 2
    assert post_count(db) == 0


def test_another_programs_file_imports_the_good_events_and_names_the_rest(
        db: Database) -> None:
    report = import_ics(db, _three_events("-//Google Inc//Google Calendar 70.9054//EN"),
                        default_tz="UTC")
    assert report.created == 1 and [p["title"] for p in list_posts(db)] == ["Post good"]
    assert [(e.where, e.line) for e in report.skipped] == [
        ("event 2 (UID bad-status, line 10)", "10"), ("event 3 (UID bad-rule, line 22)", "22")]
    assert "unknown status 'aproved'" in str(report.skipped[0])


@pytest.mark.parametrize("data", [b"", b"hello", b"BEGIN:VCARD\r\nFN:x\r\nEND:VCARD\r\n"])
def test_bad_files_are_plain_errors(db: Database, data: bytes) -> None:
    with pytest.raises(KnownError):
        import_ics(db, data, default_tz="UTC")


def test_an_event_without_a_start_is_named() -> None:
    data = (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:nostart\r\n"
            b"SUMMARY:x\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:baddate\r\nDTSTART:2026-13-45\r\n"
            b"END:VEVENT\r\nEND:VCALENDAR\r\n")
    with pytest.raises(KnownError) as caught:
        parse_ics(data)
    assert "event 1 (UID nostart, line 4): it has no start" in str(caught.value)
    assert "event 2 (UID baddate, line 10): bad DTSTART" in str(caught.value)


def test_an_emptied_summary_is_refused_before_anything_is_written(
        db: Database, plan: dict[str, int]) -> None:
    uid = get_post(db, plan["timed"])["uid"]
    calendar = Calendar.from_ical(export(db))
    for event in calendar.walk("VEVENT"):
        if str(event["UID"]) == uid:
            event["SUMMARY"] = vText("")
        elif str(event["UID"]) == get_post(db, plan["weekly"])["uid"]:
            event["SUMMARY"] = vText("A good edit that must wait")
    with pytest.raises(ImportRejected, match=r"it has no title \(SUMMARY\)"):
        import_ics(db, calendar.to_ical(), default_tz="UTC")
    assert get_post(db, plan["weekly"])["title"] == "Weekly Q&A"


def test_an_until_preset_on_a_timed_post_exports_utc_until(db: Database) -> None:
    """The editor's "until 31 December" on a 10:00 Tashkent post: RFC 5545 §3.3.10 wants
    UNTIL in UTC beside DTSTART;TZID (the strict parser refused the floating form)."""
    from core.calendar.posts import preset_rrule

    rule = preset_rrule("weekly", date(2026, 12, 3), until=date(2026, 12, 31))
    create_post(db, PostFields(title="Weekly", at=datetime(2026, 12, 3, 10, 0, tzinfo=TASHKENT),
                               tz="Asia/Tashkent", rrule=rule))
    data = export(db)  # checked by icalendar, vobject and ical
    assert b"RRULE:FREQ=WEEKLY;UNTIL=20261231T185959Z;BYDAY=TH\r\n" in data
    assert import_ics(db, data, default_tz="UTC").updated == 0
