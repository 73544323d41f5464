"""The old name of checker.py, kept so that existing imports keep working; import from checker.py."""

from .checker import BCP47, SLUG, CheckResult, check_text

__all__ = ["BCP47", "SLUG", "CheckResult", "check_text"]
