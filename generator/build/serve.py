"""`serve`: build, serve site/ on the loopback, rebuild and reload on changes.

The engine's live-reload server (engine/preview.py) does the serving and the
browser reload; we give it our builder (`Preview.rebuild`), which never raises:
a failed rebuild prints its errors, shows them over every served page, and
leaves the last good site/ in place, so the server keeps serving it.

A save of events.yaml alone is rebuilt incrementally (generator/build/incremental.py):
only the pages whose inputs changed are rendered and built, into site/ itself,
and the search index is refreshed once the edits pause. A change of docs/ or
mkdocs.yml, or of the site's title, builds everything, as `build` does.
"""

from __future__ import annotations

import io
import ipaddress
import re
import shutil
import sys
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import replace
from typing import Any, TextIO

from generator.data.addresses import HOME
from generator.data.check_file import check_file, fails, print_report
from generator.data.errors import BuildError, UsageError
from generator.engine.config import read_base_config
from generator.engine.live import LiveLanguage
from generator.engine.preview import preview_server, quiet_preview_logs
from generator.site.site_address import with_site_url

from . import incremental
from .context import BuildOptions
from .pipeline import build, build_settings
from .publish import build_lock, check_paths
from .search import BUNDLE, SearchError, index_site

EXIT_OK, EXIT_USAGE = 0, 2
SEARCH_DELAY = 3.0  # seconds without a save before the search index is refreshed

# The lines of a rebuild's output that are problems to show over the page: the checker's (file:line:col: ...),
# the build's errors and the engine's warnings.
_PROBLEM_LINE = re.compile(r"^(?:.+?:\d+(?::\d+)?: (?:error|warning): |error: |mkdocs \()")


class _Recorder(io.StringIO):
    """Writes through to the terminal and keeps a copy, so that a failed rebuild's messages can be shown in the browser."""

    def __init__(self, out: TextIO) -> None:
        super().__init__()
        self.out = out

    def write(self, text: str) -> int:
        super().write(text)
        return self.out.write(text)

    def flush(self) -> None:
        self.out.flush()

    def problems(self) -> list[str]:
        """Each problem's message, with the indented lines under it (a settings problem lists each wrong setting)."""
        found: list[str] = []
        follows = False
        for line in self.getvalue().splitlines():
            if _PROBLEM_LINE.match(line):
                found.append(line)
                follows = True
            elif follows and line[:1].isspace() and line.strip():
                found[-1] += "\n" + line
            else:
                follows = False
        return found


def _inputs(options: BuildOptions) -> tuple[object, ...]:
    """What, besides events.yaml, a build reads: the configuration and the hand-written pages (by size and time)."""
    found: list[object] = []
    for path in (options.config, *sorted(options.docs.rglob("*") if options.docs.is_dir() else ())):
        try:
            stat = path.stat()
        except OSError:
            found.append((str(path), None))
            continue
        found.append((str(path), stat.st_mtime_ns, stat.st_size))
    return tuple(found)


class SearchRefresh:
    """Refreshes the search index once the edits pause, in the background: the changed page is shown first.

    Pagefind writes into a folder of the work folder; the result replaces site/pagefind/ only if no rebuild
    happened meanwhile (otherwise a newer refresh is already due).
    """

    def __init__(self, options: BuildOptions, languages: tuple[str, ...], lock: threading.Lock, out: TextIO, delay: float = SEARCH_DELAY) -> None:
        self.options, self.languages, self.lock, self.out, self.delay = options, languages, lock, out, delay
        self._state = threading.Lock()
        self._generation = 0
        self._timer: threading.Timer | None = None
        self._running: threading.Thread | None = None
        self._before_index: Callable[[], None] | None = None

    def schedule(self, before_index: Callable[[], None] | None = None) -> None:
        """Refresh when the edits pause; `before_index` (the latest rebuild's data files) is written first."""
        with self._state:
            self._generation += 1
            self._before_index = before_index
            if self._timer is not None:
                self._timer.cancel()
            self._timer = threading.Timer(self.delay, self._refresh, args=(self._generation,))
            self._timer.daemon = True
            self._timer.start()

    def cancel(self) -> None:
        """The site was built whole, with its index: nothing to refresh."""
        with self._state:
            self._generation += 1
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None

    def stop(self) -> None:
        self.cancel()
        running = self._running
        if running is not None:
            running.join(timeout=60)

    def _refresh(self, generation: int) -> None:
        self._running = threading.current_thread()
        site = self.options.site
        bundle = self.options.work / f"search-{uuid.uuid4().hex[:8]}"
        try:
            with self.lock:  # no rebuild is writing the site now
                with self._state:
                    if generation != self._generation:
                        return
                    before_index, self._before_index = self._before_index, None
                if before_index is not None:
                    try:
                        before_index()
                    except BuildError as error:
                        print(f"error: the data files could not be written: {error}", file=self.out, flush=True)
                        return
            try:
                index_site(site, self.languages, self.options.pagefind, bundle)
            except SearchError as error:
                print(f"error: the search index could not be refreshed: {error}", file=self.out, flush=True)
                return
            with self.lock:  # no rebuild is writing the site now
                with self._state:
                    if generation != self._generation:
                        return
                target = site / BUNDLE
                old = self.options.work / f"search-old-{uuid.uuid4().hex[:8]}"
                if target.exists():
                    shutil.move(str(target), str(old))
                shutil.move(str(bundle), str(target))
                shutil.rmtree(old, ignore_errors=True)
            print("search index updated.", file=self.out, flush=True)
        except OSError as error:
            print(f"error: the search index could not be refreshed: {error}", file=self.out, flush=True)
        finally:
            shutil.rmtree(bundle, ignore_errors=True)
            self._running = None


