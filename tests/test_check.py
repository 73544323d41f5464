"""`python -m generator check`: one story per rule, the exact message out."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from generator.data.fields import CITATION, ENTITY, EVENT, FILE, SITE, SOURCE, Section
from generator.data.schema import TABLES_PAGE

from conftest import REPO, START, event, run


def allowed(section: Section) -> str:
    """The fields an unknown field's message lists: the section's, in the order of their description (fields.py)."""
    return ", ".join(section.allowed)


def test_a_clean_file_passes_with_a_one_line_summary(check):
    result = check(START + event())
    assert result.code == 0
    assert result.lines == ["no problems found (1 event, 1 source, 1 entity)"]


def test_every_complete_yaml_sample_of_the_data_model_is_valid(tmp_path, monkeypatch):
    samples = re.findall(r"```yaml\n(.*?)```", (REPO / TABLES_PAGE).read_text(encoding="utf-8"), re.S)
    complete = [sample for sample in samples if re.search(r"^events:", sample, re.M)]
    assert complete, f"{TABLES_PAGE} should show a complete example"
    monkeypatch.chdir(tmp_path)
    for sample in complete:
        Path("sample.yaml").write_text(sample, encoding="utf-8")
        result = run("check", "sample.yaml")
        assert result.code == 0, result.out
        assert result.lines[-1].startswith(("no problems", "0 errors")), result.out


@pytest.mark.content
def test_the_maintainers_guide_shows_messages_the_checker_really_prints(check):
    # The guide's example: the real events.yaml with one citation's source id typed in part.
    guide = (REPO / "guide" / "maintainers.md").read_text(encoding="utf-8")
    example = re.search(r"For example:\n\n```text\n(.*?)```", guide, re.S)
    assert example is not None
    real = (REPO / "events.yaml").read_text(encoding="utf-8")
    typed_in_part = real.replace("      - source: aljazeera-2025-12-11-meta-drops-open-models\n", "      - source: aljazeera-2025\n", 1)
    printed = check(typed_in_part).lines
    for line in example.group(1).splitlines():
        assert line in printed
    # The real file passes --strict: its one source with unknown fields says why they are unknown.
    assert check(real, "--strict").code == 0


# -- errors -----------------------------------------------------------------------


def test_an_invisible_control_character_is_found_where_it_is(check):
    result = check(START + event().replace("Summary.", "Summ\x07ary."))
    assert result.code == 1
    assert result.lines == [
        "events.yaml:18:23: error: event 'llama-4-release', summary.en: the invisible control character U+0007 is not allowed. "
        "Delete it (often pasted along with text from a web page or a PDF), or retype the text around it.",
        "1 error, 0 warnings",
    ]


def test_yaml_syntax_error_names_the_line(check):
    result = check(START + event() + "    title: {en: Unclosed\n")
    assert result.code == 1
    assert result.lines[0].startswith("events.yaml:25:1: error: YAML: while parsing a flow mapping, ")


def test_duplicate_key_is_caught_although_yaml_would_keep_the_last(check):
    text = START + event().replace("    status: reported\n", "    status: reported\n    status: planned\n")
    result = check(text)
    assert result.lines[0] == (
        "events.yaml:17:5: error: event 'llama-4-release', status: 'status' appears twice (first on line 16). "
        "Keep only one: YAML would silently use the last one and lose the other."
    )


def test_duplicate_event_id(check):
    result = check(START + event("scale-ai-deal") + event("scale-ai-deal"))
    assert result.lines[0] == (
        "events.yaml:24:9: error: event 'scale-ai-deal', id: another event already has the id 'scale-ai-deal' (line 14). "
        "Give each event its own id: the id is the event's web address."
    )


def test_id_that_is_not_a_slug_gets_a_suggestion(check):
    result = check(START + event("Llama 4 Release"))
    assert result.lines[0] == (
        "events.yaml:14:9: error: event 'Llama 4 Release', id: the id 'Llama 4 Release' is not a slug. "
        "Use lowercase ASCII letters, digits and single hyphens only, e.g. 'llama-4-release'; "
        "the id becomes part of the page address and must never change."
    )


@pytest.mark.parametrize("hostile", ["../../etc/passwd", "a/b", "<script>", "ميتا", "x-y\n"])
def test_ids_cannot_escape_their_folder(check, hostile):
    if hostile.strip() == hostile:  # an event id is read without surrounding blanks, so "x-y\n" is "x-y" there
        result = check(START + event(json.dumps(hostile)))
        assert result.code == 1
        assert "is not a slug" in result.lines[0]
    source = check(START.replace("  cnbc-report:\n", f"  {json.dumps(hostile)}:\n") + event().replace("source: cnbc-report", f"source: {json.dumps(hostile)}"))
    entity = check(START.replace("  meta: {", f"  {json.dumps(hostile)}: {{") + event().replace("entities: [meta]", f"entities: [{json.dumps(hostile)}]"))
    for result in (source, entity):
        assert result.code == 1
        assert any("is not a slug" in line for line in result.lines), result.out


def test_an_entity_is_unused_even_if_a_source_shares_its_id(check):
    text = START.replace("events:\n", "  cnbc-report: {kind: organization, label: {en: CNBC, ar: سي إن بي سي}}\nevents:\n") + event()
    assert check(text).lines[0] == (
        "events.yaml:13:3: warning: entity 'cnbc-report': no event mentions this entity. List it in an event's 'entities', or remove it."
    )


def test_unknown_source_names_the_closest_ids(check):
    result = check(START + event().replace("source: cnbc-report", "source: cnbc-reports"))
    assert result.lines[1] == (
        "events.yaml:22:17: error: event 'llama-4-release', citations[0].source: unknown source 'cnbc-reports'. "
        "Use an id defined under 'sources:'; did you mean 'cnbc-report'?"
    )


def test_unknown_entity(check):
    result = check(START + event().replace("entities: [meta]", "entities: [meta, metta]"))
    assert result.lines[0] == (
        "events.yaml:19:22: error: event 'llama-4-release', entities: unknown entity 'metta'. "
        "Use an id defined under 'entities:'; did you mean 'meta'?"
    )


def test_ambiguous_numeric_date_suggests_both_readings(check):
    result = check(START + event(date="11/12/2025"))
    assert result.lines[0] == (
        "events.yaml:15:11: error: event 'llama-4-release', date: '11/12/2025' is ambiguous: day and month could be "
        "either way round. Write it in ISO form, year first: 2025-12-11 or 2025-11-12."
    )


def test_impossible_date(check):
    result = check(START + event(date="2025-02-30"))
    assert result.lines[0] == (
        "events.yaml:15:11: error: event 'llama-4-release', date: '2025-02-30' is not a real day. "
        "Check the month (01-12) and the day of the month."
    )


def test_end_before_date(check):
    text = START + event(date="2025-12-10").replace("    status:", "    end: 2025-11\n    status:", 1)
    result = check(text)
    assert result.lines[0] == (
        "events.yaml:16:10: error: event 'llama-4-release', end: the end (2025-11) is before the date (2025-12-10). "
        "Swap them, or correct the end date."
    )


def test_unknown_field_suggests_the_intended_one(check):
    result = check(START + event().replace("summary:", "sumary:"))
    assert result.lines[:2] == [
        "events.yaml:14:5: error: event 'llama-4-release', summary: the required field 'summary' is missing. Add 'summary:' to an event.",
        "events.yaml:18:5: error: event 'llama-4-release', sumary: unknown field 'sumary'. "
        f"Allowed fields here: {allowed(EVENT)}; did you mean 'summary'?",
    ]


def test_event_without_citation(check):
    text = START + event().split("    citations:")[0] + "    citations: []\n"
    result = check(text)
    assert result.lines[1] == (
        "events.yaml:21:16: error: event 'llama-4-release', citations: the event has no citation. "
        "Add at least one citation with 'source' and 'quote'."
    )


def test_citation_without_quote(check):
    text = START + event().replace("        quote: Meta is moving away from open models.\n", "")
    result = check(text)
    assert result.lines[0] == (
        "events.yaml:22:9: error: event 'llama-4-release', citations[0].quote: the required field 'quote' is missing. "
        "Add 'quote:' to a citation."
    )


FULL = START + event()
UPDATE = "    updates:\n      - date: 2025-12-12\n        note: {en: Fixed., ar: صُحّح.}\n"
MISSING = [
    # (the field, the file without it, the one error it must give)
    ("site.title", FULL.replace("  title: {en: Timeline, ar: خط زمني}\n", ""), "2:3: error: site, title: the required field 'title' is missing. Add 'title:' to the site."),
    ("site.description", FULL.replace("  description: {en: A test timeline., ar: خط زمني للاختبار.}\n", ""), "2:3: error: site, description: the required field 'description' is missing. Add 'description:' to the site."),
    ("source.outlet", FULL.replace("    outlet: {en: CNBC, ar: سي إن بي سي}\n", ""), "6:5: error: source 'cnbc-report', outlet: the required field 'outlet' is missing. Add 'outlet:' to a source."),
    ("source.title", FULL.replace("    title: Meta shifts strategy\n", ""), "6:5: error: source 'cnbc-report', title: the required field 'title' is missing. Add 'title:' to a source."),
    ("source.language", FULL.replace("    language: en\n", ""), "6:5: error: source 'cnbc-report', language: the required field 'language' is missing. Add 'language:' to a source."),
    ("source.published", FULL.replace("    published: 2025-12-10\n", ""), "6:5: error: source 'cnbc-report', published: the required field 'published' is missing. Add 'published:' to a source."),
    ("source.url", FULL.replace("    url: https://www.example.com/meta\n", ""), "6:5: error: source 'cnbc-report', url: the required field 'url' is missing. Add 'url:' to a source."),
    ("entity.kind", FULL.replace("{kind: organization, label:", "{label:"), "12:9: error: entity 'meta', kind: the required field 'kind' is missing. Add 'kind:' to an entity."),
    ("entity.label", FULL.replace(", label: {en: Meta, ar: ميتا}}", "}"), "12:9: error: entity 'meta', label: the required field 'label' is missing. Add 'label:' to an entity."),
    ("event.id", FULL.replace("  - id: llama-4-release\n    date:", "  - date:"), "14:5: error: events[0].id: the required field 'id' is missing. Add 'id:' to an event."),
    ("event.date", FULL.replace("    date: 2025-12-01\n", ""), "14:5: error: event 'llama-4-release', date: the required field 'date' is missing. Add 'date:' to an event."),
    ("event.status", FULL.replace("    status: reported\n", ""), "14:5: error: event 'llama-4-release', status: the required field 'status' is missing. Add 'status:' to an event."),
    ("event.title", FULL.replace("    title: {en: Title, ar: عنوان}\n", ""), "14:5: error: event 'llama-4-release', title: the required field 'title' is missing. Add 'title:' to an event."),
    ("event.citations", FULL.split("    citations:")[0], "14:5: error: event 'llama-4-release', citations: the required field 'citations' is missing. Add 'citations:' to an event."),
    ("citation.source", FULL.replace("      - source: cnbc-report\n        quote:", "      - quote:"), "22:9: error: event 'llama-4-release', citations[0].source: the required field 'source' is missing. Add 'source:' to a citation."),
    ("update.date", FULL + UPDATE.replace("      - date: 2025-12-12\n        note:", "      - note:"), "25:9: error: event 'llama-4-release', updates[0].date: the required field 'date' is missing. Add 'date:' to an update."),
    ("update.note", FULL + UPDATE.split("        note:")[0], "25:9: error: event 'llama-4-release', updates[0].note: the required field 'note' is missing. Add 'note:' to an update."),
]


@pytest.mark.parametrize(("field", "text", "error"), MISSING, ids=[row[0] for row in MISSING])
def test_every_required_field_is_required(check, field, text, error):
    result = check(text)
    assert result.code == 1
    assert [line for line in result.lines if ": error: " in line] == [f"events.yaml:{error}"]


ANYWHERE = [
    # (what, the file, the one error it must give): duplicates and unknown fields in every part of the file
    ("events twice", FULL + "events:\n" + event("other"), "24:1: error: events: 'events' appears twice (first on line 13). Keep only one: YAML would silently use the last one and lose the other."),
    ("a language twice", FULL.replace("{en: Title, ar: عنوان}", "{en: Title, en: Again, ar: عنوان}"), "17:24: error: event 'llama-4-release', title.en: 'en' appears twice (first on line 17). Keep only one: YAML would silently use the last one and lose the other."),
    ("an entity id twice", FULL.replace("events:\n", "  meta: {kind: topic, label: {en: M, ar: م}}\nevents:\n", 1), "13:3: error: entity 'meta': the id 'meta' is defined twice (first on line 12). Give each one its own id, or merge them: YAML would silently keep only the last."),
    ("a quote twice", FULL.replace("open models.\n", "open models.\n        quote: Again.\n"), "24:9: error: event 'llama-4-release', citations[0].quote: 'quote' appears twice (first on line 23). Keep only one: YAML would silently use the last one and lose the other."),
    ("a source typo", FULL.replace("    language: en\n", "    language: en\n    languge: en\n"), f"9:5: error: source 'cnbc-report', languge: unknown field 'languge'. Allowed fields here: {allowed(SOURCE)}; did you mean 'language'?"),
    ("a citation typo", FULL.replace("        quote: Meta", "        notes: {en: x}\n        quote: Meta"), f"23:9: error: event 'llama-4-release', citations[0].notes: unknown field 'notes'. Allowed fields here: {allowed(CITATION)}; did you mean 'note' or 'quote'?"),
    ("an entity typo", FULL.replace("{kind: organization,", "{kind: organization, alias: [M],"), f"12:30: error: entity 'meta', alias: unknown field 'alias'. Allowed fields here: {allowed(ENTITY)}; did you mean 'aliases'?"),
    ("a site field", FULL.replace("site:\n", "site:\n  tagline: {en: x, ar: y}\n"), f"2:3: error: site, tagline: unknown field 'tagline'. Allowed fields here: {allowed(SITE)}; did you mean 'title'?"),
    ("a top-level typo", FULL.replace("sources:\n", "source:\n  x: 1\nsources:\n", 1), f"4:1: error: source: unknown field 'source'. Allowed fields here: {allowed(FILE)}; did you mean 'sources'?"),
]


@pytest.mark.parametrize(("what", "text", "error"), ANYWHERE, ids=[row[0] for row in ANYWHERE])
def test_duplicates_and_unknown_fields_are_caught_in_every_part_of_the_file(check, what, text, error):
    result = check(text)
    assert result.code == 1
    assert result.lines == [f"events.yaml:{error}", "1 error, 0 warnings"]


@pytest.mark.parametrize("url", ["javascript:alert(1)", "www.example.com/page", "ftp://example.com/x", "https://"])
def test_urls_must_be_absolute_http(check, url):
    result = check(START.replace("https://www.example.com/meta", url) + event())
    assert result.code == 1
    assert result.lines[0] == (
        f"events.yaml:10:10: error: source 'cnbc-report', url: '{url}' is not an absolute http(s) address. "
        "Copy the full address from the browser's address bar; it starts with https:// or http://."
    )


def test_unknown_status_suggests_the_closest(check):
    result = check(START + event().replace("status: reported", "status: reportd"))
    assert result.lines[0] == (
        "events.yaml:16:13: error: event 'llama-4-release', status: 'reportd' is not a status. "
        "Use one of: happened, reported, planned, denied, disputed; did you mean 'reported'?"
    )


def test_aliases_are_refused_before_they_can_expand(check):
    bomb = 'a: &a ["x","x"]\nb: &b [*a,*a]\nc: [*b,*b]\n'
    result = check(bomb)
    assert result.code == 1
    assert "events.yaml:3:8: error: c[1]: the alias *b repeats the value of &b on line 2: aliases are not used in events.yaml. Write the value out in full here, as on line 2." in result.lines


def test_empty_file(check):
    result = check("")
    assert result.lines[0] == "events.yaml:1:1: error: file: the file is empty. Start from the complete example in guide/data-model.md."


# -- YAML's implicit typing never changes meaning ----------------------------------


def test_yaml_implicit_types_are_read_as_written(check):
    text = START.replace("language: en", "language: no").replace("title: Meta shifts strategy", "title: 1e3") + event(date="2025")
    result = check(text)
    assert result.code == 0, result.out
    from generator.data.checker import check_text

    timeline = check_text(text).timeline
    assert timeline is not None
    source = timeline.sources["cnbc-report"]
    assert (source.language, source.title) == ("no", "1e3")
    assert str(timeline.events[0].date) == "2025"


def test_a_list_where_text_is_expected_is_an_error(check):
    result = check(START.replace("title: Meta shifts strategy", "title: [Meta, shifts]") + event())
    assert result.lines[0] == (
        "events.yaml:7:12: error: source 'cnbc-report', title: expected text, found a list. "
        "Write a single line of text, in quotes if it contains a colon."
    )


# -- warnings --------------------------------------------------------------------


def test_missing_translation_is_a_warning_and_an_error_under_strict(check):
    text = START + event().replace("title: {en: Title, ar: عنوان}", "title: {en: Title}")
    expected = (
        "events.yaml:17:12: {severity}: event 'llama-4-release', title.ar: the Arabic text is missing. "
        "Add 'ar: …' with the Arabic translation; until then the site shows another language, labelled 'not yet translated'."
    )
    relaxed = check(text)
    assert (relaxed.code, relaxed.lines[0]) == (0, expected.format(severity="warning"))
    strict = check(text, "--strict")
    assert (strict.code, strict.lines) == (1, [expected.format(severity="warning"), "0 errors, 1 warning (1 event, 1 source, 1 entity) (--strict: warnings fail the check)"])


def test_unknown_url_title_and_outlet_are_honest_warnings(check):
    text = START.replace("outlet: {en: CNBC, ar: سي إن بي سي}", "outlet: null").replace(
        "title: Meta shifts strategy", "title: null"
    ).replace("url: https://www.example.com/meta", "url: null") + event()
    result = check(text)
    assert result.code == 0
    assert result.lines[:3] == [
        "events.yaml:6:13: warning: source 'cnbc-report', outlet: the outlet is recorded as unknown (null). "
        "Add the outlet's name in 'en' and 'ar' when it is found; until then the site shows 'outlet unknown'. "
        "If it is unknown on purpose, say why under 'unknown_because' in each language; the warning then stops.",
        "events.yaml:7:12: warning: source 'cnbc-report', title: the title is recorded as unknown (null). "
        "Add the headline as published when it is found; until then the site shows 'title unknown'. "
        "If it is unknown on purpose, say why under 'unknown_because' in each language; the warning then stops.",
        "events.yaml:10:10: warning: source 'cnbc-report', url: the URL is recorded as unknown (null). "
        "Add the article's address when it is found; until then the site shows 'link unknown'. "
        "If it is unknown on purpose, say why under 'unknown_because' in each language; the warning then stops.",
    ]
    assert check(text, "--strict").code == 1


UNKNOWN_ON_PURPOSE = """\
    unknown_because:
      en: The saved text gives no outlet, headline or address.
      ar: النص المحفوظ لا يذكر الناشر ولا العنوان ولا الرابط.
