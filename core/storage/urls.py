"""Showing a database (or proxy) URL without its secrets.

SQLAlchemy's ``render_as_string(hide_password=True)`` hides only the ``user:password@`` part,
but libpq also reads a password from the query string (``?password=…``, ``sslpassword=…``) and
a ``passfile`` path points at more passwords. Every message, log line and CLI echo of a URL goes
through :func:`masked_url` so no caller can forget one of these.
"""

from __future__ import annotations

import re
from urllib.parse import quote_plus, urlsplit, urlunsplit

from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError

MASK = "***"
# libpq connection parameters that hold (or point at) a secret.
SENSITIVE_QUERY_KEYS = frozenset({"password", "passfile", "sslpassword"})
# A driver error quoting back a one- to three-character "password" would be garbled everywhere
# that text happens to occur ("does not e***ist") and would reveal it anyway; only scrub longer.
MIN_SCRUB_LENGTH = 4

_USERINFO_PASSWORD = re.compile(r"(//[^/?#@:]*:)[^/?#@]*@")
_QUERY_SECRET = re.compile(
    r"([?&](?:" + "|".join(sorted(SENSITIVE_QUERY_KEYS)) + r")=)[^&#]*", re.IGNORECASE)


def _is_sensitive(key: str) -> bool:
    return key.lower() in SENSITIVE_QUERY_KEYS


def masked_url(url: URL | str) -> str:
    """``url`` fit for messages and logs: the password and the secret query values masked.

    Text that is not a URL SQLAlchemy can read is masked by pattern instead, so even a typo'd
    URL echoed back never shows its password.
    """
    if isinstance(url, str):
        try:
            url = make_url(url.strip())
        except (ArgumentError, ValueError):
            return _masked_text(url)
    base = url.set(query={}).render_as_string(hide_password=True)
    if not url.query:
        return base
    pairs: list[str] = []
    for key in sorted(url.query):
        values = url.query[key]
        for value in (values,) if isinstance(values, str) else values:
            shown = MASK if _is_sensitive(key) else quote_plus(value)
            pairs.append(f"{quote_plus(key)}={shown}")
    return f"{base}?{'&'.join(pairs)}"


def _masked_text(text: str) -> str:
    return _QUERY_SECRET.sub(rf"\1{MASK}", _USERINFO_PASSWORD.sub(rf"\1{MASK}@", text))


def masked_proxy(value: str) -> str:
    """A proxy URL (``http://user:pass@proxy:8080``) with its password masked."""
    try:
        parts = urlsplit(value)
        has_password = parts.password is not None
    except ValueError:
        return _masked_text(value)
    if not has_password:
        return value
    host = parts.netloc.rpartition("@")[2]
    user = parts.username or ""
    return urlunsplit(parts._replace(netloc=f"{user}:{MASK}@{host}"))


def secrets_of(url: URL) -> list[str]:
    """The secret strings in ``url`` that are long enough to scrub from free text."""
    found = [str(url.password)] if url.password else []
    for key, values in url.query.items():
        if _is_sensitive(key):
            found.extend((values,) if isinstance(values, str) else values)
    return [secret for secret in found if len(secret) >= MIN_SCRUB_LENGTH]


def scrub(message: str, url: URL) -> str:
    """A driver's error text without the secrets of ``url`` (drivers may quote them back)."""
    for secret in sorted(secrets_of(url), key=len, reverse=True):
        message = message.replace(secret, MASK)
    return message
