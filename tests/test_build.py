"""`python -m generator build`: the whole site, or nothing changed."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

import pytest

from conftest import REPO, BuiltProject, build_args, copy_fixture, run, snapshot

EVENT_IDS = (
    "avocado-closed-model", "llama-4-release", "open-source-commitment-denial",
    "meta-ai-infrastructure-spending-2025", "superintelligence-lab", "hostile-input-test",
    "closed-model-shift-q1-2026", "behemoth-delay",
)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_fixture(tmp_path / "project")


def html_files(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


# -- a good build --------------------------------------------------------------------


def test_both_languages_are_built_with_a_page_for_every_event(built_site: Path):
    for lang, direction in (("en", "ltr"), ("ar", "rtl")):
        home = (built_site / lang / "index.html").read_text(encoding="utf-8")
        assert f'<html lang="{lang}"' in home
        assert f'<body dir="{direction}"' in home  # Material sets the direction on <body>
        for event_id in EVENT_IDS:
            assert (built_site / lang / "events" / event_id / "index.html").is_file(), (lang, event_id)
        for page in ("timeline", "sources", "entities", "entities/meta", "methodology"):
            assert (built_site / lang / page / "index.html").is_file(), (lang, page)


def test_the_root_page_offers_both_languages_without_javascript(built_site: Path):
    root = (built_site / "index.html").read_text(encoding="utf-8")
    assert 'href="ar/"' in root and 'href="en/"' in root
    assert "<script" not in root


def test_event_pages_are_kept_out_of_the_navigation(built_site: Path):
    timeline = (built_site / "en" / "timeline" / "index.html").read_text(encoding="utf-8")
    nav = timeline[timeline.index('<nav class="md-nav md-nav--primary'):]
    nav = nav[: nav.index("</nav>")]
    assert "events/" not in nav


def test_no_script_or_javascript_link_comes_from_the_data(built_site: Path):
    for page in html_files(built_site):
        text = page.read_text(encoding="utf-8")
        hrefs = re.findall(r'(?:href|src|action)\s*=\s*["\']?\s*([^"\'\s>]*)', text, re.I)
        assert not [href for href in hrefs if href.lower().lstrip().startswith(("javascript:", "data:text"))], page
        scripts = re.findall(r"<script\b([^>]*)>(.*?)</script>", text, re.S | re.I)
        # Code never holds the data; data blocks (JSON-LD) hold it as JSON, which no browser runs.
        assert "alert(" not in "".join(body for attrs, body in scripts if "application/ld+json" not in attrs), page
        for attrs, body in scripts:
            if "application/ld+json" in attrs:
                assert "<" not in body and json.loads(body), page
        assert "<img src=x" not in text and "<b>Bold</b>" not in text, page


def test_every_citation_shows_its_link_or_link_unknown(built_site: Path):
    for lang, unknown in (("en", "link unknown"), ("ar", "الرابط غير معروف")):
        for event_id in EVENT_IDS:
            text = (built_site / lang / "events" / event_id / "index.html").read_text(encoding="utf-8")
            citations = len(re.findall(r'<li id="cite-\d+"', text))
            links = len(re.findall(r'class="tl-ref__link" href="https?://', text))
            assert citations >= 1
            assert links + text.count(unknown) == citations, (lang, event_id)


@pytest.mark.parametrize("which", ["built_site", pytest.param("real_site", marks=pytest.mark.content)])
def test_every_internal_link_leads_to_a_built_page(which: str, request: pytest.FixtureRequest):
    built_site: Path = request.getfixturevalue(which)  # the fixture's site, and the real timeline's hand-written pages too
    broken = []
    # Every page advertises its language's Atom feed; checked once the build writes the feeds (the exports step).
    feeds_built = any(built_site.glob("*/feed.xml"))
    for page in html_files(built_site):
        # Script contents are not links (the search's result template holds href="{{ … }}").
        text = re.sub(r"<script\b.*?</script>", "", page.read_text(encoding="utf-8"), flags=re.S)
        for href in re.findall(r'href="([^"]+)"', text):
            url = urldefrag(href)[0].partition("?")[0]  # a query (the 404 pages' search: /en/?q=) names no other file
            if not url or urlsplit(url).scheme or url.startswith(("//", "mailto:")):
                continue
            target = (built_site / url.lstrip("/")) if url.startswith("/") else (page.parent / url)
            target = target.resolve()
            if target.is_dir() or url.endswith("/"):
                target = target / "index.html"
            if not target.exists() and not (target.name == "feed.xml" and not feeds_built):
                broken.append(f"{page.relative_to(built_site)} -> {href}")
    # Absolute links (/ar/, /en/) appear only in the 404 pages, which are served at any depth.
    assert broken == []


def test_the_build_prints_warnings_but_no_mkdocs_chatter(fixture_build: BuiltProject):
    project, result = fixture_build.project, fixture_build.result  # the session's build of the fixture project
    assert result.code == 0
    assert any("title.ar: the Arabic text is missing" in line for line in result.lines)
    assert result.lines[-1].startswith(f"built {project / 'site'}/ in ")
    assert not [line for line in result.lines if "INFO" in line or "mkdocs" in line.lower()]
    assert (project / "build" / "en" / "mkdocs.yml").read_text(encoding="utf-8").count("INHERIT:") == 1


# -- failures leave the previous site untouched ------------------------------------------


def test_a_broken_events_file_prints_the_errors_and_keeps_the_previous_site(built_project: Path):
    project = built_project  # built once before
    before = snapshot(project / "site")
    events = project / "events.yaml"
    events.write_text(events.read_text(encoding="utf-8").replace("status: happened", "status: hapened"), encoding="utf-8")
    result = run(*build_args(project))
    assert result.code == 1
    assert re.search(r"events\.yaml:\d+:\d+: error: event 'llama-4-release', status: 'hapened' is not a status", result.out)
    assert result.lines[-1] == f"build stopped: {project / 'site'}/ was left as it was."
    assert snapshot(project / "site") == before
    assert not list(project.glob(".site-*"))


def test_strict_turns_missing_translations_into_a_failure(project: Path):
    result = run(*build_args(project, "--strict"))
    assert result.code == 1
    assert "warning: event 'open-source-commitment-denial', title.ar: the Arabic text is missing" in result.out
    assert "(--strict: warnings fail the check)" in result.out
    assert not (project / "site").exists()


def test_an_mkdocs_failure_is_reported_without_a_traceback(built_project: Path):
    project = built_project  # built once before
    before = snapshot(project / "site")
    (project / "docs" / "en" / "methodology.md").write_text("# Methodology\n\nSee [the missing page](missing.md).\n", encoding="utf-8")
    result = run(*build_args(project))
    assert result.code == 1
    assert "mkdocs (en): warning: Doc file 'methodology.md' contains a link 'missing.md', but the target is not found" in result.out
    assert "error: MkDocs could not build the en site" in result.out
    assert "Traceback" not in result.out + result.err
    assert snapshot(project / "site") == before


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("timeline.md", "a generated page has this address (timeline/), so one of the two would be lost; rename the hand-written page."),
        # use_directory_urls: x.md and x/index.md are one address
        ("timeline/index.md", "a generated page has this address (timeline/), so one of the two would be lost; rename the hand-written page."),
        ("sources/index.md", "a generated page has this address (sources/), so one of the two would be lost; rename the hand-written page."),
        ("entities.md", "a generated page has this address (entities/), so one of the two would be lost; rename the hand-written page."),
        ("README.md", "a generated page has this address (), so one of the two would be lost; rename the hand-written page."),
        ("assets/timeline.css", "the build writes assets/timeline.css itself and would overwrite this file; rename the hand-written file."),
        ("sitemap.xml", "the build writes sitemap.xml itself and would overwrite this file; rename the hand-written file."),
        ("events/extra.md", "the folder events/ belongs to generated pages; move the hand-written file elsewhere."),
        ("entities/meta/notes.md", "the folder entities/ belongs to generated pages; move the hand-written file elsewhere."),
        # A long timeline has a page per year there; a short one may grow into it.
        ("timeline/2025.md", "the folder timeline/ belongs to generated pages; move the hand-written file elsewhere."),
    ],
)
def test_a_hand_written_file_may_not_take_a_generated_address(project: Path, name: str, reason: str):
    (project / "site").mkdir()
    page = project / "docs" / "ar" / name
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text("# منافس\n", encoding="utf-8")
    result = run(*build_args(project))
    assert result.code == 1
    assert result.lines[-2:] == [f"error: {page}: {reason}", f"build stopped: {project / 'site'}/ was left as it was."]
    assert list((project / "site").iterdir()) == []


def test_a_folder_not_built_by_the_generator_is_never_replaced(project: Path):
    (project / "site").mkdir()
    (project / "site" / "precious.txt").write_text("keep me", encoding="utf-8")
    result = run(*build_args(project))
    assert result.code == 1
    assert "was not built by this generator; refusing to replace it" in result.out
    assert (project / "site" / "precious.txt").read_text(encoding="utf-8") == "keep me"


def test_a_bad_site_setting_is_reported(project: Path):
    config = project / "mkdocs.yml"
    config.write_text((REPO / "mkdocs.yml").read_text(encoding="utf-8").replace("digits: latn", "digits: roman"), encoding="utf-8")
    args = build_args(project)
    args[args.index("--config") + 1] = str(config)
    result = run(*args)
    assert result.code == 1
    assert "extra.timeline.languages.ar.digits: 'roman' must be one of: latn, arab, arabext" in result.out


@pytest.mark.parametrize(
    ("written", "message"),
    [
        # Each problem is placed at its line of mkdocs.yml: {0} is the line of latest_events, {1} and {2} the next two.
        ("latest_events: true", "{config}:{0}: extra.timeline.latest_events: must be a whole number, 0 or more"),  # not 1
        # A number and a word as keys: both are named, not only the first.
        (
            "latest_events: 5\n    2025: 5\n    recent: 5",
            "2 problems in extra.timeline:\n  {config}:{1}: extra.timeline: unknown setting '2025'; known settings: "
            "languages, latest_events, year_pages_above\n  {config}:{2}: extra.timeline: unknown setting 'recent'; known settings:",
        ),
    ],
)
def test_a_setting_of_the_wrong_type_is_reported_not_taken(project: Path, written: str, message: str):
    config = project / "mkdocs.yml"
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    config.write_text(text.replace("latest_events: 5", written, 1), encoding="utf-8")
    line = text[: text.index("latest_events: 5")].count("\n") + 1
    args = build_args(project)
    args[args.index("--config") + 1] = str(config)
    result = run(*args)
    assert result.code == 1
    assert "error: " + message.format(line, line + 1, line + 2, config=config) in result.out


def test_a_hand_written_home_page_that_is_not_utf8_is_named(project: Path):
    (project / "docs" / "en" / "index.md").write_bytes("# Home\n\nCaf\u00e9\n".encode("latin-1"))
    result = run(*build_args(project))
    assert result.code == 1
    assert f"error: {project / 'docs' / 'en' / 'index.md'}:3: the file is not UTF-8 text. Save it as UTF-8 in your editor." in result.lines


def test_a_site_folder_that_cannot_be_made_is_reported_plainly(project: Path):
    (project / "blocker").write_text("a file, not a folder", encoding="utf-8")
    args = build_args(project)
    args[args.index("--site") + 1] = str(project / "blocker" / "site")
    result = run(*args)
    assert result.code == 1
    assert f"error: {project / 'blocker'}: file exists. A file stands where a folder is needed; move it away or choose another path." in result.lines
    assert "internal error" not in result.out + result.err


def test_arabic_settings_reach_the_arabic_pages(project: Path):
    config = project / "mkdocs.yml"
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    config.write_text(text.replace("digits: latn", "digits: arab").replace("date_locale: ar ", "date_locale: ar_SY "), encoding="utf-8")
    args = build_args(project)
    args[args.index("--config") + 1] = str(config)
    assert run(*args).code == 0
    page = (project / "site" / "ar" / "events" / "behemoth-delay" / "index.html").read_text(encoding="utf-8")
    assert '<time datetime="2025-05-15">١٥ أيار ٢٠٢٥</time>' in page
    # The reference number of the date basis takes the Arabic digits too.
    assert 'href="#cite-2">سجل تجريبي [٢]</a>' in page
    english = (project / "site" / "en" / "events" / "behemoth-delay" / "index.html").read_text(encoding="utf-8")
    assert '<time datetime="2025-05-15">15 May 2025</time>' in english


def test_a_missing_events_file_is_a_usage_error(tmp_path: Path):
    result = run("build", str(tmp_path / "nope.yaml"), "--site", str(tmp_path / "site"))
    assert result.code == 2
    assert "no such file" in result.err


def test_the_new_site_is_swapped_in_one_step_so_no_moment_is_without_a_site(built_project: Path, monkeypatch: pytest.MonkeyPatch):
    # Two renames leave a moment without site/; a crash there lost the site. Linux exchanges both folders at once.
    project = built_project  # built once before
    (project / "docs" / "en" / "methodology.md").write_text("# Methodology, edited\n", encoding="utf-8")

    def crash(self: Path, target: Path) -> Path:
        raise KeyboardInterrupt  # would strike between the two renames

    monkeypatch.setattr(Path, "rename", crash)
    assert run(*build_args(project)).code == 0
    assert "Methodology, edited" in (project / "site" / "en" / "methodology" / "index.html").read_text(encoding="utf-8")
    assert [path.name for path in project.iterdir() if path.name.startswith(".site-")] == []


def test_where_folders_cannot_be_exchanged_a_failed_second_rename_puts_the_old_site_back(built_project: Path, monkeypatch: pytest.MonkeyPatch):
    from generator.build import publish

    project = built_project  # built once before
    monkeypatch.setattr(publish, "exchange", lambda first, second: False)  # e.g. not Linux
    before = snapshot(project / "site")
    real_rename = Path.rename
    calls = []

    def failing_second_rename(self: Path, target: Path) -> Path:
        calls.append(self)
        if len(calls) == 2:  # the finished build moving into site/
            raise OSError(28, "No space left on device")
        return real_rename(self, target)

    monkeypatch.setattr(Path, "rename", failing_second_rename)
    result = run(*build_args(project))
    assert result.code == 1
    assert "cannot be replaced (No space left on device)" in result.out
    assert snapshot(project / "site") == before


def test_the_shared_config_is_read_as_mkdocs_reads_it_env_values_and_inherit(project: Path, monkeypatch: pytest.MonkeyPatch):
    # A deployment sets the public address from the environment; a project may INHERIT a parent config.
    config = project / "mkdocs.yml"
    config.write_text(f"INHERIT: {REPO / 'mkdocs.yml'}\nsite_url: !ENV [TIMELINE_PUBLIC_URL, 'https://fallback.example/']\n", encoding="utf-8")
    monkeypatch.setenv("TIMELINE_PUBLIC_URL", "https://news.example/meta/")
    args = build_args(project)
    args[args.index("--config") + 1] = str(config)
    assert run(*args).code == 0
    for lang in ("ar", "en"):
        page = (project / "site" / lang / "events" / "llama-4-release" / "index.html").read_text(encoding="utf-8")
        assert f'<link rel="canonical" href="https://news.example/meta/{lang}/events/llama-4-release/">' in page
    # The parent's palette, with its toggle labelled in the page's language.
    assert 'aria-label="التبديل إلى الوضع الداكن"' in (project / "site" / "ar" / "index.html").read_text(encoding="utf-8")


def test_a_shared_config_that_inherits_a_missing_file_is_reported(project: Path):
    config = project / "mkdocs.yml"
    config.write_text("INHERIT: nowhere.yml\n", encoding="utf-8")
    args = build_args(project)
    args[args.index("--config") + 1] = str(config)
    result = run(*args)
    assert result.code == 1
    assert f"error: {config}: Inherited config file 'nowhere.yml' does not exist at '{project / 'nowhere.yml'}'." in result.lines
