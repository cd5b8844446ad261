"""Bytes to text: UTF-8 when it is, a detected encoding when it is not, and a
clear refusal for binary data."""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from charset_normalizer import from_bytes

from .problems import SkipInput

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_SNIFF = 8192
_TEXT_CONTROLS = {9, 10, 12, 13}


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    note: str | None = None  # set when dyad had to fall back from UTF-8


def looks_binary(data: bytes) -> bool:
    head = data[:_SNIFF]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in _TEXT_CONTROLS)
    return controls > max(8, len(head) // 20)


def decode(data: bytes) -> Decoded:
    if not data:
        raise SkipInput("empty file")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(encoding), encoding)
            except UnicodeDecodeError as err:
                raise SkipInput(f"starts with a {encoding} mark but is not {encoding}: {err.reason}") from err
    if looks_binary(data):
        raise SkipInput("binary data, not text")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as err:
        position = err.start
    best = from_bytes(data).best()
    if best is not None and best.encoding not in ("utf_8", "utf-8"):
        name = best.encoding.replace("_", "-")
        return Decoded(
            str(best), name, f"not valid UTF-8 (byte {position}); decoded as {name}"
        )
    return Decoded(
        data.decode("utf-8", errors="replace"),
        "utf-8",
        f"not valid UTF-8 (byte {position}) and no other encoding fits; "
        "undecodable bytes replaced with U+FFFD",
    )
