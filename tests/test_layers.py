"""The package keeps the shape it shows: its layers, as pyproject.toml declares them, and modules small enough to read."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import REPO


def test_the_layers_hold_and_no_folder_has_an_import_cycle():
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint), "--no-cache"], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "Contracts: 2 kept, 0 broken." in result.stdout


def test_a_module_that_imports_upward_breaks_the_layers(tmp_path: Path):
    # The contract is live: the same check on a copy whose core imports the build fails and names the import.
    copy = tmp_path / "repo"
    copy.mkdir()
    (copy / "pyproject.toml").write_text((REPO / "pyproject.toml").read_text(encoding="utf-8"), encoding="utf-8")
    subprocess.run(["cp", "-r", str(REPO / "generator"), str(copy / "generator")], check=True)
    model = copy / "generator" / "data" / "model.py"
    model.write_text(model.read_text(encoding="utf-8") + "\nfrom generator.build import pipeline  # noqa\n", encoding="utf-8")
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint), "--no-cache"], cwd=copy, capture_output=True, text=True, timeout=300, env={"PYTHONPATH": str(copy), "PATH": "/usr/bin:/bin"})
    assert result.returncode == 1, result.stdout[-4000:]
    assert "generator.data.model -> generator.build.pipeline" in result.stdout


def test_no_module_of_the_package_passes_400_lines():
    # Small modules, one job each (DEVELOPERS.md): a module that grows past this is split by job.
    lengths = {path.relative_to(REPO).as_posix(): len(path.read_text(encoding="utf-8").splitlines()) for path in (REPO / "generator").rglob("*.py")}
    assert {path: length for path, length in lengths.items() if length > 400} == {}
    assert len(lengths) > 50  # the package was found
