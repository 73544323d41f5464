"""Hostile and broken input: characters that hide, reorder or break text, and files that are not timelines.

Each story writes a tiny events.yaml as an attacker (or an unlucky copy and
paste) would, and reads the exact message `check` prints.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from mkdocs.utils.meta import get_data

from generator.data.check_file import check_file
from generator.data.model import Localized
from generator.languages.localize import Localizer
from generator.site.language_pages import render_language
from generator.site.page import front_matter

from conftest import FIXTURE, START, event, run

PAYLOAD = "Title\x7f ![x](x){: onerror=alert(document.domain) }"
DELETE_IT = "Delete it (often pasted along with text from a web page or a PDF), or retype the text around it."


def _title(written: str) -> str:
    """The event of START with its English title written exactly so (a YAML scalar), on line 18."""
    return START + event().replace("    title: {en: Title, ar: عنوان}\n", f"    title:\n      en: {written}\n      ar: عنوان\n")


# -- the stored XSS of issue 10: a character YAML forbids ---------------------------------


def test_the_payload_escaped_in_a_title_is_refused_at_the_escape(check):
    # json.dumps writes DEL as \u007f: valid YAML, which the reader never sees as DEL.
    result = check(_title(json.dumps(PAYLOAD)))
    assert result.code == 1
    assert result.lines == [
        "events.yaml:18:17: error: event 'llama-4-release', title.en: the invisible control character U+007F (written '\\u007f') is not allowed. Delete the escape.",
        "1 error, 0 warnings",
    ]


def test_the_payload_written_raw_in_a_title_is_refused_at_the_character(check):
    result = check(_title("'" + PAYLOAD + "'"))
    assert result.lines == [
        f"events.yaml:18:17: error: event 'llama-4-release', title.en: the invisible control character U+007F is not allowed. {DELETE_IT}",
        "1 error, 0 warnings",
    ]


@pytest.mark.parametrize(
    ("replace_from", "replace_to", "expected"),
    [
        ("summary: {en: Summary., ar: ملخص.}", 'summary: {en: "Summary.\\x7f ![x](x){: onerror=alert(1) }", ar: ملخص.}', "events.yaml:18:28: error: event 'llama-4-release', summary.en"),
        ("label: {en: Meta,", 'label: {en: "Meta\\x7f ![x](x){: onerror=alert(1) }",', "events.yaml:12:47: error: entity 'meta', label.en"),
        ("description: {en: A test timeline.,", 'description: {en: "A test\\x7f ![x](x){: onerror=alert(1) }",', "events.yaml:3:28: error: site, description.en"),
        ("title: Meta shifts strategy", 'title: "Meta\\x7f shifts"', "events.yaml:7:17: error: source 'cnbc-report', title"),
        ("outlet: {en: CNBC,", 'outlet: {en: "CN\\x7fBC",', "events.yaml:6:21: error: source 'cnbc-report', outlet.en"),
        ("quote: Meta is moving away from open models.", 'quote: "Meta\\x7f is moving away."', "events.yaml:23:21: error: event 'llama-4-release', citations[0].quote"),
        ("entities: [meta]", 'entities: [meta]\n    updates: [{date: 2025-12-02, note: {en: "x\\x7f", ar: y}}]', "events.yaml:20:47: error: event 'llama-4-release', updates[0].note.en"),
        ("ar: ميتا}}", 'ar: ميتا}, aliases: [Zuck, "Z\\x7f"]}', "events.yaml:12:77: error: entity 'meta', aliases[1]"),
        ("    language: en\n", '    language: en\n    via: ["Bloom\\x7fberg"]\n', "events.yaml:9:17: error: source 'cnbc-report', via[0]"),
        ("url: https://www.example.com/meta", 'url: "https://www.example.com/\\x7f"', "events.yaml:10:35: error: source 'cnbc-report', url"),
    ],
)
def test_every_text_field_refuses_the_character(check, replace_from, replace_to, expected):
    text = START + event()
    assert replace_from in text
    result = check(text.replace(replace_from, replace_to, 1))
    assert result.code == 1
    assert f"{expected}: the invisible control character U+007F (written '\\x7f') is not allowed. Delete the escape." in result.lines, result.out


@pytest.mark.parametrize(
    ("written", "character"),
    [
        ('"a\\0b"', "U+0000 (written '\\0')"),
        ('"a\\eb"', "U+001B (written '\\e')"),
        ('"a\\Nb"', "U+0085 (written '\\N')"),
        ('"a\\u0085b"', "U+0085 (written '\\u0085')"),
        ('"a\\x9bb"', "U+009B (written '\\x9b')"),
        ('"a\\rb"', "U+000D (written '\\r')"),
        ("'a\x85b'", "U+0085"),
        ("'a\x9bb'", "U+009B"),
        ("'a\x1bb'", "U+001B"),
        ("a\x00b", "U+0000"),
    ],
)
def test_control_characters_are_refused_raw_or_escaped(check, written, character):
    result = check(_title(written))
    assert result.code == 1
    assert result.lines[0].startswith("events.yaml:18:1") and f"title.en: the invisible control character {character} is not allowed" in result.lines[0]
    assert "\x1b" not in result.out and "\x00" not in result.out


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ('"a\\ufffeb"', "the noncharacter U+FFFE (written '\\ufffe') is not allowed: it is not text. Delete the escape."),
        ("a\ufdd0b", "the noncharacter U+FDD0 is not allowed: it is not text. Delete it (it is often left behind by a broken conversion between encodings)."),
        ('"a\\U0010FFFFb"', "the noncharacter U+10FFFF (written '\\U0010FFFF') is not allowed: it is not text. Delete the escape."),
        # Beyond the first plane, written raw: found whether or not the text holds other such characters.
        ("a\U0001fffeb", "the noncharacter U+1FFFE is not allowed: it is not text. Delete it (it is often left behind by a broken conversion between encodings)."),
        ("\U0001f600 a\U0010ffffb", "the noncharacter U+10FFFF is not allowed: it is not text. Delete it (it is often left behind by a broken conversion between encodings)."),
        ("\U0001f600 a\u2028b", "the invisible line separator U+2028 is not allowed: YAML reads it as a line break, editors do not. Delete it, or put a space in its place."),
        ("a\u2028b", "the invisible line separator U+2028 is not allowed: YAML reads it as a line break, editors do not. Delete it, or put a space in its place."),
        ('"a\\Pb"', "the invisible paragraph separator U+2029 (written '\\P') is not allowed: YAML reads it as a line break, editors do not. Delete the escape."),
    ],
)
def test_noncharacters_and_invisible_line_breaks_are_refused(check, written, message):
    result = check(_title(written))
    column = 13 if written.startswith('"') else 14 if written.startswith("\U0001f600") else 12
    assert result.lines == [f"events.yaml:18:{column}: error: event 'llama-4-release', title.en: {message}", "1 error, 0 warnings"]


def test_a_no_break_space_escape_is_text(check):
    assert check(_title('"a\\_b"')).code == 0


def test_keys_ids_and_comments_are_scanned_too(check):
    text = (START + event()).replace("events:\n", "# a comment\x7f\nevents:\n").replace("    status: reported\n", '    status: reported\n    "no\\ete": x\n')
    result = check(text)
    assert "events.yaml:13:12: error: YAML: the invisible control character U+007F is not allowed. " + DELETE_IT in result.lines
    assert "events.yaml:18:8: error: event 'llama-4-release', no\\x1bte: the invisible control character U+001B (written '\\e') is not allowed. Delete the escape." in result.lines


def test_many_pasted_characters_are_one_message(check):
    result = check(_title("'" + "a\x07" * 60 + "'"))
    assert result.lines == [
        f"events.yaml:18:13: error: event 'llama-4-release', title.en: the invisible control character U+0007 is not allowed; 60 times in this text. {DELETE_IT}",
        "1 error, 0 warnings",
    ]


# -- what check prints never runs in a terminal ---------------------------------------------


def test_text_output_writes_terminal_escapes_and_line_breaks_as_escapes(check):
    result = check(START + event().replace("status: reported", '"sta\\e[2J\\ntus": reported'))
    assert "\x1b" not in result.out
    assert "event 'llama-4-release', sta\\x1b[2J\\ntus: unknown field 'sta\\x1b[2J\\ntus'" in result.out
    assert all(line.startswith(("events.yaml:", "3 errors")) for line in result.lines), result.out


@pytest.mark.parametrize("output_format", ["github", "json"])
def test_machine_formats_carry_no_raw_control_character(check, output_format):
    result = check(_title('"a\\e[31m\\x9b\\u202eb"').replace("status: reported", '"x\\x7f\\x9b": 1'), "--format", output_format)
    assert result.code == 1
    for character in "\x1b\x7f\x9b\u202e":
        assert character not in result.out


# -- bidirectional controls ---------------------------------------------------------------


def test_a_bidirectional_override_is_refused(check):
    result = check(_title("Meta \u202eesaeler\u202c"))
    explained = (
        "is not allowed: it makes the text display in another order than it is written. Delete it: the site sets the direction of each text itself. "
        "If a phrase in the other script displays in the wrong order, wrap it in an isolate (U+2066, U+2067 or U+2068 before it, U+2069 after it)."
    )
    assert result.lines == [
        f"events.yaml:18:16: error: event 'llama-4-release', title.en: the bidirectional control U+202E (RIGHT-TO-LEFT OVERRIDE) {explained}",
        f"events.yaml:18:24: error: event 'llama-4-release', title.en: the bidirectional control U+202C (POP DIRECTIONAL FORMATTING) {explained}",
        "2 errors, 0 warnings",
    ]


def test_an_escaped_override_is_refused_at_the_escape(check):
    result = check(_title('"Meta \\u202Eesaeler"'))
    assert result.lines[0].startswith(
        "events.yaml:18:17: error: event 'llama-4-release', title.en: the bidirectional control U+202E (RIGHT-TO-LEFT OVERRIDE, written '\\u202E') is not allowed"
    )


def test_a_closed_isolate_is_a_warning_naming_its_place(check):
    result = check(_title("Meta releases \u2067لاما\u2069 4"))
    assert result.code == 0
    assert result.lines == [
        "events.yaml:18:25: warning: event 'llama-4-release', title.en: the bidirectional isolate U+2067 (RIGHT-TO-LEFT ISOLATE), closed at 18:30, "
        "changes the order in which this text is displayed. Keep it only if a phrase in the other script displays in the wrong order without it, and look at the page.",
        "0 errors, 1 warning (1 event, 1 source, 1 entity)",
    ]
    assert check(_title("Meta releases \u2067لاما\u2069 4"), "--strict").code == 1


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("Meta \u2068x", "the bidirectional isolate U+2068 (FIRST STRONG ISOLATE) is not closed in this text: it would reorder what follows it. Close it with U+2069 (POP DIRECTIONAL ISOLATE) at the end of the phrase, or delete it."),
        ("Meta \u2069x\u2066", "the bidirectional control U+2069 (POP DIRECTIONAL ISOLATE) closes no isolate. Delete it, or open the isolate before it in the same text with U+2066, U+2067 or U+2068."),
    ],
)
def test_an_isolate_left_open_or_closing_nothing_is_an_error(check, written, message):
    result = check(_title(written))
    assert result.code == 1
    assert f"events.yaml:18:16: error: event 'llama-4-release', title.en: {message}" in result.lines


def test_an_isolate_cannot_be_closed_in_another_text(check):
    text = _title("Meta \u2067x").replace("      ar: عنوان\n", "      ar: \u2069عنوان\n")
    assert check(text).code == 1


def test_direction_marks_are_ordinary_arabic_text(check):
    assert check(_title("Meta (\u200fميتا\u200e) \u061c")).lines == ["no problems found (1 event, 1 source, 1 entity)"]


# -- dates are written with the digits 0-9 ---------------------------------------------------


@pytest.mark.parametrize(
    ("date", "digit"),
    [
        ("'٢٠٢٥-١٢-٠١'", "U+0662 ARABIC-INDIC DIGIT TWO"),
        ("२०२५", "U+0968 DEVANAGARI DIGIT TWO"),
        ("𝟐𝟎𝟐𝟓-12", "U+1D7D0 MATHEMATICAL BOLD DIGIT TWO"),
        ("10 December ２０２５", "U+FF12 FULLWIDTH DIGIT TWO"),
    ],
)
def test_dates_in_other_digits_are_refused(check, date, digit):
    result = check(START + event(date=date))
    written = date.strip("'")
    assert result.lines[0] == (
        f"events.yaml:15:11: error: event 'llama-4-release', date: '{written}' is written with digits other than 0-9 ({digit}). "
        "Write dates with the digits 0-9, e.g. 2025-12-10; Arabic pages can show Arabic-Indic digits: write the ar entry of extra.timeline.languages in mkdocs.yml as {code: ar, digits: arab}."
    )


# -- files that are not timelines -----------------------------------------------------------


@pytest.mark.parametrize(("text", "found"), [("- site\n- events\n", "a list"), ("just a sentence\n", "'just a sentence'")])
def test_a_file_that_is_not_a_mapping_says_what_it_found(check, text, found):
    assert check(text).lines == [
        f"events.yaml:1:1: error: file: expected the parts of the file (site, sources, entities, events), found {found}. "
        "Start from the complete example in guide/data-model.md: the file begins with 'site:' at the left margin, with no '- ' before it.",
        "1 error, 0 warnings",
    ]


@pytest.mark.parametrize("indented", ["\tstatus: reported\n", "    status: reported\n\tx: 1\n"])
def test_a_tab_at_the_start_of_a_line_gets_the_tab_hint(check, indented):
    text = START + event().replace("    status: reported\n", indented)
    result = check(text)
    assert result.code == 1
    assert result.lines[0].endswith(": error: YAML: a tab character where YAML expects spaces. YAML indentation must use spaces, not tabs. Replace the tab with spaces."), result.out


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_an_endless_file_is_refused_at_the_size_limit():
    result = run("check", "/dev/zero")
    assert (result.code, result.out) == (2, "")
    assert result.err == (
        "error: /dev/zero: the file is larger than 10 MB (10,485,760 bytes), the most this tool reads. "
        "Check that it is the right file: a timeline of 15,000 events is about 10 MB.\n"
    )


def test_a_file_over_the_limit_is_refused_and_one_at_it_is_read(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    padding = "#" * (10 * 1024 * 1024 - len((START + event()).encode()) - 1) + "\n"
    Path("events.yaml").write_text(START + event() + padding, encoding="utf-8")
    assert run("check", "events.yaml").code == 0
    Path("events.yaml").write_text(START + event() + padding + "#", encoding="utf-8")
    assert run("check", "events.yaml").code == 2


def test_a_crlf_file_is_fine(check):
    assert check((START + event()).replace("\n", "\r\n")).code == 0


# -- page metadata can always be read back ---------------------------------------------------


@pytest.mark.parametrize("title", [PAYLOAD, "a\x85b", "a\ufffe\U0001fffe", "a\u2028b\n---\nc", "a\x00\x1b[31m", "\U0001f600 ميتا: \"'#&*!|>%@`"])
def test_front_matter_reads_back_through_mkdocs(title):
    values = {"title": title, "description": title, "timeline_page": True}
    body, meta = get_data(front_matter(values) + "Body\n")
    assert (meta, body) == (values, "Body\n")


def test_a_refused_character_that_slipped_past_the_checker_stops_the_render():
    timeline = check_file(FIXTURE / "events.yaml").timeline
    assert timeline is not None
    event_ = timeline.event("llama-4-release")
    hostile = replace(event_, title=Localized(en=PAYLOAD, ar="عنوان"))
    changed = replace(timeline, events=tuple(hostile if e.id == event_.id else e for e in timeline.events))
    with pytest.raises(ValueError, match="U\\+007F reached a page"):
        render_language(changed, Localizer("en"))


@pytest.mark.parametrize(("url", "reason"), [("https://[x/", "Invalid IPv6 URL"), ("https://exa＃mple.com/", "netloc 'exa＃mple.com' contains invalid characters under NFKC normalization")])
def test_an_address_python_cannot_split_is_an_error_not_a_crash(check, url, reason):
    result = check(START.replace("https://www.example.com/meta", url) + event())
    assert result.lines[0] == (
        f"events.yaml:10:10: error: source 'cnbc-report', url: '{url}' is not a usable address ({reason}). Copy the full address from the browser's address bar."
    )
