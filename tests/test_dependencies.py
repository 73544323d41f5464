"""What the generator imports is what pyproject.toml declares, and constraints.txt pins versions it allows.

A module imported but not declared works on the machine where it happens to be installed (as a dependency of
a dependency) and breaks on the next `pip install` that resolves differently.
"""

from __future__ import annotations

import ast
import re
import sys
import tomllib
from importlib.metadata import packages_distributions, version
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from conftest import REPO

PROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def imported_modules(folder: Path) -> dict[str, list[str]]:
    """Top-level modules imported anywhere in the package's code (in functions too), with the files importing each."""
    found: dict[str, list[str]] = {}
    for path in sorted(folder.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                found.setdefault(name.partition(".")[0], []).append(path.relative_to(REPO).as_posix())
    return found


def third_party(modules: dict[str, list[str]]) -> dict[str, list[str]]:
    return {name: files for name, files in modules.items() if name not in sys.stdlib_module_names and name != "generator"}


def declared(requirements: list[str]) -> set[str]:
    return {canonicalize_name(Requirement(text).name) for text in requirements}


def test_every_third_party_module_the_generator_imports_is_declared():
    modules = third_party(imported_modules(REPO / "generator"))
    assert {"mkdocs", "yaml", "jinja2", "watchdog"} <= set(modules)  # the walk finds imports inside functions too
    distributions = packages_distributions()
    dependencies = declared(PROJECT["dependencies"])
    undeclared = {
        name: f"{', '.join(sorted(set(files)))} (from {', '.join(distributions.get(name, ['a package not installed']))})"
        for name, files in modules.items()
        if not {canonicalize_name(distribution) for distribution in distributions.get(name, [])} & dependencies
    }
    assert undeclared == {}, "imported by generator/ but not in pyproject.toml's dependencies"


def test_constraints_pin_every_declared_dependency_within_its_declared_range():
    pins = {}
    for line in (REPO / "constraints.txt").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, version = re.fullmatch(r"([A-Za-z0-9._-]+)==(\S+)", line.strip()).groups()  # type: ignore[union-attr]
            pins[canonicalize_name(name)] = version
    requirements = [Requirement(text) for text in PROJECT["dependencies"]]
    requirements += [Requirement(text) for extra in PROJECT["optional-dependencies"].values() for text in extra]
    outside = {
        str(requirement): pins.get(canonicalize_name(requirement.name), "not pinned")
        for requirement in requirements
        if not requirement.specifier.contains(pins.get(canonicalize_name(requirement.name), "0.dev0"), prereleases=True)
    }
    assert outside == {}, "constraints.txt (the versions the suite passed with) and pyproject.toml disagree"


def test_mkdocs_is_held_to_the_release_whose_private_build_steps_the_live_engine_uses():
    from mkdocs.commands import build
    from mkdocs.structure import files

    # generator/engine/live.py calls these; they are not MkDocs' public interface.
    assert callable(build._populate_page) and callable(build._build_page) and callable(build._build_theme_template)
    assert callable(files._file_sort_key)
    installed = Version(version("mkdocs"))
    allowed = next(Requirement(text).specifier for text in PROJECT["dependencies"] if Requirement(text).name == "mkdocs")
    assert allowed.contains(installed)
    next_minor = f"{installed.major}.{installed.minor + 1}.0"
    assert not allowed.contains(next_minor), f"pyproject.toml allows mkdocs {next_minor}, whose private build steps nobody has tried"
