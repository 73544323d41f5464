"""Every quote taken from the five seed articles is copied verbatim.

The seed articles are the saved Arabic texts the first timeline was built
from. They live outside the repository, in ``../shared/seeds`` next to it;
when that folder is absent (for example in a fresh clone), the test skips.

Quotes are compared after whitespace normalization only: runs of whitespace
collapse to one space and the ends are stripped. Everything else (spelling,
typos, punctuation, the kind of quotation marks) must match the article.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

REPO_ROOT = Path(__file__).resolve().parents[1]
EVENTS_FILE = REPO_ROOT / "events.yaml"
SEEDS_DIR = Path(__file__).resolve().parents[2] / "shared" / "seeds"

# Source id in events.yaml -> file name of the saved article text.
SEED_FILES: dict[str, str] = {
    "aljazeera-2025-12-11-meta-drops-open-models": "000_2988e05b8d592fd5.txt",
    "hyperai-2025-07-meta-debates-closed-models": "001_4230e7fc097aa670.txt",
    "unknown-2025-bloomberg-relay-open-source-end": "002_12f1507958a3bb5b.txt",
    "hlosw-2025-12-10-zuckerberg-avocado-qwen": "003_c752f456d2394a4e.txt",
    "masralyoum-2025-12-11-meta-rethinks-ai": "004_12631ab96fb70234.txt",
}

_WHITESPACE = re.compile(r"\s+")


def normalize(text: str) -> str:
    """Collapse runs of whitespace to one space and strip the ends."""
    return _WHITESPACE.sub(" ", text).strip()


@pytest.fixture(scope="module")
def seed_texts() -> dict[str, str]:
    if not SEEDS_DIR.is_dir():
        pytest.skip(f"seed articles not found at {SEEDS_DIR} (they are kept outside the repository, in ../shared/seeds)")
    texts = {}
    for source_id, file_name in SEED_FILES.items():
        path = SEEDS_DIR / file_name
        if not path.is_file():
            pytest.skip(f"seed article {file_name} for source '{source_id}' not found in {SEEDS_DIR}")
        texts[source_id] = normalize(path.read_text(encoding="utf-8"))
    return texts


@pytest.fixture(scope="module")
def seed_citations() -> list[tuple[str, str, str]]:
    """(event id, source id, quote) for every citation of a seed article."""
    data = yaml.safe_load(EVENTS_FILE.read_text(encoding="utf-8"))
    found = []
    for event in data.get("events") or []:
        for citation in event.get("citations") or []:
            source = citation.get("source")
            if source in SEED_FILES:
                found.append((str(event.get("id")), source, str(citation.get("quote") or "")))
    return found


def test_seed_quotes_are_verbatim(seed_texts: dict[str, str], seed_citations: list[tuple[str, str, str]]) -> None:
    assert seed_citations, "no citation of a seed article found in events.yaml"
    failures = [
        f"- event '{event_id}', source '{source}' ({SEED_FILES[source]}): quote not found in the article:\n    {quote}"
        for event_id, source, quote in seed_citations
        if not normalize(quote) or normalize(quote) not in seed_texts[source]
    ]
    assert not failures, f"{len(failures)} quote(s) are not verbatim:\n" + "\n".join(failures)


def test_every_seed_source_is_cited(seed_texts: dict[str, str], seed_citations: list[tuple[str, str, str]]) -> None:
    cited = {source for _, source, _ in seed_citations}
    missing = sorted(set(SEED_FILES) - cited)
    assert not missing, "seed sources never cited by an event: " + ", ".join(missing)
