"""A planner's quarter from the command line: the calendar CLI contract end to end."""

from __future__ import annotations

import json
from pathlib import Path

from tests.icscheck import check_export

POST_KEYS = {"id", "title", "status", "start", "end", "all_day", "tz", "channels", "campaign",
             "observance_id", "version"}
OBSERVANCE_KEYS = {"id", "name", "date", "end", "category", "country", "lead_days", "estimated",
                   "source_url"}




def ok(cli, *args: str) -> str:  # noqa: ANN001
    code, out, err = cli(*args)
    assert code == 0, err
    return out


def test_a_quarter_planned_exported_and_reimported(cli, tmp_path: Path) -> None:  # noqa: ANN001
    ok(cli, "config", "set", "timezone", "Asia/Tashkent")
    ok(cli, "config", "set", "countries", "UZ")
    campaign = ok(cli, "campaigns", "add", "16 Days", "--color", "#7b2cbf", "--from",
                  "2026-11-25", "--to", "2026-12-10", "--hashtag", "OrangeTheWorld").strip()
    assert campaign.isdigit()
    ok(cli, "sources", "add", "https://facebook.example/usembassytashkent", "--no-check")

    hr_day = ok(cli, "posts", "add", "--title", "Human Rights Day: Посольство США",
                "--at", "2026-12-10 10:00", "--channel", "1", "--campaign", "16 Days",
                "--status", "draft", "--body", "Draft text").strip()
    orange = ok(cli, "posts", "add", "--title", "Orange the World", "--date", "2026-11-25",
                "--campaign", "16 Days").strip()
    weekly = ok(cli, "posts", "add", "--title", "Weekly visa Q&A", "--at", "2026-12-03 16:00",
                "--tz", "Asia/Tashkent", "--rrule", "FREQ=WEEKLY;BYDAY=TH;COUNT=6").strip()
    assert hr_day.isdigit() and orange.isdigit() and weekly.isdigit()

    posts = json.loads(ok(cli, "posts", "list", "--from", "2026-11-01", "--to", "2026-12-31",
                          "--json"))
    assert [p["title"] for p in posts] == ["Orange the World", "Weekly visa Q&A",
                                            "Human Rights Day: Посольство США"]
    hr = posts[-1]
    assert POST_KEYS <= hr.keys()
    assert (hr["start"], hr["tz"], hr["channels"], hr["campaign"], hr["version"]) == (
        "2026-12-10T10:00:00+05:00", "Asia/Tashkent", [1], "16 Days", 1)
    assert posts[0]["all_day"] is True and posts[0]["start"] == "2026-11-25"
    filtered = json.loads(ok(cli, "posts", "list", "--status", "draft", "--json"))
    assert [p["id"] for p in filtered] == [int(hr_day)]

    ok(cli, "posts", "update", hr_day, "--status", "approved", "--expect-version", "1")
    code, _, err = cli("posts", "update", hr_day, "--title", "Stale edit",
                       "--expect-version", "1")
    assert code == 1 and "changed by someone else" in err and "status" in err

    days = json.loads(ok(cli, "observances", "list", "--from", "2026-11-01", "--to",
                         "2026-12-31", "--json"))
    assert days and OBSERVANCE_KEYS <= days[0].keys()
    by_name = {d["name"]: d for d in days}
    human_rights = next(d for d in days if d["date"] == "2026-12-10" and d["category"] == "un"
                        and "Human Rights" in d["name"])
    assert human_rights["source_url"].startswith("https://")
    sixteen = next(d for d in days if d["date"] == "2026-11-25" and d["end"] == "2026-12-10")
    assert sixteen["category"] == "un"
    assert any(d["category"] == "host" and d["country"] == "UZ" for d in days)  # 8 Dec
    assert any(d["category"] == "us" for d in by_name.values())  # Thanksgiving, Christmas
    un_only = json.loads(ok(cli, "observances", "list", "--from", "2026-11-20", "--to",
                            "2026-12-31", "--category", "un", "--json"))
    assert {d["category"] for d in un_only} == {"un"}

    ics_file = tmp_path / "plan.ics"
    out = ok(cli, "calendar", "export", "--from", "2026-11-01", "--to", "2026-12-31",
             "--format", "ics", "-o", str(ics_file))
    assert "exported 3 posts" in out
    text = ics_file.read_text(encoding="utf-8")
    check_export(ics_file.read_bytes())
    assert text.startswith("BEGIN:VCALENDAR") and "TZID=Asia/Tashkent" in text
    assert text.count("BEGIN:VEVENT") == 3 + len(days)
    again = tmp_path / "again.ics"
    ok(cli, "calendar", "export", "--from", "2026-11-01", "--to", "2026-12-31",
       "--format", "ics", "-o", str(again), "--observances", "none")
    assert again.read_text(encoding="utf-8").count("BEGIN:VEVENT") == 3
    out = ok(cli, "calendar", "import", str(ics_file))
    assert "created 0, updated 0" in out  # our own export changes nothing

    for fmt in ("csv", "xlsx"):
        target = tmp_path / f"plan.{fmt}"
        ok(cli, "calendar", "export", "--from", "2026-11-01", "--to", "2026-12-31",
           "--format", fmt, "-o", str(target), "--observances", "un", "--status", "approved")
        assert target.stat().st_size > 0
    assert (tmp_path / "plan.csv").read_bytes().startswith(b"\xef\xbb\xbf")

    ok(cli, "posts", "delete", orange)
    assert len(json.loads(ok(cli, "posts", "list", "--json"))) == 2


