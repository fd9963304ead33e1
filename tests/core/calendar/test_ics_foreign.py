"""Calendars other programs wrote (Google, Outlook/Exchange, Apple, Thunderbird, planners):
one fixture per way they differ from our own export (tests/fixtures/calendar/README.md)."""

from __future__ import annotations

import time as clock
from datetime import UTC, date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from core.calendar.ics import export_ics, parse_ics
from core.calendar.icsimport import import_ics
from core.calendar.imports import ImportRejected
from core.calendar.posts import get_post, list_posts, occurrences
from core.calendar.recurrence import MAX_OCCURRENCES
from core.errors import KnownError
from core.storage.database import Database
from tests.icscheck import check_export

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "calendar"
WINDOW = (date(2026, 1, 1), date(2029, 12, 31))


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def by_title(db: Database) -> dict[str, dict]:
    return {p["title"]: p for p in list_posts(db)}


def days_of(db: Database, post: dict) -> list[str]:
    from sqlalchemy import select

    from core.calendar.posts import POSTS

    with db.read() as conn:
        row = dict(conn.execute(select(POSTS).where(POSTS.c.id == post["id"])).mappings().one())
    return [(s.start.isoformat() if isinstance(s.start, datetime) else s.start.isoformat())
            for s in occurrences(row, *WINDOW)]


def import_twice(db: Database, name: str, tz: str = "Asia/Tashkent"):  # noqa: ANN201
    first = import_ics(db, fixture(name), default_tz=tz)
    again = import_ics(db, fixture(name), default_tz=tz)
    assert (again.created, again.updated) == (0, 0), "a re-import must change nothing"
    return first


# ------------------------------------------------------------------------------ UNTIL in UTC

def test_apple_series_with_a_utc_until_repeats_to_its_last_day(db: Database) -> None:
    report = import_twice(db, "apple_until_utc.ics")
    assert (report.created, report.skipped) == (2, [])
    posts = by_title(db)
    club = posts["English club at the American Corner"]
    assert club["tz"] == "Asia/Almaty" and club["start"] == "2026-11-05T16:30:00+05:00"
    # UNTIL=20261217T185959Z is 23:59:59 in Almaty: 17 December is the last Thursday.
    assert days_of(db, club)[-1] == "2026-12-17T16:30:00+05:00"
    assert len(days_of(db, club)) == 7
    # An all-day series whose UNTIL is a time: the last day is counted in the calendar's zone.
    assert days_of(db, posts["Thanksgiving newsletter"]) == [
        "2026-11-25", "2027-11-25", "2028-11-25"]


def test_posts_add_takes_a_utc_until(cli) -> None:  # noqa: ANN001
    code, out, err = cli("posts", "add", "--title", "Tuesday explainer", "--at",
                         "2026-11-03 09:00", "--tz", "Asia/Tashkent", "--rrule",
                         "FREQ=WEEKLY;BYDAY=TU;UNTIL=20261201T040000Z")
    assert code == 0, err
    code, out, err = cli("posts", "show", out.strip(), "--json")
    assert code == 0, err
    assert '"rrule": "FREQ=WEEKLY;BYDAY=TU;UNTIL=20261201T090000"' in out  # 09:00 Tashkent


# ------------------------------------------------------------------------------ overrides

def test_google_moved_and_cancelled_occurrences_become_exceptions(db: Database) -> None:
    report = import_twice(db, "google_overrides.ics")
    assert (report.created, report.skipped, report.warnings) == (4, [], [])
    posts = by_title(db)
    series, moved = posts["Visa Q&A live"], posts["Visa Q&A live (Wednesday)"]
    # 10 Nov: an EXDATE; 17 Nov: moved to Wednesday; 24 Nov: cancelled; the UTC UNTIL is
    # 09:59:59 on 1 December in Tashkent, so the series ends with November.
    assert series["exdates"] == ["2026-11-10T10:00:00", "2026-11-17T10:00:00",
                                 "2026-11-24T10:00:00"]
    assert days_of(db, series) == ["2026-11-03T10:00:00+05:00"]
    assert moved["start"] == "2026-11-18T15:00:00+05:00" and moved["rrule"] is None
    assert moved["uid"] == ("4m1n0v8ql2p0f7b6k3s9d5a1rc@google.com"
                            ";RECURRENCE-ID=20261117T050000Z")
    # Google's "Z" event is planned in the calendar's zone (X-WR-TIMEZONE), same instant.
    assert posts["Human Rights Day reception"]["start"] == "2026-12-10T10:00:00+05:00"


