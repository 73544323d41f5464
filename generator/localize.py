"""Dates, numbers and UI words in the reader's language, from CLDR (Babel).

A `Localizer` is made once per language and build; it knows the site settings
(which Arabic month names, which digits) so templates never decide them.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache, cached_property
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.core import get_global
from babel.dates import format_date, format_skeleton

from .dates import FuzzyDate, Precision
from .labels import CatalogueError, catalogue

# Digits by CLDR numbering system: the zero of each run of ten (Babel formats
# dates with Latin digits whatever a locale's default numbering system is, and
# ships no digit tables, so the digits are put in after formatting).
_ZEROS = {"latn": "0", "arab": "\u0660", "arabext": "\u06f0", "deva": "\u0966", "beng": "\u09e6", "thai": "\u0e50", "mymr": "\u1040", "khmr": "\u17e0"}
DIGITS = (*_ZEROS, "native")
DEFAULT_LANGUAGES = ("en", "ar")
# The date locale of a language when none is set: British English writes "10 December 2025".
_DEFAULT_DATE_LOCALES = {"en": "en_GB"}
# Settings of the first version, kept working: each now belongs to one language.
_LEGACY = {"arabic_date_locale": ("ar", "date_locale"), "arabic_digits": ("ar", "digits"), "english_date_locale": ("en", "date_locale")}
_LANGUAGE_KEYS = ("code", "date_locale", "digits", "labels")


class SettingsError(ValueError):
    """A site setting has a value the generator cannot use."""


@cache  # CLDR data is parsed once per name: templates ask for a language's direction thousands of times
def _locale(name: str) -> Locale:
    return Locale.parse(name.replace("-", "_"))


@dataclass(frozen=True)
class Language:
    """One language of the site: its code, and how its pages write dates, digits and UI words."""

    code: str  # BCP 47, as in the site's addresses: site/<code>/
    date_locale: str  # the CLDR locale of month names and date order: ar, ar_SY, en_GB...
    digits: str  # a CLDR numbering system (latn, arab, arabext...), or native: the date locale's own
    labels: Mapping[str, str] = field(repr=False, compare=False)  # the UI words (labels.py)

    @property
    def direction(self) -> str:
        return direction(self.code)

    @property
    def name(self) -> str:
        """The language's name in itself, from CLDR: 'English', 'العربية', 'français'."""
        name = _locale(self.code).get_display_name(self.code) or self.code
        return name[:1].upper() + name[1:]

    @property
    def digit_table(self) -> dict[int, int] | None:
        system = _locale(self.date_locale).default_numbering_system if self.digits == "native" else self.digits
        zero = _ZEROS.get(system, "0")
        return None if zero == "0" else str.maketrans("0123456789", "".join(chr(ord(zero) + n) for n in range(10)))


def language(code: str, date_locale: str | None = None, digits: str = "latn", labels: Path | None = None, *, where: str = "") -> Language:
    """A checked Language; SettingsError names the setting and what it takes."""
    found, problems = language_problems(code, date_locale, digits, labels, where=where)
    if found is None:
        raise SettingsError("; ".join(message for _, message in problems))
    return found


def language_problems(
    code: str, date_locale: str | None = None, digits: str = "latn", labels: Path | None = None, *, where: str = ""
) -> tuple[Language | None, list[tuple[str, str]]]:
    """A Language, or every problem of its settings as (setting, message): code, date_locale, digits or labels."""
    where = where or f"extra.timeline.languages.{code}"
    try:
        locale = _locale(code)
    except (UnknownLocaleError, ValueError, TypeError):
        return None, [("code", f"{where}: '{code}' is not a language code CLDR knows; write a BCP 47 code such as 'en', 'ar' or 'fr'")]
    problems: list[tuple[str, str]] = []
    date_locale = date_locale or _DEFAULT_DATE_LOCALES.get(code, code)
    try:
        date_language = _locale(date_locale).language
    except (UnknownLocaleError, ValueError, TypeError):
        problems.append(("date_locale", f"{where}.date_locale: '{date_locale}' is not a locale Babel knows; try '{code}'"))
    else:
        if date_language != locale.language:
            problems.append(("date_locale", f"{where}.date_locale: '{date_locale}' is not a locale of the '{code}' language"))
    if digits not in DIGITS:
        problems.append(("digits", f"{where}.digits: '{digits}' must be one of: {', '.join(DIGITS)}"))
    try:
        words = catalogue(code, labels)
    except CatalogueError as error:
        problems.append(("labels", f"{where}: {error}"))
    if problems:
        return None, problems
    return Language(code, date_locale, digits, words), []


