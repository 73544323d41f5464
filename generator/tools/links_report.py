"""The report of `links`: each source's answer and quotes as text, or only what needs a maintainer as Markdown.

Everything that came from a server or from events.yaml goes through
`printable` first: no escape sequence reaches a terminal or an issue.
"""

from __future__ import annotations

from dataclasses import dataclass

from .fetching import Fetched, Snapshot
from .markdown import escape
from .page_text import Closest
from .terminal_text import printable


@dataclass(frozen=True)
class QuoteCheck:
    quote: str
    events: tuple[str, ...]  # the ids of the events that cite it
    found: bool | None  # None: the page's text could not be read
    closest: Closest | None = None  # when not found: the passage most like it


@dataclass(frozen=True)
class SourceCheck:
    source: str
    url: str | None
    fetched: Fetched | None  # None: no URL recorded
    quotes: tuple[QuoteCheck, ...]
    snapshot: Snapshot | None = None
    archive_url: str | None = None  # already recorded

    @property
    def dead(self) -> bool:
        return self.fetched is not None and self.fetched.dead

    @property
    def unread(self) -> bool:
        """It answered, but its text could not be read: never counted as checked and fine."""
        return self.fetched is not None and not self.fetched.dead and self.fetched.unread is not None

    @property
    def missing(self) -> tuple[QuoteCheck, ...]:
        return tuple(quote for quote in self.quotes if quote.found is False)

    @property
    def needs_a_look(self) -> bool:
        return self.dead or self.unread or bool(self.missing)


def _quote_lines(quote: QuoteCheck, fetched: Fetched | None) -> list[str]:
    text = printable(quote.quote)
    if quote.found is None:
        why = "the page could not be read" if fetched is None or fetched.dead else "its text could not be read"
        return [f"  quote not checked ({why}): \"{text}\""]
    if quote.found:
        return [f"  quote found: \"{text}\""]
    lines = [f"  quote missing: \"{text}\""]
    if quote.closest is None:
        lines.append("    nothing on the page comes close")
    else:
        lines.append(f"    closest on the page: \"{printable(quote.closest.passage)}\"")
        lines += [f"    {printable(difference)}" for difference in quote.closest.differences]
    return lines


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'s' if count != 1 else ''}"


def _totals(checks: tuple[SourceCheck, ...]) -> str:
    checked = sum(1 for check in checks if check.fetched is not None)
    dead = sum(1 for check in checks if check.dead)
    unread = sum(1 for check in checks if check.unread)
    missing = sum(len(check.missing) for check in checks)
    return (
        f"{_plural(checked, 'source')} checked: {_plural(dead, 'dead link')}, {_plural(missing, 'quote')} missing"
        + (f", {unread} whose text could not be read" if unread else "")
    )


def as_text(checks: tuple[SourceCheck, ...]) -> str:
    lines = []
    for check in checks:
        name = printable(check.source)
        if check.fetched is None:
            lines.append(f"source '{name}': no URL recorded")
            continue
        lines.append(f"source '{name}' ({printable(check.url or '')}): {printable(check.fetched.describe())}")
        for quote in check.quotes:
            lines += _quote_lines(quote, check.fetched)
        if check.snapshot is not None:
            if check.snapshot.archive_url:
                lines.append(f"  add to the source: archive_url: {printable(check.snapshot.archive_url)}")
            else:
                lines.append(f"  no snapshot: {printable(check.snapshot.error or 'the Wayback Machine has none')}")
    lines.append(_totals(checks))
    return "\n".join(lines) + "\n"


def _md(text: str) -> str:
    return escape(printable(text))


def as_markdown(checks: tuple[SourceCheck, ...]) -> str:
    """Only what needs a maintainer: dead links, unreadable pages and missing quotes (for an issue or a job summary)."""
    lines = ["## Links and quotes", "", _totals(checks), ""]
    dead = [check for check in checks if check.dead]
    unread = [check for check in checks if check.unread]
    missing = [check for check in checks if check.missing and not check.dead]
    if dead:
        lines += ["### Dead links", ""]
        lines += [f"- source {_md(check.source)}: {_md(check.fetched.describe() if check.fetched else '')}, {_md(check.url or '')}" for check in dead]
        lines.append("")
    if unread:
        lines += ["### Pages whose text could not be read (their quotes are not checked)", ""]
        lines += [f"- source {_md(check.source)}: {_md(check.fetched.unread or '' if check.fetched else '')}, {_md(check.url or '')}" for check in unread]
        lines.append("")
    if missing:
        lines += ["### Quotes no longer found on their page", ""]
        for check in missing:
            for quote in check.missing:
                lines.append(f"- source {_md(check.source)} (cited by {_md(', '.join(quote.events))}): {_md(quote.quote)}")
                if quote.closest is not None:
                    lines.append(f"  - closest on the page: {_md(quote.closest.passage)}")
                    lines += [f"  - {_md(difference)}" for difference in quote.closest.differences]
        lines.append("")
    if not dead and not missing and not unread:
        lines += ["Every source answered and every quote was found.", ""]
    return "\n".join(lines)
