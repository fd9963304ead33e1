"""The Settings dialog's tabs, one widget each: General, Network, Database, Calendar, Sentiment
and Secrets (``ui/settings_dialog.py`` puts them together, checks and saves)."""
