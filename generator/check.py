"""The old home of the `check` command and of file reading, kept so that existing imports keep working.

The command is in check_command.py, the rules of a record in checker.py, the
rules across records in rules.py, and reading a file in files.py.
"""

from .check_command import check_file, fails, print_report, site_languages
from .files import MAX_BYTES, MAX_SIZE, UsageError, read_bytes, read_text_file

__all__ = ["MAX_BYTES", "MAX_SIZE", "UsageError", "check_file", "fails", "print_report", "read_bytes", "read_text_file", "site_languages"]
