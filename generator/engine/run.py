"""One language's MkDocs build, its log lines collected and reported."""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TextIO

from generator.data.errors import BuildError


def mkdocs_paths(config: Path, site_dir: Path) -> dict[str, str]:
    """The configuration file and the site folder as MkDocs must be given them: absolute.

    MkDocs reads a relative `site_dir`, even one given here, from the folder of the configuration file, not from
    the current folder: `site` with `build/en/mkdocs.yml` would be `build/en/site`.
    """
    return {"config_file": str(config.resolve()), "site_dir": str(site_dir.resolve())}


@contextmanager
def _mkdocs_logs(lang: str, out: TextIO) -> Iterator[list[logging.LogRecord]]:
    """Keep MkDocs quiet (no INFO lines) and collect its warnings and errors to report them."""
    logger = logging.getLogger("mkdocs")
    records: list[logging.LogRecord] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record)

    handler = Collect(logging.WARNING)
    old_level, old_propagate = logger.level, logger.propagate
    logger.addHandler(handler)
    logger.setLevel(logging.WARNING)
    logger.propagate = False
    try:
        yield records
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old_level)
        logger.propagate = old_propagate
        for record in records:
            message = record.getMessage().strip().replace("\n", " ")
            print(f"mkdocs ({lang}): {record.levelname.lower()}: {message}", file=out)


def build_language(lang: str, config: Path, site_dir: Path, out: TextIO) -> None:
    """One MkDocs build, in strict mode: a warning means a broken page or link.

    `config` and `site_dir` are paths as the rest of the generator reads them (relative ones from the current folder).
    """
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    with _mkdocs_logs(lang, out):
        try:
            mkdocs_build(load_config(**mkdocs_paths(config, site_dir), strict=True))
        except MkDocsException as error:
            raise BuildError(f"MkDocs could not build the {lang} site ({config}): {error}") from None
        except Exception as error:  # noqa: BLE001 - a theme or template failure, reported without a traceback
            if os.environ.get("TIMELINE_DEBUG"):
                raise
            raise BuildError(f"MkDocs failed on the {lang} site ({config}): {type(error).__name__}: {error}") from None
