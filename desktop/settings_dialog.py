"""Wires the Settings dialog (Tools → Settings…, Ctrl+,) and the first-run welcome to core.

``ui/settings_dialog.py`` and ``ui/first_run.py`` only see callables; here they become
``core.settings`` (load, check, save; site.toml's locks), ``core.secrets`` (the keyring, which
also holds the database password), the connection test, the observance packs and the starter
sources. After a save the bus announces ``settings_changed`` so pages re-read what they use.
"""

from __future__ import annotations

import logging
import sys
import zoneinfo
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence

from core import database_url, paths, secrets, siteconfig
from core.calendar.timezones import local_zone_name
from core.errors import KnownError
from core.platforms import PLATFORMS
from core.platforms import platform as platform_record
from core.settings import Settings, check_setting
from desktop.links import open_folder
from ui.widgets.counts import counts

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDialog, QWidget

    from core.storage.database import Database
    from desktop.context import AppContext
    from ui.first_run import FirstRunChoice, FirstRunData
    from ui.settings_dialog import SettingsData

log = logging.getLogger("attache.desktop")
translate = QCoreApplication.translate  # lupdate finds translate("Context", "text") calls

# Secrets adapters look up without a qualifier (core.secrets), with what each is for (their
# platform records, core/platforms.py); named ones are listed as stored.
GENERAL_SECRETS = {p.key: p.general_token for p in PLATFORMS if p.general_token}
# Changes that only apply to a new process: the database is opened, the translator installed
# once at start-up.
RESTART_KEYS = ("database_url", "interface_language")


# ---------------------------------------------------------------------------- shared pieces

def _values(ctx: AppContext) -> dict[str, Any]:
    """The settings the app runs with, as the dialogs show them."""
    return asdict(ctx.settings.current())


def _dialog_values(ctx: AppContext) -> dict[str, Any]:
    """The settings with the database password from the keyring put back into the URL, in
    memory only: the dialog shows it masked, an unchanged field keeps it, and Test connection
    uses it. Saving moves it into the keyring again (``Settings.save``)."""
    values = _values(ctx)
    if values.get("database_url"):
        values["database_url"] = secrets.with_database_secrets(values["database_url"])
    return values


def _locked() -> dict[str, str]:
    site = siteconfig.load_site_config()
    return {key: site.lock_message(key) for key in site.locked}


def _check(key: str, value: Any) -> str | None:
    try:
        check_setting(key, value)
    except (KnownError, ValueError) as exc:
        return str(exc)
    if key == "ca_bundle" and value and not Path(value).expanduser().is_file():
        return translate("SettingsDialog", "No such file: {0}").format(value)
    return None


def _save(changes: dict[str, Any], ctx: AppContext | None = None) -> str | None:
    """Write the changed keys to settings.json (a problem in words, or None); ``ctx``'s
    settings then read the file again."""
    try:
        settings = Settings.load()
        site = siteconfig.load_site_config()
        for key, value in changes.items():
            if key in site.locked:
                raise KnownError(site.lock_message(key))
            setattr(settings, key, check_setting(key, value))
        settings.save()
    except KnownError as exc:
        return str(exc)
    except OSError as exc:
        return translate("SettingsDialog", "Cannot write the settings file: {0}").format(
            exc.strerror or exc)
    log.info("settings changed: %s", ", ".join(sorted(changes)))  # names only: no secrets
    if ctx is not None:
        ctx.settings.reload()
    return None


def time_zone_names() -> list[str]:
    """Real places and UTC, sorted; not the legacy aliases (EST5EDT, posix/…, Etc/GMT+5)."""
    names = {name for name in zoneinfo.available_timezones()
             if "/" in name and not name.startswith(("Etc/", "posix/", "right/", "SystemV/",
                                                     "US/", "Canada/", "Brazil/", "Mexico/",
                                                     "Chile/"))}
    local = local_zone_name()
    return ["UTC", *sorted(names | ({local} if local != "UTC" else set()))]


# What each publishing channel's secret is, by platform (core/publish/<platform>.py asks for
# the same when it is missing).
CHANNEL_SECRETS = {
    "mastodon": QT_TRANSLATE_NOOP("SettingsDialog", "Publishing on {0}: an access token with "
                                  "write:statuses and write:media"),
    "bluesky": QT_TRANSLATE_NOOP("SettingsDialog", "Publishing on {0}: an app password (never "
                                 "the account's own)"),
    "telegram": QT_TRANSLATE_NOOP("SettingsDialog", "Publishing on {0}: the token of a bot that "
                                  "is an administrator of the channel"),
    "facebook": QT_TRANSLATE_NOOP("SettingsDialog", "Publishing on {0}: a Page token with "
                                  "pages_manage_posts and pages_manage_engagement"),
}


