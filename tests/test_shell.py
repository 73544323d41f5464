"""Event and entity pages written through a page shell (generator/build/shell.py) are the engine's own pages, byte for byte;
no shell is ever published; their links are checked as the engine checks its pages'."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest

from generator.build.shell import ID, TOKEN_PREFIX, Shell, ShellError, Slot, read_shell, shell_sources, through_shell
from generator.site.page import Page

from conftest import BuiltProject, build_options, copy_fixture, run_build, stable_site_files

# Ids are slugs (the checker refuses any other), so the hostile texts are titles and summaries.
HOSTILE_TITLE = "Quotes \" and ' & <script>alert('x')</script>\n\n   \u200fمرحبا\u200e &amp;"
HOSTILE_SUMMARY = "  Spaced out,\n\n   over lines\t& <b>tags</b>  "


def _built_both_ways(tmp_path: Path, events: str | None = None) -> tuple[dict[str, bytes], dict[str, bytes]]:
    """The fixture (or these events) built through the shells and through the engine alone."""
    sites = []
    for name, page_shell in (("shell", True), ("engine", False)):
        project = copy_fixture(tmp_path / name)
        if events is not None:
            (project / "events.yaml").write_text(events, encoding="utf-8")
        result = run_build(build_options(project, page_shell=page_shell))
        assert result.code == 0, result.out
        sites.append(stable_site_files(project / "site"))
    return sites[0], sites[1]


def _data_pages(files: dict[str, bytes]) -> list[str]:
    return sorted(name for name in files if re.fullmatch(r"(en|ar)/(events|entities)/[^/]+/index\.html", name))


def test_every_event_and_entity_page_written_through_the_shell_is_the_engines_own_byte_for_byte(built_site: Path, engine_only_project: Path):
    # The fixture built once each way for the session: through the shells (the default) and through the engine alone.
    through_shell, through_engine = stable_site_files(built_site), stable_site_files(engine_only_project / "site")
    pages = _data_pages(through_engine)
    assert len(pages) == 2 * (8 + 3)  # eight events and three entities, in each language
    assert _data_pages(through_shell) == pages
    assert [name for name in pages if through_shell[name] != through_engine[name]] == []
    # And the rest of the site is the same too: no page, sitemap or search file knows the difference.
    assert sorted(through_shell) == sorted(through_engine)
    assert [name for name in through_engine if through_shell[name] != through_engine[name]] == []


def test_hostile_titles_and_summaries_come_out_escaped_exactly_as_the_engine_escapes_them(tmp_path: Path):
    from conftest import FIXTURE

    events = (FIXTURE / "events.yaml").read_text(encoding="utf-8")
    events = events.replace("en: Meta releases Llama 4 to a weak reception", f"en: {_yaml(HOSTILE_TITLE)}")
    events = events.replace("ar: ميتا تطلق لاما 4 وسط استقبال فاتر", f"ar: {_yaml(HOSTILE_TITLE)}")
    assert events.count(_yaml(HOSTILE_TITLE)) == 2
    start = events.index("  - id: llama-4-release")
    summary = re.compile(r"(    summary:\n      en: ).*\n")
    found = summary.search(events, start)
    assert found is not None
    events = events[: found.start()] + found.group(1) + _yaml(HOSTILE_SUMMARY) + "\n" + events[found.end() :]
    through_shell, through_engine = _built_both_ways(tmp_path, events)
    for lang in ("en", "ar"):
        name = f"{lang}/events/llama-4-release/index.html"
        assert through_shell[name] == through_engine[name]
        page = through_shell[name].decode("utf-8")
        escaped = "Quotes &#34; and &#39; &amp; &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;{}\u200fمرحبا\u200e &amp;amp;"
        # Between tags a run of whitespace that breaks a line is one line break; inside an attribute it stays.
        assert f"<title>{escaped.format(chr(10))} - " in page
        assert f'<meta property="og:title" content="{escaped.format(chr(10) * 2 + "   ")}">' in page
        assert "<script>alert('x')" not in page
    page = through_shell["en/events/llama-4-release/index.html"].decode("utf-8")
    assert '<meta name="description" content="Spaced out,\n\n   over lines\t&amp; &lt;b&gt;tags&lt;/b&gt;">' in page
    assert [name for name in _data_pages(through_engine) if through_shell[name] != through_engine[name]] == []


def _yaml(text: str) -> str:
    """A double-quoted YAML scalar of `text`."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t") + '"'


