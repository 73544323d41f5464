"""What the pages tell the rest of the web: share cards, language pairs, sitemaps, JSON-LD, citations, embeds, print.

Stories build the fixture project (tests/fixtures/site: a hostile event, an
event with a correction, a hand-written page in both languages) once with a
public address, as a published site is built, and read the pages as a
crawler, a feed reader or a citation manager would; browser stories look at
the embed page and the printed page in Debian's Chromium.
"""

from __future__ import annotations

import base64
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.data.check_file import check_file
from generator.data.model import Timeline

from conftest import FIXTURE, PUBLIC_URL, build_args, copy_fixture, run

ROOT = PUBLIC_URL  # the public address conftest's published_site is built with
LANGUAGES = ("en", "ar")
HOSTILE_TITLE = "<b>Bold</b> & </title><script>alert('title')</script>"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
XHTML = "{http://www.w3.org/1999/xhtml}"


@pytest.fixture(scope="module")
def published(published_site: Path) -> Path:
    """The fixture built as a published site is: with its public address (ROOT) in SITE_URL; built once per session."""
    return published_site


@pytest.fixture(scope="module")
def timeline() -> Timeline:
    result = check_file(FIXTURE / "events.yaml", LANGUAGES)
    assert result.timeline is not None
    return result.timeline


class Head(HTMLParser):
    """A page as a crawler reads it: its meta properties, its links, its JSON-LD, the text of chosen elements."""

    def __init__(self) -> None:
        super().__init__()
        self.meta: dict[str, list[str]] = {}
        self.links: list[dict[str, str]] = []
        self.jsonld: list[str] = []
        self._script: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "meta" and ("property" in values or "name" in values):
            self.meta.setdefault(values.get("property") or values["name"], []).append(values.get("content", ""))
        elif tag == "link":
            self.links.append(values)
        elif tag == "script" and values.get("type") == "application/ld+json":
            self._script = []

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self.jsonld.append("".join(self._script))
            self._script = None

    def one(self, name: str) -> str:
        assert len(self.meta.get(name, [])) == 1, (name, self.meta.get(name))
        return self.meta[name][0]

    def hreflang(self) -> dict[str, str]:
        return {link["hreflang"]: link["href"] for link in self.links if link.get("rel") == "alternate" and "hreflang" in link}


def read(site: Path, path: str) -> Head:
    head = Head()
    head.feed((site / path).read_text(encoding="utf-8"))
    return head


def pages_of(site: Path, lang: str) -> list[str]:
    """Every page MkDocs built for a language, as its address under the language ('' for the home page)."""
    found = []
    for path in sorted((site / lang).rglob("index.html")):
        url = path.relative_to(site / lang).parent.as_posix()
        if url != "embed":  # a whole document of its own, not a MkDocs page
            found.append("" if url == "." else url + "/")
    return found


# -- share cards --------------------------------------------------------------------------


def test_an_event_page_is_shared_as_an_article_dated_by_the_data(published: Path):
    head = read(published, "en/events/llama-4-release/index.html")

    assert head.one("og:type") == "article"
    assert head.one("og:title") == "Meta releases Llama 4 to a weak reception"
    assert head.one("og:description").startswith("Meta released its Llama 4 open models.")
    assert head.one("og:url") == ROOT + "en/events/llama-4-release/"
    assert head.one("og:image") == ROOT + "en/assets/images/share.png"
    assert (published / "en" / "assets" / "images" / "share.png").read_bytes().startswith(b"\x89PNG")
    assert head.one("og:locale") == "en_GB"
    assert head.meta["og:locale:alternate"] == ["ar_EG"]
    # First reported by its earliest source (c. 11 December 2025), corrected on 12 December 2025.
    assert head.one("article:published_time") == "2025-12-11"
    assert head.one("article:modified_time") == "2025-12-12"
    assert head.one("twitter:card") == "summary_large_image"
    # Twitter (X) takes the card's title, description and image from Open Graph: not written twice.
    assert not {"twitter:title", "twitter:description", "twitter:image"} & set(head.meta)


def test_the_other_pages_are_shared_as_the_website_in_their_language(published: Path):
    home = read(published, "ar/index.html")
    assert home.one("og:type") == "website"
    assert home.one("og:title") == "تحوّل ميتا عن نماذج الذكاء الاصطناعي المفتوحة"
    assert (home.one("og:locale"), home.meta["og:locale:alternate"]) == ("ar_EG", ["en_GB"])
    assert "article:published_time" not in home.meta
    methodology = read(published, "en/methodology/index.html")  # hand-written: its own title
    assert methodology.one("og:type") == "website" and methodology.one("og:url") == ROOT + "en/methodology/"
    assert methodology.one("og:title") and "<" not in methodology.one("og:title")


