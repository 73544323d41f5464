"""The one field description (generator/data/fields.py): the model, events.json and both JSON Schemas follow it."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import jsonschema
import pytest

from generator.data.checker import check_text
from generator.data.fields import CITATION, DATE_BASIS, ENTITY, EVENT, SECTIONS, SITE, SOURCE, UPDATE
from generator.data.schema import SCHEMA_FILE
from generator.exports.model_json import events_json, schema
from generator.exports.paths import EVENTS_SCHEMA

from conftest import REPO, START

# Every section, with its optional fields too: a date basis with its note, an update, a conflict on both sides,
# a source recorded as unknown on purpose.
EVENTS = START.replace("    url: https://www.example.com/meta\n", (
    "    url: https://www.example.com/meta\n"
    "  saved-copy:\n"
    "    outlet: null\n"
    "    title: null\n"
    "    language: en\n"
    "    published: unknown\n"
    "    url: null\n"
    "    unknown_because: {en: Only the saved text is known., ar: لا يُعرف إلا النص المحفوظ.}\n"
)) + "".join(
    f"""\
  - id: {event_id}
    date: 2025-12-01
    status: disputed
    title: {{en: Title, ar: عنوان}}
    summary: {{en: Summary., ar: ملخص.}}
    entities: [meta]
    date_basis: {{kind: stated, source: cnbc-report, note: {{en: As stated., ar: كما ذُكر.}}}}
    conflicts_with: [{other}]
    citations:
      - source: cnbc-report
        quote: Meta is moving away from open models.
        quote_translated: {{ar: ميتا تبتعد عن النماذج المفتوحة.}}
        note: {{en: The claim., ar: الادعاء.}}
      - source: saved-copy
        quote: The saved text.
    updates:
      - date: 2025-12-12
        note: {{en: Fixed., ar: صُحّح.}}
"""
    for event_id, other in (("first-claim", "second-claim"), ("second-claim", "first-claim"))
)


def fields_of(section) -> list[str]:
    return [field.name for field in section.fields]


def test_each_record_becomes_the_model_class_its_section_names_whose_fields_have_the_same_names():
    for section in SECTIONS:
        if section.model is None:  # the file itself
            continue
        model_fields = [field.name for field in dataclasses.fields(section.model)]
        assert set(fields_of(section)) <= set(model_fields), section.name
        assert set(model_fields) - set(fields_of(section)) <= {"id", "line"}, section.name  # its key, where it starts


def test_events_json_holds_every_field_of_the_description_and_its_schema_describes_each():
    result = check_text(EVENTS)
    assert result.timeline is not None, result.problems
    data = json.loads(json.dumps(events_json(result.timeline)))

    event = data["events"][0]
    assert list(event) == [*fields_of(EVENT), "span", "first_reported"]
    assert event["date_basis"] == {"kind": "stated", "source": "cnbc-report", "note": {"en": "As stated.", "ar": "كما ذُكر."}}
    assert event["conflicts_with"] == ["second-claim"]
    assert [list(citation) for citation in event["citations"]] == [fields_of(CITATION)] * 2
    assert list(event["updates"][0]) == fields_of(UPDATE)
    saved = next(source for source in data["sources"] if source["id"] == "saved-copy")
    assert list(saved) == ["id", *fields_of(SOURCE)]
    assert (saved["outlet"], saved["published"], saved["unknown_because"]["en"]) == (None, None, "Only the saved text is known.")
    assert list(data["entities"][0]) == ["id", *fields_of(ENTITY)]
    assert list(data["site"]) == fields_of(SITE)

    described = schema()["$defs"]
    assert list(described["event"]["properties"]) == [*fields_of(EVENT), "span", "first_reported"]
    assert list(described["source"]["properties"]) == ["id", *fields_of(SOURCE)]
    assert list(described["date_basis"]["properties"]) == fields_of(DATE_BASIS)
    jsonschema.Draft202012Validator(schema(), format_checker=jsonschema.FormatChecker()).validate(data)


@pytest.mark.content
def test_the_schema_of_events_yaml_and_the_published_schema_of_events_json_have_different_names():
    editors = Path("generator") / SCHEMA_FILE
    assert editors.name != Path(EVENTS_SCHEMA).name
    first_line = (REPO / "events.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first_line == f"# yaml-language-server: $schema={editors.as_posix()}"
    assert (REPO / editors).is_file()
