"""What each setting is: its built-in default and the values it accepts.

Pure definitions — no files, no keyring, no site.toml — so that ``core.siteconfig`` can check
IT's values against them while ``core.settings`` (which reads site.toml underneath the user's
file) sits above both. Before this split siteconfig and settings imported each other.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field, fields
from typing import Any
from urllib.parse import urlsplit

from core.errors import KnownError
from core.storage.urls import masked_proxy


@dataclass
class SettingsFields:
    """Every setting with its built-in default (``core.settings.Settings`` loads and saves)."""

    proxy: str | None = None  # e.g. http://proxy.mfa.local:8080; None = from the environment
    ca_bundle: str | None = None  # IT's CA bundle for TLS-inspecting proxies; None = system
    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    fetch_deadline: float = 60.0
    max_body_mib: float = 15.0
    workers: int = 8
    per_host: int = 2
    parse_in_processes: bool = True  # big refreshes parse on every core, off the GUI's GIL
    parse_processes: int = 0  # 0 = as many as cores, at most 4
    default_interval_minutes: int = 60
    timezone: str | None = None  # IANA zone for planning, e.g. Asia/Tashkent; None = this PC's
    post_gap_minutes: int = 120  # warn when two posts on one channel are closer than this
    # Host countries (ISO codes) whose public holidays and programme deadlines are shown.
    countries: list[str] = field(default_factory=lambda: ["UZ"])
    # Sentiment: the analyzer for English replies and its thresholds (measured on the dev set).
    sentiment_analyzer: str = "social-v1"
    sentiment_positive: float = 0.35
    sentiment_negative: float = -0.01
    # "Needs attention" counts a language only when its analyzer measured at least this
    # macro-F1 (held out, or cross-validated on the officer's labels); manual labels always.
    sentiment_min_quality: float = 0.5
    # Learn from the officer's labels (per language, stored in the database) and use what
    # measured better; learn again in the background after this many new labels (0: never).
    sentiment_learning: bool = True
    sentiment_relearn_every: int = 50
    # IT's own model (model.onnx, tokenizer.json, labels.json): needs attache[onnx].
    sentiment_model_dir: str | None = None
    # Observance packs shown in the calendar: un, us, host, programme.
    packs: list[str] = field(default_factory=lambda: ["un", "us", "host", "programme"])
    # Desktop app: background refresh while it runs, and tray notifications of what it found.
    auto_refresh: bool = True
    notifications: bool = True
    interface_language: str | None = None  # "en", "ru"…; None = the system's
    # Tone of coverage: score watched feed items too (off by default: English-only, noisy).
    coverage_sentiment: bool = False
    # Reports (media summary, period report): who they come from, and the classification line
    # printed on every page (free text the officer types, e.g. UNCLASSIFIED; "" prints none).
    embassy_name: str = ""
    prepared_by: str = ""
    report_classification: str = ""
    first_run_done: bool = False  # the app's welcome dialog has been answered
    # The officer's own database (e.g. the team's PostgreSQL); None = IT's default or SQLite in
    # the data folder. --db and $ATTACHE_DB_URL still win, and so does a site.toml lock.
    database_url: str | None = None
    # Publishing and clearance (core/publish). Who you are in a post's history and for
    # clearance; None = this computer's login name.
    user_name: str | None = None
    require_second_approver: bool = False  # approving needs someone other than the author
    require_alt_text: bool = True  # every image of a post needs a description
    auto_publish: bool = True  # the running app publishes approved posts when they are due
    publish_late_hours: int = 12  # a due post missed by more than this is not sent by itself
    all_day_publish_time: str = "09:00"  # when an all-day post goes out, in its own zone
    telegram_parse_mode: str = "HTML"  # HTML, MarkdownV2 or none: how post text is escaped


def builtin_defaults() -> dict[str, Any]:
    """Every setting's built-in value (fresh lists: callers may change theirs)."""
    plain = SettingsFields()
    return {spec.name: getattr(plain, spec.name) for spec in fields(SettingsFields)}


HOST_COUNTRIES = ("UZ", "KZ", "KG", "TJ", "TM")
PACKS = ("un", "us", "host", "programme")
# Text settings where "none" means "not set" (the environment's, this PC's, IT's default).
OPTIONAL_TEXT = ("proxy", "ca_bundle", "timezone", "interface_language", "database_url",
                 "sentiment_model_dir", "user_name")
