"""Search: Pagefind indexes the finished site; the search box speaks the page's language.

Pagefind (https://pagefind.app) runs once over the whole built site, after
both MkDocs builds. It keeps one index per `<html lang>`, so the Arabic pages
get Arabic word handling (hamza forms, ة/ه, ى/ي, diacritics, the article ال
and its prefixes) and the English pages English stemming, and a search on one
language's pages never returns the other's. What is indexed, and the result
metadata and filters, are written by the page templates (templates/*.j2);
the search box in the header is the theme override partials/pagefind.html.

The index is written into the build folder before it replaces site/, so a
failed indexing run never publishes a site without (or with a stale) search.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

BUNDLE = "pagefind"  # the folder Pagefind writes into the site root: site/pagefind/
TIMEOUT = 600  # seconds; the real timeline indexes in about one

# The filters shown in the search box, in this order: Pagefind filter name -> UI label key.
FILTERS: tuple[tuple[str, str], ...] = (("entity", "search_filter_entity"), ("year", "search_filter_year"), ("status", "search_filter_status"))
# Pagefind's own UI strings that labels.py words better for a language (see
# the catalogue's `pagefind.*` words); the rest come with Pagefind's translation.
_STRING_KEYS = ("zero_results", "one_result", "many_results", "searching", "filters_label", "load_more", "input_hint")


class SearchError(Exception):
    """Indexing failed; the message says why, for a maintainer."""


@dataclass(frozen=True)
class SearchIndex:
    pages: Mapping[str, int]  # pages indexed per language


def index_site(site: Path, languages: Iterable[str], pagefind: Sequence[str], bundle: Path | None = None) -> SearchIndex:
    """Run Pagefind (the command `pagefind`, see BuildOptions) over `site`; fail unless every language got pages in the index.

    `bundle`: where the index goes, when not into site/pagefind/ (`serve` builds it aside and swaps it in).
    """
    with indexing(site, languages, pagefind, bundle) as index:
        pass
    return index.result()


class Indexing:
    """Pagefind running over a site; `result()` once the `indexing` block is left."""

    def __init__(self) -> None:
        self._result: SearchIndex | None = None

    def result(self) -> SearchIndex:
        if self._result is None:
            raise SearchError("the search index is not finished yet")
        return self._result


@contextmanager
def indexing(site: Path, languages: Iterable[str], pagefind: Sequence[str], bundle: Path | None = None) -> Iterator[Indexing]:
    """Start Pagefind over `site`, run the block meanwhile (it may write what Pagefind does not read: no HTML),
    then wait for Pagefind and check its index. When the block fails, Pagefind is stopped at once."""
    command = [*pagefind, "--site", str(site)]
    if bundle is not None:
        command += ["--output-path", str(bundle.resolve())]
    bundle = bundle or site / BUNDLE
    index = Indexing()
    with tempfile.TemporaryFile("w+", encoding="utf-8", errors="replace") as log:  # a file, not a pipe: it never fills up while we wait
        try:
            process = _start(command, log)
        except OSError as error:
            raise SearchError(f"could not run Pagefind ({' '.join(command[:3])}): {error.strerror or error}. Is the package installed (pip install -e .)?") from None
        try:
            yield index
            returncode = process.wait(timeout=TIMEOUT)
        except subprocess.TimeoutExpired:
            _stop(process)
            raise SearchError(f"Pagefind did not finish within {TIMEOUT} seconds.") from None
        except BaseException:
            _stop(process)
            raise
        log.seek(0)
        output = log.read().strip()
    if returncode != 0:
        raise SearchError(f"Pagefind failed (exit code {returncode}):\n{_tail(output)}")
    pages = _pages_per_language(bundle / "pagefind-entry.json")
    missing = [lang for lang in languages if not pages.get(lang)]
    if missing:
        raise SearchError(
            f"Pagefind indexed no pages in {', '.join(missing)}: the event pages must carry data-pagefind-body"
            f" and <html lang>. Its output:\n{_tail(output)}"
        )
    index._result = SearchIndex(pages)


def _start(command: list[str], log: IO[str]) -> subprocess.Popen[str]:
    """Pagefind in its own process group, so that `_stop` stops its children too."""
    return subprocess.Popen(  # noqa: S603 - our own command, no shell
        command, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, text=True, encoding="utf-8", errors="replace",
        start_new_session=os.name == "posix",
    )


def _stop(process: subprocess.Popen[str]) -> None:
    """Whatever stops us (a failed step, a timeout, Ctrl+C, SIGTERM) stops Pagefind and its children too."""
    if os.name == "posix":
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
    process.kill()
    process.wait()


def _pages_per_language(entry: Path) -> dict[str, int]:
    # pagefind-entry.json is the bundle's table of contents: one entry per index language.
    try:
        data = json.loads(entry.read_text(encoding="utf-8"))
        return {lang: int(info["page_count"]) for lang, info in data["languages"].items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        raise SearchError(f"Pagefind wrote no readable index ({entry} is missing or malformed).") from None


def _tail(output: str, lines: int = 20) -> str:
    kept = output.splitlines()[-lines:]
    return "\n".join("    " + line for line in kept) if kept else "    (no output)"


def ui_settings(labels: Mapping[str, str]) -> dict[str, Any]:
    """What the search box needs in a language (its UI words): filter labels and Pagefind's strings, for the theme (extra.search)."""
    return {
        "filters": [{"name": name, "label": labels[key]} for name, key in FILTERS],
        "strings": {key: labels[f"pagefind.{key}"] for key in _STRING_KEYS if f"pagefind.{key}" in labels},
    }
