"""Near-duplicate detection: MinHash signatures over word shingles, banded for LSH.

Syndicated copies (a wire story republished with a new headline and a changed
sentence) share most of their five-word shingles; independent reports of the
same event share almost none. The signature estimates Jaccard similarity;
the bands let the store find candidates with an index lookup instead of
comparing against every stored document.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from dataclasses import dataclass

import numpy as np

NUM_PERM = 128
BANDS = 32
ROWS = NUM_PERM // BANDS
SHINGLE = 5
# Estimated Jaccard at which a document counts as a copy of another; or, for a
# shorter document, the share of its shingles found in the longer one.
JACCARD_THRESHOLD = 0.5
CONTAINMENT_THRESHOLD = 0.8
# Below this many shingles two texts match by accident too easily to tell.
MIN_SHINGLES = 20

_MASK32 = np.uint64(0xFFFFFFFF)
_SHIFT = np.uint64(32)
_CHUNK = 20000
_WORD = re.compile(r"\w+")

# Multiply-shift hashing, h -> high 32 bits of (a*h + b) mod 2**64 with odd a:
# a universal family, so each of the NUM_PERM functions orders shingles
# independently of their raw hash values. Fixed seed: signatures are stored,
# so the functions must never change.
_rng = np.random.RandomState(20220119)
_A = _rng.randint(0, 1 << 62, size=NUM_PERM, dtype=np.int64).astype(np.uint64)
_A = (_A << np.uint64(1)) | np.uint64(1)
_B = _rng.randint(0, 1 << 62, size=NUM_PERM, dtype=np.int64).astype(np.uint64) << np.uint64(2)


@dataclass(frozen=True)
class Signature:
    values: np.ndarray  # uint32[NUM_PERM]
    n_shingles: int

    def to_bytes(self) -> bytes:
        return self.values.astype("<u4").tobytes()

    @classmethod
    def from_bytes(cls, data: bytes, n_shingles: int) -> Signature:
        return cls(np.frombuffer(data, dtype="<u4").astype(np.uint32), n_shingles)

    def buckets(self) -> list[int]:
        """One 63-bit bucket id per band (fits SQLite's signed INTEGER)."""
        raw = self.to_bytes()
        width = ROWS * 4
        return [
            int.from_bytes(
                hashlib.blake2b(raw[i * width:(i + 1) * width], digest_size=8).digest(), "big"
            ) >> 1
            for i in range(BANDS)
        ]


def shingle_hashes(text: str) -> np.ndarray:
    words = _WORD.findall(text.lower())
    if not words:
        return np.zeros(0, dtype=np.uint64)
    tokens = np.fromiter((zlib.crc32(w.encode()) for w in words), dtype=np.uint64, count=len(words))
    if len(tokens) < SHINGLE:
        return np.unique(tokens)
    n = len(tokens) - SHINGLE + 1
    combined = np.zeros(n, dtype=np.uint64)
    for k in range(SHINGLE):
        # Polynomial combination of the five words, kept to 32 bits: the
        # multiply-shift functions below take 32-bit keys.
        combined = (combined * np.uint64(1000003) + tokens[k:k + n]) & _MASK32
    return np.unique(combined)


def signature(text: str) -> Signature:
    hashes = shingle_hashes(text)
    mins = np.full(NUM_PERM, np.iinfo(np.uint64).max, dtype=np.uint64)
    for start in range(0, len(hashes), _CHUNK):
        chunk = hashes[start:start + _CHUNK]
        # uint64 arithmetic wraps modulo 2**64, which is what multiply-shift wants.
        permuted = (_A[:, None] * chunk[None, :] + _B[:, None]) >> _SHIFT
        np.minimum(mins, permuted.min(axis=1), out=mins)
    return Signature(mins.astype(np.uint32), len(hashes))


def jaccard(a: Signature, b: Signature) -> float:
    return float(np.count_nonzero(a.values == b.values)) / NUM_PERM


def containment(a: Signature, b: Signature, j: float) -> float:
    """Estimated share of the smaller document's shingles found in the other."""
    smaller = min(a.n_shingles, b.n_shingles)
    if smaller == 0:
        return 0.0
    shared = j / (1.0 + j) * (a.n_shingles + b.n_shingles)
    return min(1.0, shared / smaller)


def is_near_duplicate(a: Signature, b: Signature) -> tuple[bool, float]:
    if min(a.n_shingles, b.n_shingles) < MIN_SHINGLES:
        return False, 0.0
    j = jaccard(a, b)
    return (j >= JACCARD_THRESHOLD or containment(a, b, j) >= CONTAINMENT_THRESHOLD), j
