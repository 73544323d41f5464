"""What a page's head tells other sites: its address, its other languages, its share card, its feed.

The site's public address (`site_url`) is needed for absolute links: language
alternates and the sitemap use it as given (the local preview's address
included, as MkDocs' own canonical links do), while share cards, which are
read by other sites, leave out their address and image when the site is
not public (no `site_url`, or a loopback preview address such as
http://127.0.0.1:8000/): a card must never point a reader at localhost.
"""

from __future__ import annotations

import ipaddress
from typing import Any
from urllib.parse import urlsplit

from babel import Locale, UnknownLocaleError
from babel.core import get_global

from generator.data.model import Timeline
from generator.languages.localize import Localizer
from generator.languages.settings import Language, Settings

SHARE_IMAGE = "assets/images/share.png"  # shipped in overrides/assets/images/, copied by MkDocs into every language
SHARE_IMAGE_SIZE = (1200, 630)


def site_root(site_url: object) -> str | None:
    """The site root with one trailing '/', or None when no address is set."""
    if not isinstance(site_url, str) or not site_url.strip():
        return None
    return site_url.strip().rstrip("/") + "/"


def language_base(site_url: object, lang: str) -> str | None:
    """A language's base address, `<root><lang>/` (the build's layout), or None."""
    root = site_root(site_url)
    return None if root is None else f"{root}{lang}/"


def is_public(site_url: object) -> bool:
    """An address other sites can reach: set, http(s), and not a loopback host."""
    root = site_root(site_url)
    if root is None:
        return False
    parts = urlsplit(root)
    host = (parts.hostname or "").lower()
    if parts.scheme not in ("http", "https") or not host or host == "localhost" or host.endswith(".localhost"):
        return False
    try:
        return not ipaddress.ip_address(host).is_loopback
    except ValueError:  # a name, not a number
        return True


def og_locale(language: Language) -> str:
    """Open Graph's `language_TERRITORY` form: the date locale's ('en_GB', 'ar_SY'), else CLDR's likely one ('ar' -> 'ar_EG')."""
    try:
        locale = Locale.parse(language.date_locale.replace("-", "_"))
        if not locale.territory:
            likely = get_global("likely_subtags").get(locale.language)
            locale = Locale.parse(likely) if likely else locale
    except (UnknownLocaleError, ValueError):
        return language.code
    return f"{locale.language}_{locale.territory}" if locale.territory else locale.language


def head_settings(timeline: Timeline, settings: Settings, lang: str, site_url: object) -> dict[str, Any]:
    """`extra.timeline_head` of a language's MkDocs configuration, read by overrides/partials/timeline-head.html."""
    localizer = Localizer(lang, settings)
    title = timeline.site.title.best(lang)
    public = is_public(site_url)
    base = language_base(site_url, lang)
    return {
        # Absolute language alternates on a public site; relative ones elsewhere, so that a preview
        # served at another address than site_url finds them (Material's script fetches beside them).
        "root": site_root(site_url) if public else None,
        "public": public,
        "locale": og_locale(localizer.language),
        "alternate_locales": [og_locale(language) for language in settings.languages if language.code != lang],
        "image": f"{base}{SHARE_IMAGE}" if public and base else None,
        "image_width": SHARE_IMAGE_SIZE[0],
        "image_height": SHARE_IMAGE_SIZE[1],
        "image_alt": localizer.t("share_image_alt"),
        "feed_title": localizer.t("feed_title", site=title[0] if title else ""),
    }
