"""Featurisation shared by training, export and the golden fixtures.

It is specified so that `src/analysis/model/features.rs` can implement it identically:

normalise (per Unicode scalar value, in order):
  1. U+FF01..U+FF5E (full-width ASCII) -> subtract 0xFEE0; U+3000 -> U+0020
  2. drop whitespace: U+0009..U+000D, U+0020, U+00A0, U+200B, U+3000 (after step 1)
  3. ASCII A-Z -> a-z
  4. keep at most 3 consecutive copies of the same character (啊啊啊啊啊 -> 啊啊啊)
  5. keep the first MAX_CHARS characters
n-grams: every run of 1..=MAX_N consecutive characters of the normalised text
hash:    FNV-1a 32-bit over the n-gram's UTF-8 bytes, id = hash & (BUCKETS - 1)
ids:     the distinct ids, ascending (int64)
"""
from __future__ import annotations

from functools import lru_cache

MAX_CHARS = 512
MAX_N = 4
BUCKET_BITS = 20
BUCKETS = 1 << BUCKET_BITS

_WS = {0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x20, 0xA0, 0x200B, 0x3000}


def normalize(text: str) -> str:
    out: list[str] = []
    for ch in text:
        cp = ord(ch)
        if 0xFF01 <= cp <= 0xFF5E:
            cp -= 0xFEE0
        elif cp == 0x3000:
            cp = 0x20
        if cp in _WS:
            continue
        if 0x41 <= cp <= 0x5A:
            cp += 0x20
        c = chr(cp)
        if len(out) >= 3 and out[-1] == c and out[-2] == c and out[-3] == c:
            continue
        out.append(c)
        if len(out) == MAX_CHARS:
            break
    return "".join(out)


def fnv1a32(data: bytes) -> int:
    """FNV-1a 32-bit (offset basis 0x811C9DC5, prime 0x01000193)."""
    h = 0x811C9DC5
    for b in data:
        h ^= b
        h = (h * 0x01000193) & 0xFFFFFFFF
    return h


def ids_of(text: str, max_n: int = MAX_N, bits: int = BUCKET_BITS) -> list[int]:
    s = normalize(text)
    mask = (1 << bits) - 1
    seen = set()
    for n in range(1, max_n + 1):
        for i in range(len(s) - n + 1):
            seen.add(_gram_hash(s[i:i + n]) & mask)
    return sorted(seen)


@lru_cache(maxsize=1 << 22)
def _gram_hash(gram: str) -> int:
    return fnv1a32(gram.encode("utf-8"))
