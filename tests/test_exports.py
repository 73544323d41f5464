"""The exports, read by the clients that consume them: TimelineJS3, spreadsheets, citation managers, feed readers, JSON-LD readers.

Stories run on the fixture timeline (tests/fixtures/site/events.yaml: dates
of every precision, a missing translation, a hostile event) and on the real
events.yaml; a few write a tiny timeline of their own.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import shutil
import warnings
from html.parser import HTMLParser
from pathlib import Path

import feedparser
import jsonschema
import pytest
from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
from citeproc.source.json import CiteProcJSON
from test_languages import with_french

from generator.data.check_file import check_file
from generator.data.checker import check_text
from generator.data.model import Timeline
from generator.exports.cite import cite_bibtex, cite_text
from generator.exports.csl import sources_csl
from generator.exports.feeds import atom_feed
from generator.exports.jsonld import event_jsonld, home_jsonld, script_tag
from generator.exports.model_json import events_json, schema
from generator.exports.serialize import json_bytes
from generator.exports.table import events_csv
from generator.exports.timelinejs import timeline_json
from generator.languages.localize import Localizer
from generator.languages.options import language
from generator.languages.settings import Settings

from conftest import FIXTURE, REPO, START, event, serve_folder

BASE = "https://example.org/site/{lang}/"
TIMELINEJS_DIST = REPO / "node_modules" / "@knight-lab" / "timelinejs" / "dist"


def load(path: Path, languages: tuple[str, ...] = ("en", "ar")) -> Timeline:
    result = check_file(path, languages)
    assert result.timeline is not None, [problem.text for problem in result.errors]
    return result.timeline


def load_text(text: str, languages: tuple[str, ...] = ("en", "ar")) -> Timeline:
    result = check_text(text, languages=languages)
    assert result.timeline is not None, [problem.text for problem in result.errors]
    return result.timeline


@pytest.fixture(scope="module")
def fixture() -> Timeline:
    return load(FIXTURE / "events.yaml")


@pytest.fixture(scope="module")
def real() -> Timeline:
    return load(REPO / "events.yaml")


@pytest.fixture(scope="module")
def trilingual(tmp_path_factory: pytest.TempPathFactory) -> tuple[Timeline, Settings]:
    """The fixture with French beside English and Arabic: nothing in the exports counts two languages."""
    text = with_french((FIXTURE / "events.yaml").read_text(encoding="utf-8"))
    settings = Settings(tuple(language(code) for code in ("en", "ar", "fr")))
    return load_text(text, settings.codes), settings


def slides(data: dict) -> dict[str, dict]:
    return {slide["unique_id"]: slide for slide in data["events"]}


class Tags(HTMLParser):
    """The tags and link targets in a piece of HTML."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.hrefs += [value or "" for name, value in attrs if name == "href"]


def tags_in(html: str) -> Tags:
    parser = Tags()
    parser.feed(html)
    return parser


# -- TimelineJS3 ------------------------------------------------------------------------


def test_the_timelinejs_export_has_a_title_slide_and_one_slide_per_event_in_timeline_order(fixture: Timeline):
    data = timeline_json(fixture, Localizer("en"), BASE.format(lang="en"))

    assert data["title"]["text"]["headline"] == "Meta&#39;s turn from open AI models"  # HTML, escaped
    assert [slide["unique_id"] for slide in data["events"]] == [event.id for event in fixture.events]
    llama = slides(data)["llama-4-release"]
    assert llama["text"]["headline"] == "Meta releases Llama 4 to a weak reception"
    assert "https://masralyoum.net/9211761" in tags_in(llama["text"]["text"]).hrefs
    assert "https://example.org/site/en/events/llama-4-release/" in tags_in(llama["text"]["text"]).hrefs


def test_timelinejs_dates_carry_only_the_known_parts_and_imprecise_ones_are_worded_by_the_site(fixture: Timeline):
    by_id = slides(timeline_json(fixture, Localizer("en"), None))

    day = by_id["behemoth-delay"]
    assert day["start_date"] == {"year": 2025, "month": 5, "day": 15}
    assert "end_date" not in day and "display_date" not in day
    assert by_id["llama-4-release"]["start_date"] == {"year": 2025}
    assert by_id["open-source-commitment-denial"]["start_date"] == {"year": 2024, "month": 12}
    quarter = by_id["closed-model-shift-q1-2026"]
    assert (quarter["start_date"], quarter["end_date"], quarter["display_date"]) == ({"year": 2026, "month": 1}, {"year": 2026, "month": 3}, "Q1 2026")
    season = by_id["avocado-closed-model"]
    assert (season["start_date"], season["end_date"], season["display_date"]) == ({"year": 2026, "month": 3}, {"year": 2026, "month": 5}, "spring 2026")
    year = by_id["meta-ai-infrastructure-spending-2025"]
    assert (year["start_date"], year["display_date"]) == ({"year": 2025}, "2025")
    circa = by_id["superintelligence-lab"]
    assert (circa["start_date"], circa["display_date"]) == ({"year": 2025, "month": 7}, "c. July 2025")


