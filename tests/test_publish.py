"""Publishing: the public address and the repository come from the environment, as the deploy workflow sets them."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from generator.data.addresses import ENTITY_IDS
from generator.languages.labels import catalogue

from conftest import REPO, build_args, built_once, copy_fixture, fixture_built_with, run


def build_with(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, **environment: str) -> Path:
    for name in ("SITE_URL", "REPO_URL", "REPO_BRANCH"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    project = copy_fixture(tmp_path / "project")
    result = run(*build_args(project))
    assert result.code == 0, result.out + result.err
    return project / "site"


def canonical(page: Path) -> str:
    found = re.search(r'<link rel="canonical" href="([^"]+)">', page.read_text(encoding="utf-8"))
    assert found, page
    return found[1]


def test_site_url_from_the_environment_gives_canonical_links_under_a_sub_path(published):
    site = published  # built with SITE_URL="https://org.github.io/repo/" and REPO_URL="https://github.com/org/repo"
    assert canonical(site / "en" / "index.html") == "https://org.github.io/repo/en/"
    assert canonical(site / "ar" / "index.html") == "https://org.github.io/repo/ar/"
    assert canonical(site / "en" / "events" / "behemoth-delay" / "index.html") == "https://org.github.io/repo/en/events/behemoth-delay/"
    assert canonical(site / "ar" / "events" / "behemoth-delay" / "index.html") == "https://org.github.io/repo/ar/events/behemoth-delay/"
    assert "<loc>https://org.github.io/repo/ar/timeline/</loc>" in (site / "ar" / "sitemap.xml").read_text(encoding="utf-8")
    assert 'href="https://github.com/org/repo"' in (site / "en" / "index.html").read_text(encoding="utf-8")


# -- links into the repository: "Edit this event" and "Report a correction" ------------------------

REPOSITORY = "https://github.com/org/repo"
# What a link's address may hold once every character of the data is percent-encoded.
ENCODED_ADDRESS = re.compile(r"[A-Za-z0-9%._~/:?=&#-]+")


class RepositoryLinks(HTMLParser):
    """The addresses of a page's repository links, by what they do: 'edit' and 'report'."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        kind = (values.get("class") or "").removeprefix("tl-repo-links__")
        if tag == "a" and kind in ("edit", "report"):
            self.links[kind] = values.get("href") or ""


def repository_links(page: Path) -> dict[str, str]:
    parser = RepositoryLinks()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.links


def issue_fields(address: str) -> dict[str, str]:
    """The prefilled fields of a new-issue address, decoded."""
    parts = urlsplit(address)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == f"{REPOSITORY}/issues/new"
    return {name: values[0] for name, values in parse_qs(parts.query, strict_parsing=True).items()}


