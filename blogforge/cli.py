"""Command-line interface: argument parsing, subcommands, printing results, exit codes.

No build logic lives here; each subcommand calls into the library and prints what came back.
Imports of heavy modules happen inside the commands so `blogforge --help` starts fast.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from blogforge import __version__

EXIT_OK = 0
EXIT_ERRORS = 1
EXIT_USAGE = 2


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="blogforge",
        description="Build an Astro-compatible static blog from Markdown posts, without Node.js.",
    )
    parser.add_argument("--version", action="version", version=f"blogforge {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    build = commands.add_parser("build", help="build the site into dist/")
    add_site_options(build)
    build.add_argument("--out", help="output folder (default: dist)")
    build.add_argument(
        "-j",
        "--jobs",
        type=int,
        metavar="N",
        help="processes rendering Markdown (default: the usable cores; 1: no worker processes)",
    )
    build.add_argument(
        "--no-cache",
        action="store_true",
        help="a clean build: reuse nothing from earlier builds, write no .blogforge-cache/",
    )
    noise = build.add_mutually_exclusive_group()
    noise.add_argument("-q", "--quiet", action="store_true", help="print errors only")
    noise.add_argument(
        "-v", "--verbose", action="store_true", help="print settings and per-stage timings"
    )

    serve = commands.add_parser(
        "serve", help="serve the site locally, rebuilding and reloading the browser on change"
    )
    serve.add_argument("--root", default=".", help="the blog folder (default: .)")
    serve.add_argument("--host", default="127.0.0.1", help="address to bind (default: 127.0.0.1)")
    serve.add_argument("--port", type=int, default=4321, help="port (default: 4321)")
    serve.add_argument("--drafts", action="store_true", help="include drafts")
    serve.add_argument("--open", action="store_true", help="open the site in a browser")
    serve.add_argument(
        "-v", "--verbose", action="store_true", help="print the traceback of an internal error"
    )

    render = commands.add_parser(
        "render", help="print the rendered HTML body of Markdown files (to check a post)"
    )
    render.add_argument("files", nargs="+", metavar="FILE", type=Path)
    render.add_argument(
        "--json",
        action="store_true",
        help="one JSON object per file: file, id, html, headings, frontmatter, pubDate",
    )

    new = commands.add_parser("new", help="start a new post: content/<collection>/<slug>.md")
    new.add_argument("title", help='the post\'s title, e.g. "My first post"')
    new.add_argument("--tags", default="", help="comma-separated tags, e.g. python,astro")
    new.add_argument("--collection", help="the collection folder (default: posts)")
    new.add_argument("--root", default=".", help="the blog folder (default: .)")

    init = commands.add_parser("init", help="start a new blog in an empty folder")
    init.add_argument("dir", type=Path, metavar="DIR", nargs="?", help="the new blog's folder")
    init.add_argument(
        "--from-astro",
        type=Path,
        metavar="DIR",
        help="write DIR/blogforge.toml from the Astro project in DIR (to review and edit)",
    )

    check = commands.add_parser(
        "check", help="after a build: broken links, #anchors, missing images, sitemap gaps"
    )
    add_site_options(check)
    check.add_argument("--out", help="the built site's folder (default: dist)")

    routes = commands.add_parser(
        "routes", help="every route: URL pattern, where its rule was read, pages it makes"
    )
    add_site_options(routes)
    return parser


def add_site_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--root", default=".", help="the blog folder (default: .)")
    parser.add_argument("--drafts", action="store_true", default=None, help="include drafts")
    parser.add_argument("--base", help="base path the site is served under, e.g. /repo/")
    parser.add_argument("--site", help="absolute site URL, e.g. https://example.com")


def main(argv: list[str] | None = None) -> int:
    """Run one command behind the one error boundary: whatever escapes a command is printed as
    one line and exit code 1, never as a traceback (`-v` adds the traceback)."""
    parser = make_parser()
    args = parser.parse_args(argv)
    try:
        return run_command(parser, args)
    except OSError as error:  # a user's file the command could not read or write
        from blogforge.errors import os_problem

        root = Path(getattr(args, "root", ".")).resolve()
        print(f"error: {os_problem(error, root).format()}", file=sys.stderr, flush=True)
        return EXIT_ERRORS
    except Exception as error:
        # deferred: needed only when a command failed unexpectedly
        from blogforge.errors import report_unexpected

        print(report_unexpected(error, verbose=verbose(args)), file=sys.stderr, flush=True)
        return EXIT_ERRORS


def verbose(args: argparse.Namespace) -> bool:
    return bool(getattr(args, "verbose", False))


def run_command(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    if args.command is None:
        parser.print_help(sys.stdout)
        return EXIT_OK
    if args.command == "build":
        # deferred: each command loads only what it runs (`--help` starts fast)
        from blogforge.commands.build_command import run_build
        from blogforge.interrupts import until_interrupted

        return until_interrupted(lambda: run_build(args))
    if args.command == "serve":
        # deferred: each command loads only what it runs (`--help` starts fast)
        from blogforge.interrupts import until_interrupted
        from blogforge.serve.server import ServeOptions, serve

        options = ServeOptions(
            root=Path(args.root).resolve(),
            host=args.host,
            port=args.port,
            drafts=args.drafts,
            open_browser=args.open,
            verbose=args.verbose,
        )
        return until_interrupted(lambda: serve(options))
    if args.command == "render":
        # deferred: each command loads only what it runs (`--help` starts fast)
        from blogforge.commands.render_command import run_render

        return run_render(args)
    if args.command == "new":
        # deferred: each command loads only what it runs (`--help` starts fast)
        from blogforge.commands.new_command import run_new

        return run_new(args)
    if args.command == "init":
        if args.from_astro is not None:
            # deferred: each command loads only what it runs (`--help` starts fast)
            from blogforge.commands.init_from_astro import init_from_astro

            return init_from_astro(args.from_astro)
        if args.dir is None:
            parser.error("init: give the new blog's folder DIR, or --from-astro DIR")
        # deferred: each command loads only what it runs (`--help` starts fast)
        from blogforge.commands.init_command import run_init

        return run_init(args)
    if args.command == "check":
        # deferred: each command loads only what it runs (`--help` starts fast)
        from blogforge.commands.check_command import run_check

        return run_check(args)
    if args.command == "routes":
        # deferred: each command loads only what it runs (`--help` starts fast)
        from blogforge.commands.routes_command import run_routes

        return run_routes(args)
    parser.error(f"unknown command {args.command}")
    return EXIT_USAGE