def test_an_event_with_an_end_spans_from_its_date_to_its_end_in_timelinejs_and_json_ld():
    ranged = event("long-shift", "2025-12-01").replace("    status: reported\n", "    end: 2026-Q1\n    status: reported\n")
    timeline = load_text(START + ranged)
    slide = timeline_json(timeline, Localizer("en"), None)["events"][0]

    assert (slide["start_date"], slide["end_date"]) == ({"year": 2025, "month": 12, "day": 1}, {"year": 2026, "month": 3})
    assert slide["display_date"] == "1 December 2025 – Q1 2026"
    assert event_jsonld(timeline, timeline.events[0], "en", None)["temporalCoverage"] == "2025-12-01/2026-03"


def test_timelinejs_in_arabic_uses_arabic_words_and_marks_an_english_fallback_with_its_language(fixture: Timeline):
    by_id = slides(timeline_json(fixture, Localizer("ar"), BASE.format(lang="ar")))

    assert by_id["closed-model-shift-q1-2026"]["text"]["headline"] == "توقعات بتحوّل ميتا بأعمالها المتقدمة إلى نماذج مغلقة"
    assert by_id["avocado-closed-model"]["display_date"] == "ربيع 2026"
    untranslated = by_id["open-source-commitment-denial"]["text"]
    assert untranslated["headline"] == '<span lang="en">Meta denies it is moving away from open source</span>'


def test_timelinejs_text_is_escaped_data_with_only_our_own_tags(fixture: Timeline):
    hostile = slides(timeline_json(fixture, Localizer("en"), BASE.format(lang="en")))["hostile-input-test"]

    assert hostile["text"]["headline"] == "&lt;b&gt;Bold&lt;/b&gt; &amp; &lt;/title&gt;&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;"
    found = tags_in(hostile["text"]["headline"] + hostile["text"]["text"])
    assert found.tags <= {"p", "ul", "li", "a", "span"}
    assert all(href.startswith("https://") for href in found.hrefs)
    assert hostile["autolink"] is False  # TimelineJS would otherwise make links of our data


@pytest.mark.needs("chromium", "node")
def test_timelinejs_export_loads_in_the_real_timelinejs3_with_one_slide_per_event(fixture: Timeline, browser, tmp_path: Path):
    shutil.copytree(TIMELINEJS_DIST, tmp_path / "timelinejs")
    for lang in fixture.languages:
        (tmp_path / f"{lang}.json").write_bytes(json_bytes(timeline_json(fixture, Localizer(lang), BASE.format(lang=lang))))
        (tmp_path / f"{lang}.html").write_text(
            f"""<!doctype html><html lang="{lang}"><head><meta charset="utf-8"><title>TimelineJS</title>
<link rel="stylesheet" href="timelinejs/css/timeline.css"><script src="timelinejs/js/timeline.js"></script></head>
<body><div id="timeline" style="width: 900px; height: 600px"></div>
<script>window.timeline = new TL.Timeline("timeline", "{lang}.json", {{language: "{lang}"}});</script></body></html>""",
            encoding="utf-8",
        )
    with serve_folder(tmp_path) as url:
        page = browser.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        try:
            for lang in fixture.languages:
                errors.clear()
                page.goto(f"{url}/{lang}.html")
                page.wait_for_function("document.querySelectorAll('.tl-slide').length > 1 || (document.querySelector('.tl-message-content') || {}).textContent")
                shown = page.evaluate(
                    """() => ({
                        slides: document.querySelectorAll('.tl-slide').length,
                        titles: document.querySelectorAll('.tl-slide-titleslide').length,
                        message: Array.from(document.querySelectorAll('.tl-message-full, .tl-message-content')).map(m => m.offsetParent ? m.textContent : '').join(''),
                        hostile: document.querySelector('#hostile-input-test .tl-headline')?.textContent,
                    })"""
                )
                assert shown["message"] == "" and errors == [], (lang, shown["message"], errors)
                assert (shown["slides"], shown["titles"]) == (len(fixture.events) + 1, 1)
                if lang == "en":  # shown as written, not run as markup
                    assert shown["hostile"] == "<b>Bold</b> & </title><script>alert('title')</script>"
        finally:
            page.close()


