"""What a newcomer runs, as the README writes it, from the project folder with every path its default.

`make serve` runs `python -m generator serve --port 8000` and `make build` runs `python -m generator build`,
both from the project folder: `--site site --work build`, relative paths. The other tests give every path
absolute, and so did not see what these see.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from conftest import REPO, copy_fixture, serve_folder, stable_site_files
from test_search_index import indexed_pages
from test_serve import Server, _save, _status, fetch, free_port, generator_env, stopped_incremental

# A whole story in other processes: `make test` runs it, the quick loop (`make test-fast`) leaves it out.
pytestmark = pytest.mark.slow

TITLE = "Meta releases Llama 4 to a weak reception"
EDITED = "Meta releases Llama 4, edited while serving"


def a_project(folder: Path) -> Path:
    """A project as a newcomer has it: events.yaml, docs/ and mkdocs.yml in one folder."""
    copy_fixture(folder)
    shutil.copyfile(REPO / "mkdocs.yml", folder / "mkdocs.yml")
    return folder


def generator(project: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """`python -m generator ARGS`, run from the project folder (SITE_URL unset unless given, as on a newcomer's machine)."""
    environment = {key: value for key, value in generator_env().items() if key != "SITE_URL"}
    return subprocess.run(
        [sys.executable, "-m", "generator", *args], cwd=project, env={**environment, **env}, capture_output=True, text=True, encoding="utf-8", timeout=600,
    )


def sources_at(text: str, address: str) -> str:
    """The events file with each source's address on a local server (`links` never reaches the internet here)."""
    return re.sub(r"(?m)^(\s+url: )https://", rf"\g<1>{address}/", text)


class MissingPages:
    """An open page asking, again and again, for an address with no file (an old link, an icon the site lacks)."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.answers: list[int] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._ask, daemon=True)

    def _ask(self) -> None:
        while not self._stop.wait(0.02):
            self.answers.append(_status(self.url)[0])

    def __enter__(self) -> MissingPages:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=30)


def test_links_then_make_serve_show_an_edit_everywhere_and_make_build_gives_the_same_site(tmp_path: Path):
    project = a_project(tmp_path / "project")
    events = project / "events.yaml"
    (tmp_path / "nothing").mkdir()
    with serve_folder(tmp_path / "nothing") as sources:  # every source answers 404: enough for `links` to keep answers
        good = sources_at(events.read_text(encoding="utf-8"), sources)
        events.write_text(good, encoding="utf-8")
        # The guide's check of the sources (`links`), before anything is built: its answers are kept out of build/.
        links = generator(project, "links", "--delay", "0", "--allow-local")
        assert f"({sources}/www.cnbc.com/" in links.stdout and "Traceback" not in links.stderr
    assert list((project / ".cache" / "links").glob("*.json"))

    # `make serve`, and the first save has a typo: nothing can be built, and the browser says why (not a bare 404).
    events.write_text(good.replace("status: happened", "status: hapened", 1), encoding="utf-8")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = Server(project, port, in_project=True)
    try:
        server.wait_for("serving on http://127.0.0.1:", timeout=120)
        status, page = _status(base + "/en/")
        assert status == 404
        assert "&#x27;hapened&#x27; is not a status" in page[page.index('id="timeline-problems"') :]
        assert "livereload" in page  # it reloads by itself once the file is fixed
        _save(server, events, good, "built site/ in ")
        # The language choice at the root, and search: its index and script.
        assert 'href="ar/"' in fetch(base + "/")[1]
        assert '"ar"' in fetch(base + "/pagefind/pagefind-entry.json")[1]
        assert fetch(base + "/pagefind/pagefind-component-ui.js")[0] == 200
        # An address with no file gets the site's own 404 page in its language, else the root's, in every language.
        status, page = _status(base + "/ar/events/no-such-event/")
        assert status == 404 and '<html lang="ar"' in page and 'dir="rtl"' in page and "livereload" in page
        status, page = _status(base + "/en/nowhere")
        assert status == 404 and '<html lang="en"' in page
        status, page = _status(base + "/elsewhere/")
        assert status == 404 and 'href="/ar/"' in page

        # An edit, while a page keeps asking for a missing file: that is no problem of the site, and fails no rebuild.
        with MissingPages(base + "/en/no-such-page/") as browser:
            _save(server, events, good.replace(TITLE, EDITED), "rebuilt ")
            for path in ("/en/events/llama-4-release/", "/en/timeline/", "/en/"):
                page = fetch(base + path)[1]
                assert EDITED in page and TITLE not in page, path
                assert 'id="timeline-problems-errors"' not in page, path
            server.wait_for("search index updated.", timeout=120)
        assert browser.answers and set(browser.answers) == {404}
    finally:
        output = stopped_incremental(server)  # and no "building everything" after a failed quick rebuild
    assert "pages of site/" in output
    assert indexed_pages(project / "site")["/en/events/llama-4-release/"]["meta"]["title"] == EDITED
    served = stable_site_files(project / "site")

    # `make build`: no public address is set, so none is written, and the build says what is left out until it is.
    built = generator(project, "build")
    assert built.returncode == 0, built.stdout + built.stderr
    assert built.stdout.splitlines()[-1].startswith("built site/ in ")
    assert built.stdout.count("note: SITE_URL is not set") == 1
    # (The sources' own addresses are on a local server here: what must be gone is the preview's address.)
    assert [name for name, data in stable_site_files(project / "site").items() if base.encode() in data or b"127.0.0.1:8000" in data] == []
    # The site serve left is the one a full build makes for the address it was served at, file for file.
    built = generator(project, "build", SITE_URL=f"{base}/")
    assert built.returncode == 0, built.stdout + built.stderr
    rebuilt = stable_site_files(project / "site")
    assert sorted(rebuilt) == sorted(served)
    assert [name for name in rebuilt if rebuilt[name] != served[name]] == []
