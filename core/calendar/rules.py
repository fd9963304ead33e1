"""When an observance falls: the rule forms stored in ``Observance.rule`` and their expansion.

A rule is a small JSON object so that packs, the user's own observances and imports all say
"when" the same way, and so that a rule written today still expands correctly for 2031:

* ``{"type": "fixed", "month": 12, "day": 10}`` — every year; ``"days": 16`` makes a span
  (25 Nov + 16 days is 25 Nov–10 Dec), ``"from_year"`` starts it later. 29 Feb only in leap years.
* ``{"type": "nth_weekday", "month": 11, "weekday": 3, "n": 4}`` — weekday 0 is Monday;
  ``n`` 1..5 counts from the start of the month, -1..-5 from the end (-1 is the last).
* ``{"type": "dates", "dates": ["2027-03-09"]}`` — explicit dates (optional ``"days"``).
* ``{"type": "holidays", "country": "UZ", "name": "Independence Day"}`` — whatever the offline
  ``holidays`` package says, including its estimates for the Eids; "(observed)" days are skipped.
* ``{"type": "template", "month": 5, "day": 15, "confirmed": {"2027": "2027-05-20"}}`` — a
  programme deadline: the confirmed date for a year when there is one, else the template date,
  marked estimated.
* ``{"type": "days_off", "country": "UZ"}`` — the public days off that are no holiday of their
  own: a holiday moved off a weekend ("Women's Day (observed)") and working days swapped for
  rest days by decree ("Day off (substituted from 2026-12-12)"). Each is one occurrence whose
  ``note`` says which; they are days a post may meet an empty audience, so the plan checks
  warn about them and the calendar must show them.

Pure functions over dates: no database, no network.
"""

from __future__ import annotations

import calendar
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import holidays

RULE_TYPES = ("fixed", "nth_weekday", "dates", "holidays", "template", "days_off")
MAX_SPAN_DAYS = 366

# The holidays package marks its own guesses in the name: "Eid al-Adha (estimated)",
# "Eid al-Adha (observed, estimated)". One trailing parenthetical carries those flags.
_FLAGS = re.compile(r"\s*\(([^()]*)\)\s*$")
# Bridge and substitute days off are public holidays (the checks warn about them) but not
# holidays of their own: packs list them under one "days off" observance per country.
NOT_HOLIDAYS = re.compile(
    r"^(additional (day off|public holiday)|day off|non-working day|(new year|may) holidays)\b",
    re.IGNORECASE)
_US_DATE = re.compile(r"\b(\d{1,2})/(\d{1,2})/(\d{4})\b")

_FIELDS = {
    "fixed": {"type", "month", "day", "days", "from_year"},
    "nth_weekday": {"type", "month", "weekday", "n", "days", "from_year"},
    "dates": {"type", "dates", "days"},
    "holidays": {"type", "country", "name"},
    "template": {"type", "month", "day", "confirmed"},
    "days_off": {"type", "country"},
}


@dataclass(frozen=True, order=True)
class Occurrence:
    """One time an observance falls; ``end`` is inclusive (== ``start`` for a single day)."""

    start: date
    end: date
    estimated: bool
    note: str = ""  # which day off it is (days_off rules)


# ---------------------------------------------------------------------------- validation

def validate(rule: dict) -> None:
    """Raise ``ValueError`` saying what is wrong with ``rule``; return None when it is usable."""
    if not isinstance(rule, dict):
        raise ValueError(f"a rule is a JSON object, not {type(rule).__name__}")
    kind = rule.get("type")
    if kind not in RULE_TYPES:
        raise ValueError(f"unknown rule type {kind!r}; one of {', '.join(RULE_TYPES)}")
    unknown = sorted(set(rule) - _FIELDS[kind])
    if unknown:
        raise ValueError(f"{kind} rule: unknown field {unknown[0]!r}")
    if "days" in rule:
        _int(rule, "days", 1, MAX_SPAN_DAYS)
    if "from_year" in rule:
        _int(rule, "from_year", 1, 9999)
    if kind in ("fixed", "template"):
        _month_day(rule, kind)
    elif kind == "nth_weekday":
        _int(rule, "month", 1, 12)
        _int(rule, "weekday", 0, 6)
        n = _int(rule, "n", -5, 5)
        if n == 0:
            raise ValueError("nth_weekday rule: n must be 1..5, or -1..-5 counting from the "
                             "end of the month (-1 is the last); 0 means nothing")
    elif kind == "dates":
        dates = rule.get("dates")
        if not isinstance(dates, list) or not dates:
            raise ValueError("dates rule: 'dates' must be a non-empty list of YYYY-MM-DD")
        for text in dates:
            _iso_date(text, "dates rule")
    elif kind in ("holidays", "days_off"):
        country = rule.get("country")
        if not isinstance(country, str) or country.upper() not in _supported_countries():
            raise ValueError(f"holidays rule: country {country!r} is not one the holidays "
                             "package knows (ISO 3166-1 alpha-2, e.g. 'UZ')")
        name = rule.get("name", "-") if kind == "holidays" else "-"
        if not isinstance(name, str) or not name.strip():
            raise ValueError("holidays rule: 'name' must be the holiday's name, e.g. "
                             "'Independence Day'")
    if kind == "template":
        confirmed = rule.get("confirmed", {})
        if not isinstance(confirmed, dict):
            raise ValueError("template rule: 'confirmed' must map a year to its date, e.g. "
                             '{"2027": "2027-05-20"}')
        for year, text in confirmed.items():
            day = _iso_date(text, "template rule")
            if str(day.year) != str(year):
                raise ValueError(f"template rule: the confirmed date {text} is not in {year}")


