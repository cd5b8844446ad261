"""Keep bench/RESULTS.md: each benchmark owns one section and replaces it."""

from __future__ import annotations

import re
from pathlib import Path

RESULTS_MD = Path(__file__).resolve().parent / "RESULTS.md"


def record_section(title: str, body: str) -> None:
    """Replace the section headed ``## {title}`` (or append it) with ``body``."""
    text = RESULTS_MD.read_text() if RESULTS_MD.exists() else "# Benchmark results\n"
    section = f"## {title}\n\n{body.strip()}\n"
    pattern = re.compile(rf"## {re.escape(title)}\n.*?(?=\n## |\Z)", re.S)
    found = pattern.search(text)
    text = text[:found.start()] + section + text[found.end():] if found else text.rstrip() + "\n\n" + section
    RESULTS_MD.write_text(text.rstrip() + "\n")
