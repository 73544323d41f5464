"""Small pieces of HTML for the formats that carry markup (TimelineJS): every value escaped, only our own tags."""

from __future__ import annotations

from markupsafe import Markup, escape

from generator.data.model import Localized


def span(text: Localized, lang: str) -> Markup:
    """The text escaped; marked with its language when it is shown in another one (a missing translation)."""
    found = text.best(lang)
    if found is None:
        return Markup("")
    words, written_in = found
    if written_in == lang:
        return escape(words)
    return Markup('<span lang="{}">{}</span>').format(written_in, words)


def link(url: str | None, label: str) -> Markup:
    """A link when the address is http(s) (the checker accepts no other), else the label alone."""
    if url and url.startswith(("https://", "http://")):
        return Markup('<a href="{}">{}</a>').format(url, label)
    return escape(label)
