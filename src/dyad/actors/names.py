"""Comparing personal names across spellings, transliterations and typos.

String distance alone misleads on short names: "Rice" is closer to
Condoleezza Rice than to Raisi. A phonetic key (metaphone: RS for Raisi,
Rais and Rice) says which spellings can be one name; the document's context
says which person it is. These functions only score; the resolver decides.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import jellyfish
from rapidfuzz import fuzz


@lru_cache(maxsize=65536)
def fold(token: str) -> str:
    """Lower-case ASCII form: diacritics, hyphens and apostrophes removed."""
    ascii_text = unicodedata.normalize("NFKD", token).encode("ascii", "ignore").decode()
    return "".join(ch for ch in ascii_text.lower() if ch.isalnum())


@lru_cache(maxsize=65536)
def phonetic(token: str) -> str:
    folded = fold(token)
    return jellyfish.metaphone(folded) if folded else ""


def token_similarity(a: str, b: str) -> float:
    """0..100 similarity of two name tokens, phonetic agreement counting."""
    fa, fb = fold(a), fold(b)
    if not fa or not fb:
        return 0.0
    if fa == fb:
        return 100.0
    score = fuzz.ratio(fa, fb)
    if fa[0] == fb[0] and phonetic(a) == phonetic(b) and abs(len(fa) - len(fb)) <= 2:
        # Same sound, same initial, similar length: a spelling variant
        # ("Rice"/"Raisi", "Kanni"/"Kani") rather than a different name.
        score = max(score, 82.0)
    return score


def name_similarity(candidate: list[str], known: list[str]) -> float:
    """How well the tokens of a name in text match a known name, 0..100.

    Every token of the text's name must find a counterpart in the known name,
    and the known name's last token (the surname) must be matched; the score
    is the mean of the token scores. "Sergie Lavrov" ~ "Sergei Lavrov" (high);
    "Nasser Kanani Chafi" ~ "Nasser Kanaani" (the extra token is allowed if
    the known name is shorter: transliterations add family names).
    """
    if not candidate or not known:
        return 0.0
    used: set[int] = set()
    scores = []
    for token in candidate:
        best, best_j = 0.0, -1
        for j, other in enumerate(known):
            if j in used:
                continue
            s = token_similarity(token, other)
            if s > best:
                best, best_j = s, j
        if best >= 80:
            used.add(best_j)
            scores.append(best)
    surname_matched = (len(known) - 1) in used
    if not surname_matched or not scores:
        return 0.0
    unmatched_candidate = len(candidate) - len(scores)
    if unmatched_candidate > 1 or unmatched_candidate == 1 and len(candidate) <= len(known):
        return 0.0
    coverage = len(scores) / max(len(known), 1)
    return sum(scores) / len(scores) * (0.7 + 0.3 * coverage)


def joined_similarity(candidate: list[str], known: list[str]) -> float:
    """Similarity of names written with different word breaks ("Abdul Rahiyan"
    for "Abdollahian", "Amirabdollahian" for "Amir-Abdollahian")."""
    a = "".join(fold(t) for t in candidate)
    b = "".join(fold(t) for t in known)
    if not a or not b or a[0] != b[0]:
        return 0.0
    return float(fuzz.ratio(a, b))


def org_similarity(candidate: list[str], known: list[str]) -> float:
    """Similarity of organisation names that differ by a word ("Royal Joint Service
    Institute" for "Royal United Services Institute"): same first and head word,
    and at least three quarters of the known name's words found, 0..100."""
    if len(candidate) < 2 or len(known) < 2:
        return 0.0
    if token_similarity(candidate[0], known[0]) < 80 or token_similarity(candidate[-1], known[-1]) < 80:
        return 0.0
    found = sum(1 for k in known if max(token_similarity(c, k) for c in candidate) >= 80)
    share = found / len(known)
    extra = len(candidate) - found
    if share < 0.75 or extra > 1:
        return 0.0
    return 100.0 * share
