"""A synthetic events.yaml of any size, shaped like the real one (for benchmarks)."""

from __future__ import annotations

import datetime as dt

SOURCES = 25
ENTITIES = 40


def events_yaml(count: int) -> str:
    lines = [
        "site:",
        "  title: {en: Synthetic timeline, ar: خط زمني تجريبي}",
        "  description: {en: Generated for benchmarks., ar: مولَّد لقياس الأداء.}",
        "sources:",
    ]
    for number in range(SOURCES):
        lines += [
            f"  source-{number}:",
            "    outlet: {en: Example News, ar: أخبار المثال}",
            f"    title: عنوان المقال رقم {number}",
            "    title_translated: {en: Article headline}",
            "    language: ar",
            "    published: 2026-01-01",
            f"    url: https://news.example.com/articles/{number}",
            "    via: [Bloomberg]",
        ]
    lines.append("entities:")
    for number in range(ENTITIES):
        lines.append(f"  entity-{number}: {{kind: topic, label: {{en: Topic {number}, ar: موضوع {number}}}, aliases: [T{number}, م{number}]}}")
    lines.append("events:")
    start = dt.date(2020, 1, 1)
    for number in range(count):
        day = start + dt.timedelta(days=number % 2000)
        lines += [
            f"  - id: event-{number}",
            f"    date: {day.isoformat()}",
            "    status: reported",
            f"    title: {{en: Event number {number}, ar: الحدث رقم {number}}}",
            "    summary:",
            "      en: Something was reported by several outlets. It mattered to the story.",
            "      ar: أفادت عدة وسائل إعلام بحدث ما. وكان له أثر في القصة.",
            f"    entities: [entity-{number % ENTITIES}, entity-{(number * 7) % ENTITIES}]",
            "    citations:",
            f"      - source: source-{number % SOURCES}",
            "        quote: أفادت مصادر مطلعة بأن الشركة غيّرت خططها.",
            "        quote_translated: {en: Informed sources said the company changed its plans.}",
            f"    date_basis: {{kind: stated, source: source-{number % SOURCES}}}",
        ]
    return "\n".join(lines) + "\n"
