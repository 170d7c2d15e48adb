"""The plan of the house, read from the source with ``ast`` (nothing is imported).

* ``portal/rules`` imports only the standard library and itself;
* the pages (``portal/web``) sit on top: nothing in ``admin/``, ``forms/`` or the
  services imports them, and only a page defines a Blueprint;
* services import nothing from ``admin/``;
* no import circle among the modules of ``portal/``, ``admin/`` and ``forms/``,
  counting imports inside functions too;
* a number in ``portal/stats.py`` says where it is defined whether it is cached.
"""
import ast
import pathlib
import sys

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
PACKAGES = ("portal", "admin", "forms")


def module_name(path):
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(path): path
           for package in PACKAGES for path in sorted((ROOT / package).rglob("*.py"))
           if "migrations" not in path.parts}


def trees():
    return {name: ast.parse(path.read_text(encoding="utf-8")) for name, path in MODULES.items()}


TREES = trees()


def imported(tree):
    """Every module an ``import`` names anywhere in the tree (functions included)."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def own(name):
    """The module of ours an imported name refers to (the longest known prefix), or None."""
    while name:
        if name in MODULES:
            return name
        name = name.rpartition(".")[0]
    return None


def edges():
    graph = {}
    for name, tree in TREES.items():
        targets = set()
        for target in imported(tree):
            module = own(target)
            # ``from portal import complaints`` names portal.complaints, not the package
            if module and module != name and not (
                    module in PACKAGES and f"{target}" == module and _names_submodule(tree, module)):
                targets.add(module)
        graph[name] = targets
    return graph


def _names_submodule(tree, package):
    """True when every ``from package import x`` in the tree names submodules only."""
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module == package and node.level == 0:
            if any(f"{package}.{alias.name}" not in MODULES for alias in node.names):
                return False
    return True


GRAPH = edges()


def is_web(name):
    return name == "portal.web" or name.startswith("portal.web.")


def is_service(name):
    return (name.startswith("portal.") and not is_web(name) and name != "portal"
            and not name.startswith(("portal.rules", "portal.models", "portal.demo")))


def test_the_modules_are_found():
    assert {"portal.web.complaints", "portal.complaints", "portal.stats", "admin.base",
            "forms.complaints", "portal.rules.complaints"} <= set(GRAPH)


def test_rules_import_only_the_standard_library_and_themselves():
    stdlib = sys.stdlib_module_names
    wrong = sorted((name, target) for name, tree in TREES.items()
                   if name.startswith("portal.rules")
                   for target in imported(tree)
                   if not target.startswith("portal.rules")
                   and target.split(".")[0] not in stdlib)
    assert wrong == []


def test_nothing_below_the_pages_imports_them():
    wrong = sorted((name, target) for name, targets in GRAPH.items() if not is_web(name)
                   and name != "portal"  # create_app wires the pages in
                   for target in targets if is_web(target))
    assert wrong == []


def test_only_pages_define_blueprints():
    defining = sorted(name for name, tree in TREES.items()
                      if any(isinstance(node, ast.Call)
                             and getattr(node.func, "id", getattr(node.func, "attr", None))
                             == "Blueprint" for node in ast.walk(tree)))
    # admin/__init__.py registers its templates folder as a blueprint of its own
    assert [name for name in defining if not is_web(name)] == ["admin"]


def test_services_import_nothing_from_admin():
    wrong = sorted((name, target) for name, targets in GRAPH.items() if is_service(name)
                   for target in targets if target == "admin" or target.startswith("admin."))
    assert wrong == []


def cycle(graph):
    """One import circle as a list of modules (first = last), or None."""
    state, stack = {}, []

    def visit(node):
        state[node] = "open"
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == "open":
                return stack[stack.index(nxt):] + [nxt]
            if nxt not in state:
                found = visit(nxt)
                if found:
                    return found
        stack.pop()
        state[node] = "done"
        return None

    for node in sorted(graph):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None


def test_no_import_circle():
    found = cycle(GRAPH)
    assert found is None, " → ".join(found)


def test_the_circle_finder_finds_one():
    assert cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert cycle({"a": {"b"}, "b": set()}) is None


@pytest.mark.parametrize("name", ["portal.complaints", "portal.events", "portal.custom_forms"])
def test_the_services_hold_no_routes(name):
    routes = [node for node in ast.walk(TREES[name]) if isinstance(node, ast.Attribute)
              and node.attr == "route"]
    assert routes == []


def test_models_stand_on_rules_and_the_database_only():
    # portal.audit writes the audit trail (it needs portal.models.audit only): a content
    # item's workflow step is logged where the model takes it
    allowed = ("portal.models", "portal.rules", "portal.db", "portal.prepared", "portal.audit")
    wrong = sorted((name, target) for name, targets in GRAPH.items()
                   if name.startswith("portal.models")
                   for target in targets if not target.startswith(allowed))
    assert wrong == []


def test_every_public_number_says_where_it_is_defined_whether_it_is_kept():
    unmarked = [node.name for node in TREES["portal.stats"].body
                if isinstance(node, ast.FunctionDef) and not node.name.startswith("_")
                and not {getattr(d, "id", None) for d in node.decorator_list} & {"cached", "live"}]
    assert unmarked == []
    wrapping = [node for node in ast.walk(TREES["portal.cache"])
                if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "setattr"]
    assert wrapping == []  # nothing is wrapped behind a module's back at start-up
