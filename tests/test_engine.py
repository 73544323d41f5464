"""The engine in one place: only generator/engine/ knows MkDocs and Material; its theme overrides
are Material's own but for the escaping; the steps after it get one build context; the data
exports are published with the site."""

from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path

import feedparser
import pytest

from generator.build.context import BuildContext
from generator.exports import paths

from conftest import PUBLIC_URL, REPO, build_options, copy_fixture, run_build

MATERIAL = Path(str(resources.files("material"))) / "templates"
OVERRIDES = REPO / "generator" / "engine" / "overrides"
LEADING_COMMENT = re.compile(r"\A\{#-.*?-#\}\n", re.S)
IMPORTS_THE_ENGINE = re.compile(r"^\s*(from|import)\s+(mkdocs|material)\b", re.M)


def test_only_the_engine_package_imports_mkdocs_or_material():
    importers = sorted(
        path.relative_to(REPO).as_posix()
        for path in (REPO / "generator").rglob("*.py")
        if IMPORTS_THE_ENGINE.search(path.read_text(encoding="utf-8"))
    )
    assert importers, "the engine must import MkDocs somewhere"
    assert [path for path in importers if not path.startswith("generator/engine/")] == []


def overridden_and_original(name: str) -> tuple[str, str]:
    ours = (OVERRIDES / name).read_text(encoding="utf-8")
    theirs = (MATERIAL / name).read_text(encoding="utf-8")
    return LEADING_COMMENT.sub("", ours), LEADING_COMMENT.sub("", theirs)


def escaped(template: str, *printed: str) -> str:
    """`template` with `| e` added where it prints each of these expressions (each must be printed there)."""
    for expression in printed:
        pattern = re.compile(r"\{\{ " + re.escape(expression) + r" \}\}")
        assert pattern.search(template), f"Material no longer prints {{{{ {expression} }}}}: re-check the override"
        template = pattern.sub("{{ " + expression + " | e }}", template)
    return template


def test_the_header_is_materials_own_but_for_the_search_box_and_the_escaped_data():
    ours, theirs = overridden_and_original("partials/header.html")
    search_block = re.compile(r'    \{% if "material/search" in config.plugins %\}.*?\n    \{% endif %\}\n', re.S)
    expected = escaped(search_block.sub('    {% include "partials/pagefind.html" %}\n', theirs), "config.site_name", "page.meta.title")
    assert ours == expected, "re-sync generator/engine/overrides/partials/header.html with Material's"


def test_the_navigation_is_materials_own_but_for_the_escaped_site_name():
    ours, theirs = overridden_and_original("partials/nav.html")
    assert ours == escaped(theirs, "config.site_name"), "re-sync generator/engine/overrides/partials/nav.html with Material's"


@pytest.mark.parametrize(
    ("block", "printed"),
    [
        ("site_meta", ("page.meta.description", "config.site_description", "page.canonical_url")),
        ("htmltitle", ("page.meta.title", "config.site_name", "page.title | striptags")),
    ],
)
def test_the_head_blocks_are_materials_own_but_for_the_escaped_data_and_the_language_links(block: str, printed: tuple[str, ...]):
    def the_block(template: str) -> str:
        found = re.search(r"    \{% block " + block + r" %\}\n.*?\n    \{% endblock %\}\n", template, re.S)
        assert found, f"no {block} block"
        return found.group(0)

    ours = the_block((OVERRIDES / "main.html").read_text(encoding="utf-8"))
    theirs = the_block((MATERIAL / "base.html").read_text(encoding="utf-8"))
    # The language alternates lead to the same page in each language (partials/timeline-languages.html).
    alternates = re.compile(r"      \{% if config\.extra\.alternate is iterable %\}.*?\n      \{% endif %\}\n", re.S)
    theirs = alternates.sub('      {% include "partials/timeline-languages.html" %}\n', theirs)
    assert ours == escaped(theirs, *printed), f"re-sync the {block} block of generator/engine/overrides/main.html with Material's base.html"


