"""The site model and its pages: rendered posts in, `[Route]` (what to write) out.

`model` groups posts into the `Site` (collections, tags, neighbours), `urls` holds every URL
rule, `routes` plans each page with its template and context, `views` are the values templates
see, `layout_fallback` maps Astro layouts without a Jinja counterpart to the default layout.
"""
