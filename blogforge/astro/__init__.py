"""Reading an Astro project without running it.

In: a folder with `astro.config.*` and `src/`. Out: `AstroProject`, what the project's files say
(site, base, trailing slash, build format, collections, routes, math plugins, theme settings),
each value with where it came from; `config` turns it into defaults a `blogforge.toml` overrides.
"""
