"""The image pipeline: routing asks for a variant and gets its URL and size now; Pillow runs later.

`request_hero` and `request_inline` read only the image header (size, EXIF orientation) and the
source bytes (for the content hash in the output name), record which variants are needed and
answer with their URLs. `process` then encodes every recorded variant that the cache does not
already hold, in parallel, and writes them all to `<out>/_astro/`. This is Zola's
enqueue → batch shape: the slow work happens once per distinct (source, width, format), however
many posts use the image, and never for an image whose bytes and options did not change.

Output names are content-hashed (`<stem>.<hash8>.<width>.<format>`), so a CDN or browser cache can
never serve a stale variant after an image is edited.
"""

from __future__ import annotations

import dataclasses
import hashlib
import multiprocessing
import os
import re
import threading
import time
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, Protocol

import PIL
from PIL import features

from blogforge.config import Config
from blogforge.errors import ContentError
from blogforge.images import facts
from blogforge.images.encode import (
    MIME_TYPES,
    EncodeJob,
    encode_sizes,
    encode_variant,
    options_label,
)
from blogforge.images.facts import ROTATED_ORIENTATIONS, exif_orientation, is_remote, scaled_height
from blogforge.images.svg import SVG_ROOT, svg_size
from blogforge.images.views import HeroView, ImageSource
from blogforge.incremental.fingerprints import Stamp, stamp_of
from blogforge.incremental.store import Cache
from blogforge.interrupts import ignore_interrupts, interrupts_deferred

HERO_WIDTHS = (750, 1500)
# Another Pillow may encode other bytes: its version keys the cache (not the file names, which
# must stay stable for the same source and options).
PILLOW_VERSION = f"pillow={PIL.__version__}"
HERO_SIZES = "(max-width: 750px) 100vw, 750px"
INLINE_MAX_WIDTH = 1500
OUTPUT_FOLDER = "_astro"
CACHE_NAMESPACE = "images"
_UNSAFE_NAME_CHARS = re.compile(r"[^\w-]+")


@dataclass(frozen=True)
class SourceImage:
    """What the header and bytes of one source told us: enough to name and size its variants."""

    path: Path
    digest: str  # sha256 of the file's bytes
    width: int  # as displayed, after EXIF orientation
    height: int
    stat: Stamp = (0, 0, 0)  # fingerprints.stamp_of when read, to tell later if it changed
    vector: bool = False  # an SVG: published as it is, never rasterised


@dataclass(frozen=True)
class ImageStats:
    encoded: int
    from_cache: int
    seconds: float


class FileSink(Protocol):
    """Where variants go: a build output (blogforge.output.writer) or a plain folder."""

    def unchanged(self, relative: str, key: str) -> bool: ...

    def write(self, relative: str, data: bytes, key: str = "") -> None: ...