def _int(rule: dict, field: str, low: int, high: int) -> int:
    value = rule.get(field)
    # bool is an int in Python; true is not a month.
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueError(f"{rule['type']} rule: {field!r} must be a whole number, not "
                         f"{value!r}")
    if not low <= value <= high:
        raise ValueError(f"{rule['type']} rule: {field} {value} is outside {low}..{high}")
    return value


def _month_day(rule: dict, kind: str) -> None:
    month = _int(rule, "month", 1, 12)
    longest = calendar.monthrange(2000, month)[1]  # a leap year: 29 Feb is allowed
    day = rule.get("day")
    if not isinstance(day, int) or isinstance(day, bool) or not 1 <= day <= longest:
        raise ValueError(f"{kind} rule: {calendar.month_name[month]} has no day {day!r} "
                         f"(1..{longest})")


def _iso_date(text: Any, where: str) -> date:
    if not isinstance(text, str):
        raise ValueError(f"{where}: {text!r} is not a YYYY-MM-DD date")
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"{where}: {text!r} is not a YYYY-MM-DD date") from None


@functools.cache
def _supported_countries() -> frozenset[str]:
    return frozenset(holidays.list_supported_countries())


# ---------------------------------------------------------------------------- expansion

def expand(rule: dict, start: date, end: date) -> list[Occurrence]:
    """Every occurrence of ``rule`` overlapping [start, end] (inclusive), sorted.

    A span that begins before ``start`` (16 Days from 25 Nov, asked about 1–5 Dec) or in the
    previous year (a span from 28 Dec, asked about January) is found.
    """
    validate(rule)
    if end < start:
        return []
    kind = rule["type"]
    length = timedelta(days=rule.get("days", 1) - 1)
    # Spans reach forward, so a span that overlaps ``start`` may have begun a year earlier.
    years = range((start - length).year, end.year + 1)
    if kind == "fixed":
        found = _fixed(rule, years, length)
    elif kind == "nth_weekday":
        found = _nth_weekday(rule, years, length)
    elif kind == "dates":
        found = (Occurrence(d, d + length, False)
                 for d in (date.fromisoformat(t) for t in rule["dates"]))
    elif kind == "holidays":
        found = _holiday_occurrences(rule["country"].upper(), rule["name"], start, end)
    elif kind == "days_off":
        found = _days_off(rule["country"].upper(), start, end)
    else:
        found = _template(rule, years)
    return sorted({o for o in found if o.end >= start and o.start <= end})


def _fixed(rule: dict, years: Iterable[int], length: timedelta) -> Iterable[Occurrence]:
    month, day = rule["month"], rule["day"]
    for year in years:
        if year < rule.get("from_year", 1):
            continue
        if (month, day) == (2, 29) and not calendar.isleap(year):
            continue
        first = date(year, month, day)
        yield Occurrence(first, first + length, False)


def _nth_weekday(rule: dict, years: Iterable[int], length: timedelta) -> Iterable[Occurrence]:
    month, weekday, n = rule["month"], rule["weekday"], rule["n"]
    for year in years:
        if year < rule.get("from_year", 1):
            continue
        last_day = calendar.monthrange(year, month)[1]
        matching = [d for d in range(1, last_day + 1) if date(year, month, d).weekday() == weekday]
        if abs(n) > len(matching):  # no fifth Friday this month
            continue
        first = date(year, month, matching[n - 1 if n > 0 else n])
        yield Occurrence(first, first + length, False)