# Above this many events the timeline page becomes an index (the overview picture and the years) and each
# year its own page: at 200 events of real prose the whole list is about 35 KB gzipped, which with the
# theme's stylesheets and scripts keeps a first visit near 150 KB.
YEAR_PAGES_ABOVE = 200
YEAR_PAGES_PROBLEM = (
    "extra.timeline.year_pages_above: must be a whole number of events, 0 or more; above it the timeline"
    f" page lists the years and each year has its own page (default {YEAR_PAGES_ABOVE}; 0 gives every timeline year pages)"
)


@dataclass(frozen=True)
class Settings:
    """The site settings of `extra.timeline` in mkdocs.yml; see guide/operators.md for each."""

    languages: tuple[Language, ...] = field(default_factory=lambda: tuple(language(code) for code in DEFAULT_LANGUAGES))
    latest_events: int = 5  # how many events the home page lists
    year_pages_above: int = YEAR_PAGES_ABOVE  # more events than this: the timeline page is an index of one page per year

    def __post_init__(self) -> None:
        if type(self.latest_events) is not int or self.latest_events < 0:  # YAML's true is an int to isinstance
            raise SettingsError("extra.timeline.latest_events: must be a whole number, 0 or more")
        if type(self.year_pages_above) is not int or self.year_pages_above < 0:
            raise SettingsError(YEAR_PAGES_PROBLEM)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(lang.code for lang in self.languages)

    def language(self, code: str) -> Language:
        return next(lang for lang in self.languages if lang.code == code)

    @classmethod
    def from_mapping(cls, values: object, base: Path | None = None, config: Path | None = None) -> Settings:
        """`extra.timeline` as read from mkdocs.yml; relative catalogue paths are read from `base`.

        One SettingsError names every problem; given the `config` file, each
        is prefixed with its place in it (mkdocs.yml:LINE:). settings.py
        returns the problems instead, for callers that report them.
        """
        from .settings import LineFinder, lines_in, no_lines, read_settings, settings_error

        line_of: LineFinder = no_lines
        if config is not None:
            try:
                line_of = lines_in(config.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError):
                pass
        settings, problems = read_settings(values, base, line_of)
        if settings is None:
            raise settings_error(problems, str(config) if config is not None else None)
        return settings


@cache  # every citation names its article's language: CLDR's names are looked up once per pair
def language_name(code: str, in_language: str = "en") -> str:
    """A language's name from CLDR ('Arabic', 'French'); the code when CLDR does not know it."""
    try:
        return _locale(code).get_display_name(in_language) or code
    except (UnknownLocaleError, ValueError, TypeError):
        return code


@cache
def direction(language: str) -> str:
    """'rtl' or 'ltr' for a BCP 47 code, from CLDR; unknown codes read left to right."""
    try:
        locale = _locale(language)
    except (UnknownLocaleError, ValueError, TypeError):
        return "ltr"
    return "rtl" if locale.character_order == "right-to-left" else "ltr"


