"""Feeds: finding them, parsing hostile input, refreshing every source, reading and marking
items. What feeds share with the social adapters — HTTP, entries, sanitizing, storing — lives
in ``core.net`` and ``core.entries``."""
