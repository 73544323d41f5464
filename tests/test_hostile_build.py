"""Hostile or broken input to `build`: nothing from outside the project is published, no page is lost,
only the generator's own folders are deleted, and every failure is a one-line message, not a traceback."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from conftest import PUBLIC_URL, REPO, START, BuiltProject, build_args, build_in_environment, copy_fixture, event, run, stable_site_files


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return copy_fixture(tmp_path / "project")


def with_option(args: list[str], option: str, value: Path | str) -> list[str]:
    args = list(args)
    args[args.index(option) + 1] = str(value)
    return args


def stopped(project: Path) -> str:
    return f"build stopped: {project / 'site'}/ was left as it was."


# -- ids that cannot be addresses (the checker refuses them, with the line) -----------------


def test_an_event_may_not_take_a_name_the_site_uses_for_its_own_pages(check):
    result = check(START + event("index"))
    assert result.code == 1
    assert result.lines[0] == (
        "events.yaml:14:9: error: event 'index', id: the id 'index' is a name the site uses for its own pages."
        " Choose another id, e.g. 'index-1'; reserved ids: index."
    )


def test_an_entity_may_not_take_a_name_the_site_uses_for_its_own_pages(check):
    text = START.replace("  meta: {kind", "  index: {kind: topic, label: {en: Index, ar: فهرس}}\n  meta: {kind") + event()
    result = check(text)
    assert result.code == 1
    assert "events.yaml:12:3: error: entity 'index': the id 'index' is a name the site uses for its own pages. Choose another id, e.g. 'index-1'; reserved ids: index." in result.lines


def test_an_id_too_long_for_a_file_name_is_refused_by_the_checker_not_the_build(check):
    long_id = "-".join(["word"] * 60)  # 299 characters: a valid slug, but no file system takes it as a name
    result = check(START + event(long_id))
    assert result.code == 1
    assert result.lines[0] == (
        f"events.yaml:14:9: error: event '{long_id}', id: the id is 299 characters long, more than the 100 an address may have."
        f" Shorten it to at most 100 characters, e.g. '{'-'.join(['word'] * 20)}'."
    )


def test_a_long_source_id_is_refused_too(check):
    long_id = "s" * 101
    result = check(START.replace("cnbc-report:", f"{long_id}:").replace("source: cnbc-report", f"source: {long_id}") + event().replace("cnbc-report", long_id))
    assert "events.yaml:5:3: error: source '" + long_id + "': the id is 101 characters long, more than the 100 an address may have." in result.out


# -- docs/: real files only -------------------------------------------------------------------


def test_a_symbolic_link_to_private_files_is_refused_and_nothing_is_published(project: Path, tmp_path: Path):
    private = tmp_path / "home" / ".ssh"
    private.mkdir(parents=True)
    (private / "id_rsa").write_text("SECRET KEY", encoding="utf-8")
    link = project / "docs" / "en" / "keys"
    link.symlink_to(private)
    result = run(*build_args(project))
    assert result.code == 1
    assert result.lines[-2:] == [
        f"error: {link}: is a symbolic link; the site is built from real files only, so that nothing outside the project is published. Replace the link by a copy of the file.",
        stopped(project),
    ]
    assert not (project / "site").exists()
    assert not list((project / "build").rglob("id_rsa"))


def test_a_symbolic_link_to_a_file_inside_the_project_is_refused_too(project: Path):
    link = project / "docs" / "ar" / "about.md"
    link.symlink_to(project / "docs" / "ar" / "methodology.md")
    result = run(*build_args(project))
    assert result.code == 1
    assert result.lines[-2].startswith(f"error: {link}: is a symbolic link;")


def test_a_symbolic_link_loop_gets_the_same_one_line_message(project: Path):
    loop = project / "docs" / "en" / "loop"
    loop.symlink_to(loop)
    result = run(*build_args(project))
    assert result.code == 1
    assert result.lines[-2].startswith(f"error: {loop}: is a symbolic link;")
    assert "[(" not in result.out and "Traceback" not in result.out + result.err


def test_a_doc_file_that_cannot_be_read_is_named_in_one_line(project: Path, monkeypatch: pytest.MonkeyPatch):
    # As root every file is readable: the refusal is simulated where the copy reads it.
    import shutil

    unreadable = project / "docs" / "en" / "methodology.md"
    real_copyfile = shutil.copyfile

    def copyfile(source: Path, target: Path, **options: object) -> object:
        if Path(source) == unreadable:
            raise PermissionError(errno.EACCES, "Permission denied", str(source))
        return real_copyfile(source, target, **options)

    monkeypatch.setattr(shutil, "copyfile", copyfile)
    result = run(*build_args(project, "--jobs", "1"))  # simulated in this process: not in a worker
    assert result.code == 1
    assert result.lines[-2] == f"error: {unreadable}: permission denied. Check the permissions of the folder and its files."


# -- the folders the generator deletes must be its own ------------------------------------------


def test_a_work_folder_holding_someone_elses_files_is_never_emptied(project: Path):
    precious = project / "w" / "en" / "docs" / "precious.md"
    precious.parent.mkdir(parents=True)
    precious.write_text("keep me", encoding="utf-8")
    result = run(*with_option(build_args(project), "--work", project / "w"))
    assert result.code == 1
    assert result.lines[-2] == (
        f"error: {project / 'w'}: exists and was not made by this generator; refusing to delete what is in it."
        " Move it away or choose another --work."
    )
    assert precious.read_text(encoding="utf-8") == "keep me"


def test_the_generators_own_work_folder_is_reused_from_build_to_build(built_project: Path):
    project = built_project  # built once before
    assert (project / "build" / ".timeline-work").is_file()
    assert run(*build_args(project)).code == 0


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--work", "docs", "--work {docs} and --docs {docs} overlap: the generated pages would be mixed with the hand-written ones. Choose folders that are not inside each other, e.g. --work build."),
        ("--work", "docs/en/build", "--work {project}/docs/en/build and --docs {docs} overlap: the generated pages would be mixed with the hand-written ones. Choose folders that are not inside each other, e.g. --work build."),
        ("--work", "site/build", "--work {project}/site/build and --site {project}/site overlap: each build empties the work folder and replaces the site folder. Choose folders that are not inside each other, e.g. --work build."),
        ("--work", "site", "--work {project}/site and --site {project}/site overlap: each build empties the work folder and replaces the site folder. Choose folders that are not inside each other, e.g. --work build."),
        ("--site", ".", "--site {project} and --docs {docs} overlap: the hand-written pages would be replaced by the built site. Choose folders that are not inside each other, e.g. --site site."),
    ],
)
def test_overlapping_folders_are_refused_before_anything_is_written(project: Path, option: str, value: str, message: str):
    before = sorted(path.relative_to(project) for path in project.rglob("*"))
    target = project if value == "." else project / value
    result = run(*with_option(build_args(project), option, target))
    assert result.code == 1
    docs = project / "docs"
    assert result.lines[0] == "error: " + message.format(project=project, docs=docs)
    assert sorted(path.relative_to(project) for path in project.rglob("*")) == before


def test_an_events_file_inside_the_site_folder_is_refused(project: Path):
    site = project / "site"
    site.mkdir()
    (project / "events.yaml").rename(site / "events.yaml")
    args = with_option(build_args(project), "build", "build")
    args[1] = str(site / "events.yaml")
    result = run(*args)
    assert result.code == 1
    assert result.lines[0] == f"error: {site / 'events.yaml'}: the events file is inside the --site folder, which each build deletes. Keep it outside, or choose another --site."


def test_a_second_build_at_the_same_time_is_told_another_build_is_running(project: Path):
    import fcntl

    project.joinpath(".site.lock").touch()
    with project.joinpath(".site.lock").open("a") as held:  # the first build holds the lock
        fcntl.flock(held, fcntl.LOCK_EX)
        result = run(*build_args(project))
    assert result.code == 1
    assert result.lines[-2:] == [
        f"error: {project / 'site'}: another build is running into this folder; wait for it to finish, then build again.",
        stopped(project),
    ]
    assert run(*build_args(project)).code == 0


def test_a_second_build_into_another_site_but_the_same_work_folder_is_told_the_work_folder_is_in_use(project: Path):
    import fcntl

    args = build_args(project)
    work = Path(args[args.index("--work") + 1])
    lock = work.parent / f".{work.name}.lock"
    lock.touch()
    with lock.open("a") as held:  # a first build, into another --site, holds the work folder
        fcntl.flock(held, fcntl.LOCK_EX)
        result = run(*args)
    assert result.code == 1
    assert result.lines[-2:] == [
        f"error: {work}: another build is using this work folder (--work); wait for it to finish, then build again.",
        stopped(project),
    ]
    assert not (project / "site").exists()
    assert run(*args).code == 0


def test_a_killed_builds_leftovers_are_removed_by_the_next_build_but_foreign_ones_are_kept(project: Path):
    leftover = project / ".site-1234abcd"
    (leftover / "en").mkdir(parents=True)
    (leftover / ".timeline-site").write_text("", encoding="utf-8")
    foreign = project / ".site-notes"
    foreign.mkdir()
    (foreign / "mine.txt").write_text("keep me", encoding="utf-8")
    # The folder of a build into --site site-preview, running now (it holds .site-preview.lock, not ours).
    other_site = project / ".site-preview-1234abcd"
    (other_site / "en").mkdir(parents=True)
    (other_site / ".timeline-site").write_text("", encoding="utf-8")
    assert run(*build_args(project)).code == 0
    assert not leftover.exists()
    assert (foreign / "mine.txt").read_text(encoding="utf-8") == "keep me"
    assert (other_site / "en").is_dir()


FAKE_PAGEFIND = """\
import os, sys, time
from pathlib import Path
Path(sys.argv[1]).write_text(str(os.getpid()))
time.sleep(120)
"""


def test_a_build_stopped_while_pagefind_runs_leaves_no_pagefind_and_no_build_folder(project: Path, tmp_path: Path):
    # A build run as a process manager would stop it (SIGTERM), while its indexer runs.
    pid_file = tmp_path / "pagefind.pid"
    fake = tmp_path / "fake_pagefind.py"
    fake.write_text(FAKE_PAGEFIND, encoding="utf-8")
    script = textwrap.dedent(f"""
        import sys
        from pathlib import Path
        from generator.cli.main import _stop_on_sigterm
        from generator.build.pipeline import build
        from generator.build.context import BuildOptions
        _stop_on_sigterm()
        options = BuildOptions(
            events=Path({str(project / "events.yaml")!r}), docs=Path({str(project / "docs")!r}), config=Path({str(REPO / "mkdocs.yml")!r}),
            site=Path({str(project / "site")!r}), work=Path({str(project / "build")!r}),
            pagefind=(sys.executable, {str(fake)!r}, {str(pid_file)!r}),
        )
        try:
            build(options)
        except KeyboardInterrupt:
            sys.exit(130)
    """)
    process = subprocess.Popen([sys.executable, "-c", script], cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        for _ in range(600):  # bounded wait for the indexer to start
            if pid_file.exists() and pid_file.read_text():
                break
            time.sleep(0.1)
        pagefind = int(pid_file.read_text())
        process.terminate()
        output, _ = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 130, output
    assert "Traceback" not in output
    with pytest.raises(ProcessLookupError):
        for _ in range(50):  # the indexer may take a moment to die
            os.kill(pagefind, 0)
            time.sleep(0.1)
        os.kill(pagefind, signal.SIGKILL)  # still alive: clean up, and fail below
        pytest.fail("Pagefind was left running")
    assert [path.name for path in project.iterdir() if path.name.startswith(".site-")] == []


# -- messages instead of "internal error" -----------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "reason", "hint"),
    [
        (errno.ENOSPC, "no space left on device", "Free some space on the disk, or build on another disk."),
        (errno.EROFS, "read-only file system", "The disk is read-only; choose a folder on a writable disk."),
        (errno.EACCES, "permission denied", "Check the permissions of the folder and its files."),
        (errno.ENAMETOOLONG, "file name too long", "Use a shorter path or file name (a name may have at most 255 bytes)."),
    ],
)
def test_a_file_the_system_refuses_is_named_with_the_real_reason_and_a_fitting_hint(project: Path, monkeypatch: pytest.MonkeyPatch, code: int, reason: str, hint: str):
    real_write_text = Path.write_text

    def refused(self: Path, *args: object, **kwargs: object) -> int:
        if self.name == "timeline.md":
            raise OSError(code, os.strerror(code), str(self))
        return real_write_text(self, *args, **kwargs)

    monkeypatch.setattr(Path, "write_text", refused)
    result = run(*build_args(project, "--jobs", "1"))  # simulated in this process: not in a worker
    assert result.code == 1
    assert result.lines[-2] == f"error: {project / 'build' / 'en' / 'docs' / 'timeline.md'}: {reason}. {hint}"


def test_a_work_folder_that_cannot_be_emptied_is_named_with_its_whole_path(built_project: Path, monkeypatch: pytest.MonkeyPatch):
    # A read-only build/ (simulated: root may delete anything); the message used to be a bare "timeline.md".
    project = built_project  # built once before
    real_unlink = os.unlink

    def unlink(path: str, *args: object, **kwargs: object) -> None:
        if os.path.basename(path) == "timeline.md":
            raise PermissionError(errno.EACCES, "Permission denied", path)
        real_unlink(path, *args, **kwargs)

    monkeypatch.setattr(os, "unlink", unlink)
    result = run(*build_args(project, "--jobs", "1"))  # simulated in this process: not in a worker
    assert result.code == 1
    assert result.lines[-2] == f"error: {project / 'build' / 'en' / 'docs' / 'timeline.md'}: permission denied. Check the permissions of the folder and its files."


def test_a_config_that_inherits_itself_is_reported_not_a_recursion_error(project: Path):
    config = project / "mkdocs.yml"
    config.write_text("INHERIT: mkdocs.yml\nsite_name: Loop\n", encoding="utf-8")
    result = run(*with_option(build_args(project), "--config", config))
    assert result.code == 1
    assert result.lines[-2] == f"error: {config}: INHERIT goes round in a circle ({config} → {config}). Remove the INHERIT that leads back."


def test_a_config_chain_that_closes_a_circle_is_reported(project: Path):
    first, second = project / "a.yml", project / "b.yml"
    first.write_text("INHERIT: b.yml\n", encoding="utf-8")
    second.write_text("INHERIT: a.yml\n", encoding="utf-8")
    result = run(*with_option(build_args(project), "--config", first))
    assert result.code == 1
    assert result.lines[-2] == f"error: {first}: INHERIT goes round in a circle ({first} → {second} → {first}). Remove the INHERIT that leads back."


@pytest.mark.parametrize("written", ["5", "[base.yml]", "''"])
def test_an_inherit_that_is_not_a_path_is_reported(project: Path, written: str):
    config = project / "mkdocs.yml"
    config.write_text(f"INHERIT: {written}\n", encoding="utf-8")
    result = run(*with_option(build_args(project), "--config", config))
    assert result.code == 1
    found = {"5": "5", "[base.yml]": "['base.yml']", "''": "''"}[written]
    assert result.lines[-2] == f"error: {config}: INHERIT: expected the path of another configuration file, found {found}. Write e.g. 'INHERIT: base.yml', or remove it."


def test_a_palette_that_is_not_colour_settings_is_reported(project: Path):
    config = project / "mkdocs.yml"
    config.write_text((REPO / "mkdocs.yml").read_text(encoding="utf-8").replace("  palette:\n", "  palette: 5\n  unused:\n"), encoding="utf-8")
    result = run(*with_option(build_args(project), "--config", config))
    assert result.code == 1
    assert result.lines[-2] == (
        f"error: {config}: theme.palette: expected a mapping of colour settings or a list of them, found 5."
        " See https://squidfunk.github.io/mkdocs-material/setup/changing-the-colors/."
    )


# -- reproducible builds ------------------------------------------------------------------------------

def test_two_builds_of_the_same_input_are_byte_identical_except_pagefinds_known_files(published_build: BuiltProject, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    first = published_build.project  # the session's published build, made in the same environment as this one
    second = copy_fixture(tmp_path / "second")
    time.sleep(1.1)  # a second apart, so that a timestamp would show (when the session's build was just made)
    assert build_in_environment(second, SITE_URL=PUBLIC_URL).code == 0  # an address, so that the sitemaps list the pages

    one, two = stable_site_files(first / "site"), stable_site_files(second / "site")
    assert sorted(one) == sorted(two)
    assert [name for name in one if one[name] != two[name]] == []
    assert any(name.startswith("pagefind/fragment/") for name in one)  # Pagefind's stable files are compared too
    # The sitemap's date is the data's latest date, not the day of the build.
    assert "<lastmod>2025-12-12</lastmod>" in (first / "site" / "en" / "sitemap.xml").read_text(encoding="utf-8")


def test_source_date_epoch_dates_the_packed_sitemap_and_the_data_dates_its_pages(project: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01
    monkeypatch.setenv("SITE_URL", "https://example.org/tl/")  # an address, so that the sitemaps list the pages
    assert run(*build_args(project)).code == 0
    sitemap = (project / "site" / "ar" / "sitemap.xml").read_text(encoding="utf-8")
    # A page changed when its data did (an event's correction), never on the day of a build.
    assert "<lastmod>2026-01-01</lastmod>" not in sitemap and "<lastmod>2025-12-12</lastmod>" in sitemap
    import gzip

    with gzip.open(project / "site" / "ar" / "sitemap.xml.gz") as packed:
        packed.read()
        assert packed.mtime == 1767225600


@pytest.mark.parametrize("given", ["", "yesterday", "-1", "4294967296"])
def test_a_source_date_epoch_that_is_not_a_time_stops_the_build_in_words(project: Path, monkeypatch: pytest.MonkeyPatch, given: str):
    # An empty value too (a CI file that sets it from a missing value): MkDocs reads the variable as well, and would
    # stop on it with a ValueError.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", given)
    result = run(*build_args(project))
    assert result.code == 1
    assert result.lines[-2:] == [
        f"error: SOURCE_DATE_EPOCH={given!r}: must be a whole number of seconds since 1970-01-01 UTC (at most 4294967295)."
        " Set it to the time of the last commit (git log -1 --format=%ct), or unset it: the build is then dated by the data.",
        f"build stopped: {project / 'site'}/ was left as it was.",
    ]
