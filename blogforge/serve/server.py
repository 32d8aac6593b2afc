"""`blogforge serve`: build, serve on 127.0.0.1, watch the sources, rebuild and reload tabs.

Rebuilds are whole-site (DESIGN.md: rebuild, don't track dependencies), made fast by what they
keep: the parsed posts, rendered bodies and post digests stay in memory between rebuilds
(`BuildMemo`), so a one-post edit parses and renders one post, and only the pages whose inputs
changed are templated and written (in place: requests wait while a build runs). Rebuilds run
on one background thread, coalescing bursts of file events (editors write several per save)
with a short quiet period. The output goes to `.blogforge-cache/serve/`, never to `dist/`, so
`serve --drafts` cannot leak drafts into a deployable build.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import socket
import sys
import threading
import time
import webbrowser
from collections.abc import Callable
from dataclasses import dataclass
from http.server import ThreadingHTTPServer
from pathlib import Path

from blogforge.astro.project import CONFIG_NAMES as ASTRO_CONFIG_NAMES
from blogforge.astro.project import CONTENT_CONFIG_NAMES as ASTRO_CONTENT_CONFIG_NAMES
from blogforge.config import CONFIG_FILE, Config, ConfigError, load_config
from blogforge.errors import Problem, os_problem, report_unexpected
from blogforge.incremental.memo import BuildMemo
from blogforge.incremental.store import CACHE_DIR_NAME
from blogforge.interrupts import stop_on_termination
from blogforge.output.search_index import SearchWork, search_failed
from blogforge.serve.http import make_handler
from blogforge.serve.search_refresh import Install, SearchRefresher
from blogforge.serve.state import BuildError, ServeState, source_snippet
from blogforge.serve.watcher import Watcher

# Editors save in bursts of events a few milliseconds apart (write, chmod, rename, close);
# 20 ms of quiet coalesces them and keeps save -> page served short.
DEBOUNCE_SECONDS = 0.02
# How often the rebuild loop, when idle, checks that every watched folder is still watched.
WATCH_CHECK_SECONDS = 1.0
# Connections the kernel queues while every thread is busy: the standard library's 5 made 30
# to 49 of 500 simultaneous requests time out; 1024 answered all of them.
LISTEN_BACKLOG = 1024
# An Astro project's settings are read from these too (site, base, trailingSlash, version).
ASTRO_SETTINGS_FILES = (*ASTRO_CONFIG_NAMES, *ASTRO_CONTENT_CONFIG_NAMES, "package.json")
SERVE_OUT_DIR = ".blogforge-cache/serve"
IGNORED_SUFFIXES = (".swp", ".swx", ".tmp", "~", ".part")
IGNORED_NAMES = ("4913",)  # vim's write test file


@dataclass(frozen=True)
class ServeOptions:
    root: Path
    host: str = "127.0.0.1"
    port: int = 4321
    drafts: bool = False
    open_browser: bool = False
    quiet: bool = False
    verbose: bool = False  # print an internal error's traceback, not only its one line


def serve_config(options: ServeOptions) -> Config:
    config = load_config(options.root)
    return config.with_overrides(out_dir=SERVE_OUT_DIR, drafts=options.drafts or None)


class Rebuilder:
    """Runs builds on one thread: one now, then one per burst of changes."""

    def __init__(self, options: ServeOptions, state: ServeState) -> None:
        self.options = options
        self.state = state
        self.pending: list[str] = []
        self.last_event = 0.0
        self.wake = threading.Event()
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self.loop, name="blogforge-rebuild", daemon=True)
        self.memo = BuildMemo()
        self.idle_check: Callable[[], None] | None = None  # the watcher's, once a second idle
        self.check: Callable[[], None] | None = None  # the watcher's, before each rebuild
        self.search = SearchRefresher(self.hand_over)
        self.handed: list[tuple[Install | None, str | None]] = []  # by the search thread
        self.search_plan: Callable[[], None] | None = None  # the last rebuild's, made after it

    def notify(self, path: str) -> None:
        name = Path(path).name
        if name.endswith(IGNORED_SUFFIXES) or name in IGNORED_NAMES or name.startswith(".#"):
            return
        self.pending.append(path)
        self.last_event = time.monotonic()
        self.wake.set()

    def loop(self) -> None:
        """Rebuild after each burst of changes, forever: no exception ends this thread (it
        used to, and then every request waited 30 s and no save was ever rebuilt again)."""
        while not self.stopped.is_set():
            if not self.wake.wait(timeout=WATCH_CHECK_SECONDS):
                self.run_safely(self.idle_check)
                continue
            if self.stopped.is_set():
                return
            if self.handed and not self.pending:  # a search index, and no save to rebuild
                self.wake.clear()
                self.run_safely(self.install_search)
                if not self.pending:
                    continue
            while time.monotonic() - self.last_event < DEBOUNCE_SECONDS:
                time.sleep(DEBOUNCE_SECONDS / 4)
            self.wake.clear()
            self.run_safely(self.check)  # a folder that came back is watched before it is read
            changed, self.pending = self.pending, []
            self.run_safely(functools.partial(self.rebuild, changed))
            if self.handed:  # handed over during the rebuild: installed next
                self.wake.set()

    def plan_search(self, plan: Callable[[], SearchWork], config: Config) -> None:
        """The search shards a rebuild changed, to the search thread (nothing if none did)."""
        work = plan()
        if work:
            self.search.submit(work, config.out_path, config.root / CACHE_DIR_NAME)

    def hand_over(self, install: Install | None, failure: str | None) -> None:
        """From the search thread: new index files to install, or why there are none."""
        self.handed.append((install, failure))
        self.wake.set()

    def install_search(self) -> None:
        """Install the search index files handed over, between rebuilds (page requests wait
        meanwhile); a failure is shown like a failed build's error, and the pages stay."""
        handed, self.handed = self.handed, []
        failures = [search_failed(failure) for _, failure in handed if failure is not None]
        self.state.start_build()
        error = None
        try:
            for install, _ in handed:
                if install is not None:
                    install()
        except Exception as unexpected:
            failures.append(self.unexpected_problem(unexpected))
        finally:
            if failures:
                error = self.to_error(failures)
                self.state.finish_build(error, "reload")
            else:
                self.state.finish_quietly()
        if error is not None and not self.options.quiet:
            for problem in error.problems:
                print(f"error: {problem.format()}", flush=True)

    def run_safely(self, step: Callable[[], None] | None) -> None:
        if step is None:
            return
        try:
            step()
        except Exception as error:  # already on the overlay when it came from a build
            print(report_unexpected(error, verbose=self.options.verbose), flush=True)

    def rebuild(self, changed: list[str]) -> None:
        """One build; whatever it raises becomes the overlay's error, and the last good
        output keeps being served."""
        self.state.start_build()
        started = time.perf_counter()
        error: BuildError | None = None
        try:
            error = self.build_once()
        except Exception as unexpected:
            error = self.to_error([self.unexpected_problem(unexpected)])
        finally:
            only_css = bool(changed) and all(p.endswith(".css") for p in changed)
            self.state.finish_build(error, "css" if only_css and error is None else "reload")
        plan, self.search_plan = self.search_plan, None
        self.run_safely(plan)  # on this thread, before the next rebuild changes the output
        if not self.options.quiet:
            took = (time.perf_counter() - started) * 1000
            if error is None:
                verb = "rebuilt" if self.state.epoch > 1 else "built"
                print(f"{verb} in {took:.0f} ms", flush=True)
            else:
                for problem in error.problems:
                    print(f"error: {problem.format()}", flush=True)

    def build_once(self) -> BuildError | None:
        # deferred: the pipeline loads after the server answers
        from blogforge.build import Pipeline

        try:
            config = serve_config(self.options)
        except ConfigError as problem:
            return self.to_error(problem.problems)
        result = Pipeline(config, in_place=True, memo=self.memo).run()
        if result.ok and result.search_plan is not None:  # planned once the pages are served
            self.search_plan = functools.partial(self.plan_search, result.search_plan, config)
        return None if result.ok else self.to_error(result.diagnostics.errors, config.root)

    def unexpected_problem(self, error: Exception) -> Problem:
        """An exception no stage turned into a message, as one overlay line."""
        if isinstance(error, OSError):
            return os_problem(error, self.options.root)
        return Problem("blogforge", None, report_unexpected(error, verbose=self.options.verbose))

    def warm_up(self) -> None:
        """Start the renderer process now, with its parser built: the first build rendered in
        worker processes, and the first save should not wait for a new one (~0.5 s)."""
        # deferred: the pipeline loads after the server answers
        from blogforge.render.bodies import markdown_options
        from blogforge.render.service import kept_renderer

        # A broken config is already on the overlay; the renderer then starts on a good build.
        with contextlib.suppress(ConfigError):
            config = serve_config(self.options)
            memo = self.memo.for_config(config)
            kept_renderer(memo, config, markdown_options(config)).start()

    def to_error(self, problems: list[Problem], root: Path | None = None) -> BuildError:
        base = root or self.options.root
        return BuildError(tuple(problems), tuple(source_snippet(base, p) for p in problems))

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self.stopped.set()
        self.wake.set()
        self.search.stop()
        self.memo.close()