"""


def test_a_null_explained_by_unknown_because_passes_strict(check):
    text = START.replace("outlet: {en: CNBC, ar: سي إن بي سي}", "outlet: null").replace(
        "title: Meta shifts strategy", "title: null"
    ).replace("url: https://www.example.com/meta\n", "url: null\n" + UNKNOWN_ON_PURPOSE) + event()
    result = check(text, "--strict")
    assert (result.code, result.lines) == (0, ["no problems found (1 event, 1 source, 1 entity)"])


def test_the_reason_is_read_and_kept_for_readers(check):
    from generator.data.checker import check_text

    text = START.replace("url: https://www.example.com/meta\n", "url: null\n" + UNKNOWN_ON_PURPOSE) + event()
    timeline = check_text(text).timeline
    assert timeline is not None
    reason = timeline.sources["cnbc-report"].unknown_because
    assert reason is not None and reason.get("en") == "The saved text gives no outlet, headline or address."


def test_a_reason_needs_both_languages_and_something_unknown(check):
    lacking_arabic = START.replace("url: https://www.example.com/meta\n", "url: null\n    unknown_because: {en: Never published online.}\n") + event()
    assert check(lacking_arabic).lines[0] == (
        "events.yaml:11:22: warning: source 'cnbc-report', unknown_because.ar: the Arabic text is missing. "
        "Add 'ar: …' with the Arabic translation; until then the site shows another language, labelled 'not yet translated'."
    )
    nothing_unknown = START.replace("url: https://www.example.com/meta\n", "url: https://www.example.com/meta\n" + UNKNOWN_ON_PURPOSE) + event()
    result = check(nothing_unknown, "--strict")
    assert (result.code, result.lines[0]) == (1, (
        "events.yaml:11:5: warning: source 'cnbc-report', unknown_because: nothing in this source is recorded as unknown (null), "
        "so there is nothing to explain. Remove 'unknown_because', or set the outlet, title or url it explains to null."
    ))


def test_source_never_cited_and_entity_never_used(check):
    text = START.replace(
        "entities:\n", "  unused-source:\n    outlet: {en: X, ar: س}\n    title: X\n    language: en\n    published: 2025\n    url: https://example.org/x\nentities:\n"
    ).replace("events:\n", "  lecun: {kind: person, label: {en: Yann LeCun, ar: يان لوكون}}\nevents:\n") + event()
    result = check(text)
    assert result.lines[:2] == [
        "events.yaml:11:3: warning: source 'unused-source': no event cites this source. Cite it from an event, or remove it.",
        "events.yaml:19:3: warning: entity 'lecun': no event mentions this entity. List it in an event's 'entities', or remove it.",
    ]


def test_citation_published_before_the_event_is_suspicious_unless_planned(check):
    later = START + event(date="2026-Q1")
    assert check(later).lines[0] == (
        "events.yaml:22:17: warning: event 'llama-4-release', citations[0].source: the source was published (2025-12-10) "
        "before the event's date (2026-Q1). Check the event's date; if the source announced it in advance, set the status to 'planned' "
        "(or 'disputed' when sources conflict about it)."
    )
    for status in ("planned", "disputed"):
        forward_looking = later.replace("status: reported", f"status: {status}")
        assert check(forward_looking).lines == ["no problems found (1 event, 1 source, 1 entity)"]


# -- output formats and exit codes ---------------------------------------------------


AN_ERROR_AND_A_WARNING = START + event(date="11/12/2025").replace("{en: Title, ar: عنوان}", "{en: Title}")


def test_github_format_prints_annotations(check):
    result = check(AN_ERROR_AND_A_WARNING, "--format", "github")
    assert result.code == 1
    assert result.lines == [
        "::error file=events.yaml,line=15,col=11,title=event 'llama-4-release'%2C date::event 'llama-4-release', date: "
        "'11/12/2025' is ambiguous: day and month could be either way round. Write it in ISO form, year first: 2025-12-11 or 2025-11-12.",
        "::warning file=events.yaml,line=17,col=12,title=event 'llama-4-release'%2C title.ar::event 'llama-4-release', title.ar: "
        "the Arabic text is missing. Add 'ar: …' with the Arabic translation; until then the site shows another language, labelled 'not yet translated'.",
    ]


def test_warnings_alone_pass_the_pull_request_check_unless_strict(check):
    only_a_warning = START + event().replace("{en: Title, ar: عنوان}", "{en: Title}")
    for output in ("text", "github", "json"):
        assert check(only_a_warning, "--format", output).code == 0, output
        assert check(only_a_warning, "--format", output, "--strict").code == 1, output


def test_json_format_is_machine_readable(check):
    result = check(AN_ERROR_AND_A_WARNING, "--format", "json")
    assert result.code == 1
    assert json.loads(result.out) == [
        {
            "severity": "error",
            "code": "ambiguous-date",
            "file": "events.yaml",
            "line": 15,
            "column": 11,
            "where": "event 'llama-4-release', date",
            "message": "'11/12/2025' is ambiguous: day and month could be either way round",
            "hint": "Write it in ISO form, year first: 2025-12-11 or 2025-11-12.",
        },
        {
            "severity": "warning",
            "code": "missing-translation",
            "file": "events.yaml",
            "line": 17,
            "column": 12,
            "where": "event 'llama-4-release', title.ar",
            "message": "the Arabic text is missing",
            "hint": "Add 'ar: …' with the Arabic translation; until then the site shows another language, labelled 'not yet translated'.",
        },
    ]


def test_missing_file_is_a_usage_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("check", "nowhere.yaml")
    assert (result.code, result.out) == (2, "")
    assert result.err == "error: nowhere.yaml: no such file. Give the path of your events file, e.g. 'events.yaml'.\n"


def test_bytes_that_are_not_utf8_are_a_problem_in_the_file_at_their_place(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("events.yaml").write_bytes("site:\n  title: café \xe9\n".encode().replace(b"\xc3\xa9\n", b"\xe9\n"))
    result = run("check", "events.yaml")
    assert result.code == 1
    assert result.lines == [
        "events.yaml:2:15: error: file: the byte 0xE9 is not UTF-8 text. "
        "Save the file as UTF-8 in your editor (it was probably saved as Latin-1 or Windows-1252), then check the characters at this place.",
        "1 error, 0 warnings",
    ]


def test_unknown_option_is_a_usage_error():
    assert run("check", "--strictly").code == 2


def test_ten_different_mistakes_give_ten_messages(check):
    text = """\
