"""Dependencies between the apps run one way (README, "Layering").

Every non-migration module of the project's packages is parsed with `ast`; each import of another project package
(module level or inside a function; `import x`, `from x import y`, `importlib.import_module("x")`,
`apps.get_model("x", ...)`/`get_model("x.Model")`) is an edge of the app graph. The checks:

- no app-level cycle;
- no edge against `MAY_IMPORT` (a lower app never imports a higher one: it emits an event, `sikhi/events.py`,
  or asks through an extension point such as `disputes/extensions.py`);
- no import of another project package inside a function (the old way of dodging a cycle).

`ALLOWED` lists the imports not yet brought in line. It may only shrink: an entry that is no longer needed fails
`test_every_allow_list_entry_is_still_needed`.
"""

from __future__ import annotations

import ast
import textwrap
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Lowest first. `sikhi` is the core (events, errors, API helpers); the wiring modules below may name every app.
MAY_IMPORT: dict[str, set[str]] = {
    "sikhi": set(),
    "accounts": {"sikhi"},
    "severance": {"sikhi"},
    "disputes": {"sikhi", "accounts", "severance"},
    "chat": {"sikhi", "accounts", "severance", "disputes"},
    "mediation": {"sikhi", "accounts", "severance", "disputes", "chat"},
    "documents": {"sikhi", "accounts", "severance", "disputes", "chat", "mediation"},
    "reports": {"sikhi", "accounts", "severance", "disputes", "chat", "mediation", "documents"},
}
APPS = tuple(MAY_IMPORT)

# URL and ASGI wiring and the settings put the apps together; they may import any of them.
WIRING = ("sikhi/urls.py", "sikhi/page_urls.py", "sikhi/asgi.py", "sikhi/settings/")

# (module, imported module): imports not yet in line with the rules. Only shrinks.
ALLOWED: set[tuple[str, str]] = set()


@dataclass(frozen=True)
class Import:
    path: str  # relative to the root, e.g. "disputes/pages.py"
    line: int
    target: str  # the imported module, e.g. "chat.models"
    in_function: bool

    @property
    def app(self) -> str:
        return self.path.split("/", 1)[0]

    @property
    def target_app(self) -> str:
        return self.target.split(".", 1)[0]

    def __str__(self) -> str:
        where = "inside a function" if self.in_function else "at module level"
        return f"{self.path}:{self.line} imports {self.target} {where}"


def _module_name(path: Path, root: Path) -> list[str]:
    parts = list(path.relative_to(root).with_suffix("").parts)
    return parts[:-1] if parts[-1] == "__init__" else parts


def _string_arg(call: ast.Call) -> str | None:
    if call.args and isinstance(call.args[0], ast.Constant) and isinstance(call.args[0].value, str):
        return call.args[0].value
    return None


def imports_of(path: Path, root: Path, apps: tuple[str, ...]) -> list[Import]:
    """The imports of project packages (`apps`) made by one module, other than its own package's."""
    rel = path.relative_to(root).as_posix()
    package = _module_name(path, root)
    if path.name != "__init__.py":
        package = package[:-1]
    found: list[Import] = []

    def add(node: ast.AST, target: str, in_function: bool) -> None:
        top = target.split(".", 1)[0]
        if top in apps and top != rel.split("/", 1)[0]:
            found.append(Import(rel, node.lineno, target, in_function))  # type: ignore[attr-defined]

    def visit(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.Import):
                for alias in child.names:
                    add(child, alias.name, in_function)
            elif isinstance(child, ast.ImportFrom):
                if child.level:
                    base = package[: len(package) - (child.level - 1)]
                    target = ".".join([*base, *([child.module] if child.module else [])])
                else:
                    target = child.module or ""
                add(child, target, in_function)
            elif isinstance(child, ast.Call):
                func = child.func
                name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
                literal = _string_arg(child)
                if literal and name == "import_module":
                    add(child, literal, in_function)
                elif literal and name == "get_model":
                    add(child, literal.split(".", 1)[0], in_function)
            visit(child, in_function or isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda))

    visit(ast.parse(path.read_text(encoding="utf-8"), filename=rel), False)
    return found


def project_imports(root: Path = ROOT, apps: tuple[str, ...] = APPS) -> list[Import]:
    """Every cross-package import of the non-migration, non-test modules of `apps` under `root`."""
    result: list[Import] = []
    for app in apps:
        for path in sorted((root / app).rglob("*.py")):
            parts = path.relative_to(root).parts
            if "migrations" in parts or "tests" in parts or path.name.startswith("test_"):
                continue
            result.extend(imports_of(path, root, apps))
    return result


def app_graph(imports: list[Import]) -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for imp in imports:
        graph.setdefault(imp.app, set()).add(imp.target_app)
        graph.setdefault(imp.target_app, set())
    return graph


