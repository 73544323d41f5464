"""The Markdown pages the generator writes, before MkDocs sees them.

Golden files pin one event page per language; after an intended change,
regenerate them with `UPDATE_GOLDEN=1 python -m pytest tests/test_render.py`
and review the diff.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import markdown
import pytest

from generator.data.addresses import page_url
from generator.data.check_file import check_file
from generator.data.model import Timeline
from generator.languages.localize import Localizer
from generator.site.language_pages import render_embed, render_language
from generator.site.pieces import markdown_text
from generator.site.urls import language_url, relative_url

from conftest import FIXTURE

GOLDEN = Path(__file__).parent / "golden"


@pytest.fixture(scope="module")
def timeline() -> Timeline:
    result = check_file(FIXTURE / "events.yaml")
    assert result.timeline is not None
    return result.timeline


def pages(timeline: Timeline, lang: str) -> dict[str, str]:
    return {page.path: page.text for page in render_language(timeline, Localizer(lang))}


@pytest.mark.parametrize(("lang", "path"), [("en", "events/llama-4-release.md"), ("ar", "events/open-source-commitment-denial.md")])
def test_event_page_matches_its_golden_file(timeline, lang, path):
    text = pages(timeline, lang)[path]
    golden = GOLDEN / f"{lang}-{Path(path).stem}.md"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(text, encoding="utf-8")
    assert text == golden.read_text(encoding="utf-8")


def test_every_event_and_entity_has_a_page_in_both_languages(timeline):
    for lang in ("en", "ar"):
        paths = set(pages(timeline, lang))
        assert {f"events/{event.id}.md" for event in timeline.events} <= paths
        assert {f"entities/{entity_id}.md" for entity_id in timeline.entities} <= paths
        assert {"index.md", "timeline.md", "sources.md", "entities/index.md"} <= paths


def test_hostile_text_stays_text_through_markdown(timeline):
    # Python-Markdown, as MkDocs runs it, must leave the event's HTML block alone.
    for lang in ("en", "ar"):
        text = pages(timeline, lang)["events/hostile-input-test.md"]
        body = text.split("---\n", 2)[2]
        html = markdown.markdown(body, extensions=["attr_list", "toc"])
        assert "<script" not in without_json_ld(html)
        assert "<img" not in html
        assert "javascript:" not in re.findall(r'href="([^"]*)"', html).__str__()
        assert "<strong>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
        assert "[x](javascript:alert(1)) **bold**" in html


def test_titles_reach_the_theme_raw_to_be_escaped_once_where_it_prints_them(timeline):
    # The engine's theme overrides escape them (tests/test_engine.py); escaped here too, they would show as &amp;lt;.
    text = pages(timeline, "en")["events/hostile-input-test.md"]
    title_line = text.splitlines()[1]
    assert title_line == 'title: "<b>Bold</b> & </title><script>alert(\'title\')</script>"'


def test_a_blank_line_in_a_value_cannot_end_the_html_block(timeline):
    from dataclasses import replace

    from generator.data.model import Localized

    event = timeline.event("llama-4-release")
    sneaky = replace(event, summary=Localized(en="First.\n\n<script>alert(1)</script>\n\n# Heading", ar="ملخص"))
    changed = replace(timeline, events=tuple(sneaky if e.id == event.id else e for e in timeline.events))
    text = {p.path: p.text for p in render_language(changed, Localizer("en"))}["events/llama-4-release.md"]
    html = markdown.markdown(text.split("---\n", 2)[2])
    assert "<script" not in without_json_ld(html) and "<h1>Heading" not in html


def without_json_ld(html: str) -> str:
    """The page without its JSON-LD block (data, which no browser runs), which must be one JSON value holding no '<'."""
    blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S)
    assert len(blocks) == 1 and "<" not in blocks[0] and json.loads(blocks[0])
    return re.sub(r'<script type="application/ld\+json">.*?</script>', "", html, flags=re.S)


def test_timeline_groups_events_under_years_in_date_order(timeline):
    text = pages(timeline, "en")["timeline.md"]
    years = re.findall(r"^## (\d{4}) \{#year-\d{4}\}$", text, re.M)
    assert years == ["2024", "2025", "2026"]
    order = re.findall(r'<li class="tl-item" id="event-([a-z0-9-]+)"', text)
    assert order == [event.id for event in timeline.events]
    assert order[0] == "open-source-commitment-denial" and order[-1] == "avocado-closed-model"


@pytest.mark.parametrize(
    ("source", "target", "expected"),
    [
        ("events/x/", "timeline/", "../../timeline/"),
        ("", "timeline/", "timeline/"),
        ("timeline/", "events/x/#sources", "../events/x/#sources"),
        ("entities/", "entities/meta/", "meta/"),
        ("events/x/", "", "../../"),
        ("events/x/", "events/y/", "../y/"),
        ("entities/meta/", "entities/#kind-company", "../#kind-company"),
        ("", "", "./"),
        ("timeline/", "timeline/#year-2025", "./#year-2025"),
    ],
)
def test_relative_urls(source, target, expected):
    assert relative_url(source, target) == expected


def test_urls_of_pages_and_their_other_language():
    assert page_url("events/x.md") == "events/x/"
    assert page_url("entities/index.md") == "entities/"
    assert page_url("index.md") == ""
    assert language_url("ar", "events/x/") == "../../../ar/events/x/"
    assert language_url("en", "") == "../en/"


def test_markdown_syntax_is_escaped_in_headings():
    assert markdown_text("*a* [b](c) #") == r"\*a\* \[b\]\(c\) \#"


def test_an_article_quoted_twice_is_one_reference_with_both_quotes():
    from generator.data.checker import check_text

    from conftest import START, event

    second_source = """\
  ap-report:
    outlet: {en: AP, ar: أسوشيتد برس}
    title: Meta plans a closed model
    language: en
    published: 2025-12-11
    url: https://www.example.com/ap
