"""Sources of the public record known only from memory: cited for an event's date, never for a quote.

An article of the five founding ones can be read here; a company's announcement or a major outlet's report
that a maintainer remembers cannot. Such a source is written with `known_from: memory`: its address, title and
date are as remembered, it supports only the date of an event (`date_basis: {kind: record, source: ...}`),
and a citation of it carries no quote, since nobody here has read the page. Readers see it marked "not yet
checked online" until `checked_online` records the day the links tool found the page and its date.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .readers import Record
from .reporting import Reporter

MEMORY = "memory"


def memory_citations(reporter: Reporter, events: Sequence[Record], sources: Mapping[str, Record]) -> None:
    """A citation of a remembered source has no quote and carries the event's date; any other has a quote."""
    for event in events:
        basis: Record | None = event.values.get("date_basis")
        basis_source = basis.values.get("source") if basis is not None else None
        basis_kind = basis.values.get("kind") if basis is not None else None
        citations: tuple[Record, ...] = event.values.get("citations", ())
        for citation in citations:
            written = citation.values.get("source")
            if written is None or written.value not in sources:
                continue
            remembered = sources[written.value].values.get("known_from") == MEMORY
            quote = citation.values.get("quote")
            if remembered and quote is not None:
                reporter.error(
                    citation.nodes["quote"], f"{citation.where}.quote",
                    f"source '{written.value}' is known from memory (known_from: memory): nobody here has read it, so it cannot be quoted",
                    "Write 'quote: null': the citation supports only the event's date, and the claims stay cited to the articles.",
                )
            elif remembered and (basis_kind != "record" or basis_source is None or basis_source.value != written.value):
                reporter.error(
                    written.node, written.where,
                    f"source '{written.value}' is known from memory and may support only the event's date",
                    f"Write 'date_basis: {{kind: record, source: {written.value}}}', or cite an article that can be quoted.",
                )
            elif not remembered and "quote" in citation.values and quote is None:
                reporter.error(
                    citation.nodes["quote"], f"{citation.where}.quote",
                    "the quote is null, but only a source known from memory (known_from: memory) is cited without a quote",
                    "Copy the sentence that supports the event, verbatim from the article.",
                )
