"""Reading a maintainer's file, and writing it back: the one place that build, serve, check and the tools share.

A file is read no further than a size limit, and every reason it cannot be
read becomes a UsageError in plain words (exit code 2), never a traceback.

A tool that changes the file (`new-event --append`, `new-source --append`,
`links --archive --write`) reads it with `read_to_edit` and writes it with
`write_edited`: the new version goes to a temporary file beside it, synced
to the disk, then renamed over it, so a full disk or a crash leaves the file
as it was, never cut short. Its byte-order mark, line endings and permission
bits are kept.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .errors import UsageError

# A timeline of 15,000 events is about 10 MB; checking it takes some 400 MB of
# memory. A bigger file is a mistake (or /dev/zero), not a timeline.
MAX_BYTES = 10 * 1024 * 1024
MAX_SIZE = "10 MB"


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
    return _decoded(path, read_bytes(path))


def _decoded(path: Path, raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise UsageError(f"{path}:{line}: the file is not UTF-8 text. Save it as UTF-8 in your editor.") from None


# -- changing a maintainer's file ---------------------------------------------------

BOM = "\ufeff"
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


@dataclass(frozen=True)
class EditedFile:
    """A maintainer's file read to be changed: its text, and how it is written on disk, to write it back the same way."""

    path: Path
    text: str  # without the byte-order mark
    bom: bool
    newline: str  # the file's line ending (that of its first line): what every inserted line ends with

    def with_its_newlines(self, text: str) -> str:
        """`text` (lines ending in "\\n", as the tools write them) with the file's line ending instead."""
        return text.replace("\n", self.newline)


def read_to_edit(path: Path) -> EditedFile:
    """The file as `read_text_file` reads it, with its byte-order mark and line ending noted for `write_edited`."""
    raw = read_bytes(path)
    text = _decoded(path, raw)
    first_break = _LINE_BREAK.search(text)
    return EditedFile(path, text, raw.startswith(BOM.encode("utf-8")), first_break.group() if first_break else "\n")


def write_edited(file: EditedFile, text: str) -> None:
    """Replace the file with `text`, all or nothing, with its byte-order mark and permission bits.

    The new version is written to a temporary file in the same folder, synced
    to the disk, then renamed over the file (one step for the file system), so
    a full disk, a size limit or a crash leaves the old file whole: writing in
    place would leave it cut short. UsageError (exit code 2) says so plainly.
    """
    data = ((BOM if file.bom else "") + text).encode("utf-8")
    # A link (events.yaml -> shared/events.yaml) stays a link: its target is the file that changes.
    target = Path(os.path.realpath(file.path))
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
        descriptor, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as error:
        raise UsageError(_not_changed(file.path, error)) from None
    try:
        with os.fdopen(descriptor, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)  # mkstemp makes it private (0600); the file keeps the bits it had
        os.replace(temporary, target)
    except BaseException as error:  # Ctrl+C too: no temporary file is left behind
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(error, OSError):
            raise UsageError(_not_changed(file.path, error)) from None
        raise
    _sync_folder(target.parent)


def _not_changed(path: Path, error: OSError) -> str:
    return (
        f"{path} was not changed: its new version could not be written ({error.strerror or error}). "
        "Check that the disk has free space and that the folder can be written to, then run the command again."
    )


def _sync_folder(folder: Path) -> None:
    # The rename is on the disk once the folder is; where a folder cannot be opened (Windows), the system sees to it.
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)
