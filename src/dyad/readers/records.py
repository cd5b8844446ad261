"""Article records: JSON Lines, JSON and CSV, one article per record.

Text comes from the first of the ``text`` keys in ``data/metadata_keys.yaml``;
title, URL, outlet, date, author and id from theirs. A bad record is skipped
with its line or row number; the rest of the file is kept.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterable, Iterator
from typing import Any

from ..datafiles import load_yaml
from ..decoding import decode
from ..metadata import canonical_key, pick_fields
from ..problems import Problem, SkipInput
from . import RawDocument

# Containers that wrap a list of articles in a JSON object.
_LIST_KEYS = ("articles", "documents", "items", "records", "data", "results")


def _text_keys() -> list[str]:
    return load_yaml("metadata_keys.yaml")["text"]


def _to_document(
    record: Any, fmt: str, display: str, locator: str, max_doc_bytes: int,
    encoding: str, note: str | None,
) -> RawDocument | Problem:
    where = f"{display} {locator}"
    if not isinstance(record, dict):
        return Problem(where, f"expected an object with a text field, found {type(record).__name__}")
    fields = pick_fields(record)
    text = fields.pop("text", None)
    if text is None:
        return Problem(where, f"no text (looked for {', '.join(_text_keys())})")
    if not isinstance(text, str):
        return Problem(where, f"text is a {type(text).__name__}, not a string")
    if not text.strip():
        return Problem(where, "empty text")
    if len(text.encode("utf-8", "surrogatepass")) > max_doc_bytes:
        limit = max_doc_bytes // 1_000_000
        return Problem(where, f"text is over the {limit} MB limit for one document")
    meta: dict[str, str] = {}
    warnings = []
    for key, value in fields.items():
        if isinstance(value, (str, int, float)) and not isinstance(value, bool):
            meta[key] = str(value).strip()
        else:
            warnings.append(f"{key} is not a plain value; ignored")
    doc = RawDocument(text, fmt, display, locator, meta, "record", encoding, note)
    doc.warnings.extend(warnings)
    return doc


def read_jsonl(data: bytes, display: str, max_doc_bytes: int) -> Iterator[RawDocument | Problem]:
    decoded = decode(data)
    seen = 0
    for number, line in enumerate(decoded.text.splitlines(), start=1):
        if not line.strip():
            continue
        seen += 1
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            reason = f"invalid JSON ({err.msg} at column {err.colno}); line skipped"
            yield Problem(f"{display} line {number}", reason)
            continue
        yield _to_document(record, "jsonl", display, f"line {number}", max_doc_bytes,
                           decoded.encoding, decoded.note)
    if not seen:
        raise SkipInput("no records (the file has only blank lines)")


def read_json(data: bytes, display: str, max_doc_bytes: int) -> Iterator[RawDocument | Problem]:
    decoded = decode(data)
    try:
        value = json.loads(decoded.text)
    except json.JSONDecodeError as err:
        raise SkipInput(f"invalid JSON at line {err.lineno}, column {err.colno}: {err.msg}") from err
    records: Iterable[Any]
    if isinstance(value, list):
        records = value
    elif isinstance(value, dict):
        wrapped = next((value[k] for k in value if canonical_key(k) in _LIST_KEYS
                        and isinstance(value[k], list)), None)
        records = wrapped if wrapped is not None else [value]
    else:
        raise SkipInput("JSON holds neither an article object nor a list of them")
    if not records:
        raise SkipInput("no records (an empty list)")
    for number, record in enumerate(records, start=1):
        yield _to_document(record, "json", display, f"record {number}", max_doc_bytes,
                           decoded.encoding, decoded.note)


def read_csv(data: bytes, display: str, max_doc_bytes: int) -> Iterator[RawDocument | Problem]:
    decoded = decode(data)
    csv.field_size_limit(min(sys.maxsize, max_doc_bytes * 4))
    sample = decoded.text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t|")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(decoded.text, newline=""), dialect=dialect)
    columns = reader.fieldnames or []
    if not any(canonical_key(c) in map(canonical_key, _text_keys()) for c in columns if c):
        found = ", ".join(c for c in columns if c) or "none"
        raise SkipInput(f"no text column (expected one of {', '.join(_text_keys())}; found: {found})")
    try:
        for row in reader:
            row.pop(None, None)  # cells beyond the header
            yield _to_document(row, "csv", display, f"row {reader.line_num}", max_doc_bytes,
                               decoded.encoding, decoded.note)
    except csv.Error as err:
        yield Problem(f"{display} row {reader.line_num}", f"malformed CSV ({err}); rest of file skipped")
