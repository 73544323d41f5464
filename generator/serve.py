"""`serve`: build, serve site/ on the loopback, rebuild and reload on changes.

The engine's live-reload server (engine/preview.py) does the serving and the
browser reload; we give it our builder, which never raises: a failed rebuild prints its errors
and leaves the last good site/ in place, so the server keeps serving it.
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from typing import TextIO

from .build import BuildError, BuildOptions, build, check_paths
from .check import UsageError
from .engine import preview_server, quiet_preview_logs

EXIT_OK, EXIT_USAGE = 0, 2


def make_builder(options: BuildOptions, out: TextIO) -> tuple[Callable[[], None], threading.Lock]:
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


def serve(options: BuildOptions, host: str = "127.0.0.1", port: int = 8000, out: TextIO | None = None) -> int:
    out = out or sys.stdout
    quiet_preview_logs()
    try:
        check_paths(options)  # wrong folders would fail every rebuild: say so once, and stop
    except BuildError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_USAGE
    rebuild, _lock = make_builder(options, out)
    server = preview_server(rebuild, host=host, port=port, root=str(options.site.resolve()))
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
        first = build(options, out)
    except KeyboardInterrupt:
        server.server_close()
        raise
    if not first.ok and not options.site.is_dir():
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
    return EXIT_OK
