"""The interface's own words: one catalogue per language, as data.

These are UI strings, not data of the timeline: the journalists' text lives in
events.yaml. Dates, digits, plural rules and language names come from CLDR
through Babel (see localize.py); only what CLDR does not have is written in
the catalogues (statuses, seasons, page names...), one YAML file per language
in `labels_data/`. A site may add or override a language's catalogue with a
file of its own (`extra.timeline.languages[].labels` in mkdocs.yml).

English is the reference: a catalogue must have every word English has, or
the build stops and lists what is missing; a page never mixes in words of
another language silently.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType

import yaml

REFERENCE = "en"
_FOLDER = "languages/labels_data"
# Pagefind translates its own box; a catalogue may word it better, or not.
_OPTIONAL_PREFIX = "pagefind."
_PLURAL_FORMS = ("zero", "one", "two", "few", "many", "other")


class CatalogueError(ValueError):
    """A catalogue is missing, unreadable or incomplete; the message says what to add."""


def packaged_languages() -> tuple[str, ...]:
    """The languages whose catalogue ships with the generator."""
    folder = resources.files("generator") / _FOLDER
    return tuple(sorted(entry.name[: -len(".yaml")] for entry in folder.iterdir() if entry.name.endswith(".yaml")))


@cache
def _packaged(lang: str) -> Mapping[str, str] | None:
    entry = resources.files("generator") / _FOLDER / f"{lang}.yaml"
    if not entry.is_file():
        return None
    return _parse(entry.read_text(encoding="utf-8"), f"generator/{_FOLDER}/{lang}.yaml")


def _parse(text: str, name: str) -> Mapping[str, str]:
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise CatalogueError(f"{name}: not valid YAML ({str(error).splitlines()[0]})") from None
    if not isinstance(data, dict) or not all(isinstance(key, str) and isinstance(value, str) for key, value in data.items()):
        raise CatalogueError(f"{name}: expected one 'key: text' line per word")
    return MappingProxyType(data)


def catalogue(lang: str, own_file: Path | None = None) -> Mapping[str, str]:
    """The UI words of a language: the packaged catalogue, overridden by a site's own file."""
    base_lang = lang.replace("_", "-").split("-")[0].lower()
    words: dict[str, str] = dict(_packaged(lang) or _packaged(base_lang) or {})
    if own_file is not None:
        try:
            words.update(_parse(own_file.read_text(encoding="utf-8"), str(own_file)))
        except OSError as error:
            raise CatalogueError(f"{own_file}: cannot be read ({error.strerror})") from None
    if not words:
        raise CatalogueError(
            f"there are no interface words for the language '{lang}': copy generator/{_FOLDER}/{REFERENCE}.yaml,"
            f" translate its {len(required_words())} words and name the file under 'labels:' of that language"
            f" (packaged languages: {', '.join(packaged_languages())})"
        )
    missing = missing_words(words)
    if missing:
        shown = ", ".join(missing[:12]) + (f" and {len(missing) - 12} more" if len(missing) > 12 else "")
        raise CatalogueError(
            f"the interface words of '{lang}' lack {len(missing)} of the {len(required_words())} words: {shown};"
            f" add them (generator/{_FOLDER}/{REFERENCE}.yaml has every one)"
        )
    return MappingProxyType(words)


@cache
def required_words() -> tuple[str, ...]:
    """The words every catalogue must have: English's, with one '.other' form per plural word."""
    reference = _packaged(REFERENCE)
    assert reference is not None, "the English catalogue ships with the generator"
    required: list[str] = []
    for key in reference:
        if key.startswith(_OPTIONAL_PREFIX):
            continue
        stem, _, form = key.rpartition(".")
        if form in _PLURAL_FORMS:
            key = f"{stem}.other"
        if key not in required:
            required.append(key)
    return tuple(required)


def missing_words(words: Mapping[str, str]) -> list[str]:
    return [key for key in required_words() if key not in words]
