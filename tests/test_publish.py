"""Publishing: the public address and the repository come from the environment, as the deploy workflow sets them."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import build_args, copy_fixture, run


def build_with(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, **environment: str) -> Path:
    for name in ("SITE_URL", "REPO_URL"):
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


def test_site_url_from_the_environment_gives_canonical_links_under_a_sub_path(tmp_path, monkeypatch):
    site = build_with(tmp_path, monkeypatch, SITE_URL="https://org.github.io/repo/", REPO_URL="https://github.com/org/repo")
    assert canonical(site / "en" / "index.html") == "https://org.github.io/repo/en/"
    assert canonical(site / "ar" / "index.html") == "https://org.github.io/repo/ar/"
    assert canonical(site / "en" / "events" / "behemoth-delay" / "index.html") == "https://org.github.io/repo/en/events/behemoth-delay/"
    assert canonical(site / "ar" / "events" / "behemoth-delay" / "index.html") == "https://org.github.io/repo/ar/events/behemoth-delay/"
    assert "<loc>https://org.github.io/repo/ar/timeline/</loc>" in (site / "ar" / "sitemap.xml").read_text(encoding="utf-8")
    assert 'href="https://github.com/org/repo"' in (site / "en" / "index.html").read_text(encoding="utf-8")


def test_without_the_environment_the_site_is_addressed_for_the_local_preview_and_links_no_repository(tmp_path, monkeypatch):
    site = build_with(tmp_path, monkeypatch)
    assert canonical(site / "en" / "index.html") == "http://127.0.0.1:8000/en/"
    assert "github.com" not in (site / "en" / "index.html").read_text(encoding="utf-8")