def test_calendar_cli_errors_are_one_line(cli) -> None:  # noqa: ANN001
    code, _, err = cli("posts", "add", "--title", "x", "--at", "10/12/2026 10am")
    assert code == 2 and "YYYY-MM-DD HH:MM" in err
    code, _, err = cli("posts", "add", "--title", "x", "--date", "2026-12-10", "--tz", "Nowhere")
    assert code == 1 and "unknown time zone" in err and err.count("\n") == 1
    code, _, err = cli("posts", "update", "999", "--title", "x")
    assert code == 1 and "no planned post 999" in err
    code, _, err = cli("observances", "list", "--from", "2026-12-31", "--to", "2026-01-01")
    assert code == 1 and "before" in err
    code, _, err = cli("calendar", "import", "/nonexistent/plan.ics")
    assert code == 1 and "no such file" in err


def test_rules_that_never_happen_or_break_rfc_5545_are_refused_in_one_line(cli) -> None:  # noqa: ANN001
    """A rule with no occurrence from the post's start saved the post where no list, calendar
    or export shows it; INTERVAL=0 gave 5,000 copies of one moment and an export the strict
    parser could not finish; UNTIL with COUNT is forbidden by RFC 5545 §3.3.10."""
    start = ("--at", "2026-12-01 10:00", "--tz", "Asia/Tashkent")
    for rule, words in (
            ("FREQ=WEEKLY;BYDAY=TU;UNTIL=20261201T040000Z", "never happens: its UNTIL is "
                                                         "before the post's start (2026-12-01"),
            ("FREQ=DAILY;UNTIL=20261130", "never happens"),
            ("FREQ=WEEKLY;COUNT=0", "COUNT=0; COUNT must be a whole number of at least 1"),
            ("FREQ=WEEKLY;COUNT=-1", "COUNT=-1; COUNT must be"),
            ("FREQ=DAILY;INTERVAL=0", "INTERVAL=0; INTERVAL must be"),
            ("FREQ=WEEKLY;UNTIL=20270101;COUNT=3", "has both UNTIL and COUNT")):
        code, out, err = cli("posts", "add", "--title", "x", *start, "--rrule", rule)
        assert (code, out) == (1, ""), rule
        assert words in err and err.count("\n") == 1, err
    assert json.loads(ok(cli, "posts", "list", "--json")) == []
    # The same rule is fine from a start it reaches; moving the start past UNTIL is refused.
    post = ok(cli, "posts", "add", "--title", "Weekly", *start, "--rrule",
              "FREQ=WEEKLY;BYDAY=TU;UNTIL=20261215T060000Z").strip()
    code, _, err = cli("posts", "update", post, "--at", "2026-12-22 10:00")
    assert code == 1 and "never happens" in err
    assert [p["start"] for p in json.loads(ok(cli, "posts", "list", "--json"))] == [
        "2026-12-01T10:00:00+05:00"]


def test_posts_update_reads_a_new_time_in_the_posts_own_zone(cli) -> None:  # noqa: ANN001
    """Without --tz, an update's --at moved the post into the officer's default zone: a
    Tashkent post rescheduled from a laptop set to UTC ended up at 11:00 UTC."""
    post = ok(cli, "posts", "add", "--title", "Briefing", "--at", "2026-12-01 10:00", "--tz",
              "Asia/Tashkent").strip()
    ok(cli, "posts", "update", post, "--at", "2026-12-02 11:00")
    (saved,) = json.loads(ok(cli, "posts", "list", "--json"))
    assert (saved["start"], saved["tz"]) == ("2026-12-02T11:00:00+05:00", "Asia/Tashkent")
    ok(cli, "posts", "update", post, "--at", "2026-12-02 11:00", "--tz", "Europe/Berlin")
    (saved,) = json.loads(ok(cli, "posts", "list", "--json"))
    assert (saved["start"], saved["tz"]) == ("2026-12-02T11:00:00+01:00", "Europe/Berlin")


def test_an_export_that_cannot_be_written_is_one_plain_line(cli, tmp_path: Path) -> None:  # noqa: ANN001
    """A missing folder was "unexpected error: FileNotFoundError …"."""
    target = tmp_path / "no such folder" / "plan.ics"
    code, out, err = cli("calendar", "export", "--from", "2026-12-01", "--to", "2026-12-31",
                         "--format", "ics", "-o", str(target))
    assert (code, out) == (1, "")
    assert err == f"attache: cannot write {target}: No such file or directory\n"


def test_posts_at_takes_iso_8601_as_planners_paste_it(cli) -> None:  # noqa: ANN001
    """A planner pastes what `posts list --json` printed, or an ISO time with a T: the T form
    is the post's wall clock; a time with an offset is that moment, in the post's zone."""
    post = ok(cli, "posts", "add", "--title", "Briefing", "--at", "2026-12-01T10:00", "--tz",
              "Asia/Tashkent").strip()
    (saved,) = json.loads(ok(cli, "posts", "list", "--json"))
    assert saved["start"] == "2026-12-01T10:00:00+05:00"
    ok(cli, "posts", "update", post, "--at", "2026-12-02T06:30:00Z")
    (saved,) = json.loads(ok(cli, "posts", "list", "--json"))
    assert (saved["start"], saved["tz"]) == ("2026-12-02T11:30:00+05:00", "Asia/Tashkent")
    ok(cli, "posts", "update", post, "--at", saved["start"].replace("11:30", "12:45"))
    (saved,) = json.loads(ok(cli, "posts", "list", "--json"))
    assert saved["start"] == "2026-12-02T12:45:00+05:00"
    for bad in ("2026-12-02T25:00", "2026-12-02", "2026-12-02T10:00+5", "tomorrow 10:00"):
        code, _, err = cli("posts", "update", post, "--at", bad)
        assert code == 2 and "YYYY-MM-DD HH:MM" in err, bad
