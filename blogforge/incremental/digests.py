"""One way to fingerprint a sequence of texts, for deciding whether something must be redone."""

from __future__ import annotations

import hashlib


def digest(*parts: str) -> str:
    """blake2b of the parts, each length-prefixed so ("ab", "c") and ("a", "bc") differ."""
    state = hashlib.blake2b(digest_size=16)
    for part in parts:
        data = part.encode("utf-8", "surrogatepass")
        state.update(len(data).to_bytes(8, "big"))
        state.update(data)
    return state.hexdigest()
