"""Arabic all the way: what an Arabic reader sees of names, quotes and text
written left to right (outlets in Arabic, nothing reordered), on the
repository's own timeline as built.
"""

from __future__ import annotations

import html.parser
import re
from pathlib import Path

import pytest

from generator.data.check_file import check_file

from conftest import REPO
from test_browser import tab  # noqa: F401 - `tab` is a fixture

LATIN = re.compile(r"[A-Za-z]")
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class UnisolatedText(html.parser.HTMLParser):
    """The text of the page's reference list that is neither English nor isolated (bdi, dir="ltr", code).

    The maintainers' own prose (summaries, notes) may name a site as its
    article does; the markup the generator writes around it must not leak.
    """

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[tuple[str, bool, bool]] = []  # (tag, isolated, in the main content)
        self.texts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            return
        values = dict(attrs)
        isolated, inside = (self.stack[-1][1], self.stack[-1][2]) if self.stack else (False, False)
        isolated = isolated or tag in {"bdi", "code", "script", "style", "template"} or values.get("dir") == "ltr" or (values.get("lang") or "").startswith("en")
        inside = inside or "tl-refs" in (values.get("class") or "").split()
        self.stack.append((tag, isolated, inside))

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.stack and self.stack[-1][2] and not self.stack[-1][1] and data.strip():
            self.texts.append(data)


def unisolated(page: Path) -> str:
    parser = UnisolatedText()
    parser.feed(page.read_text(encoding="utf-8"))
    return "\n".join(parser.texts)


def test_arabic_event_pages_name_every_outlet_in_arabic_or_isolate_it(real_site):
    timeline = check_file(REPO / "events.yaml").timeline
    assert timeline is not None
    outlets = {name for source in timeline.sources.values() for name in source.via}
    outlets |= {text for source in timeline.sources.values() if source.outlet for _, text in source.outlet.items() if LATIN.search(text)}
    notes = " ".join(text for source in timeline.sources.values() if source.notes for lang, text in source.notes.items() if lang == "ar")
    outlets = {name for name in outlets if name not in notes}  # an Arabic note may name a site as its article does
    assert {"Bloomberg", "CNBC", "The New York Times", "TechCrunch"} <= outlets
    pages = sorted((real_site / "ar" / "events").glob("*/index.html"))
    assert len(pages) == len(timeline.events)
    seen_relays = 0
    for page in pages:
        text = unisolated(page)
        leaked = [name for name in outlets if name in text]
        assert not leaked, f"{page.parent.name}: {leaked}"
        # Every relayed outlet has an entity, so each is named in Arabic (a link to its page: Latin only in the address).
        for via in re.findall(r'<span class="tl-ref__via">(.*?)</span>', page.read_text(encoding="utf-8")):
            seen_relays += 1
            assert not LATIN.search(re.sub(r"<[^>]*>", "", via)), f"{page.parent.name}: {via}"
    assert seen_relays > 0
    relayed = (real_site / "ar" / "events" / "ai-researchers-depart" / "index.html").read_text(encoding="utf-8")
    assert "نقلًا عن" in relayed and "بلومبرغ" in relayed


def test_an_arabic_quote_wears_arabic_quotation_marks_even_on_english_pages(real_site):
    ar = (real_site / "en" / "events" / "ai-researchers-depart" / "index.html").read_text(encoding="utf-8")
    quote = re.search(r'<blockquote class="tl-quote" lang="ar" dir="rtl"><p>(.*?)</p></blockquote>', ar, re.S)
    assert quote is not None
    assert re.fullmatch(r'<span class="tl-quote__mark">«</span>.+<span class="tl-quote__mark">»</span>', quote.group(1), re.S)


