"""Command line: `python -m generator <command>`."""

from __future__ import annotations

import argparse
import datetime
import os
import signal
import sys
import threading
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING

from generator import __version__
from generator.data import messages, schema
from generator.data.check_file import check_file, fails, print_report
from generator.data.errors import UsageError
from generator.languages.settings_table import write_tables
from generator.site.site_languages import site_languages
from generator.tools import artifact, diff, links, new_project, rename, scaffold

if TYPE_CHECKING:
    from generator.build.context import BuildOptions

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m generator",
        description="Check events.yaml and build the timeline's site in each of its languages.",
    )
    parser.add_argument("--version", action="version", version=f"timeline-generator {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    check = commands.add_parser("check", help="check events.yaml and report every problem", description="Check events.yaml and report every problem, with its line and column.")
    check.add_argument("events", nargs="?", default="events.yaml", type=Path, help="the events file (default: events.yaml)")
    check.add_argument("--strict", action="store_true", help="treat warnings as errors")
    check.add_argument("--format", choices=("text", "github", "json"), default="text", help="text (default), github (Actions annotations) or json")
    check.add_argument("--lang", metavar="LANG", help="the language of messages, among the site's languages that have a catalogue (default: from LANGUAGE, LC_ALL, LC_MESSAGES or LANG; else English)")
    check.add_argument(
        "--today", type=_day, metavar="YYYY-MM-DD",
        help="the day against which expected events are found overdue (default: the day of SOURCE_DATE_EPOCH when set, else today, UTC)",
    )
    check.add_argument("--config", default="mkdocs.yml", type=Path, help="the MkDocs configuration that names the site's languages (default: mkdocs.yml; without it: en, ar)")
    build = commands.add_parser("build", help="check events.yaml and build the site into site/", description="Check events.yaml, render both languages and build them with MkDocs into site/ (replaced only when every step succeeds).")
    _build_options(build)
    serve = commands.add_parser("serve", help="build, serve at http://127.0.0.1:8000/ and rebuild on changes", description="Build the site, serve it and rebuild it (reloading the browser) when events.yaml, docs/ or mkdocs.yml change.")
    _build_options(serve)
    serve.add_argument("--host", default="127.0.0.1", help="address to serve on (default: 127.0.0.1)")
    serve.add_argument("--port", type=_port, default=8000, help="port to serve on, 1 to 65535 (default: 8000)")
    # Maintainers' tools, each in its own module: it adds its parser and sets `handler`.
    for tool in (new_project, diff, scaffold, links, rename, artifact):
        tool.register(commands)
    schema.register(commands, more_tables=(write_tables,))  # --write also rewrites the guide's tables of the site settings
    return parser


def _port(text: str) -> int:
    # Checked with the other options, before anything is built.
    try:
        port = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a port number; give a whole number from 1 to 65535, e.g. 8000") from None
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"{port} is not a port number; give a whole number from 1 to 65535, e.g. 8000")
    return port


def _jobs(text: str) -> int:
    try:
        jobs = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of processes; give a whole number from 1 up, e.g. 2") from None
    if jobs < 1:
        raise argparse.ArgumentTypeError(f"{jobs} is not a number of processes; give a whole number from 1 up, e.g. 2")
    return jobs


def _build_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("events", nargs="?", default="events.yaml", type=Path, help="the events file (default: events.yaml)")
    parser.add_argument("--strict", action="store_true", help="treat warnings (e.g. a missing translation) as errors")
    parser.add_argument("--docs", default="docs", type=Path, help="hand-written pages, one folder per language (default: docs)")
    parser.add_argument("--config", default="mkdocs.yml", type=Path, help="the shared MkDocs configuration (default: mkdocs.yml)")
    parser.add_argument("--site", default="site", type=Path, help="where the site is written (default: site)")
    parser.add_argument("--work", default="build", type=Path, help="folder for generated pages and configurations (default: build)")
    parser.add_argument(
        "--jobs", type=_jobs, default=None, metavar="N",
        help="build the languages side by side in up to N processes (default: one per language, up to the cores; 1: one after the other)",
    )


def _build_options_from(args: argparse.Namespace) -> BuildOptions:
    from generator.build.context import BuildOptions

    return BuildOptions(events=args.events, docs=args.docs, config=args.config, site=args.site, work=args.work, strict=args.strict, jobs=args.jobs)


def _stop_on_sigterm() -> None:
    # A build or server stopped by a process manager (SIGTERM) cleans up as after Ctrl+C:
    # its temporary folders are removed and its child processes (Pagefind) stopped.
    def handler(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, handler)


def _build(args: argparse.Namespace) -> int:
    from generator.build.pipeline import build

    _stop_on_sigterm()
    return EXIT_OK if build(_build_options_from(args)).ok else EXIT_PROBLEMS


def _serve(args: argparse.Namespace) -> int:
    from generator.build.serve import serve

    _stop_on_sigterm()
    return serve(_build_options_from(args), host=args.host, port=args.port)


def _day(text: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a day written YYYY-MM-DD, e.g. 2026-03-31") from None


def _check(args: argparse.Namespace) -> int:
    from generator.build.build_date import today

    languages = site_languages(args.config)
    result = check_file(args.events, languages, args.today or today())
    print_report(result, args.format, args.strict, language=messages.choose(args.lang, languages))
    return EXIT_PROBLEMS if fails(result, args.strict) else EXIT_OK


COMMANDS = {"check": _check, "build": _build, "serve": _serve}


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return (COMMANDS.get(args.command) or args.handler)(args)
    except UsageError as error:
        print(f"error: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader of our output went away (e.g. `| head`): not an error of ours.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_PROBLEMS
    except Exception as error:  # noqa: BLE001 - no traceback may reach a maintainer
        if os.environ.get("TIMELINE_DEBUG"):
            raise
        print(
            f"internal error: {type(error).__name__}: {error}. This is a bug in the generator, not in your file; "
            "please report it (set TIMELINE_DEBUG=1 to see the details).",
            file=sys.stderr,
        )
        return EXIT_INTERNAL

