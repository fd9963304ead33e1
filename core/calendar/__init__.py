"""The content calendar: planned posts, campaigns, observances, warnings, export and import."""
