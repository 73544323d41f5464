"""`new DIR`: a new timeline project that builds as it is, in the languages asked for.

What it writes is the smallest project a newsroom can publish from: events.yaml with one example source,
entity and event (each marked as an example, passing `check`), mkdocs.yml naming the languages, the home,
methodology and contributing pages of every language the generator has words for, the three workflows
(check, deploy, links), a Makefile and a README with the same two commands (`make serve`, `make test`).
The fixed files are package data (tools/project_template/); only what depends on the languages and the
day is written here. A folder that holds anything is refused: nothing of a maintainer's is overwritten.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shutil
import sys
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path

from babel import UnknownLocaleError

from generator import __version__
from generator.data.errors import UsageError
from generator.data.language_names import direction, language_name, locale_of
from generator.languages.labels import REFERENCE, packaged_languages

TEMPLATE = "tools/project_template"
PAGES = ("index.md", "methodology.md", "contributing.md")
# The `--languages` default, as a site without settings has them.
DEFAULT = "en,ar"


@dataclass(frozen=True)
class ExampleTexts:
    """The example's words in one language: written for people to replace."""

    site_title: str
    site_description: str
    outlet: str
    entity: str
    headline: str
    title: str
    summary: str
    quote: str


EXAMPLES: dict[str, ExampleTexts] = {
    "en": ExampleTexts(
        site_title="A sourced timeline",
        site_description="A timeline in which every event cites the articles that reported it.",
        outlet="Example Daily (an example: replace it)",
        entity="Example city council (an example: replace it)",
        headline="Example: the city council approves its budget",
        title="Example: the city council approves its budget",
        summary="This is an example event: replace it with your first one. Every event cites an article, with a sentence copied from it.",
        quote="This sentence stands for the one you copy, word for word, from the article.",
    ),
    "fr": ExampleTexts(
        site_title="Une chronologie sourcée",
        site_description="Une chronologie dont chaque événement renvoie aux articles qui l'ont relaté.",
        outlet="Le Quotidien exemple (un exemple : à remplacer)",
        entity="Conseil municipal exemple (un exemple : à remplacer)",
        headline="Exemple : le conseil municipal adopte son budget",
        title="Exemple : le conseil municipal adopte son budget",
        summary="Ceci est un événement d'exemple : remplacez-le par votre premier événement. Chaque événement cite un article, "
        "avec une phrase qui en est tirée.",
        quote="Cette phrase tient la place de celle que vous recopierez, mot pour mot, depuis l'article.",
    ),
    "ar": ExampleTexts(
        site_title="خط زمني موثّق",
        site_description="خط زمني يُحيل كل حدث فيه إلى المقالات التي نقلته.",
        outlet="الصحيفة المثال (مثال: استبدله)",
        entity="المجلس البلدي المثال (مثال: استبدله)",
        headline="مثال: المجلس البلدي يقرّ ميزانيته",
        title="مثال: المجلس البلدي يقرّ ميزانيته",
        summary="هذا حدث على سبيل المثال: استبدل به حدثك الأول. يستشهد كل حدث بمقال، مع جملة منقولة منه.",
        quote="تقوم هذه الجملة مقام الجملة التي ستنقلها من المقال بنصّها.",
    ),
}


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = commands.add_parser(
        "new", help="start a new timeline project in an empty folder",
        description="Create a new timeline project in DIR (a new or empty folder): events.yaml with one example event, mkdocs.yml, "
        "the hand-written pages of each language, the GitHub workflows, a Makefile and a README. Then `cd DIR && make serve`.",
    )
    parser.add_argument("folder", metavar="DIR", type=Path, help="the project's folder; created if missing, refused if not empty")
    parser.add_argument(
        "--languages", default=DEFAULT, metavar="CODES",
        help=f"the site's languages, comma-separated BCP 47 codes known to CLDR, the first the default (default: {DEFAULT}); "
        f"the generator has interface words for {', '.join(packaged_languages())}",
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    codes = parse_languages(args.languages)
    written = create_project(args.folder, codes, today=dt.date.today())
    print(f"Created {len(written)} files in {args.folder}/ ({', '.join(language_name(code) for code in codes)}).")
    for code in codes:
        if code not in packaged_languages():
            print(f"note: the generator has no interface words for '{code}': translate labels/{code}.yaml (a copy of the English words) "
                  f"and the English texts under '{code}:' in events.yaml and docs/{code}/.", file=sys.stderr)
    print(f"Next: cd {args.folder} && make serve   (then open http://127.0.0.1:8000/)")
    return 0


def parse_languages(text: str) -> tuple[str, ...]:
    codes = tuple(code.strip() for code in text.split(",") if code.strip())
    if not codes:
        raise UsageError(f"--languages needs at least one language code, e.g. --languages {DEFAULT}")
    if len(set(codes)) != len(codes):
        raise UsageError(f"--languages names a language twice: {text}; name each once, the default first")
    for code in codes:
        try:
            locale_of(code)
        except (UnknownLocaleError, ValueError):
            raise UsageError(f"--languages: '{code}' is not a language CLDR knows; give BCP 47 codes such as fr, ar, en, pt-BR") from None
    return codes


def create_project(folder: Path, codes: tuple[str, ...], today: dt.date) -> list[Path]:
    """Write the project into `folder` (new or empty) and return the files written."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise UsageError(f"{folder} is not an empty folder; `new` writes only into a new or empty one, so that nothing there is overwritten")
    template = resources.files("generator") / TEMPLATE
    files: dict[str, str] = {
        "events.yaml": events_yaml(codes, today),
        "mkdocs.yml": mkdocs_yml(codes),
        "README.md": _read(template / "README.md"),
        "Makefile": _read(template / "Makefile"),
        ".gitignore": _read(template / "gitignore"),
        "requirements.txt": requirements_txt(),
        "CHANGELOG.md": f"# Changes to this timeline\n\nStarted on {today.isoformat()} with timeline-generator {__version__}.\n",
    }
    for workflow in ("check.yml", "deploy.yml", "links.yml"):
        files[f".github/workflows/{workflow}"] = _read(template / "workflows" / workflow)
    for code in codes:
        pages = _pages_language(code)
        for page in PAGES:
            files[f"docs/{code}/{page}"] = _read(template / "docs" / pages / page)
        if code not in packaged_languages():
            reference = resources.files("generator") / "languages" / "labels_data" / f"{REFERENCE}.yaml"
            files[f"labels/{code}.yaml"] = f"# TO TRANSLATE: the interface's words in {language_name(code)}, copied from English.\n" + _read(reference)
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    try:
        for name, text in files.items():
            path = folder / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            written.append(path)
    except OSError:
        # Half a project would be refused by the next `new`: leave the folder as it was found.
        for path in folder.iterdir():
            shutil.rmtree(path) if path.is_dir() else path.unlink()
        raise
    return written


def _read(entry: Traversable) -> str:
    return entry.read_text(encoding="utf-8")


def _pages_language(code: str) -> str:
    """The language whose pages `code` gets: its own, its base language's, or English to translate."""
    base = code.replace("_", "-").split("-")[0].lower()
    return code if code in EXAMPLES else base if base in EXAMPLES else REFERENCE


def _texts(code: str) -> ExampleTexts:
    return EXAMPLES[_pages_language(code)]


def _localized(codes: tuple[str, ...], field: str, indent: str) -> str:
    return "".join(f"\n{indent}{code}: {json.dumps(getattr(_texts(code), field), ensure_ascii=False)}" for code in codes)


def events_yaml(codes: tuple[str, ...], today: dt.date) -> str:
    """One example source, entity and event, in every language of the site; the source is in the first."""
    first, others = codes[0], codes[1:]
    day = today.isoformat()
    translated_title = "".join(f"\n      {code}: {json.dumps(_texts(code).headline, ensure_ascii=False)}" for code in others)
    translated_quote = "".join(f"\n          {code}: {json.dumps(_texts(code).quote, ensure_ascii=False)}" for code in others)
    return f"""# The timeline's data: the articles (sources), who and what they are about (entities), and the events.
# Everything below marked EXAMPLE is there to show the shape: replace it with your first article, entity
# and event (guide: "Start your own timeline"). `make test` checks this file; `make serve` shows the site.
#
# Every event cites the article(s) that reported it, with a quote copied word for word from the article.
# What is not known is recorded as unknown (null); nothing is guessed.

site:
  title:{_localized(codes, "site_title", "    ")}
  description:{_localized(codes, "site_description", "    ")}

sources:
  # EXAMPLE: an article. Its id is outlet-date-subject; `title` is the headline as published, in its language.
  example-daily-{day}-council-budget:
    outlet:{_localized(codes, "outlet", "      ")}
    title: {json.dumps(_texts(first).headline, ensure_ascii=False)}{f'''
    title_translated:{translated_title}''' if others else ""}
    language: {first}
    published: {day}
    # example.com is reserved for examples: put the article's real address here.
    url: https://example.com/council-budget

entities:
  # EXAMPLE: a person, organization, model, product or topic the events are about.
  example-city-council:
    kind: organization
    label:{_localized(codes, "entity", "      ")}

events:
  # EXAMPLE: an event. Its id becomes its address on the site: keep it once published.
  - id: example-council-approves-budget
    date: {day}
    date_basis: {{kind: stated, source: example-daily-{day}-council-budget}}
    status: happened
    title:{_localized(codes, "title", "      ")}
    summary:{_localized(codes, "summary", "      ")}
    entities: [example-city-council]
    citations:
      - source: example-daily-{day}-council-budget
        quote: {json.dumps(_texts(first).quote, ensure_ascii=False)}{f'''
        quote_translated:{translated_quote}''' if others else ""}
"""


def mkdocs_yml(codes: tuple[str, ...]) -> str:
    entries = []
    for code in codes:
        entry = f"      - code: {code}"
        if direction(code) == "rtl" and code.split("-")[0] == "ar":
            entry += "\n        digits: latn            # latn → 2025; arab → ٢٠٢٥"
        if code not in packaged_languages():
            entry += f"\n        labels: labels/{code}.yaml"
        entries.append(entry)
    return _read(resources.files("generator") / TEMPLATE / "mkdocs.yml").replace("{{ languages }}", "\n".join(entries))


def requirements_txt() -> str:
    return (
        "# The generator this site is built with (`make serve`, `make test` and the workflows install it from here).\n"
        "# If it is not published on PyPI where you are, name the wheel or repository you installed it from instead,\n"
        "# e.g. `timeline-generator @ https://…/timeline_generator-VERSION-py3-none-any.whl`; see CHANGELOG.md of the\n"
        "# generator before changing its version.\n"
        f"timeline-generator=={__version__}\n"
    )
