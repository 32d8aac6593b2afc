"""`blogforge check`: after a build, report broken links, anchors, images and sitemap gaps.

Prints one `file:line: link → problem` line per problem and a summary; exit code 1 when any.
It reads what the build wrote, so it must be given the same `--base`/`--site` as the build.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from blogforge.commands.build_command import load_site_config


def out_label(out: Path, root: Path) -> str:
    """The output folder as the user knows it: relative to the site root when inside it."""
    try:
        return out.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(out)


def run_check(args: argparse.Namespace) -> int:
    # deferred: the checker loads once the arguments are read
    from blogforge.check.site_check import check_site, guess_base

    config = load_site_config(args)
    if config is None:
        return 1
    out = config.out_path
    label = out_label(out, config.root)
    if not out.is_dir():
        print(
            f"error: {label}/: no built site here; run `blogforge build` first",
            file=sys.stderr,
        )
        return 1
    start = time.perf_counter()
    report = check_site(out, base=config.base, site=config.site, label=label)
    seconds = time.perf_counter() - start
    for problem in report.problems:
        print(problem.format())
    for note in report.notes:
        print(f"note: {note}", file=sys.stderr)
    count = len(report.problems)
    summary = (
        f"checked {report.pages} pages and {report.references} links in {label}/ "
        f"(base {config.base}) in {seconds:.2f} s: "
    )
    if count:
        print(summary + f"{count} problem{'s' if count != 1 else ''}", file=sys.stderr)
        built_for = guess_base(out)
        if built_for is not None and built_for != config.base:
            print(
                f"hint: the pages' links resolve under {built_for}: was the site built with "
                f"--base {built_for}? Check with the same --base as the build.",
                file=sys.stderr,
            )
        return 1
    print(summary + "no problems")
    return 0
