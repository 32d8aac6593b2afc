"""The package imports downward only, with no cycle: read from the code itself (AST).

Every `import` in `blogforge/` is read — at module level, inside functions and under
`if TYPE_CHECKING:` — and checked against the stage order below. A function-level import does
not hide a cycle here: the graph counts it like any other. Only imports under `TYPE_CHECKING`
(annotations, never executed) may point upward.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "blogforge"

# Lower layers first. A module may import its own layer's modules and any lower layer.
LAYERS: list[set[str]] = [
    {"errors", "markdown", "interrupts"},
    {"astro"},
    {"config"},
    {"content"},
    {"incremental"},
    {"images"},
    {"render"},
    {"site"},
    {"templates", "feeds"},
    {"output"},
    {"build"},
    {"check", "serve"},
    {"commands"},
    {"cli", "__main__"},
]
RANK = {name: rank for rank, names in enumerate(LAYERS) for name in names}


@dataclass(frozen=True)
class Import:
    importer: str  # dotted module name, e.g. blogforge.site.routes
    imported: str  # dotted module name it resolves to
    line: int
    type_checking: bool


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def all_modules() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def resolve(name: str, modules: dict[str, Path]) -> str | None:
    """The longest known module a dotted name starts with (`a.b.C` -> `a.b`)."""
    parts = name.split(".")
    while parts:
        candidate = ".".join(parts)
        if candidate in modules:
            return candidate
        parts.pop()
    return None


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def imports_of(name: str, path: Path, modules: dict[str, Path]) -> list[Import]:
    found: list[Import] = []

    def visit(node: ast.AST, type_checking: bool) -> None:
        for child in ast.iter_child_nodes(node):
            guarded = type_checking or (isinstance(child, ast.If) and _is_type_checking(child))
            targets: list[str] = []
            if isinstance(child, ast.Import):
                targets = [alias.name for alias in child.names]
            elif isinstance(child, ast.ImportFrom) and child.level == 0 and child.module:
                # `from blogforge.x import y` may name a submodule y or a value of x
                targets = [f"{child.module}.{alias.name}" for alias in child.names]
            for target in targets:
                if target.split(".")[0] != "blogforge":
                    continue
                resolved = resolve(target, modules)
                if resolved is not None and resolved != name:
                    found.append(Import(name, resolved, child.lineno, type_checking))
            visit(child, guarded)

    visit(ast.parse(path.read_text("utf-8")), False)
    return found


def layer_of(module: str) -> str:
    """`blogforge.site.routes` -> `site`; the package root (version, lazy API) is `errors`'s
    level: everything may read `__version__` from it."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "errors"


def every_import() -> list[Import]:
    modules = all_modules()
    return [
        found
        for name, path in modules.items()
        if name != "blogforge"  # the root's lazy `__getattr__` facade imports what it exports
        for found in imports_of(name, path, modules)
    ]


def test_every_module_belongs_to_a_layer() -> None:
    unplaced = sorted({layer_of(m) for m in all_modules()} - set(RANK))
    assert unplaced == [], f"add these to LAYERS: {unplaced}"


def test_layers_import_downward_only() -> None:
    upward = [
        f"{i.importer}:{i.line} imports {i.imported}"
        for i in every_import()
        if not i.type_checking and RANK[layer_of(i.imported)] > RANK[layer_of(i.importer)]
    ]
    assert upward == []


def test_no_import_cycles_between_modules() -> None:
    graph: dict[str, set[str]] = {}
    for found in every_import():
        if not found.type_checking:
            graph.setdefault(found.importer, set()).add(found.imported)
    cycles = []
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def walk(node: str, path: list[str]) -> None:
        state[node] = 1
        for neighbour in sorted(graph.get(node, ())):
            if state.get(neighbour) == 1:
                cycles.append(" -> ".join([*path[path.index(neighbour) :], neighbour]))
            elif neighbour not in state:
                walk(neighbour, [*path, neighbour])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            walk(node, [node])
    assert cycles == []


def test_the_checker_sees_function_level_and_type_checking_imports(tmp_path: Path) -> None:
    """The checker itself: a function-level import counts, a TYPE_CHECKING one is marked."""
    source = tmp_path / "m.py"
    source.write_text(
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n"
        "    from blogforge.build import build\n"
        "def f():\n"
        "    from blogforge.site.routes import Planner\n"
    )
    found = imports_of("blogforge.config", source, all_modules())
    assert [(i.imported, i.type_checking) for i in found] == [
        ("blogforge.build", True),
        ("blogforge.site.routes", False),
    ]


def test_no_module_is_over_400_lines() -> None:
    long = {
        name: count
        for name, path in all_modules().items()
        if (count := len(path.read_text("utf-8").splitlines())) > 400
    }
    assert long == {}


def test_every_function_level_import_says_why_it_is_deferred() -> None:
    """A function-level import is for deferring a heavy library (or a later stage, so that an
    up-to-date build or `--help` stays light), never for hiding a cycle: each group of them
    carries a comment, on the line before it or on one of its lines, saying so."""
    silent = []
    for name, path in all_modules().items():
        lines = path.read_text("utf-8").splitlines()
        for node in ast.walk(ast.parse("\n".join(lines))):
            if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for inner in ast.walk(node):
                if not isinstance(inner, ast.Import | ast.ImportFrom):
                    continue
                first = inner.lineno - 1
                while first > 0 and lines[first - 1].strip().startswith(("from ", "import ")):
                    first -= 1
                group = lines[max(first - 1, 0) : inner.lineno]
                if not any("#" in line for line in group):
                    silent.append(f"{name}:{inner.lineno}")
    assert silent == []