# -- events.csv ---------------------------------------------------------------------------


def read_csv(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_events_csv_is_utf8_with_a_bom_and_crlf_with_one_row_per_event_and_every_language(fixture: Timeline):
    data = events_csv(fixture)

    assert data.startswith(b"\xef\xbb\xbf")  # spreadsheet programs then read the Arabic right
    assert data.count(b"\r\n") >= len(fixture.events) + 1 and b"\n" not in data.replace(b"\r\n", b"")
    rows = read_csv(data)
    assert [row["id"] for row in rows] == [event.id for event in fixture.events]
    quarter = next(row for row in rows if row["id"] == "closed-model-shift-q1-2026")
    assert {key: quarter[key] for key in ("date", "precision", "earliest", "latest", "status")} == {
        "date": "2026-Q1", "precision": "quarter", "earliest": "2026-01-01", "latest": "2026-03-31", "status": "planned",
    }
    assert quarter["title_ar"] == "توقعات بتحوّل ميتا بأعمالها المتقدمة إلى نماذج مغلقة"
    assert quarter["entities"] == "meta llama"
    assert quarter["source_urls"] == "https://masralyoum.net/9211761"
    circa = next(row for row in rows if row["id"] == "superintelligence-lab")
    assert (circa["date"], circa["circa"]) == ("~2025-07", "yes")
    assert circa["source_ids"] == "masralyoum-2025-12-meta-rethinks-ai cnbc-2025-12-avocado"
    assert next(row for row in rows if row["id"] == "open-source-commitment-denial")["title_ar"] == ""


def test_a_cell_a_spreadsheet_would_run_as_a_formula_is_kept_as_text():
    hostile = event("formula").replace("{en: Title, ar: عنوان}", "{en: '=HYPERLINK(\"https://evil.example\")', ar: '@SUM(A1)'}")
    hostile = hostile.replace("{en: Summary., ar: ملخص.}", "{en: '+1+1', ar: '-2'}")
    row = read_csv(events_csv(load_text(START + hostile)))[0]

    assert (row["title_en"], row["title_ar"], row["summary_en"], row["summary_ar"]) == ("'=HYPERLINK(\"https://evil.example\")", "'@SUM(A1)", "'+1+1", "'-2")


def test_events_csv_has_a_column_pair_for_each_of_three_languages(trilingual: tuple[Timeline, Settings]):
    timeline, _ = trilingual
    header = read_csv(events_csv(timeline))[0].keys()

    assert [name for name in header if name.startswith(("title_", "summary_"))] == [
        "title_en", "summary_en", "title_ar", "summary_ar", "title_fr", "summary_fr",
    ]


# -- sources.csl.json -------------------------------------------------------------------


def render_bibliography(items: list[dict]) -> list[str]:
    """Every item through citeproc-py with the Harvard style it ships; the entries as plain text."""
    style = CitationStylesStyle("harvard-cite-them-right", validate=False)
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=".*unsupported: translated_title")  # a CSL 1.0.2 variable citeproc-py does not print
        bibliography = CitationStylesBibliography(style, CiteProcJSON(json.loads(json.dumps(items))), formatter.plain)
        bibliography.register(Citation([CitationItem(item["id"]) for item in items]))
        return [str(entry) for entry in bibliography.bibliography()]


@pytest.mark.parametrize("which", ["fixture", pytest.param("real", marks=pytest.mark.content)])
def test_every_source_renders_through_citeproc_with_its_title(which: str, request: pytest.FixtureRequest):
    timeline: Timeline = request.getfixturevalue(which)
    items = sources_csl(timeline)
    entries = render_bibliography(items)

    assert len(items) == len(timeline.sources) == len(entries)
    rendered = "\n".join(entries)
    for item in items:
        if "title" in item:
            assert item["title"] in rendered, item["id"]


