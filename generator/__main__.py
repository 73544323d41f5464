"""Command line: `python -m generator <command>`."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .check import UsageError, check_file, fails, print_report

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m generator",
        description="Check events.yaml and build the bilingual timeline site.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    check = commands.add_parser("check", help="check events.yaml and report every problem", description="Check events.yaml and report every problem, with its line and column.")
    check.add_argument("events", nargs="?", default="events.yaml", type=Path, help="the events file (default: events.yaml)")
    check.add_argument("--strict", action="store_true", help="treat warnings as errors")
    check.add_argument("--format", choices=("text", "github", "json"), default="text", help="text (default), github (Actions annotations) or json")
    return parser


def _check(args: argparse.Namespace) -> int:
    result = check_file(args.events)
    print_report(result, args.format, args.strict)
    return EXIT_PROBLEMS if fails(result, args.strict) else EXIT_OK


COMMANDS = {"check": _check}


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return COMMANDS[args.command](args)
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


if __name__ == "__main__":
    sys.exit(main())
