"""Dates and words in each language come from CLDR, at the precision known."""

from __future__ import annotations

import pytest

from generator.dates import parse_date
from generator.localize import Localizer, Settings, SettingsError, direction


@pytest.mark.parametrize(
    ("written", "english", "arabic"),
    [
        ("2025-12-10", "10 December 2025", "10 ديسمبر 2025"),
        ("2025-12", "December 2025", "ديسمبر 2025"),
        ("2026-Q1", "Q1 2026", "الربع الأول 2026"),
        ("spring 2026", "spring 2026", "ربيع 2026"),
        ("winter 2025", "winter 2025", "شتاء 2025"),
        ("2025", "2025", "2025"),
        ("~2025-07", "c. July 2025", "نحو يوليو 2025"),
    ],
)
def test_a_date_reads_at_its_own_precision_in_both_languages(written, english, arabic):
    date = parse_date(written)
    assert Localizer("en").date(date) == english
    assert Localizer("ar").date(date) == arabic


def test_an_unknown_date_is_said_to_be_unknown():
    assert Localizer("en").date(None) == "date unknown"
    assert Localizer("ar").date(None) == "التاريخ غير معروف"


def test_levantine_month_names_and_arabic_indic_digits_are_settings():
    levantine = Localizer("ar", Settings(arabic_date_locale="ar_SY", arabic_digits="arab"))
    assert levantine.date(parse_date("2025-01-05")) == "٥ كانون الثاني ٢٠٢٥"
    assert levantine.month_heading(parse_date("2025-01").start) == "كانون الثاني"
    assert levantine.count("sources_count", 3) == "٣ مصادر"


def test_english_date_order_is_a_setting():
    assert Localizer("en", Settings(english_date_locale="en_US")).date(parse_date("2025-12-10")) == "December 10, 2025"


@pytest.mark.parametrize(("n", "arabic"), [(1, "مصدر واحد"), (2, "مصدران"), (3, "3 مصادر"), (11, "11 مصدرًا"), (100, "100 مصدر")])
def test_counts_use_the_plural_forms_of_cldr(n, arabic):
    assert Localizer("ar").count("sources_count", n) == arabic


def test_english_counts():
    assert Localizer("en").count("sources_count", 1) == "1 source"
    assert Localizer("en").count("sources_count", 2) == "2 sources"


def test_language_names_and_directions_come_from_cldr():
    assert Localizer("en").language_name("ar") == "Arabic"
    assert Localizer("ar").language_name("en") == "الإنجليزية"
    assert Localizer("en").language_name("qq-Zzzz") == "qq-Zzzz"
    assert (direction("ar"), direction("he"), direction("en"), direction("zh-Hans")) == ("rtl", "rtl", "ltr", "ltr")


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"arabic_digits": "roman"}, "must be one of: latn, arab"),
        ({"arabic_date_locale": "fr"}, "not a locale of the 'ar' language"),
        ({"arabic_date_locale": "xx_YY"}, "not a locale Babel knows"),
        ({"arabic_month_names": "ar"}, "unknown setting 'arabic_month_names'"),
    ],
)
def test_bad_settings_are_refused_with_a_reason(values, message):
    with pytest.raises(SettingsError, match=message):
        Settings.from_mapping(values)