def test_csl_items_keep_dates_at_their_precision_and_the_archived_copy(fixture: Timeline):
    items = {item["id"]: item for item in sources_csl(fixture)}

    masr = items["masralyoum-2025-12-meta-rethinks-ai"]
    assert masr["type"] == "article-newspaper" and masr["language"] == "ar"
    assert masr["container-title"] == "مصر اليوم"  # the outlet in the article's own language
    assert masr["issued"] == {"date-parts": [[2025, 12, 11]], "circa": True}
    assert masr["accessed"] == {"date-parts": [[2025, 12, 12]]}
    assert (masr["archive"], masr["archive_location"]) == ("web.archive.org", "https://web.archive.org/web/20251212000000/https://masralyoum.net/9211761")
    assert masr["translated-title"].startswith("A radical internal shift")
    unknown = items["unknown-bloomberg-relay-2025"]
    assert unknown == {"id": "unknown-bloomberg-relay-2025", "type": "article-newspaper", "language": "ar", "issued": {"date-parts": [[2025]]}}


# -- events.json --------------------------------------------------------------------------


@pytest.mark.parametrize("which", ["fixture", pytest.param("real", marks=pytest.mark.content)])
def test_events_json_is_valid_against_its_published_schema(which: str, request: pytest.FixtureRequest):
    timeline: Timeline = request.getfixturevalue(which)
    data = json.loads(json.dumps(events_json(timeline)))
    jsonschema.Draft202012Validator.check_schema(schema())

    jsonschema.Draft202012Validator(schema(), format_checker=jsonschema.FormatChecker()).validate(data)
    assert [item["id"] for item in data["events"]] == [event.id for event in timeline.events]
    assert data["languages"] == list(timeline.languages)


def test_events_json_holds_dates_with_their_precision_citations_and_updates(fixture: Timeline):
    by_id = {item["id"]: item for item in events_json(fixture)["events"]}

    llama = by_id["llama-4-release"]
    assert llama["updates"] == [{"date": {"written": "2025-12-12", "iso": "2025-12-12", "precision": "day", "circa": False, "open_start": False, "earliest": "2025-12-12", "latest": "2025-12-12"},
                                 "note": {"en": "Dated by the report, at the precision it gives.", "ar": "أُرّخ الحدث بتاريخ التقرير، بالدقة التي يسمح بها."}}]
    assert llama["citations"][0]["source"] == "masralyoum-2025-12-meta-rethinks-ai"
    assert llama["first_reported"]["written"] == "~2025-12-11"
    assert by_id["closed-model-shift-q1-2026"]["date"]["iso"] == "2026-01/2026-03"


def test_the_schema_rejects_what_it_does_not_describe(fixture: Timeline):
    data = json.loads(json.dumps(events_json(fixture)))
    data["events"][0]["date"]["precision"] = "week"
    validator = jsonschema.Draft202012Validator(schema())

    assert [error.json_path for error in validator.iter_errors(data)] == ["$.events[0].date.precision"]


# -- Atom feeds -----------------------------------------------------------------------------


def parse_feed(data: bytes, address: str) -> feedparser.FeedParserDict:
    parsed = feedparser.parse(data, response_headers={"content-location": address, "content-type": "application/atom+xml"})
    assert not parsed.bozo, parsed.get("bozo_exception")
    return parsed


def test_each_language_has_a_feed_newest_first_by_the_date_added_or_corrected(fixture: Timeline):
    for lang in fixture.languages:
        base = BASE.format(lang=lang)
        feed = parse_feed(atom_feed(fixture, Localizer(lang), base), base + "feed.xml")

        assert feed.feed.language == lang
        assert len(feed.entries) == len(fixture.events)
        assert {entry.link for entry in feed.entries} == {f"{base}events/{event.id}/" for event in fixture.events}
        assert all(entry.id == entry.link for entry in feed.entries)  # the permanent page is the entry's id
        updated = [entry.updated_parsed for entry in feed.entries]
        assert updated == sorted(updated, reverse=True)
    arabic = parse_feed(atom_feed(fixture, Localizer("ar"), BASE.format(lang="ar")), BASE.format(lang="ar") + "feed.xml")
    # Corrected on 12 December 2025 (its updates log): the newest, though it happened in April.
    assert arabic.entries[0].link == "https://example.org/site/ar/events/llama-4-release/"
    assert arabic.entries[0].updated.startswith("2025-12-12")
    assert arabic.entries[0].title == "ميتا تطلق لاما 4 وسط استقبال فاتر"


