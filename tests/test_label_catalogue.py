"""A site's own catalogue of interface words (`labels:` in mkdocs.yml) is text: shown as written, escaped wherever printed."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from conftest import REPO, Run, build_args, built_once, copy_fixture, run

# The words that become the navigation's titles, the colour toggle's names, and the 404 page's texts.
PRINTED = (
    "home", "timeline", "sources", "entities_short", "methodology", "contributing",
    "dark_mode_toggle", "light_mode_toggle", "not_found_title", "not_found_text", "not_found_home", "not_found_search", "all_events",
)


def hostile(key: str) -> str:
    return f"\"'><img src=x onerror=alert('{key}')> & {key}"


class Markup(HTMLParser):
    """Every element and attribute of a page, and the texts of its navigation's links and of its palette toggles."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.attributes: set[str] = set()
        self.nav: list[str] = []
        self.toggles: list[str] = []
        self.title = ""  # the document's
        self.topic = ""  # the page's title in the header
        self._nav_link: list[str] | None = None
        self._in: str | None = None  # "title" or "topic" while inside one
        self._depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        self.tags.add(tag)
        self.attributes.update(name for name, _ in attrs)
        if tag == "a" and "md-nav__link" in (values.get("class") or ""):
            self._nav_link = []
        if tag == "input" and values.get("name") == "__palette" and values.get("aria-label"):
            self.toggles.append(values["aria-label"] or "")
        if tag == "title" and not self.title:
            self._in = "title"
        if values.get("data-md-component") == "header-topic":
            self._in, self._depth = "topic", 0
        if self._in == "topic":
            self._depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "a" and self._nav_link is not None:
            self.nav.append(" ".join("".join(self._nav_link).split()))
            self._nav_link = None
        if self._in == "title" and tag == "title":
            self._in = None
        if self._in == "topic":
            self._depth -= 1
            self._in = None if self._depth == 0 else self._in

    def handle_data(self, data: str) -> None:
        if self._nav_link is not None:
            self._nav_link.append(data)
        if self._in == "title":
            self.title += data
        elif self._in == "topic":
            self.topic = " ".join(f"{self.topic} {data}".split())


@pytest.fixture(scope="module")
def hostile_words(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture project with a contributing page, whose English words come from a catalogue full of markup."""

    def make(project: Path) -> Run:
        copy_fixture(project)
        for lang, title in (("en", "Contributing"), ("ar", "المساهمة")):
            (project / "docs" / lang / "contributing.md").write_text(f"# {title}\n", encoding="utf-8")
        (project / "words.yaml").write_text(yaml.safe_dump({key: hostile(key) for key in PRINTED}, allow_unicode=True), encoding="utf-8")
        text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
        start, end = text.index("    languages:\n"), text.index("    latest_events:")
        config = project / "mkdocs.yml"
        config.write_text(text[:start] + "    languages: [{code: en, labels: words.yaml}, ar]\n" + text[end:], encoding="utf-8")
        args = build_args(project)
        args[args.index("--config") + 1] = str(config)
        return run(*args)

    built = built_once(tmp_path_factory, "label-catalogue", make)
    assert built.result.code == 0, built.result.out
    return built.project / "site"


def test_a_catalogues_words_run_no_script_and_show_as_written_on_every_page(hostile_words: Path):
    pages = sorted(hostile_words.rglob("*.html"))
    assert len(pages) > 20
    for path in pages:
        page = Markup()
        page.feed(path.read_text(encoding="utf-8"))
        where = path.relative_to(hostile_words).as_posix()
        assert "img" not in page.tags and "onerror" not in page.attributes, where
        if where.startswith("en/") and "md-nav__link" in path.read_text(encoding="utf-8"):
            titles = [hostile(key) for key in ("home", "timeline", "sources", "entities_short", "methodology", "contributing")]
            assert [text for text in page.nav if text in titles] == titles, where  # the page's contents may come between
            assert page.toggles == [hostile("dark_mode_toggle"), hostile("light_mode_toggle")], where
    # A hand-written page takes its title from the catalogue too: in the browser's tab and in the header.
    page = Markup()
    page.feed((hostile_words / "en" / "methodology" / "index.html").read_text(encoding="utf-8"))
    assert page.title == f"{hostile('methodology')} - Meta's turn from open AI models"
    assert page.topic == hostile("methodology")


def test_the_404_page_shows_the_catalogues_words_as_written(hostile_words: Path):
    html = (hostile_words / "en" / "404.html").read_text(encoding="utf-8")
    page = Markup()
    page.feed(html)
    assert "img" not in page.tags and "onerror" not in page.attributes
    root = (hostile_words / "404.html").read_text(encoding="utf-8")
    for key in ("not_found_title", "not_found_text", "not_found_home", "not_found_search", "all_events"):
        escaped = hostile(key).replace("&", "&amp;").replace('"', "&#34;").replace("'", "&#39;").replace("<", "&lt;").replace(">", "&gt;")
        assert escaped in html and escaped in root, key
