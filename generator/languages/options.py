"""The settings of `extra.timeline` in mkdocs.yml, declared as MkDocs declares its own config_options.

One typed declaration per setting: its name, the value it takes, its default,
its meaning and its check. settings.py reads mkdocs.yml with them, collecting
every problem, and settings_table.py writes the guide's tables of settings
from them (guide/operators.md), so the guide says what the generator accepts.
To add a setting, declare it here and give `Settings` (settings.py) a field
of the same name; then `python -m generator schema --write` rewrites the guide.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from babel import UnknownLocaleError

from generator.data.language_names import DEFAULT_LANGUAGES, locale_of

from .labels import CatalogueError, catalogue
from .language import NATIVE, ZEROS, Language, ten_digits

T = TypeVar("T")
# A place in extra.timeline: ("languages", 1, "digits") is extra.timeline.languages[1].digits.
KeyPath = tuple[str | int, ...]
# Takes one problem: its place, and its message (which names the setting).
Report = Callable[[KeyPath, str], None]
TIMELINE = "extra.timeline"
# A setting mkdocs.yml does not write (YAML's null is a value written: `latest_events:`).
MISSING: Any = object()


class SettingsError(ValueError):
    """A site setting has a value the generator cannot use."""


class Invalid(ValueError):
    """What is wrong with one value; the reader adds which setting it is."""


@dataclass(frozen=True)
class Context:
    """What a value is checked against: its language's code (once read), and the folder files are named from."""

    code: str = ""
    base: Path = Path(".")


@dataclass(frozen=True, kw_only=True)
class Option(ABC, Generic[T]):
    """One setting; each kind of value (below) says what it takes, its default and how a value is checked."""

    name: str
    help: str  # what it means, as the guide says it (Markdown)

    @property
    @abstractmethod
    def takes(self) -> str:
        """The value it takes, in the guide's words (Markdown)."""

    @property
    @abstractmethod
    def shown_default(self) -> str:
        """The default, as the guide shows it (Markdown)."""

    @abstractmethod
    def default_for(self, context: Context) -> object:
        """The value when mkdocs.yml writes none."""

    @abstractmethod
    def convert(self, value: object, context: Context) -> T:
        """The value as the generator uses it; Invalid says what is wrong with it."""

    def where(self, place: str) -> str:
        """How a message names the setting at `place` (extra.timeline, or one language's place)."""
        return f"{place}.{self.name}"

    def read(self, value: object, keys: KeyPath, place: str, context: Context, report: Report) -> T | None:
        """The value (the default when `value` is MISSING), or None once its problem is reported at `keys`."""
        try:
            return self.convert(self.default_for(context) if value is MISSING else value, context)
        except Invalid as error:
            report(keys, f"{self.where(place)}: {error}")
            return None


@dataclass(frozen=True, kw_only=True)
class WholeNumber(Option[int]):
    default: int
    problem: str = "must be a whole number, 0 or more"

    @property
    def takes(self) -> str:
        return "a whole number, 0 or more"

    @property
    def shown_default(self) -> str:
        return f"`{self.default}`"

    def default_for(self, context: Context) -> object:
        return self.default

    def convert(self, value: object, context: Context) -> int:
        if not isinstance(value, int) or type(value) is bool or value < 0:  # YAML's true is an int to isinstance
            raise Invalid(self.problem)
        return value


@dataclass(frozen=True, kw_only=True)
class Choice(Option[str]):
    default: str
    choices: Mapping[str, str]  # each value, and what it gives

    @property
    def takes(self) -> str:
        return "one of: " + ", ".join(f"`{value}` ({gives})" for value, gives in self.choices.items())

    @property
    def shown_default(self) -> str:
        return f"`{self.default}`"

    def default_for(self, context: Context) -> object:
        return self.default

    def convert(self, value: object, context: Context) -> str:
        if not isinstance(value, str) or value not in self.choices:
            raise Invalid(f"'{value}' must be one of: {', '.join(self.choices)}")
        return value


@dataclass(frozen=True, kw_only=True)
class LanguageCode(Option[str]):
    @property
    def takes(self) -> str:
        return "a BCP 47 language code"

    @property
    def shown_default(self) -> str:
        return "(required)"

    def default_for(self, context: Context) -> object:
        return context.code

    def where(self, place: str) -> str:
        return place  # the language's place names its code

    def convert(self, value: object, context: Context) -> str:
        try:
            locale_of(str(value))
        except (UnknownLocaleError, ValueError, TypeError):
            raise Invalid(f"'{value}' is not a language code CLDR knows; write a BCP 47 code such as 'en', 'ar' or 'fr'") from None
        return str(value)


