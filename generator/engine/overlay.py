"""The panel `serve` shows over every page while the last save has problems: errors, and warnings apart from them.

Each problem is one message as the checker or the build printed it (`file:line:col: error: …`), with the
indented lines that belong to it (a settings problem lists each wrong setting under its first line).
Errors mean the site shown is the last good one; warnings mean the site was built, but the pull
request's check (`check --strict`) will fail on them, so they are shown too, set apart.

The panel sits at the bottom of the window, over at most half of it, and folds to one line (a
`<details>` element: a keyboard toggles it with Tab and Enter, with no script), so the page's
header, navigation and search stay usable. It speaks the page's language when the interface's
catalogue has it (languages/labels_data) and lays out in its direction with logical properties;
each message is laid out by its own text (`dir=auto`), and its place (`events.yaml:12:5`) is
always left to right. Every message is escaped: text from a pull request is never markup.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from generator.data.language_names import direction
from generator.languages.labels import CatalogueError, catalogue

# A message's place: "events.yaml:12:5: error: …" (the file name may hold colons, the numbers not).
_LOCATED = re.compile(r"^(?P<where>.+?:\d+(?::\d+)?): (?P<text>.*)$", re.DOTALL)
_WARNING = re.compile(r"^(?:.+?:\d+(?::\d+)?: )?warning: ")
_PAGE_LANGUAGE = re.compile(rb"<html\b[^>]*?\blang=\"([A-Za-z0-9-]{1,35})\"")
_WORDS = ("overlay_title", "overlay_errors", "overlay_errors_help", "overlay_warnings", "overlay_warnings_help")

_STYLE = """
#timeline-problems{position:fixed;inset-block-end:0;inset-inline:0;z-index:10000;max-height:50vh;overflow:auto;
 margin:0;background:#fff;color:#1d1d1f;border-block-start:3px solid #b00020;font:14px/1.5 system-ui,"Noto Sans","Noto Sans Arabic",sans-serif;
 box-shadow:0 -2px 10px rgba(0,0,0,.3)}
#timeline-problems.only-warnings{border-block-start-color:#b26a00}
#timeline-problems>details>summary{position:sticky;inset-block-start:0;cursor:pointer;padding:.5em 1.2em;background:inherit;font-weight:600}
#timeline-problems>details>summary:focus-visible{outline:3px solid #1a73e8;outline-offset:-3px}
#timeline-problems section{padding:.2em 1.2em .6em}
#timeline-problems h2{margin:.4em 0 .1em;font-size:1em}
#timeline-problems .errors h2{color:#b00020}
#timeline-problems .warnings h2{color:#8a5300}
#timeline-problems p{margin:0 0 .3em}
#timeline-problems ul{margin:0;padding-inline-start:0;list-style:none}
#timeline-problems li{margin:.3em 0;padding-inline-start:.7em;border-inline-start:4px solid #b00020;white-space:pre-wrap}
#timeline-problems .warnings li{border-inline-start-color:#b26a00}
#timeline-problems code{font-size:.95em;background:#f1f1f4;padding:0 .2em;border-radius:3px}
body{padding-block-end:3em}
@media (prefers-color-scheme:dark){#timeline-problems{background:#23262e;color:#e8e9ee}
 #timeline-problems .errors h2{color:#ff8a80}#timeline-problems .warnings h2{color:#ffb74d}#timeline-problems code{background:#333844}}
"""


@dataclass(frozen=True)
class Problem:
    text: str  # the message's first line
    details: tuple[str, ...]  # the indented lines under it
    warning: bool


def problems_from(lines: Sequence[str]) -> tuple[Problem, ...]:
    """Each message (its lines joined by line breaks, as `serve` records them) as a problem."""
    found = []
    for message in lines:
        first, *rest = message.split("\n")
        found.append(Problem(first, tuple(line.strip() for line in rest if line.strip()), bool(_WARNING.match(first))))
    return tuple(found)


def _words(lang: str) -> tuple[Mapping[str, str], str, str]:
    """The panel's words in `lang` when its catalogue has them, else in English: (words, language, direction)."""
    try:
        words = catalogue(lang)
        if all(word in words for word in _WORDS):
            return words, lang, direction(lang)
    except (CatalogueError, ValueError, KeyError):
        pass
    return catalogue("en"), "en", "ltr"


def page_language(page: bytes) -> str:
    found = _PAGE_LANGUAGE.search(page[:4096])
    return found.group(1).decode("ascii") if found else "en"


def _message(line: str) -> str:
    located = _LOCATED.match(line)
    if located:
        return f'<code dir="ltr">{html.escape(located["where"])}</code>: {html.escape(located["text"])}'
    return html.escape(line)


def _item(problem: Problem) -> str:
    details = "".join(f'\n<code dir="ltr">{html.escape(line)}</code>' if _LOCATED.match(line) else f"\n{html.escape(line)}" for line in problem.details)
    return f'<li dir="auto">{_message(problem.text)}{details}</li>'


def _section(kind: str, problems: Sequence[Problem], heading: str, help_text: str) -> str:
    if not problems:
        return ""
    items = "".join(_item(problem) for problem in problems)
    return (
        f'<section class="{kind}" id="timeline-problems-{kind}" aria-labelledby="timeline-problems-{kind}-heading">'
        f'<h2 id="timeline-problems-{kind}-heading">{html.escape(heading.format(n=len(problems)))}</h2>'
        f"<p>{html.escape(help_text)}</p><ul>{items}</ul></section>"
    )


def problems_overlay(messages: Sequence[str], lang: str = "en") -> bytes:
    """The panel for these messages, in `lang` (the page's) when the interface speaks it."""
    problems = problems_from(messages)
    errors = [problem for problem in problems if not problem.warning]
    warnings = [problem for problem in problems if problem.warning]
    words, own_lang, own_direction = _words(lang)
    only_warnings = " only-warnings" if not errors else ""
    # Folded, the panel is its first line: it still says how many of each there are.
    counts = [words[key].format(n=len(found)) for key, found in (("overlay_errors", errors), ("overlay_warnings", warnings)) if found]
    summary = f"{words['overlay_title']}: {' · '.join(counts)}"
    return (
        f'<style id="timeline-problems-style">{_STYLE}</style>'
        f'<aside id="timeline-problems" class="timeline-problems{only_warnings}" lang="{own_lang}" dir="{own_direction}" '
        f'role="{"status" if only_warnings else "alert"}" aria-label="{html.escape(words["overlay_title"])}" data-pagefind-ignore>'
        f"<details open><summary>{html.escape(summary)}</summary>"
        + _section("errors", errors, words["overlay_errors"], words["overlay_errors_help"])
        + _section("warnings", warnings, words["overlay_warnings"], words["overlay_warnings_help"])
        + "</details></aside>"
    ).encode()
