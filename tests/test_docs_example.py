"""The contributing pages show a real event: the example must stay what events.yaml says."""

from __future__ import annotations

import re

import pytest
import yaml

from conftest import REPO


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
