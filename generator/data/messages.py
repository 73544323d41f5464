"""The checker's words in the maintainer's language: gettext catalogues kept with Babel's tools.

A message is written once, in English, as `t(code, "template with {field}", field=...)`:
the template is the gettext msgid (`make messages` extracts every `t(...)` and `tr(...)`
into locale/checker.pot and updates each language's .po with pybabel), the code is
a stable name tools can rely on instead of the words (JSON output). A Text keeps its
parameters, so one problem can be shown in English in a log and in Arabic in the
overlay of an Arabic page. The .po files are the source: they are compiled to a gettext
catalogue in memory at first use, so no compiled file can go stale.
"""

from __future__ import annotations

import io
import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from babel.core import Locale, UnknownLocaleError
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

LOCALE_DIR = Path(__file__).parent / "locale"
DOMAIN = "checker"
FALLBACK = "en"
LOCALE_VARIABLES = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


@dataclass(frozen=True)
class Text:
    """Words to show: an English template (the msgid), its parameters, and a stable code ("" for a hint)."""

    template: str
    params: tuple[tuple[str, object], ...] = ()
    code: str = ""
    plural: str = ""  # the English plural, when the words depend on the number `n` (ntr)

    def __str__(self) -> str:
        return self.render(FALLBACK)

    def render(self, language: str) -> str:
        if self.plural:
            number = int(dict(self.params)["n"])  # type: ignore[call-overload]
            translated = catalogue(language).ngettext(self.template, self.plural, number)
        else:
            translated = catalogue(language).gettext(self.template) if language != FALLBACK else self.template
        values = {name: value.render(language) if isinstance(value, Text | LanguageName) else value for name, value in self.params}
        return translated.format(**values)


@dataclass(frozen=True)
class LanguageName:
    """A language named in the language of messages ('Arabic', 'العربية'), from CLDR through Babel."""

    code: str

    def __str__(self) -> str:
        return self.render(FALLBACK)

    def render(self, language: str) -> str:
        try:
            return Locale.parse(self.code.replace("-", "_")).get_display_name(language) or self.code
        except (ValueError, UnknownLocaleError, TypeError):
            return self.code


def t(code: str, template: str, **params: object) -> Text:
    """A problem's message: its stable code and its English words (extracted by pybabel: keyword t, 2nd argument)."""
    return Text(template, tuple(params.items()), code)


def tr(template: str, **params: object) -> Text:
    """Words that are part of a message: a hint, a noun put in a message (extracted by pybabel: keyword tr)."""
    return Text(template, tuple(params.items()))


def verbatim(text: str) -> Text:
    """Words shown as they are in every language (a value from the data, an English text not yet in a catalogue)."""
    return Text("{text}", (("text", text),))


def ntr(singular: str, plural: str, n: int, **params: object) -> Text:
    """Words that depend on a number `n` (Arabic has six forms; extracted by pybabel: keyword ntr:1,2)."""
    return Text(singular, (("n", n), *params.items()), plural=plural)


def available() -> tuple[str, ...]:
    """The languages that have a catalogue, English (the language of the templates) first."""
    return (FALLBACK, *sorted(path.parent.parent.name for path in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po")))


@cache
def catalogue(language: str) -> NullTranslations:
    """The language's catalogue, compiled from its .po in memory; nothing (English) where there is none."""
    path = LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    if not path.is_file():
        return NullTranslations()
    with path.open("rb") as po:
        parsed = read_po(po, locale=language, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, parsed, use_fuzzy=False)  # a fuzzy guess is not a translation: English shows instead
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)


def choose(requested: str | None, site_languages: tuple[str, ...], environ: dict[str, str] | None = None) -> str:
    """The language of messages: `--lang`, else the environment's locale (LANGUAGE, LC_ALL, LC_MESSAGES, LANG),
    kept only when the site declares it and it has a catalogue; English otherwise."""
    offered = [language for language in available() if language in site_languages or language == FALLBACK]
    if requested:
        return _match(requested, offered) or FALLBACK
    environment = os.environ if environ is None else environ
    for variable in LOCALE_VARIABLES:
        value = environment.get(variable, "")
        if not value:
            continue
        # LANGUAGE lists languages in order of preference (ar:en); the first other variable set decides, as in gettext.
        for wanted in value.split(":") if variable == "LANGUAGE" else [value]:
            if found := _match(wanted, offered):
                return found
        if variable != "LANGUAGE":
            break
    return FALLBACK


def _match(wanted: str, offered: list[str]) -> str | None:
    """'ar_EG.UTF-8' → 'ar' when 'ar' is offered; None for C/POSIX or a language not offered."""
    code = wanted.split(".")[0].split("@")[0]
    if code in ("C", "POSIX", ""):
        return None
    try:
        language = Locale.parse(code.replace("-", "_")).language
    except (ValueError, UnknownLocaleError):
        return None
    return language if language in offered else None
