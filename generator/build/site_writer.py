"""`serve`'s writes to the site, in one thread: builds, quick rebuilds, the engine's pages, data files, the search index.

The server's threads (its builder, which the file watcher wakes, and the timer of the search refresh) never
write the site: they hand each piece of work to the `SiteWriter`, a thread that takes them from a queue one
at a time, in the order given (concurrent.futures' ThreadPoolExecutor of one thread). So no two writes
overlap and no lock is needed. Only Pagefind runs beside it: it reads the site and writes into the work
folder, and its index replaces site/pagefind/ in the writer, and only if no rebuild happened meanwhile.
"""

from __future__ import annotations

import shutil
import threading
import uuid
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from functools import partial
from pathlib import Path
from typing import TextIO, TypeVar

from generator.data.errors import BuildError

from .context import BuildOptions
from .search import BUNDLE, SearchError, index_site

T = TypeVar("T")
SEARCH_DELAY = 3.0  # seconds without a save before the search index is refreshed


class SiteWriter:
    """The one thread that writes the served site, taking its work from a queue."""

    def __init__(self) -> None:
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="site-writer")

    def submit(self, job: Callable[[], T]) -> Future[T]:
        """Queue `job`; it runs after everything queued before it."""
        return self._executor.submit(job)

    def run(self, job: Callable[[], T]) -> T:
        """Queue `job` and wait for it (from another thread than the writer's); its exception is raised here."""
        return self.submit(job).result()

    def wait(self, timeout: float | None = None) -> None:
        """Until everything queued so far is done."""
        self.submit(lambda: None).result(timeout=timeout)

    def stop(self) -> None:
        """Finish what is queued, then end the thread."""
        self._executor.shutdown(wait=True)


class SearchRefresh:
    """Refreshes the search index once the edits pause: the edited pages are shown first.

    Each save makes a new generation; a refresh of an older one is dropped at each of its steps.
    """

    def __init__(self, options: BuildOptions, languages: tuple[str, ...], writer: SiteWriter, out: TextIO, delay: float = SEARCH_DELAY) -> None:
        self.options, self.languages, self.writer, self.out, self.delay = options, languages, writer, out, delay
        self._state = threading.Lock()  # guards the fields below, which the timer, the writer and Pagefind's thread share
        self._generation = 0
        self._timer: threading.Timer | None = None
        self._indexing: threading.Thread | None = None
        self._before_index: Callable[[], None] | None = None

    def schedule(self, before_index: Callable[[], None] | None = None) -> None:
        """Refresh when the edits pause; `before_index` (the latest rebuild's data files) is written first."""
        with self._state:
            self._generation += 1
            self._before_index = before_index
            if self._timer is not None:
                self._timer.cancel()
            self._timer = threading.Timer(self.delay, self._due, args=(self._generation,))
            self._timer.daemon = True
            self._timer.start()

    def cancel(self) -> None:
        """A rebuild begins, or the site was built whole with its index: no refresh under way is kept."""
        with self._state:
            self._generation += 1
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None

    def stop(self) -> None:
        self.cancel()
        with self._state:
            indexing = self._indexing
        if indexing is not None:
            indexing.join(timeout=60)

    def _current(self, generation: int) -> bool:
        with self._state:
            return generation == self._generation

    def _due(self, generation: int) -> None:
        # The timer's thread: the writing is the writer's.
        if self._current(generation):
            self.writer.submit(partial(self._write_data, generation))

    def _write_data(self, generation: int) -> None:
        """In the writer: the data files the index leaves alone, then Pagefind, beside the writer."""
        with self._state:
            if generation != self._generation:
                return
            before_index, self._before_index = self._before_index, None
        try:
            if before_index is not None:
                before_index()
        except (BuildError, OSError) as error:
            print(f"error: the data files could not be written: {error}", file=self.out, flush=True)
            return
        indexing = threading.Thread(target=self._index, args=(generation,), name="search-index", daemon=True)
        with self._state:
            self._indexing = indexing
        indexing.start()

    def _index(self, generation: int) -> None:
        """Pagefind's run: it reads the site and writes into a folder of the work folder, which the writer moves in."""
        bundle = self.options.work / f"search-{uuid.uuid4().hex[:8]}"
        try:
            index_site(self.options.site, self.languages, self.options.pagefind, bundle)
        except (SearchError, OSError) as error:
            print(f"error: the search index could not be refreshed: {error}", file=self.out, flush=True)
            shutil.rmtree(bundle, ignore_errors=True)
            return
        self.writer.submit(partial(self._move_in, generation, bundle))

    def _move_in(self, generation: int, folder: Path) -> None:
        """In the writer: the new index replaces site/pagefind/, unless a rebuild happened since it began."""
        try:
            if not self._current(generation):
                return
            target = self.options.site / BUNDLE
            old = self.options.work / f"search-old-{uuid.uuid4().hex[:8]}"
            if target.exists():
                shutil.move(str(target), str(old))
            shutil.move(str(folder), str(target))
            shutil.rmtree(old, ignore_errors=True)
            print("search index updated.", file=self.out, flush=True)
        except OSError as error:
            print(f"error: the search index could not be refreshed: {error}", file=self.out, flush=True)
        finally:
            shutil.rmtree(folder, ignore_errors=True)
