"""`serve-artifact`: a pull request's preview (the artifact site-preview.zip, or its folder) served on an origin of its own.

A pull request can change the build code, so the site it built may carry any
script. Served at http://127.0.0.1:8000/, the address `make serve` uses, that
script would share the maintainer's own preview's storage (local storage,
cookies, service workers are kept per origin: scheme, host and port). So the
artifact is served on another port (8001 unless told), never 8000, and only
on this computer (127.0.0.1). A zip is extracted into a new temporary folder
(no member may land outside it) that is removed when the server stops.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import shutil
import signal
import sys
import tempfile
import threading
import zipfile
from pathlib import Path
from types import FrameType

from generator.data.errors import UsageError

MAINTAINERS_PORT = 8000  # `make serve`
DEFAULT_PORT = 8001


def extract(archive: Path, folder: Path) -> Path:
    """The zip's files in `folder`; UsageError for a file that is no zip or a member that would escape the folder."""
    try:
        with zipfile.ZipFile(archive) as opened:
            root = folder.resolve()
            for member in opened.namelist():
                target = (root / member).resolve()
                if target != root and root not in target.parents:
                    raise UsageError(f"{archive}: the member '{member}' would be written outside the folder; this is not a preview the check made.")
            opened.extractall(root)
    except zipfile.BadZipFile:
        raise UsageError(f"{archive}: is not a zip file. Give the site-preview.zip downloaded from the pull request's run, or the folder it was extracted into.") from None
    # GitHub's artifact zip holds the site's files at its top; a zip made by hand may hold one folder.
    entries = list(root.iterdir())
    return entries[0] if len(entries) == 1 and entries[0].is_dir() and not (root / "index.html").exists() else root


def site_folder(path: Path, temporary: Path) -> Path:
    if not path.exists():
        raise UsageError(f"{path}: no such file or folder. Give the site-preview.zip downloaded from the pull request's run, or its folder.")
    folder = path if path.is_dir() else extract(path, temporary)
    if not (folder / "index.html").is_file():
        raise UsageError(f"{path}: has no index.html at its top, so it is not a built site. Give the site-preview.zip of a pull request's run.")
    return folder


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "serve-artifact", help=f"serve a pull request's preview (site-preview.zip) at http://127.0.0.1:{DEFAULT_PORT}/",
        description="Serve a pull request's built site (the site-preview.zip artifact, or the folder it was extracted into) on this "
        f"computer, on a port of its own (default {DEFAULT_PORT}): never on {MAINTAINERS_PORT}, the address of `make serve`, so that a "
        "script in the pull request's site cannot reach what your own preview keeps in the browser.",
    )
    parser.add_argument("artifact", metavar="ARTIFACT", type=Path, help="site-preview.zip, or the folder it was extracted into")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"the port (default: {DEFAULT_PORT}; not {MAINTAINERS_PORT})")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    if args.port == MAINTAINERS_PORT or not 1 <= args.port <= 65535:
        raise UsageError(
            f"serve the preview on a port of its own, not {args.port}: {MAINTAINERS_PORT} is `make serve`'s, whose pages would share "
            f"the browser's storage with the pull request's site. Use e.g. --port {DEFAULT_PORT}."
        )
    if threading.current_thread() is threading.main_thread():  # stopped by a process manager: clean up as after Ctrl+C
        signal.signal(signal.SIGTERM, _interrupt)
    temporary = Path(tempfile.mkdtemp(prefix="site-preview-"))
    try:
        folder = site_folder(args.artifact, temporary)
        handler = functools.partial(_QuietHandler, directory=str(folder))
        try:
            server = http.server.ThreadingHTTPServer(("127.0.0.1", args.port), handler)
        except OSError as error:
            raise UsageError(f"port {args.port} cannot be used ({error.strerror}); choose another with --port, e.g. {args.port + 1}.") from None
        with server:
            print(f"serving the pull request's preview at http://127.0.0.1:{args.port}/ (Ctrl+C to stop)", file=sys.stdout, flush=True)
            server.serve_forever()
    finally:
        shutil.rmtree(temporary, ignore_errors=True)
    return 0


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # one line per request is noise here
        pass
