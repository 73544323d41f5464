"""The preview: MkDocs' live-reload server, serving the built site and reloading the browser after a rebuild.

Added to MkDocs' server:
- changes are noticed through the system's file events (watchdog's native
  observer, inotify on Linux) instead of polling every half second; a file is
  watched through its folder, so an editor that saves by writing a new file
  and renaming it over the old one is still seen;
- while the last save has problems, every HTML page it serves carries them
  in a panel that can be folded (`set_problems`, overlay.py): errors (the site
  stays the last good one) and warnings (which fail the pull request's check);
- an address with no file gets the site's own 404 page (the language's, by
  the address's first folder, else the root's), never a traceback; before any
  build succeeded, a short page that carries the problems and reloads;
- the server's own lines (each request, a request it could not answer) go to
  a logger of its own, not MkDocs': a rebuild counts every MkDocs warning as
  a failure (strict mode), and a browser asking for a missing file while
  `serve` rebuilds is no problem of the site.
"""

from __future__ import annotations

import logging
import os
import threading
import time
import wsgiref.simple_server
from collections.abc import Callable, Sequence
from typing import Any

from .overlay import page_language, problems_overlay

# Not under "mkdocs" (MkDocs' server logs there, a request for a missing file as a warning): while a rebuild
# runs, every warning on that logger is the build's (engine/run.py), and fails it.
log = logging.getLogger("generator.preview")

# Served for every address while there is no site at all: the problems box is shown over it, and the
# browser reloads by itself once a build succeeds.
_NOTHING_BUILT = (
    b'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Not built yet</title></head>'
    b"<body><p>The site is not built yet: see the problems above (and in the terminal). "
    b"This page reloads by itself once they are fixed.</p></body></html>"
)


class _RequestLog(wsgiref.simple_server.WSGIRequestHandler):
    """Each request on our logger, at debug level (MkDocs' handler logs each answer but 200 as a warning on its own)."""

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        log.debug('"%s" %s', self.requestline, code)

    def log_message(self, format: str, *args: Any) -> None:
        log.debug(format, *args)


def preview_server(rebuild: Callable[[], None], host: str, port: int, root: str) -> Any:
    """A server for `root` that calls `rebuild` when a watched path (`server.watch`) changes; not yet bound."""
    import watchdog.events
    import watchdog.observers
    from mkdocs.livereload import LiveReloadServer  # imported when serving only: `build` need not load it

    class PreviewServer(LiveReloadServer):
        # Connections waiting to be accepted: the default (5) drops requests when a
        # browser opens many pages at once; the system may lower it to its own limit.
        request_queue_size = 1024

        def __init__(self) -> None:
            super().__init__(builder=rebuild, host=host, port=port, root=root)
            self.RequestHandlerClass = _RequestLog
            self.observer = watchdog.observers.Observer()  # type: ignore[assignment] # the system's file events, not polling
            self._problems: tuple[str, ...] = ()
            self._problems_lock = threading.Lock()

        # -- noticing changes -------------------------------------------------------

        def watch(self, path: str, func: None = None, *, recursive: bool = True) -> None:
            path = os.path.abspath(path)
            if path in self._watched_paths:
                return
            self._watched_paths[path] = 1
            is_folder = os.path.isdir(path)

            def changed(event: watchdog.events.FileSystemEvent) -> None:
                if event.is_directory:
                    return
                if not is_folder:
                    touched = {os.fsdecode(event.src_path), os.fsdecode(getattr(event, "dest_path", "") or "")}
                    if path not in touched:
                        return
                if event.event_type in ("opened", "closed_no_write"):  # read, not changed
                    return
                with self._rebuild_cond:
                    self._want_rebuild = True
                    self._rebuild_cond.notify_all()

            handler = watchdog.events.FileSystemEventHandler()
            handler.on_any_event = changed  # type: ignore[method-assign]
            folder = path if is_folder else os.path.dirname(path)
            self._watch_refs[path] = self.observer.schedule(handler, folder, recursive=is_folder)

        def reload_browsers(self) -> None:
            """Reload the open pages now, for pages written after the rebuild returned (`serve` writes the edited
            event's page, returns so that it is served and shown, then builds the other pages)."""
            with self._epoch_cond:
                if self._visible_epoch == self._wanted_epoch:  # no rebuild under way: that one reloads them when done
                    self._wanted_epoch = self._visible_epoch = max(self._visible_epoch + 1, round(time.monotonic() * 1000))
                    self._epoch_cond.notify_all()

        # -- problems over the page ---------------------------------------------------

        def set_problems(self, problems: Sequence[str]) -> None:
            """Show these messages over every page from now on (none: no box)."""
            with self._problems_lock:
                self._problems = tuple(problems)

        def _inject_js_into_html(self, content: bytes, epoch: int) -> bytes:
            content = super()._inject_js_into_html(content, epoch)
            with self._problems_lock:
                problems = self._problems
            if not problems:
                return content
            try:
                body_end = content.rindex(b"</body>")
            except ValueError:
                body_end = len(content)
            return content[:body_end] + problems_overlay(problems, page_language(content)) + content[body_end:]

        # -- answers --------------------------------------------------------------------

        def serve_request(self, environ: dict[str, Any], start_response: Any) -> Any:
            try:
                found = self._serve_request(environ, start_response)
            except Exception as error:  # noqa: BLE001 - one line in the terminal, never a traceback
                log.warning("could not answer %s: %s: %s", environ.get("PATH_INFO", ""), type(error).__name__, error)
                start_response("500 Internal Server Error", [("Content-Type", "text/plain; charset=utf-8")])
                return [b"500 Internal Server Error"]
            if found is not None:
                return found
            return self._not_found(environ.get("PATH_INFO", ""), start_response)

        def _serve_request(self, environ: dict[str, Any], start_response: Any) -> Any:
            # A NUL byte (GET /%00) can name no file: not found, not a crash with a traceback in the log.
            if "\x00" in environ.get("PATH_INFO", ""):
                return None
            return super()._serve_request(environ, start_response)

        def _not_found(self, path: str, start_response: Any) -> Any:
            """The site's own 404 page: the language's (by the first folder of the address), else the root's, in every
            language (else, for a site built before it had one, the language choice)."""
            first = path.lstrip("/").split("/", 1)[0]
            candidates = [os.path.join(self.root, "404.html"), os.path.join(self.root, "index.html")]
            if first and first not in (".", "..") and "\x00" not in first:
                candidates.insert(0, os.path.join(self.root, first, "404.html"))
            content = _NOTHING_BUILT  # no site yet (the first build failed): still a page, for the problems and the reload
            for candidate in candidates:
                try:
                    with open(candidate, "rb") as file:
                        content = file.read()
                    break
                except OSError:
                    continue
            with self._epoch_cond:
                epoch = self._visible_epoch
            content = self._inject_js_into_html(content, epoch)
            start_response("404 Not Found", [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(content)))])
            return [content]

    return PreviewServer()


def quiet_preview_logs() -> None:
    """No line per request: only the server's warnings reach the terminal."""
    logging.getLogger("mkdocs.livereload").setLevel(logging.WARNING)
