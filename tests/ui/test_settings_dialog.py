"""The Settings dialog: round trip, inline problems, IT's locks, write-only secrets, the
database connection test and the Ctrl+, shortcut."""

from __future__ import annotations

from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton

from core import secrets
from core.settings import Settings
from desktop import settings_dialog as wiring
from desktop.context import AppContext
from ui.settings_dialog import SettingsDialog
from ui.settings_tabs.database import mask_password


@pytest.fixture
def dialog(ctx: AppContext, qtbot) -> SettingsDialog:  # noqa: ANN001
    widget = SettingsDialog(wiring.settings_data(ctx), ctx.window)
    qtbot.addWidget(widget)
    return widget


def _reopen(ctx: AppContext, qtbot) -> SettingsDialog:  # noqa: ANN001
    widget = SettingsDialog(wiring.settings_data(ctx), ctx.window)
    qtbot.addWidget(widget)
    return widget


def test_round_trip(ctx: AppContext, dialog: SettingsDialog, qtbot) -> None:  # noqa: ANN001
    changed: list[object] = []
    ctx.bus.settings_changed.connect(lambda: changed.append(True))
    dialog.saved.connect(lambda changes: wiring._after_save(ctx, changes))
    dialog.general.timezone.setCurrentText("Asia/Almaty")
    dialog.network.proxy.setText("http://proxy.mfa.local:8080")
    dialog.calendar.countries["KZ"].setChecked(True)
    dialog.calendar.countries["UZ"].setChecked(False)
    dialog.calendar.packs["programme"].setChecked(False)
    dialog.sentiment.positive.setValue(0.5)
    dialog.sentiment.negative.setValue(-0.2)
    dialog.general.interval.setValue(30)
    dialog.general.language.setCurrentIndex(dialog.general.language.findData("ru"))
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()

    assert dialog.result() == dialog.DialogCode.Accepted
    saved = Settings.load()
    assert saved.timezone == "Asia/Almaty"
    assert saved.proxy == "http://proxy.mfa.local:8080"
    assert saved.countries == ["KZ"]
    assert saved.packs == ["un", "us", "host"]
    assert (saved.sentiment_positive, saved.sentiment_negative) == (0.5, -0.2)
    assert saved.default_interval_minutes == 30
    assert saved.interface_language == "ru"
    assert changed == [True]
    assert "restart" in ctx.window.statusBar().currentMessage()

    again = _reopen(ctx, qtbot)
    assert again.general.timezone.currentText() == "Asia/Almaty"
    assert again.network.proxy.text() == "http://proxy.mfa.local:8080"
    assert [c for c, box in again.calendar.countries.items() if box.isChecked()] == ["KZ"]
    assert again.sentiment.positive.value() == 0.5
    assert again.changes() == {}  # nothing differs from what was loaded


def test_nothing_changed_writes_nothing(dialog: SettingsDialog) -> None:
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted
    assert not Settings.path().exists()


def test_invalid_values_are_shown_and_nothing_is_saved(dialog: SettingsDialog) -> None:
    dialog.general.timezone.setCurrentText("Asia/Atlantis")
    dialog.network.proxy.setText("proxy without scheme")
    dialog.save()
    assert dialog.result() != dialog.DialogCode.Accepted
    problem = dialog.fields["timezone"].error
    assert not problem.isHidden() and "Unknown time zone 'Asia/Atlantis'" in problem.text()
    assert "http://proxy.example:8080" in dialog.fields["proxy"].error.text()
    assert dialog.tabs.currentIndex() == dialog.fields["timezone"].tab
    assert not Settings.path().exists()

    dialog.general.timezone.setCurrentText("Asia/Tashkent")
    dialog.network.proxy.clear()
    dialog.sentiment.positive.setValue(-0.5)  # below the negative threshold
    dialog.save()
    assert "above the negative" in dialog.fields["sentiment_positive"].error.text()
    assert dialog.fields["timezone"].error.isHidden()
    assert not Settings.path().exists()


def test_time_zone_search_finds_part_of_a_name(dialog: SettingsDialog) -> None:
    completer = dialog.general.timezone.completer()
    completer.setCompletionPrefix("tashk")
    assert completer.currentCompletion() == "Asia/Tashkent"
    assert dialog.general.timezone.currentData() is None  # "this computer's zone" by default
    assert dialog.fields["timezone"].get() is None


