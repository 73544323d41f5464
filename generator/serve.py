"""`serve`: build, serve site/ on the loopback, rebuild and reload on changes.

MkDocs' own live-reload server does the serving and the browser reload; we
give it our builder, which never raises: a failed rebuild prints its errors
and leaves the last good site/ in place, so the server keeps serving it.
"""

from __future__ import annotations

import logging
import signal
import sys
import threading
from types import FrameType
from typing import TextIO

from .build import BuildOptions, build
from .check import UsageError

EXIT_OK, EXIT_USAGE = 0, 2


def make_builder(options: BuildOptions, out: TextIO) -> tuple[object, threading.Lock]:
    lock = threading.Lock()

    def rebuild() -> None:
        with lock:
            print("change detected: rebuilding…", file=out, flush=True)
            try:
                ok = build(options, out).ok
            except UsageError as error:  # e.g. events.yaml gone for a moment while an editor saves it
                print(f"error: {error}", file=out, flush=True)
                ok = False
            except Exception as error:  # noqa: BLE001 - keep serving the last good site
                print(f"internal error during the rebuild: {type(error).__name__}: {error}", file=out, flush=True)
                ok = False
            if not ok:
                print("the rebuild failed; still serving the last good site.", file=out, flush=True)
            out.flush()

    return rebuild, lock


def _stop_on_sigterm() -> None:
    # A terminated server (e.g. by a test or a process manager) shuts down cleanly.
    def handler(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, handler)


def serve(options: BuildOptions, host: str = "127.0.0.1", port: int = 8000, out: TextIO | None = None) -> int:
    from mkdocs.livereload import LiveReloadServer

    out = out or sys.stdout
    logging.getLogger("mkdocs.livereload").setLevel(logging.WARNING)
    first = build(options, out)
    if not first.ok and not options.site.is_dir():
        print("nothing to serve yet: fix the problems above; the site is built as soon as the files change.", file=out, flush=True)
    rebuild, _lock = make_builder(options, out)
    options.site.mkdir(parents=True, exist_ok=True)
    server = LiveReloadServer(builder=rebuild, host=host, port=port, root=str(options.site))  # type: ignore[arg-type]
    for path in (options.events, options.docs, options.config):
        if path.exists():
            server.watch(str(path))
    _stop_on_sigterm()
    try:
        server.server_bind()
        server.server_activate()
    except OSError as error:
        print(f"error: cannot serve on {host}:{port}: {error.strerror}. Choose another port with --port.", file=sys.stderr)
        server.server_close()
        return EXIT_USAGE
    # Bound already: serve() must not bind again.
    server.server_bind = lambda: None  # type: ignore[method-assign]
    server.server_activate = lambda: None  # type: ignore[method-assign]
    print(f"serving on http://{host}:{port}/ (Arabic: /ar/, English: /en/); watching {options.events}, {options.docs}/ and {options.config}. Stop with Ctrl+C.", file=out, flush=True)
    try:
        server.serve()
    except KeyboardInterrupt:
        print("stopped.", file=out, flush=True)
    finally:
        server.shutdown()
    return EXIT_OK
