"""The welcome dialog: answers are saved, packs and starter sources set up, asked only once."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from core.feeds.opml import read_opml
from core.settings import Settings
from core.storage.database import Database
from core.storage.models import OBSERVANCES, SOURCES
from desktop import settings_dialog as wiring
from desktop.context import AppContext
from resources import DEFAULT_SOURCES_OPML
from ui.first_run import FirstRunDialog


def _count(db: Database, table) -> int:  # noqa: ANN001
    with db.read() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar_one()


def test_the_flow_saves_answers_and_sets_up(ctx: AppContext, db: Database) -> None:
    emitted: list[str] = []
    ctx.bus.sources_changed.connect(lambda: emitted.append("sources"))
    ctx.bus.settings_changed.connect(lambda: emitted.append("settings"))
    dialog = wiring.maybe_first_run(ctx)
    assert isinstance(dialog, FirstRunDialog) and dialog.isVisible()
    assert dialog.timezone.currentText()  # this computer's zone, preselected
    assert dialog.starter.isChecked()
    expected = len(read_opml(DEFAULT_SOURCES_OPML))
    assert str(expected) in dialog.starter.text()

    dialog.timezone.setCurrentText("Asia/Bishkek")
    dialog.countries["KG"].setChecked(True)
    dialog.packs["us"].setChecked(False)
    dialog.start_button.click()

    settings = Settings.load()
    assert settings.timezone == "Asia/Bishkek"
    assert settings.countries == ["UZ", "KG"]
    assert settings.packs == ["un", "host", "programme"]
    assert settings.first_run_done
    assert _count(db, SOURCES) == expected
    assert _count(db, OBSERVANCES) > 0
    assert {"sources", "settings"} <= set(emitted)
    assert "starter sources" in ctx.window.statusBar().currentMessage()
    assert wiring.maybe_first_run(ctx) is None  # asked once


def test_without_starter_sources(ctx: AppContext, db: Database) -> None:
    dialog = wiring.maybe_first_run(ctx)
    dialog.starter.setChecked(False)
    dialog.start_button.click()
    assert _count(db, SOURCES) == 0
    assert Settings.load().first_run_done
    assert wiring.maybe_first_run(ctx) is None


def test_a_bad_zone_is_shown_and_nothing_saved(ctx: AppContext) -> None:
    dialog = wiring.maybe_first_run(ctx)
    dialog.timezone.setCurrentText("Mars/Olympus")
    dialog.start_button.click()
    assert dialog.isVisible()
    assert "unknown time zone" in dialog.timezone_error.text()
    assert not Settings.path().exists()


def test_skip_keeps_defaults_and_is_not_asked_again(ctx: AppContext, db: Database) -> None:
    dialog = wiring.maybe_first_run(ctx)
    dialog.skip_button.click()
    settings = Settings.load()
    assert settings.first_run_done
    assert (settings.timezone, settings.countries) == (None, ["UZ"])
    assert _count(db, SOURCES) == 0
    assert wiring.maybe_first_run(ctx) is None


def test_a_database_with_sources_needs_no_welcome(ctx: AppContext, db: Database) -> None:
    from core.feeds.opml import import_opml

    import_opml(db, DEFAULT_SOURCES_OPML)
    assert wiring.maybe_first_run(ctx) is None
    assert Settings.load().first_run_done


def test_it_default_sources_are_offered(ctx: AppContext, db: Database, tmp_path,  # noqa: ANN001
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    opml = tmp_path / "mfa.opml"
    opml.write_text('<opml version="2.0"><body><outline text="MFA" '
                    'xmlUrl="https://mfa.example/rss.xml"/></body></opml>', encoding="utf-8")
    site = tmp_path / "site.toml"
    site.write_text(f'[defaults]\ndefault_sources = "{opml.name}"\ntimezone = "Asia/Dushanbe"\n'
                    '[locked]\nkeys = ["timezone"]\n', encoding="utf-8")
    monkeypatch.setenv("ATTACHE_SITE_CONFIG", str(site))
    dialog = wiring.maybe_first_run(ctx)
    assert "source chosen by your IT department: 1 feed" in dialog.starter.text()
    assert dialog.timezone.currentText() == "Asia/Dushanbe"
    assert not dialog.timezone.isEnabled()
    dialog.start_button.click()
    assert _count(db, SOURCES) == 1
    assert Settings.load().timezone == "Asia/Dushanbe"