def event_lines(events: Path) -> dict[str, int]:
    """Each event id and the line of events.yaml where its entry starts (`  - id: …`), read as a person reads the file."""
    lines = events.read_text(encoding="utf-8").splitlines()
    return {line.split("id:", 1)[1].strip(): number for number, line in enumerate(lines, 1) if line.startswith("  - id:")}


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture project built as the deploy workflow builds it: public address and repository known."""
    built = built_once(tmp_path_factory, "deployed", fixture_built_with(SITE_URL="https://org.github.io/repo/", REPO_URL=REPOSITORY))
    assert built.result.code == 0, built.result.out + built.result.err
    return built.project / "site"


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_every_event_page_offers_to_edit_the_event_at_its_own_line_of_events_yaml(published, lang):
    lines = event_lines(published.parent / "events.yaml")
    assert len(lines) == 8
    for event_id, line in lines.items():
        page = published / lang / "events" / event_id / "index.html"
        assert repository_links(page)["edit"] == f"{REPOSITORY}/blob/main/events.yaml#L{line}", event_id


@pytest.mark.parametrize(
    ("lang", "title", "body_start"),
    [
        ("en", "Correction: Meta releases Llama 4 to a weak reception", "Page: https://org.github.io/repo/en/events/llama-4-release/\n"),
        ("ar", "تصحيح: ميتا تطلق لاما 4 وسط استقبال فاتر", "الصفحة: https://org.github.io/repo/ar/events/llama-4-release/\n"),
    ],
)
def test_report_a_correction_opens_an_issue_prefilled_with_the_pages_title_and_address(published, lang, title, body_start):
    address = repository_links(published / lang / "events" / "llama-4-release" / "index.html")["report"]
    assert ENCODED_ADDRESS.fullmatch(address), address
    fields = issue_fields(address)
    assert fields["title"] == title
    assert fields["body"].startswith(body_start)


def test_entity_and_source_pages_offer_a_correction_but_nothing_to_edit(published):
    entity = repository_links(published / "en" / "entities" / "meta" / "index.html")
    assert list(entity) == ["report"]
    assert issue_fields(entity["report"])["body"].startswith("Page: https://org.github.io/repo/en/entities/meta/\n")
    sources = repository_links(published / "ar" / "sources" / "index.html")
    assert list(sources) == ["report"]
    assert issue_fields(sources["report"])["title"] == "تصحيح: المصادر"


def test_a_hostile_title_is_encoded_into_the_issue_address_never_injected(published):
    page = published / "en" / "events" / "hostile-input-test" / "index.html"
    address = repository_links(page)["report"]
    assert ENCODED_ADDRESS.fullmatch(address), address
    assert issue_fields(address)["title"] == "Correction: <b>Bold</b> & </title><script>alert('title')</script>"
    # In the page's HTML the address sits whole inside one attribute: the title's markup never left it.
    written = re.search(r'class="tl-repo-links__report" href="([^"]*)"', page.read_text(encoding="utf-8"))
    assert written and html.unescape(written[1]) == address


def test_without_a_repository_no_page_offers_edit_or_correction_links(published_site):
    site = published_site  # built with a public address in SITE_URL and without REPO_URL
    pages = list(site.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert "tl-repo-links" not in text and "/issues/new" not in text and "/blob/" not in text, page


def test_repo_branch_chooses_the_branch_edit_links_lead_to(tmp_path, monkeypatch):
    site = build_with(tmp_path, monkeypatch, REPO_URL=REPOSITORY + "/", REPO_BRANCH="release/2026")
    line = event_lines(tmp_path / "project" / "events.yaml")["behemoth-delay"]
    page = site / "en" / "events" / "behemoth-delay" / "index.html"
    assert repository_links(page)["edit"] == f"{REPOSITORY}/blob/release/2026/events.yaml#L{line}"


@pytest.mark.parametrize("address", ["javascript:alert(1)//github.com/org/repo", 'https://github.com/org/repo" onmouseover="alert(1)', "github.com/org/repo"])
def test_a_repository_address_that_is_not_a_web_address_stops_the_build_with_its_setting_named(tmp_path, monkeypatch, address):
    monkeypatch.setenv("REPO_URL", address)
    project = copy_fixture(tmp_path / "project")
    result = run(*build_args(project))
    assert result.code == 1
    assert "repo_url (the environment variable REPO_URL)" in result.out + result.err
    assert "e.g. https://github.com/org/repo" in result.out + result.err
    assert not (project / "site").exists()


# -- the maintainers' list of entity ids -----------------------------------------------------------


class EntityRows(HTMLParser):
    """The rows of the entity-ids table: each row's cell texts, in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[list[str]] = []
        self.in_body = False
        self.cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "tbody":
            self.in_body = True
        elif tag == "tr" and self.in_body:
            self.rows.append([])
        elif tag in ("td", "th") and self.in_body:
            self.cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self.cell is not None:
            self.rows[-1].append("".join(self.cell))
            self.cell = None
        elif tag == "tbody":
            self.in_body = False

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)


@pytest.mark.parametrize(("lang", "separator"), [("en", ", "), ("ar", "، ")])
def test_the_maintainers_page_lists_every_entity_id_with_its_kind_names_and_aliases(published, lang, separator):
    parser = EntityRows()
    parser.feed((published / lang / "maintainers" / "entity-ids" / "index.html").read_text(encoding="utf-8"))
    entities = yaml.safe_load((published.parent / "events.yaml").read_text(encoding="utf-8"))["entities"]
    assert parser.rows == [
        [entity_id, entity["kind"], entity["label"]["en"], entity["label"]["ar"], separator.join(entity["aliases"])]
        for entity_id, entity in sorted(entities.items())
    ]


@pytest.mark.content
def test_the_contributing_pages_link_to_the_list_of_entity_ids():
    for lang in ("en", "ar"):
        page = (REPO / "docs" / lang / "contributing.md").read_text(encoding="utf-8")
        assert f"]({ENTITY_IDS})" in page, lang


@pytest.mark.content
@pytest.mark.parametrize(("lang", "edit", "report"), [("en", "Edit this event", "Report a correction"), ("ar", "تعديل هذا الحدث", "اقتراح تصحيح")])
def test_the_methodology_page_names_the_links_as_pages_show_them(lang, edit, report):
    words = catalogue(lang)
    assert (words["edit_event"], words["report_correction"]) == (edit, report)
    page = (REPO / "docs" / lang / "methodology.md").read_text(encoding="utf-8")
    assert f"**{edit}**" in page and f"**{report}**" in page
