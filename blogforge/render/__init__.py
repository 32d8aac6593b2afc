"""Rendering Markdown bodies: posts in, `Rendered` bodies out, keyed by source path.

`bodies` is the stage (what is cached, what to render, each outcome); `pool` runs the Markdown
engine in worker processes under a per-post time budget; `cache` stores bodies by a digest of
their text and options; `service` is the dev server's long-lived renderer process.
"""
