"""Dates, numbers and UI words in the reader's language, from CLDR (Babel).

A `Localizer` is made once per language and build; it knows the site settings
(which Arabic month names, which digits) so templates never decide them.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

from babel import Locale
from babel.core import get_global
from babel.dates import format_date, format_skeleton

from generator.data.dates import FuzzyDate, Precision
from generator.data.language_names import language_name, locale_of

from .language import Language
from .settings import Settings


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
        return locale_of(self.language.date_locale)

    @cached_property
    def _plural_locale(self) -> Locale:
        return locale_of(self.lang)

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
        if date.open_start:
            text = self.labels["open_date"].format(date=text)
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
