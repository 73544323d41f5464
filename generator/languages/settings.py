"""The site settings of mkdocs.yml (`extra.timeline`), checked like events.yaml: every problem at its line.

Like MkDocs' `Config.validate()`, reading the settings collects every problem
instead of stopping at the first: a maintainer who mistyped three settings
learns of all three in one run, each with the line of mkdocs.yml to fix.
Lines come from composing mkdocs.yml into PyYAML nodes (composing resolves no
tag, so `!ENV` and other MkDocs tags read as they are).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from babel import UnknownLocaleError

from generator.data.language_names import DEFAULT_LANGUAGES, direction, locale_of

from .labels import CatalogueError, catalogue

# Digits by CLDR numbering system: the zero of each run of ten (Babel formats
# dates with Latin digits whatever a locale's default numbering system is, and
# ships no digit tables, so the digits are put in after formatting).
_ZEROS = {"latn": "0", "arab": "\u0660", "arabext": "\u06f0", "deva": "\u0966", "beng": "\u09e6", "thai": "\u0e50", "mymr": "\u1040", "khmr": "\u17e0"}
DIGITS = (*_ZEROS, "native")
# The date locale of a language when none is set: British English writes "10 December 2025".
_DEFAULT_DATE_LOCALES = {"en": "en_GB"}
# Settings of the first version, kept working: each now belongs to one language.
_LEGACY = {"arabic_date_locale": ("ar", "date_locale"), "arabic_digits": ("ar", "digits"), "english_date_locale": ("en", "date_locale")}
_LANGUAGE_KEYS = ("code", "date_locale", "digits", "labels")


class SettingsError(ValueError):
    """A site setting has a value the generator cannot use."""


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
        name = locale_of(self.code).get_display_name(self.code) or self.code
        return name[:1].upper() + name[1:]

    @property
    def digit_table(self) -> dict[int, int] | None:
        system = locale_of(self.date_locale).default_numbering_system if self.digits == "native" else self.digits
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
        locale = locale_of(code)
    except (UnknownLocaleError, ValueError, TypeError):
        return None, [("code", f"{where}: '{code}' is not a language code CLDR knows; write a BCP 47 code such as 'en', 'ar' or 'fr'")]
    problems: list[tuple[str, str]] = []
    date_locale = date_locale or _DEFAULT_DATE_LOCALES.get(code, code)
    try:
        date_language = locale_of(date_locale).language
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


# A place in extra.timeline: ("languages", 1, "digits") is extra.timeline.languages[1].digits.
KeyPath = tuple[str | int, ...]
LineFinder = Callable[[KeyPath], int | None]
_KNOWN = ("languages", "latest_events", "year_pages_above", *_LEGACY)


@dataclass(frozen=True)
class SettingProblem:
    message: str  # "extra.timeline.languages[1]: 'en' is listed twice", as SettingsError said it
    line: int | None = None  # in mkdocs.yml, when it is known

    def text(self, config: str = "mkdocs.yml") -> str:
        return f"{config}:{self.line}: {self.message}" if self.line else self.message


def no_lines(keys: KeyPath) -> int | None:
    return None


def read_settings(values: object, base: Path | None = None, line_of: LineFinder = no_lines) -> tuple[Settings | None, tuple[SettingProblem, ...]]:
    """`extra.timeline` as read from mkdocs.yml: the settings when all are right, and every problem found.

    `base` is the folder relative catalogue paths are read from; `line_of`
    gives the line of a key under extra.timeline (see `lines_in`).
    """
    problems: list[SettingProblem] = []

    def problem(keys: KeyPath, message: str) -> None:
        problems.append(SettingProblem(message, line_of(keys)))

    if values is None:
        return Settings(), ()
    if not isinstance(values, dict):
        problem((), "extra.timeline: expected a mapping of settings")
        return None, tuple(problems)
    for key in values:
        if key not in _KNOWN:  # keys may be numbers or dates in YAML
            problem((str(key),), f"extra.timeline: unknown setting '{key}'; known settings: {', '.join(sorted(_KNOWN))}")
    entries, origins = _language_entries(values.get("languages"), problem)
    for key, (code, name) in _LEGACY.items():
        if key not in values:
            continue
        index = next((index for index, entry in enumerate(entries) if entry["code"] == code), None)
        if index is None:
            problem((key,), f"extra.timeline.{key}: the site has no '{code}' language; remove this setting")
        elif name in entries[index]:
            problem((key,), f"extra.timeline.{key}: set twice, here and as {name} of '{code}' under languages; keep the one under languages")
        else:
            entries[index][name] = str(values[key])
            origins[index][name] = (key,)
    languages: list[Language] = []
    for entry, origin in zip(entries, origins, strict=True):
        labels = (base or Path(".")) / entry["labels"] if entry.get("labels") else None
        found, wrong = language_problems(entry["code"], entry.get("date_locale"), entry.get("digits", "latn"), labels)
        for name, message in wrong:
            problem(origin.get(name, origin["code"]), message)
        if found is not None:
            languages.append(found)
    latest = values.get("latest_events", 5)
    if type(latest) is not int or latest < 0:  # YAML's true is an int to isinstance
        problem(("latest_events",), "extra.timeline.latest_events: must be a whole number, 0 or more")
    year_pages_above = values.get("year_pages_above", YEAR_PAGES_ABOVE)
    if type(year_pages_above) is not int or year_pages_above < 0:
        problem(("year_pages_above",), YEAR_PAGES_PROBLEM)
    if problems:
        # In the order of the file, as a maintainer reads it; problems without a known line keep the order found.
        return None, tuple(sorted(problems, key=lambda found: found.line or 0))
    return Settings(tuple(languages), latest, year_pages_above), ()


def _language_entries(value: object, problem: Callable[[KeyPath, str], None]) -> tuple[list[dict[str, str]], list[dict[str, KeyPath]]]:
    """`languages:` as a list of mappings (`[en, ar]` or `[{code: ar, digits: arab}, …]`), and where each value was written."""
    if value is None:
        return [{"code": code} for code in DEFAULT_LANGUAGES], [{"code": ("languages",)} for _ in DEFAULT_LANGUAGES]
    hint = "list the site's languages in order, the first being the default: languages: [en, ar]"
    if not isinstance(value, list) or not value:
        problem(("languages",), f"extra.timeline.languages: {hint}")
        return [], []
    entries: list[dict[str, str]] = []
    origins: list[dict[str, KeyPath]] = []
    for index, item in enumerate(value):
        where = f"extra.timeline.languages[{index}]"
        if isinstance(item, str):
            item = {"code": item}
            origin: dict[str, KeyPath] = {"code": ("languages", index)}
        else:
            origin = {str(key): ("languages", index, str(key)) for key in item} if isinstance(item, dict) else {}
        if not isinstance(item, dict) or not isinstance(item.get("code"), str):
            problem(("languages", index), f"{where}: expected a language code such as 'fr', or a mapping with 'code:'; {hint}")
            continue
        unknown = [str(key) for key in item if key not in _LANGUAGE_KEYS]
        for key in unknown:
            problem(("languages", index, key), f"{where}: unknown setting '{key}'; a language takes: {', '.join(_LANGUAGE_KEYS)}")
        if any(entry["code"] == item["code"] for entry in entries):
            problem(origin["code"], f"{where}: '{item['code']}' is listed twice")
            continue
        entries.append({str(key): str(val) for key, val in item.items() if key in _LANGUAGE_KEYS})
        origins.append(origin)
    return entries, origins


def lines_in(text: str) -> LineFinder:
    """Where each key under extra.timeline is in a mkdocs.yml; the nearest enclosing key when that one is not there."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return no_lines
    timeline = _child(_child(root, "extra"), "timeline")

    def line_of(keys: KeyPath) -> int | None:
        node, line = timeline, _line(timeline)
        for key in keys:
            node, key_node = _step(node, key)
            if key_node is None:
                break
            line = _line(key_node)
        return line

    return line_of


