"""The digest of a page: everything it is made of, so an unchanged page is not rendered again.

A page's key covers blogforge's code and library versions, its template's name, the digest of
that template and of every template it extends or includes (as the loader resolves them now),
and the page's own inputs (the versions of the posts it shows, the settings). The output keeps
the previous file when the key is the one it was written with.
"""

from __future__ import annotations

from functools import lru_cache

from blogforge.incremental.digests import digest
from blogforge.incremental.fingerprints import code_fingerprint


def page_digest(template: str, template_digest: str, inputs: str) -> str:
    return digest(code_fingerprint(), template, template_digest, inputs)


@lru_cache(maxsize=1 << 15)
def inputs_digest(*parts: str) -> str:
    """A page's inputs digest (`digest`), remembered: a dev-server rebuild asks again for
    every page's from the same short strings (post digests kept from the last rebuild, whose
    string hashes Python has cached), so most answers are a dictionary lookup."""
    return digest(*parts)