class Preview:
    """The builder given to the server: the first build, then every rebuild, whole or incremental."""

    def __init__(self, options: BuildOptions, out: TextIO) -> None:
        self.options, self.out = options, out
        self.lock = threading.Lock()
        self.server: Any = None  # set by serve(); gets the problems to show over the pages
        self.snapshot: incremental.Snapshot | None = None
        self.inputs: tuple[object, ...] = ()
        self.live: dict[str, LiveLanguage] = {}
        self.search: SearchRefresh | None = None
        # Set by an incremental rebuild that wrote the edited pages: the rest (the engine's pages), run after
        # `rebuild` returned, so that the server serves and shows the edited page meanwhile (it answers no
        # request while its builder runs). It runs holding the lock: the next rebuild waits for it.
        self._rest: Callable[[TextIO], bool] | None = None
        self._finisher: threading.Thread | None = None

    def first_build(self) -> bool:
        with self.lock:
            recorder = _Recorder(self.out)
            ok = self._full(recorder)
            self._show(recorder.problems())  # a build that succeeded may still have warnings, which fail the pull request
            return ok

    def rebuild(self) -> None:
        self.lock.acquire()
        rest = None
        try:
            print("change detected: rebuilding…", file=self.out, flush=True)
            self._settle(self._rebuild)
            rest, self._rest = self._rest, None
        finally:
            if rest is None:
                self.lock.release()
        if rest is not None:
            self._finisher = threading.Thread(target=self._finish, args=(rest,), daemon=True)
            self._finisher.start()

    def _finish(self, rest: Callable[[TextIO], bool]) -> None:
        """The rest of a rebuild, after the edited pages are served; the lock is held, released at the end."""
        try:
            self._settle(rest, keep_shown=True)
            if self.server is not None:
                self.server.reload_browsers()
        finally:
            self.lock.release()

    def wait(self) -> None:
        """Until the rest of the last rebuild is done."""
        finisher = self._finisher
        if finisher is not None:
            finisher.join(timeout=120)

    def _settle(self, step: Callable[[TextIO], bool], keep_shown: bool = False) -> None:
        """Run a rebuild step; print and show its problems (warnings too), or clear them.
        `keep_shown`: the step is the rest of a rebuild; if it succeeds, the warnings of its start stay shown."""
        recorder = _Recorder(self.out)
        try:
            ok = step(recorder)
        except UsageError as error:  # e.g. events.yaml gone for a moment while an editor saves it
            print(f"error: {error}", file=recorder, flush=True)
            ok = False
        except Exception as error:  # noqa: BLE001 - keep serving the last good site
            print(f"internal error during the rebuild: {type(error).__name__}: {error}", file=recorder, flush=True)
            ok = False
        if not ok:
            print("the rebuild failed; still serving the last good site.", file=self.out, flush=True)
        if not (ok and keep_shown):
            self._show(recorder.problems() if ok else recorder.problems() or ["the rebuild failed; see the terminal."])
        self.out.flush()

    def _show(self, problems: Any) -> None:
        if self.server is not None:
            self.server.set_problems(list(problems))

    def _rebuild(self, out: TextIO) -> bool:
        if self.snapshot is not None and self.live and _inputs(self.options) == self.inputs:
            done = self._incremental(self.snapshot, out)
            if done is not None:
                return done
        return self._full(out)

    def _full(self, out: TextIO) -> bool:
        options = self.options
        self.snapshot, self.live = None, {}
        inputs = _inputs(options)
        result = build(options, out)
        if not result.ok or result.timeline is None:
            return False
        if self.search is not None:
            self.search.cancel()  # the new site has its own index
        try:
            base = with_site_url(read_base_config(options.config), options.config, options.served_at)
            settings = build_settings(base, options.config)
            live = {lang: LiveLanguage(lang, options.work / lang / "mkdocs.yml", options.site / lang, out) for lang in settings.codes}
            for language in live.values():
                language.rebuild([HOME], [])  # compiles the theme's templates now, not at the first edit
        except (BuildError, OSError) as error:
            print(f"note: the next changes will be built whole ({error}).", file=out, flush=True)
            return True
        self.snapshot, self.live, self.inputs = incremental.Snapshot(result.timeline, settings, base, result.shells), live, inputs
        if self.search is None:
            self.search = SearchRefresh(options, settings.codes, self.lock, self.out)
        return True

    def _incremental(self, snapshot: incremental.Snapshot, out: TextIO) -> bool | None:
        """Rebuild after a save of events.yaml; None when everything must be built instead."""
        options = self.options
        started = time.monotonic()
        result = check_file(options.events, snapshot.settings.codes)
        if result.problems:
            print_report(result, "text", options.strict, out)
        if fails(result, options.strict) or result.timeline is None:
            print(f"build stopped: {options.site}/ was left as it was.", file=out)
            return False
        timeline = result.timeline
        if incremental.needs_full_build(snapshot.timeline, timeline):
            return None
        try:
            with build_lock(options.site, options.work):
                rebuilt = incremental.rebuild(snapshot, timeline, self.live, options, out)
        except (BuildError, OSError) as error:
            print(f"the quick rebuild stopped ({error}); building everything.", file=out, flush=True)
            return None
        written = rebuilt.pages
        print(
            f"wrote {written} event and entity page{'s' if written != 1 else ''} in {time.monotonic() - started:.2f} s; the other pages follow.",
            file=out, flush=True,
        )

        def rest(out: TextIO) -> bool:
            try:
                with build_lock(options.site, options.work):
                    pages, after_engine = rebuilt.finish()
            except (BuildError, OSError) as error:
                print(f"the quick rebuild stopped ({error}); building everything.", file=out, flush=True)
                return self._full(out)
            self.snapshot = replace(snapshot, timeline=timeline, shells=rebuilt.shells)
            if self.search is not None:
                self.search.schedule(after_engine)
            else:
                after_engine()
            total = written + pages
            print(
                f"rebuilt {total} page{'s' if total != 1 else ''} of {options.site}/ in {time.monotonic() - started:.2f} s:"
                f" {len(timeline.events)} events; the data files and the search index follow when the edits pause.",
                file=out, flush=True,
            )
            return True

        self._rest = rest
        return True