@dataclass(frozen=True, kw_only=True)
class DateLocale(Option[str]):
    by_language: Mapping[str, str]  # a language's default, where it is not the language's code

    @property
    def takes(self) -> str:
        return "a CLDR locale of the language"

    @property
    def shown_default(self) -> str:
        return "the code (" + ", ".join(f"`{locale}` for `{code}`" for code, locale in self.by_language.items()) + ")"

    def default_for(self, context: Context) -> object:
        return self.by_language.get(context.code, context.code)

    def convert(self, value: object, context: Context) -> str:
        try:
            language = locale_of(str(value)).language
        except (UnknownLocaleError, ValueError, TypeError):
            raise Invalid(f"'{value}' is not a locale Babel knows; try '{context.code}'") from None
        if language != locale_of(context.code).language:
            raise Invalid(f"'{value}' is not a locale of the '{context.code}' language")
        return str(value)


@dataclass(frozen=True, kw_only=True)
class Catalogue(Option[Mapping[str, str]]):
    @property
    def takes(self) -> str:
        return "a YAML file, relative to `mkdocs.yml`"

    @property
    def shown_default(self) -> str:
        return "the packaged catalogue"

    def default_for(self, context: Context) -> object:
        return None

    def where(self, place: str) -> str:
        return place  # the catalogue's message names its file

    def convert(self, value: object, context: Context) -> Mapping[str, str]:
        try:
            return catalogue(context.code, context.base / str(value) if value else None)
        except CatalogueError as error:
            raise Invalid(str(error)) from None


@dataclass(frozen=True, kw_only=True)
class LanguageList(Option[tuple[Language, ...]]):
    """The site's languages: each entry a code, or a mapping of the language's own settings (`options`)."""

    default: tuple[str, ...]
    options: tuple[Option[Any], ...]  # what a language sets, its code first

    HINT = "list the site's languages in order, the first being the default: languages: [en, ar]"

    @property
    def takes(self) -> str:
        return "a list: each language a code (`fr`), or a mapping of the settings below"

    @property
    def shown_default(self) -> str:
        return f"`[{', '.join(self.default)}]`"

    def default_for(self, context: Context) -> object:
        return list(self.default)

    def convert(self, value: object, context: Context) -> tuple[Language, ...]:
        problems: list[str] = []
        found = self.read(value, (), TIMELINE, context, lambda keys, message: problems.append(message))
        if found is None or problems:
            raise Invalid("; ".join(problems))
        return found

    def read(self, value: object, keys: KeyPath, place: str, context: Context, report: Report) -> tuple[Language, ...] | None:
        """Every language whose settings are right; the problems of the others are reported, each at its place."""
        entries, origins = self._entries(None if value is MISSING else value, report)
        found = [self.language(entry, origin, context.base, report) for entry, origin in zip(entries, origins, strict=True)]
        return tuple(language for language in found if language is not None)

    def language(self, entry: Mapping[str, object], origin: Mapping[str, KeyPath], base: Path, report: Report) -> Language | None:
        """One language from its settings (`entry`, written at `origin`), or None once its problems are reported."""
        code_option, *others = self.options
        place = f"{TIMELINE}.languages.{entry['code']}"
        code_keys = origin.get(code_option.name, ())
        code = code_option.read(entry[code_option.name], code_keys, place, Context(base=base), report)
        if code is None:
            return None
        context = Context(code, base)
        values: dict[str, Any] = {}
        for option in others:
            values[option.name] = option.read(entry.get(option.name, MISSING), origin.get(option.name, code_keys), place, context, report)
        if any(value is None for value in values.values()):
            return None
        return Language(code, **values)

    def _entries(self, value: object, report: Report) -> tuple[list[dict[str, str]], list[dict[str, KeyPath]]]:
        """`languages:` as a list of mappings (`[en, ar]` or `[{code: ar, digits: arab}, …]`), and where each value was written."""
        if value is None:
            return [{"code": code} for code in self.default], [{"code": ("languages",)} for _ in self.default]
        if not isinstance(value, list) or not value:
            report(("languages",), f"{TIMELINE}.languages: {self.HINT}")
            return [], []
        known = [option.name for option in self.options]
        entries: list[dict[str, str]] = []
        origins: list[dict[str, KeyPath]] = []
        for index, item in enumerate(value):
            where = f"{TIMELINE}.languages[{index}]"
            if isinstance(item, str):
                item = {"code": item}
                origin: dict[str, KeyPath] = {"code": ("languages", index)}
            else:
                origin = {str(key): ("languages", index, str(key)) for key in item} if isinstance(item, dict) else {}
            if not isinstance(item, dict) or not isinstance(item.get("code"), str):
                report(("languages", index), f"{where}: expected a language code such as 'fr', or a mapping with 'code:'; {self.HINT}")
                continue
            for key in item:
                if key not in known:
                    report(("languages", index, str(key)), f"{where}: unknown setting '{key}'; a language takes: {', '.join(known)}")
            if any(entry["code"] == item["code"] for entry in entries):
                report(origin["code"], f"{where}: '{item['code']}' is listed twice")
                continue
            entries.append({str(key): str(val) for key, val in item.items() if key in known})
            origins.append(origin)
        return entries, origins


