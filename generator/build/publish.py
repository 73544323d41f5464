"""The folders a build may write into and delete, one build at a time, and the atomic swap of the new site for site/.

Everything is built into a fresh `.site-<hex>` folder beside site/, and site/
is replaced only when every step succeeded: on Linux the two folders are
exchanged in one step (renameat2), elsewhere by two renames. After any
failure the previous site/ is left exactly as it was.

The generator deletes only folders it made: site/ and the work folder carry a
marker file, and a folder without it is refused. One build at a time may use
a site folder (a lock file beside it); a build that was killed leaves a
`.site-<hex>` folder, which the next build of that site removes.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import glob
import os
import re
import shutil
import sys
import uuid
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

from generator.data.errors import BuildError

from .context import BuildOptions

MARKER = ".timeline-site"  # marks a folder as built by us, so we may replace it
WORK_MARKER = ".timeline-work"  # marks a work folder as ours, so we may empty it


# -- the folders we may write into and delete ---------------------------------------------


def _overlap(first: Path, second: Path) -> bool:
    return first == second or first in second.parents or second in first.parents


def check_paths(options: BuildOptions) -> None:
    """Refuse folders that overlap before anything is written: the build empties work/ and replaces site/ whole."""
    docs, work, site = (path.resolve() for path in (options.docs, options.work, options.site))
    pairs = (
        (site, "--site", options.site, docs, "--docs", options.docs, "the hand-written pages would be replaced by the built site"),
        (work, "--work", options.work, docs, "--docs", options.docs, "the generated pages would be mixed with the hand-written ones"),
        (work, "--work", options.work, site, "--site", options.site, "each build empties the work folder and replaces the site folder"),
    )
    for first, first_option, first_given, second, second_option, second_given, why in pairs:
        if _overlap(first, second):
            raise BuildError(
                f"{first_option} {first_given} and {second_option} {second_given} overlap: {why}."
                f" Choose folders that are not inside each other, e.g. {first_option} {'build' if first_option == '--work' else 'site'}."
            )
    for given, option in ((options.events, "the events file"), (options.config, "the MkDocs configuration")):
        resolved = given.resolve()
        for folder, folder_option in ((work, "--work"), (site, "--site")):
            if folder in resolved.parents:
                raise BuildError(f"{given}: {option} is inside the {folder_option} folder, which each build deletes. Keep it outside, or choose another {folder_option}.")


def claim_work_folder(work: Path) -> None:
    """Make sure the work folder is ours before anything in it is deleted: marked, or empty; mark it as ours."""
    if work.is_symlink() or (work.exists() and not work.is_dir()):
        raise BuildError(f"{work}: is not a folder; choose another --work.")
    if work.is_dir() and not (work / WORK_MARKER).is_file() and any(work.iterdir()):
        raise BuildError(f"{work}: exists and was not made by this generator; refusing to delete what is in it. Move it away or choose another --work.")
    work.mkdir(parents=True, exist_ok=True)
    (work / WORK_MARKER).write_text("Made by `python -m generator build`; emptied by each build.\n", encoding="utf-8")


def mark(folder: Path) -> None:
    """Mark a site folder as built by us, so that a later build may replace (or, left by a killed build, remove) it."""
    (folder / MARKER).write_text("Built by `python -m generator build`; replaced whole by each build.\n", encoding="utf-8")


def _is_ours(site: Path) -> bool:
    return (site / MARKER).is_file() or not any(site.iterdir())


# -- one build at a time ---------------------------------------------------------------------


@contextmanager
def build_lock(site: Path, work: Path | None = None) -> Iterator[None]:
    """One build at a time per site folder and per work folder: a second one stops with a message instead of
    tripping over the first (two builds into different sites share a work folder's generated pages)."""
    with ExitStack() as held:
        held.enter_context(_folder_lock(site, "another build is running into this folder"))
        if work is not None:
            held.enter_context(_folder_lock(work, "another build is using this work folder (--work)"))
        yield


@contextmanager
def _folder_lock(folder: Path, busy: str) -> Iterator[None]:
    lock = folder.parent / f".{folder.name}.lock"
    lock.parent.mkdir(parents=True, exist_ok=True)
    with lock.open("a") as file:
        try:
            fcntl.flock(file, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as error:
            if error.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                raise BuildError(f"{folder}: {busy}; wait for it to finish, then build again.") from None
            raise
        try:
            yield
        finally:
            fcntl.flock(file, fcntl.LOCK_UN)


# -- the build folder and the swap -------------------------------------------------------------


def new_build_folder(site: Path) -> Path:
    """A new folder for a build of `site` (or for the previous site while it is replaced): `.site-<8 hex digits>` beside it.

    On the same disk, so that it replaces site/ by a rename; no other site's build makes this name (see `remove_stale_builds`).
    """
    return site.parent.resolve() / f".{site.name}-{uuid.uuid4().hex[:8]}"


def remove_stale_builds(site: Path) -> None:
    """Remove the folders that killed builds of this site left beside it: exactly `new_build_folder`'s names, with the marker.

    Not any `.site-*`: `.site-preview-1a2b3c4d` is a build of `--site site-preview`, which may be running now
    (it holds another lock).
    """
    name = re.compile(rf"\.{re.escape(site.name)}-[0-9a-f]{{8}}")
    for folder in site.parent.glob(f".{glob.escape(site.name)}-*"):
        if name.fullmatch(folder.name) and folder.is_dir() and not folder.is_symlink() and (folder / MARKER).is_file():
            shutil.rmtree(folder, ignore_errors=True)


# Linux: renameat2(2) with RENAME_EXCHANGE swaps two paths in one step.
_AT_FDCWD, _RENAME_EXCHANGE = -100, 2


def exchange(first: Path, second: Path) -> bool:
    """Swap two folders atomically; False where the system cannot (then nothing was changed)."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):  # a C library without renameat2 (glibc < 2.28, musl)
        return False
    renameat2.argtypes = (ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint)
    renameat2.restype = ctypes.c_int
    if renameat2(_AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP, errno.ENOTSUP):  # an old kernel, or a file system without it
        return False
    raise OSError(code, os.strerror(code), str(second))


def publish(built: Path, site: Path) -> None:
    """Replace site/ with the finished build: exchanged in one step, or by two renames on the same disk."""
    if not site.exists():
        built.rename(site)
        return
    if not site.is_dir() or not _is_ours(site):
        raise BuildError(f"{site}: exists and was not built by this generator; refusing to replace it. Move it away or choose another --site.")
    try:
        if exchange(built, site):
            return  # the previous site is now at `built`, which the caller removes
    except OSError as error:
        raise BuildError(f"{site}: cannot be replaced ({error.strerror}).") from None
    old = new_build_folder(site)  # named as a build folder: a build killed right now leaves one folder that the next build removes
    try:
        site.rename(old)
    except OSError as error:
        raise BuildError(f"{site}: cannot be replaced ({error.strerror}).") from None
    try:
        built.rename(site)
    except OSError as error:
        old.rename(site)  # put the previous site back before reporting
        raise BuildError(f"{site}: cannot be replaced ({error.strerror}).") from None
    shutil.rmtree(old, ignore_errors=True)
