"""What a reader's browser downloads (issue 22's budget), measured as bench/weight.py measures it:
Chromium, an empty cache, every request, served gzipped as a static host serves it."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from conftest import REPO

sys.path.insert(0, str(REPO / "bench"))

from weight import static_host, visit  # noqa: E402

pytestmark = pytest.mark.needs("chromium")

KB = 1000


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_a_first_visit_stays_under_80_kb_and_a_second_page_costs_little_more_than_its_html(browser, built_site: Path, lang):
    with static_host(built_site) as base:
        timeline, event = f"{base}/{lang}/timeline/", f"{base}/{lang}/events/llama-4-release/"
        first_timeline, second_event = visit(browser, [timeline, event])
        (first_event,) = visit(browser, [event])
    for load in (first_timeline, first_event):
        assert load.total <= 80 * KB, (load.address, load.requests)
        # Only the page is its own: everything else it loads is the same for every page of the
        # language, so nothing grows with the number of events. The language switch fetches no
        # sitemap, and Pagefind's search is not loaded before it is opened.
        others = [url.removeprefix(base) for url, _ in load.requests if url != load.address]
        assert all(url.startswith(f"/{lang}/assets/") for url in others), others
        assert not any("sitemap" in url or "pagefind" in url.removeprefix(f"/{lang}/assets/") for url in others), others
    assert second_event.total - second_event.html <= 10 * KB, second_event.requests


def test_opening_search_loads_pagefind_then_and_not_before(browser, built_site: Path):
    with static_host(built_site) as base:
        context = browser.new_context()
        page = context.new_page()
        asked: list[str] = []
        page.on("request", lambda request: asked.append(request.url))
        page.goto(f"{base}/en/events/llama-4-release/", wait_until="networkidle")
        assert not [url for url in asked if "/pagefind/" in url]
        page.keyboard.press("/")
        page.locator("pagefind-modal input.pf-input").wait_for(state="visible")
        assert f"{base}/pagefind/pagefind-component-ui.js" in asked
        context.close()
