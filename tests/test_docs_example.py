"""The contributing pages show a real event: the example must stay what events.yaml says."""

from __future__ import annotations

import datetime
import re

import pytest
import yaml

from generator.tools.scaffold import source_entry

from conftest import REPO, START, event


def _events_by_id() -> dict[str, dict]:
    data = yaml.safe_load((REPO / "events.yaml").read_text(encoding="utf-8"))
    return {event["id"]: event for event in data["events"]}


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_contributing_example_is_the_event_in_events_yaml(lang):
    page = (REPO / "docs" / lang / "contributing.md").read_text(encoding="utf-8")
    examples = [block for block in re.findall(r"```yaml\n(.*?)```", page, re.S) if block.lstrip().startswith("- id:")]
    assert len(examples) == 1, "the page should show exactly one example event"
    (example,) = yaml.safe_load(examples[0])
    assert example == _events_by_id()[example["id"]]


SOURCE_TEMPLATE = re.compile(r"```yaml\n(  [a-z0-9-]+:\n    outlet:\n.*?)```", re.S)


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_the_contributing_source_template_is_what_new_source_writes_and_passes_the_check(lang, check):
    page = (REPO / "docs" / lang / "contributing.md").read_text(encoding="utf-8")
    (template,) = SOURCE_TEMPLATE.findall(page)
    (written,) = yaml.safe_load(source_entry("https://www.example.com/a", datetime.date(2025, 12, 12), None)[1]).values()
    ((source_id, fields),) = yaml.safe_load(template).items()
    assert list(fields) == list(written)
    result = check(START.replace("sources:\n", "sources:\n" + template, 1) + event())
    assert result.code == 0, result.out
    # Pasted as it is, it is a complete source: the only remark is that no event cites it yet.
    (remark,) = [line for line in result.lines if f"source '{source_id}'" in line]
    assert "no event cites this source" in remark