def watched_folders(config: Config) -> list[Path]:
    """Every folder a build reads: content (and each collection's own folder, as an Astro
    project has them under src/content or elsewhere), src/pages, layouts and static."""
    folders = [config.content_path, config.layouts_path, config.static_path]
    folders += [config.root / collection.folder for collection in config.collections]
    if config.pages_dir:
        folders.append(config.root / config.pages_dir)
    unique: list[Path] = []
    for folder in folders:
        if not any(folder.is_relative_to(f) for f in unique):  # a folder is inside itself
            unique = [f for f in unique if not f.is_relative_to(folder)] + [folder]
    return unique


def start_watching(options: ServeOptions, rebuilder: Rebuilder) -> Watcher:
    """Watch every folder a build reads (recursively) and the settings files, with inotify;
    the rebuild loop's idle check re-arms a folder deleted and made again."""
    root = options.root.resolve()
    try:
        folders = watched_folders(load_config(options.root))
    except ConfigError:
        folders = [root / n for n in ("content", "layouts", "static")]
    folders = [f.resolve() for f in folders]
    settings = [str(root / name) for name in (CONFIG_FILE, *ASTRO_SETTINGS_FILES)]
    watcher = Watcher(folders, settings, rebuilder.notify)
    rebuilder.idle_check = watcher.idle_check
    rebuilder.check = watcher.check
    watcher.start()
    return watcher


