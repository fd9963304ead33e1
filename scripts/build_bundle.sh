#!/usr/bin/env bash
# Build the Linux one-folder bundle into dist/attache/ and prove it works.
#   bash scripts/build_bundle.sh            (uses ./.venv, creating it if needed)
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/pip install -q -e '.[postgres]' pyinstaller  # postgres: a bundle can join a team's server
.venv/bin/pyinstaller --noconfirm --clean --log-level WARN build.spec
du -sh dist/attache
QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}" dist/attache/attache --version