def find_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """One cycle (as a closed path, e.g. ["a", "b", "a"]) for every strongly connected group of apps."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[set[str]] = []

    def strongconnect(node: str) -> None:  # Tarjan
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in index:
                strongconnect(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = set()
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.add(member)
                if member == node:
                    break
            if len(group) > 1 or node in graph.get(node, ()):
                groups.append(group)

    for node in sorted(graph):
        if node not in index:
            strongconnect(node)

    cycles = []
    for group in groups:  # a shortest way back to the group's first member, within the group
        start = min(group)
        paths = {start: [start]}
        frontier = [start]
        cycle = None
        while frontier and cycle is None:
            nxt_frontier = []
            for node in frontier:
                for nxt in sorted(graph[node] & group):
                    if nxt == start:
                        cycle = [*paths[node], start]
                        break
                    if nxt not in paths:
                        paths[nxt] = [*paths[node], nxt]
                        nxt_frontier.append(nxt)
                if cycle:
                    break
            frontier = nxt_frontier
        cycles.append(cycle or [start, start])
    return cycles


def is_wiring(imp: Import) -> bool:
    return any(imp.path == w or (w.endswith("/") and imp.path.startswith(w)) for w in WIRING)


def against_direction(imp: Import) -> bool:
    return not is_wiring(imp) and imp.target_app not in MAY_IMPORT[imp.app]


def violations(imports: list[Import]) -> list[Import]:
    """Imports against the direction, or of another project package inside a function."""
    return [imp for imp in imports if against_direction(imp) or (imp.in_function and not is_wiring(imp))]


def _report(title: str, found: list[Import]) -> str:
    return title + "\n" + "\n".join(f"  {imp}" for imp in found)


# --- the project ---------------------------------------------------------------------------------------------


def test_the_allowed_direction_itself_has_no_cycle():
    graph = {app: set(deps) for app, deps in MAY_IMPORT.items()}
    assert find_cycles(graph) == []


def test_no_app_level_cycle():
    imports = [imp for imp in project_imports() if (imp.path, imp.target) not in ALLOWED and not is_wiring(imp)]
    cycles = find_cycles(app_graph(imports))
    assert not cycles, "app-level import cycles: " + "; ".join(" -> ".join(c) for c in cycles)


def test_imports_run_in_the_allowed_direction():
    found = [imp for imp in project_imports() if against_direction(imp) and (imp.path, imp.target) not in ALLOWED]
    assert not found, _report("imports against the layering (emit an event or use an extension point):", found)


def test_no_function_level_import_of_another_project_package():
    found = [imp for imp in project_imports()
             if imp.in_function and not is_wiring(imp) and (imp.path, imp.target) not in ALLOWED]
    assert not found, _report("imports hidden inside functions (import at module level):", found)


def test_every_allow_list_entry_is_still_needed():
    needed = {(imp.path, imp.target) for imp in violations(project_imports())}
    stale = sorted(ALLOWED - needed)
    assert not stale, "allow-list entries no longer needed (remove them from ALLOWED): " + ", ".join(
        f"{path} -> {target}" for path, target in stale)


# --- the checker ---------------------------------------------------------------------------------------------


def _tree(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")


def test_the_checker_finds_a_synthetic_cycle(tmp_path):
    _tree(tmp_path, {
        "low/__init__.py": "",
        "low/models.py": "from high.models import Thing\n",
        "high/__init__.py": "",
        "high/models.py": "import low.models\n",
        "mid/__init__.py": "",
        "mid/x.py": "from low import models\n",
    })
    imports = project_imports(tmp_path, ("low", "mid", "high"))
    assert find_cycles(app_graph(imports)) == [["high", "low", "high"]]


def test_the_checker_sees_function_level_relative_and_string_imports(tmp_path):
    _tree(tmp_path, {
        "a/__init__.py": "",
        "a/pages.py": """
            import importlib
            from django.apps import apps

            from . import local
            from .sub import thing

            def view():
                from b.models import Thing
                return Thing

            async def other():
                importlib.import_module("c.services")
                apps.get_model("d", "Model")
                apps.get_model("e.Model")
            """,
        "a/sub.py": "",
        "a/local.py": "",
        "a/migrations/0001_initial.py": "from b import models\n",
    })
    found = {(imp.target, imp.in_function) for imp in project_imports(tmp_path, tuple("abcde"))}
    assert found == {("b.models", True), ("c.services", True), ("d", True), ("e", True)}


def test_the_checker_finds_a_longer_cycle_and_ignores_a_dag():
    assert find_cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c", "a"]]
    assert find_cycles({"a": {"b", "c"}, "b": {"c"}, "c": set()}) == []