class _FolderSink:
    """A plain folder: every variant written, nothing known about earlier builds."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def unchanged(self, relative: str, key: str) -> bool:
        return False

    def write(self, relative: str, data: bytes, key: str = "") -> None:
        target = self.folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)


@dataclass(frozen=True)
class _Variant:
    job: EncodeJob
    file_name: str
    cache_key: str


class ImagePipeline:
    """Plans image variants during routing; `process` encodes them in one parallel batch."""

    def __init__(
        self,
        config: Config,
        cache: Cache,
        *,
        pool: Literal["auto", "thread", "process"] = "auto",
    ) -> None:
        """`pool`: "auto" encodes in forked worker processes when this process runs no other
        thread (a `build`), else in threads (the dev server: forking a process that runs a
        server and a file watcher can copy a held lock). Pillow releases the GIL while it
        encodes, so threads are as fast on 2 cores (8 heroes: 4.49 s vs 4.67 s), but the
        encoders' buffers (~50 MB per AVIF) then count in the main process's peak memory.
        """
        self.config = config
        self.cache = cache
        self.pool = pool
        self.formats: tuple[str, ...] = tuple(
            f for f in config.image_formats if f != "avif" or features.check("avif")
        )
        self._root = Path(config.root).resolve()
        self._sources: dict[Path, SourceImage] = {}
        self._variants: dict[str, _Variant] = {}  # by output file name
        self._heroes: dict[tuple[str, str], HeroView] = {}
        self._executor: Executor | None = None
        # Output file name -> (its size's encoding, its index there): see start_encoding.
        self._encoding: dict[str, tuple[Future[list[bytes]], int]] = {}
        self._lock = threading.Lock()

    # --- planning (cheap, during routing) -----------------------------------------------------

    def request_hero(
        self, src: str, *, post_path: Path, post_rel: str, line: int | None, alt: str
    ) -> HeroView:
        """The hero's `<img>`/`<picture>` facts (variants planned once per (src, folder))."""
        if is_remote(src):
            return HeroView(src=src, width=0, height=0, alt=alt)
        key = (src, "" if src.startswith("/") else str(Path(post_path).parent))
        with self._lock:
            known = self._heroes.get(key)
        if known is None:
            known = self._hero(src, post_path=post_path, post_rel=post_rel, line=line, alt="")
            with self._lock:
                self._heroes[key] = known
        return dataclasses.replace(known, alt=alt)

    def _hero(
        self, src: str, *, post_path: Path, post_rel: str, line: int | None, alt: str
    ) -> HeroView:
        source = self._source(src, post_path, post_rel, line, field="heroImage")
        if source.vector:  # as Astro does: the SVG itself, any size, no srcset
            url = self._plan_copy(source)
            return HeroView(src=url, width=source.width, height=source.height, alt=alt)
        widths = sorted({min(width, source.width) for width in HERO_WIDTHS})
        srcsets: dict[str, str] = {}
        largest: dict[str, str] = {}
        for image_format in self.formats:
            entries = []
            for width in widths:
                url = self._plan(source, width, image_format)
                entries.append(f"{url} {width}w")
                largest[image_format] = url
            srcsets[image_format] = ", ".join(entries)
        width = widths[-1]
        sources = tuple(ImageSource(MIME_TYPES[f], srcsets[f]) for f in self.formats if f != "webp")
        return HeroView(
            src=largest["webp"],
            width=width,
            height=scaled_height(source, width),
            alt=alt,
            srcset=srcsets["webp"],
            sizes=HERO_SIZES,
            sources=sources,
        )

    def request_inline(
        self, src: str, *, post_path: Path, post_rel: str, line: int | None
    ) -> dict[str, str] | None:
        """Attributes Astro adds to a Markdown image with a relative path; None: leave it as is.
        Astro keeps the original size in `width`/`height`; the file is INLINE_MAX_WIDTH wide."""
        if is_remote(src) or src.startswith(("/", "data:", "#")) or not src:
            return None
        source = self._source(src, post_path, post_rel, line, field=None)
        if source.vector:
            size = {"width": str(source.width), "height": str(source.height)}
            return {
                "loading": "lazy",
                "decoding": "async",
                **(size if source.width and source.height else {}),
                "src": self._plan_copy(source),
            }
        encoded_width = min(source.width, INLINE_MAX_WIDTH)
        return {
            "loading": "lazy",
            "decoding": "async",
            "width": str(source.width),
            "height": str(source.height),
            "src": self._plan(source, encoded_width, "webp"),
        }

    def source_stats(self) -> dict[str, Stamp]:
        """Every image file read so far, with its stamp as read: inputs of the build
        that live outside the content, layouts and static folders (`../../assets/x.png`)."""
        with self._lock:
            return {str(path): source.stat for path, source in self._sources.items()}

    def planned_files(self) -> list[str]:
        """Paths (under the output folder) of every variant requested so far."""
        with self._lock:
            return sorted(f"{OUTPUT_FOLDER}/{name}" for name in self._variants)

    # --- encoding (slow, once per build) ------------------------------------------------------

    def start_encoding(self, workers: int | None = None) -> None:
        """Begin encoding, in the background, every planned variant the cache does not hold.

        A build calls this as soon as its images are planned and templates its pages while the
        encoders run: the pages are one core's work, so the other would otherwise sit idle.
        Worker processes are forked here, from the calling thread, before any other exists.
        """
        with self._lock:
            variants = list(self._variants.values())
        missing = [
            v
            for v in variants
            if v.job.format != "svg" and not self.cache.has(CACHE_NAMESPACE, v.cache_key)
        ]
        sizes: dict[tuple[str, int, int], list[_Variant]] = {}
        for variant in missing:  # the formats of one size share one decode and resize
            sizes.setdefault((variant.job.source, variant.job.width, variant.job.height), [])
            sizes[(variant.job.source, variant.job.width, variant.job.height)].append(variant)
        count = min(workers or os.cpu_count() or 1, len(sizes))
        if count <= 1:
            return  # encoded in `process`, in this thread
        pool = self.pool
        if pool == "auto":
            pool = "process" if threading.active_count() == 1 else "thread"
        executor: Executor
        if pool == "thread":
            executor = ThreadPoolExecutor(max_workers=count)
        else:
            context = multiprocessing.get_context(
                "fork" if threading.active_count() == 1 else "forkserver"
            )
            executor = ProcessPoolExecutor(  # Ctrl-C is the parent's to report
                max_workers=count, mp_context=context, initializer=ignore_interrupts
            )
        self._executor = executor
        # Biggest first, so a large AVIF does not start last and leave a core idle.
        with interrupts_deferred():  # the first submit forks the workers
            for _size, group in sorted(sizes.items(), key=lambda item: -item[0][1] * item[0][2]):
                future = executor.submit(encode_sizes, [v.job for v in group])
                for index, variant in enumerate(group):
                    self._encoding[variant.file_name] = (future, index)

    def process(self, out: Path | FileSink, workers: int | None = None) -> ImageStats:
        """Write every planned variant under `_astro/` of `out` (a folder, or a build output
        that keeps files the previous build already wrote), encoding only cache misses."""
        started = time.perf_counter()
        sink = out if not isinstance(out, Path) else _FolderSink(out)
        if self._executor is None:
            self.start_encoding(workers)
        with self._lock:
            variants = list(self._variants.values())
        encoded = 0
        try:
            for variant in variants:
                relative = f"{OUTPUT_FOLDER}/{variant.file_name}"
                running = self._encoding.get(variant.file_name)
                data = None
                if running is not None:
                    data = running[0].result()[running[1]]
                    self.cache.put(CACHE_NAMESPACE, variant.cache_key, data)
                    encoded += 1
                if sink.unchanged(relative, variant.cache_key):
                    continue
                if variant.job.format == "svg":  # published as it is
                    sink.write(relative, Path(variant.job.source).read_bytes(), variant.cache_key)
                    continue
                if data is None:
                    data = self.cache.get(CACHE_NAMESPACE, variant.cache_key)
                if data is None:
                    data = encode_variant(variant.job)
                    self.cache.put(CACHE_NAMESPACE, variant.cache_key, data)
                    encoded += 1
                sink.write(relative, data, variant.cache_key)
        finally:
            self.stop_encoding()
        elapsed = time.perf_counter() - started
        return ImageStats(encoded, len(variants) - encoded, elapsed)

    def stop_encoding(self) -> None:
        """Shut the encoders down (a failed build calls this; `process` always does)."""
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
        self._executor = None
        self._encoding = {}

    # --- helpers ------------------------------------------------------------------------------

    def _plan(self, source: SourceImage, width: int, image_format: str) -> str:
        """Record one variant (deduplicated by name) and return its public URL."""
        label = options_label(image_format)
        hash8 = hashlib.sha256(f"{source.digest};{label}".encode()).hexdigest()[:8]
        stem = _UNSAFE_NAME_CHARS.sub("_", source.path.stem).strip("_") or "image"
        file_name = f"{stem}.{hash8}.{width}.{image_format}"
        job = EncodeJob(str(source.path), width, scaled_height(source, width), image_format)
        key = self.cache.key(source.digest, str(width), str(job.height), label, PILLOW_VERSION)
        with self._lock:
            self._variants.setdefault(file_name, _Variant(job, file_name, key))
        return f"{self.config.base}{OUTPUT_FOLDER}/{file_name}"

    def _plan_copy(self, source: SourceImage) -> str:
        """Record an SVG to publish as it is, under a content-hashed name; return its URL."""
        stem = _UNSAFE_NAME_CHARS.sub("_", source.path.stem).strip("_") or "image"
        file_name = f"{stem}.{source.digest[:8]}.svg"
        job = EncodeJob(str(source.path), source.width, source.height, "svg")
        with self._lock:
            self._variants.setdefault(file_name, _Variant(job, file_name, f"svg:{source.digest}"))
        return f"{self.config.base}{OUTPUT_FOLDER}/{file_name}"

    def _source(
        self, src: str, post_path: Path, post_rel: str, line: int | None, *, field: str | None
    ) -> SourceImage:
        path, shown = self._resolve(src, post_path, post_rel, line, field)
        with self._lock:
            known = self._sources.get(path)
        if known is not None:
            return known
        if not path.is_file():
            raise ContentError(post_rel, line, f"image file not found: {shown}", field=field)
        if path.suffix.lower() == ".svg":
            return self._remember(self._vector_source(path, shown, post_rel, line, field))
        try:
            status = path.stat()
            data = path.read_bytes()
            with facts.open_image(path) as image:
                width, height = image.size
                orientation = exif_orientation(image, data)
        except facts.IMAGE_ERRORS as exc:
            reason = str(exc).replace(str(path), shown)
            message = f"cannot read image {shown}: {reason}"
            raise ContentError(post_rel, line, message, field=field) from None
        if orientation in ROTATED_ORIENTATIONS:
            width, height = height, width
        digest = hashlib.sha256(data).hexdigest()
        source = SourceImage(path, digest, width, height, stamp_of(status))
        return self._remember(source)

    def _remember(self, source: SourceImage) -> SourceImage:
        with self._lock:
            self._sources[source.path] = source
        return source

    @staticmethod
    def _vector_source(
        path: Path, shown: str, post_rel: str, line: int | None, field: str | None
    ) -> SourceImage:
        """An SVG's size from its root element (width/height, else the viewBox)."""
        try:
            status = path.stat()
            data = path.read_bytes()
        except OSError as error:
            message = f"cannot read image {shown}: {error.strerror}"
            raise ContentError(post_rel, line, message, field=field) from None
        root = SVG_ROOT.search(data[:65536].decode("utf-8", "replace"))
        if root is None:
            message = f"cannot read image {shown}: no <svg> element in its first 64 kB"
            raise ContentError(post_rel, line, message, field=field)
        width, height = svg_size(root.group(0))
        digest = hashlib.sha256(data).hexdigest()
        return SourceImage(path, digest, width, height, stamp_of(status), vector=True)

    def _resolve(
        self, src: str, post_path: Path, post_rel: str, line: int | None, field: str | None
    ) -> tuple[Path, str]:
        """The file a `src` names, and how to show it in messages; never outside the site root."""
        if src.startswith("/"):
            candidate = Path(self.config.static_path) / src.lstrip("/")
        else:
            candidate = Path(post_path).parent / src
        if "\x00" in src:  # no file name holds one (and the os module raises ValueError)
            raise ContentError(post_rel, line, "image path holds a NUL byte", field=field)
        resolved = candidate.resolve()
        if not resolved.is_relative_to(self._root):
            message = f"image path points outside the site folder: {src}"
            raise ContentError(post_rel, line, message, field=field)
        return resolved, resolved.relative_to(self._root).as_posix()
