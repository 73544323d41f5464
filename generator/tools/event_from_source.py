"""`new-event --from SOURCE [--quote TEXT]`: an event started from a source already in events.yaml.

The source's publication date becomes the event's date (dated by its report),
the citation names the source, and the passage given with --quote is looked
for on the source's page (fetched as `links` does) before it is printed or
appended: a passage not found is not written, and the closest passage of the
page is shown with what differs.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass

from generator.data.checker import check_text
from generator.data.errors import UsageError
from generator.data.files import read_text_file
from generator.site.site_languages import site_languages

from .fetching import fetch
from .http_client import Limits
from .page_text import closest, normalise
from .terminal_text import printable


def _quote_is_on_the_page(url: str, quote: str, limits: Limits) -> bool:
    fetched = fetch(url, limits)
    if fetched.dead or fetched.unread or fetched.text is None:
        print(f"error: the quote could not be checked: {url} {printable(fetched.describe())}.", file=sys.stderr)
        return False
    page, wanted = normalise(fetched.text), normalise(quote)
    if wanted in page:
        print(f"the quote was found on {printable(url)}", file=sys.stderr)
        return True
    print(f"error: the quote is not on {printable(url)}:", file=sys.stderr)
    near = closest(wanted, page)
    if near is None:
        print("  nothing on the page comes close; copy the passage from the article as published.", file=sys.stderr)
    else:
        print(f"  closest on the page: \"{printable(near.passage)}\"", file=sys.stderr)
        for difference in near.differences:
            print(f"  {printable(difference)}", file=sys.stderr)
    return False


@dataclass(frozen=True)
class Start:
    date: str | None  # the source's publication date, as written in events.yaml
    quote: str | None  # found on the page


def start_from_source(args: argparse.Namespace) -> Start | None:
    """What the event takes from its source; None when the quote given is not on the page (said on stderr)."""
    result = check_text(read_text_file(args.events), file=str(args.events), languages=site_languages(args.events.parent / "mkdocs.yml"))
    if result.timeline is None:
        raise UsageError(f"{args.events} has errors; run `python -m generator check {args.events}`, fix them, then try again.")
    source = result.timeline.sources.get(args.from_source)
    if source is None:
        raise UsageError(f"--from: there is no source '{args.from_source}' in {args.events}; add it first (python -m generator new-source URL --append).")
    if args.quote is not None:
        if not args.quote.strip():
            raise UsageError("--quote: the passage is empty.")
        if source.url is None:
            raise UsageError(f"--quote: the source '{args.from_source}' has no URL, so the quote cannot be checked.")
        if not _quote_is_on_the_page(source.url, args.quote, Limits(timeout=args.timeout, allow_local=args.allow_local)):
            return None
    return Start(str(source.published) if source.published else None, args.quote)
