"""One language's MkDocs build kept alive between saves, for `serve`: only the pages named are rebuilt.

A full MkDocs build, even `--dirty`, compiles the theme's templates, lists the
theme's files and reads every page's source on each run: at 1,000 events that
is most of a second per language before any page changes. Here that work is
done once, after a full build; a rebuild then reads and writes only the pages
it is given (plus the theme's `sitemap.xml` and `404.html`, which list every
page), in the same steps MkDocs takes for each page (plugin and hook events
included). The output is the same as a full build of the same docs folder:
tests/test_serve.py compares every file.

This uses MkDocs' per-page build steps (`_populate_page`, `_build_page`,
`_build_theme_template`), which are not public API: MkDocs is pinned in
constraints.txt, and a failure here makes `serve` fall back to a full build.
"""

from __future__ import annotations

import logging
import os
import shutil
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO

from generator.data.errors import BuildError

from .run import _mkdocs_logs, mkdocs_paths


class LiveLanguage:
    """The MkDocs state of one language's site (configuration, files, navigation, theme), ready to rebuild single pages."""

    def __init__(self, lang: str, config_file: Path, site_dir: Path, out: TextIO) -> None:
        from mkdocs.commands.build import get_navigation
        from mkdocs.config import load_config
        from mkdocs.structure.files import get_files, set_exclusions
        from mkdocs.structure.pages import Page

        self.lang = lang
        self.site_dir = site_dir.resolve()  # as MkDocs' output paths are (`mkdocs_paths`)
        self.out = out
        with self._logs():
            config: Any = load_config(**mkdocs_paths(config_file, site_dir), strict=True)
            config = config.plugins.on_config(config)
            config.plugins.on_pre_build(config=config)
            files = get_files(config)
            env = config.theme.get_env()
            files.add_files_from_theme(env, config)
            files = config.plugins.on_files(files, config=config)
            set_exclusions(files, config)
            self.nav = config.plugins.on_nav(get_navigation(files, config), config=config, files=files)
            for file in files.documentation_pages():
                if file.page is None:  # pages outside the navigation (events, entities), as MkDocs' build makes them
                    Page(None, file, config)
            self.env = config.plugins.on_env(env, config=config, files=files)
        self.config = config
        self.files = files

    def _logs(self) -> Any:
        return _strict_logs(self.lang, self.out)

    def rebuild(self, changed: Iterable[str], removed: Iterable[str]) -> None:
        """Rebuild the pages at these docs-folder paths (new ones included) and forget the removed ones; BuildError on any warning."""
        from mkdocs.commands.build import _build_page, _build_theme_template, _populate_page
        from mkdocs.structure.files import File, InclusionLevel, set_exclusions
        from mkdocs.structure.pages import Page
        from mkdocs.utils import get_build_date

        config, files = self.config, self.files
        with self._logs():
            for src_uri in removed:
                file = files.get_file_from_path(src_uri)
                if file is not None:
                    files.remove(file)
                    _remove_output(Path(file.abs_dest_path), self.site_dir)
            wanted = []
            for src_uri in changed:
                file = files.get_file_from_path(src_uri)
                if file is None:
                    file = File(src_uri, config.docs_dir, config.site_dir, config.use_directory_urls)
                    files = self.files = _inserted(files, file)
                    set_exclusions([file], config)
                    Page(None, file, config)
                wanted.append(file)
            for file in wanted:
                assert file.page is not None
                _populate_page(file.page, config, files)
            doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)
            # Each page records the build date when it is made (sitemap.xml's lastmod); it may have moved since.
            build_date = get_build_date()
            for file in doc_files:
                if file.page is not None:
                    file.page.update_date = build_date
            for template in config.theme.static_templates:
                _build_theme_template(template, self.env, files, config, self.nav)
            for file in wanted:
                assert file.page is not None
                _build_page(file.page, config, doc_files, self.nav, self.env)
            # Unchanged pages keep no content in memory: a thousand pages' HTML is not needed again.
            for file in wanted:
                assert file.page is not None
                file.page.validate_anchor_links(files=files, log_level=config.validation.links.anchors)
                file.page.content = None
                file.page.markdown = None


def _inserted(files: Any, new: Any) -> Any:
    """`files` with `new` where MkDocs' own walk of the docs folder puts it (sitemap.xml lists pages in this order),
    a page of a folder that has none yet (the first year page of a timeline split by year) included."""
    from mkdocs.structure.files import Files

    listed = list(files)
    # The walk's files (the theme's are added after them, and keep their place).
    walked = [index for index, file in enumerate(listed) if file.src_dir == new.src_dir]
    key = walk_order(new.src_uri)
    later = [index for index in walked if walk_order(listed[index].src_uri) > key]
    position = later[0] if later else (walked[-1] + 1 if walked else 0)
    listed.insert(position, new)
    return Files(listed)


def walk_order(src_uri: str) -> tuple[tuple[int, object], ...]:
    """Where MkDocs' walk of the docs folder (os.walk, top down, folders sorted) lists a file: a folder's own files
    first (index.md before the others), then each of its folders in order, with everything in it."""
    from mkdocs.structure.files import _file_sort_key

    *folders, name = src_uri.split("/")
    return (*((1, folder) for folder in folders), (0, _file_sort_key(name)))


def _remove_output(page_file: Path, site_dir: Path) -> None:
    """A removed page's output: its folder (events/<id>/) when it holds nothing else, else the file."""
    page_file.unlink(missing_ok=True)
    folder = page_file.parent
    if folder != site_dir and site_dir in folder.parents and folder.is_dir() and not any(folder.iterdir()):
        shutil.rmtree(folder)


@contextmanager
def _strict_logs(lang: str, out: TextIO) -> Iterator[None]:
    """MkDocs' warnings printed as in a full build; any of them fails the rebuild, as in the strict full build."""
    with _mkdocs_logs(lang, out) as records:
        try:
            yield
        except BuildError:
            raise
        except Exception as error:  # noqa: BLE001 - a theme or page failure, reported without a traceback
            if os.environ.get("TIMELINE_DEBUG"):
                raise
            raise BuildError(f"MkDocs could not rebuild the {lang} site: {type(error).__name__}: {error}") from None
    if any(record.levelno >= logging.WARNING for record in records):
        raise BuildError(f"MkDocs warned while rebuilding the {lang} site (see above).")
