"""The one rule for which links Attaché may ever hand to the operating system.

Every link we show comes from someone else: a feed, a reply fetched from a hostile instance,
a CSV a colleague exported. Handing such a string to the OS URL opener runs whatever handler
its scheme names — ``file:///C:/Windows/System32/calc.exe`` starts a program, ``ms-msdt:`` is
the "Follina" exploit, ``smb://`` leaks the officer's Windows credentials to a remote host,
``javascript:`` and ``data:`` run script in a browser. Only web pages and e-mail addresses
are ever opened, exactly the schemes the reader's sanitizer keeps in feed HTML.

Links are checked twice: when stored (``stored_link`` turns an unsafe one into "no link", so
the database never holds one) and when opened (``openable_link``), because a database written
by an older version, a shared PostgreSQL server or a hand edit may still hold one.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

OPENABLE_SCHEMES = frozenset({"http", "https", "mailto"})
# Stored links are capped: a link is an address, not a document (a 1 MiB "url" is an attack
# on whatever lays it out).
MAX_LINK_LENGTH = 4096
# C0/C1 controls, DEL and the bidi/zero-width marks that make a link read differently from
# what it is ("https://good.example\u202e..."). Browsers strip tab/newline from URLs anyway;
# we refuse rather than guess.
_HIDDEN = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
# A plain web address — http(s), a host of letters, digits, dots and hyphens (no user, no
# port, no brackets), then visible ASCII other than a backslash — passes every check below;
# matching it first spares the parse for nearly every link a feed has (a refresh checks one
# per item).
_PLAIN_WEB = re.compile(r"https?://[A-Za-z0-9.-]+(?:[/?#][!-\[\]-~]*)?")


def openable_link(url: object) -> str | None:
    """``url`` cleaned of surrounding spaces if it is safe to open, else ``None``.

    Safe means: an ``http``/``https`` address with a host, or a ``mailto:`` address; no
    control or invisible characters; no longer than ``MAX_LINK_LENGTH``. The scheme is
    compared case-insensitively (``HTTPS://`` is fine, ``FILE:`` is not).
    """
    if not isinstance(url, str):
        return None
    candidate = url.strip()
    if not candidate or len(candidate) > MAX_LINK_LENGTH:
        return None
    if _PLAIN_WEB.fullmatch(candidate):
        return candidate
    return _parsed_link(candidate)


def _parsed_link(candidate: str) -> str | None:
    """``openable_link`` of a stripped candidate of allowed length, by parsing it."""
    if _HIDDEN.search(candidate):
        return None
    try:
        parts = urlsplit(candidate)
        host = parts.hostname
        parts.port  # noqa: B018 - raises ValueError on a port that is not a number
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in OPENABLE_SCHEMES:
        return None
    if scheme in ("http", "https"):
        # "http:evil" and "https:///x" have no host; a backslash makes Windows read the
        # rest as a UNC path in some openers.
        if not host or "\\" in candidate or not candidate[len(scheme):].startswith("://"):
            return None
    elif not parts.path or "@" not in parts.path:  # mailto:someone@example.org
        return None
    return candidate


def stored_link(url: object) -> str | None:
    """What to store for a link from outside: the link when it may be opened, else ``None``.

    Used where items, replies and sources are written, so an unsafe link from a feed, an
    instance or an imported file never reaches the database at all.
    """
    return openable_link(url)


def is_openable(url: object) -> bool:
    return openable_link(url) is not None
