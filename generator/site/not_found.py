"""The pages a reader gets at an address that has no page: each language's 404 page, and the site root's.

A host serves them in place of the missing page, at its address and depth
(`/en/events/a-typo/`, `/repo/x/y/z`), so each link and file they name is
an absolute path from the host's root: the path of the site's address
(`https://org.github.io/repo/` gives `/repo/`), or `/` when the site has
none (then it is served at a host's root, as `serve` and most hosts do).

- `<lang>/404.html`, built by the engine with the site's header, navigation
  and search (`LanguageConfig.not_found`): in its language and direction.
  Hosts that serve the nearest 404.html (Cloudflare Pages, `serve`) give it
  for every missing address under `<lang>/`.
- `404.html` at the root, which GitHub Pages and Netlify serve for every
  missing address: every language, each in its own direction and in the
  site's order, standing alone (its style inline) so it shows alike wherever
  it is served.

Each offers a way on: the home page, the whole timeline, and the search,
which opens on the home page with the words of the missing address
(`?q=`; assets/javascripts/not-found.js fills them in).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from generator.data.addresses import TIMELINE, page_url
from generator.data.model import Timeline
from generator.languages.localize import Localizer
from generator.languages.settings import Language, Settings

from .environment import render_template
from .share import site_root

# The script that puts the missing address's words into the search link (in every language's assets).
SCRIPT = "assets/javascripts/not-found.js"


def site_path(site_url: object) -> str:
    """The path of the site's root on its host, with slashes at both ends: '/repo/', or '/' without an address."""
    root = site_root(site_url)
    return urlsplit(root).path if root else "/"


@dataclass(frozen=True)
class WayOn:
    """One language's 404 texts and the absolute paths of its ways on."""

    language: Language
    base: str  # the language's folder: '/repo/en/'
    title: str
    text: str
    home: tuple[str, str]  # (label, path)
    timeline: tuple[str, str]
    search: tuple[str, str]

    def engine_settings(self, root: str) -> dict[str, Any]:
        """`extra.timeline_not_found` of the language's configuration (overrides/404.html); texts raw."""
        links = [(self.home, False), (self.timeline, False), (self.search, True)]
        return {
            "root": root,  # the site's root on its host, for the language menu
            "base": self.base,  # the language's folder, the base of every file the page loads (engine/hooks.py)
            "title": self.title,
            "text": self.text,
            "links": [{"label": label, "href": href, "search": search} for (label, href), search in links],
            "script": self.base + SCRIPT,
        }


def way_on(localizer: Localizer, site_url: object) -> WayOn:
    base = f"{site_path(site_url)}{localizer.lang}/"
    return WayOn(
        language=localizer.language,
        base=base,
        title=localizer.t("not_found_title"),
        text=localizer.t("not_found_text"),
        home=(localizer.t("not_found_home"), base),
        timeline=(localizer.t("all_events"), base + page_url(TIMELINE)),
        search=(localizer.t("not_found_search"), base + "?q="),
    )


def not_found_settings(localizer: Localizer, site_url: object) -> dict[str, Any]:
    """What the engine needs to build a language's 404 page."""
    return way_on(localizer, site_url).engine_settings(site_path(site_url))


def not_found_page(timeline: Timeline, settings: Settings, site_url: object) -> str:
    """The site root's 404.html: every language, in the site's order, the first as the page's own."""
    ways = [way_on(Localizer(language.code, settings), site_url) for language in settings.languages]
    titles = {way.language.code: (timeline.site.title.best(way.language.code) or ("",))[0] for way in ways}
    root = site_path(site_url)
    return render_template("not_found.html.j2", ways=ways, titles=titles, root=root, script=ways[0].base + SCRIPT)