def test_a_hostile_title_reaches_the_share_card_as_text_escaped_once(published: Path):
    html = (published / "en/events/hostile-input-test/index.html").read_text(encoding="utf-8")
    head = read(published, "en/events/hostile-input-test/index.html")

    assert head.one("og:title") == HOSTILE_TITLE
    assert head.one("og:description").startswith("<script>alert(1)</script>")
    assert "<script>alert" not in html and "&amp;lt;" not in html  # no markup, and never escaped twice


def test_without_a_public_address_no_card_points_at_the_preview(built_site: Path):
    # The fixture built without SITE_URL: the site has no address.
    for path in ("en/events/llama-4-release/index.html", "ar/index.html"):
        head = read(built_site, path)
        assert "og:url" not in head.meta and "og:image" not in head.meta and "twitter:image" not in head.meta
        assert head.one("og:title") and head.one("twitter:card") == "summary"


# -- language pairs ------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_page_names_itself_in_each_language_and_the_root_choice_as_default(published: Path, lang: str):
    pages = pages_of(published, lang)
    assert "events/llama-4-release/" in pages and "methodology/" in pages

    for url in pages:
        alternates = read(published, f"{lang}/{url}index.html").hreflang()
        assert alternates == {"en": f"{ROOT}en/{url}", "ar": f"{ROOT}ar/{url}", "x-default": ROOT}, url
        for other in LANGUAGES:
            assert (published / other / url / "index.html").is_file(), (other, url)


def test_a_page_written_in_one_language_only_names_no_translation(tmp_path: Path):
    project = copy_fixture(tmp_path / "project")
    (project / "docs" / "en" / "about.md").write_text("# About\n\nOnly in English.\n", encoding="utf-8")
    assert run(*build_args(project)).code == 0

    alternates = read(project / "site", "en/about/index.html").hreflang()
    assert set(alternates) == {"en", "x-default"}
    assert alternates["en"].endswith("/en/about/")


def test_every_page_advertises_its_languages_feed(published: Path):
    for lang in LANGUAGES:
        for url in ("", "timeline/", "events/llama-4-release/", "methodology/"):
            feeds = [link for link in read(published, f"{lang}/{url}index.html").links if link.get("type") == "application/atom+xml"]
            assert len(feeds) == 1 and feeds[0]["rel"] == "alternate"
            # Relative to the page: it resolves to <lang>/feed.xml.
            assert feeds[0]["href"] == "../" * url.count("/") + "feed.xml"
    assert "موجز Atom" in (published / "ar/index.html").read_text(encoding="utf-8")


# -- sitemaps --------------------------------------------------------------------------------


def test_the_sitemaps_pair_each_page_with_its_other_language_versions(published: Path, timeline: Timeline):
    index = ET.parse(published / "sitemap.xml").getroot()
    assert index.tag == f"{SITEMAP}sitemapindex"
    assert [entry.findtext(f"{SITEMAP}loc") for entry in index] == [f"{ROOT}{lang}/sitemap.xml" for lang in LANGUAGES]

    listed: dict[str, set[str]] = {}
    for lang in LANGUAGES:
        urlset = ET.parse(published / lang / "sitemap.xml").getroot()
        listed[lang] = set()
        for entry in urlset:
            loc = entry.findtext(f"{SITEMAP}loc") or ""
            url = loc.removeprefix(f"{ROOT}{lang}/")
            listed[lang].add(url)
            alternates = {link.get("hreflang"): link.get("href") for link in entry.findall(f"{XHTML}link")}
            assert alternates == {"en": f"{ROOT}en/{url}", "ar": f"{ROOT}ar/{url}", "x-default": ROOT}, loc
            assert (published / lang / url / "index.html").is_file(), loc
    assert listed["en"] == listed["ar"] == set(pages_of(published, "en"))
    # Dated by the data: the corrected event by its correction, an uncorrected one by its first report.
    en = {entry.findtext(f"{SITEMAP}loc"): entry.findtext(f"{SITEMAP}lastmod") for entry in ET.parse(published / "en" / "sitemap.xml").getroot()}
    assert en[f"{ROOT}en/events/llama-4-release/"] == "2025-12-12"
    assert en[f"{ROOT}en/events/hostile-input-test/"] == "2025-12-09"
    assert en[f"{ROOT}en/methodology/"] is None  # a hand-written page: no date the data knows


