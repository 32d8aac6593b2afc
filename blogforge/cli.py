"""Command-line interface: argument parsing, subcommands and exit codes; no build logic here."""

from __future__ import annotations

import argparse
import sys

from blogforge import __version__


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="blogforge",
        description="Build an Astro-compatible static blog from Markdown posts, without Node.js.",
    )
    parser.add_argument("--version", action="version", version=f"blogforge {__version__}")
    parser.add_subparsers(dest="command", metavar="COMMAND")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = make_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stdout)
        return 0
    return 0
