"""Metadata found in and around an article: header blocks, datelines, credit
lines, URLs — and the field names inputs use for them."""

from __future__ import annotations

import re
from functools import cache
from typing import Any
from urllib.parse import urlparse

from .datafiles import load_yaml

_HEADER_LINE = re.compile(r"^([A-Za-z][A-Za-z0-9 _-]{0,30}):[ \t]*(.*)$")
_SOURCE_LINE = re.compile(r"^\s*Source\s*(?:»|>>|:)\s*(?P<outlet>\S.{0,80}?)\s*$", re.IGNORECASE)
_DATELINE_WINDOW = 300
_SOURCE_WINDOW = 3  # last lines searched for a credit line


def canonical_key(key: str) -> str:
    return re.sub(r"[\s-]+", "_", key.strip().lower())


@cache
def _field_of_key() -> dict[str, str]:
    mapping: dict[str, str] = {}
    for field, keys in load_yaml("metadata_keys.yaml").items():
        for key in keys:
            mapping.setdefault(canonical_key(key), field)
    return mapping


def field_for(key: str) -> str | None:
    """The metadata field a header, column or JSON key stands for (``None`` if unknown)."""
    return _field_of_key().get(canonical_key(key))


def pick_fields(record: dict[str, Any]) -> dict[str, Any]:
    """Map a record's keys onto dyad's fields; the first key listed for a field wins."""
    order = load_yaml("metadata_keys.yaml")
    by_key = {canonical_key(k): v for k, v in record.items() if isinstance(k, str)}
    picked: dict[str, Any] = {}
    for field, keys in order.items():
        for key in keys:
            value = by_key.get(canonical_key(key))
            if value not in (None, ""):
                picked[field] = value
                break
    return picked


def split_header(text: str) -> tuple[dict[str, str], str]:
    """A leading block of ``key: value`` lines (or YAML-style ``---`` front matter)
    gives metadata. The block counts only if every line in it is ``key: value``
    and at least one key is one dyad knows, so prose that opens with
    "Tehran: ..." is left alone."""
    body_start = 0
    lines: list[str]
    if text.startswith("---\n"):
        end = text.find("\n---", 4)
        if end == -1:
            return {}, text
        lines = text[4:end].splitlines()
        body_start = text.find("\n", end + 1)
        body_start = len(text) if body_start == -1 else body_start + 1
    else:
        end = text.find("\n\n")
        block = text if end == -1 else text[:end]
        lines = block.splitlines()
        body_start = len(text) if end == -1 else end + 2
    header: dict[str, str] = {}
    for line in lines:
        m = _HEADER_LINE.match(line.strip())
        if not m:
            return {}, text
        header[canonical_key(m.group(1))] = m.group(2).strip().strip("\"'")
    if not any(field_for(k) for k in header) or end == -1 and not text.startswith("---\n"):
        return {}, text
    return header, text[body_start:]


@cache
def _dateline_patterns() -> list[tuple[str, re.Pattern[str]]]:
    return [(p["name"], re.compile(p["pattern"])) for p in load_yaml("datelines.yaml")]


def find_dateline(text: str) -> str | None:
    """The date text of a dateline in the article's opening, if it has one."""
    head = text[:_DATELINE_WINDOW]
    for _name, pattern in _dateline_patterns():
        m = pattern.search(head)
        if m:
            return m.group("date")
    return None


def find_source_line(text: str) -> str | None:
    """The outlet of a trailing credit line such as ``Source » trackpersia``."""
    for line in text.rstrip().splitlines()[-_SOURCE_WINDOW:]:
        m = _SOURCE_LINE.match(line)
        if m:
            return m.group("outlet")
    return None


def outlet_from_url(url: str | None) -> str | None:
    if not url:
        return None
    host = urlparse(url if "//" in url else f"//{url}").hostname
    if not host:
        return None
    return host[4:] if host.startswith("www.") else host
