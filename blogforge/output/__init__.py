"""Writing the site: bytes in, a complete output folder out.

`writer` assembles a new folder beside `dist/` and swaps it in atomically (or, for the dev
server, updates its folder in place file by file); `safety` refuses output folders that hold or
sit in the sources; `clashes` refuses pages that would overwrite each other or leave the site.
"""
