"""Templates: a page's template name and context in, HTML out.

`engine` is Jinja with the site's `layouts/` over the theme's (a `ChoiceLoader`), the helpers
and filters layouts use, and each layout's digest; `layout_fallback` gives posts that name an
Astro layout with no Jinja counterpart the default post layout, with one warning per layout.
"""