# -- the declarations: what the guide's tables list, in their order --------------------------------

LANGUAGE_OPTIONS: tuple[Option[Any], ...] = (
    LanguageCode(name="code", help="the language, as in the site's addresses (`site/<code>/`): `en`, `ar`, `fr`, `fa`"),
    DateLocale(
        name="date_locale",
        by_language={"en": "en_GB"},  # British English writes "10 December 2025"
        help="the CLDR locale of its dates, which sets month names and order: `en_GB` gives 10 December 2025, `en_US` December 10, 2025;"
        " for Arabic `ar` gives يناير، فبراير… (the most common in pan-Arab online news), `ar_SY`, `ar_LB`, `ar_JO` or `ar_IQ` give كانون الثاني، شباط…",
    ),
    Choice(
        name="digits",
        default="latn",
        choices={**{system: ten_digits(system) for system in ZEROS}, NATIVE: "the date locale's own"},
        help="the digits of its dates and numbers: a CLDR numbering system, or `native`, the numbering system of its date locale",
    ),
    Catalogue(
        name="labels",
        help="a file of the language's interface words, which adds to or overrides the catalogue shipped in"
        " `generator/languages/labels_data/` (English, Arabic and French today). Its words are text: shown as written"
        " wherever they appear (the navigation, the header, the page's title, the colour toggle), never read as markup",
    ),
)

LANGUAGES = LanguageList(
    name="languages",
    default=DEFAULT_LANGUAGES,
    options=LANGUAGE_OPTIONS,
    help="the site's languages in order, as BCP 47 codes; the first is the default (the root page's language)."
    " Each gets its own site (`site/<code>/`), search index and entry in every language switch",
)
LATEST_EVENTS = WholeNumber(name="latest_events", default=5, help="how many events the home page lists")
# Above this many events the timeline page becomes an index (the overview picture and the years) and each
# year its own page: at 200 events of real prose the whole list is about 35 KB gzipped, which with the
# theme's stylesheets and scripts keeps a first visit near 150 KB.
_YEAR_PAGES_ABOVE = 200
YEAR_PAGES_ABOVE = WholeNumber(
    name="year_pages_above",
    default=_YEAR_PAGES_ABOVE,
    problem="must be a whole number of events, 0 or more; above it the timeline page lists the years and each year has its own page"
    f" (default {_YEAR_PAGES_ABOVE}; 0 gives every timeline year pages)",
    help="past this many events, the timeline page is an index of the years (with the overview picture) and each year has its"
    " own page, `timeline/<year>/`, so that a first visit stays light; `0` gives every timeline year pages",
)
TIMELINE_OPTIONS: tuple[Option[Any], ...] = (LANGUAGES, LATEST_EVENTS, YEAR_PAGES_ABOVE)


def language(code: str, date_locale: str | None = None, digits: str = "latn", labels: Path | None = None) -> Language:
    """A checked Language; SettingsError names each setting that is wrong and what it takes."""
    problems: list[str] = []
    written = {"code": code, "date_locale": date_locale, "digits": digits, "labels": labels}
    entry = {name: str(value) for name, value in written.items() if value is not None}
    found = LANGUAGES.language(entry, {}, Path("."), lambda keys, message: problems.append(message))
    if found is None:
        raise SettingsError("; ".join(problems))
    return found