"""
    text = START.replace("entities:\n", second_source + "entities:\n", 1) + event() + """\
      - source: ap-report
        quote: The model may not be released openly.
      - source: cnbc-report
        quote: Its next model is code-named Avocado.
"""
    result = check_text(text)
    assert result.problems == ()
    written = {page.path: page.text for page in render_language(result.timeline, Localizer("en"))}
    references = re.findall(r'<li id="cite-(\d+)" data-source="([^"]+)">(.*?)</li>', written["events/llama-4-release.md"], re.S)
    assert [(number, source) for number, source, _ in references] == [("1", "cnbc-report"), ("2", "ap-report")]
    assert re.findall(r"<blockquote[^>]*><p><span class=\"tl-quote__mark\">“</span>(.*?)<span", references[0][2]) == [
        "Meta is moving away from open models.", "Its next model is code-named Avocado.",
    ]
    assert references[0][2].count('class="tl-ref__outlet"') == 1
    assert "2 sources" in written["timeline.md"]
    assert "3 sources" not in written["timeline.md"]


def test_the_event_page_says_where_its_date_comes_from(timeline):
    en, ar = pages(timeline, "en"), pages(timeline, "ar")
    # A cited article states it.
    assert 'Stated in <a class="tl-basis__source" href="#cite-1"><bdi>CNBC</bdi> [1]</a>' in en["events/avocado-closed-model.md"]
    # Dated by a report: said plainly, with how the date was read.
    llama = en["events/llama-4-release.md"]
    assert "Dated by the report in <a class=\"tl-basis__source\" href=\"#cite-1\"><bdi>Masr Alyoum</bdi> [1]</a>; the event&#39;s own date is not established" in llama
    assert 'On the date:</span> The article says only &#34;earlier this year&#34;, so the year of the report.' in llama
    assert "أُرِّخ بتاريخ التقرير في <a class=\"tl-basis__source\" href=\"#cite-1\"><bdi>مصر اليوم</bdi> [1]</a>، ولم يثبت تاريخ الحدث نفسه" in ar["events/llama-4-release.md"]
    # A source whose outlet is unknown is still named, by its place in the reference list.
    assert 'Dated by the report in <a class="tl-basis__source" href="#cite-1"><bdi>the cited article</bdi> [1]</a>' in en["events/meta-ai-infrastructure-spending-2025.md"]
    # Another public record, cited like any article: the link leads to its reference.
    behemoth = en["events/behemoth-delay.md"]
    assert 'Taken from <a class="tl-basis__source" href="#cite-2"><bdi>Example Record</bdi> [2]</a>' in behemoth
    assert '<li id="cite-2" data-source="example-record-2025-05-15-behemoth">' in behemoth


def test_the_timeline_marks_dates_that_come_from_a_report_or_a_record(timeline):
    en, ar = pages(timeline, "en")["timeline.md"], pages(timeline, "ar")["timeline.md"]
    assert '<span class="tl-basis" data-basis="report">dated by the report</span>' in en
    assert '<span class="tl-basis" data-basis="record">date from Example Record</span>' in en
    assert '<span class="tl-basis" data-basis="report">مؤرَّخ بتاريخ التقرير</span>' in ar
    # A date the article states needs no mark.
    assert 'data-basis="stated"' not in en


def test_an_outlet_named_with_markup_characters_is_escaped_once_where_lists_say_whence_the_date():
    from generator.data.checker import check_text

    from conftest import START, event

    # The short mark of the timeline and the embed page's title fill a UI sentence with the name: the name
    # was escaped once before, and again with the sentence ("O&amp;#39;Brien").
    text = START.replace("outlet: {en: CNBC, ar: سي إن بي سي}", "outlet: {en: \"O'Brien & <Co>\", ar: سي إن بي سي}").replace(
        "title: {en: Timeline, ar:", "title: {en: \"Tom's <b>\", ar:"
    ) + event().replace("kind: stated", "kind: record")
    result = check_text(text)
    assert result.problems == ()
    timeline_page = next(page for page in render_language(result.timeline, Localizer("en")) if page.path == "timeline.md")
    assert '<span class="tl-basis" data-basis="record">date from O&#39;Brien &amp; &lt;Co&gt;</span>' in timeline_page.text
    embed = render_embed(result.timeline, Localizer("en"))
    assert "<title>Tom&#39;s &lt;b&gt;" in embed


def test_generated_bodies_need_no_whitespace_collapsed():
    """The engine collapses whitespace around line breaks in every built page; the bodies the templates write
    have none to collapse, so page shells pass them on as they are."""
    from generator.engine.hooks import collapse_whitespace

    timeline = check_file(FIXTURE / "events.yaml").timeline
    assert timeline is not None
    for lang in ("en", "ar"):
        for page in render_language(timeline, Localizer(lang)):
            if page.html_body:
                body = page.body.strip("\n")
                assert not re.search(r"[ \t\r\f]\n|\n[ \t\r\n\f]", body), page.path
                assert collapse_whitespace(body) == body


def test_a_relayed_outlet_is_named_in_the_pages_language_and_names_sort_by_its_script():
    from generator.data.checker import check_text

    from conftest import START, event

    text = START.replace("    url: https://www.example.com/meta\n", "    url: https://www.example.com/meta\n    via: [Bloomberg]\n").replace(
        "entities:\n",
        "entities:\n  bloomberg: {kind: organization, label: {en: Bloomberg, ar: بلومبرغ}}\n  hyperai: {kind: organization, label: {en: HyperAI, ar: HyperAI}}\n",
    ) + event().replace("entities: [meta]", "entities: [hyperai, meta]")
    result = check_text(text)
    assert result.problems == ()
    ar = {page.path: page.text for page in render_language(result.timeline, Localizer("ar"))}
    en = {page.path: page.text for page in render_language(result.timeline, Localizer("en"))}
    via = re.search(r'<span class="tl-ref__via">(.*?)</span>', ar["events/llama-4-release.md"]).group(1)
    assert "بلومبرغ" in via and "Bloomberg" not in via
    assert "Bloomberg" in re.search(r'<span class="tl-ref__via">(.*?)</span>', en["events/llama-4-release.md"]).group(1)
    # Arabic pages list Arabic names before Latin ones; English pages the other way round.
    assert re.findall(r'data-entity="([^"]+)"', ar["events/llama-4-release.md"]) == ["meta", "hyperai"]
    assert re.findall(r'data-entity="([^"]+)"', en["events/llama-4-release.md"]) == ["hyperai", "meta"]
    assert ar["entities/index.md"].index("bloomberg/") < ar["entities/index.md"].index("hyperai/")


def test_an_entity_page_lists_its_events_by_year_with_date_status_and_title(timeline):
    for lang, status_word in (("en", {"happened": ">happened<"}), ("ar", {"happened": ">وقع<"})):
        page = pages(timeline, lang)["entities/meta.md"]
        events = timeline.events_about("meta")
        # One heading per year, in timeline order, each followed by its events (every event once, linked).
        sections = re.findall(r'<h3 id="year-(\d{4})" data-pagefind-ignore>[^<]+</h3>\n<ol class="tl-list" data-pagefind-ignore>\n(.*?)</ol>', page, re.S)
        assert [int(year) for year, _ in sections] == sorted({event.date.year for event in events})
        listed = [(int(year), entry) for year, items in sections for entry in re.findall(r'<li class="tl-item tl-item--compact">.*?</li>', items)]
        assert len(listed) == len(events)
        for (year, entry), event in zip(listed, events, strict=True):
            assert year == event.date.year
            assert f'<a href="../../events/{event.id}/">' in entry
            assert f'class="tl-status tl-status--{event.status}" href="../../methodology/#status-{event.status}"' in entry
            assert "<time datetime=" in entry
        happened = [entry for _, entry in listed if "tl-status--happened" in entry]
        assert happened and all(status_word["happened"] in entry for entry in happened)
        assert "tl-item__summary" not in page  # the summaries are on the events' own pages


def test_a_sources_reason_for_being_unknown_is_shown_where_it_is_cited_and_listed():
    from generator.data.checker import check_text

    from conftest import START, event

    text = START.replace("    url: https://www.example.com/meta\n", "    url: null\n    unknown_because: {en: Only the saved text is known., ar: لا يُعرف إلا النص المحفوظ.}\n") + event()
    result = check_text(text)
    assert result.problems == ()  # the reason silences the null's warning
    for lang, reason in (("en", "Only the saved text is known."), ("ar", "لا يُعرف إلا النص المحفوظ.")):
        pages = {page.path: page.text for page in render_language(result.timeline, Localizer(lang))}
        for path in ("events/llama-4-release.md", "sources.md"):
            why = re.search(r'<span class="tl-ref__why">(.*?)</span> (.*?)</span>', pages[path])
            assert why is not None and why.group(2) == reason, path
