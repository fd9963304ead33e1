"""Add source downloads a feed once: the preview's responses serve the add and the first fetch.

The Add source dialog shows a preview, which means it has just downloaded the feed (and maybe
the page that links to it). Adding then discovered the feed again, and the officer had to
press F5 for a third download. ``ReusingFetcher`` wraps a fetcher with the responses of this
one dialog: a plain GET of a URL already read (same headers, no conditional request) is
answered from them; anything else goes to the network as usual. The responses are seconds
old and belong to one dialog, so they are as fresh as a fetch would be.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from core.net.fetch import Fetcher, FetchResult


class FetchedResponses:
    """The successful responses one Add source dialog has read, by URL and headers."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._found: dict[tuple[str, tuple], FetchResult] = {}
        self.reused = 0  # how many fetches they saved (tests, the log)

    @staticmethod
    def key(url: str, headers: dict[str, str] | None) -> tuple[str, tuple]:
        return url, tuple(sorted((headers or {}).items()))

    def get(self, url: str, headers: dict[str, str] | None) -> FetchResult | None:
        with self._lock:
            found = self._found.get(self.key(url, headers))
            if found is not None:
                self.reused += 1
            return found

    def keep(self, url: str, headers: dict[str, str] | None, result: FetchResult) -> None:
        if result.ok and result.body is not None:
            with self._lock:
                self._found[self.key(url, headers)] = result

    def __len__(self) -> int:
        return len(self._found)


class ReusingFetcher:
    """A fetcher that first looks in ``responses`` (and keeps what it fetches there)."""

    def __init__(self, fetcher: Fetcher, responses: FetchedResponses) -> None:
        self._fetcher = fetcher
        self.responses = responses

    def fetch(self, url: str, etag: str | None = None, last_modified: str | None = None,
              headers: dict[str, str] | None = None) -> FetchResult:
        plain = etag is None and last_modified is None
        if plain:
            found = self.responses.get(url, headers)
            if found is not None:
                return found
        result = self._fetcher.fetch(url, etag, last_modified, headers=headers)
        if plain:
            self.responses.keep(url, headers, result)
        return result

    def cancellable(self, cancel: threading.Event) -> ReusingFetcher:
        """The same reuse over the real fetcher's cancellable copy (a refresh cuts its
        fetches on Cancel through it)."""
        return ReusingFetcher(self._fetcher.cancellable(cancel), self.responses)

    def __getattr__(self, name: str) -> Any:  # limits, close(), sessions: the real fetcher's
        return getattr(self._fetcher, name)
