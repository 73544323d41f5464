"""Dates as journalists write them: each keeps the precision it was given.

A source may say "December 2025" or "spring 2026"; turning that into a day
would invent a fact. A `FuzzyDate` is a range (start..end) plus the precision
it was written with, so it can be sorted and also displayed honestly.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from enum import Enum

from dateutil import parser as dateutil_parser

from .messages import Text, t, tr


class Precision(str, Enum):
    DAY = "day"
    MONTH = "month"
    QUARTER = "quarter"
    SEASON = "season"
    YEAR = "year"


# Meteorological seasons of the northern hemisphere: (first month, number of months).
# Winter YEAR is December YEAR to February YEAR+1.
_SEASON_START_MONTH = {"spring": 3, "summer": 6, "autumn": 9, "winter": 12}
_SEASON_ALIASES = {"fall": "autumn"}


@dataclass(frozen=True)
class FuzzyDate:
    """A date known to some precision, possibly only approximately (circa)."""

    precision: Precision
    year: int
    month: int | None = None
    day: int | None = None
    quarter: int | None = None
    season: str | None = None
    circa: bool = False
    # On or before this date, the start unknown (EDTF's open interval `../2025-12-10`): the date is the bound,
    # a day or a month, and `start`/`end` are the bound's. Only an event's `date` may be open (fields.py).
    open_start: bool = False

    @property
    def start(self) -> dt.date:
        if self.precision is Precision.DAY:
            assert self.month and self.day
            return dt.date(self.year, self.month, self.day)
        if self.precision is Precision.MONTH:
            assert self.month
            return dt.date(self.year, self.month, 1)
        if self.precision is Precision.QUARTER:
            assert self.quarter
            return dt.date(self.year, 3 * self.quarter - 2, 1)
        if self.precision is Precision.SEASON:
            assert self.season
            return dt.date(self.year, _SEASON_START_MONTH[self.season], 1)
        return dt.date(self.year, 1, 1)

    @property
    def end(self) -> dt.date:
        """The last day the date may stand for."""
        if self.precision is Precision.DAY:
            return self.start
        if self.precision is Precision.MONTH:
            assert self.month
            return _last_day(self.year, self.month)
        if self.precision is Precision.QUARTER:
            assert self.quarter
            return _last_day(self.year, 3 * self.quarter)
        if self.precision is Precision.SEASON:
            first = self.start
            last_month_index = first.month - 1 + 2  # a season spans three months
            return _last_day(first.year + last_month_index // 12, last_month_index % 12 + 1)
        return dt.date(self.year, 12, 31)

    @property
    def machine(self) -> str:
        """A valid HTML `<time datetime>` value, no more precise than what is known."""
        if self.precision is Precision.DAY:
            return self.start.isoformat()
        if self.precision is Precision.MONTH:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    @property
    def bound(self) -> FuzzyDate:
        """The date itself without its open start: `../2025-12-10` gives 2025-12-10."""
        return FuzzyDate(self.precision, self.year, self.month, self.day, self.quarter, self.season, self.circa)

    def __str__(self) -> str:
        """The canonical written form, which `parse_date` reads back."""
        prefix = "../" if self.open_start else "~" if self.circa else ""
        if self.precision is Precision.DAY:
            body = self.start.isoformat()
        elif self.precision is Precision.MONTH:
            body = f"{self.year:04d}-{self.month:02d}"
        elif self.precision is Precision.QUARTER:
            body = f"{self.year:04d}-Q{self.quarter}"
        elif self.precision is Precision.SEASON:
            body = f"{self.season} {self.year:04d}"
        else:
            body = f"{self.year:04d}"
        return prefix + body


def _last_day(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


class DateError(ValueError):
    """A date that cannot be read; `hint` says how to write it."""

    def __init__(self, message: str | Text, hint: str | Text) -> None:
        super().__init__(str(message))
        self.message, self.hint = str(message), str(hint)  # in English
        self.words = (message, hint)  # to be shown in the maintainer's language (messages.py)


ACCEPTED_FORMS = (
    "2025-12-10 (day), 2025-12 (month), 2025 (year), 2026-Q1 (quarter), "
    "spring 2026 (season), with a leading ~ for circa (~2025-07)"
)

_ISO_DAY = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})$")
_ISO_MONTH = re.compile(r"^([0-9]{4})-([0-9]{2})$")
_YEAR = re.compile(r"^([0-9]{4})$")
_QUARTER = re.compile(r"^([0-9]{4})-?[Qq]([1-4])$|^[Qq]([1-4])[ -]([0-9]{4})$")
_SEASON = re.compile(r"^([Ss]pring|[Ss]ummer|[Aa]utumn|[Ff]all|[Ww]inter)\s+([0-9]{4})$")
# The English forms handed to dateutil: "10 December 2025", "December 10, 2025",
# "December 2025". Anything else (two-digit years, slashes, times) is refused
# rather than guessed; the JSON Schema allows the same forms.
_MONTH_NAME = r"(?:[Jj]an(?:uary)?|[Ff]eb(?:ruary)?|[Mm]ar(?:ch)?|[Aa]pr(?:il)?|[Mm]ay|[Jj]une?|[Jj]uly?|[Aa]ug(?:ust)?|[Ss]ep(?:t(?:ember)?)?|[Oo]ct(?:ober)?|[Nn]ov(?:ember)?|[Dd]ec(?:ember)?)"
_HUMAN = re.compile(rf"^(?:[0-9]{{1,2}}\s+)?{_MONTH_NAME}\.?,?\s+(?:[0-9]{{1,2}},?\s+)?[0-9]{{4}}$")
# Python's dates cover years 1 to 9999; a season or range must end inside them.
_FIRST_YEAR, _LAST_YEAR = 1, 9998
_NUMERIC_SLASHED = re.compile(r"^([0-9]{1,2})[/.\-]([0-9]{1,2})[/.\-]([0-9]{4})$")
# Year first is never ambiguous; only the separators differ from the ISO form.
_YEAR_FIRST_SEPARATED = re.compile(r"^([0-9]{4})[/. ]([0-9]{1,2})(?:[/. ]([0-9]{1,2}))?$")


OPEN_START = "../"


def parse_date(text: str, open_start: bool = False) -> FuzzyDate:
    """Read a date as written in events.yaml, keeping its precision.

    With `open_start`, `../BOUND` (on or before BOUND, a day or a month) is read too.
    Raises `DateError` with a fix-it hint for anything unreadable or ambiguous.
    """
    written = text.strip()
    if written.startswith((OPEN_START, "/")):
        return _parse_open(written, open_start)
    circa = written.startswith("~")
    body = written[1:].strip() if circa else written
    if not body:
        raise DateError("the date is empty", f"Write it as one of: {ACCEPTED_FORMS}.")
    # Python's int() and dateutil read any script's digits (٢٠٢٥, २०२५, 𝟐𝟎𝟐𝟓, ２０２５);
    # the file keeps one spelling, and the site writes each language's digits itself.
    if other := next((character for character in body if character.isdigit() and character not in "0123456789"), None):
        raise DateError(
            f"'{written}' is written with digits other than 0-9 ({_digit_name(other)})",
            "Write dates with the digits 0-9, e.g. 2025-12-10; Arabic pages can show Arabic-Indic digits: write the ar entry of extra.timeline.languages in mkdocs.yml as {code: ar, digits: arab}.",
        )

    if match := _ISO_DAY.match(body):
        year, month, day = (int(group) for group in match.groups())
        _checked_year(year, written)
        _check_day(year, month, day, written)
        return FuzzyDate(Precision.DAY, year, month, day, circa=circa)
    if match := _ISO_MONTH.match(body):
        year, month = _checked_year(int(match.group(1)), written), int(match.group(2))
        if not 1 <= month <= 12:
            raise DateError(
                f"'{written}' has no month {month}",
                "Write a month from 01 to 12, as in 2025-07.",
            )
        return FuzzyDate(Precision.MONTH, year, month, circa=circa)
    if match := _YEAR.match(body):
        return FuzzyDate(Precision.YEAR, _checked_year(int(match.group(1)), written), circa=circa)
    if match := _QUARTER.match(body):
        year = _checked_year(int(match.group(1) or match.group(4)), written)
        quarter = int(match.group(2) or match.group(3))
        return FuzzyDate(Precision.QUARTER, year, quarter=quarter, circa=circa)
    if match := _SEASON.match(body):
        season = match.group(1).lower()
        season = _SEASON_ALIASES.get(season, season)
        return FuzzyDate(Precision.SEASON, _checked_year(int(match.group(2)), written), season=season, circa=circa)
    if match := _NUMERIC_SLASHED.match(body):
        first, second, year = (int(group) for group in match.groups())
        message = (
            t("ambiguous-date", "'{date}' is ambiguous: day and month could be either way round", date=written)
            if first <= 12 and second <= 12 and first != second
            else t("numbers-only-date", "'{date}' is a numbers-only date, which readers in different countries read differently", date=written)
        )
        raise DateError(message, _ambiguity_hint(first, second, year))
    if match := _YEAR_FIRST_SEPARATED.match(body):
        iso = "-".join(f"{int(part):02d}" if index else part for index, part in enumerate(match.groups()) if part)
        separator = "a space" if body[4] == " " else f"'{body[4]}'"
        raise DateError(f"'{written}' separates the numbers with {separator}", f"Write {'~' if circa else ''}{iso} (the ISO form: year first, numbers joined by hyphens).")
    if _HUMAN.match(body):
        return _parse_human(body, written, circa)
    if re.search(_MONTH_NAME, body) and not re.search(r"[0-9]{4}", body):
        raise DateError(f"'{written}' has no year", "Add the year, e.g. 10 December 2025, or write 2025-12-10.")
    raise DateError(f"'{written}' is not a date this tool can read", f"Write it as one of: {ACCEPTED_FORMS}.")


def _digit_name(character: str) -> str:
    return f"U+{ord(character):04X} {unicodedata.name(character, 'DIGIT')}"


def _checked_year(year: int, written: str) -> int:
    if not _FIRST_YEAR <= year <= _LAST_YEAR:
        raise DateError(f"'{written}' has no usable year", f"Write a year from {_FIRST_YEAR:04d} to {_LAST_YEAR}.")
    return year


def _check_day(year: int, month: int, day: int, written: str) -> None:
    try:
        dt.date(year, month, day)
    except ValueError:
        raise DateError(
            f"'{written}' is not a real day",
            "Check the month (01-12) and the day of the month.",
        ) from None


def _ambiguity_hint(first: int, second: int, year: int) -> Text:
    readings = []
    for day, month in ((first, second), (second, first)):
        try:
            readings.append(dt.date(year, month, day).isoformat())
        except ValueError:
            continue
    readings = list(dict.fromkeys(readings))
    if len(readings) == 1:
        return tr("Write it in ISO form, year first: {date}.", date=readings[0])
    if readings:
        return tr("Write it in ISO form, year first: {first} or {second}.", first=readings[0], second=readings[-1])
    return tr("Write it in ISO form, year first, e.g. {year}-12-31.", year=year)


_SENTINEL_DEFAULTS = (dt.datetime(1, 1, 1), dt.datetime(2, 2, 2))


def _parse_human(body: str, written: str, circa: bool) -> FuzzyDate:
    # Parse twice with different defaults: a part that changes with the default
    # was not in the text, so we know the precision the writer gave.
    try:
        parsed = [dateutil_parser.parse(body, default=default) for default in _SENTINEL_DEFAULTS]
    except (ValueError, OverflowError):
        raise DateError(
            f"'{written}' is not a date this tool can read",
            f"Write it as one of: {ACCEPTED_FORMS}.",
        ) from None
    first, second = parsed
    has_year = first.year == second.year
    has_month = first.month == second.month
    has_day = first.day == second.day
    if not has_year:
        raise DateError(
            f"'{written}' has no year",
            "Add the year, e.g. 10 December 2025, or write 2025-12-10.",
        )
    _checked_year(first.year, written)
    if has_day and has_month:
        return FuzzyDate(Precision.DAY, first.year, first.month, first.day, circa=circa)
    if has_month:
        return FuzzyDate(Precision.MONTH, first.year, first.month, circa=circa)
    raise DateError(f"'{written}' is not a date this tool can read", f"Write it as one of: {ACCEPTED_FORMS}.")


def _parse_open(written: str, allowed: bool) -> FuzzyDate:
    """`../2025-12-10`: on or before a day (or a month), its start unknown."""
    if not allowed:
        raise DateError(
            f"'{written}' is an open date (on or before a day), which only an event's date may be",
            f"Write the date itself, as one of: {ACCEPTED_FORMS}.",
        )
    if not written.startswith(OPEN_START):
        raise DateError(f"'{written}' starts with '/'", f"Write an open date with two dots: ..{written}")
    body = written[len(OPEN_START):].strip()
    if body.startswith("~"):
        raise DateError(
            f"'{written}' has a circa mark on its bound",
            f"The bound of an open date is the report's own date, known exactly: write ../{body[1:].strip()}.",
        )
    bound = parse_date(body)
    if bound.precision not in (Precision.DAY, Precision.MONTH):
        raise DateError(
            f"'{written}' is bounded by a {bound.precision.value}",
            "Bound an open date by a day or a month, the report's date: ../2025-12-10 or ../2025-12.",
        )
    return FuzzyDate(bound.precision, bound.year, bound.month, bound.day, open_start=True)
