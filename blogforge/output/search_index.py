"""The search index: Pagefind run over the pages just written, its shards written to
`pagefind/<n>/`.

Pagefind writes a static index that the browser queries in small chunks, so search needs no
server. Only posts and standalone pages are indexed (not the lists showing them), and of those
only the article (`data-pagefind-body` in the theme's layouts, without the contents and
neighbours). The pages are split into shards (`site/search_page.py`), each recorded with a key
made of its pages' digests, blogforge's code and Pagefind's version: a shard whose pages all
kept their digests keeps its files as they are, and only the others are indexed again, in
parallel (`pagefind_run.py`). A build with nothing changed at all never gets here (see
`incremental/up_to_date.py`).

`build` waits for the index before swapping the new site in. The dev server does not: the
shards that changed keep their previous files and are handed back as work (`SearchWork`) that
it indexes in the background and installs between rebuilds (`install_shards`).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from blogforge.errors import Problem
from blogforge.incremental.digests import digest
from blogforge.incremental.fingerprints import code_fingerprint
from blogforge.incremental.manifest import Manifest
from blogforge.incremental.pages import page_digest
from blogforge.output.pagefind_run import PagefindFailed, PagefindRun, ShardWork
from blogforge.output.writer import InPlaceOutput
from blogforge.site.search_page import (
    is_indexed,
    pagefind_version,
    shard_count,
    shard_folder,
    shards_of,
)

if TYPE_CHECKING:
    from blogforge.output.writer import DirOutput
    from blogforge.site.routes import Route
    from blogforge.templates.engine import TemplateEngine

SearchWork = tuple[ShardWork, ...]


def _page_bytes(output: DirOutput | InPlaceOutput, relative: str) -> bytes:
    """A page as this build left it: written (pending in memory in place), or kept."""
    pending = getattr(output, "pending", {}).get(relative)  # InPlaceOutput, before its commit
    if pending is not None and pending[1] is not None:
        return pending[1]
    root = getattr(output, "temp_path", output.out_path)
    if not getattr(output, "started", False):
        root = output.out_path  # DirOutput that kept every file so far: the previous site
    return (root / relative).read_bytes()


def _shard_files(names: Sequence[str] | dict[str, object], shard: int) -> list[str]:
    prefix = shard_folder(shard) + "/"
    return [name for name in names if name.startswith(prefix)]


def plan_search(
    output: DirOutput | InPlaceOutput,
    routes: Sequence[Route],
    templates: TemplateEngine,
    *,
    keep_stale: bool = False,
) -> SearchWork:
    """The shards whose pages changed since their files were written, with their pages; the
    others' files are kept. `keep_stale` (the dev server) keeps a changed shard's previous files
    too, until its new ones are installed."""
    indexed = {route.file: route for route in routes if is_indexed(route)}
    shards = shards_of(list(indexed))
    code, version, primary = code_fingerprint(), pagefind_version(), next(iter(shards), None)
    work = []
    for shard, files in shards.items():
        pages = [indexed[file] for file in files]
        key = digest(
            code,
            version,
            f"{shard} of {shard_count(len(indexed))}, primary {primary}",
            *sorted(
                f"{r.file}\0{page_digest(r.template, templates.digest(r.template), r.inputs)}"
                for r in pages
            ),
        )
        previous = _shard_files(output.previous, shard)
        if previous and all(output.intact(name, key) for name in previous):
            for name in previous:
                output.unchanged(name, key)
            continue
        if keep_stale:
            for name in previous:
                output.keep_as_is(name)
        pages_html = tuple((route.file, _page_bytes(output, route.file)) for route in pages)
        work.append(ShardWork(shard, key, pages_html, primary=shard == primary))
    return tuple(work)


def search_failed(reason: str) -> Problem:
    """Why the index could not be made, as the build's (or the dev server's) error."""
    return Problem(
        "blogforge.toml",
        None,
        f"the search index could not be made: Pagefind failed: {reason}",
        field="search",
        hint='pip install "pagefind[bin]", or set search = false',
    )


def start_indexing(work: SearchWork, parallel: int, nice: int = 0) -> PagefindRun:
    """Pagefind started on `work`'s shards; PagefindFailed when it cannot run at all."""
    return PagefindRun(work, parallel, nice)


def write_shards(
    output: DirOutput | InPlaceOutput, work: SearchWork, results: dict[int, dict[str, bytes]]
) -> None:
    for item in work:
        folder = shard_folder(item.shard)
        for name, data in results[item.shard].items():
            output.write(f"{folder}/{name}", data, item.key)


def install_shards(
    out_path: Path, manifest: Manifest, work: SearchWork, results: dict[int, dict[str, bytes]]
) -> None:
    """The dev server's: replace the shards of `work` in its output folder with their new
    files (written atomically), keep every other file, and record it all in the manifest."""
    output = InPlaceOutput(out_path, manifest)
    replaced = {shard_folder(item.shard) + "/" for item in work}
    for name in output.previous:
        if not name.startswith(tuple(replaced)):
            output.keep_as_is(name)
    write_shards(output, work, results)
    output.commit()


__all__ = [
    "PagefindFailed",
    "SearchWork",
    "install_shards",
    "plan_search",
    "search_failed",
    "start_indexing",
    "write_shards",
]
