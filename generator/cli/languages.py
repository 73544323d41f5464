"""The site's languages for `check`, read from mkdocs.yml as the build reads them."""

from __future__ import annotations

from pathlib import Path

from generator.data.errors import BuildError, UsageError
from generator.data.language_names import DEFAULT_LANGUAGES
from generator.engine.config import read_base_config
from generator.languages.settings import settings_error, settings_of


def site_languages(config: Path) -> tuple[str, ...]:
    """The languages set in mkdocs.yml (extra.timeline.languages); the default pair when there is no such file.

    A mistake in the settings stops the command (exit 2) with every problem, each at its line of mkdocs.yml.
    """
    if not config.is_file():
        return DEFAULT_LANGUAGES
    try:
        base = read_base_config(config)
    except BuildError as error:
        raise UsageError(str(error)) from None
    settings, problems = settings_of(config, base)
    if settings is None:
        raise UsageError(str(settings_error(problems, str(config))))
    return settings.codes
