"""Every link the window opens goes through desktop.links, which refuses unsafe schemes."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices

from core.links import openable_link
from desktop import links
from tests.core.test_links import HOSTILE, SAFE

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def opened(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """What reached the system's URL opener (the one thing a test must not really call)."""
    seen: list[str] = []

    def fake_open(url: QUrl) -> bool:
        seen.append(url.toString())
        return True

    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(fake_open))
    return seen


@pytest.mark.parametrize("link", [h for h in HOSTILE if isinstance(h, str)])
def test_hostile_links_never_reach_the_opener(opened: list[str], link: str) -> None:
    assert links.open_external(link) is False
    # Qt may percent-encode a hostile string into a harmless one ("\x00" becomes "%00"): then
    # it may be opened, but only ever as a web address.
    links.open_external(QUrl(link))
    assert all(openable_link(url) and url.startswith(("http://", "https://")) for url in opened)


def test_safe_links_reach_the_opener(opened: list[str]) -> None:
    for link in SAFE:
        assert links.open_external(QUrl(link)) is True
    assert opened == [QUrl(link).toString() for link in SAFE]


def _opener_calls(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [f"{path.relative_to(ROOT)}:{node.lineno}" for node in ast.walk(tree)
            if isinstance(node, ast.Attribute) and node.attr == "openUrl"]


def test_only_desktop_links_calls_the_system_opener() -> None:
    """One door: a widget calling QDesktopServices.openUrl itself would bypass the rule."""
    door = ROOT / "desktop" / "links.py"
    offenders = [hit for folder in ("ui", "desktop")
                 for path in sorted((ROOT / folder).rglob("*.py")) if path != door
                 for hit in _opener_calls(path)]
    assert offenders == []
    assert _opener_calls(door), "the checker finds the call in desktop/links.py itself"
