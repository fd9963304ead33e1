"""Observance rules: fixed days, weekday rules, spans, explicit dates, holidays and templates."""

from __future__ import annotations

import re
from datetime import date

import pytest

from core.calendar import rules
from core.calendar.rules import Occurrence, expand, holiday_dates, validate

SIXTEEN_DAYS = {"type": "fixed", "month": 11, "day": 25, "days": 16}


def day(text: str, estimated: bool = False) -> Occurrence:
    d = date.fromisoformat(text)
    return Occurrence(d, d, estimated)


def test_fixed_day_each_year() -> None:
    rule = {"type": "fixed", "month": 12, "day": 10}
    assert expand(rule, date(2026, 1, 1), date(2027, 12, 31)) == [
        day("2026-12-10"), day("2027-12-10")]


def test_fixed_range_bounds_are_inclusive() -> None:
    rule = {"type": "fixed", "month": 12, "day": 10}
    assert expand(rule, date(2026, 12, 10), date(2026, 12, 10)) == [day("2026-12-10")]
    assert expand(rule, date(2026, 12, 11), date(2027, 12, 9)) == []


def test_empty_range_gives_nothing() -> None:
    assert expand({"type": "fixed", "month": 1, "day": 1}, date(2027, 1, 2),
                  date(2026, 1, 1)) == []


def test_29_february_only_in_leap_years() -> None:
    rule = {"type": "fixed", "month": 2, "day": 29}
    found = expand(rule, date(2023, 1, 1), date(2032, 12, 31))
    assert [o.start for o in found] == [date(2024, 2, 29), date(2028, 2, 29),
                                        date(2032, 2, 29)]


def test_from_year() -> None:
    rule = {"type": "fixed", "month": 6, "day": 19, "from_year": 2021}
    found = expand(rule, date(2019, 1, 1), date(2022, 12, 31))
    assert [o.start.year for o in found] == [2021, 2022]


def test_last_monday_of_may_is_us_memorial_day() -> None:
    rule = {"type": "nth_weekday", "month": 5, "weekday": 0, "n": -1}
    assert expand(rule, date(2027, 1, 1), date(2027, 12, 31)) == [day("2027-05-31")]
    assert expand(rule, date(2026, 1, 1), date(2026, 12, 31)) == [day("2026-05-25")]
    memorial = {"type": "holidays", "country": "US", "name": "Memorial Day"}
    assert expand(memorial, date(2027, 1, 1), date(2027, 12, 31)) == [day("2027-05-31")]


def test_fourth_thursday_of_november_is_thanksgiving() -> None:
    rule = {"type": "nth_weekday", "month": 11, "weekday": 3, "n": 4}
    assert expand(rule, date(2026, 1, 1), date(2026, 12, 31)) == [day("2026-11-26")]
    assert expand(rule, date(2027, 11, 1), date(2027, 11, 30)) == [day("2027-11-25")]


def test_fifth_weekday_only_where_the_month_has_one() -> None:
    # Fridays: May 2026 has five (1, 8, 15, 22, 29); June 2026 only four.
    may = {"type": "nth_weekday", "month": 5, "weekday": 4, "n": 5}
    june = {"type": "nth_weekday", "month": 6, "weekday": 4, "n": 5}
    assert expand(may, date(2026, 1, 1), date(2026, 12, 31)) == [day("2026-05-29")]
    assert expand(june, date(2026, 1, 1), date(2026, 12, 31)) == []


def test_sixteen_days_span() -> None:
    found = expand(SIXTEEN_DAYS, date(2026, 1, 1), date(2026, 12, 31))
    assert found == [Occurrence(date(2026, 11, 25), date(2026, 12, 10), False)]


def test_span_found_from_a_range_inside_it() -> None:
    found = expand(SIXTEEN_DAYS, date(2026, 12, 1), date(2026, 12, 5))
    assert found == [Occurrence(date(2026, 11, 25), date(2026, 12, 10), False)]
    # the day after it ends: nothing
    assert expand(SIXTEEN_DAYS, date(2026, 12, 11), date(2026, 12, 31)) == []


