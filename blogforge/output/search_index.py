"""The search index: Pagefind run over the pages just written, its bundle written to `pagefind/`.

Pagefind (the binary of the `pagefind[bin]` package, run once per build on a folder of the pages
to index: its Python service answers one call per ~0.1 s, far too slow for 1 000 pages) writes a
static index that the browser queries in small chunks, so search needs no server.
Only posts and standalone pages are indexed (not the lists showing them), and of those only the
article (`data-pagefind-body` in the theme's layouts, without the contents and neighbours).

Indexing runs after the pages are written, and only when a page changed: the bundle's files are
recorded with a key made of every page's digest, blogforge's code and Pagefind's version, and a
build whose pages all kept their digests keeps the previous bundle as it is. A build with nothing
changed at all never gets here (see `incremental/up_to_date.py`).
"""

from __future__ import annotations

import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from blogforge.content.source import MARKDOWN_SUFFIXES
from blogforge.errors import Diagnostics, Problem
from blogforge.incremental.digests import digest
from blogforge.incremental.fingerprints import code_fingerprint
from blogforge.incremental.pages import page_digest
from blogforge.site.search_page import SEARCH_FOLDER, pagefind_version

# Pagefind's own ready-made interfaces: the theme's search page uses pagefind.js directly.
UNUSED = ("pagefind-ui.", "pagefind-component-ui.", "pagefind-modular-ui.", "pagefind-highlight.")

if TYPE_CHECKING:
    from blogforge.output.writer import DirOutput, InPlaceOutput
    from blogforge.site.routes import Route
    from blogforge.templates.engine import TemplateEngine


def _page_bytes(output: DirOutput | InPlaceOutput, relative: str) -> bytes:
    """A page as this build left it: written (pending in memory in place), or kept."""
    pending = getattr(output, "pending", {}).get(relative)  # InPlaceOutput, before its commit
    if pending is not None and pending[1] is not None:
        return pending[1]
    root = getattr(output, "temp_path", output.out_path)
    if not getattr(output, "started", False):
        root = output.out_path  # DirOutput that kept every file so far: the previous site
    return (root / relative).read_bytes()


def _run_pagefind(site: Path, bundle: Path) -> str | None:
    """Index the HTML files under `site` into `bundle`; why it failed, or None."""
    try:
        # deferred: Pagefind's package loads only with search on
        from pagefind.service import get_executable
    except ImportError:
        return "the pagefind package is not installed"
    executable = get_executable()
    if executable is None:
        return "no pagefind binary found"
    command = [str(executable), "--site", str(site), "--output-path", str(bundle), "--silent"]
    try:
        done = subprocess.run(command, capture_output=True, text=True, check=False)
    except OSError as error:
        return str(error)
    if done.returncode != 0:
        return (done.stderr or done.stdout).strip() or f"exit code {done.returncode}"
    return None


def index_for_search(
    output: DirOutput | InPlaceOutput,
    routes: Sequence[Route],
    templates: TemplateEngine,
    diagnostics: Diagnostics,
) -> None:
    """Index every page of `routes` into `pagefind/`, unless no page's digest changed since the
    bundle was made; an error when Pagefind cannot run."""

    if not diagnostics.ok:  # a page failed: the build will not be written, nothing to index
        return

    def page_key(route: Route) -> str:
        return page_digest(route.template, templates.digest(route.template), route.inputs)

    key = digest(
        code_fingerprint(),
        pagefind_version(),
        *sorted(f"{route.file}\0{page_key(route)}" for route in routes),
    )
    previous = [name for name in output.previous if name.startswith(SEARCH_FOLDER + "/")]
    same = previous and all(output.previous[name].key == key for name in previous)
    if same and all(output.unchanged(name, key) for name in previous):
        return
    with tempfile.TemporaryDirectory(prefix="blogforge-search-") as folder:
        # The pages at their files' paths under the output folder: pagefind.js puts the base
        # path (the folder it is loaded from, less `pagefind/`) in front of each result's URL.
        site, bundle = Path(folder, "site"), Path(folder, SEARCH_FOLDER)
        for route in routes:
            if route.source.endswith(MARKDOWN_SUFFIXES):  # posts and pages, not lists of them
                target = site / route.file
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(_page_bytes(output, route.file))
        failure = _run_pagefind(site, bundle)
        if failure is not None:
            diagnostics.error(
                Problem(
                    "blogforge.toml",
                    None,
                    f"the search index could not be made: Pagefind failed: {failure}",
                    field="search",
                    hint='pip install "pagefind[bin]", or set search = false',
                )
            )
            return
        for path in sorted(bundle.rglob("*")):
            if path.is_file() and not path.name.startswith(UNUSED):
                relative = f"{SEARCH_FOLDER}/{path.relative_to(bundle).as_posix()}"
                output.write(relative, path.read_bytes(), key)