def test_locked_keys_are_read_only_with_its_message(ctx: AppContext, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch,
                                                    qtbot) -> None:  # noqa: ANN001
    site = tmp_path / "site.toml"
    site.write_text('[defaults]\nproxy = "http://it-proxy:3128"\n'
                    '[locked]\nkeys = ["proxy", "database_url"]\n', encoding="utf-8")
    monkeypatch.setenv("ATTACHE_SITE_CONFIG", str(site))
    dialog = _reopen(ctx, qtbot)
    assert dialog.network.proxy.text() == "http://it-proxy:3128"
    assert not dialog.fields["proxy"].widget.isEnabled()
    assert "set by your IT department" in dialog.network.proxy.toolTip()
    assert str(site) in dialog.fields["proxy"].error.text()
    assert not dialog.fields["database_url"].widget.isEnabled()
    assert dialog.fields["timezone"].widget.isEnabled()
    dialog.network.proxy.setText("http://sneaky:1")  # even if changed somehow, it is not saved
    dialog.general.interval.setValue(45)
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted
    saved = Settings.load()
    assert (saved.proxy, saved.default_interval_minutes) == ("http://it-proxy:3128", 45)


def test_secrets_are_write_only(memory_keyring, dialog: SettingsDialog) -> None:  # noqa: ANN001
    status, field, _title = dialog.secrets.secret_rows["youtube"]
    clear = dialog.findChild(QPushButton, "secret-clear-youtube")
    assert status.text() == "not set" and not clear.isEnabled()  # nothing to clear
    assert field.echoMode() == QLineEdit.EchoMode.Password
    field.setText("AIza-very-secret")
    dialog.findChild(QPushButton, "secret-store-youtube").click()
    assert secrets.get_secret("youtube") == "AIza-very-secret"
    assert status.text() == "stored ✓" and clear.isEnabled()
    assert field.text() == ""

    dialog.secrets.other_name.setText("mastodon:mastodon.social")
    dialog.secrets.other_value.setText("tok-123")
    dialog.findChild(QPushButton, "other-secret-store").click()
    assert secrets.get_secret("mastodon:mastodon.social") == "tok-123"
    assert dialog.secrets.secret_rows["mastodon:mastodon.social"][0].text() == "stored ✓"
    texts = [w.text() for w in dialog.findChildren(QLabel) + dialog.findChildren(QLineEdit)]
    assert not any("AIza-very-secret" in t or "tok-123" in t for t in texts)

    clear.click()
    assert secrets.get_secret("youtube") is None
    assert status.text() == "not set" and not clear.isEnabled()


def test_stored_named_secrets_are_listed(ctx: AppContext, memory_keyring,  # noqa: ANN001
                                         qtbot) -> None:  # noqa: ANN001
    secrets.set_secret("facebook:usembassytashkent", "EAAB-page-token")
    dialog = _reopen(ctx, qtbot)
    status, field, title = dialog.secrets.secret_rows["facebook:usembassytashkent"]
    assert status.text() == "stored ✓" and field.text() == ""
    assert "usembassytashkent" in title.text()


def test_each_own_channel_s_publishing_secret_is_listed_before_it_is_set(
        ctx: AppContext, memory_keyring, qtbot) -> None:  # noqa: ANN001
    """The officer sees which token each channel still needs (and what it needs) in the tab,
    not first in a refused send; setting it there is what the send looks up."""
    from tests.publishing import own_source

    own_source(ctx.db, "telegram", "https://t.me/usembassytashkent", title="Embassy channel")
    dialog = _reopen(ctx, qtbot)
    status, field, title = dialog.secrets.secret_rows["telegram-bot:usembassytashkent"]
    assert status.text() == "not set"
    assert "Embassy channel" in title.text() and "administrator" in title.text()
    field.setText("123:bot-token")
    dialog.findChild(QPushButton, "secret-store-telegram-bot:usembassytashkent").click()
    assert secrets.get_secret("telegram-bot:usembassytashkent") == "123:bot-token"
    assert status.text() == "stored ✓"