class DevServer(ThreadingHTTPServer):
    """The standard library's threading server with a deep listen queue and quiet about
    clients that hang up; any other failure of a request is one line, never a traceback."""

    request_queue_size = LISTEN_BACKLOG
    daemon_threads = True
    verbose = False

    def handle_error(self, request: object, client_address: object) -> None:
        error = sys.exc_info()[1]
        if error is None or isinstance(error, (ConnectionError, TimeoutError)):
            return  # a closed tab, a reset connection: nothing anyone can act on
        if isinstance(error, Exception):
            print(report_unexpected(error, verbose=self.verbose), flush=True)


def bind_server(options: ServeOptions, handler: type) -> DevServer:
    """Bind to the asked port; when it is busy, say so and take the next free one."""
    for port in range(options.port, options.port + 20):
        try:
            server = DevServer((options.host, port), handler)
        except OSError as error:
            if error.errno != errno.EADDRINUSE:
                raise
            print(f"port {port} is in use; trying {port + 1}", flush=True)
            continue
        server.verbose = options.verbose
        return server
    raise SystemExit(f"no free port between {options.port} and {options.port + 19}")


def allowed_hosts(options: ServeOptions) -> frozenset[str]:
    """The `Host` names a request may carry: `localhost`, the loopback addresses, what
    `--host` was given as; "*" (any IP address) when bound to every interface."""
    host = options.host.lower()
    names = {"localhost", "127.0.0.1", "[::1]", host, f"[{host}]" if ":" in host else host}
    if host in ("0.0.0.0", "::", ""):
        names.add("*")
    return frozenset(names)


def is_loopback(host: str) -> bool:
    try:
        return all(
            info[4][0].startswith("127.") or info[4][0] == "::1"
            for info in socket.getaddrinfo(host, None)
        )
    except socket.gaierror:
        return False


def serve(
    options: ServeOptions,
    on_ready: Callable[[ThreadingHTTPServer, ServeState], None] | None = None,
) -> int:
    """Serve until Ctrl-C (raised to the caller after cleanup), SIGTERM or SIGHUP, or until
    `server.shutdown()` (tests get the server from `on_ready`)."""
    restore_signals = stop_on_termination()
    state = ServeState(out_path=(options.root / SERVE_OUT_DIR).resolve())
    rebuilder = Rebuilder(options, state)
    rebuilder.rebuild([])
    rebuilder.warm_up()
    try:
        base = serve_config(options).base
    except ConfigError:
        base = "/"
    server = bind_server(options, make_handler(state, base, True, allowed_hosts(options)))
    host, port = server.server_address[:2]
    shown = f"[{host}]" if ":" in str(host) else host  # the address bound, as a URL's host
    url = f"http://{shown}:{port}{base}"
    if not is_loopback(options.host):
        print(
            f"warning: serving on {options.host}: anyone on your network can read this site "
            "(drafts included with --drafts)",
            flush=True,
        )
    print(f"serving {options.root} at {url} (Ctrl-C to stop)", flush=True)
    observer = start_watching(options, rebuilder)
    rebuilder.start()
    if options.open_browser:
        webbrowser.open(url)
    if on_ready is not None:
        on_ready(server, state)
    try:
        server.serve_forever(poll_interval=0.2)
    finally:
        restore_signals()
        rebuilder.stop()
        observer.stop()
        server.server_close()
    return 0
