"""What the site publishes besides its pages: data files, feeds and structured data.

Each module turns the typed `Timeline` into one format and nothing else; none
reads or writes files, so the build decides where each goes (`paths.py` names
the addresses) and tests read the formats with the clients that consume them.

- `timelinejs.py`: TimelineJS3 JSON, one per language
- `table.py`: events.csv, every language in one table
- `csl.py`: sources.csl.json, the bibliography as CSL-JSON
- `model_json.py`: events.json, the whole model, with its JSON Schema
- `feeds.py`: an Atom feed per language
- `jsonld.py`: schema.org JSON-LD for event pages and the home page
- `cite.py`: a ready citation of an event page, as text and BibTeX

`paths.py` owns the exports' addresses, `iso.py` the ISO 8601 forms and the
published/revised dates they share, `serialize.py` how JSON files are written.
"""
