"""Plain text and Markdown articles, with an optional leading header block."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..decoding import decode
from ..metadata import field_for, split_header
from . import RawDocument

_MD_HEADING = re.compile(r"^#{1,6}\s+", re.MULTILINE)
_MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_MD_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1")
_MD_FENCE = re.compile(r"^```.*$", re.MULTILINE)
_MD_QUOTE = re.compile(r"^>\s?", re.MULTILINE)
_MD_RULE = re.compile(r"^\s*([-*_])(\s*\1){2,}\s*$", re.MULTILINE)
_FIRST_HEADING = re.compile(r"^#\s+(.+)$", re.MULTILINE)


def _with_header(text: str, fmt: str, display: str, encoding: str, note: str | None) -> RawDocument:
    header, body = split_header(text)
    meta = {}
    extra = []
    for key, value in header.items():
        name = field_for(key)
        if name and name != "text":
            meta.setdefault(name, value)
        else:
            extra.append(key)
    doc = RawDocument(body, fmt, display, meta=meta, meta_source="header",
                      encoding=encoding, encoding_note=note)
    if extra:
        doc.warnings.append(f"header keys not used: {', '.join(extra)}")
    return doc


def read_text(data: bytes, display: str, max_doc_bytes: int) -> Iterator[RawDocument]:
    decoded = decode(data)
    yield _with_header(decoded.text, "txt", display, decoded.encoding, decoded.note)


def markdown_to_text(text: str) -> str:
    """Markdown markup removed, words kept: the stored text is what a reader reads."""
    text = _MD_FENCE.sub("", text)
    text = _MD_IMAGE.sub("", text)
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_HEADING.sub("", text)
    text = _MD_QUOTE.sub("", text)
    text = _MD_RULE.sub("", text)
    return _MD_EMPHASIS.sub(r"\2", text)


def read_markdown(data: bytes, display: str, max_doc_bytes: int) -> Iterator[RawDocument]:
    decoded = decode(data)
    doc = _with_header(decoded.text, "md", display, decoded.encoding, decoded.note)
    if "title" not in doc.meta:
        m = _FIRST_HEADING.search(doc.text)
        if m:
            doc.meta["title"] = markdown_to_text(m.group(1)).strip()
    doc.text = markdown_to_text(doc.text)
    yield doc
