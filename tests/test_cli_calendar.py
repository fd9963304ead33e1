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
