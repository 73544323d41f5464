"""Search, without a browser: what the pages give Pagefind, and what the build does with it.

The stories of a reader typing into the search box are in test_search.py.
"""

from __future__ import annotations

import json
import re
import sys
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path
from types import MappingProxyType

from generator.build import search
from generator.data.check_file import check_file
from generator.languages.localize import Localizer
from generator.site.language_pages import render_language

from conftest import FIXTURE, build_options, run_build


def test_event_pages_carry_their_meta_filters_and_every_name_of_their_entities(built_site: Path):
    page = (built_site / "ar" / "events" / "llama-4-release" / "index.html").read_text(encoding="utf-8")
    assert "data-pagefind-body" in page
    for attribute in (
        'data-pagefind-meta="title:ميتا تطلق لاما 4 وسط استقبال فاتر"',
        'data-pagefind-meta="date:2025"',
        'data-pagefind-filter="status:وقع"',
        'data-pagefind-filter="year:2025"',
        'data-pagefind-filter="entity:لاما"',
    ):
        assert attribute in page
    aliases = re.search(r'data-pagefind-meta="aliases:([^"]*)"', page)
    assert aliases is not None
    for name in ("Meta Platforms", "ميتا بلاتفورمز", "Llama 4", "لاما", "Zuckerberg", "زوكربيرج", "زوكربيرغ"):
        assert name in aliases.group(1).split(", ")


def test_only_event_entity_and_source_pages_are_indexed(built_site: Path):
    entry = json.loads((built_site / "pagefind" / "pagefind-entry.json").read_text(encoding="utf-8"))
    # 8 events, 3 entities and the sources page in each language; no home, timeline or hand-written page.
    assert {lang: info["page_count"] for lang, info in entry["languages"].items()} == {"ar": 12, "en": 12}
    for lang in ("ar", "en"):
        for path in ("index.html", "timeline/index.html", "methodology/index.html", "entities/index.html"):
            assert "data-pagefind-body" not in (built_site / lang / path).read_text(encoding="utf-8"), path


def indexed_pages(site: Path) -> dict[str, dict]:
    """What Pagefind stored of each page (its fragments: gzipped JSON after a signature), by address."""
    import gzip

    signature = b"pagefind_dcd"
    fragments = {}
    for path in (site / "pagefind" / "fragment").iterdir():
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(signature)
        fragment = json.loads(data[len(signature) :])
        fragments[fragment["url"]] = fragment
    return fragments


def test_an_entity_page_is_indexed_by_its_names_and_its_events_only_once_on_their_own_pages(built_site: Path):
    indexed = indexed_pages(built_site)
    entity = indexed["/en/entities/zuckerberg/"]
    assert entity["meta"]["title"] == "Mark Zuckerberg"
    assert "زوكربيرج" in entity["meta"]["aliases"]  # found by any of its names
    # Its list of events is not indexed again: each event is found on its own page, with its text.
    page = (built_site / "en" / "entities" / "zuckerberg" / "index.html").read_text(encoding="utf-8")
    listed = re.findall(r'<a href="\.\./\.\./events/([^/"]+)/">([^<]+)</a></li>', page)
    assert listed
    for event_id, title in listed:
        assert title not in entity["content"]
        assert indexed[f"/en/events/{event_id}/"]["meta"]["title"] == title.replace("&#39;", "'")


def test_a_failed_indexing_fails_the_build_and_keeps_the_previous_site(built_project: Path):
    project = built_project  # built once before
    before = {str(path.relative_to(project / "site")): path.read_bytes() for path in (project / "site").rglob("*") if path.is_file()}
    disk_full = build_options(project, pagefind=(sys.executable, "-c", "import sys; print('Error: the disk is full'); sys.exit(1)"))
    result = run_build(disk_full)
    assert result.code == 1
    assert "error: the search index could not be built: Pagefind failed (exit code 1):" in result.out
    assert "Error: the disk is full" in result.out
    assert result.lines[-1] == f"build stopped: {project / 'site'}/ was left as it was."
    result = run_build(build_options(project, pagefind=(sys.executable, "-c", "print('Indexed 0 pages')")))
    assert result.code == 1
    assert "Pagefind wrote no readable index" in result.out
    after = {str(path.relative_to(project / "site")): path.read_bytes() for path in (project / "site").rglob("*") if path.is_file()}
    assert after == before
    assert not list(project.glob(".site-*"))


class Attributes(HTMLParser):
    """The values of one attribute on every element, as a browser (and Pagefind) reads them."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name, self.values = name, []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.values.extend(value or "" for key, value in attrs if key == self.name)


def test_names_from_events_yaml_stay_inside_their_attribute():
    timeline = check_file(FIXTURE / "events.yaml").timeline
    assert timeline is not None
    hostile = 'Zuck" onmouseover="alert(1)"><script>alert(2)</script>'
    zuckerberg = replace(timeline.entities["zuckerberg"], aliases=(hostile,))
    changed = replace(timeline, entities=MappingProxyType({**timeline.entities, "zuckerberg": zuckerberg}))
    page = next(page.text for page in render_language(changed, Localizer("en")) if page.path == "events/llama-4-release.md")
    assert "<script>" not in page and 'onmouseover="' not in page
    parser = Attributes("data-pagefind-meta")
    parser.feed(page)
    aliases = next(value for value in parser.values if value.startswith("aliases:"))
    assert aliases.endswith(", " + hostile)  # read back whole, as text


def test_the_search_box_gets_its_labels_and_strings_in_each_language():
    english, arabic = (search.ui_settings(Localizer(lang).labels) for lang in ("en", "ar"))
    assert [f["label"] for f in english["filters"]] == ["Entity", "Year", "Status"]
    assert english["strings"] == {}  # Pagefind's own English
    assert [f["name"] for f in arabic["filters"]] == ["entity", "year", "status"]
    assert arabic["strings"]["many_results"] == "نتائج البحث عن «[SEARCH_TERM]»: [COUNT]"