def _template(rule: dict, years: Iterable[int]) -> Iterable[Occurrence]:
    confirmed = rule.get("confirmed", {})
    for year in years:
        if str(year) in confirmed:
            day = date.fromisoformat(confirmed[str(year)])
            yield Occurrence(day, day, False)
            continue
        # A deadline happens every year: a 29 Feb template falls on 28 Feb otherwise.
        day_of_month = min(rule["day"], calendar.monthrange(year, rule["month"])[1])
        day = date(year, rule["month"], day_of_month)
        yield Occurrence(day, day, True)


# ---------------------------------------------------------------------------- holidays

def split_holiday_name(raw: str) -> tuple[str, bool, bool]:
    """``"Eid al-Adha (observed, estimated)"`` -> ``("Eid al-Adha", estimated, observed)``."""
    match = _FLAGS.search(raw)
    if not match:
        return raw.strip(), False, False
    flags = match.group(1).lower()
    return raw[:match.start()].strip(), "estimated" in flags, "observed" in flags


@functools.lru_cache(maxsize=1024)
def _year_holidays(country: str, year: int) -> tuple[tuple[date, str], ...]:
    """The holidays package's table for one country and year, cached: building it is slow-ish.

    English names (``en_US``) whatever the country's default language, so rule names match.
    """
    try:
        table = holidays.country_holidays(country, years=year, language="en_US")
    except NotImplementedError:
        raise ValueError(f"the holidays package does not know country {country!r}") from None
    return tuple(sorted(table.items()))


def _entries(country: str, first_year: int, last_year: int) -> Iterable[tuple[date, str]]:
    """(day, one name) pairs; the package joins two holidays on one day with "; "."""
    for year in range(first_year, last_year + 1):
        for day, joined in _year_holidays(country, year):
            for name in joined.split("; "):
                yield day, name


def _holiday_occurrences(country: str, name: str, start: date,
                         end: date) -> list[Occurrence]:
    # Neighbouring years too, so a run of days crossing New Year is joined whole.
    days: dict[date, bool] = {}
    for day, raw in _entries(country, start.year - 1, end.year + 1):
        base, estimated, observed = split_holiday_name(raw)
        if base == name and not observed:
            days[day] = days.get(day, False) or estimated
    # Consecutive days of one holiday (Nowruz 21–24 March in Tajikistan) are one occurrence.
    found: list[Occurrence] = []
    for day in sorted(days):
        previous = found[-1] if found else None
        if previous and day == previous.end + timedelta(days=1):
            found[-1] = Occurrence(previous.start, day, previous.estimated or days[day])
        else:
            found.append(Occurrence(day, day, days[day]))
    return found


def _days_off(country: str, start: date, end: date) -> list[Occurrence]:
    found = []
    for day, joined in holiday_dates(country, start, end).items():
        names = joined.split("; ")
        if all(_is_day_off(n) for n in names):
            _, estimated, _ = split_holiday_name(names[0])
            found.append(Occurrence(day, day, estimated, "; ".join(names)))
    return found


def _is_day_off(raw: str) -> bool:
    base, _, observed = split_holiday_name(raw)
    return observed or bool(NOT_HOLIDAYS.match(base))


def holiday_names(country: str, first_year: int, last_year: int) -> dict[str, bool]:
    """Every base holiday name of ``country`` in those years -> whether any date is estimated.

    Observed-only names ("Christmas Day (observed)") count under their base name.
    """
    names: dict[str, bool] = {}
    for _, raw in _entries(country.upper(), first_year, last_year):
        base, estimated, _ = split_holiday_name(raw)
        names[base] = names.get(base, False) or estimated
    return names


def holiday_dates(country: str, start: date, end: date) -> dict[date, str]:
    """All public holidays of ``country`` in [start, end], observed days included, named as
    the holidays package names them (e.g. "Eid al-Adha (observed, estimated)")."""
    if end < start:
        return {}
    return {day: iso_dates(joined)
            for year in range(start.year, end.year + 1)
            for day, joined in _year_holidays(country.upper(), year)
            if start <= day <= end}


def iso_dates(text: str) -> str:
    """The holidays package writes "substituted from 12/12/2026" (US order): ISO instead, which
    no reader misreads and the interface can show in its own locale."""
    return _US_DATE.sub(lambda m: f"{m[3]}-{int(m[1]):02d}-{int(m[2]):02d}", text)