def test_overrides_go_back_out_as_overrides_and_come_back_unchanged(
        db: Database, tmp_path: Path) -> None:
    import_ics(db, fixture("google_overrides.ics"), default_tz="UTC")
    data = export_ics(list_posts(db), [])
    check_export(data)
    events = [e for e in parse_ics(data) if e.uid.startswith("4m1n0v8ql2p0f7b6k3s9d5a1rc")]
    series = next(e for e in events if e.recurrence_id is None)
    moved = next(e for e in events if e.recurrence_id is not None)
    assert moved.recurrence_id == datetime(2026, 11, 17, 5, 0, tzinfo=UTC)
    # The moved occurrence is said by the override, not hidden by an EXDATE.
    assert sorted(d.isoformat() for d in series.exdates) == [
        "2026-11-10T10:00:00+05:00", "2026-11-24T10:00:00+05:00"]
    assert "UNTIL=20261201T045959Z" in series.rrule
    again = import_ics(db, data, default_tz="UTC")
    assert (again.created, again.updated, again.unchanged) == (0, 0, 4)
    fresh = Database(f"sqlite:///{tmp_path / 'fresh.db'}")
    from core.storage.migrate import ensure_schema

    ensure_schema(fresh)
    import_ics(fresh, data, default_tz="UTC")
    keys = ("uid", "title", "start", "tz", "rrule", "exdates", "duration_minutes")
    assert ([{k: p[k] for k in keys} for p in list_posts(fresh)]
            == [{k: p[k] for k in keys} for p in list_posts(db)])
    fresh.dispose()