def test_a_new_entry_in_an_updates_log_moves_the_event_to_the_top_of_the_feed():
    two = START + event("first-event", "2025-11-01") + event("second-event", "2025-11-02")
    before = parse_feed(atom_feed(load_text(two), Localizer("en"), BASE.format(lang="en")), BASE.format(lang="en") + "feed.xml")
    corrected = two.replace("  - id: first-event\n", "  - id: first-event\n    updates:\n      - {date: 2026-01-05, note: {en: Corrected the date., ar: صُحّح التاريخ.}}\n")
    after = parse_feed(atom_feed(load_text(corrected), Localizer("en"), BASE.format(lang="en")), BASE.format(lang="en") + "feed.xml")

    # Both were first reported on 10 December 2025 (their one source): the later event comes first.
    assert [entry.link.split("/")[-2] for entry in before.entries] == ["second-event", "first-event"]
    assert [entry.link.split("/")[-2] for entry in after.entries] == ["first-event", "second-event"]
    assert after.entries[0].updated.startswith("2026-01-05") and after.entries[0].published.startswith("2025-12-10")


def test_without_a_site_url_feed_links_are_relative_to_the_feed_and_ids_stay_stable(fixture: Timeline):
    data = atom_feed(fixture, Localizer("en"), None)
    feed = parse_feed(data, "https://mirror.example/en/feed.xml")

    assert feed.entries[0].link == "https://mirror.example/en/events/llama-4-release/"
    assert all(entry.id.startswith("urn:uuid:") for entry in feed.entries)
    assert data == atom_feed(fixture, Localizer("en"), None)


def test_a_feed_in_a_third_language_uses_its_texts(trilingual: tuple[Timeline, Settings]):
    timeline, settings = trilingual
    feed = parse_feed(atom_feed(timeline, Localizer("fr", settings), BASE.format(lang="fr")), BASE.format(lang="fr") + "feed.xml")

    assert feed.feed.title == "FR Meta's turn from open AI models"
    assert len(feed.entries) == len(timeline.events)
    assert all(entry.title.startswith("FR ") for entry in feed.entries)


def test_a_feed_in_a_third_language_falls_back_per_text_where_a_translation_is_missing():
    # French for one event's title only: that entry is French, every other text keeps the data's first language.
    text = (FIXTURE / "events.yaml").read_text(encoding="utf-8")
    english = "en: Meta releases Llama 4 to a weak reception"
    assert english in text
    text = text.replace(english, f"{english}\n      fr: Meta publie Llama 4, accueil tiède", 1)
    settings = Settings(tuple(language(code) for code in ("en", "ar", "fr")))
    timeline = load_text(text, settings.codes)
    feed = parse_feed(atom_feed(timeline, Localizer("fr", settings), BASE.format(lang="fr")), BASE.format(lang="fr") + "feed.xml")

    titles = {entry.link.rstrip("/").rsplit("/", 1)[-1]: entry.title for entry in feed.entries}
    assert titles["llama-4-release"] == "Meta publie Llama 4, accueil tiède"
    other = next(event for event in timeline.events if event.id != "llama-4-release")
    assert titles[other.id] == other.title.best("en")[0]
    assert feed.feed.title == timeline.site.title.best("en")[0]


# -- JSON-LD -----------------------------------------------------------------------------------


def test_an_event_page_describes_the_event_its_dates_and_each_cited_article(fixture: Timeline):
    data = event_jsonld(fixture, fixture.event("llama-4-release"), "en", BASE.format(lang="en"))

    assert (data["@type"], data["inLanguage"], data["headline"]) == ("NewsArticle", "en", "Meta releases Llama 4 to a weak reception")
    assert data["url"] == "https://example.org/site/en/events/llama-4-release/"
    assert (data["temporalCoverage"], data["datePublished"], data["dateModified"]) == ("2025", "2025-12-11", "2025-12-12")
    assert data["citation"] == [{
        "@type": "NewsArticle", "inLanguage": "ar",
        "headline": "تحوّل جذري داخلي.. ميتا تعيد هندسة خطط الذكاء الاصطناعي للبقاء في المنافسة",
        "url": "https://masralyoum.net/9211761", "datePublished": "2025-12-11",
        "publisher": {"@type": "Organization", "name": "مصر اليوم"},
        "archivedAt": "https://web.archive.org/web/20251212000000/https://masralyoum.net/9211761",
    }]
    assert [thing["name"] for thing in data["about"]] == ["Meta", "Llama", "Mark Zuckerberg"]


