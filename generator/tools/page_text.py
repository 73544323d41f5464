"""A page's text as a reader sees it, and text as quotes are compared: what `links` looks for a quote in.

The page is parsed by lxml (robust to broken HTML, linear on hostile markup);
what a reader does not see is dropped: scripts, styles, templates, the head,
and elements marked `hidden` or styled `display:none` / `visibility:hidden`
(`<noscript>` text stays: a reader without scripts sees it). trafilatura
finds the article's main text in what is left. Both the page and the quote
are normalised (Unicode NFKC, Arabic marks and letter variants unified,
Arabic-Indic digits as 0-9, curly quotes and guillemets as straight ones,
spaces collapsed, case folded), so that a quote copied with or without
diacritics or tatweel is still found. A quote not found gets the closest
passage of the page and the words that differ.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

import lxml.etree
import lxml.html

_ARABIC_MARKS = re.compile("[\u0640\u064b-\u065f\u0670]")  # tatweel, harakat, superscript alef
_ARABIC_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه"})
_DIGITS_AND_QUOTES = str.maketrans(
    {**{chr(0x0660 + n): str(n) for n in range(10)}, **{chr(0x06F0 + n): str(n) for n in range(10)},
     **dict.fromkeys("«»“”„‟″〝〞", '"'), **dict.fromkeys("‘’‚‛′‹›", "'")}
)
_SPACES = re.compile(r"\s+")
_HIDDEN_STYLE = re.compile(r"(display\s*:\s*none|visibility\s*:\s*hidden)", re.IGNORECASE)
_NOT_READ = ("script", "style", "template", "svg", "head", "iframe", "object")
# Where the browser breaks the line, words must not run together.
_BREAKS = frozenset({"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "tr", "section", "article",
                     "blockquote", "figcaption", "title", "noscript", "header", "footer", "main", "aside", "dd", "dt"})
_HINT_WORDS = 60_000  # a closest passage is looked for in the first words of a page only


def normalise(text: str) -> str:
    """Text as compared: NFKC, Arabic marks and letter variants unified, digits and quote marks unified, whitespace collapsed, case-folded."""
    text = unicodedata.normalize("NFKC", text)
    text = _ARABIC_MARKS.sub("", text).translate(_ARABIC_LETTERS).translate(_DIGITS_AND_QUOTES)
    return _SPACES.sub(" ", text).strip().casefold()


@dataclass(frozen=True)
class PageText:
    visible: str  # every text a reader sees on the page
    main: str  # the article's main text, as trafilatura finds it ("" when it finds none)


def parse(markup: str | bytes) -> lxml.html.HtmlElement | None:
    try:
        return lxml.html.document_fromstring(markup)
    except (lxml.etree.ParserError, ValueError):
        return None  # an empty or unreadable document


def _drop_unseen(tree: lxml.html.HtmlElement) -> None:
    unseen = [
        element for element in tree.iter()
        if isinstance(element.tag, str) and (
            element.tag in _NOT_READ or element.get("hidden") is not None or _HIDDEN_STYLE.search(element.get("style") or "")
        )
    ]
    for element in unseen:
        if element.getparent() is not None:
            element.drop_tree()
    for comment in tree.iter(lxml.etree.Comment, lxml.etree.ProcessingInstruction):
        if comment.getparent() is not None:
            comment.drop_tree()


def _visible(tree: lxml.html.HtmlElement) -> str:
    parts: list[str] = []
    for event, element in lxml.etree.iterwalk(tree, events=("start", "end")):
        if not isinstance(element.tag, str):
            continue
        if event == "start":
            if element.tag in _BREAKS:
                parts.append(" ")
            parts.append(element.text or "")
        else:
            if element.tag in _BREAKS:
                parts.append(" ")
            if element is not tree:
                parts.append(element.tail or "")
    return "".join(parts)


def page_text(markup: str | bytes, url: str | None = None) -> PageText:
    tree = parse(markup)
    if tree is None:
        return PageText("", "")
    _drop_unseen(tree)
    visible = _visible(tree)
    import trafilatura  # only when a page is read: it takes a while to import

    try:
        main = trafilatura.extract(tree, url=url, favor_recall=True, include_comments=False, include_tables=True, deduplicate=False) or ""
    except Exception:  # noqa: BLE001 - an extractor failing on one page must not stop the check of the others
        main = ""
    return PageText(visible, main)


# -- a quote not found: the closest passage -----------------------------------------------


@dataclass(frozen=True)
class Closest:
    passage: str  # normalised, as compared
    differences: tuple[str, ...]  # in plain words, at most three


def _describe(quote_words: list[str], page_words: list[str]) -> tuple[str, ...]:
    found: list[str] = []
    matcher = difflib.SequenceMatcher(None, quote_words, page_words, autojunk=False)
    for operation, q1, q2, p1, p2 in matcher.get_opcodes():
        quoted, on_page = " ".join(quote_words[q1:q2]), " ".join(page_words[p1:p2])
        if operation == "replace":
            found.append(f'the quote has "{quoted}" where the page has "{on_page}"')
        elif operation == "delete":
            found.append(f'the page lacks "{quoted}"')
        elif operation == "insert":
            found.append(f'the page has "{on_page}" in between')
    return tuple(found[:3])


def closest(quote: str, page: str) -> Closest | None:
    """The passage of `page` most like `quote` (both normalised), or None when nothing comes near."""
    quote_words, page_words = quote.split(), page.split()[:_HINT_WORDS]
    if not quote_words or not page_words:
        return None
    width = len(quote_words)
    wanted = Counter(quote_words)
    window: Counter[str] = Counter(page_words[:width])
    shared = sum(min(count, wanted[word]) for word, count in window.items())
    scores = [(shared, 0)]
    for start in range(1, max(1, len(page_words) - width + 1)):
        leaving, entering = page_words[start - 1], page_words[start + width - 1]
        shared -= min(window[leaving], wanted[leaving]) - min(window[leaving] - 1, wanted[leaving])
        window[leaving] -= 1
        shared += min(window[entering] + 1, wanted[entering]) - min(window[entering], wanted[entering])
        window[entering] += 1
        scores.append((shared, start))
    best_ratio, best = 0.0, None
    for _shared, start in sorted(scores, key=lambda score: -score[0])[:8]:
        candidate = page_words[start : start + width]
        ratio = difflib.SequenceMatcher(None, quote, " ".join(candidate), autojunk=False).ratio()
        if ratio > best_ratio:
            best_ratio, best = ratio, candidate
    if best is None or best_ratio < 0.5:
        return None
    return Closest(" ".join(best), _describe(quote_words, best))
