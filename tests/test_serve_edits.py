"""After each save, the site `serve` shows is the site a full build makes: one kind of edit at a time.

`serve` makes again only the pages that read something a save changed (generator/site/reader.py records
what each page reads; generator/build/incremental.py compares it). The stories here edit every kind of
field, in events.yaml and in mkdocs.yml, and check that nothing is missed: first in this process (every page
that is not made again would read the same text), then with `make serve`'s own command, file for file
against a full build after each save.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from generator.build.incremental import Plan, Snapshot, changed_keys, plan
from generator.data.checker import check_text
from generator.data.model import Timeline
from generator.languages.localize import Localizer
from generator.languages.settings import Settings
from generator.site.language_pages import LanguagePages
from generator.site.reader import Queries

from conftest import DEPLOYMENT_ENVIRONMENT, FIXTURE, REPO, START, event, run, stable_site_files
from test_serve import Server, free_port

TITLE = "Meta releases Llama 4 to a weak reception"

# Each edit of the fixture's events.yaml (or of mkdocs.yml: a setting pages read), one kind of field each, made
# one after the other. The file names which one it edits.
Edit = tuple[str, str, Callable[[str], str]]
EDITS: tuple[Edit, ...] = (
    ("title", "events.yaml", lambda text: text.replace(TITLE, "Meta releases Llama 4, edited while serving")),
    ("date", "events.yaml", lambda text: text.replace("  - id: superintelligence-lab\n    date: ~2025-07\n", "  - id: superintelligence-lab\n    date: ~2025-11\n")),
    ("status", "events.yaml", lambda text: text.replace("  - id: open-source-commitment-denial\n    date: 2024-12\n    status: denied\n", "  - id: open-source-commitment-denial\n    date: 2024-12\n    status: disputed\n")),
    ("entity's name", "events.yaml", lambda text: text.replace("      en: Mark Zuckerberg\n", "      en: Mark Elliot Zuckerberg\n")),
    ("event's entities", "events.yaml", lambda text: text.replace("    entities: [meta, zuckerberg]\n    citations:\n      - source: masralyoum-2025-12-meta-rethinks-ai\n        quote: أعاد", "    entities: [meta, llama, zuckerberg]\n    citations:\n      - source: masralyoum-2025-12-meta-rethinks-ai\n        quote: أعاد")),
    ("conflict", "events.yaml", lambda text: text.replace(
        "    entities: [meta, llama]\n    citations:\n      - source: masralyoum-2025-12-meta-rethinks-ai\n        quote: ميتا تتجه",
        "    entities: [meta, llama]\n    conflicts_with: [avocado-closed-model]\n    citations:\n      - source: masralyoum-2025-12-meta-rethinks-ai\n        quote: ميتا تتجه",
    ).replace("    entities: [meta]\n    citations:\n      - source: cnbc-2025-12-avocado\n        quote: Avocado", "    entities: [meta]\n    conflicts_with: [closed-model-shift-q1-2026]\n    citations:\n      - source: cnbc-2025-12-avocado\n        quote: Avocado")),
    ("citation", "events.yaml", lambda text: text.replace("        quote: We remain committed to open source, a Meta spokesperson said.\n", "        quote: We remain committed to open source, a Meta spokesperson said.\n      - source: cnbc-2025-12-avocado\n        quote: Avocado may be a closed model, people familiar with the matter said.\n")),
    ("source", "events.yaml", lambda text: text.replace("      en: Reuters\n", "      en: Reuters News\n")),
    ("setting", "mkdocs.yml", lambda text: text.replace("    latest_events: 5 ", "    latest_events: 2 ")),
    ("a setting that splits the timeline", "mkdocs.yml", lambda text: text.replace("    year_pages_above: 200\n", "    year_pages_above: 3\n")),
    ("date, to another year", "events.yaml", lambda text: text.replace("  - id: behemoth-delay\n    date: 2025-05-15\n", "  - id: behemoth-delay\n    date: 2024-05-15\n").replace("    published: 2025-05-15\n    url: https://www.example.com/records", "    published: 2024-05-15\n    url: https://www.example.com/records")),
    ("renamed event", "events.yaml", lambda text: text.replace("  - id: behemoth-delay\n", "  - id: behemoth-postponed\n    moved_from: [behemoth-delay]\n")),
    ("removed event", "events.yaml", lambda text: text[: text.index("  - id: open-source-commitment-denial\n")] + text[text.index("  - id: meta-ai-infrastructure-spending-2025\n") :]),
)


def settings_of(config: str) -> Settings:
    """The settings pages read, as mkdocs.yml writes them."""
    values = {}
    for name in ("latest_events", "year_pages_above"):
        line = next(line for line in config.splitlines() if line.strip().startswith(f"{name}:"))
        values[name] = int(line.split(":")[1].split("#")[0])
    return Settings(**values)


def timeline_of(text: str) -> Timeline:
    result = check_text(text)
    assert result.timeline is not None, [str(problem) for problem in result.errors]
    return result.timeline


def made_again(before: Timeline, after: Timeline, settings: Settings, after_settings: Settings | None = None, lang: str = "en") -> Plan:
    """The pages `serve` makes again (and removes) in one language after a save from `before` to `after`."""
    after_settings = after_settings or settings
    reads = {made.page.path: made.reads for made in LanguagePages(before, Localizer(lang, settings)).rendered()}
    changed = changed_keys(Snapshot(before, settings, {}, {}, {lang: reads}), Queries(after, after_settings))
    return plan(reads, LanguagePages(after, Localizer(lang, after_settings)).addresses(), changed)


def texts(timeline: Timeline, settings: Settings, lang: str) -> dict[str, str]:
    return {page.path: page.text for page in LanguagePages(timeline, Localizer(lang, settings)).pages()}


@pytest.mark.parametrize("lang", ["en", "ar"])
def test_after_each_save_every_page_that_is_not_made_again_reads_the_same(lang: str):
    events = (FIXTURE / "events.yaml").read_text(encoding="utf-8")
    config = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    timeline, settings = timeline_of(events), settings_of(config)
    for kind, file, change in EDITS:
        if file == "mkdocs.yml":
            config = change(config)
            assert config != change(config) or settings_of(config) != settings, kind
        else:
            changed = change(events)
            assert changed != events, kind
            events = changed
        new_timeline, new_settings = timeline_of(events), settings_of(config)
        made = made_again(timeline, new_timeline, settings, new_settings, lang)
        before, after = texts(timeline, settings, lang), texts(new_timeline, new_settings, lang)
        assert made.remove == before.keys() - after.keys(), kind
        assert [path for path in after if path not in made.render and after[path] != before[path]] == [], kind
        # And only what the edit shows on: no save makes every page again.
        assert len(made.render) < len(after), kind
        timeline, settings = new_timeline, new_settings


def test_a_title_makes_again_its_page_its_neighbours_its_entities_and_the_lists_only():
    events = (FIXTURE / "events.yaml").read_text(encoding="utf-8")
    before, settings = timeline_of(events), Settings()
    made = made_again(before, timeline_of(EDITS[0][2](events)), settings)
    assert made.render == {
        "events/llama-4-release.md",
        # Its previous and next events name it; so do the pages of its entities and of the article it cites.
        "events/meta-ai-infrastructure-spending-2025.md", "events/hostile-input-test.md",
        "entities/meta.md", "entities/llama.md", "entities/zuckerberg.md",
        "index.md", "timeline.md", "sources.md",
    }
    assert made.remove == frozenset()


def test_an_edit_renders_again_every_claim_of_its_conflict_and_every_event_whose_neighbours_changed():
    def claim(event_id: str, date: str, others: str) -> str:
        return event(event_id, date).replace("status: reported", "status: disputed").replace("    citations:", f"    conflicts_with: [{others}]\n    citations:")

    # a and c each conflict with b only; b's page names both, and so, through b, does each page of the cluster.
    before = START + claim("a-claim", "2026-01", "b-claim") + claim("b-claim", "2026-02", "a-claim, c-claim") + claim("c-claim", "2026-03", "b-claim") + event("later", "2026-06")
    after = before.replace("  - id: c-claim\n    date: 2026-03\n    status: disputed", "  - id: c-claim\n    date: 2026-03\n    status: denied")
    old, new = check_text(before).timeline, check_text(after).timeline
    assert old is not None and new is not None
    assert "events/a-claim.md" in made_again(old, new, Settings()).render  # a lists c as another report
    # Moving the cluster's earliest date moves the whole cluster: 'later' gets new neighbours.
    moved = before.replace("  - id: a-claim\n    date: 2026-01", "  - id: a-claim\n    date: 2026-09")
    shifted = check_text(moved).timeline
    assert shifted is not None
    assert {"events/later.md", "events/c-claim.md"} <= made_again(old, shifted, Settings()).render


def project_with(folder: Path) -> Path:
    """A project as `make serve` has it: events.yaml, docs/ and mkdocs.yml in one folder."""
    shutil.copytree(FIXTURE, folder, dirs_exist_ok=True)
    shutil.copyfile(REPO / "mkdocs.yml", folder / "mkdocs.yml")
    return folder


@pytest.mark.slow
def test_after_each_kind_of_edit_served_with_the_default_paths_the_site_is_a_full_builds(tmp_path: Path):
    project = project_with(tmp_path / "project")
    port = free_port()
    address = f"http://127.0.0.1:{port}/"
    server = Server(project, port, in_project=True)
    full = tmp_path / "full"
    try:
        server.wait_until_serving()
        for kind, file, change in EDITS:
            path = project / file
            mark = len(server.lines)
            path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")
            server.wait_for("rebuilt ", timeout=120, after=mark)
            server.wait_for("search index updated.", timeout=120, after=mark)
            # A full build of the same files, at the address serve serves them at.
            shutil.rmtree(full, ignore_errors=True)
            shutil.copytree(project, full, ignore=shutil.ignore_patterns("site", "build", ".cache"))
            with pytest.MonkeyPatch.context() as patch:
                for name in DEPLOYMENT_ENVIRONMENT:
                    patch.delenv(name, raising=False)
                patch.setenv("SITE_URL", address)
                built = run("build", str(full / "events.yaml"), "--docs", str(full / "docs"), "--config", str(full / "mkdocs.yml"), "--site", str(full / "site"), "--work", str(full / "build"))
            assert built.code == 0, built.out + built.err
            served, rebuilt = stable_site_files(project / "site"), stable_site_files(full / "site")
            assert sorted(served) == sorted(rebuilt), kind
            assert [name for name in rebuilt if served[name] != rebuilt[name]] == [], kind
    finally:
        code = server.stop()
    output = "\n".join(server.lines)
    assert code == 0 and "Traceback" not in output and "building everything" not in output
    # Every save was rebuilt in place: the first build is the only whole one.
    assert output.count("built site/ in ") == 1 and output.count("rebuilt ") == len(EDITS)
