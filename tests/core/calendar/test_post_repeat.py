"""Repeat presets for the post editor: the rule each preset writes, and reading it back."""

from __future__ import annotations

from datetime import date

import pytest

from core.calendar.posts import preset_rrule, rrule_preset, valid_rrule
from core.errors import KnownError

THURSDAY = date(2026, 11, 26)


@pytest.mark.parametrize(("every", "kwargs", "rule"), [
    ("daily", {}, "FREQ=DAILY"),
    ("weekly", {}, "FREQ=WEEKLY;BYDAY=TH"),
    ("monthly", {}, "FREQ=MONTHLY;BYMONTHDAY=26"),
    ("weekly", {"count": 8}, "FREQ=WEEKLY;BYDAY=TH;COUNT=8"),
    ("weekly", {"until": date(2026, 12, 31)}, "FREQ=WEEKLY;BYDAY=TH;UNTIL=20261231T235959"),
    ("daily", {"until": date(2026, 12, 31), "all_day": True}, "FREQ=DAILY;UNTIL=20261231"),
])
def test_presets_write_rules_core_accepts_and_read_back(every: str, kwargs: dict,
                                                       rule: str) -> None:
    written = preset_rrule(every, THURSDAY, **kwargs)
    assert written == rule
    assert valid_rrule(written)
    found = rrule_preset(written, THURSDAY, all_day=kwargs.get("all_day", False))
    assert found == (every, kwargs.get("until"), kwargs.get("count"))


def test_rules_that_are_no_preset_stay_custom() -> None:
    assert rrule_preset("FREQ=WEEKLY;BYDAY=TU,TH;COUNT=8", THURSDAY) is None
    assert rrule_preset("FREQ=WEEKLY;BYDAY=MO", THURSDAY) is None  # another weekday
    assert rrule_preset("FREQ=WEEKLY;INTERVAL=2;BYDAY=TH", THURSDAY) is None
    assert rrule_preset("FREQ=YEARLY", THURSDAY) is None
    assert rrule_preset("RRULE:FREQ=WEEKLY;BYDAY=TH", THURSDAY) == ("weekly", None, None)


def test_an_unknown_preset_is_refused() -> None:
    with pytest.raises(KnownError, match="unknown repetition"):
        preset_rrule("hourly", THURSDAY)
