"""Web pages: the article's main text and metadata through trafilatura, with the
page's whole text as the fallback when main-text extraction finds nothing."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import lxml.etree
import lxml.html

from ..decoding import decode
from ..problems import SkipInput
from . import RawDocument

_BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "blockquote",
           "article", "section", "header", "footer", "pre", "dd", "dt", "figcaption", "td"}
_DROP = {"script", "style", "noscript", "template", "head", "nav", "svg", "iframe", "form"}

# trafilatura reports every page it cannot parse at WARNING/ERROR; dyad reports
# those pages itself, once, in its own words.
logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
logging.getLogger("htmldate").setLevel(logging.CRITICAL)


def fragment_to_text(markup: str) -> str:
    """Readable text of an HTML fragment, one block per paragraph."""
    try:
        root = lxml.html.fragment_fromstring(markup, create_parent="div")
    except (lxml.etree.ParserError, ValueError):
        return markup
    return _element_text(root)


def _element_text(root: lxml.html.HtmlElement) -> str:
    parts: list[str] = []

    def walk(el) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in _DROP:
            if el.tail:
                parts.append(el.tail)
            return
        if tag in _BLOCKS:
            parts.append("\n\n")
        if el.text:
            parts.append(el.text)
        for child in el:
            walk(child)
        if tag in _BLOCKS:
            parts.append("\n\n")
        if el.tail:
            parts.append(el.tail)

    walk(root)
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n\n"))
    return "\n\n".join(line for line in lines if line)


def read_html(data: bytes, display: str, max_doc_bytes: int) -> Iterator[RawDocument]:
    import trafilatura

    decoded = decode(data)
    markup = decoded.text
    warnings: list[str] = []
    extracted = None
    try:
        extracted = trafilatura.bare_extraction(
            markup,
            with_metadata=True,
            include_comments=False,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception as err:  # trafilatura raises many kinds on broken markup
        warnings.append(f"main-text extraction failed ({type(err).__name__})")
    text = (getattr(extracted, "text", None) or "").strip()
    meta: dict[str, str] = {}
    if extracted is not None:
        for field, attr in (("title", "title"), ("author", "author"), ("published", "date"),
                            ("url", "url"), ("outlet", "sitename")):
            value = getattr(extracted, attr, None)
            if value:
                meta[field] = str(value)
    if not text:
        try:
            root = lxml.html.document_fromstring(markup)
        except (lxml.etree.ParserError, ValueError) as err:
            raise SkipInput(f"not readable as HTML ({err})") from err
        body = root.find("body")
        text = _element_text(body if body is not None else root)
        if not meta.get("title"):
            title = root.findtext(".//title")
            if title and title.strip():
                meta["title"] = " ".join(title.split())
        if text:
            warnings.append("no main article text found; stored the page's whole text")
    if not text:
        raise SkipInput("no text found in the HTML page")
    doc = RawDocument(text, "html", display, meta=meta, meta_source="html",
                      encoding=decoded.encoding, encoding_note=decoded.note)
    doc.warnings.extend(warnings)
    yield doc