def test_the_config_block_is_materials_own_but_for_what_only_its_search_reads():
    def the_block(template: str) -> str:
        found = re.search(r"    \{% block config %\}\n.*?\n    \{% endblock %\}\n", template, re.S)
        assert found, "no config block"
        return found.group(0)

    ours = the_block((OVERRIDES / "main.html").read_text(encoding="utf-8"))
    theirs = the_block((MATERIAL / "base.html").read_text(encoding="utf-8"))
    # The search worker's address and the search result strings: Pagefind searches, Material's search plugin is off.
    search_lines = re.compile(r'^ *"search[."].*\n', re.M)
    assert len(search_lines.findall(theirs)) == 8, "Material's config block changed: re-check the override"
    assert ours == search_lines.sub("", theirs), "re-sync the config block of generator/engine/overrides/main.html with Material's base.html"


def test_the_palette_script_is_materials_own_in_a_file_every_page_loads_where_material_ran_it(built_site: Path):
    theirs = LEADING_COMMENT.sub("", (MATERIAL / "partials" / "javascripts" / "palette.html").read_text(encoding="utf-8"))
    ours = (OVERRIDES / "assets" / "javascripts" / "palette.js").read_text(encoding="utf-8")
    assert theirs == f"<script>{ours.strip()}</script>\n", "re-sync generator/engine/overrides/assets/javascripts/palette.js with Material's"
    for lang in ("en", "ar"):
        assert (built_site / lang / "assets" / "javascripts" / "palette.js").read_text(encoding="utf-8") == ours
        page = (built_site / lang / "events" / "llama-4-release" / "index.html").read_text(encoding="utf-8")
        # Right after the palette's form, as Material had it: a plain script, run before the page is painted.
        assert re.search(r'</form>\n<script src="\.\./\.\./assets/javascripts/palette\.js"></script>\n', page)
        assert '__md_get("__palette")' not in page


