"""The preview: MkDocs' live-reload server, serving the built site and reloading the browser after a rebuild."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any


def preview_server(rebuild: Callable[[], None], host: str, port: int, root: str) -> Any:
    """A server for `root` that calls `rebuild` when a watched path (`server.watch`) changes; not yet bound."""
    from mkdocs.livereload import LiveReloadServer  # imported when serving only: `build` need not load it

    class PreviewServer(LiveReloadServer):
        # Connections waiting to be accepted: the default (5) drops requests when a
        # browser opens many pages at once; the system may lower it to its own limit.
        request_queue_size = 1024

        def _serve_request(self, environ: dict[str, Any], start_response: Any) -> Any:
            # A NUL byte (GET /%00) can name no file: not found, not a crash with a traceback in the log.
            if "\x00" in environ.get("PATH_INFO", ""):
                return None
            return super()._serve_request(environ, start_response)

    return PreviewServer(builder=rebuild, host=host, port=port, root=root)


def quiet_preview_logs() -> None:
    """No line per request: only the server's warnings reach the terminal."""
    logging.getLogger("mkdocs.livereload").setLevel(logging.WARNING)
