"""Feeds: fetching politely, parsing hostile input, and storing every item exactly once."""
