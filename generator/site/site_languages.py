"""The site's languages, read from mkdocs.yml as the build reads them: for `check` and the tools that check the file."""

from __future__ import annotations

from pathlib import Path

from generator.data.errors import BuildError, UsageError
from generator.data.language_names import DEFAULT_LANGUAGES
from generator.engine.config import read_base_config
from generator.languages.settings import SettingsError, site_settings


def site_languages(config: Path) -> tuple[str, ...]:
    """The languages set in mkdocs.yml (extra.timeline.languages); the default pair when there is no such file.

    A mistake in the settings stops the command (exit 2) with every problem, each at its line of mkdocs.yml,
    in the words `build` uses.
    """
    if not config.is_file():
        return DEFAULT_LANGUAGES
    try:
        return site_settings(config, read_base_config(config)).codes
    except (BuildError, SettingsError) as error:
        raise UsageError(str(error)) from None