site:
  title: {en: Timeline, ar: خط زمني}
  description: {en: A test timeline., ar: خط زمني للاختبار.}
sources:
  cnbc-report:
    outlet: {en: CNBC, ar: سي إن بي سي}
    title: Meta shifts strategy
    language: en
    published: 11/12/2025
    url: www.cnbc.com/meta
entities:
  meta: {kind: organisation, label: {en: Meta, ar: ميتا}}
events:
  - id: Llama4
    date: 2025-04-05
    end: 2025-03
    status: happend
    title: {en: Llama 4 flops}
    sumary: {en: Summary., ar: ملخص.}
    entities: [mta]
    date_basis: {kind: stated, source: cnbc}
    citations:
      - source: cnbc
        quote_translated: {en: x}
  - id: llama4
    date: 2025-04
    status: reported
    title: {en: Again, ar: مجددًا}
    summary: {en: Again., ar: مجددًا.}
    date_basis: {kind: stated, source: cnbc-report}
    citations: []
"""
    result = check(text)
    assert result.code == 1
    assert result.lines == [
        "events.yaml:5:3: warning: source 'cnbc-report': no event cites this source. Cite it from an event, or remove it.",
        "events.yaml:9:16: error: source 'cnbc-report', published: '11/12/2025' is ambiguous: day and month could be either way round. Write it in ISO form, year first: 2025-12-11 or 2025-11-12.",
        "events.yaml:10:10: error: source 'cnbc-report', url: 'www.cnbc.com/meta' is not an absolute http(s) address. Copy the full address from the browser's address bar; it starts with https:// or http://.",
        "events.yaml:12:3: warning: entity 'meta': no event mentions this entity. List it in an event's 'entities', or remove it.",
        "events.yaml:12:16: error: entity 'meta', kind: 'organisation' is not a kind of entity. Use one of: person, organization, model, product, topic; did you mean 'organization'?",
        "events.yaml:14:5: error: event 'Llama4', summary: the required field 'summary' is missing. Add 'summary:' to an event.",
        "events.yaml:14:9: error: event 'Llama4', id: the id 'Llama4' is not a slug. Use lowercase ASCII letters, digits and single hyphens only, e.g. 'llama4'; the id becomes part of the page address and must never change.",
        "events.yaml:16:10: error: event 'Llama4', end: the end (2025-03) is before the date (2025-04-05). Swap them, or correct the end date.",
        "events.yaml:17:13: error: event 'Llama4', status: 'happend' is not a status. Use one of: happened, reported, planned, denied, disputed; did you mean 'happened'?",
        "events.yaml:18:12: warning: event 'Llama4', title.ar: the Arabic text is missing. Add 'ar: …' with the Arabic translation; until then the site shows another language, labelled 'not yet translated'.",
        f"events.yaml:19:5: error: event 'Llama4', sumary: unknown field 'sumary'. Allowed fields here: {allowed(EVENT)}; did you mean 'summary'?",
        "events.yaml:20:16: error: event 'Llama4', entities: unknown entity 'mta'. Use an id defined under 'entities:'; did you mean 'meta'?",
        "events.yaml:23:9: error: event 'Llama4', citations[0].quote: the required field 'quote' is missing. Add 'quote:' to a citation.",
        "events.yaml:23:17: error: event 'Llama4', citations[0].source: unknown source 'cnbc'. Use an id defined under 'sources:'; did you mean 'cnbc-report'?",
        "events.yaml:31:16: error: event 'llama4', citations: the event has no citation. Add at least one citation with 'source' and 'quote'.",
        "12 errors, 3 warnings",
    ]


# -- the model that a clean check produces ----------------------------------------


def test_events_are_ordered_precise_dates_first_in_their_period_whatever_the_file_order():
    from generator.data.checker import check_text

    text = START + event("c-month", "2025-12") + event("b-day", "2025-12-01") + event("a-quarter", "2025-Q4") + event("d-year", "2025")
    timeline = check_text(text).timeline
    assert timeline is not None
    # Within the year, the day and month dates first (a day before its month),
    # then what is known only to the quarter, then to the year (the less precise after the more precise).
    assert [e.id for e in timeline.events] == ["b-day", "c-month", "a-quarter", "d-year"]


def test_first_reported_is_the_earliest_citation_date():
    from generator.data.checker import check_text

    earlier = "  earlier-report:\n    outlet: {en: AP, ar: أسوشيتد برس}\n    title: Earlier\n    language: en\n    published: 2025-11\n    url: https://example.org/earlier\n"
    text = START.replace("entities:\n", earlier + "entities:\n") + event(date="2025-04-05") + "      - source: earlier-report\n        quote: An earlier line.\n"
    timeline = check_text(text).timeline
    assert timeline is not None
    assert str(timeline.first_reported(timeline.events[0])) == "2025-11"


def test_timeline_lookups_follow_the_citations_and_entities():
    from generator.data.checker import check_text

    timeline = check_text(START + event("b-second", "2025-12-02") + event("a-first", "2025-12-01")).timeline
    assert timeline is not None
    first, second = timeline.events
    assert timeline.neighbours(first) == (None, second)
    assert timeline.neighbours(second) == (first, None)
    assert [e.id for e in timeline.events_citing("cnbc-report")] == ["a-first", "b-second"]
    assert [e.id for e in timeline.events_about("meta")] == ["a-first", "b-second"]
    assert timeline.event("b-second") is second


def test_a_source_id_defined_twice(check):
    duplicate = START.replace("entities:\n", START.split("sources:\n")[1].split("entities:\n")[0] + "entities:\n", 1)
    result = check(duplicate + event())
    assert result.lines[0] == (
        "events.yaml:11:3: error: source 'cnbc-report': the id 'cnbc-report' is defined twice (first on line 5). "
        "Give each one its own id, or merge them: YAML would silently keep only the last."
    )


# -- the date basis: every date says where it comes from ------------------------------


def test_an_event_without_a_date_basis_is_told_how_to_add_one(check):
    result = check(START + event().replace("    date_basis: {kind: stated, source: cnbc-report}\n", ""))
    assert result.code == 1
    assert result.lines[0] == (
        "events.yaml:14:5: error: event 'llama-4-release', date_basis: the required field 'date_basis' is missing: "
        "the reader cannot tell where the date comes from. Add 'date_basis: {kind: stated, source: <id>}' when a cited "
        "article states the date; kind 'report' when the event is dated by a cited article's report because its own date "
        "is not established; kind 'record' when another public record gives the date (list it under 'sources:' and cite it)."
    )


def test_a_date_basis_of_an_unknown_kind_lists_the_kinds(check):
    result = check(START + event().replace("kind: stated", "kind: states"))
    assert result.lines[0] == (
        "events.yaml:20:24: error: event 'llama-4-release', date_basis.kind: 'states' is not a date basis. "
        "Use one of: stated, report, record; did you mean 'stated'?"
    )


def test_a_date_may_rest_only_on_a_source_the_event_cites(check):
    other = "  ap-report:\n    outlet: {en: AP, ar: أسوشيتد برس}\n    title: Other\n    language: en\n    published: 2025-12-11\n    url: https://example.org/ap\n"
    text = START.replace("entities:\n", other + "entities:\n") + event().replace("source: cnbc-report}", "source: ap-report}")
    result = check(text)
    assert result.code == 1
    assert "events.yaml:26:40: error: event 'llama-4-release', date_basis.source: the date rests on source 'ap-report', " \
        "which this event does not cite. Cite it under 'citations' with the passage that gives the date, or name a cited source: cnbc-report." in result.lines


def test_a_date_basis_naming_no_known_source_suggests_the_cited_one(check):
    result = check(START + event().replace("source: cnbc-report}", "source: cnbc}"))
    assert result.lines[0] == (
        "events.yaml:20:40: error: event 'llama-4-release', date_basis.source: unknown source 'cnbc'. "
        "Use the id of a source this event cites; did you mean 'cnbc-report'?"
    )


def test_an_event_dated_by_a_report_must_include_the_report_date(check):
    # The source was published on 2025-12-10: an event dated by its report may say 2025-12-10, 2025-12 or 2025, not 2025-06.
    dated_by_report = START + event(date="2025-06").replace("kind: stated", "kind: report")
    result = check(dated_by_report, "--strict")
    assert result.code == 1
    assert result.lines[0] == (
        "events.yaml:20:40: warning: event 'llama-4-release', date_basis.source: the event is dated by the report of "
        "'cnbc-report', published 2025-12-10, but its date (2025-06) does not include that. Write the report's date "
        "(2025-12-10, or a coarser one that includes it), or use kind 'stated' or 'record' if a source gives the event's own date."
    )
    for date in ("2025-12-10", "~2025-12", "2025"):
        assert check(START + event(date=date).replace("kind: stated", "kind: report"), "--strict").code == 0


def test_the_date_basis_reaches_the_model_with_its_reference_number():
    from generator.data.checker import check_text

    other = "  ap-report:\n    outlet: {en: AP, ar: أسوشيتد برس}\n    title: Other\n    language: en\n    published: 2025-12-11\n    url: https://example.org/ap\n"
    text = START.replace("entities:\n", other + "entities:\n") + event().replace(
        "source: cnbc-report}", "source: ap-report}"
    ) + "      - source: ap-report\n        quote: A second article.\n"
    timeline = check_text(text).timeline
    assert timeline is not None
    basis = timeline.events[0].date_basis
    assert (basis.kind, basis.source) == ("stated", "ap-report")
    assert timeline.events[0].date_basis_reference == 2


# -- conflicting claims -----------------------------------------------------------


def _claims(first: str = "conflicts_with: [spring-claim]", second: str = "conflicts_with: [q1-claim]") -> str:
    """Two disputed events (q1-claim on lines 14-24, spring-claim from line 25), each line given after its date_basis."""
    q1 = event("q1-claim", "2026-Q1").replace("status: reported", "status: disputed")
    spring = event("spring-claim", "spring 2026").replace("status: reported", "status: disputed")
    q1 = q1.replace("    citations:", f"    {first}\n    citations:") if first else q1
    spring = spring.replace("    citations:", f"    {second}\n    citations:") if second else spring
    return START + q1 + spring


def test_conflicting_claims_name_each_other(check):
    from generator.data.checker import check_text

    result = check(_claims(), "--strict")
    assert (result.code, result.lines) == (0, ["no problems found (2 events, 1 source, 1 entity)"])
    timeline = check_text(_claims()).timeline
    assert timeline is not None
    assert timeline.event("q1-claim").conflicts_with == ("spring-claim",)
    assert timeline.event("spring-claim").conflicts_with == ("q1-claim",)


def test_a_conflict_named_on_one_side_only_is_an_error_where_the_other_side_lacks_it(check):
    result = check(_claims(second=""))
    assert (result.code, result.lines) == (1, [
        "events.yaml:25:9: error: event 'spring-claim', conflicts_with: event 'q1-claim' lists this event under conflicts_with, "
        "but this event does not list 'q1-claim'. Add 'conflicts_with: [q1-claim]' to this event; "
        "conflicting claims name each other, so that each page leads to the other.",
        "1 error, 0 warnings",
    ])


def test_a_list_that_lacks_the_other_claim_gets_the_whole_list_to_write(check):
    third = event("third-claim", "2026-06").replace("status: reported", "status: disputed").replace(
        "    citations:", "    conflicts_with: [spring-claim]\n    citations:"
    )
    result = check(_claims(first="conflicts_with: [spring-claim, third-claim]") + third)
    assert result.lines == [
        "events.yaml:32:21: error: event 'spring-claim', conflicts_with: event 'third-claim' lists this event under conflicts_with, "
        "but this event does not list 'third-claim'. Add it to this event's list: conflicts_with: [q1-claim, third-claim]; "
        "conflicting claims name each other, so that each page leads to the other.",
        "events.yaml:43:21: error: event 'third-claim', conflicts_with: event 'q1-claim' lists this event under conflicts_with, "
        "but this event does not list 'q1-claim'. Add it to this event's list: conflicts_with: [spring-claim, q1-claim]; "
        "conflicting claims name each other, so that each page leads to the other.",
        "2 errors, 0 warnings",
    ]


def test_a_conflict_with_an_unknown_event_or_itself_is_an_error(check):
    result = check(_claims(first="conflicts_with: [spring-claim, spring-clam, q1-claim]"))
    assert result.lines == [
        "events.yaml:21:36: error: event 'q1-claim', conflicts_with: unknown event 'spring-clam'. Use the id of another event; did you mean 'spring-claim'?",
        "events.yaml:21:49: error: event 'q1-claim', conflicts_with: an event cannot conflict with itself. "
        "Name the other events that make claims about the same thing, or remove this id.",
        "2 errors, 0 warnings",
    ]


def test_a_relayed_outlet_that_names_no_entity_is_told_so(check):
    relaying = START.replace("    url: https://www.example.com/meta\n", "    url: https://www.example.com/meta\n    via: [Reuters]\n")
    result = check(relaying + event())
    assert result.code == 0
    assert result.lines == [
        "events.yaml:11:11: warning: source 'cnbc-report', via: via 'Reuters' names no entity. "
        "Add an entity with this name among its aliases so that Arabic pages can name it.",
        "0 errors, 1 warning (1 event, 1 source, 1 entity)",
    ]


def test_a_relayed_outlet_is_found_by_any_name_of_its_entity_which_it_puts_to_use(check):
    # 'bloomberg' is named by no event, only by the source that relays it: it is not unused.
    relaying = START.replace("    url: https://www.example.com/meta\n", "    url: https://www.example.com/meta\n    via: [' bloomberg ']\n").replace(
        "entities:\n", "entities:\n  bloomberg: {kind: organization, label: {en: Bloomberg, ar: بلومبرغ}, aliases: [BBG]}\n"
    )
    assert check(relaying + event()).lines == ["no problems found (1 event, 1 source, 2 entities)"]


def test_checking_leaves_the_garbage_collector_as_it_found_it(tmp_path: Path):
    import gc

    from generator.data.checker import check_text

    text = START + event()
    assert gc.isenabled()
    check_text(text)
    assert gc.isenabled()
    gc.disable()
    try:
        check_text(text)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_merge_keys_are_refused_in_files_with_and_without_anchors(check):
    merged = START + event().replace("    status: reported\n", "    status: reported\n    <<: {notes: x}\n")
    refused = "events.yaml:17:5: error: YAML: merge keys (<<) are not supported. Write the fields out in full."
    assert refused in check(merged).lines
    # With an anchor and an alias elsewhere in the file, every node is looked at: both are found.
    shared = merged.replace("    status: reported\n", "    status: &s reported\n", 1) + "  - status: *s\n"
    assert refused in check(shared).lines
    assert "aliases are not used in events.yaml" in check(shared).out
