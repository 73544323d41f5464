"""One language of the site: its code, and how its pages write dates, digits and UI words."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from generator.data.language_names import direction, locale_of

# Digits by CLDR numbering system: the zero of each run of ten (Babel formats
# dates with Latin digits whatever a locale's default numbering system is, and
# ships no digit tables, so the digits are put in after formatting).
ZEROS = {"latn": "0", "arab": "\u0660", "arabext": "\u06f0", "deva": "\u0966", "beng": "\u09e6", "thai": "\u0e50", "mymr": "\u1040", "khmr": "\u17e0"}
NATIVE = "native"  # the date locale's own numbering system


def ten_digits(system: str) -> str:
    """The digits 0 to 9 of a numbering system: '٠١٢٣٤٥٦٧٨٩' for arab."""
    zero = ZEROS.get(system, "0")
    return "".join(chr(ord(zero) + n) for n in range(10))


@dataclass(frozen=True)
class Language:
    """One language of the site, as its settings (options.py) made it."""

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
        name = locale_of(self.code).get_display_name(self.code) or self.code
        return name[:1].upper() + name[1:]

    @property
    def digit_table(self) -> dict[int, int] | None:
        system = locale_of(self.date_locale).default_numbering_system if self.digits == NATIVE else self.digits
        digits = ten_digits(system)
        return None if digits == "0123456789" else str.maketrans("0123456789", digits)
