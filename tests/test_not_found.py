"""A reader at an address with no page: the site's own 404 pages, in their languages, with a way on, at any depth.

Hosts serve a 404 page at the missing address itself: GitHub Pages and
Netlify the site root's `404.html` for every address, Cloudflare Pages (and
`serve`) the nearest one up the address, so `<lang>/404.html` under a
language. Either must work however deep the address is.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import posixpath
import threading
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

from conftest import built_once, fixture_built_with

WAYS_ON = {
    "en": ["Go to the home page", "See the whole timeline", "Search the timeline"],
    "ar": ["الذهاب إلى الصفحة الرئيسية", "عرض الخط الزمني كاملًا", "البحث في الخط الزمني"],
}
TITLES = {"en": "Page not found", "ar": "الصفحة غير موجودة"}


class Page(HTMLParser):
    """The parts of a 404 page a reader meets: its languages, headings, links and the files it loads."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.html_attributes: dict[str, str | None] = {}
        self.body_attributes: dict[str, str | None] = {}
        self.sections: list[dict[str, str | None]] = []
        self.links: list[tuple[str, str, str]] = []  # (language of the section or page, text, href)
        self.menu: list[str] = []  # the header's language menu
        self.loaded: list[str] = []  # every file the page names: stylesheets, scripts, icons, links
        self.h1: list[str] = []
        self.title = ""
        self._open: list[str] = []
        self._link: tuple[str, str] | None = None
        self._text: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "html":
            self.html_attributes = values
        elif tag == "body":
            self.body_attributes = values
        elif tag == "section":
            self.sections.append(values)
        for name in ("href", "src"):
            if values.get(name):
                self.loaded.append(values[name] or "")
        if tag == "a" and values.get("href"):
            if "md-select__link" in (values.get("class") or ""):
                self.menu.append(values["href"] or "")
            lang = self.sections[-1].get("lang") if self.sections else self.html_attributes.get("lang")
            self._link, self._text = (lang or "", values["href"] or ""), []
        if tag in ("h1", "title"):
            self._text = []
        self._open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        text = " ".join("".join(self._text).split())
        if tag == "a" and self._link:
            self.links.append((self._link[0], text, self._link[1]))
            self._link = None
        elif tag == "h1":
            self.h1.append(text)
        elif tag == "title":
            self.title = text
        if self._open and self._open[-1] == tag:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        self._text.append(data)


def found(site: Path, root: str, address: str, at: str) -> bool:
    """Whether `address`, named by a page served at `at`, leads to a file of the site served at `root`."""
    path = posixpath.normpath(urlsplit(urljoin(at, address)).path)
    if not path.startswith(root.rstrip("/")):
        return False
    target = site / path[len(root.rstrip("/")) :].lstrip("/")
    return (target / "index.html").is_file() if target.is_dir() else target.is_file()


# -- the root's 404 page: every language -----------------------------------------------------------


def test_the_root_404_page_offers_each_language_a_way_on_that_works_at_any_depth(built_site: Path):
    page = Page((built_site / "404.html").read_text(encoding="utf-8"))
    # Each language in its own direction, in the site's order; the title in each.
    assert page.html_attributes["lang"] == "en"
    assert [(section["lang"], section["dir"]) for section in page.sections] == [("en", "ltr"), ("ar", "rtl")]
    assert page.h1 == ["Page not foundالصفحة غير موجودة"]  # one heading, a line per language
    for lang in ("en", "ar"):
        ways = [(text, href) for language, text, href in page.links if language == lang]
        assert ways == list(zip(WAYS_ON[lang], [f"/{lang}/", f"/{lang}/timeline/", f"/{lang}/?q="], strict=True))
    # Served at any missing address, it names every file from the site's root, and each is there.
    deep = "http://host/en/events/no-such-event/and/deeper/"
    assert all(address.startswith("/") for address in page.loaded)
    assert [address for address in page.loaded if not found(built_site, "/", address, deep)] == []


# -- each language's 404 page ------------------------------------------------------------------------


@pytest.mark.parametrize(("lang", "direction"), [("en", "ltr"), ("ar", "rtl")])
def test_each_languages_404_page_speaks_its_language_and_leads_on_from_any_depth(built_site: Path, lang: str, direction: str):
    page = Page((built_site / lang / "404.html").read_text(encoding="utf-8"))
    assert page.html_attributes["lang"] == lang and page.body_attributes["dir"] == direction
    assert page.h1 == [TITLES[lang]]
    assert page.title.startswith(f"{TITLES[lang]} - ")
    ways = [(text, href) for _, text, href in page.links if text in WAYS_ON[lang]]
    assert ways == list(zip(WAYS_ON[lang], [f"/{lang}/", f"/{lang}/timeline/", f"/{lang}/?q="], strict=True))
    # The language menu leads to each language's home (the missing page has no translation).
    assert page.menu == ["/en/", "/ar/"]
    # Everything it loads or links to is found from a deep missing address.
    deep = f"http://host/{lang}/events/no-such-event/and/deeper/"
    site_files = [address for address in page.loaded if not urlsplit(address).scheme]
    assert [address for address in site_files if not found(built_site, "/", address, deep)] == []


# -- in a browser, on a site published under a path, as GitHub Pages serves it -----------------------


