"""`serve`: build, serve site/ on the loopback, rebuild and reload on changes.

The engine's live-reload server (engine/preview.py) does the serving and the
browser reload; we give it our builder (`Preview.rebuild`), which never raises:
a failed rebuild prints its errors, shows them over every served page, and
leaves the last good site/ in place, so the server keeps serving it.

A save of events.yaml, or of a setting only pages read, is rebuilt
incrementally (generator/build/incremental.py): only the pages that read
something that changed are made again, into site/ itself, and the search index
is refreshed once the edits pause. A change of docs/, of the rest of mkdocs.yml,
or of the site's title builds everything, as `build` does. Every write to the
site after the first build is made by one thread (site_writer.py).
"""

from __future__ import annotations

import io
import ipaddress
import re
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Any, TextIO

from generator.data.addresses import HOME
from generator.data.check_file import check_file, fails, print_report
from generator.data.errors import BuildError, UsageError
from generator.data.language_names import language_name
from generator.engine.config import read_base_config
from generator.engine.live import LiveLanguage
from generator.engine.preview import preview_server, quiet_preview_logs
from generator.site.site_address import with_site_url

from . import incremental
from .context import BuildOptions
from .pipeline import build, build_settings
from .publish import build_lock, check_paths
from .site_writer import SearchRefresh, SiteWriter

EXIT_OK, EXIT_USAGE = 0, 2

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


@dataclass(frozen=True)
class Inputs:
    """What, besides events.yaml, a build reads (by size and time): the configuration, and the hand-written pages."""

    config: tuple[object, ...]
    pages: tuple[object, ...]


def _stat(path: Path) -> tuple[object, ...]:
    try:
        stat = path.stat()
    except OSError:
        return (str(path), None)
    return (str(path), stat.st_mtime_ns, stat.st_size)


def _inputs(options: BuildOptions) -> Inputs:
    pages = tuple(_stat(path) for path in sorted(options.docs.rglob("*") if options.docs.is_dir() else ()))
    return Inputs(_stat(options.config), pages)


class Preview:
    """The builder given to the server: the first build, then every rebuild, whole or incremental, each run by the
    site's one writer (site_writer.py); the server's threads only wait for it."""

    def __init__(self, options: BuildOptions, out: TextIO) -> None:
        self.options, self.out = options, out
        self.writer = SiteWriter()
        self.server: Any = None  # set by serve(); gets the problems to show over the pages
        # The fields below are the writer's: only its jobs read or change them.
        self.snapshot: incremental.Snapshot | None = None
        self.inputs: Inputs | None = None
        self.live: dict[str, LiveLanguage] = {}
        self.search: SearchRefresh | None = None
        # Set by an incremental rebuild that wrote the edited pages: the rest (the engine's pages), queued as the
        # writer's next job, so that the server serves and shows the edited page meanwhile (it answers no request
        # while its builder runs).
        self._rest: Callable[[TextIO], bool] | None = None

    def first_build(self) -> bool:
        """The first build, before the server starts: in the command's own thread, while no other thread could write
        the site, so that Ctrl+C stops it at once."""
        recorder = _Recorder(self.out)
        ok = self._full(recorder)
        self._show(recorder.problems())  # a build that succeeded may still have warnings, which fail the pull request
        return ok

    def rebuild(self) -> None:
        """The server's builder: returns once the edited pages are written; the rest follows in the writer."""
        self.writer.run(self._rebuild_job)

    def _rebuild_job(self) -> None:
        print("change detected: rebuilding…", file=self.out, flush=True)
        if self.search is not None:
            self.search.cancel()  # an index begun before this save would miss it
        self._settle(self._rebuild)
        rest, self._rest = self._rest, None
        if rest is not None:
            self.writer.submit(partial(self._finish, rest))

    def _finish(self, rest: Callable[[TextIO], bool]) -> None:
        """The rest of a rebuild, after the edited pages are served."""
        self._settle(rest, keep_shown=True)
        if self.server is not None:
            self.server.reload_browsers()

    def wait(self) -> None:
        """Until the rest of the last rebuild is done."""
        self.writer.wait(timeout=120)

    def stop(self) -> None:
        if self.search is not None:
            self.search.stop()
        self.writer.stop()

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
        inputs = _inputs(self.options)
        if self.snapshot is not None and self.live and self.inputs is not None and inputs.pages == self.inputs.pages:
            done = self._incremental(self.snapshot, inputs, out)
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
        self.snapshot = incremental.Snapshot(result.timeline, settings, base, result.shells, result.reads)
        self.live, self.inputs = live, inputs
        if self.search is None:
            self.search = SearchRefresh(options, settings.codes, self.writer, self.out)
        return True

    def _incremental(self, snapshot: incremental.Snapshot, inputs: Inputs, out: TextIO) -> bool | None:
        """Rebuild after a save of events.yaml (or of the settings only pages read); None when everything must be built instead."""
        options = self.options
        started = time.monotonic()
        settings, base = snapshot.settings, snapshot.base
        if self.inputs is not None and inputs.config != self.inputs.config:
            try:
                base = with_site_url(read_base_config(options.config), options.config, options.served_at)
                settings = build_settings(base, options.config)
            except BuildError:
                return None  # the full build says what is wrong
        result = check_file(options.events, settings.codes)
        if result.problems:
            print_report(result, "text", options.strict, out)
        if fails(result, options.strict) or result.timeline is None:
            print(f"build stopped: {options.site}/ was left as it was.", file=out)
            return False
        timeline = result.timeline
        if incremental.needs_full_build(snapshot, timeline, settings, base):
            return None
        try:
            with build_lock(options.site, options.work):
                rebuilt = incremental.rebuild(snapshot, timeline, self.live, options, out, settings, base)
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
                    finished = rebuilt.finish()
            except (BuildError, OSError) as error:
                print(f"the quick rebuild stopped ({error}); building everything.", file=out, flush=True)
                return self._full(out)
            self.snapshot, self.inputs = finished.snapshot, inputs
            if self.search is not None:
                self.search.schedule(finished.after_engine)
            else:
                finished.after_engine()
            total = written + finished.pages
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
    print(f"serving on http://{host}:{port}/ ({_language_paths(options)}); watching {options.events}, {options.docs}/ and {options.config}. Stop with Ctrl+C.", file=out, flush=True)
    try:
        server.serve()
    except KeyboardInterrupt:
        print("stopped.", file=out, flush=True)
    finally:
        server.shutdown()
        preview.wait()
        preview.stop()
    return EXIT_OK


def _language_paths(options: BuildOptions) -> str:
    """ "French: /fr/, Arabic: /ar/": the site's languages as its settings name them (each in English, as the console speaks)."""
    try:
        codes = build_settings(read_base_config(options.config), options.config).codes
    except (BuildError, OSError):
        return "each language under its code"
    return ", ".join(f"{language_name(code)}: /{code}/" for code in codes)
