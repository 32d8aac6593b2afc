"""Images: ask for a variant now (its URL and size), encode later in parallel.

In: hero and inline image paths from posts. Out: `HeroView`/`ImageSource` values for pages at
once; the encoded files (WebP/AVIF variants, SVGs as they are) written during the images stage,
cached in the content-addressed store.
"""
