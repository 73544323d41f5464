"""A second timeline, on another subject and in another pair of languages: French first, then Arabic.

tests/fixtures/second-timeline/ was started with `timeline new --languages fr,ar` and holds a small made-up
story (the closing and renovation of a town's covered market) with imprecise dates, two sources that
conflict and a correction. Built once with its own mkdocs.yml, it is read as its readers would: in a
browser, right to left in Arabic, searched through Pagefind, followed through its feeds and exports.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import feedparser
import pytest

from conftest import DEPLOYMENT_ENVIRONMENT, REPO, Run, built_once, run, serve_folder
from test_browser import SCREENSHOTS, Watched, tab  # noqa: F401 - `tab` is a fixture
from test_search import open_box

SECOND = REPO / "tests" / "fixtures" / "second-timeline"
EVENTS = {"halles-fermees-securite", "chantier-des-halles", "cout-des-travaux", "reouverture-au-printemps", "reouverture-a-l-automne"}


@pytest.fixture(scope="session")
def second_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The second timeline built once, as its maintainers would (its own events.yaml, docs/ and mkdocs.yml); its site/."""

    def make(folder: Path) -> Run:
        with pytest.MonkeyPatch.context() as patch:
            for name in DEPLOYMENT_ENVIRONMENT:
                patch.delenv(name, raising=False)
            return run(
                "build", str(SECOND / "events.yaml"), "--docs", str(SECOND / "docs"), "--config", str(SECOND / "mkdocs.yml"),
                "--site", str(folder / "site"), "--work", str(folder / "build"),
            )

    built = built_once(tmp_path_factory, "second-timeline", make)
    assert built.result.code == 0, built.result.out + built.result.err
    return built.project / "site"


@pytest.fixture(scope="session")
def second_url(second_site: Path) -> Iterator[str]:
    with serve_folder(second_site) as url:
        yield url


def test_the_second_timeline_passes_the_strict_check():
    # Checked on a day of its own story: its expectations (spring 2025) have not yet expired then.
    checked = run("check", str(SECOND / "events.yaml"), "--strict", "--config", str(SECOND / "mkdocs.yml"), "--today", "2025-02-01")
    assert checked.lines == ["no problems found (5 events, 4 sources, 3 entities)"]


def test_the_root_leads_to_french_first(second_site: Path):
    root = (second_site / "index.html").read_text(encoding="utf-8")
    assert root.index('href="fr/') < root.index('href="ar/')


@pytest.mark.parametrize(("lang", "direction", "title", "dates"), [
    ("fr", "ltr", "Les halles de Valfleuri", ["novembre 2023", "printemps 2024", "Courant 2024", "printemps 2025", "environ septembre 2025"]),
    ("ar", "rtl", "سوق فالفلوري المسقوف", ["نوفمبر 2023", "ربيع 2024", "في وقت ما من 2024", "ربيع 2025", "نحو سبتمبر 2025"]),
])
def test_the_timeline_reads_in_its_language_and_direction_with_dates_at_their_precision(tab, second_url, lang, direction, title, dates):
    page = tab.goto(f"{second_url}/{lang}/timeline/")
    assert page.evaluate("getComputedStyle(document.querySelector('article.md-content__inner')).direction") == direction
    assert page.locator("html").get_attribute("lang") == lang
    assert page.title().endswith(title)
    text = page.locator("article.md-content__inner").inner_text()
    for date in dates:
        assert date in text
    # Oldest first, whatever the order of the file; the two claims about the reopening side by side, in one place.
    order = page.eval_on_selector_all("li.tl-item", "items => items.map((item) => item.id.replace('event-', ''))")
    assert order[0] == "halles-fermees-securite" and set(order) == EVENTS
    conflict = page.eval_on_selector_all(".tl-conflict li.tl-item", "items => items.map((item) => item.id.replace('event-', ''))")
    assert set(conflict) == {"reouverture-au-printemps", "reouverture-a-l-automne"}
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"second-timeline-{lang}.png"), full_page=True)


@pytest.mark.parametrize(("lang", "other_claim"), [("fr", "Réouverture repoussée à l'automne, selon l'architecte"), ("ar", "تأجيل إعادة الفتح إلى الخريف بحسب المهندس المعماري")])
def test_a_disputed_event_leads_to_the_other_claim(tab, second_url, lang, other_claim):
    page = tab.goto(f"{second_url}/{lang}/events/reouverture-au-printemps/")
    page.get_by_role("link", name=other_claim).first.click()
    page.wait_for_load_state("load")
    assert page.url.endswith(f"/{lang}/events/reouverture-a-l-automne/")


@pytest.mark.parametrize(("lang", "note"), [
    ("fr", "Le montant avait d'abord été donné à tort comme 4,3 millions d'euros ; l'article dit 3,4 millions."),
    ("ar", "ذُكر المبلغ أولًا خطأً على أنه 4.3 ملايين يورو، والمقال يقول 3.4 ملايين."),
])
def test_a_corrected_event_shows_its_correction(tab, second_url, lang, note):
    page = tab.goto(f"{second_url}/{lang}/events/cout-des-travaux/")
    assert note in page.locator("article.md-content__inner").inner_text()


@pytest.mark.parametrize(("lang", "term", "found"), [
    ("fr", "charpente", {"halles-fermees-securite"}),
    ("fr", "réouverture", {"reouverture-au-printemps", "reouverture-a-l-automne"}),
    # Written تشقّقات (with a shadda): found when typed without it, as readers type.
    ("ar", "تشققات", {"halles-fermees-securite"}),
    ("ar", "الخريف", {"reouverture-au-printemps", "reouverture-a-l-automne"}),
])
def test_pagefind_finds_events_in_each_language(browser, second_url, lang, term, found):
    watched = Watched(browser)
    try:
        box = open_box(watched, second_url, lang)
        assert box.events(term) >= found
        assert box.events(term) <= EVENTS
    finally:
        watched.context.close()
    assert watched.problems == [] and watched.dialogs == []


def test_each_language_has_a_feed_and_the_exports_hold_both_languages(tab, second_url):
    # Fetched by the page from the served site, as a feed reader or a spreadsheet would.
    page = tab.goto(f"{second_url}/fr/")
    fetched = page.evaluate(
        """async () => Object.fromEntries(await Promise.all(
             ["fr/feed.xml", "ar/feed.xml", "data/events.json", "data/events.csv", "data/sources.csl.json", "fr/data/timeline.json"]
               .map(async (path) => [path, await (await fetch("/" + path)).text()])))"""
    )
    for lang, title in (("fr", "Les halles ferment pour raisons de sécurité"), ("ar", "إغلاق السوق المسقوف لدواعٍ أمنية")):
        feed = feedparser.parse(fetched[f"{lang}/feed.xml"])
        assert not feed.bozo and feed.feed.language == lang
        assert len(feed.entries) == 5 and title in {entry.title for entry in feed.entries}
    events = json.loads(fetched["data/events.json"])
    assert events["languages"][:2] == ["fr", "ar"] or [language.get("code") for language in events["languages"]] == ["fr", "ar"]
    rows = list(csv.DictReader(io.StringIO(fetched["data/events.csv"].lstrip("\ufeff"))))
    assert {row["id"] for row in rows} == EVENTS
    assert {row["precision"] for row in rows} >= {"month", "season", "year"}
    assert [key for key in rows[0] if key.startswith("title_")] == ["title_fr", "title_ar"]
    assert len(json.loads(fetched["data/sources.csl.json"])) == 4
    timeline = json.loads(fetched["fr/data/timeline.json"])
    assert len(timeline["events"]) == 5
