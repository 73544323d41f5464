"""sources.csl.json: the bibliography in CSL-JSON, which Zotero and other citation managers import.

One item per source, with the variables of the CSL 1.0.2 input schema
(https://resource.citationstyles.org/schema/latest/input/json/csl-data.json):
the headline as published and its outlet (in the article's own language when
recorded, else the first), dates at their known precision, the article's
language. CSL has no variable for an archived copy's address: it goes in
`archive_location`, with the archive's host name as `archive`, as Zotero
stores "Archive" and "Loc. in Archive". A source whose title, outlet or
address is unknown simply lacks that variable.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from generator.data.dates import FuzzyDate, Precision
from generator.data.model import Source, Timeline

Json = dict[str, object]

# CSL numbers the seasons 1 to 4 from spring.
_CSL_SEASONS = {"spring": 1, "summer": 2, "autumn": 3, "winter": 4}


def sources_csl(timeline: Timeline) -> list[Json]:
    """Every source, in id order (a stable file for citation managers to re-import)."""
    return [source_item(source, timeline.languages) for _, source in sorted(timeline.sources.items())]


def source_item(source: Source, languages: tuple[str, ...]) -> Json:
    item: Json = {"id": source.id, "type": "article-newspaper", "language": source.language}
    if source.title is not None:
        item["title"] = source.title
    translated = next((text for lang in languages if lang != source.language and (text := source.title_translated.get(lang))), None)
    if translated:
        item["translated-title"] = translated
    if source.outlet is not None:
        outlet = source.outlet.best(source.language)
        if outlet:
            item["container-title"] = outlet[0]
    if source.url is not None:
        item["URL"] = source.url
    if source.published is not None:
        item["issued"] = csl_date(source.published)
    if source.accessed is not None:
        item["accessed"] = csl_date(source.accessed)
    if source.archive_url is not None:
        item["archive"] = urlsplit(source.archive_url).hostname or source.archive_url
        item["archive_location"] = source.archive_url
    if source.notes is not None:
        note = source.notes.best(languages[0])
        if note:
            item["note"] = note[0]
    return item


def csl_date(date: FuzzyDate) -> Json:
    """A CSL date with only the known parts: a quarter as a range of months, a season as CSL's season of a year."""
    value: Json
    if date.precision is Precision.DAY:
        value = {"date-parts": [[date.year, date.start.month, date.start.day]]}
    elif date.precision is Precision.MONTH:
        value = {"date-parts": [[date.year, date.start.month]]}
    elif date.precision is Precision.QUARTER:
        value = {"date-parts": [[date.year, date.start.month], [date.year, date.end.month]]}
    elif date.precision is Precision.SEASON:
        assert date.season
        value = {"date-parts": [[date.year]], "season": _CSL_SEASONS[date.season]}
    else:
        value = {"date-parts": [[date.year]]}
    if date.circa:
        value["circa"] = True
    return value
