"""The two ways a command stops on a problem of the project's own files, told in plain words (never a traceback);
and a file the system refused, in the same plain words."""

from __future__ import annotations

import errno
import os


class UsageError(Exception):
    """The command itself cannot run (a missing or unreadable file, an unusable option): exit code 2."""


class BuildError(Exception):
    """A step of the build failed; the message says which and why, for a maintainer."""


# What to do about a file the system refused, by its reason.
_ERRNO_HINTS = {
    errno.EACCES: "Check the permissions of the folder and its files",
    errno.EPERM: "Check the permissions of the folder and its files",
    errno.EROFS: "The disk is read-only; choose a folder on a writable disk",
    errno.ENOSPC: "Free some space on the disk, or build on another disk",
    errno.EDQUOT: "Your disk quota is used up; free some space",
    errno.ENAMETOOLONG: "Use a shorter path or file name (a name may have at most 255 bytes)",
    errno.EEXIST: "A file stands where a folder is needed; move it away or choose another path",
    errno.ENOTDIR: "A file stands where a folder is needed; move it away or choose another path",
    errno.EISDIR: "A folder stands where a file is needed; move it away or choose another path",
    errno.ENOENT: "Check that the path exists",
    errno.ELOOP: "A symbolic link points back to itself; remove it",
    errno.EMFILE: "Too many files are open; close some programs and build again",
    errno.EIO: "The disk reported a read or write error; check the disk",
}


def describe_os_error(error: OSError) -> str:
    """A file the system refused, in one line: its name, the real reason and what to do."""
    name = error.filename or error.filename2 or "a file"
    reason = (error.strerror or os.strerror(error.errno) if error.errno else str(error)).rstrip(".")
    hint = _ERRNO_HINTS.get(error.errno or 0, "Check the path and its permissions")
    return f"{name}: {reason[:1].lower() + reason[1:]}. {hint}."