def test_test_connection_on_good_and_bad_urls(dialog: SettingsDialog, db_url: str) -> None:
    dialog.database.db_sqlite.setChecked(True)
    dialog.database.db_path.setText(db_url.removeprefix("sqlite:///"))
    dialog.database.test_button.click()
    assert dialog.database.test_result.text().startswith("✓ ")
    assert "up to date" in dialog.database.test_result.text()

    dialog.database.db_server.setChecked(True)
    dialog.database.db_url.setText("postgresql+psycopg://attache:hunter2@127.0.0.1:1/attache")
    dialog.database.test_button.click()
    text = dialog.database.test_result.text()
    assert text.startswith("✗ Cannot connect to postgresql+psycopg://attache:***@127.0.0.1:1/")
    assert "hunter2" not in text
    assert dialog.database.test_button.isEnabled()


@pytest.mark.postgres
def test_test_connection_on_postgresql(dialog: SettingsDialog, pg_url: str) -> None:
    dialog.database.db_server.setChecked(True)
    dialog.database.db_url.setText(pg_url)
    dialog.database.test_button.click()
    assert dialog.database.test_result.text().startswith("✓ Connected")
    assert "empty" in dialog.database.test_result.text()


def test_database_choice_is_saved_and_the_password_stays_hidden(
        ctx: AppContext, dialog: SettingsDialog, tmp_path: Path, qtbot,  # noqa: ANN001
        memory_keyring) -> None:  # noqa: ANN001
    assert dialog.database.db_default.isChecked()
    assert dialog.findChild(QLineEdit, "data-folder").text() == str(
        wiring.paths.data_dir())
    url = "postgresql+psycopg://attache:hunter2@db.mfa/attache"
    dialog.database.db_server.setChecked(True)
    dialog.database.db_url.setText(url)
    dialog.save()
    assert dialog.result() == dialog.DialogCode.Accepted
    # The password went to the keyring; settings.json has the URL without it.
    assert Settings.load().database_url == "postgresql+psycopg://attache@db.mfa/attache"
    assert "hunter2" not in Settings.path().read_text(encoding="utf-8")
    assert secrets.get_secret("database:attache@db.mfa:5432/attache") == "hunter2"
    assert wiring.database_url.resolve_db_url() == url

    again = _reopen(ctx, qtbot)
    assert again.database.db_server.isChecked()
    assert again.database.db_url.text() == mask_password(url) == (
        "postgresql+psycopg://attache:***@db.mfa/attache")
    assert again.changes() == {}  # the masked text stands for the stored URL
    assert "database:attache@db.mfa:5432/attache" in again.secrets.secret_rows
    _status, _field, title = again.secrets.secret_rows["database:attache@db.mfa:5432/attache"]
    assert "Database password" in title.text()
    again.database.db_sqlite.setChecked(True)
    again.save()
    assert "database_url" in again.fields and not again.fields["database_url"].error.isHidden()
    again.database.db_path.setText(str(tmp_path / "mine.db"))
    again.save()
    assert Settings.load().database_url == f"sqlite:///{tmp_path / 'mine.db'}"


def test_editing_the_server_keeps_the_masked_password(
        ctx: AppContext, qtbot, memory_keyring) -> None:  # noqa: ANN001
    settings = Settings.load()
    settings.set("database_url", "postgresql+psycopg://attache:hunter2@db.mfa/attache")
    settings.save()
    dialog = _reopen(ctx, qtbot)
    dialog.database.db_url.setText("postgresql+psycopg://attache:***@db.mfa/attache_test")
    assert dialog.changes() == {
        "database_url": "postgresql+psycopg://attache:hunter2@db.mfa/attache_test"}
    dialog.save()
    assert Settings.load().database_url == "postgresql+psycopg://attache@db.mfa/attache_test"
    assert secrets.get_secret("database:attache@db.mfa:5432/attache_test") == "hunter2"


def test_test_connection_uses_the_typed_or_the_stored_password(
        ctx: AppContext, qtbot, memory_keyring,  # noqa: ANN001
        monkeypatch: pytest.MonkeyPatch) -> None:
    from core.storage import connection_test

    tried: list[str] = []
    monkeypatch.setattr(connection_test, "test_connection",
                        lambda url: (tried.append(url), (True, "Connected"))[1])
    secrets.set_secret("database:attache@db.mfa:5432/attache", "stored-pw")
    dialog = _reopen(ctx, qtbot)
    dialog.database.db_server.setChecked(True)
    dialog.database.db_url.setText("postgresql+psycopg://attache@db.mfa/attache")
    dialog.database.test_button.click()
    dialog.database.db_url.setText("postgresql+psycopg://attache:typed-pw@db.mfa/attache")
    dialog.database.test_button.click()
    assert tried == ["postgresql+psycopg://attache:stored-pw@db.mfa/attache",
                     "postgresql+psycopg://attache:typed-pw@db.mfa/attache"]
    assert "pw" not in dialog.database.test_result.text()


