"""RSS and Atom feed files: one document per entry, the feed's title as outlet."""

from __future__ import annotations

from collections.abc import Iterator

import feedparser

from ..decoding import decode
from ..problems import Problem, SkipInput
from . import RawDocument
from .html import fragment_to_text


def read_feed(data: bytes, display: str, max_doc_bytes: int) -> Iterator[RawDocument | Problem]:
    decoded = decode(data)
    parsed = feedparser.parse(decoded.text)
    if not parsed.get("version") and not parsed.entries:
        reason = parsed.get("bozo_exception")
        detail = f" ({reason})" if reason else ""
        raise SkipInput(f"not an RSS or Atom feed{detail}")
    if not parsed.entries:
        raise SkipInput("feed has no entries")
    outlet = parsed.feed.get("title")
    for number, entry in enumerate(parsed.entries, start=1):
        locator = f"entry {number}"
        body = ""
        if entry.get("content"):
            body = entry.content[0].get("value", "")
        body = body or entry.get("summary", "") or entry.get("description", "")
        text = fragment_to_text(body).strip()
        if not text:
            yield Problem(f"{display} {locator}", "entry has no text; skipped")
            continue
        if len(text.encode("utf-8")) > max_doc_bytes:
            yield Problem(f"{display} {locator}", "entry text is over the size limit; skipped")
            continue
        meta = {}
        for field, key in (("title", "title"), ("url", "link"), ("author", "author"),
                           ("published", "published"), ("id", "id")):
            if entry.get(key):
                meta[field] = str(entry.get(key))
        if "published" not in meta and entry.get("updated"):
            meta["published"] = str(entry.updated)
        if outlet:
            meta["outlet"] = outlet
        yield RawDocument(text, "feed", display, locator, meta, "feed",
                          decoded.encoding, decoded.note)