def test_temporal_coverage_is_iso_8601_at_the_dates_precision(fixture: Timeline):
    def coverage(event_id: str) -> str:
        return event_jsonld(fixture, fixture.event(event_id), "ar", None)["temporalCoverage"]

    assert coverage("open-source-commitment-denial") == "2024-12"
    assert coverage("meta-ai-infrastructure-spending-2025") == "2025"
    assert coverage("closed-model-shift-q1-2026") == "2026-01/2026-03"
    assert coverage("avocado-closed-model") == "2026-03/2026-05"
    assert "url" not in event_jsonld(fixture, fixture.event("behemoth-delay"), "ar", None)  # no made-up address


def test_the_home_page_offers_the_website_and_the_dataset_with_its_downloads(fixture: Timeline):
    graph = home_jsonld(fixture, "ar", BASE.format(lang="ar"))["@graph"]
    website, dataset = graph

    assert (website["@type"], website["url"]) == ("WebSite", "https://example.org/site/ar/")
    assert dataset["@type"] == "Dataset" and dataset["temporalCoverage"] == "2024-12/2026-05"
    assert [download["contentUrl"] for download in dataset["distribution"]] == [
        "https://example.org/site/data/events.json",
        "https://example.org/site/data/events.csv",
        "https://example.org/site/data/sources.csl.json",
        "https://example.org/site/ar/data/timeline.json",
    ]


class Scripts(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.scripts: list[str] = []
        self.inside = False
        self.after: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.inside = tag == "script"
        self.scripts += [""] if self.inside else []
        if not self.inside:
            self.after.append(tag)

    def handle_endtag(self, tag: str) -> None:
        self.inside = False

    def handle_data(self, data: str) -> None:
        if self.inside:
            self.scripts[-1] += data


def test_json_ld_in_a_script_tag_cannot_be_ended_by_its_data(fixture: Timeline):
    data = event_jsonld(fixture, fixture.event("hostile-input-test"), "en", BASE.format(lang="en"))
    data["description"] += " </script><script>alert(2)</script> <!-- & ]]>"
    html = f"<html><head>{script_tag(data)}</head><body><p>after</p></body></html>"
    parser = Scripts()
    parser.feed(html)

    assert len(parser.scripts) == 1 and parser.after == ["html", "head", "body", "p"]
    assert json.loads(parser.scripts[0]) == data


# -- Cite this page --------------------------------------------------------------------------------


def test_a_ready_citation_in_the_pages_language(fixture: Timeline):
    llama = fixture.event("llama-4-release")

    assert cite_text(fixture, llama, Localizer("en"), BASE.format(lang="en"), dt.date(2026, 11, 30)) == (
        "Meta's turn from open AI models. “Meta releases Llama 4 to a weak reception”. 12 December 2025."
        " https://example.org/site/en/events/llama-4-release/ (accessed 30 November 2026)."
    )
    assert cite_text(fixture, llama, Localizer("ar"), BASE.format(lang="ar"), None) == (
        "تحوّل ميتا عن نماذج الذكاء الاصطناعي المفتوحة. «ميتا تطلق لاما 4 وسط استقبال فاتر». 12 ديسمبر 2025."
        " https://example.org/site/ar/events/llama-4-release/"
    )


def balanced(text: str) -> bool:
    depth = 0
    for char in re.sub(r"\\[{}]", "", text):
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


def test_bibtex_escapes_braces_backslashes_and_percent_signs():
    hostile = event("hostile-bibtex").replace("{en: Title, ar: عنوان}", r"""{en: '50% off} \input{/etc/passwd} # $x_1$ ~ ^ & {', ar: عنوان}""")
    timeline = load_text(START + hostile)
    entry = cite_bibtex(timeline, timeline.event("hostile-bibtex"), "en", BASE.format(lang="en"), dt.date(2026, 11, 30))

    title = next(line for line in entry.splitlines() if line.lstrip().startswith("title = "))
    assert title == r"  title = {{50\% off\} \textbackslash{}input\{/etc/passwd\} \# \$x\_1\$ \textasciitilde{} \textasciicircum{} \& \{}},"
    assert balanced(entry)
    assert entry.startswith("@misc{hostile-bibtex,\n") and entry.endswith("}\n")
    assert "  url = {https://example.org/site/en/events/hostile-bibtex/},\n" in entry
    assert "  urldate = {2026-11-30},\n" in entry and "  month = dec,\n" in entry

