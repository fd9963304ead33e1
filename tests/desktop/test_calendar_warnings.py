"""Issue 13, calendar correctness: a recurring post is warned only on the occurrence that meets
a holiday, every day that can raise a warning is an observance the calendar shows, and the
dates in a warning are written the way the interface's locale writes them."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from PySide6.QtCore import QLocale

from core.calendar import rules
from core.calendar.checks import check_plan
from core.calendar.observances import ensure_packs, list_occurrences
from core.calendar.packs import HOST_COUNTRIES
from core.calendar.posts import PostFields, create_post
from core.settings import Settings
from core.storage.database import Database
from desktop.page_calendar import calendar_data, local_dates

TASHKENT = ZoneInfo("Asia/Tashkent")


@pytest.fixture
def russian_locale():  # noqa: ANN201
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.Russian, QLocale.Country.Russia))
    yield
    QLocale.setDefault(before)


def test_a_weekly_post_is_warned_only_on_the_holiday(db: Database) -> None:
    # Thursdays from 3 December: 31 December 2026 is a substituted day off in Uzbekistan.
    post_id = create_post(db, PostFields(
        title="Weekly visa Q&A", at=datetime(2026, 12, 3, 16, 0, tzinfo=TASHKENT),
        tz="Asia/Tashkent", rrule="FREQ=WEEKLY;BYDAY=TH;COUNT=6"))
    settings = Settings(countries=["UZ"])
    entries = calendar_data(db, settings).posts(date(2026, 12, 1), date(2027, 1, 31))
    warned = {e.start.date().isoformat(): e.warnings for e in entries if e.post_id == post_id}
    assert len(warned) == 6
    assert [day for day, found in warned.items() if found] == ["2026-12-31"]
    assert "Day off (substituted from" in warned["2026-12-31"][0]


def test_warning_dates_follow_the_interface_locale(russian_locale: None) -> None:
    assert local_dates("falls on Day off (substituted from 2026-12-12) (UZ)") == \
        "falls on Day off (substituted from 12.12.2026) (UZ)"


def test_the_holiday_names_never_carry_us_dates() -> None:
    names = rules.holiday_dates("UZ", date(2026, 12, 1), date(2026, 12, 31))
    assert names[date(2026, 12, 31)] == "Day off (substituted from 2026-12-12)"


@pytest.mark.parametrize("country", HOST_COUNTRIES)
def test_every_day_that_can_be_warned_about_is_an_observance(db: Database, country: str) -> None:
    """The checks warn on any public day off of the holidays package; the calendar and
    ``observances list`` show each of them (observed and substituted days included)."""
    first, last = date(2026, 1, 1), date(2027, 12, 31)
    ensure_packs(db, [country], ["host"])
    shown = {}
    for row in list_occurrences(db, first, last, countries=[country]):
        day = date.fromisoformat(row["date"])
        while day <= date.fromisoformat(row["end"]):
            shown.setdefault(day, []).append(row["name"])
            day = date.fromordinal(day.toordinal() + 1)
    missing = [(d, n) for d, n in rules.holiday_dates(country, first, last).items()
               if d not in shown]
    assert missing == []


def test_observances_list_names_the_substituted_day(cli) -> None:  # noqa: ANN001
    code, out, err = cli("observances", "list", "--from", "2026-12-31", "--to", "2026-12-31",
                         "--country", "UZ")
    assert code == 0, err
    assert "Day off in Uzbekistan: Day off (substituted from 2026-12-12)" in out


def test_the_cli_check_and_the_calendar_agree(db: Database) -> None:
    post_id = create_post(db, PostFields(title="New Year's Eve video", day=date(2026, 12, 31),
                                         tz="Asia/Tashkent"))
    [warning] = check_plan(db, date(2026, 12, 1), date(2026, 12, 31), countries=("UZ",))
    assert (warning.post_id, warning.kind, warning.date) == (post_id, "holiday", "2026-12-31")
