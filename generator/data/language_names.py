"""Language codes and their names and directions, from CLDR (Babel): what the checker and every layer above it share."""

from __future__ import annotations

from functools import cache

from babel import Locale, UnknownLocaleError

# The site's languages when mkdocs.yml names none.
DEFAULT_LANGUAGES = ("en", "ar")


@cache  # CLDR data is parsed once per name: templates ask for a language's direction thousands of times
def locale_of(name: str) -> Locale:
    return Locale.parse(name.replace("-", "_"))


@cache  # every citation names its article's language: CLDR's names are looked up once per pair
def language_name(code: str, in_language: str = "en") -> str:
    """A language's name from CLDR ('Arabic', 'French'); the code when CLDR does not know it."""
    try:
        return locale_of(code).get_display_name(in_language) or code
    except (UnknownLocaleError, ValueError, TypeError):
        return code


@cache
def direction(language: str) -> str:
    """'rtl' or 'ltr' for a BCP 47 code, from CLDR; unknown codes read left to right."""
    try:
        locale = locale_of(language)
    except (UnknownLocaleError, ValueError, TypeError):
        return "ltr"
    return "rtl" if locale.character_order == "right-to-left" else "ltr"