def _secret_names(db: Database | None = None) -> list[tuple[str, str]]:
    """The general secrets, then each own channel's publishing secret (set or not: the
    officer sees what is still missing), then whatever else is stored."""
    rows = [(name, translate("SettingsDialog", purpose))
            for name, purpose in GENERAL_SECRETS.items()]
    if db is not None:
        from core.publish.channel_secrets import channel_secrets

        rows += [(name, translate("SettingsDialog", CHANNEL_SECRETS.get(
                     platform, QT_TRANSLATE_NOOP("SettingsDialog", "Publishing on {0}")))
                  .format(channel))
                 for name, platform, channel in channel_secrets(db)]
    listed = {name for name, _purpose in rows}
    stored = [n for n in secrets.list_secret_names() if n not in listed]
    for name in stored:
        platform, _sep, target = name.partition(":")
        if platform == "database":
            purpose = translate("SettingsDialog", "Database password for {0}").format(target)
        elif platform == "database-sslpassword":
            purpose = translate("SettingsDialog",
                                "Passphrase of the database client key for {0}").format(target)
        else:
            known = platform_record(platform)
            purpose = (translate("SettingsDialog", "{0} token for {1}").format(
                known.name if known else platform.capitalize(), target) if target
                else translate("SettingsDialog", "stored earlier"))
        rows.append((name, purpose))
    return rows


def _store_secret(name: str, value: str) -> str | None:
    try:
        secrets.set_secret(name, value)
    except KnownError as exc:
        return str(exc)
    return None


def _default_database() -> str:
    """What "the default database" means on this computer: IT's site URL, or SQLite here."""
    return siteconfig.database_url() or database_url.default_db_url()


def _open_folder(folder: str) -> None:
    open_folder(folder)


# ---------------------------------------------------------------------------- Settings

def settings_data(ctx: AppContext) -> SettingsData:
    from core.storage import connection_test
    from ui.settings_dialog import SettingsData

    def test_connection(url: str, on_result) -> None:  # noqa: ANN001
        def job(_progress) -> tuple[bool, str]:  # noqa: ANN001
            # The password typed in the field wins; without one, the one stored for the login.
            return connection_test.test_connection(secrets.with_database_secrets(url))

        ctx.runner.run(job,
                       on_done=lambda result: on_result(*result),
                       on_error=lambda exc: on_result(False, str(exc)),
                       kind="network", name="Test connection")

    return SettingsData(
        values=lambda: _dialog_values(ctx), locked=_locked, check=_check,
        save=lambda changes: _save(changes, ctx),
        time_zones=time_zone_names, local_zone=local_zone_name,
        database_in_use=ctx.db.describe, default_database=_default_database,
        test_connection=test_connection,
        data_folder=lambda: str(paths.data_dir()), open_folder=_open_folder,
        secret_names=lambda: _secret_names(ctx.db),
        secret_stored=lambda name: secrets.get_secret(name) is not None,
        store_secret=_store_secret, delete_secret=secrets.delete_secret,
        keyring_available=secrets.keyring_available,
    )


def open_settings(ctx: AppContext) -> QDialog | None:
    """Show the dialog (window-modal); None when the settings file cannot be read."""
    from PySide6.QtWidgets import QMessageBox

    from ui.settings_dialog import SettingsDialog

    try:
        dialog = SettingsDialog(settings_data(ctx), ctx.window)
    except KnownError as exc:
        QMessageBox.warning(ctx.window, translate("SettingsDialog", "Settings"), str(exc))
        return None
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.saved.connect(lambda changes: _after_save(ctx, changes))
    dialog.open()
    return dialog


def _after_save(ctx: AppContext, changes: dict[str, Any]) -> None:
    message = translate("SettingsDialog", "Settings saved.")
    if any(key in changes for key in RESTART_KEYS):
        message += " " + translate("SettingsDialog", "The new database or language is used "
                                   "after you restart Attaché.")
    ctx.window.statusBar().showMessage(message)
    ctx.bus.settings_changed.emit()  # ctx.settings reads the file again first
    if "countries" in changes or "packs" in changes:
        settings = ctx.settings.current()
        _sync_packs(ctx, settings.countries, settings.packs)


def _sync_packs(ctx: AppContext, countries: list[str], packs: list[str]) -> None:
    from core.calendar.observances import ensure_packs

    ctx.runner.run(lambda _progress: ensure_packs(ctx.db, countries, packs),
                   on_done=lambda _counts: ctx.bus.posts_changed.emit(),
                   kind="write", name="Observance packs")


