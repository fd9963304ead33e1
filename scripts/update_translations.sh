#!/usr/bin/env bash
# Re-extract every translatable string from ui/ and desktop/ (and the labels core/platforms.py
# marks with QT_TRANSLATE_NOOP for the interface) into resources/i18n/*.ts, then compile the .qm files the app loads (desktop/i18n.py). Run after changing user-visible text;
# translate the new entries in Qt Linguist (.venv/bin/pyside6-linguist resources/i18n/attache_ru.ts)
# and run this again to compile. Needs the project's venv (PySide6 ships lupdate and lrelease).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="${VENV:-.venv}/bin"
LANGUAGES="${LANGUAGES:-ru en}"

mapfile -t SOURCES < <( (find ui desktop -name '*.py' -not -path '*/__pycache__/*'; echo core/platforms.py) | sort)
for lang in $LANGUAGES; do
    ts="resources/i18n/attache_${lang}.ts"
    extra=()
    # English is the source language: its file only carries plural forms ("1 feed, 2 feeds").
    [ "$lang" = en ] && extra=(-pluralonly)
    "$BIN/pyside6-lupdate" -no-obsolete -locations relative -target-language "$lang" \
        "${extra[@]}" "${SOURCES[@]}" -ts "$ts"
    "$BIN/pyside6-lrelease" -silent "$ts" -qm "resources/i18n/attache_${lang}.qm"
done
