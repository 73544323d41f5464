"""A synthetic events.yaml of any size, shaped like the real one and with text as varied (for benchmarks).

Repeated text compresses about ten times better than real prose, so sizes
measured on it (a gzipped timeline page, a search index) would flatter the
site. Here every title, summary, quote and note is new: words of the real
events.yaml (titles, summaries, quotes and notes, per language) recombined by
a word chain that often jumps to a random place in the text, so no sentence
repeats and word frequencies stay those of real news prose. Dates spread over
the years at every precision, and sources, entities and citations grow with
the events. The same count and seed always give the same file, and the file
passes the checker without errors.

    python bench/synthetic.py 1000 > events.yaml
"""

from __future__ import annotations

import datetime as dt
import json
import random
import re
import sys
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from generator.data.characters import NOTABLE  # noqa: E402
from generator.data.dates import parse_date  # noqa: E402

REAL_EVENTS = Path(__file__).resolve().parent.parent / "events.yaml"
LANGUAGES = ("en", "ar")
STATUSES = (("happened", 50), ("reported", 25), ("planned", 10), ("denied", 8), ("disputed", 7))
KINDS = ("person", "organization", "model", "product", "topic")
SEASONS = ("spring", "summer", "autumn", "winter")
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December")
FIRST_YEAR = 2000
JUMP = 0.3  # how often the word chain jumps elsewhere: no run of real words is long enough to repeat a sentence
_WORD = re.compile(r"\S+")
_SENTENCE_END = re.compile(r"[.!?؟]$")
_ASCII_WORD = re.compile(r"[a-z0-9]+")


