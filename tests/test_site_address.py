"""The site's address (SITE_URL): refused unless it is an address, and never a local one in a site built without it."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conftest import REPO, BuiltProject, build_args, copy_fixture, run

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


# -- an address that is not one stops the build --------------------------------------------------


@pytest.mark.parametrize(
    "written",
    [
        'https://example.org/"><script>alert(1)</script>',  # would end the canonical link's attribute
        "https://example.org/news' onmouseover='alert(1)",
        "https://example.org/my timeline/",
        "javascript:alert(1)//",
        "ftp://example.org/",
        "example.org",
        "https://example.org/?preview=1",
    ],
)
def test_a_site_address_that_is_not_an_address_stops_the_build_before_anything_is_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, written: str):
    project = copy_fixture(tmp_path / "project")
    monkeypatch.setenv("SITE_URL", written)
    result = run(*build_args(project))
    assert result.code == 1
    problem = "has a query or a fragment (after '?' or '#'), which a site's address never has" if "?" in written else "is not the address of a site"
    assert result.lines == [
        f"error: {REPO / 'mkdocs.yml'}: site_url (the environment variable SITE_URL): {written!r} {problem}."
        " Give the public address of the site's root, e.g. https://timeline.example.org/ or https://org.github.io/repo/,"
        " or leave SITE_URL unset for a site without one.",
        f"build stopped: {project / 'site'}/ was left as it was.",
    ]
    assert not (project / "site").exists() and not (project / "build").exists()


# -- without an address: nothing local in the files, and the build says what is left out ------------


def test_a_site_built_without_site_url_names_no_local_address_and_the_build_says_once_what_is_left_out(fixture_build: BuiltProject):
    # The session's build of the fixture project: made without SITE_URL and REPO_URL (conftest.DEPLOYMENT_ENVIRONMENT).
    project, result = fixture_build.project, fixture_build.result
    assert result.code == 0, result.out
    site = project / "site"

    left_out = (
        "note: SITE_URL is not set, so the site has no public address: pages link to each other relatively, and"
        " canonical links, the sitemaps' entries, the timeline's embed code and the feeds' absolute addresses are left out."
        " Set SITE_URL to the address the site is published at (e.g. SITE_URL=https://timeline.example.org/) when building it for publishing."
    )
    assert [line for line in result.lines if line.startswith("note:")] == [left_out]
    assert result.lines[-2] == left_out and result.lines[-1].startswith("built ")

    # No file names the machine it was built on, whatever its port.
    local = re.compile(rb"127\.0\.0\.1|localhost|:8000\b")
    assert [path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file() and local.search(path.read_bytes())] == []

    for lang in ("en", "ar"):
        timeline = (site / lang / "timeline" / "index.html").read_text(encoding="utf-8")
        assert 'rel="canonical"' not in timeline
        assert "tl-embed-code" not in timeline and "&lt;iframe" not in timeline  # no code that would lead nowhere elsewhere
        assert "github.com" not in timeline  # and no repository is guessed either
        # The feed links each entry relatively; its ids are names, not addresses.
        feed = (site / lang / "feed.xml").read_text(encoding="utf-8")
        assert '<link href="events/llama-4-release/"/>' in feed and "<id>urn:uuid:" in feed and "http://127" not in feed
        # Each sitemap is there for the theme's script to read, and lists nothing without an address.
        urlset = ET.parse(site / lang / "sitemap.xml").getroot()
        assert urlset.tag == f"{SITEMAP}urlset" and list(urlset) == []
    assert list(ET.parse(site / "sitemap.xml").getroot()) == []


# -- serve: the address it serves at, with its real port --------------------------------------------


@pytest.mark.slow
def test_serve_names_the_address_it_serves_at_with_its_real_port(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    from test_serve import Server, fetch, free_port

    monkeypatch.delenv("SITE_URL", raising=False)
    project = copy_fixture(tmp_path / "project")
    port = free_port()
    assert port != 8000
    server = Server(project, port)
    try:
        server.wait_for("serving on http://127.0.0.1:", timeout=120)
        page = fetch(f"http://127.0.0.1:{port}/en/timeline/")[1]
    finally:
        code = server.stop()
    assert code == 0
    assert f'<link rel="canonical" href="http://127.0.0.1:{port}/en/timeline/">' in page
    assert f"&lt;iframe src=&#34;http://127.0.0.1:{port}/en/embed/&#34;" in page
    assert ":8000" not in page
    assert not any(line.startswith("note: SITE_URL") for line in server.lines)