def served_address(host: str, port: int) -> str | None:
    """The address a browser reaches the preview at; None when the host is every address of the machine (0.0.0.0)."""
    try:
        address = ipaddress.ip_address(host)
    except ValueError:  # a name, such as localhost
        return f"http://{host}:{port}/"
    if address.is_unspecified:
        return None
    return f"http://[{host}]:{port}/" if address.version == 6 else f"http://{host}:{port}/"


def make_builder(options: BuildOptions, out: TextIO) -> tuple[Any, threading.Lock]:
    """The rebuild function the server calls, and the lock it holds while rebuilding."""
    preview = Preview(options, out)
    return preview.rebuild, preview.lock


def serve(options: BuildOptions, host: str = "127.0.0.1", port: int = 8000, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    quiet_preview_logs()
    # Without SITE_URL, the preview's pages name the address they are served at, with its real port.
    options = replace(options, served_at=served_address(host, port))
    try:
        check_paths(options)  # wrong folders would fail every rebuild: say so once, and stop
    except BuildError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_USAGE
    preview = Preview(options, out)
    server = preview_server(preview.rebuild, host=host, port=port, root=str(options.site.resolve()))
    preview.server = server
    # The address first: a busy port is reported at once, not after a whole build.
    try:
        server.server_bind()
        server.server_activate()
    except OSError as error:
        print(f"error: cannot serve on {host}:{port}: {error.strerror}. Choose another port with --port.", file=sys.stderr)
        server.server_close()
        return EXIT_USAGE
    # Bound already: serve() must not bind again.
    server.server_bind = lambda: None
    server.server_activate = lambda: None
    try:
        ok = preview.first_build()
    except KeyboardInterrupt:
        server.server_close()
        raise
    if not ok and not options.site.is_dir():
        print("nothing to serve yet: fix the problems above; the site is built as soon as the files change.", file=out, flush=True)
    options.site.mkdir(parents=True, exist_ok=True)
    for path in (options.events, options.docs, options.config):
        if path.exists():
            server.watch(str(path))
    print(f"serving on http://{host}:{port}/ (Arabic: /ar/, English: /en/); watching {options.events}, {options.docs}/ and {options.config}. Stop with Ctrl+C.", file=out, flush=True)
    try:
        server.serve()
    except KeyboardInterrupt:
        print("stopped.", file=out, flush=True)
    finally:
        server.shutdown()
        preview.wait()
        if preview.search is not None:
            preview.search.stop()
    return EXIT_OK