@pytest.mark.needs("chromium")
def test_inline_code_on_arabic_pages_is_isolated_left_to_right(tab, real_site_url):
    """The methodology tells contributors to write `2026-Q1` and `~2025-07`: an Arabic reader sees exactly that."""
    page = tab.goto(f"{real_site_url}/ar/methodology/")
    styles = page.evaluate(
        """() => [...document.querySelectorAll('.md-typeset p code, .md-typeset td code, .md-typeset li code')]
             .map((code) => [code.textContent, getComputedStyle(code).unicodeBidi, getComputedStyle(code).direction])"""
    )
    assert any(text == "2026-Q1" for text, _, _ in styles)
    assert {(bidi, direction) for _, bidi, direction in styles} == {("isolate", "ltr")}
    # Drawn as written: the "Q1" of 2026-Q1 to the right of its year.
    code = page.locator("td code", has_text="2026-Q1").first
    year, quarter = (code.evaluate(
        """(code, part) => { const range = document.createRange(); const text = code.firstChild;
             const at = text.textContent.indexOf(part); range.setStart(text, at); range.setEnd(text, at + part.length);
             return range.getBoundingClientRect().left; }""", part) for part in ("2026", "Q1"))
    assert year < quarter


class InterfaceWords(html.parser.HTMLParser):
    """The words of a page's interface: labels a screen reader speaks or a tooltip shows (aria-label,
    title, placeholder, alt) and the text of its buttons, toggles and form labels."""

    ATTRIBUTES = ("aria-label", "title", "placeholder", "alt")
    ELEMENTS = {"button", "summary", "label"}

    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []
        self._inside = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.texts += [value for name, value in attrs if name in self.ATTRIBUTES and value]
        if tag in self.ELEMENTS:
            self._inside += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in self.ELEMENTS and self._inside:
            self._inside -= 1

    def handle_data(self, data: str) -> None:
        if self._inside:
            self.texts.append(data)


def test_arabic_pages_speak_no_english_interface_words(real_site):
    # A Latin word is the data's (a name such as Llama or OpenAI, written so by the articles) or a
    # fault: every Latin word on an Arabic page's interface must come from the data it shows.
    from_the_data = set(re.findall(r"[A-Za-z]{2,}", (REPO / "events.yaml").read_text(encoding="utf-8")))
    format_names = {"Atom", "BibTeX", "CSV", "JSON", "RSS"}  # names of file formats, which Arabic writes in Latin letters
    from_the_data |= format_names
    found: dict[str, str] = {}
    for page in sorted((real_site / "ar").rglob("*.html")):
        words = InterfaceWords()
        words.feed(page.read_text(encoding="utf-8"))
        for text in words.texts:
            for word in re.findall(r"[A-Za-z]{2,}", text):
                if word not in from_the_data:
                    found.setdefault(word, f"{page.relative_to(real_site)}: {text.strip()[:80]}")
    assert found == {}


def test_a_cited_title_with_guillemets_of_its_own_takes_inner_quotation_marks(real_site):
    page = (real_site / "ar" / "events" / "avocado-closed-model-development" / "index.html").read_text(encoding="utf-8")
    citation = re.search(r'class="tl-cite__text">([^<]*)', page)
    assert citation and "«بلومبرغ: ميتا تطوّر “أفوكادو”، نموذجًا مغلقًا" in citation.group(1)
    for event_page in (real_site / "ar" / "events").glob("*/index.html"):
        cited = re.search(r'class="tl-cite__text">([^<]*)', event_page.read_text(encoding="utf-8"))
        assert cited and "««" not in cited.group(1) and "»»" not in cited.group(1), event_page


def test_the_date_basis_names_the_outlet_before_its_reference_number_in_arabic(tab, real_site_url):
    # «أُرِّخ بتاريخ التقرير في hlosw.com [2]»: read from the right, the outlet, then [2] on its left.
    page = tab.goto(f"{real_site_url}/ar/events/avocado-closed-model-development/")
    outlet_left, number_right = page.evaluate("""() => {
      const link = document.querySelector('.tl-basis__source');
      const number = document.createRange();
      number.selectNodeContents(link.lastChild);
      return [link.querySelector('bdi').getBoundingClientRect().left, number.getBoundingClientRect().right];
    }""")
    assert number_right <= outlet_left + 0.5
