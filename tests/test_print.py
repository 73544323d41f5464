"""The print view: what a reader needs to check a claim on paper."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.site.urls import readable_address

from conftest import serve_folder


def test_a_printed_address_shows_arabic_letters_and_keeps_what_would_change_or_hide_it():
    assert readable_address("https://hlosw.com/%D8%A8%D9%84%D9%88%D9%85%D8%A8%D8%B1%D8%BA/") == "https://hlosw.com/بلومبرغ/"
    # ASCII escapes keep their meaning; a right-to-left override, a control and a broken escape stay escaped.
    assert readable_address("https://x.test/a%2Fb%20c?q=%E2%80%AEevil%0A") == "https://x.test/a%2Fb%20c?q=%E2%80%AEevil%0A"
    assert readable_address("https://x.test/%D8") == "https://x.test/%D8"
    assert readable_address("https://x.test/plain") == "https://x.test/plain"


@pytest.mark.needs("chromium")
@pytest.mark.parametrize("lang", ["en", "ar"])
def test_print_opens_what_the_screen_folds_and_hides_the_toggles(browser, built_site: Path, lang):
    with serve_folder(built_site) as base:
        page = browser.new_page()  # type: ignore[attr-defined]
        page.goto(f"{base}/{lang}/")
        page.emulate_media(media="print")
        assert page.locator("details.tl-item__more p.tl-item__summary").first.is_visible()
        assert not page.locator("details.tl-item__more > summary").first.is_visible()
        assert not page.locator(".md-pagefind__trigger").is_visible()
        page.goto(f"{base}/{lang}/timeline/")
        page.emulate_media(media="print")
        assert page.locator("details.tl-legend__more dl").is_visible()  # what each status means
        assert not page.locator("details.tl-legend__more > summary").is_visible()
        page.goto(f"{base}/{lang}/events/llama-4-release/")
        page.emulate_media(media="print")
        printed = page.evaluate("""() => [...document.querySelectorAll('.tl-refs a.tl-ref__link[href^="http"]')].map(
            (a) => [getComputedStyle(a, '::after').content, a.dataset.print])""")
        assert printed and all(content == '" (" attr(data-print) ")"' or content == f'" ({address})"' for content, address in printed), printed
        page.close()
