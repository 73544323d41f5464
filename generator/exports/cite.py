"""A ready citation of an event page: plain text in the page's language, and BibTeX.

The page is cited as a web page of the site: the site as author, the event's
title, the date it was added or last corrected (`iso.last_revised`: the
version being cited), its permanent address and the day it was read.
`accessed` is given by the caller (the day of the build, or None to leave it
out): a pure function cannot know when a reader reads.
"""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import quote

from generator.data.dates import FuzzyDate, Precision
from generator.data.iso import last_revised
from generator.data.model import Event, Localized, Timeline
from generator.languages.localize import Localizer

from .paths import event_url

_LATEX_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "%": r"\%",
    "&": r"\&",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "^": r"\textasciicircum{}",
    "~": r"\textasciitilde{}",
}
_LATEX_SPECIAL = re.compile("|".join(re.escape(char) for char in _LATEX_SPECIALS))
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def cite_text(timeline: Timeline, event: Event, localizer: Localizer, base_url: str | None, accessed: dt.date | None) -> str:
    """'Site. “Event title”. 12 December 2025. https://…/events/id/ (accessed 30 November 2026).' in the page's language."""
    lang = localizer.lang
    parts = [
        _text(timeline.site.title, lang) + ".",
        _quoted(_text(event.title, lang), localizer) + ".",
        localizer.date(last_revised(timeline, event)) + ".",
    ]
    if base_url is not None:
        parts.append(event_url(base_url, event.id))
    if accessed is not None:
        day = FuzzyDate(Precision.DAY, accessed.year, accessed.month, accessed.day)
        parts.append(f"({localizer.t('accessed')} {localizer.date(day)}).")
    return " ".join(parts)


def _quoted(title: str, localizer: Localizer) -> str:
    """The title between the language's quotation marks; quotation marks of the same kind inside it become
    the inner ones («اسم» in a quoted Arabic title: «“اسم” …», never ««اسم» …»)."""
    outer_open, outer_close = localizer.t("quote_open").strip(), localizer.t("quote_close").strip()
    inner = {outer_open: localizer.t("quote_inner_open"), outer_close: localizer.t("quote_inner_close")}
    title = "".join(inner.get(character, character) for character in title)
    return localizer.t("quote_open") + title + localizer.t("quote_close")


def cite_bibtex(timeline: Timeline, event: Event, lang: str, base_url: str | None, accessed: dt.date | None) -> str:
    """A BibTeX `@misc` entry (with biblatex's `date`, `url` and `urldate`), every text escaped for LaTeX."""
    revised = last_revised(timeline, event)
    fields: list[tuple[str, str]] = [
        # Double braces: a corporate author is one name, and the title keeps its capitals.
        ("author", "{" + latex_escape(_text(timeline.site.title, lang)) + "}"),
        ("title", "{" + latex_escape(_text(event.title, lang)) + "}"),
        ("year", str(revised.year)),
    ]
    if revised.precision in (Precision.DAY, Precision.MONTH):
        fields.append(("month", _MONTHS[revised.start.month - 1]))
    fields.append(("date", revised.machine))
    fields.append(("langid", lang))
    if base_url is not None:
        address = url_safe(event_url(base_url, event.id))
        fields.append(("url", address))
        fields.append(("howpublished", r"\url{" + address.replace("%", r"\%").replace("#", r"\#") + "}"))
    if accessed is not None:
        fields.append(("urldate", accessed.isoformat()))
        fields.append(("note", f"Accessed {accessed.isoformat()}"))
    body = ",\n".join(f"  {name} = {value}" if name == "month" else f"  {name} = {{{value}}}" for name, value in fields)
    return f"@misc{{{event.id},\n{body}\n}}\n"


def latex_escape(text: str) -> str:
    """Text that BibTeX and LaTeX print as written: braces stay balanced, nothing is a command or a comment."""
    return _LATEX_SPECIAL.sub(lambda match: _LATEX_SPECIALS[match.group(0)], text)


def url_safe(url: str) -> str:
    """An address with the characters BibTeX would read as structure (braces, backslash, spaces) percent-encoded."""
    return quote(url, safe=":/?#[]@!$&'()*+,;=%-._~")


def _text(text: Localized, lang: str) -> str:
    found = text.best(lang)
    return found[0] if found else ""
