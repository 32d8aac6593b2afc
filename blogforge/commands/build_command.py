"""`blogforge build`: build the site and print a one-screen summary (or every error)."""

from __future__ import annotations

import argparse
import sys
import time
from typing import TYPE_CHECKING

from blogforge.config import Config, ConfigError, load_config
from blogforge.errors import Problem
from blogforge.output.safety import output_problem, output_warnings

if TYPE_CHECKING:
    from blogforge.build import BuildResult


class StageProgress:
    """One self-overwriting status line on a terminal, so a long build shows where it is."""

    def __init__(self) -> None:
        self.start = time.perf_counter()
        self.width = 0

    def __call__(self, stage: str) -> None:
        line = f"building: {stage}… {time.perf_counter() - self.start:5.1f} s"
        self.width = max(self.width, len(line))
        print(f"\r{line:<{self.width}}", end="", file=sys.stderr, flush=True)

    def clear(self) -> None:
        if self.width:
            print("\r" + " " * self.width + "\r", end="", file=sys.stderr, flush=True)


def print_problems(problems: list[Problem], label: str) -> None:
    for problem in problems:
        print(f"{label}: {problem.format()}", file=sys.stderr)


def load_site_config(args: argparse.Namespace) -> Config | None:
    """The site's config with command-line overrides, or None after printing its errors."""
    try:
        config = load_config(args.root)
    except ConfigError as error:
        print_problems(error.problems, "error")
        return None
    config = config.with_overrides(
        drafts=args.drafts,
        base=args.base,
        site=args.site,
        out_dir=getattr(args, "out", None),
    )
    given_as = "--out" if getattr(args, "out", None) else "blogforge.toml"
    if (problem := output_problem(config, given_as)) is not None:
        print_problems([problem], "error")  # the output folder would replace the sources
        return None
    return config


def print_astro_warnings(config: Config) -> None:
    """Once per build: the Astro rules read as guesses, and the `.astro` pages no content is
    behind (blogforge cannot run their components), in one warning."""
    for guess in config.warnings:
        print(f"warning: {guess}", file=sys.stderr)
    if config.astro_pages:
        print(
            f"warning: {len(config.astro_pages)} .astro page(s) and endpoint(s) not built, their "
            f"code makes them and needs Astro to run: {', '.join(config.astro_pages)}",
            file=sys.stderr,
        )


def run_build(args: argparse.Namespace) -> int:
    # deferred: the pipeline loads once the arguments are read
    from blogforge.build import build

    config = load_site_config(args)
    if config is None:
        return 1
    if args.verbose:
        print(f"site root: {config.root}")
        print(
            f"content: {config.content_dir}/  layouts: {config.layouts_dir}/  "
            f"static: {config.static_dir}/  output: {config.out_dir}/"
        )
        print(
            f"site: {config.site or '(not set)'}  base: {config.base}  "
            f"heading ids: {config.heading_ids}  math: {'on' if config.math else 'off'}  "
            f"time zone: {config.timezone}"
        )
        for line in config.detected:  # what was read from an Astro project, and from where
            print(line)
    if not args.quiet:
        print_problems(output_warnings(config), "warning")  # before the build drops them
    progress = StageProgress() if not args.quiet and sys.stderr.isatty() else None
    result = build(config, progress, args.jobs, use_cache=not args.no_cache)
    if progress is not None:
        progress.clear()
    diagnostics = result.diagnostics
    if not args.quiet:
        print_astro_warnings(config)
        print_problems(diagnostics.warnings, "warning")
    if not result.ok:
        print_problems(diagnostics.errors, "error")
        count = len(diagnostics.errors)
        print(
            f"build failed: {count} error{'s' if count != 1 else ''}; "
            f"{config.out_dir}/ was left as it was",
            file=sys.stderr,
        )
        return 1
    if args.verbose:
        for stage, seconds in result.timings.items():
            print(f"  {stage:<12} {seconds * 1000:8.1f} ms")
    if not args.quiet:
        print(summary_line(result, config))
    return 0


def summary_line(result: BuildResult, config: Config) -> str:
    """One line: what the site has, what this build had to redo, how long it took."""
    posts, pages = count(result.posts, "post"), count(result.pages, "page")
    if result.up_to_date:
        return (
            f"{config.out_dir}/ is up to date ({posts}, {pages}): "
            f"nothing changed since the last build; checked in {result.seconds:.2f} s"
        )
    return (
        f"built {posts}, {pages} into {config.out_dir}/ in {result.seconds:.2f} s: "
        f"{count(result.bodies_rendered, 'post')} rendered ({result.bodies_cached} from cache), "
        f"{count(result.pages_rendered, 'page')} made ({result.pages_kept} unchanged), "
        f"{count(result.images_encoded, 'image')} encoded ({result.images_cached} from cache)"
    )


def count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"
