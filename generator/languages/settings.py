"""The site settings of mkdocs.yml (`extra.timeline`), checked like events.yaml: every problem at its line.

Like MkDocs' `Config.validate()`, reading the settings collects every problem
instead of stopping at the first: a maintainer who mistyped three settings
learns of all three in one run, each with the line of mkdocs.yml to fix. The
settings are declared in options.py; `check` and `build` both read them with
`site_settings`, so both say the same of the same mistake.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .config_lines import LineFinder, lines_in, no_lines
from .language import Language
from .options import (
    LANGUAGES,
    LATEST_EVENTS,
    MISSING,
    TIMELINE,
    TIMELINE_OPTIONS,
    YEAR_PAGES_ABOVE,
    Context,
    Invalid,
    KeyPath,
    SettingsError,
    language,
)


@dataclass(frozen=True)
class Settings:
    """The site settings of `extra.timeline` in mkdocs.yml: one field per declaration of options.py."""

    languages: tuple[Language, ...] = field(default_factory=lambda: tuple(language(code) for code in LANGUAGES.default))
    latest_events: int = LATEST_EVENTS.default  # how many events the home page lists
    year_pages_above: int = YEAR_PAGES_ABOVE.default  # more events than this: the timeline page is an index of one page per year

    def __post_init__(self) -> None:
        for option in (LATEST_EVENTS, YEAR_PAGES_ABOVE):
            try:
                option.convert(getattr(self, option.name), Context())
            except Invalid as error:
                raise SettingsError(f"{option.where(TIMELINE)}: {error}") from None

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(lang.code for lang in self.languages)

    def language(self, code: str) -> Language:
        return next(lang for lang in self.languages if lang.code == code)

    @classmethod
    def from_mapping(cls, values: object, base: Path | None = None, config: Path | None = None) -> Settings:
        """`extra.timeline` as read from mkdocs.yml; relative catalogue paths are read from `base`.

        One SettingsError names every problem; given the `config` file, each
        is placed in it (mkdocs.yml:LINE:).
        """
        line_of = lines_in(_text(config)) if config is not None else no_lines
        settings, problems = read_settings(values, base, line_of)
        if settings is None:
            raise settings_error(problems, str(config) if config is not None else None)
        return settings


@dataclass(frozen=True)
class SettingProblem:
    message: str  # "extra.timeline.languages[1]: 'en' is listed twice"
    line: int | None = None  # in mkdocs.yml, when it is known

    def text(self, config: str = "mkdocs.yml") -> str:
        return f"{config}:{self.line}: {self.message}" if self.line else f"{config}: {self.message}"


def read_settings(values: object, base: Path | None = None, line_of: LineFinder = no_lines) -> tuple[Settings | None, tuple[SettingProblem, ...]]:
    """`extra.timeline` as read from mkdocs.yml: the settings when all are right, and every problem found.

    `base` is the folder relative catalogue paths are read from; `line_of`
    gives the line of a key under extra.timeline (see config_lines.py).
    """
    problems: list[SettingProblem] = []

    def report(keys: KeyPath, message: str) -> None:
        problems.append(SettingProblem(message, line_of(keys)))

    if values is None:
        return Settings(), ()
    if not isinstance(values, dict):
        report((), f"{TIMELINE}: expected a mapping of settings")
        return None, tuple(problems)
    known = sorted(option.name for option in TIMELINE_OPTIONS)
    for key in values:
        if key not in known:  # keys may be numbers or dates in YAML
            report((str(key),), f"{TIMELINE}: unknown setting '{key}'; known settings: {', '.join(known)}")
    context = Context(base=base or Path("."))
    read: dict[str, Any] = {option.name: option.read(values.get(option.name, MISSING), (option.name,), TIMELINE, context, report) for option in TIMELINE_OPTIONS}
    if problems:
        # In the order of the file, as a maintainer reads it; problems without a known line keep the order found.
        return None, tuple(sorted(problems, key=lambda found: found.line or 0))
    return Settings(**read), ()


def settings_of(config: Path, base_config: Mapping[str, object]) -> tuple[Settings | None, tuple[SettingProblem, ...]]:
    """The settings of a mkdocs.yml already read (with !ENV and INHERIT resolved), problems placed at their lines in it."""
    extra = base_config.get("extra")
    values = extra.get("timeline") if isinstance(extra, dict) else None
    return read_settings(values, config.parent, lines_in(_text(config)))


def site_settings(config: Path, base_config: Mapping[str, object]) -> Settings:
    """The settings of a mkdocs.yml already read; one SettingsError names every problem, each at its line of `config`.

    `check` and `build` both read the settings here, so both report a mistake in the same words.
    """
    settings, problems = settings_of(config, base_config)
    if settings is None:
        raise settings_error(problems, str(config))
    return settings


def settings_error(problems: tuple[SettingProblem, ...], config: str | None = None) -> SettingsError:
    """One SettingsError that names every problem (each with its place in `config` when given), for callers that raise."""
    texts = [problem.text(config) if config else problem.message for problem in problems]
    if len(texts) == 1:
        return SettingsError(texts[0])
    return SettingsError(f"{len(texts)} problems in {TIMELINE}:\n" + "\n".join(f"  {text}" for text in texts))


def _text(config: Path) -> str:
    try:
        return config.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""  # the lines are then unknown; the problems are still reported
