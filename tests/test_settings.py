"""Site settings in mkdocs.yml are checked like events.yaml: every problem in one run, each at its line."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import pytest
import yaml

from generator.languages.config_lines import lines_in
from generator.languages.options import TIMELINE_OPTIONS, SettingsError
from generator.languages.settings import Settings, read_settings
from generator.languages.settings_table import SETTINGS_PAGE, TABLES, regenerated, settings_table, tables_in, write_tables

from conftest import REPO, START, build_args, copy_fixture, event, run

# Three mistakes under extra.timeline, on lines 12, 13 and 14, reported in the order of the file; the !ENV tag of MkDocs must not get in the way.
THREE_WRONG = """\
site_name: Timeline
site_url: !ENV [SITE_URL, "http://127.0.0.1:8000/"]
repo_url: !ENV REPO_URL
theme:
  name: material
extra:
  timeline:
    languages:
      - code: en
        date_locale: en_GB
      - code: ar
        digits: roman
    latest_events: five
    arabic_month_names: ar
"""


def test_three_wrong_settings_are_all_reported_with_their_lines(tmp_path):
    config = tmp_path / "mkdocs.yml"
    config.write_text(THREE_WRONG, encoding="utf-8")
    events = tmp_path / "events.yaml"
    events.write_text(START + event(), encoding="utf-8")
    result = run("check", str(events), "--config", str(config))
    assert result.code == 2
    assert result.err.splitlines() == [
        "error: 3 problems in extra.timeline:",
        f"  {config}:12: extra.timeline.languages.ar.digits: 'roman' must be one of: latn, arab, arabext, deva, beng, thai, mymr, khmr, native",
        f"  {config}:13: extra.timeline.latest_events: must be a whole number, 0 or more",
        f"  {config}:14: extra.timeline: unknown setting 'arabic_month_names'; known settings: "
        "languages, latest_events, year_pages_above",
    ]


def test_a_right_configuration_gives_settings_and_no_problem():
    text = THREE_WRONG.replace("        digits: roman\n", "        digits: arab\n").replace("five", "3").replace("    arabic_month_names: ar\n", "")
    timeline = {"languages": [{"code": "en", "date_locale": "en_GB"}, {"code": "ar", "digits": "arab"}], "latest_events": 3}
    settings, problems = read_settings(timeline, line_of=lines_in(text))
    assert problems == ()
    assert settings is not None and settings.codes == ("en", "ar") and settings.latest_events == 3


def test_existing_callers_get_one_error_that_names_every_problem(tmp_path):
    config = tmp_path / "mkdocs.yml"
    config.write_text(THREE_WRONG, encoding="utf-8")
    values = {"languages": ["en", {"code": "ar", "digits": "roman"}], "latest_events": "five", "arabic_month_names": "ar"}
    with pytest.raises(SettingsError) as raised:
        Settings.from_mapping(values, tmp_path, config=config)
    assert str(raised.value).splitlines()[1:] == [
        f"  {config}:12: extra.timeline.languages.ar.digits: 'roman' must be one of: latn, arab, arabext, deva, beng, thai, mymr, khmr, native",
        f"  {config}:13: extra.timeline.latest_events: must be a whole number, 0 or more",
        f"  {config}:14: extra.timeline: unknown setting 'arabic_month_names'; known settings: "
        "languages, latest_events, year_pages_above",
    ]
    with pytest.raises(SettingsError, match="^3 problems in extra.timeline:\n  extra.timeline: unknown setting 'arabic_month_names'"):
        Settings.from_mapping(values)


def test_a_setting_of_the_first_version_is_an_unknown_setting_at_its_line():
    # arabic_digits: arab is now written where the language is: languages: [en, {code: ar, digits: arab}]
    text = "extra:\n  timeline:\n    languages: [en, ar]\n    arabic_digits: arab\n"
    settings, problems = read_settings({"languages": ["en", "ar"], "arabic_digits": "arab"}, line_of=lines_in(text))
    assert settings is None
    assert [problem.text() for problem in problems] == [
        "mkdocs.yml:4: extra.timeline: unknown setting 'arabic_digits'; known settings: languages, latest_events, year_pages_above",
    ]


@pytest.mark.parametrize("written", ["many", "-1", "true", "2.5"])
def test_a_wrong_number_of_events_for_year_pages_is_reported_at_its_line(written):
    text = f"extra:\n  timeline:\n    languages: [en, ar]\n    year_pages_above: {written}\n"
    values = yaml.safe_load(text)["extra"]["timeline"]
    settings, problems = read_settings(values, line_of=lines_in(text))
    assert settings is None
    assert [problem.text() for problem in problems] == [
        "mkdocs.yml:4: extra.timeline.year_pages_above: must be a whole number of events, 0 or more; above it the timeline"
        " page lists the years and each year has its own page (default 200; 0 gives every timeline year pages)"
    ]


def test_year_pages_start_above_two_hundred_events_unless_the_site_says_otherwise():
    assert read_settings({"languages": ["en", "ar"]})[0] == Settings()
    assert Settings().year_pages_above == 200
    settings, problems = read_settings({"languages": ["en", "ar"], "year_pages_above": 0})
    assert problems == () and settings is not None and settings.year_pages_above == 0


def test_check_and_build_say_the_same_of_the_same_mistakes(tmp_path: Path):
    project = copy_fixture(tmp_path / "project")
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(text.replace("digits: latn", "digits: roman").replace("latest_events: 5", "latest_events: five"), encoding="utf-8")
    digits, latest = (text[: text.index(setting)].count("\n") + 1 for setting in ("digits: latn", "latest_events: 5"))
    said = [
        "error: 2 problems in extra.timeline:",
        f"  {config}:{digits}: extra.timeline.languages.ar.digits: 'roman' must be one of: latn, arab, arabext, deva, beng, thai, mymr, khmr, native",
        f"  {config}:{latest}: extra.timeline.latest_events: must be a whole number, 0 or more",
    ]
    checked = run("check", str(project / "events.yaml"), "--config", str(config))
    assert (checked.code, checked.err.splitlines()) == (2, said)
    args = build_args(project)
    args[args.index("--config") + 1] = str(config)
    built = run(*args)
    assert (built.code, built.lines) == (1, [*said, f"build stopped: {project / 'site'}/ was left as it was."])


def test_every_declared_setting_is_a_setting_of_the_site():
    # Declared but not kept, or kept but not declared: either would be a setting the guide and the build disagree on.
    assert [option.name for option in TIMELINE_OPTIONS] == [each.name for each in fields(Settings)]
    assert Settings() == Settings(**{option.name: getattr(Settings(), option.name) for option in TIMELINE_OPTIONS})


def test_the_guides_settings_tables_are_the_generated_ones():
    # After changing generator/languages/options.py: python -m generator schema --write (or make schema).
    page = (REPO / SETTINGS_PAGE).read_text(encoding="utf-8")
    found = tables_in(page)
    assert set(found) == set(TABLES) == {"timeline", "language"}
    for name, written in found.items():
        assert written == settings_table(name), f"the table <!-- settings:{name} --> of {SETTINGS_PAGE} differs from generator/languages/options.py"
    assert regenerated(page) == page


def test_a_changed_settings_table_is_noticed_and_written_again(tmp_path: Path):
    page = (REPO / SETTINGS_PAGE).read_text(encoding="utf-8")
    edited = page.replace("| `latest_events` | a whole number, 0 or more | `5` |", "| `latest_events` | a number | `10` |")
    assert edited != page and regenerated(edited) == page
    copy = tmp_path / "operators.md"
    copy.write_text(edited, encoding="utf-8")
    assert write_tables(copy) == f"wrote the settings tables of {copy}"
    assert copy.read_text(encoding="utf-8") == page
    assert write_tables(tmp_path / "missing.md") is None


def test_the_guide_shows_each_digit_choice_with_its_digits():
    table = settings_table("language")
    assert "`arab` (٠١٢٣٤٥٦٧٨٩)" in table and "`latn` (0123456789)" in table
    assert "| `digits` | one of: " in table and "| `latn` |" in table  # the default
