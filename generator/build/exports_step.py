"""The data exports, written into the finished site: a step after the engine.

The formats are made by generator/exports/ (pure functions of the timeline);
this step only decides where each file goes, at the addresses exports/paths.py
names: the shared files once at the site root, the worded ones per language.
"""

from __future__ import annotations

from pathlib import Path

from generator.exports import paths
from generator.exports.csl import sources_csl
from generator.exports.feeds import atom_feed
from generator.exports.model_json import events_json, schema
from generator.exports.serialize import json_bytes
from generator.exports.table import events_csv
from generator.exports.timelinejs import timeline_json

from .context import BuildContext


def write_exports(context: BuildContext) -> None:
    timeline, root = context.timeline, context.built
    _write(root / paths.EVENTS_CSV, events_csv(timeline))
    _write(root / paths.EVENTS_JSON, json_bytes(events_json(timeline)))
    _write(root / paths.EVENTS_SCHEMA, json_bytes(schema()))
    _write(root / paths.SOURCES_CSL, json_bytes(sources_csl(timeline)))
    for lang in context.languages:
        localizer, base_url = context.localizers[lang], context.base_urls.get(lang)
        _write(root / lang / paths.TIMELINEJS, json_bytes(timeline_json(timeline, localizer, base_url)))
        _write(root / lang / paths.FEED, atom_feed(timeline, localizer, base_url))


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
