"""Sentence splitting with character offsets, and token counts.

A rule-based splitter: news prose is regular enough that punctuation,
capitalisation and an abbreviation list get sentence boundaries right, and it
runs at millions of characters a second — well inside the ingest budget. Line
breaks end a sentence (headlines, list items, datelines) unless the next line
continues it in lower case, as hard-wrapped text does.
"""

from __future__ import annotations

import re
from functools import cache

from .datafiles import load_yaml

# A run of terminal punctuation, any closing quotes or brackets, then space.
_CANDIDATE = re.compile(r"[.!?\u2026]+[\"'\u201d\u2019)\]]*(?=\s)")
_NEXT_WORD = re.compile(r"\s+([\"'\u201c\u2018(\[]?)(\S*)")
_PREV_WORD = re.compile(r"(\S+)$")
_LINE = re.compile(r"[^\n]+")
_TOKEN = re.compile(r"\w+(?:['\u2019.\-]\w+)*|[^\w\s]")
_INITIAL = re.compile(r"^[A-Z]$")


@cache
def _lexicon() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    data = load_yaml("abbreviations.yaml")
    return (
        frozenset(data["never_final"]),
        frozenset(data["maybe_final"]),
        frozenset(data["sentence_openers"]),
    )


def count_tokens(text: str) -> int:
    return len(_TOKEN.findall(text))


def _blocks(text: str) -> list[tuple[int, int]]:
    """Spans of text between hard line breaks, joining lines that continue in lower case."""
    blocks: list[list[int]] = []
    for m in _LINE.finditer(text):
        start, end = m.start(), m.end()
        line = m.group()
        if not line.strip():
            continue
        if blocks:
            prev_end = blocks[-1][1]
            gap = text[prev_end:start]
            first = line.lstrip()[:1]
            prev_char = text[prev_end - 1]
            if gap == "\n" and first.islower() and prev_char not in ".!?:":
                blocks[-1][1] = end
                continue
        blocks.append([start, end])
    return [(s, e) for s, e in blocks]


def _is_boundary(block: str, punct_start: int, cand_end: int) -> bool:
    nxt = _NEXT_WORD.match(block, cand_end)
    if nxt is None:
        return False
    opener, word = nxt.group(1), nxt.group(2)
    first = word[:1]
    if not (first.isupper() or first.isdigit() or opener):
        return False
    if block[punct_start] != "." or block[punct_start:cand_end].startswith(".."):
        return True
    prev = _PREV_WORD.search(block, 0, punct_start)
    if prev is None:
        return True
    token = prev.group(1).lstrip("\"'(\u201c\u2018[").lower()
    never, maybe, openers = _lexicon()
    if _INITIAL.match(prev.group(1)) or token in never:
        return False
    if token in maybe:
        return word.strip("\"'\u201c\u2018").lower() in openers
    return True


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)`` into ``text``, trimmed of surrounding space."""
    spans: list[tuple[int, int]] = []
    for b_start, b_end in _blocks(text):
        block = text[b_start:b_end]
        cuts = [0]
        cuts.extend(
            m.end() for m in _CANDIDATE.finditer(block) if _is_boundary(block, m.start(), m.end())
        )
        cuts.append(len(block))
        for s, e in zip(cuts, cuts[1:], strict=False):
            piece = block[s:e]
            stripped = piece.strip()
            if not stripped:
                continue
            lead = len(piece) - len(piece.lstrip())
            start = b_start + s + lead
            spans.append((start, start + len(stripped)))
    return spans
