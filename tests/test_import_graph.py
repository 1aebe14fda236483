"""Quire's modules import one another in one direction: no import cycles.

A cycle (services importing tasks importing services) works only while the import order happens to suit it.
The graph counts imports inside functions too: a cycle hidden behind an import moved into a function is
still a cycle (the five this test first found, services and tasks in works, exports, follows and privacy,
and moderation's models and switches, were all hidden that way). The few imports that must wait for run
time say why, in a `# deferred: <reason>` comment just above them."""

import ast
import re
from pathlib import Path

from django.utils.module_loading import import_string
from django_tasks.base import Task

import quire

ROOT = Path(quire.__file__).parent
TASK_NAME = re.compile(r"^quire(\.\w+)+\.tasks\.\w+$")


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _sources() -> dict[str, tuple[Path, ast.Module]]:
    paths = [p for p in ROOT.rglob("*.py") if "migrations" not in p.parts]
    return {_module_name(p): (p, ast.parse(p.read_text(), filename=str(p))) for p in paths}


def _imported(node: ast.Import | ast.ImportFrom, name: str, is_package: bool, modules) -> set[str]:
    if isinstance(node, ast.Import):
        found = {alias.name for alias in node.names}
    else:
        base = node.module or ""
        if node.level:
            package = name if is_package else name.rpartition(".")[0]
            anchor = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
            base = f"{anchor}.{base}" if base else anchor
        # `from quire.works import services` imports the module quire.works.services.
        found = {base} | {f"{base}.{alias.name}" for alias in node.names}
    return {target for target in found if target in modules and target != name}


def import_graph(sources=None) -> dict[str, set[str]]:
    """Each quire module and the quire modules it imports, wherever in the module the import is."""
    sources = sources or _sources()
    graph = {}
    for name, (path, tree) in sources.items():
        graph[name] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                graph[name] |= _imported(node, name, path.name == "__init__.py", sources)
    return graph


def find_cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Each strongly connected group of two or more modules (Tarjan), named in sorted order."""
    index, low, stack, on_stack, groups = {}, {}, [], set(), []

    def visit(node):
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
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(groups)


def test_the_cycle_finder_sees_a_cycle():
    assert find_cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_quire_modules_import_each_other_in_one_direction():
    graph = import_graph()
    assert "quire.works.services" in graph["quire.works.tasks"]  # the graph sees real imports
    assert find_cycles(graph) == []


def test_every_import_inside_a_function_says_why():
    unexplained = []
    for path, tree in _sources().values():
        lines = path.read_text().splitlines()
        top_level = {id(node) for node in tree.body}
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom) and id(node) not in top_level:
                above = lines[node.lineno - 2].strip() if node.lineno > 1 else ""
                if not above.startswith("# deferred: ") and "# deferred: " not in lines[node.lineno - 1]:
                    unexplained.append(f"{path.relative_to(ROOT.parent)}:{node.lineno}")
    assert unexplained == []


def test_tasks_queued_by_name_are_tasks():
    # Services queue their app's tasks by dotted name (quire.core.tasks.named), so tasks.py alone imports
    # services; a misspelt name would only fail when queued, so each one is checked here.
    names = {
        node.value
        for _, tree in _sources().values()
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and TASK_NAME.match(node.value)
    }
    assert {"quire.works.tasks.release_due_chapters", "quire.follows.tasks.send_notification_emails"} <= names
    assert {name: isinstance(import_string(name), Task) for name in names} == dict.fromkeys(names, True)