def _texts(node: object) -> Iterator[tuple[str, str]]:
    """(language, text) of every piece of prose in the real file: localized mappings and quotes."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in LANGUAGES and isinstance(value, str):
                yield key, value
            elif key in ("quote", "title") and isinstance(value, str):
                yield ("ar" if re.search("[\u0600-\u06ff]", value) else "en"), value
            else:
                yield from _texts(value)
    elif isinstance(node, list):
        for item in node:
            yield from _texts(item)


class WordChain:
    """New sentences from the words of real ones: each word follows one that followed it in the real text, or, often, any word."""

    def __init__(self, texts: list[str]) -> None:
        self.words: list[str] = []
        self.starts: list[int] = []
        for text in texts:
            words = _WORD.findall(NOTABLE.sub("", text))
            if words:
                self.starts.append(len(self.words))
                self.words += words
        self.following: dict[str, list[int]] = defaultdict(list)
        for index, word in enumerate(self.words[:-1]):
            self.following[word].append(index + 1)

    def sentence(self, rng: random.Random, low: int, high: int, *, end: str = ".") -> str:
        length = rng.randint(low, high)
        index = rng.choice(self.starts)
        words: list[str] = []
        while len(words) < length:
            words.append(self.words[index].strip("«»\"'()[]"))
            successors = self.following.get(self.words[index])
            if successors and rng.random() > JUMP:
                index = rng.choice(successors)
            else:
                index = rng.randrange(len(self.words))
        text = " ".join(word for word in words if word).rstrip(".,;:،؛!?؟")
        return text[:1].upper() + text[1:] + end

    def paragraph(self, rng: random.Random, sentences: int) -> str:
        return " ".join(self.sentence(rng, 7, 16) for _ in range(sentences))

    def name(self, rng: random.Random, words: int) -> str:
        picked = (rng.choice(self.words).strip("«»\"'()[].,;:،؛!?؟") for _ in range(words * 3))
        chosen = [word for word in picked if word and not any(character.isdigit() for character in word)][:words]
        return " ".join(word[:1].upper() + word[1:] for word in chosen) or "Name"


@lru_cache(maxsize=1)
def chains() -> dict[str, WordChain]:
    data = yaml.safe_load(REAL_EVENTS.read_text(encoding="utf-8"))
    texts: dict[str, list[str]] = {lang: [] for lang in LANGUAGES}
    for lang, text in _texts(data):
        texts[lang].append(text)
    return {lang: WordChain(texts[lang]) for lang in LANGUAGES}


def _q(text: str) -> str:
    """A double-quoted YAML scalar (JSON's escapes are YAML's)."""
    return json.dumps(text, ensure_ascii=False)


def _weighted(rng: random.Random, choices: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([name for name, _ in choices], weights=[weight for _, weight in choices])[0]


def written_date(rng: random.Random, day: dt.date) -> str:
    """`day` written at a random precision, as maintainers write dates."""
    precision = _weighted(rng, (("day", 40), ("human", 8), ("month", 20), ("quarter", 8), ("season", 7), ("year", 9), ("circa", 8)))
    if precision == "day":
        return day.isoformat()
    if precision == "human":
        return f"{day.day} {MONTHS[day.month - 1]} {day.year}" if rng.random() < 0.5 else f"{MONTHS[day.month - 1]} {day.day}, {day.year}"
    if precision == "month":
        return f"{day.year}-{day.month:02d}"
    if precision == "quarter":
        return f"{day.year}-Q{(day.month - 1) // 3 + 1}"
    if precision == "season":
        # Meteorological seasons; December opens the winter named after its own year.
        season = SEASONS[(day.month - 3) % 12 // 3]
        year = day.year - 1 if day.month <= 2 else day.year
        return f"{season} {year}"
    if precision == "year":
        return str(day.year)
    return "~" + (day.isoformat() if rng.random() < 0.5 else f"{day.year}-{day.month:02d}")


@dataclass
class _Event:
    id: str
    date: str
    start: dt.date
    end: dt.date
    status: str
    basis: str
    sources: list[str]
    entities: list[str]


def _slug(text: str, number: int) -> str:
    words = _ASCII_WORD.findall(text.lower())[:5]
    return "-".join([*words, str(number)])


def events_yaml(count: int, seed: int = 2026) -> str:
    """A timeline of `count` events; the same arguments always give the same text."""
    rng = random.Random(seed * 1_000_003 + count)
    chain = chains()
    years = max(3, min(26, count // 40 + 3))
    first, last = dt.date(FIRST_YEAR + 26 - years, 1, 1), dt.date(2026, 6, 30)
    span = (last - first).days
    source_count = max(3, count * 3 // 5)
    entity_count = min(max(1, count), max(10, min(400, count // 4)))
    entity_ids = [f"{_slug(chain['en'].name(rng, 2), number)}" for number in range(entity_count)]

    events: list[_Event] = []
    citers: dict[int, list[_Event]] = defaultdict(list)
    for number in range(count):
        day = first + dt.timedelta(days=min(span, int(span * (number + rng.random()) / count)))
        written = written_date(rng, day)
        parsed = parse_date(written)
        basis = _weighted(rng, (("stated", 75), ("report", 10), ("record", 15)))
        home = number * source_count // count  # every source is cited by some event
        cited = [home] + [max(0, min(source_count - 1, home + rng.randint(-3, 3))) for _ in range(rng.choices((0, 1, 2), weights=(50, 35, 15))[0])]
        cited = list(dict.fromkeys(cited))
        mentioned = [entity_ids[number % entity_count]] + [entity_ids[min(entity_count - 1, int(rng.paretovariate(1.2)) - 1)] for _ in range(rng.randint(0, 3))]
        event = _Event(
            id="", date=written, start=parsed.start, end=parsed.end,
            status=_weighted(rng, STATUSES), basis=basis, sources=[f"source-{index}" for index in cited], entities=list(dict.fromkeys(mentioned)),
        )
        for index in cited:
            citers[index].append(event)
        if basis == "report":
            # Dated by its report: a source of its own, published within the event's date.
            event.sources.insert(0, f"report-{number}")
        events.append(event)

    lines = [
        "# A synthetic timeline for benchmarks (bench/synthetic.py); its text is recombined from the real events.yaml.",
        "site:",
        "  title: {en: Synthetic timeline, ar: خط زمني تجريبي}",
        "  description: {en: Generated for benchmarks., ar: مولَّد لقياس الأداء.}",
        "sources:",
    ]
    outlets = [(chain["en"].name(rng, rng.randint(1, 3)), chain["ar"].name(rng, rng.randint(1, 3))) for _ in range(max(5, source_count // 20))]

    languages: dict[str, str] = {}

    def source(source_id: str, published: dt.date) -> None:
        lang = languages[source_id] = "ar" if rng.random() < 0.7 else "en"
        outlet = rng.randrange(len(outlets))
        lines.extend([
            f"  {source_id}:",
            "    outlet:",
            f"      en: {_q(outlets[outlet][0])}",
            f"      ar: {_q(outlets[outlet][1])}",
            f"    title: {_q(chain[lang].sentence(rng, 6, 16, end=''))}",
        ])
        if lang != "en":
            lines.append(f"    title_translated: {{en: {_q(chain['en'].sentence(rng, 6, 16, end=''))}}}")
        lines.append(f"    language: {lang}")
        when = published.isoformat() if rng.random() < 0.85 else f"~{published.isoformat()}"
        lines.append(f"    published: {when}")
        lines.append(f"    url: https://news{outlet}.example.com/{published.year}/{published.month:02d}/{source_id}")
        if rng.random() < 0.3:
            lines.append(f"    archive_url: https://web.archive.org/web/{published.year}0101000000/https://news{outlet}.example.com/{source_id}")
        if rng.random() < 0.3:
            lines.append(f"    via: [{_q(outlets[rng.randrange(len(outlets))][0])}]")
        if rng.random() < 0.1:
            lines.extend(["    notes:", *(f"      {lang_}: {_q(chain[lang_].paragraph(rng, rng.randint(1, 2)))}" for lang_ in LANGUAGES)])

    for index in range(source_count):
        # Published on or after the latest day of every event that cites it, so no citation comes before its event.
        latest = max((event.end for event in citers[index]), default=last)
        source(f"source-{index}", latest + dt.timedelta(days=rng.randint(0, 20)))
    for number, event in enumerate(events):
        if event.basis == "report":
            source(f"report-{number}", event.start + dt.timedelta(days=rng.randint(0, (event.end - event.start).days)))

    lines.append("entities:")
    for entity_id in entity_ids:
        en, ar = chain["en"].name(rng, rng.randint(1, 3)), chain["ar"].name(rng, rng.randint(1, 3))
        aliases = [chain[rng.choice(LANGUAGES)].name(rng, rng.randint(1, 2)) for _ in range(rng.randint(0, 3))]
        lines.extend([
            f"  {entity_id}:",
            f"    kind: {rng.choice(KINDS)}",
            "    label:",
            f"      en: {_q(en)}",
            f"      ar: {_q(ar)}",
        ])
        if aliases:
            lines.append(f"    aliases: [{', '.join(_q(alias) for alias in aliases)}]")

    lines.append("events:")
    for number, event in enumerate(events):
        titles = {lang: chain[lang].sentence(rng, 6, 14, end="") for lang in LANGUAGES}
        lines.extend([
            f"  - id: {_slug(titles['en'], number)}",
            f"    date: {event.date}",
        ])
        if rng.random() < 0.05:
            lines.append(f"    end: {(event.end + dt.timedelta(days=rng.randint(1, 90))).isoformat()}")
        note = ""
        if rng.random() < 0.2:  # how the date was read
            note = ", note: {" + ", ".join(f"{lang}: {_q(chain[lang].sentence(rng, 6, 14))}" for lang in LANGUAGES) + "}"
        lines.append(f"    date_basis: {{kind: {event.basis}, source: {event.sources[0]}{note}}}")
        lines.extend([
            f"    status: {event.status}",
            "    title:",
            *(f"      {lang}: {_q(titles[lang])}" for lang in LANGUAGES),
            "    summary:",
        ])
        sentences = rng.randint(2, 3)
        lines.extend(f"      {lang}: {_q(chain[lang].paragraph(rng, sentences))}" for lang in LANGUAGES)
        lines.append(f"    entities: [{', '.join(event.entities)}]")
        lines.append("    citations:")
        for source_id in event.sources:
            lines.append(f"      - source: {source_id}")
            # Quoted in the article's language, translated into the other.
            lang = languages[source_id]
            other = "en" if lang == "ar" else "ar"
            lines.append(f"        quote: {_q(chain[lang].paragraph(rng, 1))}")
            lines.append(f"        quote_translated: {{{other}: {_q(chain[other].paragraph(rng, 1))}}}")
            if rng.random() < 0.15:
                lines.append("        note: {" + ", ".join(f"{lang}: {_q(chain[lang].sentence(rng, 4, 10))}" for lang in LANGUAGES) + "}")
        if rng.random() < 0.05:
            update = max(event.end, dt.date(2024, 1, 1)) + dt.timedelta(days=rng.randint(1, 400))
            lines.extend([
                "    updates:",
                f"      - date: {update.isoformat()}",
                "        note: {" + ", ".join(f"{lang}: {_q(chain[lang].sentence(rng, 6, 14))}" for lang in LANGUAGES) + "}",
            ])
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.stdout.write(events_yaml(int(sys.argv[1]) if len(sys.argv) > 1 else 100))
