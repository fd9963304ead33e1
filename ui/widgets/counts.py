"""Counted nouns in the interface language: "1 item", "2 items"; «1 элемент», «5 элементов».

Qt picks the plural form for a number only through ``%n`` in a ``tr`` call, and lupdate
marks a message as plural only when it is written ``self.tr(text, "", n)`` on a class — not
for the ``QCoreApplication.translate`` calls in module-level code. Code outside a widget (the
desktop wiring, table columns, notifications) takes its counts from here, and composes them
into its sentence: ``"Refreshed {0}: {1}".format(counts().sources(3), counts().new_items(12))``.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QObject


class Counts(QObject):
    """One method per counted thing; each is a plural message (context "Counts")."""

    def items(self, n: int) -> str:
        return self.tr("%Ln item(s)", "", n)

    def new_items(self, n: int) -> str:
        return self.tr("%Ln new item(s)", "", n)

    def replies(self, n: int) -> str:
        return self.tr("%Ln reply(ies)", "", n)

    def new_replies(self, n: int) -> str:
        return self.tr("%Ln new reply(ies)", "", n)

    def sources(self, n: int) -> str:
        return self.tr("%Ln source(s)", "", n)

    def posts(self, n: int) -> str:
        return self.tr("%Ln post(s)", "", n)

    def channels(self, n: int) -> str:
        return self.tr("%Ln channel(s)", "", n)

    def observance_days(self, n: int) -> str:
        return self.tr("%Ln observance day(s)", "", n)

    def analysed_replies(self, n: int) -> str:
        return self.tr("%Ln analysed reply(ies)", "", n)

    def invalid_addresses(self, n: int) -> str:
        return self.tr("%Ln invalid address(es)", "", n)

    def stories(self, n: int) -> str:
        return self.tr("%Ln story(ies)", "", n)

    def groups(self, n: int) -> str:
        return self.tr("%Ln group(s)", "", n)

    def errors(self, n: int) -> str:
        return self.tr("%Ln error(s)", "", n)

    def failed(self, n: int) -> str:
        return self.tr("%Ln failed", "", n)

    def already_there(self, n: int) -> str:
        return self.tr("%Ln already there", "", n)

    def mentions(self, n: int) -> str:
        return self.tr("%Ln mention(s)", "", n)

    def watch_hits(self, n: int) -> str:
        return self.tr("%Ln watch-term hit(s)", "", n)

    def days(self, n: int) -> str:
        return self.tr("%n day(s)", "", n)

    def weeks(self, n: int) -> str:
        return self.tr("%n week(s)", "", n)

    def days_ago(self, n: int) -> str:
        return self.tr("%n day(s) ago", "", n)

    def starter_sources(self, n: int) -> str:
        return self.tr("%n starter source(s)", "", n)


@cache
def counts() -> Counts:
    """The one instance (translations are looked up at each call, so a language installed
    later still applies)."""
    return Counts()