def _line(node: yaml.Node | None) -> int | None:
    return node.start_mark.line + 1 if node is not None else None


def _step(node: yaml.Node | None, key: str | int) -> tuple[yaml.Node | None, yaml.Node | None]:
    """(the value at key, the node that names it: the key of a mapping or the item of a list)."""
    if isinstance(node, yaml.MappingNode) and isinstance(key, str):
        for key_node, value in node.value:
            if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
                return value, key_node
    if isinstance(node, yaml.SequenceNode) and isinstance(key, int) and 0 <= key < len(node.value):
        item = node.value[key]
        return item, item
    return None, None


def _child(node: yaml.Node | None, key: str) -> yaml.Node | None:
    return _step(node, key)[0]


def settings_of(config: Path, base_config: Mapping[str, object]) -> tuple[Settings | None, tuple[SettingProblem, ...]]:
    """The settings of a mkdocs.yml already read (with !ENV and INHERIT resolved), problems placed at their lines in it."""
    extra = base_config.get("extra")
    values = extra.get("timeline") if isinstance(extra, dict) else None
    try:
        text = config.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        text = ""
    return read_settings(values, config.parent, lines_in(text))


def settings_error(problems: tuple[SettingProblem, ...], config: str | None = None) -> SettingsError:
    """One SettingsError that names every problem (each with its line when known), for callers that raise."""
    texts = [problem.text(config) if config else problem.message for problem in problems]
    if len(texts) == 1:
        return SettingsError(texts[0])
    return SettingsError(f"{len(texts)} problems in extra.timeline:\n" + "\n".join(f"  {text}" for text in texts))