def test_span_crossing_the_new_year() -> None:
    rule = {"type": "fixed", "month": 12, "day": 28, "days": 7}
    found = expand(rule, date(2027, 1, 1), date(2027, 1, 31))
    assert found == [Occurrence(date(2026, 12, 28), date(2027, 1, 3), False)]
    # and asked about the whole of 2027, the one starting in December 2027 too
    found = expand(rule, date(2027, 1, 1), date(2027, 12, 31))
    assert [o.start for o in found] == [date(2026, 12, 28), date(2027, 12, 28)]


def test_nth_weekday_span() -> None:
    # A week from the first Monday of October.
    rule = {"type": "nth_weekday", "month": 10, "weekday": 0, "n": 1, "days": 7}
    assert expand(rule, date(2026, 10, 10), date(2026, 10, 10)) == [
        Occurrence(date(2026, 10, 5), date(2026, 10, 11), False)]


def test_explicit_dates() -> None:
    rule = {"type": "dates", "dates": ["2028-01-05", "2027-03-09", "2027-10-01"]}
    assert expand(rule, date(2027, 1, 1), date(2027, 12, 31)) == [
        day("2027-03-09"), day("2027-10-01")]
    spanned = {"type": "dates", "dates": ["2027-03-09"], "days": 3}
    assert expand(spanned, date(2027, 3, 11), date(2027, 3, 20)) == [
        Occurrence(date(2027, 3, 9), date(2027, 3, 11), False)]


def test_holidays_rule_uzbek_independence_day() -> None:
    rule = {"type": "holidays", "country": "UZ", "name": "Independence Day"}
    assert expand(rule, date(2026, 1, 1), date(2027, 12, 31)) == [
        day("2026-09-01"), day("2027-09-01")]


def test_holidays_rule_estimated_eid_skips_observed_days() -> None:
    # The holidays package: 2027-05-16 "Eid al-Adha (estimated)", 2027-05-17
    # "Eid al-Adha (observed, estimated)" in Uzbekistan.
    rule = {"type": "holidays", "country": "UZ", "name": "Eid al-Adha"}
    found = expand(rule, date(2027, 1, 1), date(2027, 12, 31))
    assert found == [day("2027-05-16", estimated=True)]
    assert holiday_dates("UZ", date(2027, 5, 17), date(2027, 5, 17)) == {
        date(2027, 5, 17): "Eid al-Adha (observed, estimated)"}


def test_holidays_rule_consecutive_days_are_one_occurrence() -> None:
    # Tajikistan keeps Nowruz 21–24 March.
    rule = {"type": "holidays", "country": "TJ", "name": "International Nowruz Day"}
    assert expand(rule, date(2026, 3, 22), date(2026, 3, 22)) == [
        Occurrence(date(2026, 3, 21), date(2026, 3, 24), False)]


def test_holidays_rule_with_an_unknown_name_is_empty() -> None:
    rule = {"type": "holidays", "country": "UZ", "name": "Arbor Day"}
    assert expand(rule, date(2026, 1, 1), date(2026, 12, 31)) == []


def test_holiday_dates_includes_observed_days() -> None:
    found = holiday_dates("us", date(2027, 7, 1), date(2027, 7, 31))
    assert found == {date(2027, 7, 4): "Independence Day",
                     date(2027, 7, 5): "Independence Day (observed)"}
    assert holiday_dates("US", date(2027, 7, 31), date(2027, 7, 1)) == {}


def test_split_holiday_name() -> None:
    assert rules.split_holiday_name("Eid al-Adha (observed, estimated)") == (
        "Eid al-Adha", True, True)
    assert rules.split_holiday_name("Eid al-Fitr (estimated)") == ("Eid al-Fitr", True, False)
    assert rules.split_holiday_name("Independence Day") == ("Independence Day", False, False)