def test_the_content_tabs_script_is_materials_own_and_only_where_tabs_can_be(tmp_path: Path, built_site: Path):
    ours, theirs = overridden_and_original("partials/javascripts/content.html")
    condition = '{% if "pymdownx.tabbed" in config.markdown_extensions %}\n'
    assert ours == condition + theirs + "{% endif %}\n", "re-sync generator/engine/overrides/partials/javascripts/content.html with Material's"
    assert "__tabbed_" not in (built_site / "en" / "events" / "llama-4-release" / "index.html").read_text(encoding="utf-8")
    # A site whose mkdocs.yml adds content tabs gets Material's script back.
    project = copy_fixture(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text((REPO / "mkdocs.yml").read_text(encoding="utf-8").replace("  - footnotes\n", "  - footnotes\n  - pymdownx.tabbed\n"), encoding="utf-8")
    assert "pymdownx.tabbed" in config.read_text(encoding="utf-8")
    assert run_build(build_options(project, config=config)).code == 0
    assert 'target.name.startsWith("__tabbed_")' in (project / "site" / "en" / "events" / "llama-4-release" / "index.html").read_text(encoding="utf-8")


def test_the_site_leaves_out_the_theme_files_no_page_loads(built_site: Path):
    for lang in ("en", "ar"):
        scripts = built_site / lang / "assets" / "javascripts"
        shipped = sorted(path.relative_to(scripts).as_posix() for path in scripts.rglob("*") if path.is_file())
        # Material's own search (lunr, its worker) and the source maps of its script and styles are not there...
        assert not [name for name in shipped if name.startswith(("lunr/", "workers/")) or name.endswith(".map")]
        assert not list((built_site / lang / "assets").rglob("*.map"))
        # ...while the script every page loads is, and no page asks for what was left out.
        page = (built_site / lang / "events" / "llama-4-release" / "index.html").read_text(encoding="utf-8")
        bundle = re.search(r'<script src="\.\./\.\./assets/javascripts/(bundle\.[0-9a-f]+\.min\.js)"></script>', page)
        assert bundle and bundle.group(1) in shipped
        assert "workers/" not in page and "search.result" not in page
        config = json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>', page, re.S).group(1))
        assert config["base"] == "../.." and config["features"] == ["navigation.top"]


def test_the_themes_icons_come_from_one_sprite_per_language_and_the_overview_stays_inline(built_site: Path):
    from generator.engine.hooks import ICONS

    for lang in ("en", "ar"):
        sprite = (built_site / lang / ICONS).read_text(encoding="utf-8")
        symbols = dict(re.findall(r'<symbol id="([^"]+)" viewBox="0 0 24 24"><path d="([^"]+)"/></symbol>', sprite))
        for page, prefix in (("events/llama-4-release/index.html", "../../"), ("index.html", ""), ("timeline/index.html", "../")):
            html = (built_site / lang / page).read_text(encoding="utf-8")
            used = re.findall(r'<svg viewBox="0 0 24 24"><use href="([^"#]+)#([^"]+)"/></svg>', html)
            # The logo (in the header and the drawer), the menu, both palette toggles, the language and back-to-top buttons.
            assert len(used) >= 7, page
            assert {address for address, _ in used} == {prefix + ICONS}
            assert {icon_id for _, icon_id in used} <= set(symbols)
            assert '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path' not in html, page  # none left inline
        menu = "M3 6h18v2H3zm0 5h18v2H3zm0 5h18v2H3z"  # Material's material/menu icon, the drawer's button
        assert menu in symbols.values()
    timeline = (built_site / "en" / "timeline" / "index.html").read_text(encoding="utf-8")
    assert '<svg class="tl-ov__svg"' in timeline and "<use" not in timeline.split('<svg class="tl-ov__svg"')[1].split("</svg>")[0]


def test_a_maintainers_file_named_like_a_left_out_theme_file_is_kept(tmp_path: Path):
    project = copy_fixture(tmp_path / "project")
    mine = project / "docs" / "en" / "assets" / "javascripts" / "lunr" / "mine.js"
    mine.parent.mkdir(parents=True)
    mine.write_text("// a maintainer's own script\n", encoding="utf-8")
    assert run_build(build_options(project)).code == 0
    assert (project / "site" / "en" / "assets" / "javascripts" / "lunr" / "mine.js").read_text(encoding="utf-8") == "// a maintainer's own script\n"
    assert not (project / "site" / "en" / "assets" / "javascripts" / "lunr" / "min" / "lunr.ar.min.js").exists()


def test_the_steps_after_the_engine_get_one_context_with_each_languages_address(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("SITE_URL", "https://news.example/meta/")  # the shared mkdocs.yml's site_url
    project = copy_fixture(tmp_path / "project")
    seen: list[BuildContext] = []
    finished: list[bool] = []

    def record(context: BuildContext) -> None:
        seen.append(context)
        finished.append((context.built / "en" / "index.html").is_file())  # the finished site, not yet published

    result = run_build(build_options(project), after_steps=[record])
    assert result.code == 0, result.out
    (context,) = seen
    assert context.languages == ("en", "ar")
    assert dict(context.base_urls) == {"en": "https://news.example/meta/en/", "ar": "https://news.example/meta/ar/"}
    assert {lang: localizer.lang for lang, localizer in context.localizers.items()} == {"en": "en", "ar": "ar"}
    assert finished == [True]
    assert context.built != project / "site"
    assert not (project / "site" / "pagefind").exists()  # only the given steps ran: no search index


def test_a_failing_step_after_the_engine_keeps_the_previous_site(built_project: Path):
    from generator.data.errors import BuildError

    project = built_project  # built once before
    before = sorted(path.relative_to(project / "site") for path in (project / "site").rglob("*"))

    def refuse(context: BuildContext) -> None:
        raise BuildError("the feed could not be written")

    result = run_build(build_options(project), after_steps=[refuse])
    assert result.lines[-2:] == ["error: the feed could not be written", f"build stopped: {project / 'site'}/ was left as it was."]
    assert sorted(path.relative_to(project / "site") for path in (project / "site").rglob("*")) == before


def test_the_data_exports_are_published_with_the_site(built_site: Path):
    site = built_site
    published = (site / paths.EVENTS_JSON).read_text(encoding="utf-8")
    events = json.loads(published)
    ids = [event["id"] for event in events["events"]]
    # Compact (one line), its Arabic as written rather than as \u escapes.
    assert published.count("\n") == 1 and published.endswith("}\n") and "ميتا" in published
    assert len(ids) == 8
    rows = list(csv.DictReader(io.StringIO((site / paths.EVENTS_CSV).read_text(encoding="utf-8-sig"))))
    assert [row["id"] for row in rows] == ids  # one row per event, in timeline order
    assert json.loads((site / paths.EVENTS_SCHEMA).read_text(encoding="utf-8"))["$schema"].startswith("https://json-schema.org/")
    assert {item["type"] for item in json.loads((site / paths.SOURCES_CSL).read_text(encoding="utf-8"))} == {"article-newspaper"}
    for lang in ("en", "ar"):
        feed = feedparser.parse((site / lang / paths.FEED).read_bytes())
        assert not feed.bozo, feed.get("bozo_exception")
        assert feed.feed.language == lang
        assert len(feed.entries) == 8
        # Built without SITE_URL: each entry links its page relatively, from the feed's own address.
        assert sorted(entry.link for entry in feed.entries) == sorted(f"events/{event_id}/" for event_id in ids)
        slides = json.loads((site / lang / paths.TIMELINEJS).read_text(encoding="utf-8"))
        assert sorted(slide["unique_id"] for slide in slides["events"]) == sorted(ids)
    # Each language's home page links every export, and every link leads to its file.
    for lang in ("en", "ar"):
        home = (site / lang / "index.html").read_text(encoding="utf-8")
        data = home[home.index('<ul class="tl-data">'):]
        links = re.findall(r'<a href="([^"]+)" type="[^"]+">', data[: data.index("</ul>")])
        assert links == [paths.FEED, paths.TIMELINEJS, *(f"../{name}" for name in (paths.EVENTS_CSV, paths.EVENTS_JSON, paths.EVENTS_SCHEMA, paths.SOURCES_CSL))]
        assert all((site / lang / link).resolve().is_file() for link in links)


def test_the_feed_links_to_the_public_pages_at_the_sites_address(published_site: Path):
    # The fixture built with its public address (PUBLIC_URL) in SITE_URL.
    feed = feedparser.parse((published_site / "ar" / paths.FEED).read_bytes())
    assert feed.feed.id == f"{PUBLIC_URL}ar/feed.xml"
    assert all(entry.link.startswith(f"{PUBLIC_URL}ar/events/") for entry in feed.entries)


@pytest.mark.parametrize("name", ["data/notes.md", "data/index.md", "data/timeline.json", "feed.xml"])
def test_a_hand_written_file_cannot_take_the_place_of_an_export(tmp_path: Path, name: str):
    project = copy_fixture(tmp_path / "project")
    written = project / "docs" / "en" / name
    written.parent.mkdir(parents=True, exist_ok=True)
    written.write_text("# Mine\n", encoding="utf-8")
    result = run_build(build_options(project))
    assert result.code == 1
    assert any(line.startswith(f"error: {written}: ") for line in result.lines), result.out


class Texts(HTMLParser):
    """What a browser shows: the text of <title> and of the header's and the drawer's site name, and each meta description."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.texts: dict[str, str] = {}
        self.descriptions: list[str] = []
        self.in_svg = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "meta" and values.get("name") == "description":
            self.descriptions.append(values.get("content") or "")
        self.in_svg += tag == "svg"
        # The page's <title>, not the <title> of a picture (the overview SVG) in the body.
        label = {"title": "title", "label": "drawer"}.get(tag) if values.get("class") in (None, "md-nav__title") and not self.in_svg else None
        if tag == "span" and values.get("class") == "md-ellipsis":
            label = "topic"
        self.open.append(label or "")

    def handle_endtag(self, tag: str) -> None:
        self.in_svg -= tag == "svg"
        if self.open:
            self.open.pop()

    def handle_data(self, data: str) -> None:
        if self.open and self.open[-1] and data.strip():
            self.texts.setdefault(self.open[-1], "")
            self.texts[self.open[-1]] += data.strip() + "|"


def test_titles_and_names_with_markup_show_literally_in_the_theme_escaped_once(tmp_path: Path):
    project = copy_fixture(tmp_path / "project")
    events = project / "events.yaml"
    site_name = 'Q&amp;A <i>"{{ site }}"</i>'
    text = events.read_text(encoding="utf-8")
    written = text.replace("    en: Meta's turn from open AI models", "    en: '" + site_name + "'", 1)
    events.write_text(written.replace("    en: A sourced timeline of how", "    en: <p>A & sourced timeline of how", 1), encoding="utf-8")
    result = run_build(build_options(project))
    assert result.code == 0, result.out
    page = Texts()
    page.feed((project / "site" / "en" / "events" / "hostile-input-test" / "index.html").read_text(encoding="utf-8"))
    title = "<b>Bold</b> & </title><script>alert('title')</script>"
    assert page.texts["title"] == f"{title} - {site_name}|"
    assert page.texts["topic"].split("|")[:2] == [site_name, title]  # the header: the site's name, then the page's title
    assert page.texts["drawer"] == f"{site_name}|"
    assert page.descriptions == ["<script>alert(1)</script> [x](javascript:alert(1)) **bold** <img src=x onerror=alert(1)>"]
    home = Texts()
    home.feed((project / "site" / "en" / "index.html").read_text(encoding="utf-8"))
    assert home.texts["title"] == f"{site_name}|"
    assert home.descriptions == ["<p>A & sourced timeline of how Meta moved from open models to closed ones."]


def test_pages_that_are_one_html_block_come_out_as_markdown_would_write_them(engine_only_project: Path):
    """Event, entity and list pages skip Markdown (engine/hooks.py); their articles must not change for it.

    Built with every page through the engine: event and entity pages are usually written through a page
    shell (tests/test_shell.py shows those are the engine's own pages)."""
    import markdown
    import yaml

    from generator.engine.hooks import collapse_whitespace  # every page's, after Markdown
    from generator.engine.pages import read_front_matter

    project = engine_only_project  # built once with every page through the engine
    built_site = project / "site"
    shared = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV", ""))
    extensions = [next(iter(item)) if isinstance(item, dict) else item for item in shared["markdown_extensions"]]
    docs = project / "build" / "en" / "docs"
    checked = 0
    for source in sorted(docs.rglob("*.md")):
        body, meta = read_front_matter(source.read_text(encoding="utf-8"))
        if not meta.get("html_body"):
            continue
        written_by_markdown = collapse_whitespace(markdown.Markdown(extensions=extensions).convert(body))
        relative = source.relative_to(docs).as_posix()
        page = built_site / "en" / relative.removesuffix(".md").removesuffix("/index") / "index.html"
        assert written_by_markdown in page.read_text(encoding="utf-8"), relative
        checked += 1
    assert checked >= 4  # events, entities, the list of entities, the sources


def test_the_timeline_and_hand_written_pages_keep_markdown(built_site: Path):
    timeline = (built_site / "en" / "timeline" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<h2 id="year-\d{4}">', timeline)  # a Markdown heading with its attr_list id
    handwritten = (built_site / "en" / "methodology" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<h1 id="[^"]+">[^<]+<a class="headerlink"', handwritten)  # "# …" became a heading with its permalink


def test_pages_lose_the_themes_indentation_but_code_keeps_its_own(tmp_path: Path):
    project = copy_fixture(tmp_path / "project")
    code = "    def f():\n        return '<b>  x  </b>'\n"
    (project / "docs" / "en" / "methodology.md").write_text(f"# Methodology\n\nAn example:\n\n{code}\n", encoding="utf-8")
    assert run_build(build_options(project)).code == 0
    page = (project / "site" / "en" / "methodology" / "index.html").read_text(encoding="utf-8")
    assert "<pre><code>def f():\n    return '&lt;b&gt;  x  &lt;/b&gt;'\n</code></pre>" in page
    outside_code = re.sub(r"<(pre|script|style|textarea)\b.*?</\1>", "", page, flags=re.DOTALL)
    assert not re.search(r"\n[ \t]+", outside_code)
    event = (project / "site" / "en" / "events" / "llama-4-release" / "index.html").read_text(encoding="utf-8")
    assert not re.search(r"\n[ \t]+", re.sub(r"<(pre|script|style|textarea)\b.*?</\1>", "", event, flags=re.DOTALL))


def test_whitespace_is_collapsed_only_between_tags_and_in_text():
    from generator.engine.hooks import collapse_whitespace

    page = (
        '<div>\n    <a title="x >\n  y"\n       href="#">two  \n  lines</a>\n'
        "  <PRE>  keep\n    this</pre >\n  <!-- a\n   comment -->\n  <Script>if (a <\n  b) {}</SCRIPT>\n"
        "  a < b\n   and\u00a0\n  <p unclosed='>'\n   x"
    )
    assert collapse_whitespace(page) == (
        '<div>\n<a title="x >\n  y"\n       href="#">two\nlines</a>\n'
        "<PRE>  keep\n    this</pre >\n<!-- a\n   comment -->\n<Script>if (a <\n  b) {}</SCRIPT>\n"
        "a < b\nand\u00a0\n<p unclosed='>'\nx"
    )


def test_the_search_dialog_is_in_one_script_per_language_not_in_every_page(built_site: Path):
    page = (built_site / "ar" / "events" / "llama-4-release" / "index.html").read_text(encoding="utf-8")
    assert "<pagefind-modal " not in page
    # loaded, after Pagefind's own files, only when search is opened (assets/javascripts/search.js)
    assert 'data-search-files="../../../pagefind/pagefind-component-ui.css ../../assets/stylesheets/pagefind-material.css ../../../pagefind/pagefind-component-ui.js ../../assets/javascripts/pagefind-strings.js ../../assets/javascripts/pagefind-dialog.js"' in page
    assert "pagefind-component-ui.js\"" not in page
    script = (built_site / "ar" / "assets" / "javascripts" / "pagefind-dialog.js").read_text(encoding="utf-8")
    data = json.loads(script.removeprefix("window.timelineSearchDialog && window.timelineSearchDialog(").removesuffix(");\n"))
    assert data["dialog"].startswith('<pagefind-modal class="md-pagefind__modal">')
    assert 'label="السنة"' in data["dialog"]  # the filters in the language of its pages
    assert "[SEARCH_TERM]" in data["strings"]["zero_results"]


def test_a_page_serve_adds_takes_the_place_mkdocs_own_walk_of_the_docs_folder_gives_it(tmp_path: Path):
    # serve adds pages to the engine's list one by one (engine/live.py), the first page of a new folder too (the
    # first year page when a setting splits the timeline): each must land where a full build's walk lists it.
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files, get_files

    from generator.engine.live import _inserted

    docs = tmp_path / "docs"
    names = ["index.md", "timeline.md", "sources.md", "events/index.md", "events/a.md", "events/b.md", "timeline/2024.md",
             "timeline/2025.md", "entities/index.md", "entities/x.md", "maintainers/entity-ids.md", "zz.md", "assets/timeline.css"]
    for name in names:
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text("x\n", encoding="utf-8")
    config = MkDocsConfig()
    config.load_dict({"site_name": "t", "docs_dir": str(docs), "site_dir": str(tmp_path / "site")})
    assert config.validate() == ([], [])
    walked = list(get_files(config))
    for file in walked:
        others = Files([other for other in walked if other is not file])
        assert [found.src_uri for found in _inserted(others, file)] == [found.src_uri for found in walked], file.src_uri
