"""Loading posts: files in, validated `Post` values out.

In: the frozen `Config`. Out: `[Post]` plus every placed error (`file:line: field: message`).
`discover` finds the Markdown files, `frontmatter` reads YAML with each key's line, `dates`
parses dates as JavaScript does, `ids` makes Astro's collection ids and tag slugs, `paths`
refuses slugs and tags that cannot be a folder, `mdx` strips JSX, `pages` routes Markdown pages.
Nothing here knows about templates, URLs of other posts or output.
"""
