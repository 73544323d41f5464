"""The report of `links`: each source's answer and quotes as text, or only what needs a maintainer as Markdown."""

from __future__ import annotations

from dataclasses import dataclass

from .fetching import Fetched, Snapshot
from .markdown import escape


@dataclass(frozen=True)
class QuoteCheck:
    quote: str
    events: tuple[str, ...]  # the ids of the events that cite it
    found: bool | None  # None: the page's text could not be read


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
    def missing(self) -> tuple[QuoteCheck, ...]:
        return tuple(quote for quote in self.quotes if quote.found is False)


def _quote_line(quote: QuoteCheck, fetched: Fetched | None) -> str:
    if quote.found is None:
        why = "the page could not be read" if fetched is None or fetched.dead else f"its text could not be read ({fetched.content_type})"
        return f"  quote not checked ({why}): \"{quote.quote}\""
    return f"  quote {'found' if quote.found else 'missing'}: \"{quote.quote}\""


def _totals(checks: tuple[SourceCheck, ...]) -> str:
    checked = sum(1 for check in checks if check.fetched is not None)
    dead = sum(1 for check in checks if check.dead)
    missing = sum(len(check.missing) for check in checks)
    return (
        f"{checked} source{'s' if checked != 1 else ''} checked: {dead} dead link{'s' if dead != 1 else ''}, "
        f"{missing} quote{'s' if missing != 1 else ''} missing"
    )


def as_text(checks: tuple[SourceCheck, ...]) -> str:
    lines = []
    for check in checks:
        if check.fetched is None:
            lines.append(f"source '{check.source}': no URL recorded")
            continue
        lines.append(f"source '{check.source}' ({check.url}): {check.fetched.describe()}")
        lines += [_quote_line(quote, check.fetched) for quote in check.quotes]
        if check.snapshot is not None:
            if check.snapshot.archive_url:
                lines.append(f"  add to the source: archive_url: {check.snapshot.archive_url}")
            else:
                lines.append(f"  no snapshot: {check.snapshot.error or 'the Wayback Machine has none'}")
    lines.append(_totals(checks))
    return "\n".join(lines) + "\n"


def as_markdown(checks: tuple[SourceCheck, ...]) -> str:
    """Only what needs a maintainer: dead links and missing quotes (for an issue)."""
    lines = ["## Links and quotes", "", _totals(checks), ""]
    dead = [check for check in checks if check.dead]
    missing = [check for check in checks if check.missing and not check.dead]
    if dead:
        lines += ["### Dead links", ""]
        lines += [f"- source {escape(check.source)}: {escape(check.fetched.describe() if check.fetched else '')}, {escape(check.url or '')}" for check in dead]
        lines.append("")
    if missing:
        lines += ["### Quotes no longer found on their page", ""]
        for check in missing:
            for quote in check.missing:
                lines.append(f"- source {escape(check.source)} (cited by {escape(', '.join(quote.events))}): {escape(quote.quote)}")
        lines.append("")
    if not dead and not missing:
        lines += ["Every source answered and every quote was found.", ""]
    return "\n".join(lines)
