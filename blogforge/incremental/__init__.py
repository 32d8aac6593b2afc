"""Everything that decides what may be skipped, and nothing else.

The one rule: a cached build equals a clean build. `digests` hashes inputs, `store` is the
content-addressed cache (`.blogforge-cache/`), `fingerprints` summarises what a build reads
(posts, layouts, static files, config, code and library versions), `manifest` records what the
last build wrote and from what, `memo` is what the dev server keeps in memory between rebuilds,
`pages` gives each page the digest of everything it is made of.
"""
