"""Dates, numbers and UI words in the reader's language, from CLDR (Babel).

A `Localizer` is made once per language and build; it knows the site settings
(which Arabic month names, which digits) so templates never decide them.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_skeleton

from .dates import FuzzyDate, Precision
from .labels import LABELS

DIGITS = ("latn", "arab")
# Arabic-Indic digits; applied after formatting because Babel formats dates
# with Latin digits whatever the locale's default numbering system is.
_TO_ARAB = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


class SettingsError(ValueError):
    """A site setting has a value the generator cannot use."""


@dataclass(frozen=True)
class Settings:
    """The site settings of `extra.timeline` in mkdocs.yml; see the README for each."""

    arabic_date_locale: str = "ar"  # يناير; ar_SY, ar_LB, ar_JO, ar_IQ give كانون الثاني
    arabic_digits: str = "latn"  # latn: 2025; arab: ٢٠٢٥
    english_date_locale: str = "en_GB"  # 10 December 2025 (en_US: December 10, 2025)
    latest_events: int = 5  # how many events the home page lists

    def __post_init__(self) -> None:
        for name, lang in (("arabic_date_locale", "ar"), ("english_date_locale", "en")):
            value = getattr(self, name)
            try:
                locale = Locale.parse(value.replace("-", "_"))
            except (UnknownLocaleError, ValueError, TypeError):
                raise SettingsError(f"extra.timeline.{name}: '{value}' is not a locale Babel knows; try '{lang}'") from None
            if locale.language != lang:
                raise SettingsError(f"extra.timeline.{name}: '{value}' is not a locale of the '{lang}' language")
        if self.arabic_digits not in DIGITS:
            raise SettingsError(f"extra.timeline.arabic_digits: '{self.arabic_digits}' must be one of: {', '.join(DIGITS)}")
        if type(self.latest_events) is not int or self.latest_events < 0:  # YAML's true is an int to isinstance
            raise SettingsError("extra.timeline.latest_events: must be a whole number, 0 or more")

    @classmethod
    def from_mapping(cls, values: object) -> Settings:
        if values is None:
            return cls()
        if not isinstance(values, dict):
            raise SettingsError("extra.timeline: expected a mapping of settings")
        known = set(cls.__dataclass_fields__)
        unknown = sorted(str(key) for key in set(values) - known)  # keys may be numbers or dates in YAML
        if unknown:
            raise SettingsError(f"extra.timeline: unknown setting '{unknown[0]}'; known settings: {', '.join(sorted(known))}")
        return cls(**{key: (str(value) if key != "latest_events" else value) for key, value in values.items()})


def direction(language: str) -> str:
    """'rtl' or 'ltr' for a BCP 47 code, from CLDR; unknown codes read left to right."""
    try:
        locale = Locale.parse(language.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return "ltr"
    return "rtl" if locale.character_order == "right-to-left" else "ltr"


@dataclass(frozen=True)
class Localizer:
    lang: str  # a site language: 'en' or 'ar'
    settings: Settings = field(default_factory=Settings)

    @property
    def date_locale(self) -> Locale:
        name = self.settings.arabic_date_locale if self.lang == "ar" else self.settings.english_date_locale
        return Locale.parse(name.replace("-", "_"))

    def t(self, key: str, **values: object) -> str:
        """A UI string, with `values` (numbers in the site's digits) filled in."""
        text = LABELS[self.lang][key]
        if values:
            text = text.format(**{name: self.digits(str(value)) if isinstance(value, int) else value for name, value in values.items()})
        return text

    def count(self, key: str, n: int) -> str:
        """'3 sources' / '3 مصادر': the plural form CLDR prescribes for n."""
        form = Locale.parse(self.lang).plural_form(n)
        table = LABELS[self.lang]
        text = table.get(f"{key}.{form}") or table[f"{key}.other"]
        return text.format(n=self.digits(str(n)))

    def digits(self, text: str) -> str:
        if self.lang == "ar" and self.settings.arabic_digits == "arab":
            return text.translate(_TO_ARAB)
        return text

    def date(self, date: FuzzyDate | None) -> str:
        """A date as precise as it is known: '10 December 2025', 'Q1 2026', 'c. July 2025', 'spring 2026'."""
        if date is None:
            return self.t("date_unknown")
        text = self._plain(date)
        if date.circa:
            text = LABELS[self.lang]["circa"].format(date=text)
        return self.digits(text)

    def date_range(self, start: FuzzyDate, end: FuzzyDate | None) -> str:
        if end is None:
            return self.date(start)
        return LABELS[self.lang]["range"].format(start=self.date(start), end=self.date(end))

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
            return LABELS[self.lang][f"season.{date.season}"].format(year=date.year)
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
        try:
            name = Locale.parse(code.replace("-", "_")).get_display_name(self.lang)
        except (UnknownLocaleError, ValueError, TypeError):
            return code
        return name or code