def test_an_override_for_a_series_already_in_the_plan_adds_the_exception(
        db: Database) -> None:
    import_ics(db, fixture("google_overrides.ics"), default_tz="UTC")
    series = by_title(db)["Visa Q&A live"]
    data = (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Google Inc//Google Calendar//EN\r\n"
            b"BEGIN:VEVENT\r\nUID:4m1n0v8ql2p0f7b6k3s9d5a1rc@google.com\r\n"
            b"DTSTAMP:20261105T120000Z\r\nRECURRENCE-ID;TZID=Asia/Tashkent:20261103T100000\r\n"
            b"DTSTART;TZID=Asia/Tashkent:20261103T100000\r\nSTATUS:CANCELLED\r\n"
            b"SUMMARY:Visa Q&A live\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    report = import_ics(db, data, default_tz="UTC")
    assert report.updated == 1
    after = get_post(db, series["id"])
    assert "2026-11-03T10:00:00" in after["exdates"] and days_of(db, after) == []


# ------------------------------------------------------------------------------ zones

def test_outlook_windows_zone_names_map_to_iana_zones(db: Database) -> None:
    report = import_twice(db, "outlook_windows_zones.ics", tz="America/New_York")
    assert (report.created, report.skipped) == (3, [])
    posts = by_title(db)
    briefing = posts["Regional press briefing"]
    assert (briefing["tz"], briefing["start"]) == ("Asia/Tashkent", "2026-11-04T10:00:00+05:00")
    assert briefing["duration_minutes"] == 90
    # FREQ=MONTHLY;BYDAY=1WE until 3 March 2027 05:00Z (10:00 in Tashkent): five Wednesdays.
    assert days_of(db, briefing)[-1] == "2027-03-03T10:00:00+05:00"
    assert len(days_of(db, briefing)) == 5
    berlin = posts["Call with the desk in Berlin"]
    assert (berlin["tz"], berlin["start"]) == ("Europe/Berlin", "2026-11-12T15:00:00+01:00")
    # "Central Asia Standard Time" has no VTIMEZONE in the file: CLDR's table still knows it.
    interview = posts["Интервью для Kaktus Media"]
    start = datetime.fromisoformat(interview["start"])
    assert interview["tz"] == "Asia/Bishkek"
    assert start == datetime(2026, 11, 19, 11, 0, tzinfo=ZoneInfo("Asia/Bishkek"))


def test_a_zone_nobody_defined_is_refused_not_read_in_the_officers_zone(db: Database) -> None:
    data = (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Example//Planner//EN\r\n"
            b"BEGIN:VEVENT\r\nUID:x@example\r\nDTSTAMP:20261101T000000Z\r\n"
            b"DTSTART;TZID=Pacific Standard Time (custom):20261201T100000\r\n"
            b"SUMMARY:Somewhere\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n")
    report = import_ics(db, data, default_tz="Asia/Tashkent")
    assert report.created == 0 and list_posts(db) == []
    assert "'Pacific Standard Time (custom)' is neither defined in the file" in str(
        report.skipped[0])
    assert report.skipped[0].line == "7"  # the DTSTART line


def test_floating_times_follow_the_calendars_own_zone(db: Database) -> None:
    data = (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Example//Planner//EN\r\n"
            b"X-WR-TIMEZONE:Asia/Dushanbe\r\nBEGIN:VEVENT\r\nUID:f@example\r\n"
            b"DTSTAMP:20261101T000000Z\r\nDTSTART:20261201T100000\r\nSUMMARY:Floating\r\n"
            b"END:VEVENT\r\nEND:VCALENDAR\r\n")
    report = import_ics(db, data, default_tz="America/New_York")
    post = list_posts(db)[0]
    assert (post["tz"], post["start"]) == ("Asia/Dushanbe", "2026-12-01T10:00:00+05:00")
    assert report.warnings == ["1 event(s) have times without a time zone (floating); they "
                               "were read as Asia/Dushanbe time"]


# ------------------------------------------------------------------------------ UIDs

def test_events_without_uid_get_a_stable_one(db: Database) -> None:
    report = import_twice(db, "thunderbird_no_uid.ics")
    assert report.created == 2
    posts = by_title(db)
    radio = posts["Radio Azattyk interview"]
    assert radio["uid"].endswith("@generated.attache")
    # /mozilla.org/20050126_1/Asia/Bishkek: the IANA zone inside the "globally unique" TZID.
    assert (radio["tz"], radio["start"]) == ("Asia/Bishkek", "2026-11-16T14:00:00+06:00")
    assert posts["Alumni newsletter goes out"]["start"] == "2026-11-20"


# ------------------------------------------------------------------------------ bad events

def test_two_dtstart_lines_are_named_with_their_lines(db: Database) -> None:
    report = import_ics(db, fixture("two_dtstart.ics"), default_tz="UTC")
    assert sorted(by_title(db)) == ["Good event after", "Good event before"]
    assert [str(e) for e in report.skipped] == [
        "event 2 (UID twice@planner.example, line 14): it has 2 DTSTART lines (lines 13, "
        "14); RFC 5545 allows one"]


def test_two_dtstart_lines_in_parse_never_raise_a_traceback() -> None:
    with pytest.raises(ImportRejected, match="it has 2 DTSTART lines"):
        parse_ics(fixture("two_dtstart.ics"))


def test_events_attache_cannot_represent_are_skipped_with_line_and_reason(
        db: Database) -> None:
    report = import_ics(db, fixture("unrepresentable.ics"), default_tz="UTC")
    assert [p["title"] for p in list_posts(db)] == ["A good event"]
    assert [(e.line, e.problems[0].message.split(" (")[0].split(",")[0]) for e in report.skipped] \
        == [("4", "RRULE 'RSCALE=CHINESE;FREQ=YEARLY' repeats in a non-Gregorian calendar"),
            ("15", "it ends before it starts"),
            ("21", "its time zone 'Embassy Local Time' is neither defined in the file"),
            ("24", "RRULE 'FREQ=SECONDLY' repeats more often than daily")]


def test_rules_with_no_occurrence_or_against_rfc_5545_are_skipped_with_their_lines(
        db: Database) -> None:
    """Saved, such a series was in no list and no export (COUNT=0), or 5,000 copies of one
    moment (INTERVAL=0). A rule whose UNTIL is before DTSTART is not skipped: RFC 5545
    §3.8.5.3 counts DTSTART as the first occurrence, so the event happens once (Apple's
    holiday calendars end their yearly rules so)."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Example//Planner script//EN"]
    for uid, rule in (("until-first", "FREQ=DAILY;UNTIL=20261101T000000Z"),
                      ("both", "FREQ=DAILY;COUNT=3;UNTIL=20261210T000000Z"),
                      ("zero", "FREQ=DAILY;INTERVAL=0"), ("never", "FREQ=WEEKLY;COUNT=0"),
                      ("good", "FREQ=DAILY;COUNT=2")):
        lines += ["BEGIN:VEVENT", f"UID:{uid}@planner.example", "DTSTAMP:20261101T000000Z",
                  "DTSTART;TZID=Asia/Tashkent:20261201T100000", f"RRULE:{rule}",
                  f"SUMMARY:{uid}", "END:VEVENT"]
    data = ("\r\n".join([*lines, "END:VCALENDAR"]) + "\r\n").encode()
    report = import_ics(db, data, default_tz="UTC")
    posts = {p["title"]: p for p in list_posts(db)}
    assert sorted(posts) == ["good", "until-first"]
    assert posts["until-first"]["rrule"] in (None, "")
    assert posts["until-first"]["start"] == "2026-12-01T10:00:00+05:00"
    assert any("UID until-first@planner.example, line 4): RRULE 'FREQ=DAILY;UNTIL=20261101T"
               "000000Z' never happens: its UNTIL is before the post's start (2026-12-01 "
               "10:00); DTSTART is its one occurrence" in w for w in report.warnings)
    assert [(e.line, e.problems[0].message) for e in report.skipped] == [
        ("11", "RRULE 'FREQ=DAILY;UNTIL=20261210T000000Z;COUNT=3' has both UNTIL and COUNT; "
               "RFC 5545 allows one of them (the last day, or how many times)"),
        ("18", "RRULE 'FREQ=DAILY;INTERVAL=0' has INTERVAL=0; INTERVAL must be a whole "
               "number of at least 1"),
        ("25", "RRULE 'FREQ=WEEKLY;COUNT=0' has COUNT=0; COUNT must be a whole number of at "
               "least 1")]


def test_the_cli_imports_the_rest_and_exits_1(cli, tmp_path: Path) -> None:  # noqa: ANN001
    path = tmp_path / "foreign.ics"
    path.write_bytes(fixture("unrepresentable.ics"))
    code, out, err = cli("calendar", "import", str(path))
    assert code == 1
    assert out.startswith("created 1, updated 0, unchanged 0")
    assert "skipped event 2 (UID backwards@planner.example, line 15): it ends before" in err
    assert "4 events skipped; the others were imported" in err
    assert "Traceback" not in err


# ------------------------------------------------------------------------------ issue 16 #4

def _zone_file(tzid: str, parts: str, events: int = 3) -> bytes:
    body = [f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Example//Hostile//EN\r\n"
            f"BEGIN:VTIMEZONE\r\nTZID:{tzid}\r\n{parts}END:VTIMEZONE\r\n"]
    for n in range(events):
        body.append(f"BEGIN:VEVENT\r\nUID:e{n}@x\r\nDTSTAMP:20261101T000000Z\r\n"
                    f'DTSTART;TZID="{tzid}":2026120{n + 1}T100000\r\nSUMMARY:Event {n}\r\n'
                    "END:VEVENT\r\n")
    return ("".join(body) + "END:VCALENDAR\r\n").encode()


def _part(kind: str, start: str, rule: str = "", offset: str = "+0500") -> str:
    return (f"BEGIN:{kind}\r\nDTSTART:{start}\r\nTZOFFSETFROM:{offset}\r\n"
            f"TZOFFSETTO:{offset}\r\n{rule}END:{kind}\r\n")


def _two_part_zone(daylight: str, standard: str, winter: str = "+0100",
                   summer: str = "+0200", back: str = "030000") -> str:
    """A STANDARD and a DAYLIGHT part with yearly rules, as Outlook writes them from 1601;
    clocks go forward at 02:00 and back at ``back``."""
    return (_part("STANDARD", f"16010101T{back}", f"RRULE:FREQ=YEARLY;{standard}\r\n", winter)
            .replace(f"TZOFFSETFROM:{winter}", f"TZOFFSETFROM:{summer}")
            + _part("DAYLIGHT", "16010101T020000", f"RRULE:FREQ=YEARLY;{daylight}\r\n",
                    summer).replace(f"TZOFFSETFROM:{summer}", f"TZOFFSETFROM:{winter}"))


CENTRAL_EUROPE = ("BYDAY=-1SU;BYMONTH=3", "BYDAY=-1SU;BYMONTH=10")


def test_a_vtimezone_whose_rule_repeats_every_second_is_refused_at_once(db: Database) -> None:
    crafted = _zone_file("Embassy Time", _part(
        "STANDARD", "16010101T000000", "RRULE:FREQ=SECONDLY\r\n"))
    started = clock.perf_counter()
    with pytest.raises(KnownError, match=r"'Embassy Time' defined at line 4 .*line 10: a "
                                         r"time-zone rule repeats SECONDLY, not yearly"):
        import_ics(db, crafted, default_tz="UTC")
    assert list_posts(db) == []
    print(f"refused in {clock.perf_counter() - started:.3f} s")


def test_a_vtimezone_with_thousands_of_observances_is_refused(db: Database) -> None:
    parts = "".join(_part("STANDARD", f"{1700 + n}0101T000000") for n in range(5000))
    crafted = _zone_file("Embassy Time", parts)
    assert len(crafted) > 400_000  # larger than the 228 KB file that hung the import
    with pytest.raises(KnownError, match="it has 5000 observances .*; at most 200"):
        import_ics(db, crafted, default_tz="UTC")


def test_a_vtimezone_from_year_one_is_refused(db: Database) -> None:
    crafted = _zone_file("Embassy Time", _part(
        "STANDARD", "00010101T000000", "RRULE:FREQ=YEARLY\r\n"))
    with pytest.raises(KnownError, match="starts in the year 1, before the Gregorian"):
        import_ics(db, crafted, default_tz="UTC")


def test_a_crafted_definition_of_an_iana_zone_is_never_expanded(db: Database) -> None:
    parts = "".join(_part("DAYLIGHT", f"{1700 + n}0101T000000", "RRULE:FREQ=SECONDLY\r\n")
                    for n in range(3000))
    report = import_ics(db, _zone_file("Asia/Tashkent", parts), default_tz="UTC")
    assert report.created == 3
    assert [p["start"] for p in list_posts(db)] == [
        "2026-12-01T10:00:00+05:00", "2026-12-02T10:00:00+05:00", "2026-12-03T10:00:00+05:00"]


def test_a_small_zone_of_the_files_own_is_used(db: Database) -> None:
    parts = _two_part_zone(*CENTRAL_EUROPE)
    report = import_ics(db, _zone_file("(UTC+01:00) Amsterdam, Berlin", parts),
                        default_tz="UTC")
    assert report.created == 3
    starts = [datetime.fromisoformat(p["start"]) for p in list_posts(db)]
    assert starts[0] == datetime(2026, 12, 1, 9, 0, tzinfo=UTC)  # 10:00 at +01:00


def test_a_series_in_a_zone_of_the_files_own_keeps_its_hour_across_the_clock_change(
        db: Database) -> None:
    """Outlook's "Customized Time Zone": kept as UTC instants, the weekly 10:00 briefing moved
    to 11:00 after the clocks changed on 29 March. It is planned in the IANA zone with the
    same rules instead."""
    import_twice(db, "outlook_custom_zone.ics", tz="Asia/Tashkent")
    (post,) = list_posts(db)
    assert (post["tz"], post["start"]) == ("Europe/Berlin", "2026-03-02T10:00:00+01:00")
    assert days_of(db, post) == [
        "2026-03-02T10:00:00+01:00", "2026-03-09T10:00:00+01:00",  # the 16th: the EXDATE
        "2026-03-23T10:00:00+01:00", "2026-03-30T10:00:00+02:00", "2026-04-06T10:00:00+02:00",
        "2026-04-13T10:00:00+02:00", "2026-04-20T10:00:00+02:00"]
    check_export(export_ics(list_posts(db), []))


def test_a_files_own_zone_that_no_known_zone_matches_stays_in_utc_and_says_so(
        db: Database) -> None:
    """Clocks changing on a day no real zone uses: no IANA zone keeps that clock, so the
    instants are kept (in UTC) and the officer is told the series may move."""
    parts = _two_part_zone("BYMONTHDAY=1;BYMONTH=4", "BYMONTHDAY=1;BYMONTH=11")
    data = _zone_file("Embassy Time", parts, events=1).replace(
        b"SUMMARY:Event 0", b"RRULE:FREQ=WEEKLY;COUNT=2\r\nSUMMARY:Event 0")
    report = import_ics(db, data, default_tz="UTC")
    (post,) = list_posts(db)
    assert (post["tz"], post["start"]) == ("UTC", "2026-12-01T09:00:00+00:00")
    assert report.warnings == [
        "event 1 (UID e0@x, line 19): its time zone 'Embassy Time' (defined in the file) has "
        "the clock of no known zone, so its times are kept in UTC: the series may move by an "
        "hour when the clocks change"]


def test_which_iana_zone_keeps_a_files_own_clock() -> None:
    from datetime import timedelta, timezone

    from icalendar import Calendar

    from core.calendar.timezones import equivalent_zone

    us = Calendar.from_ical(_zone_file("Eastern (custom)", _two_part_zone(
        "BYDAY=2SU;BYMONTH=3", "BYDAY=1SU;BYMONTH=11", "-0500", "-0400", "020000")))
    eastern = us.walk("VTIMEZONE")[0].to_tz(lookup_tzid=False)
    assert equivalent_zone(eastern, 2026) == "America/New_York"  # not Grand Turk (AST to 2018)
    assert equivalent_zone(eastern, 2006) != "America/New_York"  # US rules changed in 2007
    europe = Calendar.from_ical(fixture("outlook_custom_zone.ics")).walk("VTIMEZONE")[0]
    central = europe.to_tz(lookup_tzid=False)
    assert equivalent_zone(central, 2026, "(UTC+01:00) Amsterdam, Berlin, Bern, Rome, "
                                          "Stockholm, Vienna") in ("Europe/Amsterdam",
                                                                   "Europe/Berlin")
    assert equivalent_zone(central, 2026, "Prague custom") == "Europe/Prague"
    assert equivalent_zone(timezone(timedelta(hours=5)), 2026) == "Etc/GMT-5"
    assert equivalent_zone(timezone(timedelta(hours=5)), 2026, "(UTC+05:00) Tashkent") \
        == "Asia/Tashkent"
    assert equivalent_zone(timezone(timedelta(hours=5, minutes=17)), 2026) is None


def test_a_files_own_zone_is_read_with_apples_utc_until_and_ends_its_rules_in_time() -> None:
    """Apple writes a zone's history as rules ending with a UTC UNTIL; the zone is expanded
    once into a table (icalendar's walked every rule from 1601 on each lookup: minutes for
    a file placing thousands of times in crafted zones), bounded in years and changes."""
    from datetime import timedelta

    from icalendar import Calendar

    from core.calendar.filezone import LAST_ZONE_YEAR, MAX_TRANSITIONS, file_zone
    from core.calendar.timezones import equivalent_zone

    def part(kind: str, start: str, rule: str, before: str, after: str) -> str:
        return (f"BEGIN:{kind}\r\nDTSTART:{start}\r\nRRULE:{rule}\r\nTZOFFSETFROM:{before}"
                f"\r\nTZOFFSETTO:{after}\r\nTZNAME:{'EDT' if kind == 'DAYLIGHT' else 'EST'}"
                "\r\nEND:{kind}\r\n".replace("{kind}", kind))

    eastern = _zone_file("US Eastern (Apple)", "".join((
        part("DAYLIGHT", "19870405T020000",
             "FREQ=YEARLY;UNTIL=20060402T070000Z;BYMONTH=4;BYDAY=1SU", "-0500", "-0400"),
        part("STANDARD", "19671029T020000",
             "FREQ=YEARLY;UNTIL=20061029T060000Z;BYMONTH=10;BYDAY=-1SU", "-0400", "-0500"),
        part("DAYLIGHT", "20070311T020000", "FREQ=YEARLY;BYMONTH=3;BYDAY=2SU", "-0500",
             "-0400"),
        part("STANDARD", "20071104T020000", "FREQ=YEARLY;BYMONTH=11;BYDAY=1SU", "-0400",
             "-0500"))))
    zone_info = file_zone(Calendar.from_ical(eastern).walk("VTIMEZONE")[0])
    new_york = ZoneInfo("America/New_York")
    for year in (2005, 2006, 2026):
        hours = [datetime(year, 1, 1, tzinfo=UTC) + timedelta(hours=h) for h in range(8760)]
        assert [h.astimezone(zone_info).utcoffset() for h in hours] == [
            h.astimezone(new_york).utcoffset() for h in hours]
        assert equivalent_zone(zone_info, year) == "America/New_York"
    assert datetime(LAST_ZONE_YEAR + 100, 7, 1, tzinfo=zone_info).utcoffset() == timedelta(
        hours=-5)  # past the years expanded, the last offset holds
    daily = _zone_file("Every day", _part("STANDARD", "20000101T000000",
                                          "RRULE:FREQ=DAILY\r\n"))
    with pytest.raises(KnownError, match=f"changes the clock more than {MAX_TRANSITIONS}"):
        file_zone(Calendar.from_ical(daily).walk("VTIMEZONE")[0])


# ------------------------------------------------------------------------------ issue 16 #3

def test_a_stored_secondly_rule_is_expanded_only_to_the_cap(db: Database) -> None:
    """A database written before rules were checked may hold one: listing, checking and
    exporting it must stay bounded."""
    from sqlalchemy import update

    from core.calendar.checks import check_plan
    from core.calendar.posts import POSTS, PostFields, create_post

    post_id = create_post(db, PostFields(title="Every second", at=datetime(
        2026, 12, 1, 10, 0, tzinfo=UTC), tz="UTC", status="approved", body="x"))
    with db.write() as conn:
        conn.execute(update(POSTS).where(POSTS.c.id == post_id).values(rrule="FREQ=SECONDLY"))
    posts = list_posts(db, first=date(2026, 12, 1), last=date(2026, 12, 31))
    assert [p["id"] for p in posts] == [post_id]
    assert days_of(db, posts[0]).__len__() == MAX_OCCURRENCES
    assert len(check_plan(db, date(2026, 12, 1), date(2026, 12, 31))) == 0
    data = export_ics(posts, [])
    assert len(data) < 10_000


def test_finer_than_daily_rules_are_refused_when_saved(db: Database) -> None:
    from core.calendar.posts import PostFields, create_post

    for rule, words in (("FREQ=SECONDLY", "more often than daily (FREQ=SECONDLY)"),
                        ("FREQ=HOURLY;INTERVAL=6", "more often than daily (FREQ=HOURLY)"),
                        ("FREQ=DAILY;BYHOUR=9,15", "more than once a day (BYHOUR=9,15)"),
                        ("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", "never happens")):
        with pytest.raises(KnownError, match=words.replace("(", r"\(").replace(")", r"\)")):
            create_post(db, PostFields(title="x", day=date(2026, 12, 1), rrule=rule))
    assert list_posts(db) == []


def test_matching_a_files_own_zone_is_bounded_per_file(db: Database,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """A crafted file can place times in thousands of years: past the budget, the nearest
    year already matched answers for the zone."""
    import core.calendar.ics as ics_module

    monkeypatch.setattr(ics_module, "MAX_ZONE_MATCHES", 1)
    parts = _two_part_zone(*CENTRAL_EUROPE)
    data = _zone_file("Customized Time Zone", parts, events=2).replace(
        b"20261202T100000", b"20400702T100000")
    import_ics(db, data, default_tz="UTC")
    assert [(p["tz"], p["start"]) for p in list_posts(db)] == [
        ("Europe/Berlin", "2026-12-01T10:00:00+01:00"),
        ("Europe/Berlin", "2040-07-02T10:00:00+02:00")]


def test_an_override_for_this_and_future_occurrences_is_said(db: Database) -> None:
    """RANGE=THISANDFUTURE (RFC 5545 §3.2.13) was silently taken as one occurrence."""
    data = b"\r\n".join([
        b"BEGIN:VCALENDAR", b"VERSION:2.0", b"PRODID:-//Example//Planner script//EN",
        b"BEGIN:VEVENT", b"UID:series@planner.example", b"DTSTAMP:20261101T000000Z",
        b"DTSTART;TZID=Asia/Tashkent:20261201T100000", b"RRULE:FREQ=DAILY;COUNT=10",
        b"SUMMARY:Series", b"END:VEVENT",
        b"BEGIN:VEVENT", b"UID:series@planner.example", b"DTSTAMP:20261101T000000Z",
        b"RECURRENCE-ID;RANGE=THISANDFUTURE;TZID=Asia/Tashkent:20261205T100000",
        b"DTSTART;TZID=Asia/Tashkent:20261205T120000", b"SUMMARY:Series at noon",
        b"END:VEVENT", b"END:VCALENDAR", b""])
    report = import_ics(db, data, default_tz="UTC")
    assert report.created == 2
    assert report.warnings == [
        "event 2 (UID series@planner.example, line 11): it changes this and every later "
        "occurrence (RANGE=THISANDFUTURE); only this occurrence was changed: edit the later "
        "ones in the series"]


def test_a_whole_day_excepted_from_a_timed_series_exports_as_that_days_occurrence(
        db: Database) -> None:
    """EXDATE;VALUE=DATE beside a zoned DTSTART (planner scripts, and a sheet's exdates cell
    with a day only) was exported as written: vobject and the strict parser then failed on
    the file ("can't compare offset-naive and offset-aware datetimes")."""
    from core.calendar.posts import PostFields, create_post

    data = b"\r\n".join([
        b"BEGIN:VCALENDAR", b"VERSION:2.0", b"PRODID:-//Example//Planner script//EN",
        b"BEGIN:VEVENT", b"UID:days@planner.example", b"DTSTAMP:20261101T000000Z",
        b"DTSTART;TZID=Asia/Tashkent:20261201T100000", b"RRULE:FREQ=DAILY;COUNT=5",
        b"EXDATE;VALUE=DATE:20261203", b"SUMMARY:Daily", b"END:VEVENT", b"END:VCALENDAR", b""])
    assert import_ics(db, data, default_tz="UTC").created == 1
    assert by_title(db)["Daily"]["exdates"] == ["2026-12-03T10:00:00"]
    create_post(db, PostFields(title="From a sheet", at=datetime(
        2026, 12, 1, 9, 0, tzinfo=ZoneInfo("Asia/Almaty")), tz="Asia/Almaty",
        rrule="FREQ=DAILY;COUNT=3", exdates=[date(2026, 12, 2)]))
    exported = export_ics(list_posts(db), [])
    check_export(exported)
    assert b"EXDATE;TZID=Asia/Almaty:20261202T090000" in exported
    again = import_ics(db, data, default_tz="UTC")
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)


# ------------------------------------------------------------------------------ issue 12 sweep
# Classes found by running scripts/interop_sweep.py over real files from other projects' test
# suites (kept outside the repository); each fixture is our own, written from RFC 5545/5546/
# 7529 and from what the named programs are documented to write.

def test_a_part_icalendar_cannot_read_leaves_the_rest_of_the_file(db: Database) -> None:
    """A free/busy list ending before it starts, a to-do with an empty PRIORITY, an empty
    VTIMEZONE, an unreadable reminder and a parameter with an unquoted comma (which crashed
    icalendar with an AttributeError) each refused the whole file."""
    report = import_ics(db, fixture("mixed_parts.ics"), default_tz="Asia/Tashkent")
    posts = by_title(db)
    assert sorted(posts) == ["Human Rights Day", "Interview", "Press briefing", "Site visit"]
    assert report.skipped == []
    assert posts["Interview"]["start"] == "2026-12-03T15:00:00+05:00"
    assert posts["Interview"]["duration_minutes"] == 30
    warnings = "\n".join(report.warnings)
    assert "the VFREEBUSY at line 8 cannot be read" in warnings
    assert "the VTODO at line 15 cannot be read" in warnings
    assert "alarm-1@groupware.example, line 28): its reminder (VALARM) cannot be read" in warnings
    assert "param-1@groupware.example, line 40): its LOCATION line (line 44) cannot be read" \
        in warnings


def test_an_unreadable_line_a_post_needs_still_skips_only_that_event(db: Database) -> None:
    data = fixture("mixed_parts.ics").replace(
        b"LOCATION;VALUE=12 Amir Temur St, Tashkent:", b"LOCATION:").replace(
        b"DTSTART;TZID=Asia/Tashkent:20261204T090000",
        b"DTSTART;TZID=Asia/Tashkent;VALUE=DATE-TIME,DATE:20261204T090000")
    report = import_ics(db, data, default_tz="Asia/Tashkent")
    assert "Site visit" not in by_title(db)
    assert len(by_title(db)) == 3
    assert [(e.line, e.problems[0].message.split(" (")[0]) for e in report.skipped] == [
        ("40", "its DTSTART line")]


def test_google_holidays_and_invitations(db: Database) -> None:
    """No SUMMARY (optional in RFC 5545), an RDATE date with a Z, a SEQUENCE past 32 bits and
    a CREATED in ISO form skipped whole events; two revisions of one invitation clashed."""
    report = import_ics(db, fixture("google_holidays_invites.ics"), default_tz="UTC")
    posts = by_title(db)
    assert sorted(posts) == ["(no title)", "Ambassador's birthday", "Embassy town hall",
                             "Visa Q&A (moved)"]
    assert report.skipped == []
    assert posts["(no title)"]["all_day"] and posts["(no title)"]["start"] == "2026-12-08"
    assert posts["Ambassador's birthday"]["rrule"] == "FREQ=YEARLY"
    assert posts["Visa Q&A (moved)"]["start"].startswith("2026-12-17T10:00")  # X-WR-TIMEZONE
    warnings = "\n".join(report.warnings)
    assert "event 4 (UID invite-8@google.com, line 36): an older revision of event 5" in warnings
    assert "its SEQUENCE line (line 32) cannot be read" in warnings
    assert "its RDATE line (line 21) cannot be read" in warnings
    again = import_ics(db, fixture("google_holidays_invites.ics"), default_tz="UTC")
    assert (again.created, again.updated, again.unchanged) == (0, 0, 4)


def test_two_revisions_that_nothing_tells_apart_still_clash(db: Database) -> None:
    data = fixture("google_holidays_invites.ics").replace(b"SEQUENCE:1\r\n", b"SEQUENCE:0\r\n")
    data = data.replace(b"DTSTAMP:20261103T080000Z", b"DTSTAMP:20261102T080000Z")
    report = import_ics(db, data, default_tz="UTC")
    assert "Visa Q&A (first time)" in by_title(db)
    assert [e.problems[0].message for e in report.skipped] == [
        "the UID appears twice in the file (also event 4)"]


def test_apple_and_outlook_rules_and_zones(db: Database) -> None:
    """A yearly rule ending before its start (Apple's holiday calendars), RSCALE=GREGORIAN
    (RFC 7529), spaces in BYDAY, two SUMMARY lines, and Outlook 2007's display-name TZID whose
    comma the VTIMEZONE escapes while the TZID parameter quotes it."""
    report = import_ics(db, fixture("apple_outlook_rules.ics"), default_tz="Asia/Tashkent")
    posts = by_title(db)
    assert report.skipped == []
    assert sorted(posts) == ["Christmas Day", "Media monitoring call", "Regional call",
                             "Year-end review"]
    assert not posts["Christmas Day"]["rrule"] and posts["Christmas Day"]["start"] == "2026-12-25"
    assert posts["Year-end review"]["rrule"] == "FREQ=YEARLY;COUNT=3"
    assert posts["Media monitoring call"]["rrule"].startswith("FREQ=WEEKLY;UNTIL=20261218T0900")
    assert "BYDAY=MO,WE,FR" in posts["Media monitoring call"]["rrule"]
    call = datetime.fromisoformat(posts["Regional call"]["start"])
    assert (call.hour, call.minute, call.utcoffset().total_seconds()) == (9, 30, 8 * 3600)
    assert posts["Regional call"]["duration_minutes"] == 10
    export = export_ics(list_posts(db), [])
    check_export(export)


def test_rscale_gregorian_with_another_skip_is_skipped_with_its_reason(db: Database) -> None:
    data = fixture("apple_outlook_rules.ics").replace(
        b"RSCALE=GREGORIAN;FREQ=YEARLY;COUNT=3", b"RSCALE=GREGORIAN;FREQ=YEARLY;SKIP=FORWARD")
    report = import_ics(db, data, default_tz="Asia/Tashkent")
    assert [e.problems[0].message for e in report.skipped] == [
        "RRULE 'RSCALE=GREGORIAN;FREQ=YEARLY;SKIP=FORWARD' moves an occurrence that falls on a "
        "missing day (SKIP=FORWARD, RFC 7529), which Attaché cannot repeat"]


def test_lone_cr_line_endings_are_read(db: Database) -> None:
    """Lotus Notes and classic Mac OS programs end lines with CR alone; icalendar then saw no
    BEGIN:VCALENDAR and the file was refused."""
    data = fixture("google_holidays_invites.ics").replace(b"\r\n", b"\r")
    report = import_ics(db, data, default_tz="UTC")
    assert report.created == 4 and report.skipped == []
    assert any("invite-7@google.com, line 27)" in w for w in report.warnings)


def test_an_empty_exdate_excludes_nothing(db: Database) -> None:
    data = fixture("google_holidays_invites.ics").replace(
        b"RRULE:FREQ=YEARLY\r\n", b"RRULE:FREQ=YEARLY\r\nEXDATE:\r\n")
    report = import_ics(db, data, default_tz="UTC")
    assert report.skipped == []
    assert by_title(db)["Ambassador's birthday"]["exdates"] in ("", None, [])
    assert any("an empty EXDATE line was ignored" in w for w in report.warnings)


def test_calendar_import_json(cli, tmp_path: Path) -> None:  # noqa: ANN001
    import json

    path = tmp_path / "foreign.ics"
    path.write_bytes(fixture("unrepresentable.ics"))
    code, out, _ = cli("calendar", "import", str(path), "--json")
    report = json.loads(out)
    assert code == 1
    assert report["created"] == 1 and report["updated"] == 0
    backwards = report["skipped"][1]
    assert (backwards["where"], backwards["line"]) == (
        "event 2 (UID backwards@planner.example, line 15)", "15")
    assert backwards["reason"].startswith("it ends before it starts")
    assert len(report["skipped"]) == 4
    path.write_bytes(b"not a calendar")
    code, out, _ = cli("calendar", "import", str(path), "--json")
    assert code == 1 and json.loads(out)["refused"].startswith("this is not an iCalendar")
