"""Readers turn one input (a file or standard input) into raw documents.

Each reader yields ``RawDocument``s and, for problems inside a file that need
not stop it (one broken JSONL line, one feed entry without text), ``Problem``s.
A problem that makes the whole input unreadable is raised as ``SkipInput``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from ..problems import Problem

# File endings dyad reads, and the reader each goes to.
FORMATS = {
    ".txt": "txt", ".text": "txt",
    ".md": "md", ".markdown": "md",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".json": "json",
    ".csv": "csv",
    ".rss": "feed", ".atom": "feed", ".xml": "feed",
}


@dataclass
class RawDocument:
    text: str
    format: str
    file: str
    locator: str | None = None
    # Metadata the input itself carried (header block, record fields, HTML
    # meta tags, feed entry), under dyad's field names; ``meta_source`` says which.
    meta: dict[str, str] = field(default_factory=dict)
    meta_source: str = "header"
    encoding: str = "utf-8"
    encoding_note: str | None = None
    warnings: list[str] = field(default_factory=list)


def format_for(path: Path) -> str | None:
    return FORMATS.get(path.suffix.lower())


def read(data: bytes, fmt: str, display: str, max_doc_bytes: int) -> Iterator[RawDocument | Problem]:
    """Dispatch ``data`` (the input's bytes) to the reader for ``fmt``."""
    from . import feeds, html, plain, records

    readers = {
        "txt": plain.read_text,
        "md": plain.read_markdown,
        "html": html.read_html,
        "jsonl": records.read_jsonl,
        "json": records.read_json,
        "csv": records.read_csv,
        "feed": feeds.read_feed,
    }
    yield from readers[fmt](data, display, max_doc_bytes)


def sniff_format(data: bytes) -> str:
    """Guess the format of input with no telling file ending (standard input)."""
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"{"):
        return "jsonl"
    if head.startswith(b"["):
        return "json"
    if head.startswith(b"<"):
        if b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head:
            return "feed"
        return "html"
    return "txt"
