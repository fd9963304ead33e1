"""Counted words agree with their number in English and in Russian (Qt's %n forms): "1 item"
and "2 items"; «1 материал», «3 материала», «5 материалов»."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from desktop.i18n import install_translator
from ui.widgets.counts import Counts

TS = Path(__file__).resolve().parents[2] / "resources" / "i18n"


def test_english_forms(translators: list) -> None:
    counts = Counts()
    assert [counts.items(n) for n in (1, 2)] == ["1 item", "2 items"]
    assert [counts.replies(n) for n in (1, 5)] == ["1 reply", "5 replies"]
    assert [counts.sources(n) for n in (1, 3)] == ["1 source", "3 sources"]
    assert counts.items(12345) == "12,345 items"  # %Ln: the locale's digit grouping
    assert [counts.analysed_replies(n) for n in (1, 4)] == ["1 analysed reply",
                                                           "4 analysed replies"]


def test_russian_forms(qapp: QApplication, translators: list) -> None:
    translators += install_translator(qapp, "ru")
    counts = Counts()
    assert [counts.items(n) for n in (1, 3, 5, 21, 111)] == [
        "1 материал", "3 материала", "5 материалов", "21 материал", "111 материалов"]
    assert [counts.days(n) for n in (1, 2, 14)] == ["1 день", "2 дня", "14 дней"]


@pytest.mark.parametrize(("language", "forms"), [("en", 2), ("ru", 3)])
def test_every_plural_message_has_all_its_forms(language: str, forms: int) -> None:
    tree = ET.parse(TS / f"attache_{language}.ts")
    for message in tree.iter("message"):
        if message.get("numerus") == "yes":
            texts = [f.text or "" for f in message.iter("numerusform")]
            source = message.findtext("source")
            assert len(texts) == forms and all(texts), source
            assert all(("%n" in t or "%Ln" in t) for t in texts), source
            assert "(s)" not in " ".join(texts) and "(ies)" not in " ".join(texts), source


def test_no_counted_message_is_left_singular_in_english() -> None:
    """A message that says "{0} items" gets "1 items"; counted nouns go through %n."""
    import re

    root = Path(__file__).resolve().parents[2]
    pattern = re.compile(r"(tr|translate)\((\s*\"\w+\",)?\s*\"[^\"]*\{\d\} (\w+ )?(items|replies|"
                         r"sources|posts|days|errors|warnings|feeds|observances|characters|"
                         r"terms|stories|groups|addresses|pages|events|problems)\b")
    offenders = [str(p.relative_to(root)) for folder in ("ui", "desktop")
                 for p in (root / folder).rglob("*.py")
                 if pattern.search(p.read_text(encoding="utf-8"))]
    assert offenders == []


def test_no_message_writes_its_plural_as_s_in_brackets() -> None:
    """"1 problem(s)" is what a program says that cannot count: a message with "(s)" has
    its number as %n, so each language gets its own forms."""
    import re

    root = Path(__file__).resolve().parents[2]
    message = re.compile(r"(?:\btr|\btranslate)\((?:\s*\"\w+\",)?\s*((?:\"[^\"]*\"\s*)+)")
    offenders = [f"{p.relative_to(root)}: {found[:60]}" for folder in ("ui", "desktop")
                 for p in (root / folder).rglob("*.py")
                 for found in message.findall(p.read_text(encoding="utf-8"))
                 if re.search(r"\w\((s|ies|es)\)", found) and "%n" not in found
                 and "%Ln" not in found]
    assert offenders == []
