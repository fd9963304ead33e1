"""Counts as the interface language writes them: 63,206 in English, 63 206 in Russian.

Python's ``f"{n:,}"`` always groups with a comma, which reads as a decimal point in Russian.
The C locale (a bare test machine) omits grouping in Qt, so it keeps the English comma there.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale


def count_text(number: int) -> str:
    locale = QLocale()
    if locale.language() == QLocale.Language.C:
        return f"{number:,}"
    return locale.toString(number)