def test_the_gzipped_sitemap_is_the_same_sitemap(published: Path):
    import gzip

    for lang in LANGUAGES:
        assert gzip.decompress((published / lang / "sitemap.xml.gz").read_bytes()) == (published / lang / "sitemap.xml").read_bytes()


# -- structured data, citations, corrections -----------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_event_page_carries_json_ld_that_parses_and_names_its_citations(published: Path, timeline: Timeline, lang: str):
    for event in timeline.events:
        scripts = read(published, f"{lang}/events/{event.id}/index.html").jsonld
        assert len(scripts) == 1, event.id
        data = json.loads(scripts[0])
        assert data["@type"] == "NewsArticle" and data["inLanguage"] == lang
        assert data["url"] == f"{ROOT}{lang}/events/{event.id}/"
        sources = [timeline.sources[reference.source] for reference in event.references]
        assert [citation.get("url") for citation in data["citation"]] == [source.url for source in sources]
        assert [citation.get("headline") for citation in data["citation"]] == [source.title for source in sources]
    hostile = json.loads(read(published, f"{lang}/events/hostile-input-test/index.html").jsonld[0])
    if lang == "en":
        assert hostile["headline"] == HOSTILE_TITLE


def test_the_home_page_describes_the_website_and_the_dataset(published: Path):
    for lang in LANGUAGES:
        scripts = read(published, f"{lang}/index.html").jsonld
        assert len(scripts) == 1
        graph = json.loads(scripts[0])["@graph"]
        assert [item["@type"] for item in graph] == ["WebSite", "Dataset"]
        downloads = [item["contentUrl"] for item in graph[1]["distribution"]]
        assert f"{ROOT}data/events.csv" in downloads and f"{ROOT}{lang}/data/timeline.json" in downloads


class Text(HTMLParser):
    """The text inside the elements of one class."""

    def __init__(self, css_class: str) -> None:
        super().__init__()
        self.css_class, self.depth, self.found = css_class, 0, [""]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if self.depth:
            self.depth += 1
        elif self.css_class in (dict(attrs).get("class") or "").split():
            self.depth = 1

    def handle_endtag(self, tag: str) -> None:
        if self.depth:
            self.depth -= 1
            if not self.depth:
                self.found.append("")

    def handle_data(self, data: str) -> None:
        if self.depth:
            self.found[-1] += data


def texts(site: Path, path: str, css_class: str) -> list[str]:
    parser = Text(css_class)
    parser.feed((site / path).read_text(encoding="utf-8"))
    return [text for text in parser.found if text]


def test_an_event_page_offers_a_ready_citation_of_itself_in_its_language(published: Path):
    english = texts(published, "en/events/llama-4-release/index.html", "tl-cite__text")
    assert english == [
        "Meta's turn from open AI models. “Meta releases Llama 4 to a weak reception”. 12 December 2025."
        f" {ROOT}en/events/llama-4-release/"
    ]
    arabic = texts(published, "ar/events/llama-4-release/index.html", "tl-cite__text")[0]
    assert "«ميتا تطلق لاما 4 وسط استقبال فاتر»" in arabic and arabic.endswith(f"{ROOT}ar/events/llama-4-release/")
    bibtex = texts(published, "en/events/llama-4-release/index.html", "tl-cite__bibtex")[0]
    assert "@misc{llama-4-release,\n" in bibtex and f"url = {{{ROOT}en/events/llama-4-release/}}" in bibtex
    html = (published / "en/events/llama-4-release/index.html").read_text(encoding="utf-8")
    assert 'download="llama-4-release.bib"' in html
    # The download is the BibTeX shown, with its Arabic letters as UTF-8.
    for lang in ("en", "ar"):
        page = (published / f"{lang}/events/llama-4-release/index.html").read_text(encoding="utf-8")
        encoded = re.search(r'href="data:application/x-bibtex;charset=utf-8;base64,([A-Za-z0-9+/=]+)" download=', page)
        assert encoded, lang
        shown = texts(published, f"{lang}/events/llama-4-release/index.html", "tl-cite__bibtex")[0]
        assert base64.b64decode(encoded.group(1)).decode("utf-8").strip() in shown


