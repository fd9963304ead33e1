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


# Secrets a database URL may carry that belong in the OS keyring rather than settings.json:
# the login password (``user:pw@`` or ``?password=``) and the client key's passphrase.
# ``passfile`` is a path to IT's .pgpass, not a secret itself, so it stays in the URL.
URL_SECRETS = ("password", "sslpassword")


def split_secrets(url: str) -> tuple[str, dict[str, str]]:
    """``url`` without its secrets, and the secrets by kind (``password``, ``sslpassword``).

    A URL without secrets comes back exactly as given (no re-rendering surprises).
    """
    parsed = make_url(url.strip())
    found: dict[str, str] = {}
    if parsed.password:
        found["password"] = str(parsed.password)
    query: dict[str, str | tuple[str, ...]] = {}
    for key, values in parsed.query.items():
        kind = key.lower()
        if kind in URL_SECRETS:
            value = values if isinstance(values, str) else (values[0] if values else "")
            if value:
                found.setdefault(kind, value)  # user:pw@ wins over ?password=, as in libpq
        else:
            query[key] = values
    if not found and parsed.password is None:
        return url, {}
    bare = parsed._replace(password=None).set(query=query)
    return bare.render_as_string(hide_password=False), found


def with_secrets(url: str, found: dict[str, str]) -> str:
    """``url`` with the secrets of ``found`` it does not carry already (what the user typed
    wins over what is stored)."""
    if not found:
        return url
    parsed = make_url(url.strip())
    keys = {key.lower() for key in parsed.query}
    changed = False
    if found.get("password") and parsed.password is None and "password" not in keys:
        parsed = parsed.set(password=found["password"])
        changed = True
    extra = {kind: value for kind, value in found.items()
             if kind != "password" and value and kind not in keys}
    if extra:
        parsed = parsed.update_query_dict(extra)
        changed = True
    return parsed.render_as_string(hide_password=False) if changed else url


def split_proxy_password(url: str) -> tuple[str, str | None]:
    """A proxy URL (``http://user:pw@proxy:8080``) without its password, and the password
    (as written, percent-encoding kept, so putting it back gives the same URL)."""
    parts = urlsplit(url.strip())
    if parts.password is None:
        return url, None
    userinfo, _, host = parts.netloc.rpartition("@")
    user, _, password = userinfo.partition(":")
    return urlunsplit(parts._replace(netloc=f"{user}@{host}")), password


def with_proxy_password(url: str, password: str | None) -> str:
    """``url`` with ``password`` after its user name, when it names a user and has none."""
    parts = urlsplit(url.strip())
    if not password or parts.password is not None or "@" not in parts.netloc:
        return url
    user, _, host = parts.netloc.rpartition("@")
    return urlunsplit(parts._replace(netloc=f"{user}:{password}@{host}"))