def test_template_confirmed_and_not() -> None:
    rule = {"type": "template", "month": 5, "day": 15, "confirmed": {"2027": "2027-05-20"}}
    found = expand(rule, date(2026, 1, 1), date(2028, 12, 31))
    assert found == [day("2026-05-15", estimated=True), day("2027-05-20"),
                     day("2028-05-15", estimated=True)]


def test_template_29_february_falls_back_to_28() -> None:
    rule = {"type": "template", "month": 2, "day": 29}
    found = expand(rule, date(2027, 1, 1), date(2028, 12, 31))
    assert [o.start for o in found] == [date(2027, 2, 28), date(2028, 2, 29)]


def test_occurrences_are_sorted() -> None:
    rule = {"type": "dates", "dates": ["2027-12-01", "2027-01-01", "2027-06-01"]}
    found = expand(rule, date(2027, 1, 1), date(2027, 12, 31))
    assert [o.start.month for o in found] == [1, 6, 12]


@pytest.mark.parametrize("rule", [
    {"type": "fixed", "month": 2, "day": 29},
    {"type": "fixed", "month": 12, "day": 31, "days": 16, "from_year": 2021},
    {"type": "nth_weekday", "month": 11, "weekday": 3, "n": 4},
    {"type": "nth_weekday", "month": 5, "weekday": 0, "n": -1, "days": 2},
    {"type": "dates", "dates": ["2027-03-09"]},
    {"type": "holidays", "country": "KZ", "name": "Republic Day"},
    {"type": "template", "month": 9, "day": 16, "confirmed": {"2026": "2026-09-18"}},
])
def test_valid_rules(rule: dict) -> None:
    validate(rule)


@pytest.mark.parametrize(("rule", "message"), [
    ([], "JSON object"),
    ({"type": "weekly"}, "unknown rule type 'weekly'"),
    ({"month": 1, "day": 1}, "unknown rule type None"),
    ({"type": "fixed", "month": 13, "day": 1}, "month 13 is outside 1..12"),
    ({"type": "fixed", "month": 0, "day": 1}, "month 0"),
    ({"type": "fixed", "month": 4, "day": 31}, "April has no day 31"),
    ({"type": "fixed", "month": 2, "day": 30}, "February has no day 30"),
    ({"type": "fixed", "month": "12", "day": 10}, "'month' must be a whole number"),
    ({"type": "fixed", "month": True, "day": 10}, "'month' must be a whole number"),
    ({"type": "fixed", "month": 12}, "December has no day None"),
    ({"type": "fixed", "month": 11, "day": 25, "days": 0}, "days 0 is outside"),
    ({"type": "fixed", "month": 11, "day": 25, "dayz": 16}, "unknown field 'dayz'"),
    ({"type": "nth_weekday", "month": 11, "weekday": 3, "n": 0}, "0 means nothing"),
    ({"type": "nth_weekday", "month": 11, "weekday": 7, "n": 1}, "weekday 7"),
    ({"type": "nth_weekday", "month": 11, "weekday": 3, "n": 6}, "n 6"),
    ({"type": "dates", "dates": []}, "non-empty list"),
    ({"type": "dates", "dates": ["2027-02-30"]}, "'2027-02-30' is not a YYYY-MM-DD"),
    ({"type": "holidays", "country": "XX", "name": "Independence Day"}, "country 'XX'"),
    ({"type": "holidays", "country": "UZ", "name": ""}, "'name' must be"),
    ({"type": "template", "month": 5, "day": 15, "confirmed": {"2027": "2028-05-20"}},
     "not in 2027"),
    ({"type": "template", "month": 5, "day": 15, "confirmed": ["2027-05-20"]},
     "'confirmed' must map"),
])
def test_invalid_rules(rule: dict, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        validate(rule)


def test_expand_validates() -> None:
    with pytest.raises(ValueError, match="unknown rule type"):
        expand({"type": "lunar"}, date(2026, 1, 1), date(2026, 12, 31))


def test_holiday_dates_unknown_country() -> None:
    with pytest.raises(ValueError, match="does not know country"):
        holiday_dates("XX", date(2026, 1, 1), date(2026, 12, 31))
