"""The pages at an event's former addresses (`moved_from`, written by `rename`): each leads to the event's page.

An event id is an address promised to be stable; when a maintainer renames
one, its old address keeps working in every language. The page needs no
script: a `<meta http-equiv="refresh">` takes the browser on at once, the
`rel=canonical` link tells search engines which address is the event's own,
and a plain link (with the event's title) serves readers whose browser does
not follow the refresh. Links are relative (`../new-id/`), so the pages work
on any host and under any path; the canonical link is absolute when the
site's address is known.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.data.addresses import event_page
from generator.data.model import Event, Timeline
from generator.languages.localize import Localizer

from .environment import render_template
from .share import language_base


@dataclass(frozen=True)
class Redirect:
    old: str  # the former id
    event: Event

    @property
    def path(self) -> str:
        """The page's file under its language's folder: 'events/<old>/index.html'."""
        return event_page(self.old) + "index.html"


def redirects(timeline: Timeline) -> tuple[Redirect, ...]:
    return tuple(Redirect(old, event) for event in timeline.events for old in event.moved_from)


def redirect_page(redirect: Redirect, localizer: Localizer, site_url: object) -> str:
    """The HTML page at `<lang>/events/<old>/`, in the language's words and direction."""
    target = f"../{redirect.event.id}/"  # from events/<old>/ to events/<new>/
    base = language_base(site_url, localizer.lang)
    canonical = f"{base}{event_page(redirect.event.id)}" if base else target
    title = (redirect.event.title.best(localizer.lang) or ("", localizer.lang))
    return render_template(
        "moved.html.j2",
        language=localizer.language,
        target=target,
        canonical=canonical,
        heading=localizer.t("moved_title"),
        text=localizer.t("moved_text"),
        event_title=title[0],
        event_lang=title[1],
    )