def test_a_password_without_a_keyring_is_refused_and_nothing_saved(
        dialog: SettingsDialog, monkeypatch: pytest.MonkeyPatch) -> None:
    import keyring
    from keyring.backends import fail
    from PySide6.QtWidgets import QMessageBox

    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda _parent, _title, text: warnings.append(text))
    previous = keyring.get_keyring()  # another test's memory keyring may be the default
    keyring.set_keyring(fail.Keyring())
    try:
        dialog.database.db_server.setChecked(True)
        dialog.database.db_url.setText("postgresql+psycopg://attache:hunter2@db.mfa/attache")
        dialog.save()
    finally:
        keyring.set_keyring(previous)
    [text] = warnings
    assert ".pgpass" in text and "hunter2" not in text
    assert dialog.result() != dialog.DialogCode.Accepted
    assert not Settings.path().exists()


def test_tools_menu_entry_and_shortcut(ctx: AppContext, qtbot) -> None:  # noqa: ANN001
    action = wiring.install(ctx)
    assert action in ctx.window.menus["tools"].actions()
    assert QKeySequence("Ctrl+,") in action.shortcuts()
    assert action.shortcutContext() == Qt.ShortcutContext.WindowShortcut
    action.trigger()
    dialog = ctx.window.findChild(SettingsDialog)
    assert dialog is not None and dialog.isVisible()
    dialog.reject()


def test_closing_during_a_slow_connection_test(ctx: AppContext, db_url: str,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    pending: list[tuple] = []  # the test still waits on a slow server

    def run(job, *, on_done, on_error, kind, name):  # noqa: ANN001, ANN202
        pending.append((job, on_done))

    monkeypatch.setattr(ctx.runner, "run", run)
    dialog = wiring.open_settings(ctx)
    dialog.database.db_sqlite.setChecked(True)
    dialog.database.db_path.setText(db_url.removeprefix("sqlite:///"))
    dialog.database.test_button.click()
    assert dialog.database.test_result.text() == "Connecting…"
    dialog.reject()  # deleted on close
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not shiboken6.isValid(dialog)
    [(job, on_done)] = pending
    on_done(job(None))  # the late answer is dropped, not shown on a deleted dialog


def test_no_keyring_is_said_before_a_token_is_typed(ctx: AppContext, no_os_keyring: None,  # noqa: ANN001
                                                     qtbot) -> None:  # noqa: ANN001
    dialog = _reopen(ctx, qtbot)
    notice = dialog.findChild(QLabel, "no-keyring")
    assert not notice.isHidden()  # on the Secrets tab, above the first field
    assert notice.text().startswith("<b>There is no keyring")
    _status, field, _title = dialog.secrets.secret_rows["youtube"]
    assert not field.isEnabled() and not dialog.secrets.other_value.isEnabled()
    assert not dialog.findChild(QPushButton, "secret-store-youtube").isEnabled()


def test_with_a_keyring_the_notice_is_hidden(memory_keyring, dialog: SettingsDialog) -> None:  # noqa: ANN001
    assert dialog.findChild(QLabel, "no-keyring").isHidden()
    assert dialog.secrets.secret_rows["youtube"][1].isEnabled()


def test_problems_start_with_a_capital() -> None:
    from ui.settings_tabs.form import sentence

    assert sentence("no OS keyring is available") == "No OS keyring is available"
    assert sentence("") == ""


def test_report_letterhead_round_trip(ctx: AppContext, dialog: SettingsDialog) -> None:
    """Issue 17: the embassy name, author and classification are set once in Settings."""
    dialog.reports.embassy_name.setText("  Посольство США в Ташкенте ")
    dialog.reports.prepared_by.setText("Dilnoza Karimova, Press Office")
    dialog.reports.classification.setText("UNCLASSIFIED")
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    saved = Settings.load()
    assert (saved.embassy_name, saved.prepared_by, saved.report_classification) == (
        "Посольство США в Ташкенте", "Dilnoza Karimova, Press Office", "UNCLASSIFIED")
    again = SettingsDialog(wiring.settings_data(ctx), ctx.window)
    assert again.reports.embassy_name.text() == "Посольство США в Ташкенте"
    assert again.reports.classification.text() == "UNCLASSIFIED"
    again.deleteLater()