TELEGRAM_PARSE_MODES = ("HTML", "MarkdownV2", "none")
PROXY_SCHEMES = ("http", "https", "socks4", "socks5", "socks5h")
# The smallest sensible value of number settings: a 0 s timeout or a 0-minute refresh
# interval would only fail (or hammer servers) later.
MINIMUMS: dict[str, float] = {
    "connect_timeout": 1, "read_timeout": 1, "fetch_deadline": 1, "max_body_mib": 1,
    "workers": 1, "per_host": 1, "parse_processes": 0, "default_interval_minutes": 5,
    "post_gap_minutes": 0, "sentiment_relearn_every": 0, "publish_late_hours": 0,
}


def check_setting(key: str, value: object) -> object:
    """Refuse values that would only fail later, far from where they were typed."""
    if isinstance(value, float) and not math.isfinite(value):  # "inf" seconds: no deadline
        raise KnownError(f"{key} must be a finite number, not {value!r}")
    if key == "timezone" and value:
        from core.calendar.timezones import zone

        zone(str(value))
    if key == "countries":
        value = [str(c).upper() for c in value]  # type: ignore[union-attr]
        unknown = [c for c in value if c not in HOST_COUNTRIES]
        if unknown:
            raise KnownError(f"no holiday pack for {unknown[0]}; host countries: "
                             f"{', '.join(HOST_COUNTRIES)}")
    if key == "packs":
        unknown = [p for p in value if p not in PACKS]  # type: ignore[union-attr]
        if unknown:
            raise KnownError(f"unknown pack {unknown[0]!r}; packs: {', '.join(PACKS)}")
    if key == "proxy" and value:
        _check_proxy(str(value))
    if key == "database_url" and value:
        _check_database_url(str(value))
    if key in ("sentiment_positive", "sentiment_negative") and not -1 <= float(value) <= 1:  # type: ignore[arg-type]
        raise KnownError(f"{key} must be between -1 and 1 (polarity runs from -1 to 1)")
    if key == "sentiment_min_quality" and not 0 <= float(value) <= 1:  # type: ignore[arg-type]
        raise KnownError("sentiment_min_quality must be between 0 and 1 (a macro-F1)")
    if key == "sentiment_model_dir" and value:
        from core.sentiment.onnx_model import check_model_dir

        check_model_dir(str(value))
    if key in MINIMUMS and value is not None and value < MINIMUMS[key]:  # type: ignore[operator]
        raise KnownError(f"{key} must be at least {MINIMUMS[key]:g}")
    if key == "telegram_parse_mode" and value not in TELEGRAM_PARSE_MODES:
        raise KnownError(f"telegram_parse_mode must be one of {', '.join(TELEGRAM_PARSE_MODES)}, "
                         f"not {value!r}")
    if key == "all_day_publish_time" and not re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d",
                                                          str(value)):
        raise KnownError(f"all_day_publish_time must be HH:MM (e.g. 09:00), not {value!r}")
    if key == "user_name" and value is not None and not str(value).strip():
        raise KnownError("user_name cannot be blank (none: this computer's login name)")
    if key == "interface_language" and value and not re.fullmatch(r"[a-z]{2,3}(_[A-Z]{2})?",
                                                                  str(value)):
        raise KnownError(f"interface_language must be a language code such as ru or en, "
                         f"not {value!r}")
    return value


def _check_proxy(value: str) -> None:
    parts = urlsplit(value)
    if parts.scheme.lower() not in PROXY_SCHEMES or not parts.hostname:
        raise KnownError(f"proxy must look like http://proxy.example:8080, "
                         f"not {masked_proxy(value)!r}")
    try:
        parts.port  # noqa: B018 - raises ValueError on a bad port
    except ValueError:
        raise KnownError(f"proxy {masked_proxy(value)!r} has a bad port number") from None


def _check_database_url(value: str) -> None:
    """A URL SQLAlchemy can read; the password never goes into the message."""
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        url = make_url(value)
    except ValueError:  # make_url's int() of a port such as "server:abc"
        raise KnownError("database_url has a port that is not a number (e.g. server:5432)"
                         ) from None
    except ArgumentError:
        raise KnownError("database_url is not a database URL (e.g. sqlite:///path/attache.db "
                         "or postgresql+psycopg://user@server/attache)") from None
    if url.get_backend_name() not in ("sqlite", "postgresql"):
        raise KnownError(f"database_url must be SQLite or PostgreSQL, not "
                         f"{url.get_backend_name()}")
