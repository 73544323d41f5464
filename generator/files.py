"""Reading a maintainer's file: the one place that build, serve, check and the tools share.

A file is read no further than a size limit, and every reason it cannot be
read becomes a UsageError in plain words (exit code 2), never a traceback.
"""

from __future__ import annotations

from pathlib import Path

# A timeline of 15,000 events is about 10 MB; checking it takes some 400 MB of
# memory. A bigger file is a mistake (or /dev/zero), not a timeline.
MAX_BYTES = 10 * 1024 * 1024
MAX_SIZE = "10 MB"


class UsageError(Exception):
    """The command itself cannot run (missing or unreadable file): exit code 2."""


def read_bytes(path: Path) -> bytes:
    """A maintainer's file, read no further than the size limit; UsageError says plainly why it cannot be read."""
    if not path.exists():
        raise UsageError(f"{path}: no such file. Give the path of your events file, e.g. 'events.yaml'.")
    if path.is_dir():
        raise UsageError(f"{path}: is a folder, not a file.")
    try:
        with path.open("rb") as stream:  # a bounded read: /dev/zero or a pipe never ends
            raw = stream.read(MAX_BYTES + 1)
    except OSError as error:
        raise UsageError(f"{path}: cannot be read ({error.strerror}).") from None
    if len(raw) > MAX_BYTES:
        raise UsageError(
            f"{path}: the file is larger than {MAX_SIZE} ({MAX_BYTES:,} bytes), the most this tool reads. "
            "Check that it is the right file: a timeline of 15,000 events is about 10 MB."
        )
    return raw


def read_text_file(path: Path) -> str:
    """A maintainer's UTF-8 file (events.yaml, a hand-written page); UsageError says plainly why it cannot be read."""
    raw = read_bytes(path)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise UsageError(f"{path}:{line}: the file is not UTF-8 text. Save it as UTF-8 in your editor.") from None
