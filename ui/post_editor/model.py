"""What the post editor holds and asks for: the draft it edits, the choices it offers, and
``PostEditorData``, its window onto core (wired by ``desktop/post_dialogs.py``)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any

from ui.post_editor.images import DraftImage

if TYPE_CHECKING:
    from ui.publish_panel import PublishingData

# Run ``job()`` in the background: (job, on_done, on_error, kind) with kind "read" or "write".
Runner = Callable[[Callable[[], Any], Callable[[Any], None], Callable[[BaseException], None],
                   str], None]


def run_now(job: Callable[[], Any], on_done: Callable[[Any], None],
            on_error: Callable[[BaseException], None], kind: str) -> None:
    """A ``Runner`` that runs at once (for previews and tests without a task runner)."""
    try:
        result = job()
    except Exception as exc:  # noqa: BLE001 - handed to the caller's error callback
        on_error(exc)
    else:
        on_done(result)


class SaveConflict(Exception):  # noqa: N818 - named for what the user sees
    """Someone else saved the post since it was loaded; ``str()`` says what they changed."""


@dataclass(frozen=True)
class ChannelChoice:
    """A channel a post can go out on: one of the embassy's accounts (a source)."""

    id: int
    label: str  # "Bluesky — usembassy.bsky.social"
    kind: str  # the source kind: bluesky, mastodon, telegram …
    platform: str  # what the counter calls it: "Bluesky"


@dataclass(frozen=True)
class ObservanceChoice:
    id: int
    label: str  # "10 Dec — Human Rights Day"


@dataclass
class PostDraft:
    """What the editor holds: a post as the officer has it now, saved or not."""

    post_id: int | None = None
    version: int | None = None
    title: str = ""
    body: str = ""
    status: str = "draft"
    day: date = field(default_factory=date.today)
    at: time | None = None  # None: an all-day post
    tz: str = "UTC"
    channels: list[int] = field(default_factory=list)
    campaign: str = ""
    observance_id: int | None = None
    notes: str = ""
    rrule: str = ""  # "" : a single post
    duration_minutes: int | None = None  # timed posts only; None: a moment, not a span
    # Who changed the status, when (core/publish/clearance.py): (ISO time, who, from, to),
    # oldest first. Shown under the status; never saved from here.
    history: tuple[tuple[str, str, str | None, str], ...] = ()
    images: tuple[DraftImage, ...] = ()  # in the order they go out

    def comparable(self) -> tuple:
        """What "unsaved changes" compares (not the id nor the version)."""
        return (self.title.strip(), self.body, self.status, self.day, self.at, self.tz,
                sorted(self.channels), self.campaign.strip(), self.observance_id,
                self.notes, self.rrule.strip(), self.duration_minutes or None, self.images)


@dataclass
class PostEditorData:
    """What the editor may ask of core."""

    load: Callable[[int], PostDraft]
    channels: Callable[[], Sequence[ChannelChoice]]
    campaigns: Callable[[], Sequence[str]]
    observances: Callable[[date], Sequence[ObservanceChoice]]  # around a day
    statuses: Sequence[str]  # every status, in workflow order
    next_statuses: Callable[[str], Sequence[str]]  # where a post may go from a status
    measure: Callable[[str, str], tuple[int, int | None]]  # (kind, text) -> (used, limit)
    check: Callable[[PostDraft], Sequence[str]]  # warnings on the plan with this draft in it
    save: Callable[[PostDraft], PostDraft]  # the saved post; raises SaveConflict
    delete: Callable[[int], None]
    time_zones: Callable[[], Sequence[str]]  # IANA names for the zone combo
    # (every, first day, until, count, all day) -> the RRULE of a "Repeat" preset
    repeat_rule: Callable[[str, date, date | None, int | None, bool], str]
    # (rrule, first day, all day) -> (every, until, count) of the preset it is, None: custom
    repeat_preset: Callable[[str, date, bool], tuple[str, date | None, int | None] | None]
    rrule_error: Callable[[str], str]  # "" when core accepts the RRULE, else why not
    default_tz: str = "UTC"
    tz_label: Callable[[str, date], str] = lambda tz, day: ""  # "UTC+05:00" on that day
    run: Runner = run_now
    publishing: PublishingData | None = None  # each channel's send (ui/publish_panel.py)
    alt_required: Callable[[], bool] = lambda: True  # the require_alt_text setting, now


def draft_from_prefill(prefill: dict, default_tz: str) -> PostDraft:
    """A new post from what the Calendar knows (the day clicked, an observance…)."""
    day = prefill.get("date") or date.today()
    if isinstance(day, datetime):
        day = day.date()
    return PostDraft(
        title=prefill.get("title") or "", body=prefill.get("body") or "",
        status=prefill.get("status") or "draft", day=day, at=prefill.get("time"),
        tz=prefill.get("tz") or default_tz, channels=list(prefill.get("channels") or []),
        campaign=prefill.get("campaign") or "", observance_id=prefill.get("observance_id"),
        notes=prefill.get("notes") or "", rrule=prefill.get("rrule") or "",
        duration_minutes=prefill.get("duration_minutes"))
