"""Rules beyond one field's kind: what a record says about itself, and about other records.

The walk (records.py) reads each record into `Record.values`: the typed value
of each field it could read, by the field's name, beside the nodes messages
point at. These rules then run over those values. Within a record: the rules
that are about one field (the end is not before the date, a date basis is
given, a null says why). Across records: unknown or duplicate ids, dates before
citations, the source a date rests on, conflicts that name each other, sources
and entities nobody uses. Records with errors take part too, so one mistake in
an event does not hide another.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace
from typing import Any

import yaml

from .addresses import id_problem
from .corruption import ARABIC_COMMA
from .load import position
from .memory_sources import memory_citations
from .messages import Text, t, tr
from .model import Entity, by_name, name_key
from .readers import SLUG, Record, Written, slug_hint
from .reporting import Reporter, did_you_mean, quoted_list
from .time_rules import expired_expectations, open_dates

# A source may report these before their date: a plan, or conflicting claims about a plan.
FORWARD_LOOKING = ("planned", "disputed")
SINGULAR = {"sources": "source", "entities": "entity", "events": "event"}
_EXPLAIN_NULL = tr("If it is unknown on purpose, say why under 'unknown_because' in each language; the warning then stops.")
_DATE_BASIS_SHAPE = tr(
    "Add 'date_basis: {example}' when a cited article states the date; "
    "kind 'report' when the event is dated by a cited article's report because its own date is not established; "
    "kind 'record' when another public record gives the date (list it under 'sources:' and cite it)",
    example="{kind: stated, source: <id>}",
)


def check_rules(reporter: Reporter, file: Record, languages: tuple[str, ...], today: dt.date | None = None) -> None:
    """Every rule, over the records of the file (`file`, the FILE section's record); with `today`, expectations
    whose window passed before it are warned about."""
    sources: Mapping[str, Record] = file.values.get("sources") or {}
    entities: Mapping[str, Record] = file.values.get("entities") or {}
    events: tuple[Record, ...] = file.values.get("events", ())
    for source in sources.values():
        unknown_values(reporter, source, languages)
    for event in events:
        event_fields(reporter, event)
    relayed = relayed_outlets(
        reporter, [written for source in sources.values() for written in source.values.get("via", ())],
        {entity_id: entity.built for entity_id, entity in entities.items() if entity.built is not None},
    )
    check_across(reporter, events, sources, ids_in(file.nodes.get("sources")), ids_in(file.nodes.get("entities")), relayed)
    open_dates(reporter, events)
    memory_citations(reporter, events, sources)
    if today is not None:
        expired_expectations(reporter, events, sources, today)


def ids_in(node: yaml.Node | None) -> dict[str, yaml.Node]:
    """All ids defined in a part, even those whose fields have errors (for the rules across records)."""
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {key.value: key for key, _ in node.value if isinstance(key, yaml.ScalarNode)}


# -- within a record -----------------------------------------------------------------------

# What the site shows of each field a source may record as unknown (null), for the warning that says so.
_UNKNOWN = {
    "outlet": (tr("the outlet"), tr("Add the outlet's name in {languages} when it is found; until then the site shows 'outlet unknown'.")),
    "title": (tr("the title"), tr("Add the headline as published when it is found; until then the site shows 'title unknown'.")),
    "url": (tr("the URL"), tr("Add the article's address when it is found; until then the site shows 'link unknown'.")),
}


def unknown_values(reporter: Reporter, source: Record, languages: tuple[str, ...]) -> None:
    """A source's null outlet, title or url is warned about, unless `unknown_because` says why; a reason for nothing is too."""
    explained = "unknown_because" in source.nodes  # a null on purpose, with its reason: no warning
    unknown = [name for name in _UNKNOWN if name in source.values and source.values[name] is None]
    if not explained:
        for name in unknown:
            what, hint = _UNKNOWN[name]
            reporter.warning(
                source.nodes[name], f"{source.where}, {name}", t("unknown-value", "{what} is recorded as unknown (null)", what=what),
                tr("{hint} {explain}", hint=replace(hint, params=(("languages", quoted_list(languages)),)), explain=_EXPLAIN_NULL),
            )
    elif not unknown:
        reporter.warning(
            source.keys["unknown_because"], f"{source.where}, unknown_because",
            t("unknown-because-unused", "nothing in this source is recorded as unknown (null), so there is nothing to explain"),
            tr("Remove 'unknown_because', or set the outlet, title or url it explains to null"),
        )


def event_fields(reporter: Reporter, event: Record) -> None:
    """The end is not before the date; the date basis is given; the list of citations is not empty."""
    date, end = event.values.get("date"), event.values.get("end")
    if date is not None and end is not None and end.end < date.start:
        reporter.error(event.nodes["end"], f"{event.where}, end", t("end-before-date", "the end ({end}) is before the date ({date})", end=end, date=date), tr("Swap them, or correct the end date."))
    if "date_basis" not in event.keys:
        reporter.error(
            event.node, f"{event.where}, date_basis",
            t("missing-date-basis", "the required field 'date_basis' is missing: the reader cannot tell where the date comes from"), _DATE_BASIS_SHAPE,
        )
    citations = event.nodes.get("citations")
    if isinstance(citations, yaml.SequenceNode) and not citations.value:
        reporter.error(citations, f"{event.where}, citations", t("no-citation", "the event has no citation"), tr("Add at least one citation with 'source' and 'quote'."))


# -- across records ------------------------------------------------------------------------


def _id(event: Record) -> Written | None:
    written: Written | None = event.values.get("id")
    return written


def _listed(record: Record, name: str) -> tuple[Written, ...]:
    written: tuple[Written, ...] = record.values.get(name, ())
    return written


def _cited(event: Record) -> Iterator[Written]:
    """The source of every citation of the event, as written, known or not."""
    citations: tuple[Record, ...] = event.values.get("citations", ())
    return (citation.values["source"] for citation in citations if "source" in citation.values)


def _written_sources(event: Record) -> set[str]:
    """Every source id written under the event's citations, even in a citation that could not be read."""
    node = event.nodes.get("citations")
    if not isinstance(node, yaml.SequenceNode):
        return set()
    return {
        value.value.strip()
        for item in node.value if isinstance(item, yaml.MappingNode)
        for key, value in item.value
        if isinstance(key, yaml.ScalarNode) and key.value == "source" and isinstance(value, yaml.ScalarNode)
    }


def _published(sources: Mapping[str, Record], source_id: str) -> Any:
    """The publication date of a source, when it was read (None when unknown or unread)."""
    source = sources.get(source_id)
    return None if source is None else source.values.get("published")


def check_across(
    reporter: Reporter,
    events: Sequence[Record],
    sources: Mapping[str, Record],
    source_keys: Mapping[str, yaml.Node],
    entity_keys: Mapping[str, yaml.Node],
    relayed: frozenset[str] = frozenset(),
) -> None:
    """Report every rule across records; `*_keys` are all ids defined, even those of records with errors.

    `relayed`: the entities that sources name as outlets they relay (`via`), which pages show even if no event lists them.
    """
    unique_events(reporter, events)
    for event in events:
        citation_sources(reporter, event, sources, source_keys)
        entity_references(reporter, event, entity_keys)
        date_basis(reporter, event, sources, source_keys)
    conflicts(reporter, events)
    moved(reporter, events)
    cited = {written.value for event in events for written in _cited(event)}
    mentioned = {written.value for event in events for written in _listed(event, "entities")} | relayed
    unused(reporter, source_keys, cited, "sources")
    unused(reporter, entity_keys, mentioned, "entities")


def unique_events(reporter: Reporter, events: Sequence[Record]) -> None:
    seen: dict[str, yaml.Node] = {}
    for event in events:
        written = _id(event)
        if written is None:
            continue
        value, node = written.value, written.node
        if value in seen:
            reporter.error(
                node, written.where,
                t("duplicate-event-id", "another event already has the id '{id}' (line {line})", id=value, line=position(seen[value])[0]),
                tr("Give each event its own id: the id is the event's web address."),
            )
            continue
        seen[value] = node


def citation_sources(reporter: Reporter, event: Record, sources: Mapping[str, Record], source_keys: Mapping[str, yaml.Node]) -> None:
    """Each citation names a defined source, published no earlier than the event (unless it announced it)."""
    date, status = event.values.get("date"), event.values.get("status")
    for written in _cited(event):
        source_id = written.value
        if source_id not in source_keys:
            reporter.error(
                written.node, written.where, t("unknown-source", "unknown source '{id}'", id=source_id),
                tr("Use an id defined under 'sources:'{did_you_mean}", did_you_mean=did_you_mean(source_id, list(source_keys))),
            )
        elif date is not None and status not in FORWARD_LOOKING and not date.open_start:
            published = _published(sources, source_id)
            if published is not None and published.end < date.start:
                reporter.warning(
                    written.node, written.where,
                    t("published-before-event", "the source was published ({published}) before the event's date ({date})", published=published, date=date),
                    tr("Check the event's date; if the source announced it in advance, set the status to 'planned' (or 'disputed' when sources conflict about it)."),
                )


def entity_references(reporter: Reporter, event: Record, entity_keys: Mapping[str, yaml.Node]) -> None:
    for written in _listed(event, "entities"):
        if written.value not in entity_keys:
            reporter.error(
                written.node, written.where, t("unknown-entity", "unknown entity '{id}'", id=written.value),
                tr("Use an id defined under 'entities:'{did_you_mean}", did_you_mean=did_you_mean(written.value, list(entity_keys))),
            )


def date_basis(reporter: Reporter, event: Record, sources: Mapping[str, Record], source_keys: Mapping[str, yaml.Node]) -> None:
    """The date rests on a source the event cites; a report's date lies within the event's date."""
    basis: Record | None = event.values.get("date_basis")
    source: Written | None = basis.values.get("source") if basis is not None else None
    if basis is None or source is None:
        return
    source_id, node, place = source.value, source.node, source.where
    citations: tuple[Record, ...] = event.values.get("citations", ())
    # The sources of the citations read whole (a source and a quote).
    cited = list(dict.fromkeys(citation.built.source for citation in citations if citation.built is not None and citation.built.source in source_keys))
    if source_id not in source_keys:
        if source_id not in _written_sources(event):  # else the citation's own message names the unknown source once
            reporter.error(
                node, place, t("unknown-source", "unknown source '{id}'", id=source_id),
                tr("Use the id of a source this event cites{did_you_mean}", did_you_mean=did_you_mean(source_id, cited or list(source_keys))),
            )
        return
    if cited and source_id not in cited:
        reporter.error(
            node, place,
            t("date-source-not-cited", "the date rests on source '{id}', which this event does not cite", id=source_id),
            tr("Cite it under 'citations' with the passage that gives the date, or name a cited source: {cited}", cited=", ".join(cited)),
        )
        return
    date = event.values.get("date")
    if basis.values.get("kind") == "report" and date is not None:
        published = _published(sources, source_id)
        # An open date (../2025-12-10) is bounded by the report: any bound from the report's day on holds.
        if date.open_start:
            holds = published is None or published.start <= date.end
        else:
            holds = published is None or (date.start <= published.start and published.end <= date.end)
        if not holds:
            reporter.warning(
                node, place,
                t(
                    "report-date-mismatch", "the event is dated by the report of '{id}', published {published}, but its date ({date}) does not include that",
                    id=source_id, published=published, date=date,
                ),
                tr(
                    "Write the report's date ({published}, or a coarser one that includes it), or use kind 'stated' or 'record' if a source gives the event's own date",
                    published=published,
                ),
            )


def conflicts(reporter: Reporter, events: Sequence[Record]) -> None:
    """`conflicts_with` names other events, and each of them names this one back."""
    by_id: dict[str, Record] = {}
    for event in events:
        if (written := _id(event)) is not None:
            by_id.setdefault(written.value, event)
    for event in events:
        if (own_id := _id(event)) is None:
            continue
        own = own_id.value
        for written in _listed(event, "conflicts_with"):
            other = by_id.get(written.value)
            if written.value == own:
                reporter.error(written.node, written.where, t("conflicts-with-itself", "an event cannot conflict with itself"), tr("Name the other events that make claims about the same thing, or remove this id."))
            elif other is None:
                reporter.error(
                    written.node, written.where, t("unknown-event", "unknown event '{id}'", id=written.value),
                    tr("Use the id of another event{did_you_mean}", did_you_mean=did_you_mean(written.value, [event_id for event_id in by_id if event_id != own])),
                )
            elif own not in {back.value for back in _listed(other, "conflicts_with")}:
                _missing_back_reference(reporter, other, own)


def moved(reporter: Reporter, events: Sequence[Record]) -> None:
    """Each former id (`moved_from`) is an address of its own: a slug, no event's id, and no other event's former id."""
    current = {written.value for event in events if (written := _id(event)) is not None}
    seen: dict[str, str] = {}
    for event in events:
        own = _id(event)
        for written in _listed(event, "moved_from"):
            value = written.value
            problem: tuple[str | Text, str | Text] | None = None if SLUG.fullmatch(value) else (f"the former id '{value}' is not a slug", slug_hint(value))
            problem = problem or id_problem(value, is_page=True)
            if problem is None and value in current:
                problem = (
                    f"'{value}' is the id of an event, so its address cannot also lead to another one",
                    "Remove it from moved_from, or rename that event (python -m generator rename)",
                )
            if problem is None and value in seen:
                problem = (f"'{value}' is already a former id of event '{seen[value]}'", "Keep it in one event's moved_from only")
            if problem is not None:
                reporter.error(written.node, written.where, *problem)
            elif own is not None:
                seen[value] = own.value


def _missing_back_reference(reporter: Reporter, event: Record, missing: str) -> None:
    """Reported where the list lacks the id: its conflicts_with, or the event's id when it has none."""
    own = _id(event)
    assert own is not None
    where = f"event '{own.value}', conflicts_with"
    listed = list(dict.fromkeys(written.value for written in _listed(event, "conflicts_with")))
    conflicts_node = event.nodes.get("conflicts_with")
    if conflicts_node is not None:
        node = conflicts_node
        hint = tr(
            "Add it to this event's list: conflicts_with: [{ids}]; conflicting claims name each other, so that each page leads to the other",
            ids=", ".join([*listed, missing]),
        )
    else:
        node = own.node
        hint = tr("Add 'conflicts_with: [{id}]' to this event; conflicting claims name each other, so that each page leads to the other", id=missing)
    reporter.error(
        node, where, t("conflict-not-mutual", "event '{id}' lists this event under conflicts_with, but this event does not list '{id}'", id=missing), hint,
    )


def unused(reporter: Reporter, keys: Mapping[str, yaml.Node], used: set[str], section: str) -> None:
    if section == "sources":
        message, hint = t("unused-source", "no event cites this source"), tr("Cite it from an event, or remove it.")
    else:
        message, hint = t("unused-entity", "no event mentions this entity"), tr("List it in an event's 'entities', or remove it.")
    for item_id, key in keys.items():
        if item_id not in used:
            reporter.warning(key, f"{SINGULAR[section]} '{item_id}'", message, hint)


def relayed_outlets(reporter: Reporter, relayed: Sequence[Written], entities: Mapping[str, Entity]) -> frozenset[str]:
    """Each outlet a source relays (`via`) is an entity's name, so that every language's pages can name it in their own words.

    Returns the ids of the entities so named.
    """
    named: set[str] = set()
    index = by_name(entities.values())
    names = [name for known in entities.values() for name in known.names]
    suggestions: dict[str, Text] = {}  # difflib is slow, and a relayed outlet is usually named many times
    for written in relayed:
        if ARABIC_COMMA in written.value and not getattr(written.node, "style", None):
            continue  # two outlets read as one: corruption.py says so, and the fix is the comma
        entity = index.get(name_key(written.value))
        if entity is not None:
            named.add(entity.id)
        else:
            if written.value not in suggestions:  # not setdefault: its argument would be computed every time
                suggestions[written.value] = did_you_mean(written.value, names)
            reporter.warning(
                written.node, written.where, t("via-not-entity", "via '{name}' names no entity", name=written.value),
                tr("Add an entity with this name among its aliases so that Arabic pages can name it{did_you_mean}", did_you_mean=suggestions[written.value]),
            )
    return frozenset(named)