def test_no_shell_and_no_token_is_left_anywhere_in_the_site(fixture_build: BuiltProject):
    project = fixture_build.project  # the session's build of the fixture project
    site = project / "site"
    holding = [path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file() and TOKEN_PREFIX.encode() in path.read_bytes()]
    assert holding == []
    assert [path.name for path in site.rglob(f"{TOKEN_PREFIX}*")] == []
    # Nor in the work folder, which `serve` rebuilds from.
    assert list((project / "build").rglob(f"{TOKEN_PREFIX}*")) == []


def test_the_engines_own_sitemap_never_lists_a_shell(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    # Our sitemaps replace the engine's in a step after it; without that step, the engine's stay.
    monkeypatch.setenv("SITE_URL", "http://127.0.0.1:8000/")  # without an address, the engine lists no page at all
    project = copy_fixture(tmp_path / "project")
    assert run_build(build_options(project), after_steps=()).code == 0
    sitemap = (project / "site" / "en" / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>http://127.0.0.1:8000/en/timeline/</loc>" in sitemap
    assert TOKEN_PREFIX not in sitemap


def test_a_missing_hand_written_page_that_event_pages_link_to_is_a_warning_and_with_strict_an_error(tmp_path: Path):
    # Every status badge links to its definition in the methodology page: without that page, they lead nowhere.
    project = copy_fixture(tmp_path / "project")
    (project / "docs" / "en" / "methodology.md").unlink()
    (project / "docs" / "en" / "index.md").write_text("# Home\n", encoding="utf-8")  # it linked to the methodology too
    warning = (
        "warning: the site has no en/methodology/index.html, linked 21 times (first from en/events/open-source-commitment-denial/:"
        " '../../methodology/#status-denied'). Write docs/en/methodology.md, the page these links lead to."
    )
    result = run_build(build_options(project))
    assert result.code == 0 and warning in result.lines
    # With --strict (the fixture's own warnings aside: a missing translation stops a strict build first).
    from generator.build.page_links import check_links
    from generator.data.check_file import check_file
    from generator.data.errors import BuildError
    from generator.languages.localize import Localizer
    from generator.site.language_pages import render_language

    timeline = check_file(project / "events.yaml").timeline
    assert timeline is not None
    pages = [page for page in render_language(timeline, Localizer("en")) if through_shell(page)]
    out = io.StringIO()
    with pytest.raises(BuildError, match=r"^links of the generated pages lead to hand-written pages the site lacks \(see above\); --strict makes this an error\.$"):
        check_links(project / "site", {"en": pages}, out, strict=True)
    assert out.getvalue() == warning + "\n"


def test_a_link_from_an_event_page_to_a_generated_page_that_is_not_there_stops_the_build(tmp_path: Path):
    from generator.build.page_links import check_links
    from generator.data.errors import BuildError

    site = tmp_path / "site"
    (site / "en" / "timeline").mkdir(parents=True)
    (site / "en" / "timeline" / "index.html").write_text("", encoding="utf-8")
    body = '<a href="../../timeline/#year-2025">ok</a> <a href="../gone-event/">gone</a> <a href="https://example.com/">out</a>'
    page = Page("events/an-event.md", {"html_body": True}, body)
    with pytest.raises(BuildError) as error:
        check_links(site, {"en": [page]}, io.StringIO())
    assert str(error.value) == (
        "broken links in the generated pages: the site has no en/events/gone-event/index.html, linked 1 time"
        " (first from en/events/an-event/: '../gone-event/'). This is a bug of the generator: please report it."
    )


# -- where the engine prints a slot decides whether it may be filled --------------------------------


def _shell_of(built: str) -> tuple[str, Shell]:
    source = next(iter(shell_sources([Page("events/x.md", {"title": "T", "html_body": True}, "<p>x</p>")], nonce="n").values()))
    tokens = source.tokens
    return tokens["title"], read_shell(built.format(title=tokens["title"], id=tokens[ID], body=source.body_mark), source, "events/shell.md")


def test_a_title_printed_as_text_or_in_a_plain_attribute_is_filled_escaped():
    _, shell = _shell_of('<title>{title}</title><meta content="{title}"><meta name=x content=\'a= {title}\'><a href="../{id}/">x</a>{body}')
    assert [(slot.name, slot.text) for slot in shell.slots] == [("title", True), ("title", False), ("title", False), (ID, False), ("#body", True)]
    page = shell.fill(Page("events/an-id.md", {"title": "<&\">", "html_body": True}, "<p>body</p>"))
    assert page == (
        '<title>&lt;&amp;&#34;&gt;</title><meta content="&lt;&amp;&#34;&gt;"><meta name=x content=\'a= &lt;&amp;&#34;&gt;\'>'
        '<a href="../an-id/">x</a><p>body</p>'
    )


@pytest.mark.parametrize(
    ("built", "why"),
    [
        ("<script>var t = '{title}';</script>{body}", "the engine prints the page's title in a script, where it cannot be filled safely"),
        ('<a href="{title}">x</a>{body}', "the engine prints the page's title in the attribute href, an address or code; it cannot be filled safely"),
        ('<p onclick="{title}">x</p>{body}', "the engine prints the page's title in the attribute onclick, an address or code; it cannot be filled safely"),
        ("<!-- {title} -->{body}", "the engine prints the page's title in a comment, where it cannot be filled safely"),
        ("<meta content={title}>{body}", "the engine prints the page's title in the unquoted attribute content; it cannot be filled safely"),
        ("<meta content=x{title}>{body}", "the engine prints the page's title in the unquoted attribute content; it cannot be filled safely"),
        ("<title>{title}</title>", "the engine did not put the page's body in the shell once; its pages cannot be written from it"),
        ("<title>{title}</title>{body}{body}", "the engine did not put the page's body in the shell once; its pages cannot be written from it"),
    ],
)
def test_a_slot_the_engine_prints_where_its_value_is_unsafe_stops_the_build(built: str, why: str):
    with pytest.raises(ShellError) as error:
        _shell_of(built)
    assert str(error.value) == f"events/shell.md: {why}"


def test_an_id_that_is_not_a_slug_is_never_put_into_addresses():
    shell = Shell(("<a href=\"../", "/\">x</a>"), (Slot(ID, False),))
    with pytest.raises(ShellError, match="the id is not a slug"):
        shell.fill(Page('events/x"onclick.md', {}, ""))


def test_a_hand_written_page_links_to_an_event_page_by_its_source_as_to_any_page(tmp_path: Path):
    # MkDocs never builds the event pages, yet knows them: the link becomes the page's address, not a warning.
    project = copy_fixture(tmp_path / "project")
    methodology = project / "docs" / "en" / "methodology.md"
    methodology.write_text(methodology.read_text(encoding="utf-8") + "\nSee [Llama 4](events/llama-4-release.md#sources).\n", encoding="utf-8")
    result = run_build(build_options(project))
    assert result.code == 0, result.out
    page = (project / "site" / "en" / "methodology" / "index.html").read_text(encoding="utf-8")
    assert '<a href="../events/llama-4-release/#sources">Llama 4</a>' in page
    assert "mkdocs (en)" not in result.out