@pytest.fixture(scope="module")
def under_a_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture project built for https://org.github.io/repo/ (a GitHub Pages project site)."""
    built = built_once(tmp_path_factory, "under-a-path", fixture_built_with(SITE_URL="https://org.github.io/repo/"))
    assert built.result.code == 0, built.result.out
    return built.project / "site"


@contextlib.contextmanager
def host(site: Path, prefix: str, nearest: bool) -> Iterator[str]:
    """The site served under `prefix`; a missing address gets the root's 404.html (GitHub Pages, Netlify),
    or with `nearest` the nearest 404.html up the address (Cloudflare Pages), with the status 404."""

    class Host(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def translate_path(self, path: str) -> str:
            path = urlsplit(path).path
            return super().translate_path("/" + path[len(prefix) :] if path.startswith(prefix) else "/\0")

        def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
            if code != 404:
                return super().send_error(code, message, explain)
            folder = Path(self.translate_path(self.path)).parent if nearest else site
            while not (folder / "404.html").is_file() and folder != site:
                folder = folder.parent
            body = (folder / "404.html").read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Host, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def tab(browser: object, width: int = 1366) -> Iterator[tuple[object, list[str]]]:
    """A page, and every request to the test's host that failed, but the missing page's own 404, and every script error."""
    context = browser.new_context(viewport={"width": width, "height": 900})  # type: ignore[attr-defined]
    page = context.new_page()
    problems: list[str] = []

    def here(url: str) -> bool:
        # The site names its public address (https://org.github.io/repo/) where a page needs one; the theme's
        # script asks there for the sitemaps, which this test cannot reach.
        return url.startswith("http://127.0.0.1:")

    page.on("response", lambda response: problems.append(f"{response.status} {response.url}") if response.status >= 400 and response.request.resource_type != "document" else None)
    # Leaving a page cancels what it was still loading (ERR_ABORTED): not a fault of the site.
    page.on("requestfailed", lambda request: problems.append(f"failed {request.url}") if here(request.url) and "ERR_ABORTED" not in (request.failure or "") else None)
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    try:
        yield page, problems
    finally:
        context.close()


def test_a_mistyped_address_on_github_pages_gets_a_page_in_its_language_whose_search_finds_what_was_meant(browser, under_a_path: Path):
    with host(under_a_path, "/repo/", nearest=False) as base, tab(browser, 390) as (page, problems):
        response = page.goto(base + "ar/events/llama-4-relese/")  # type: ignore[attr-defined]
        assert response.status == 404
        # The address is Arabic: the Arabic way on comes first, right to left.
        first = page.locator("section").first  # type: ignore[attr-defined]
        assert (first.get_attribute("lang"), first.evaluate("element => getComputedStyle(element).direction")) == ("ar", "rtl")
        page.get_by_role("link", name=WAYS_ON["ar"][1]).first.click()  # type: ignore[attr-defined]
        assert page.url == base + "ar/timeline/"  # type: ignore[attr-defined]
        page.go_back()  # type: ignore[attr-defined]
        # The search opens on the home page with the words of the address, and finds the event.
        page.get_by_role("link", name=WAYS_ON["ar"][2]).first.click()  # type: ignore[attr-defined]
        assert page.url == base + "ar/?q=llama+4+relese"  # type: ignore[attr-defined]
        assert page.locator("pagefind-input input").input_value() == "llama 4 relese"  # type: ignore[attr-defined]
        page.locator(".pf-result-link", has_text="ميتا تطلق لاما 4 وسط استقبال فاتر").wait_for()  # type: ignore[attr-defined]
    assert problems == []


def test_a_languages_404_page_deep_in_a_site_under_a_path_has_its_theme_and_a_working_language_menu(browser, under_a_path: Path):
    with host(under_a_path, "/repo/", nearest=True) as base, tab(browser) as (page, problems):
        response = page.goto(base + "en/events/no-such-event/and/deeper/")  # type: ignore[attr-defined]
        assert response.status == 404
        assert page.locator("h1").inner_text() == TITLES["en"]  # type: ignore[attr-defined]
        # The theme's stylesheet is there: the header is drawn in a colour, and stays at the top.
        header = page.locator(".md-header").evaluate("element => [getComputedStyle(element).backgroundColor, getComputedStyle(element).position]")  # type: ignore[attr-defined]
        assert header[0] != "rgba(0, 0, 0, 0)" and header[1] == "sticky"
        page.locator(".md-header .md-select").hover()  # type: ignore[attr-defined]
        page.locator(".md-select__link[hreflang=ar]").click()  # type: ignore[attr-defined]
        assert page.url == base + "ar/"  # type: ignore[attr-defined]
        assert page.evaluate("document.documentElement.lang") == "ar"  # type: ignore[attr-defined]
    assert problems == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_404_pages_pass_axe(browser, built_site: Path, scheme: str):
    from test_quality import AXE

    if not AXE.exists():
        pytest.skip("axe-core (npm ci) missing")
    context = browser.new_context(color_scheme=scheme)  # type: ignore[attr-defined]
    page = context.new_page()
    violations = {}
    with host(built_site, "/", nearest=True) as base:
        # The root's page (an address in no language's folder), then each language's.
        for address in ("no-such-page/", "en/events/no-such-event/", "ar/events/no-such-event/"):
            page.goto(base + address)
            page.add_script_tag(path=str(AXE))
            found = page.evaluate(
                "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
                ".map(v => `${v.id} (${v.impact}): ${v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', ')}`)"
            )
            if found:
                violations[address] = found
    context.close()
    assert violations == {}
