"""core/ modules must not import each other in a circle (issue 15: paths ↔ settings ↔
siteconfig ↔ secrets did). A circle makes import order matter and hides which module is the
foundation.

Every import counts, at the top of a module or deferred inside a function: that circle was
held together by deferred imports ("import inside the function to dodge it"), which only hide
a circle from the interpreter, not from the reader. Deferring a *heavy* import (sqlalchemy,
holidays) stays fine — only imports of core's own modules make edges. ``if TYPE_CHECKING:``
blocks never run and do not count.
"""

from __future__ import annotations

import ast
from pathlib import Path

CORE = Path(__file__).resolve().parents[1] / "core"
ROOT = CORE.parent


def _module_name(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")


def _imports(tree: ast.AST) -> list[ast.Import | ast.ImportFrom]:
    """Every import statement that can run: top level or inside functions, not in
    ``if TYPE_CHECKING:``."""
    found: list[ast.Import | ast.ImportFrom] = []
    pending = [tree]
    while pending:
        node = pending.pop()
        if isinstance(node, ast.Import | ast.ImportFrom):
            found.append(node)
            continue
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            pending.extend(node.orelse)
            continue
        pending.extend(ast.iter_child_nodes(node))
    return found


def import_graph(modules: dict[str, Path]) -> dict[str, set[str]]:
    """Module -> the core modules it imports (targets resolved to modules)."""
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        targets: set[str] = set()
        for node in _imports(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                candidates = [alias.name for alias in node.names]
            else:
                base = node.module or ""
                if node.level:
                    parts = package.split(".")
                    base = ".".join(parts[:len(parts) - node.level + 1] + ([base] if base else []))
                # "from core import paths" loads core.paths; "from core.x import f" loads core.x
                candidates = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules
                              else base for alias in node.names]
            targets |= {c for c in candidates if c in modules and c != name}
        graph[name] = targets
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan's algorithm)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def core_modules() -> dict[str, Path]:
    return {_module_name(path): path for path in sorted(CORE.rglob("*.py"))}


def test_core_modules_import_each_other_in_no_circle() -> None:
    modules = core_modules()
    assert "core.settings" in modules and "core.paths" in modules
    assert cycles(import_graph(modules)) == []


def test_the_finder_sees_a_circle(tmp_path: Path) -> None:
    """The detector itself: a imports b at the top, b imports a inside a function (the dodge
    the old circle used) — a circle; c imports a only for type checking — not one."""
    package = tmp_path / "core"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("from core import b\nfrom . import c\n")
    (package / "b.py").write_text("def later():\n    from core.a import thing\n")
    (package / "c.py").write_text("from typing import TYPE_CHECKING\n"
                                  "if TYPE_CHECKING:\n    from core import a\n")
    modules = {".".join(p.relative_to(tmp_path).with_suffix("").parts).removesuffix(
        ".__init__"): p for p in package.rglob("*.py")}
    graph = import_graph(modules)
    assert graph["core.a"] == {"core.b", "core.c"}
    assert graph["core.c"] == set()
    assert cycles(graph) == [["core.a", "core.b"]]


def test_the_database_url_policy_sits_above_paths() -> None:
    graph = import_graph(core_modules())
    assert graph["core.paths"] == set()  # folders only: the foundation
    assert {"core.paths", "core.siteconfig", "core.settings", "core.secrets"} <= graph[
        "core.database_url"]
