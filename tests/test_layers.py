"""The package's layers, read from its import statements: base < extract < analysis < figures < entry points.

A module may import its own layer and the layers below it, never one above; and the module graph has no cycle.
"""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "libyabook"
#: Rank of each layer; a module may import only modules of the same or a lower rank.
#: The package's own __init__ (its version only) is base.
LAYERS = {
    "__init__": 0,
    "errors": 0,
    "reference": 0,
    "extract": 1,
    "analysis": 2,
    "figures": 3,
    "cli": 4,
    "params": 4,
    "sphinxext": 4,
    "publish": 4,
    "pagespeed": 4,
    "csspurge": 4,
    "execution": 4,
    "__main__": 4,
}


def module_name(path: Path, package: Path = PACKAGE) -> str:
    """'libyabook.extract.corpus' for src/libyabook/extract/corpus.py ('libyabook.extract' for its __init__)."""
    parts = ["libyabook", *path.relative_to(package).with_suffix("").parts]
    return ".".join(parts[:-1] if parts[-1] == "__init__" and len(parts) > 2 else parts)


def layer(module: str) -> str:
    """The layer a libyabook module belongs to: its sub-package, or its own name at the top level."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def imports(path: Path, package: Path = PACKAGE) -> set[str]:
    """The libyabook modules a file imports (anywhere in it, lazy imports included)."""
    here = module_name(path, package)
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names if a.name.startswith("libyabook")}
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:  # relative import
                pkg = here.split(".")[: len(here.split(".")) - node.level + (path.name == "__init__.py")]
                base = ".".join(pkg + ([base] if base else []))
            if base.startswith("libyabook"):
                out |= {f"{base}.{a.name}" if f"{base}.{a.name}" in MODULES else base for a in node.names}
    return {m for m in out if m != here}


MODULES = {module_name(p) for p in PACKAGE.rglob("*.py")}
GRAPH = {module_name(p): imports(p) for p in sorted(PACKAGE.rglob("*.py"))}


def test_every_module_has_a_known_layer():
    assert {layer(m) for m in MODULES} <= set(LAYERS)


@pytest.mark.parametrize("module", sorted(GRAPH))
def test_no_import_points_up_a_layer(module):
    up = sorted(m for m in GRAPH[module] if LAYERS[layer(m)] > LAYERS[layer(module)])
    assert not up, f"{module} ({layer(module)}) imports a higher layer: {up}"


def matplotlib_users() -> list[str]:
    """Modules that import matplotlib anywhere in their file."""
    out = []
    for path in sorted(PACKAGE.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            if any(n.split(".")[0] == "matplotlib" for n in names):
                out.append(module_name(path))
                break
    return out


def test_only_figures_draw():
    users = matplotlib_users()
    assert "libyabook.figures.events_atlas" in users
    assert [m for m in users if layer(m) != "figures"] == []


def test_modules_import_each_other_without_cycles():
    graph = {m: {d for d in deps if d in GRAPH} for m, deps in GRAPH.items()}
    done: set[str] = set()

    def visit(m, path):
        assert m not in path, "import cycle: " + " -> ".join([*path, m])
        if m in done:
            return
        for d in sorted(graph[m]):
            visit(d, [*path, m])
        done.add(m)

    for m in sorted(graph):
        visit(m, [])


def test_the_checker_sees_lazy_relative_and_absolute_imports(tmp_path):
    pkg = tmp_path / "libyabook"
    (pkg / "analysis").mkdir(parents=True)
    code = "import libyabook.extract.corpus\ndef f():\n    from ..figures import plots\n    from libyabook import cli\n"
    (pkg / "analysis" / "x.py").write_text(code, encoding="utf-8")
    found = imports(pkg / "analysis" / "x.py", pkg)
    assert found == {"libyabook.extract.corpus", "libyabook.figures.plots", "libyabook.cli"}
    assert sorted(LAYERS[layer(m)] > LAYERS["analysis"] for m in found) == [False, True, True]


def long_functions(source: str, limit: int = 60) -> list[tuple[str, int]]:
    """(name, lines) of every function or method of a module longer than ``limit`` lines."""
    return [
        (n.name, n.end_lineno - n.lineno + 1)
        for n in ast.walk(ast.parse(source))
        if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)) and n.end_lineno - n.lineno + 1 > limit
    ]


def test_no_function_is_over_60_lines():
    found = {
        str(p.relative_to(PACKAGE)): f for p in sorted(PACKAGE.rglob("*.py")) if (f := long_functions(p.read_text()))
    }
    assert found == {}
    assert long_functions("def f():\n" + "    x = 1\n" * 60) == [("f", 61)]
