"""A page's readable text, and text as quotes are compared: what `links` looks for a quote in.

HTML is stripped to the text a reader sees; both the page and the quote are
normalised (Unicode NFKC, Arabic marks and letter variants unified, spaces
collapsed, case folded), so that a quote copied with or without diacritics or
tatweel is still found.
"""

from __future__ import annotations

import html.parser
import re
import unicodedata

_ARABIC_MARKS = re.compile("[\u0640\u064b-\u065f\u0670]")  # tatweel, harakat, superscript alef
_ARABIC_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"})
_SPACES = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Text as compared: NFKC, Arabic marks and letter variants unified, whitespace collapsed, case-folded."""
    text = unicodedata.normalize("NFKC", text)
    text = _ARABIC_MARKS.sub("", text).translate(_ARABIC_LETTERS)
    return _SPACES.sub(" ", text).strip().casefold()


class _TextOfPage(html.parser.HTMLParser):
    """The readable text of an HTML page; elements that hold no reading text are skipped."""

    SKIPPED = frozenset({"script", "style", "noscript", "template", "svg", "head"})
    # Where the browser breaks the line, words must not run together.
    BREAKS = frozenset({"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "tr", "section", "article", "blockquote", "figcaption", "title"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.SKIPPED:
            self.skipping += 1
        elif tag in self.BREAKS:
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIPPED:
            self.skipping = max(0, self.skipping - 1)
        elif tag in self.BREAKS:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self.skipping:
            self.parts.append(data)


def page_text(markup: str) -> str:
    parser = _TextOfPage()
    parser.feed(markup)
    parser.close()
    return "".join(parser.parts)