def install(ctx: AppContext) -> QAction:
    """Tools → Settings… with Ctrl+, (the platform's Preferences key too, ⌘, on macOS)."""
    action = ctx.window.add_action("tools", translate("SettingsDialog", "&Settings…"), None,
                                   lambda: open_settings(ctx))
    action.setObjectName("settings-action")
    keys = list(QKeySequence.keyBindings(QKeySequence.StandardKey.Preferences))
    if sys.platform != "darwin" and QKeySequence("Ctrl+,") not in keys:
        keys.append(QKeySequence("Ctrl+,"))  # Linux desktops and Windows define none
    action.setShortcuts(keys)
    action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    action.setMenuRole(QAction.MenuRole.PreferencesRole)
    return action


# ---------------------------------------------------------------------------- first run

def first_run_data(ctx: AppContext) -> FirstRunData:
    from ui.first_run import FirstRunData

    def starter() -> tuple[int, bool]:
        from core.feeds.opml import read_opml

        try:
            from_it = siteconfig.default_sources() is not None
            return len(read_opml(siteconfig.starter_opml())), from_it
        except KnownError:
            return 0, False

    return FirstRunData(
        values=lambda: _values(ctx), locked=_locked, check=_check, time_zones=time_zone_names,
        local_zone=local_zone_name, starter=starter,
        finish=lambda choice: _finish_first_run(ctx, choice),
        skip=lambda: _skip_first_run(ctx))


def _finish_first_run(ctx: AppContext, choice: FirstRunChoice) -> str | None:
    """Save the answers, then set up packs and starter sources on the writer thread."""
    changes: dict[str, Any] = {"timezone": choice.timezone, "countries": choice.countries,
                               "packs": choice.packs}
    locked = _locked()
    problem = _save({**{k: v for k, v in changes.items() if k not in locked},
                     "first_run_done": True}, ctx)
    if problem:
        return problem
    settings = ctx.settings.current()

    def set_up(_progress) -> list[int]:  # noqa: ANN001 - on the writer thread
        from core.calendar.observances import ensure_packs
        from desktop.source_actions import add_starter_sources

        ensure_packs(ctx.db, settings.countries, settings.packs)
        if not choice.starter_sources:
            return []
        return add_starter_sources(ctx)

    def done(added: list[int]) -> None:
        ctx.bus.settings_changed.emit()
        ctx.bus.posts_changed.emit()
        if added:
            ctx.bus.sources_changed.emit()
            ctx.window.statusBar().showMessage(translate(
                "SettingsDialog", "Added {0}; they are fetched now (F5 fetches again).").format(
                counts().starter_sources(len(added))))
            refresher = getattr(ctx.window, "refresher", None)
            if refresher is not None:
                refresher.fetch_soon(added)

    ctx.runner.run(set_up, on_done=done, kind="write", name="First start")
    return None


def _skip_first_run(ctx: AppContext) -> None:
    problem = _save({"first_run_done": True}, ctx)
    if problem:
        log.warning("could not record the first run: %s", problem)


def _has_sources(ctx: AppContext) -> bool:
    from sqlalchemy import select

    from core.feeds.sources import SOURCES

    with ctx.db.read() as conn:
        return conn.execute(select(SOURCES.c.id).limit(1)).first() is not None


def maybe_first_run(ctx: AppContext) -> QDialog | None:
    """The welcome dialog on a first start (window-modal, already shown); None otherwise.

    A database that already has sources (a CLI user, a team database) needs no welcome: the
    question is then recorded as answered.
    """
    try:
        settings = ctx.settings.current()
    except KnownError as exc:
        log.warning("no first-run dialog: %s", exc)
        return None
    if settings.first_run_done:
        return None
    if _has_sources(ctx):
        _skip_first_run(ctx)
        return None
    from ui.first_run import FirstRunDialog  # every later start skips it: not imported then

    dialog = FirstRunDialog(first_run_data(ctx), ctx.window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog


def screenshot_extras(ctx: AppContext) -> dict[str, QWidget]:
    """For ``attache screenshots``: the Settings dialog and the welcome, unsaved."""
    from ui.first_run import FirstRunDialog
    from ui.settings_dialog import SettingsDialog

    data = first_run_data(ctx)
    data.skip = lambda: None  # closing the screenshot must not answer the question
    shots: dict[str, QWidget] = {"settings": SettingsDialog(settings_data(ctx), ctx.window)}
    for index, tab in enumerate(shots["settings"].pages()[1:], start=1):  # each other tab
        dialog = SettingsDialog(settings_data(ctx), ctx.window)
        dialog.tabs.setCurrentIndex(index)
        shots[f"settings-{TAB_NAMES.get(type(tab).__name__, str(index))}"] = dialog
    return {**shots, "first-run": FirstRunDialog(data, ctx.window)}


# The screenshots' file names for Settings' tabs (settings-publishing.png…), in English
# whatever the interface language.
TAB_NAMES = {"NetworkTab": "network", "DatabaseTab": "database", "CalendarTab": "calendar",
             "SentimentTab": "sentiment", "PublishingTab": "publishing",
             "ReportsTab": "reports", "SecretsTab": "secrets"}
