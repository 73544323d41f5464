"""`links` against servers that break every rule: each source gets one plain line, in seconds, and the others are still checked."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import run
from hostile_server import ANSWERS, HOSTILE, QUOTE, READABLE, hostile_server

FAST = ("--timeout", "1.5", "--delay", "0", "--no-cache", "--allow-local", "--concurrency", "2")


@pytest.fixture
def server() -> Iterator[str]:
    with hostile_server() as address:
        yield address


def events(urls: dict[str, str], quote: str = QUOTE) -> str:
    sources = "".join(
        f"  {source_id}:\n    outlet: {{en: Outlet, ar: منفذ}}\n    title: A title\n    language: en\n    published: 2025-12-10\n    url: '{url}'\n"
        for source_id, url in urls.items()
    )
    cited = "".join(
        f"  - id: event-{source_id}\n    date: 2025-12-01\n    status: reported\n    title: {{en: Title, ar: عنوان}}\n"
        f"    summary: {{en: Summary., ar: ملخص.}}\n    date_basis: {{kind: stated, source: {source_id}}}\n"
        f"    citations:\n      - source: {source_id}\n        quote: '{quote}'\n"
        for source_id in urls
    )
    return "site:\n  title: {en: Timeline, ar: خط زمني}\n  description: {en: A test timeline., ar: خط زمني للاختبار.}\n" \
        f"sources:\n{sources}events:\n{cited}"


def links(tmp_path: Path, urls: dict[str, str], *options: str, quote: str = QUOTE):
    (tmp_path / "events.yaml").write_text(events(urls, quote), encoding="utf-8")
    return run("links", str(tmp_path / "events.yaml"), *options)


EXPECTED = {
    "/bad-status": "dead: the server's answer is not valid HTTP (broken or cut off)",
    "/huge-header": "200 OK, but its text could not be read (it is of no stated type)",
    "/cut-chunk": "dead: the server's answer is not valid HTTP (broken or cut off)",
    "/many-headers": "200 OK, but its text could not be read (it is of no stated type)",
    "/drip-headers": "dead: no complete answer within 1.5 seconds",
    "/drip-body": "dead: no complete answer within 1.5 seconds",
    "/never": "dead: no complete answer within 1.5 seconds",
    "/big": "200 OK, but the page is larger than 5 MB, so it was not read to the end",
    "/gzip-bomb": "200 OK, but the page is larger than 5 MB, so it was not read to the end",
    "/anchors": "200 OK, but the page has no readable text (it may need JavaScript, or be empty)",
    "/image": "200 OK, but its text could not be read (it is image/png)",
    "/loop": "dead: more than 5 redirects (a redirect loop?)",
    "/to-file": "dead: a redirect leads to file:///etc/passwd: the address is not http(s) (file:)",
    "/to-javascript": "dead: a redirect leads to an address that is not a valid http(s) address",
    "/to-private": "dead: a redirect leads to http://169.254.169.254/latest/meta-data/: "
    "the address leads to a private or local network (169.254.169.254), which is never fetched",
    "/escape": "dead: 404 \ufffd[2J\ufffd[32mquote found",
}


@pytest.mark.parametrize("path", sorted(EXPECTED))
def test_each_hostile_server_gets_one_plain_line_and_is_never_fine(tmp_path, server, path):
    result = links(tmp_path, {"hostile": f"{server}{path}"}, *FAST)
    assert result.code == 1
    assert result.err == ""
    assert f"source 'hostile' ({server}{path}): {EXPECTED[path]}\n" in result.out
    assert "\x1b" not in result.out
    assert "quote found" not in result.out.replace("\ufffd[32mquote found", "")


def test_fifty_sources_with_one_of_each_hostile_kind_end_with_one_line_each(tmp_path, server):
    assert set(HOSTILE) == set(EXPECTED)
    # The hostile ones on a host name of their own: one request at a time per host, the two hosts side by side.
    elsewhere = server.replace("127.0.0.1", "localhost")
    urls = {f"hostile-{n}": f"{elsewhere}{path}" for n, path in enumerate(HOSTILE)}
    urls |= {f"fine-{n}": f"{server}/fine?copy={n}" for n in range(50 - len(urls))}
    result = links(tmp_path, urls, *FAST)
    assert result.code == 1
    lines = result.out.splitlines()
    source_lines = [line for line in lines if line.startswith("source ")]
    assert len(source_lines) == 50
    assert sum(line.endswith("): 200 OK") for line in source_lines) == 50 - len(HOSTILE)
    assert lines.count(f'  quote found: "{QUOTE}"') == 50 - len(HOSTILE)
    assert lines[-1] == "50 sources checked: 10 dead links, 0 quotes missing, 6 whose text could not be read"


def test_the_weekly_report_lists_unreadable_pages_and_never_says_all_is_well(tmp_path, server):
    result = links(tmp_path, {"fine": f"{server}/fine", "picture": f"{server}/image", "cleared": f"{server}/escape"}, *FAST, "--format", "markdown")
    assert result.code == 1
    assert "Every source answered" not in result.out
    assert "### Pages whose text could not be read (their quotes are not checked)\n\n- source picture: its text could not be read" in result.out
    assert "\x1b" not in result.out


@pytest.mark.parametrize("url", [
    "http://127.0.0.1:{port}/fine", "http://localhost:{port}/fine", "http://[::1]:{port}/fine", "http://0x7f000001:{port}/fine",
    "http://169.254.169.254/latest/meta-data/", "http://10.0.0.1/", "http://user:secret@example.org/", "http://example.org:99999/",
])
def test_local_and_private_addresses_are_refused_unless_allowed(tmp_path, server, url):
    result = links(tmp_path, {"inside": url.format(port=server.rsplit(":", 1)[1])}, "--timeout", "1.5", "--no-cache")
    assert result.code == 1
    line = next(line for line in result.out.splitlines() if line.startswith("source 'inside'"))
    assert any(reason in line for reason in (
        "which is never fetched", "carries a user name or password", "port or host cannot be read", "port is not valid",
    )), line


@pytest.mark.parametrize("path, quote, found", [
    ("/hidden", QUOTE, False),  # hidden and display:none text is not what a reader sees
    ("/noscript", QUOTE, True),
    ("/no-head-end", QUOTE, True),
    ("/gzipped", QUOTE, True),
    # A windows-1256 page writing the year in Arabic-Indic digits, quoted with Western ones and other spellings.
    ("/windows-1256", "إن ميتا تتخلي عن النماذج المفتوحه في ٢٠٢٦", True),
])
def test_quotes_are_looked_for_in_the_text_a_reader_sees(tmp_path, server, path, quote, found):
    result = links(tmp_path, {"page": f"{server}{path}"}, *FAST, quote=quote)
    assert f"  quote {'found' if found else 'missing'}: \"{quote}\"\n" in result.out
    assert result.code == (0 if found else 1)


def test_every_path_of_the_server_is_covered():
    assert set(ANSWERS) == {*HOSTILE, *READABLE, "/to-private-2"}
