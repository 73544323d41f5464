"""The JSON Schema shipped for editors agrees with the checker.

The schema cannot see across the file (unknown ids, duplicate ids or keys,
`end` before `date`), so the shared fixtures are the rules a schema can
express: structure, field names, enums, slugs, URLs and date forms.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from importlib import resources

import jsonschema
import pytest
import yaml

from generator.data.checker import check_text
from generator.data.field_tables import regenerated, table, tables_in
from generator.data.fields import SECTIONS
from generator.data.schema import SCHEMA_FILE, TABLES_PAGE, events_schema, schema_text, shipped_schema_text

from conftest import REPO, START, event, run

SCHEMA = json.loads(resources.files("generator").joinpath(SCHEMA_FILE).read_text(encoding="utf-8"))


def _as_editors_see_it(value: object) -> object:
    """yaml-language-server reads YAML 1.2, where 2025-12-10 is text, not a date."""
    if isinstance(value, dict):
        return {key: _as_editors_see_it(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_as_editors_see_it(item) for item in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def schema_accepts(text: str) -> bool:
    return jsonschema.Draft202012Validator(SCHEMA).is_valid(_as_editors_see_it(yaml.safe_load(text)))


def checker_accepts(text: str) -> bool:
    return not check_text(text).errors


def _data_model_example() -> str:
    samples = re.findall(r"```yaml\n(.*?)```", (REPO / TABLES_PAGE).read_text(encoding="utf-8"), re.S)
    return next(sample for sample in samples if re.search(r"^events:", sample, re.M))


VALID = {
    "minimal": START + event(),
    "data model example": _data_model_example(),
    "every date form": "".join(
        event(f"e{index}", date)
        for index, date in enumerate(
            ["2025-12-10", "2025-12", "2025", "2026-Q1", "spring 2026", "~2025-07", "10 December 2025", "December 10, 2025", "December 2025"]
        )
    ).join([START, ""]).replace("status: reported", "status: planned"),
    "unknown source fields": START.replace("outlet: {en: CNBC, ar: سي إن بي سي}", "outlet: null").replace("url: https://www.example.com/meta", "url: null") + event(),
    "text that YAML would retype": START.replace("language: en", "language: no") + event(date="2025"),
    "unknown on purpose": START.replace("url: https://www.example.com/meta\n", "url: null\n    unknown_because: {en: Never online., ar: لم يُنشر على الشبكة.}\n") + event(),
    "conflicting claims": START + event("a-claim").replace("    citations:", "    conflicts_with: [b-claim]\n    citations:")
    + event("b-claim").replace("    citations:", "    conflicts_with: b-claim-not-needed\n    citations:").replace("b-claim-not-needed", "a-claim"),
}

INVALID = {
    "unknown field": START + event().replace("summary:", "sumary:"),
    "missing title": START + event().replace("    title: {en: Title, ar: عنوان}\n", ""),
    "unknown status": START + event().replace("status: reported", "status: rumoured"),
    "id not a slug": START + event("Llama 4"),
    "event id the site uses": START + event("index"),
    "entity id the site uses": START.replace("  meta: {kind", "  index: {kind: topic, label: {en: Index, ar: فهرس}}\n  meta: {kind") + event(),
    "id too long": START + event("a" * 101),
    "javascript url": START.replace("https://www.example.com/meta", "javascript:alert(1)") + event(),
    "relative url": START.replace("https://www.example.com/meta", "/meta") + event(),
    "no citation": START + event().split("    citations:")[0] + "    citations: []\n",
    "citation without quote": START + event().replace("        quote: Meta is moving away from open models.\n", ""),
    "ambiguous numeric date": START + event(date="11/12/2025"),
    "quarter out of range": START + event(date="2026-Q5"),
    # The schema cannot know the site's languages (mkdocs.yml); it refuses keys that are no language code.
    "key that is no language code": START + event().replace("title: {en: Title, ar: عنوان}", "title: {en: Title, english: Titre}"),
    "unknown entity kind": START.replace("kind: organization", "kind: company") + event(),
    "source without language": START.replace("    language: en\n", "") + event(),
    "control character in a title": START + event().replace("title: {en: Title,", 'title: {en: "Title\\x7f",'),
    "override in a summary": START + event().replace("summary: {en: Summary.,", "summary: {en: Sum\u202emary.,"),
    "date in other digits": START + event(date="'٢٠٢٥'"),
    "a reason that is no text per language": START.replace("url: https://www.example.com/meta\n", "url: null\n    unknown_because: Never online.\n") + event(),
    "a conflict that is no id": START + event().replace("    citations:", "    conflicts_with: [Other Event]\n    citations:"),
}


@pytest.mark.parametrize("name", VALID)
def test_schema_and_checker_both_accept(name):
    text = VALID[name]
    assert checker_accepts(text), check_text(text).errors
    assert schema_accepts(text)


@pytest.mark.parametrize("name", INVALID)
def test_schema_and_checker_both_reject(name):
    text = INVALID[name]
    assert not checker_accepts(text)
    assert not schema_accepts(text)


@pytest.mark.content
def test_the_real_events_file_satisfies_the_schema():
    path = REPO / "events.yaml"
    if not path.exists():
        pytest.skip("no events.yaml in the repository yet")
    text = path.read_text(encoding="utf-8")
    assert checker_accepts(text)
    assert schema_accepts(text)


def test_the_shipped_schema_is_the_one_the_field_description_generates():
    # After changing generator/data/fields.py: python -m generator schema --write (or make schema).
    assert shipped_schema_text() == schema_text()


def test_the_schema_command_prints_it():
    result = run("schema")
    assert (result.code, json.loads(result.out)) == (0, events_schema())


def test_every_field_of_the_description_is_in_the_schema_with_its_help():
    for section in SECTIONS:
        properties = SCHEMA["properties"] if section.name == "file" else SCHEMA["$defs"][section.name]["properties"]
        assert list(properties) == list(section.allowed)
        assert all(properties[field.name]["description"] for field in section.fields)


def test_the_guides_field_tables_are_the_generated_ones():
    # After changing generator/data/fields.py: python -m generator schema --write (or make schema).
    page = (REPO / TABLES_PAGE).read_text(encoding="utf-8")
    found = tables_in(page)
    expected = {f"fields:{section.name}" for section in SECTIONS if section.name != "file"} | {"values:status"}
    assert set(found) == expected
    for marker, written in found.items():
        assert written == table(*marker.split(":")), f"the table <!-- {marker} --> of {TABLES_PAGE} differs from generator/data/fields.py"
    assert regenerated(page) == page


def test_a_changed_field_table_is_noticed():
    page = (REPO / TABLES_PAGE).read_text(encoding="utf-8")
    edited = page.replace("| `quote` | yes, may be `null` |", "| `quote` | no |")
    assert edited != page
    assert regenerated(edited) == page
