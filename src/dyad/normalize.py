"""Text clean-up before storage, and the content hash that names a document."""

from __future__ import annotations

import hashlib
import re
import unicodedata

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_TRAILING_SPACE = re.compile(r"[ \t]+\n")
_BLANK_RUN = re.compile(r"\n{3,}")
_WHITESPACE = re.compile(r"\s+")
# Typographic variants that syndicating outlets change freely; folding them makes
# a republished copy hash to the same id as its original.
_FOLD = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-",
    "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u200b": "",
})

DOC_ID_LENGTH = 16


def clean_text(text: str) -> str:
    """The text as dyad stores it: NFC, Unix newlines, no control characters,
    no trailing spaces, at most one blank line in a row, trimmed."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    text = unicodedata.normalize("NFC", text)
    text = _CONTROL.sub("", text)
    text = _TRAILING_SPACE.sub("\n", text)
    text = _BLANK_RUN.sub("\n\n", text)
    return text.strip()


def identity_form(text: str) -> str:
    """The form hashed for identity: compatibility-normalised, typography folded,
    whitespace collapsed. Two texts that differ only in these ways are one document."""
    text = unicodedata.normalize("NFKC", text).translate(_FOLD)
    return _WHITESPACE.sub(" ", text).strip()


def document_id(text: str) -> str:
    digest = hashlib.sha256(identity_form(text).encode("utf-8")).hexdigest()
    return digest[:DOC_ID_LENGTH]