def test_a_correction_is_shown_as_corrected_on_its_date_in_the_pages_language(published: Path):
    assert texts(published, "en/events/llama-4-release/index.html", "tl-update") == [
        "Corrected on 12 December 2025: Dated by the report, at the precision it gives."
    ]
    assert texts(published, "ar/events/llama-4-release/index.html", "tl-update__date") == ["صُحّح في 12 ديسمبر 2025:"]
    assert texts(published, "en/events/hostile-input-test/index.html", "tl-update") == []


# -- embedding -------------------------------------------------------------------------------


def test_the_timeline_page_offers_the_embed_code_to_copy(published: Path):
    code = texts(published, "en/timeline/index.html", "tl-embed-code")[0]
    assert f'<iframe src="{ROOT}en/embed/" title="Meta&#39;s turn from open AI models: the events"' in code
    page = (published / "en/timeline/index.html").read_text(encoding="utf-8")
    assert "&lt;iframe src=" in page and "<iframe" not in page  # shown as text, never as a frame


def test_the_embed_page_lists_every_event_linked_out_to_its_page(published: Path, timeline: Timeline):
    html = (published / "en" / "embed" / "index.html").read_text(encoding="utf-8")
    ids = re.findall(r'<li data-event-id="([a-z0-9-]+)">', html)
    assert ids == [event.id for event in timeline.newest_first]  # newest first, in the one order (generator/data/order.py)
    links = re.findall(r'<a class="title" href="([^"]+)" target="_blank" rel="noopener">', html)
    assert links == [f"../events/{event_id}/" for event_id in ids]
    assert "<script" not in html and "&lt;/title&gt;&lt;script&gt;" in html  # hostile title as text
    assert f'<link rel="canonical" href="{ROOT}en/timeline/">' in html
    assert '<html lang="ar" dir="rtl">' in (published / "ar" / "embed" / "index.html").read_text(encoding="utf-8")


def test_a_hand_written_page_may_not_take_the_embed_address(tmp_path: Path):
    project = copy_fixture(tmp_path / "project")
    (project / "docs" / "en" / "embed.md").write_text("# Mine\n", encoding="utf-8")
    result = run(*build_args(project))
    assert result.code == 1
    assert f"{project / 'docs' / 'en' / 'embed.md'}: the folder embed/ belongs to generated pages" in result.out


# -- in the browser ----------------------------------------------------------------------------

browser_only = pytest.mark.needs("chromium")


@browser_only
@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("width", [320, 700])
def test_the_embed_page_fits_a_narrow_column_without_javascript(browser, site_url, lang, width):
    from test_browser import Watched

    watched = Watched(browser, width, javascript=False)
    try:
        page = watched.goto(f"{site_url}/{lang}/embed/")
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        assert page.locator("li").count() == 8
        assert page.locator("a.title").first.get_attribute("target") == "_blank"
    finally:
        watched.context.close()
    assert watched.problems == [] and watched.dialogs == []


@browser_only
def test_the_embed_page_works_inside_an_iframe_of_another_page(browser, site_url, tmp_path):
    from test_browser import Watched

    watched = Watched(browser, 360, javascript=False)
    try:
        watched.page.set_content(f'<iframe src="{site_url}/en/embed/" title="t" style="border:0;width:320px;height:400px"></iframe>')
        frame = watched.page.frame_locator("iframe")
        frame.locator("a.title").first.wait_for()
        assert frame.locator("html").evaluate("html => html.scrollWidth") <= 320
    finally:
        watched.context.close()
    assert watched.problems == [] and watched.dialogs == []


@browser_only
def test_a_printed_event_page_has_no_chrome_and_shows_the_cited_addresses(tab, site_url):
    page = tab.goto(f"{site_url}/en/events/superintelligence-lab/")
    assert page.locator(".md-header").is_visible()
    page.emulate_media(media="print")
    for chrome in (".md-header", ".md-footer", ".tl-switch", ".md-sidebar--primary"):
        assert not page.locator(chrome).first.is_visible(), chrome
    after = page.locator("a.tl-ref__link").first.evaluate("a => getComputedStyle(a, '::after').content")
    assert after == '" (https://masralyoum.net/9211761)"'
    assert page.locator("ol.tl-refs > li").first.evaluate("li => getComputedStyle(li).breakInside") == "avoid"


@pytest.fixture
def tab(browser: object) -> Iterator[object]:
    from test_browser import Watched

    watched = Watched(browser)
    yield watched
    watched.context.close()
    assert watched.problems == []
    assert watched.dialogs == []
