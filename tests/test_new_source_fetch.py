"""`new-source URL` fills the citation from the page's metadata, says where each value came from, and invents nothing."""

from __future__ import annotations

import datetime as dt
import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import run

PAGES = Path(__file__).parent / "fixtures" / "pages"
TODAY = dt.date.today().isoformat()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def pages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    monkeypatch.chdir(tmp_path)  # no events.yaml here: the entry is printed all the same
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(PAGES)))
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def new_source(url: str, *options: str):
    return run("new-source", url, "--allow-local", "--timeout", "5", *options)


def test_open_graph_and_article_tags(pages):
    result = new_source(f"{pages}/open-graph-en.html")
    assert result.code == 0
    assert result.out == f"""\
  example-tribune-2025-12-10:  # the id events cite; outlet-date-topic reads best, e.g. example-tribune-2025-12-10-topic
    outlet:  # from og:site_name, as the page names it: give its name in each language if it has one
      en: Example Tribune
      ar: Example Tribune
    title: Lab drops open weights for its next model  # from og:title
    language: en  # from og:locale
    published: 2025-12-10  # from article:published_time; check it against the article
    url: {pages}/2025/12/10/lab-drops-open-weights  # the page's own address for itself (<link rel=canonical>); given: {pages}/open-graph-en.html
    accessed: {TODAY}
"""


def test_json_ld_in_arabic(pages):
    result = new_source(f"{pages}/json-ld-ar.html")
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[1:6] == [
        "    outlet:  # from JSON-LD publisher, as the page names it: give its name in each language if it has one",
        "      en: صحيفة المثال",
        "      ar: صحيفة المثال",
        "    title: المختبر يغلق نماذجه المفتوحة  # from JSON-LD headline",
        "    language: ar  # from JSON-LD inLanguage",
    ]
    assert "    published: 2025-12-11  # from JSON-LD datePublished; check it against the article" in lines
    assert "    url: https://news.example/ar/2025/12/11/closed  # the page's own address for itself (JSON-LD url); " \
        f"given: {pages}/json-ld-ar.html" in lines
    # An outlet named in Arabic script gives no ascii id: the address does (here the test server's).
    assert lines[0].split(":")[0].endswith("-2025-12-11")


def test_citation_tags_with_a_date_known_to_the_month(pages):
    result = new_source(f"{pages}/citation-tags-en.html")
    lines = result.out.splitlines()
    assert lines[0].startswith("  example-institute-2025-11:")
    assert "    title: Open and closed model releases, a survey  # from citation_title" in lines
    assert "      en: Example Institute" in lines
    assert "    language: en  # from citation_language" in lines
    assert "    published: 2025-11  # from citation_publication_date; check it against the article" in lines


def test_article_tags_and_a_windows_1256_page(pages):
    lines = new_source(f"{pages}/article-tags-ar.html").out.splitlines()
    assert "      ar: أخبار المثال" in lines
    assert "    title: عنوان خبر الاختبار  # from the page's heading or title (trafilatura)" in lines
    assert "    language: ar  # from <html lang>" in lines
    assert "    published: 2026-01-05  # from article:published_time; check it against the article" in lines


def test_a_page_without_metadata_leaves_the_fields_empty_with_a_note(pages):
    result = new_source(f"{pages}/no-metadata.html")
    assert result.code == 0
    lines = result.out.splitlines()
    assert "    outlet: null  # not found (an unknown address, no name on the page): write 'en:' and 'ar:' names under it" in lines
    assert "    title: null  # TODO: the headline as published, in the article's own language" in lines
    assert "    language: null  # not guessed: the article's language as a code (ar, en, fr…) is required" in lines
    assert "    published: unknown  # TODO: the publication date, as precisely as known" in lines


def test_a_page_that_cannot_be_fetched_falls_back_to_the_address(pages):
    result = new_source(f"{pages}/nowhere.html")
    assert result.code == 0
    assert result.err == "note: the page could not be read (the server answered 404 File not found); only what its address tells is filled in.\n"
    assert "    title: null  # TODO" in result.out


def test_no_fetch_never_touches_the_network(pages):
    result = run("new-source", f"{pages}/open-graph-en.html", "--no-fetch")
    assert "title: null" in result.out and result.err == ""


def test_local_addresses_are_not_fetched_unless_allowed(pages):
    result = run("new-source", f"{pages}/open-graph-en.html", "--timeout", "5")
    assert result.err.startswith("note: the page could not be read (the address leads to a private or local network (127.0.0.1), which is never fetched)")
