"""Every ``attache`` command, declared once: its name, the one-line help ``attache --help``
shows, and the ``"module:function"`` that adds its parser (desktop/cli.py imports that module
only when the command runs; the top of desktop/cli.py says how to add a command).

A table of its own, importing nothing, because more than the parser reads it: build.spec
bundles each command's module and ``attache self-test`` imports each one
(desktop/named_modules.py), and the self-test is itself a command, so reading the table from
desktop/cli.py would make a circle.
"""

from __future__ import annotations

# name: (help shown by ``attache --help``, "module:function" that adds the command's parser)
COMMANDS: dict[str, tuple[str, str]] = {
    "sources": ("add, list and remove sources", "desktop.cli_feeds:add_sources"),
    "opml": ("import or export OPML", "desktop.cli_feeds:add_opml"),
    "refresh": ("fetch due sources", "desktop.cli_feeds:add_refresh"),
    "items": ("list and mark items", "desktop.cli_feeds:add_items"),
    "db": ("database maintenance", "desktop.cli_admin:add_db"),
    "config": ("show or change settings", "desktop.cli_admin:add_config"),
    "posts": ("plan posts", "desktop.cli_calendar:add_posts"),
    "campaigns": ("campaigns", "desktop.cli_calendar:add_campaigns"),
    "observances": ("observance days", "desktop.cli_calendar:add_observances"),
    "calendar": ("export and import the plan", "desktop.cli_calendar:add_calendar"),
    "publish": ("publish approved posts to the embassy's accounts, once",
                "desktop.cli_publish:add_publish"),
    "replies": ("replies to the embassy's posts", "desktop.cli_social:add_replies"),
    "watch": ("watch terms", "desktop.cli_social:add_watch"),
    "secrets": ("platform tokens in the OS keyring", "desktop.cli_social:add_secrets"),
    "sentiment": ("sentiment of replies", "desktop.cli_sentiment:add_sentiment"),
    "self-test": ("check this installation: database, feeds, sentiment, calendar, keyring, Qt",
                  "desktop.cli_admin:add_self_test"),
    "screenshots": ("render the app's views to PNG files", "desktop.cli_app:add_screenshots"),
    "demo": ("open the app on sample content (works offline)", "desktop.cli_app:add_demo"),
    "report": ("the media summary and the period report (Word, PDF, HTML, text, Excel)",
               "desktop.cli_report:add_report"),
}
