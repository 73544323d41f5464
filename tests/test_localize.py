"""Dates and words in each language come from CLDR, at the precision known."""

from __future__ import annotations

from pathlib import Path

import pytest

import generator
from generator.data.dates import parse_date
from generator.data.language_names import direction
from generator.languages.localize import Localizer
from generator.languages.options import SettingsError
from generator.languages.settings import Settings


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
    levantine = Localizer("ar", Settings.from_mapping({"languages": ["en", {"code": "ar", "date_locale": "ar_SY", "digits": "arab"}]}))
    assert levantine.date(parse_date("2025-01-05")) == "٥ كانون الثاني ٢٠٢٥"
    assert levantine.month_heading(parse_date("2025-01").start) == "كانون الثاني"
    assert levantine.count("sources_count", 3) == "٣ مصادر"


def test_english_date_order_is_a_setting():
    assert Localizer("en", Settings.from_mapping({"languages": [{"code": "en", "date_locale": "en_US"}, "ar"]})).date(parse_date("2025-12-10")) == "December 10, 2025"


def test_a_third_language_gets_its_month_names_words_and_plurals():
    french = Localizer("fr", Settings.from_mapping({"languages": ["en", "ar", "fr"]}))
    assert french.date(parse_date("2025-12-10")) == "10 décembre 2025"
    assert french.t("timeline") == "Chronologie"
    assert (french.count("sources_count", 1), french.count("sources_count", 2)) == ("1 source", "2 sources")


def test_a_language_the_generator_does_not_ship_needs_only_a_file_of_words(tmp_path: Path):
    # Persian: direction, digits and month names from CLDR; the UI words from the site's own file.
    english = (Path(generator.__file__).parent / "languages" / "labels_data" / "en.yaml").read_text(encoding="utf-8")
    (tmp_path / "fa.yaml").write_text(english.replace("timeline: Timeline", "timeline: گاه‌شمار"), encoding="utf-8")
    persian = Settings.from_mapping({"languages": ["en", {"code": "fa", "digits": "native", "labels": "fa.yaml"}]}, tmp_path)
    localizer = Localizer("fa", persian)
    assert localizer.date(parse_date("2025-03")) == "مارس ۲۰۲۵"
    assert localizer.t("timeline") == "گاه‌شمار"
    assert persian.language("fa").direction == "rtl"


def test_an_incomplete_file_of_words_is_refused_with_what_it_lacks(tmp_path: Path):
    (tmp_path / "fa.yaml").write_text("timeline: گاه‌شمار\n", encoding="utf-8")
    with pytest.raises(SettingsError, match=r"the interface words of 'fa' lack \d+ of the \d+ words: home, sources, entities"):
        Settings.from_mapping({"languages": ["en", {"code": "fa", "labels": "fa.yaml"}]}, tmp_path)


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
        ({"languages": ["en", {"code": "ar", "digits": "roman"}]}, "extra.timeline.languages.ar.digits: 'roman' must be one of: latn, arab, arabext"),
        ({"languages": ["en", "xx-Qq-1"]}, "'xx-Qq-1' is not a language code CLDR knows"),
        ({"languages": ["en", "de"]}, "there are no interface words for the language 'de': copy generator/languages/labels_data/en.yaml"),
        ({"languages": ["en", "en"]}, r"languages\[1\]: 'en' is listed twice"),
        ({"languages": "en"}, "list the site's languages in order"),
        ({"languages": [{"code": "fr", "digit": "latn"}]}, "unknown setting 'digit'; a language takes: code, date_locale, digits, labels"),
        ({"languages": ["en", {"code": "ar", "date_locale": "fr"}]}, "date_locale: 'fr' is not a locale of the 'ar' language"),
        ({"languages": ["en", {"code": "ar", "date_locale": "xx_YY"}]}, "not a locale Babel knows"),
        ({"arabic_month_names": "ar"}, "unknown setting 'arabic_month_names'"),
    ],
)
def test_bad_settings_are_refused_with_a_reason(values, message):
    with pytest.raises(SettingsError, match=message):
        Settings.from_mapping(values)
