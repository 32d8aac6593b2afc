"""The search index: Pagefind run over the pages just written, its shards written to
`pagefind/<n>/`.

Pagefind writes a static index that the browser queries in small chunks, so search needs no
server. Only posts and standalone pages are indexed (not the lists showing them), and of those
only the article (`data-pagefind-body` in the theme's layouts, without the contents and
neighbours). The pages are split into shards (`site/search_page.py`), each recorded with a key
made of its pages' files as the output recorded them (size and mtime: a page made again with
the same bytes keeps its file), blogforge's code and Pagefind's version: a shard whose pages'
files are all as they were keeps its files, and only the others are indexed again, in
parallel (`pagefind_run.py`). A build with nothing changed at all never gets here (see
`incremental/up_to_date.py`).

`build` waits for the index before swapping the new site in. The dev server does not: every
shard keeps its previous files while a rebuild is written, the shards that changed are planned
once it is served (`SearchWork`), indexed in the background and installed between rebuilds
(`install_shards`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from blogforge.errors import Problem
from blogforge.incremental.digests import digest
from blogforge.incremental.fingerprints import code_fingerprint
from blogforge.incremental.manifest import Manifest
from blogforge.output.pagefind_run import PagefindFailed, PagefindRun, ShardWork
from blogforge.output.writer import InPlaceOutput
from blogforge.site.search_page import (
    SEARCH_FOLDER,
    is_indexed,
    pagefind_version,
    shard_count,
    shard_folder,
    shards_of,
)

if TYPE_CHECKING:
    from blogforge.output.writer import DirOutput
    from blogforge.site.routes import Route


@dataclass(frozen=True)
class SearchWork:
    """The shards to index again, and (the dev server's) shard folders to remove."""

    shards: tuple[ShardWork, ...] = ()
    obsolete: tuple[int, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.shards or self.obsolete)


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


def _page_token(output: DirOutput | InPlaceOutput, file: str) -> str:
    """What a page's file is now, as the output recorded it: its size and modification time,
    which change exactly when its bytes do (a page made again with the same bytes keeps its
    file). So a post whose neighbours' titles are unchanged leaves their shards alone."""
    record = output.records.get(file)
    if record is None:  # not recorded (no manifest): its bytes say it
        return digest(repr(_page_bytes(output, file)))
    return f"{record.size}:{record.mtime_ns}"


def plan_search(
    output: DirOutput | InPlaceOutput, routes: Sequence[Route], *, committed: bool = False
) -> SearchWork:
    """The shards whose pages changed since their files were written, with their pages; the
    others' files are kept. `committed`: the dev server's, planned after its output was
    updated in place (every shard's previous files were kept meanwhile); it also names the
    shard folders the site no longer has."""
    indexed = [route.file for route in routes if is_indexed(route)]
    shards = shards_of(indexed)
    code, version, primary = code_fingerprint(), pagefind_version(), next(iter(shards), None)
    work = []
    for shard, files in shards.items():
        key = digest(
            code,
            version,
            f"{shard} of {shard_count(len(indexed))}, primary {primary}",
            *sorted(f"{file}\0{_page_token(output, file)}" for file in files),
        )
        previous = _shard_files(output.previous, shard)
        if previous and all(output.intact(name, key) for name in previous):
            if not committed:
                for name in previous:
                    output.unchanged(name, key)
            continue
        pages = tuple((file, _page_bytes(output, file)) for file in files)
        work.append(ShardWork(shard, key, pages, primary=shard == primary))
    before = {int(n.split("/")[1]) for n in output.previous if n.startswith(SEARCH_FOLDER + "/")}
    return SearchWork(tuple(work), tuple(sorted(before - set(shards))) if committed else ())


def keep_every_shard(output: InPlaceOutput) -> None:
    """The dev server's: keep the previous index files as they are while a rebuild is written;
    the shards whose pages changed are then made in the background (`plan_search`)."""
    output.keep_recorded(SEARCH_FOLDER + "/")  # a stat each would slow every save


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
    return PagefindRun(work.shards, parallel, nice)


def write_shards(
    output: DirOutput | InPlaceOutput, work: SearchWork, results: dict[int, dict[str, bytes]]
) -> None:
    for item in work.shards:
        folder = shard_folder(item.shard)
        for name, data in results[item.shard].items():
            output.write(f"{folder}/{name}", data, item.key)


def install_shards(
    out_path: Path, manifest: Manifest, work: SearchWork, results: dict[int, dict[str, bytes]]
) -> None:
    """The dev server's: replace the shards of `work` in its output folder with their new
    files (written atomically), keep every other file, and record it all in the manifest."""
    output = InPlaceOutput(out_path, manifest)
    shards = [item.shard for item in work.shards] + list(work.obsolete)
    replaced = {shard_folder(shard) + "/" for shard in shards}
    for name in output.previous:
        if not name.startswith(tuple(replaced)):
            output.keep_as_is(name)
    write_shards(output, work, results)
    output.commit()


__all__ = [
    "PagefindFailed",
    "SearchWork",
    "install_shards",
    "keep_every_shard",
    "plan_search",
    "search_failed",
    "start_indexing",
    "write_shards",
]
