"""`python3 -m bench [markdown|build|all]`: print blogforge's performance figures.

- markdown: Markdown throughput on the real corpora (../shared/corpora), single core.
- build: whole-site build times: the example blog, and a generated N-post blog (cold, warm);
  `--search` also with the search index on.
- edit: `blogforge serve`'s loop on the generated blog: save -> page served, no-change rebuild;
  `--search` with the search index on instead (and save -> index updated).
- check: `blogforge check` over 1 000 post pages.
- cards: the generated blog without hero images, cold: neither cards nor search, cards,
  cards and search.
- hugo: cold builds of the generated blog by blogforge and by Hugo (bench/hugo_site), alternated.
"""

from __future__ import annotations

import argparse
import sys


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python3 -m bench", description=__doc__)
    parser.add_argument(
        "what",
        nargs="?",
        default="all",
        choices=["markdown", "build", "edit", "check", "cards", "hugo", "all"],
    )
    parser.add_argument("--posts", type=int, default=1000, help="posts in the generated blog")
    parser.add_argument("--runs", type=int, default=3, help="runs per figure (median)")
    parser.add_argument(
        "--search", action="store_true", help="build, edit: the generated blog with search on too"
    )
    args = parser.parse_args(argv)
    if args.what in ("markdown", "all"):
        from bench.markdown_throughput import run as run_markdown

        run_markdown(runs=args.runs)
    if args.what in ("build", "all"):
        from bench.site_build import run as run_build

        run_build(posts=args.posts, runs=args.runs, search=args.search)
    if args.what in ("edit", "all"):
        from bench.edit_loop import run as run_edit

        run_edit(posts=args.posts, runs=max(args.runs, 3), search=args.search)
    if args.what in ("check", "all"):
        from bench.check_speed import run as run_check

        run_check(runs=args.runs)
    if args.what == "cards":  # not in "all": nine cold builds of the large blog
        from bench.card_cost import run as run_cards

        run_cards(posts=args.posts, runs=args.runs)
    if args.what == "hugo":  # not in "all": it needs Hugo, which blogforge does not
        from bench.hugo_reference import run as run_hugo

        run_hugo(posts=args.posts, runs=args.runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
