"""Talking to servers, for every kind of source: the HTTP client with its limits, proxies,
TLS and deadlines (``fetch``), and when to ask a server again — intervals, Retry-After,
back-off (``schedule``). Feeds and every social adapter use these."""
