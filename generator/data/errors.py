"""The two ways a command stops on a problem of the project's own files, told in plain words (never a traceback)."""


class UsageError(Exception):
    """The command itself cannot run (a missing or unreadable file, an unusable option): exit code 2."""


class BuildError(Exception):
    """A step of the build failed; the message says which and why, for a maintainer."""