@dataclass(frozen=True)
class Localizer:
    lang: str  # one of the site's language codes
    settings: Settings = field(default_factory=Settings)

    # Parsed once per language and build: CLDR lookups are asked for on every page.
    @cached_property
    def language(self) -> Language:
        return self.settings.language(self.lang)

    @cached_property
    def date_locale(self) -> Locale:
        return _locale(self.language.date_locale)

    @cached_property
    def _plural_locale(self) -> Locale:
        return _locale(self.lang)

    @cached_property
    def _digit_table(self) -> dict[int, int] | None:
        return self.language.digit_table

    @property
    def labels(self) -> Mapping[str, str]:
        return self.language.labels

    def t(self, key: str, **values: object) -> str:
        """A UI string, with `values` (numbers in the site's digits) filled in."""
        text = self.labels[key]
        if values:
            text = text.format(**{name: self.digits(str(value)) if isinstance(value, int) else value for name, value in values.items()})
        return text

    @cached_property
    def _script(self) -> str:
        """The page's script as Unicode names it ('ARABIC', 'LATIN'): CLDR's likely script for the language."""
        likely = get_global("likely_subtags").get(self.lang.replace("-", "_"), "")
        code = next((part for part in likely.split("_") if len(part) == 4 and part.istitle()), "Latn")
        return str(Locale("en").scripts.get(code, "Latin")).upper()

    def name_order(self, name: str) -> tuple[bool, str]:
        """A sort key for lists of names: those written in the page's script first, then by letters, case aside.

        CLDR's collation is not in Babel; a reader of an Arabic page looks for
        Arabic names before Latin ones, and within a script code-point order is
        close to the alphabet's.
        """
        first = next((char for char in name if char.isalpha()), "")
        in_script = bool(first) and unicodedata.name(first, "").startswith(self._script + " ")
        return (not in_script, name.casefold())

    def count(self, key: str, n: int) -> str:
        """'3 sources' / '3 مصادر': the plural form CLDR prescribes for n."""
        form = self._plural_locale.plural_form(n)
        text = self.labels.get(f"{key}.{form}") or self.labels[f"{key}.other"]
        return text.format(n=self.digits(str(n)))

    def digits(self, text: str) -> str:
        return text.translate(self._digit_table) if self._digit_table else text

    def date(self, date: FuzzyDate | None) -> str:
        """A date as precise as it is known: '10 December 2025', 'Q1 2026', 'c. July 2025', 'spring 2026'."""
        if date is None:
            return self.t("date_unknown")
        # The same dates recur on many pages (an event's on its page, the timeline, its entities'); Babel is slow.
        if (known := self._dates.get(date)) is not None:
            return known
        text = self._plain(date)
        if date.circa:
            text = self.labels["circa"].format(date=text)
        self._dates[date] = text = self.digits(text)
        return text

    @cached_property
    def _dates(self) -> dict[FuzzyDate, str]:
        return {}

    def date_range(self, start: FuzzyDate, end: FuzzyDate | None) -> str:
        if end is None:
            return self.date(start)
        return self.labels["range"].format(start=self.date(start), end=self.date(end))

    def _plain(self, date: FuzzyDate) -> str:
        locale = self.date_locale
        first = date.start
        if date.precision is Precision.DAY:
            return format_date(first, "long", locale=locale)
        if date.precision is Precision.MONTH:
            return format_skeleton("yMMMM", first, locale=locale)
        if date.precision is Precision.QUARTER:
            return format_skeleton("yQQQ", first, locale=locale)
        if date.precision is Precision.SEASON:
            assert date.season
            return self.labels[f"season.{date.season}"].format(year=date.year)
        return format_skeleton("y", first, locale=locale)

    def month_heading(self, day: dt.date) -> str:
        """A month on its own, as a heading under its year: 'December', 'ديسمبر'."""
        return self.digits(format_date(day, "MMMM", locale=self.date_locale))

    def quarter_heading(self, day: dt.date) -> str:
        return self.digits(format_date(day, "QQQ", locale=self.date_locale))

    def year(self, year: int) -> str:
        return self.digits(f"{year:d}")

    def language_name(self, code: str) -> str:
        """The name of a BCP 47 language in this page's language, from CLDR; the code when unknown."""
        return language_name(code, self.lang)
