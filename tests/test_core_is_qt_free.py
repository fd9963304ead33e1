"""core/ must never import Qt: it is the product without a screen (CLI, tests, servers)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

CORE = Path(__file__).resolve().parents[1] / "core"
QT_MODULES = ("PySide6", "shiboken6", "PyQt5", "PyQt6", "PySide2")


def _qt_imports(path: Path, root: Path = CORE.parent) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        else:
            continue
        found += [f"{path.relative_to(root)}:{node.lineno} imports {n}"
                  for n in names if n.split(".")[0] in QT_MODULES]
    return found


def test_no_module_under_core_imports_qt() -> None:
    files = sorted(CORE.rglob("*.py"))
    assert len(files) > 10, "core/ should hold the product's modules"
    offenders = [hit for f in files for hit in _qt_imports(f)]
    assert offenders == []


def test_importing_every_core_module_loads_no_qt() -> None:
    """Catches indirect imports too (a core module importing a helper that imports Qt)."""
    modules = sorted(
        ".".join(f.relative_to(CORE.parent).with_suffix("").parts).removesuffix(".__init__")
        for f in CORE.rglob("*.py")
        if "migrations" not in f.parts
    )
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        f"bad = [m for m in sys.modules if m.split('.')[0] in {QT_MODULES!r}]\n"
        "print(','.join(bad))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=CORE.parent, check=True)
    assert done.stdout.strip() == ""


def test_the_checker_detects_a_qt_import(tmp_path: Path) -> None:
    bad = tmp_path / "core" / "probe.py"
    bad.parent.mkdir()
    bad.write_text("import os\nfrom PySide6.QtCore import QObject\n", encoding="utf-8")
    assert _qt_imports(bad, root=tmp_path) == ["core/probe.py:2 imports PySide6.QtCore"]
