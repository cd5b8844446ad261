"""Language identification with py3langid (its model ships inside the wheel)."""

from __future__ import annotations

import re
from functools import cache

# A thousand characters of running prose identify its language reliably; the
# classifier's cost grows with the sample, and it is the largest single cost
# of ingest, so it reads no more.
_SAMPLE = 1000
_MIN_LETTERS = 20
_LETTER = re.compile(r"[^\W\d_]")


@cache
def _identifier():
    from py3langid import langid

    return langid.LanguageIdentifier.from_model_file(
        langid.MODEL_DIR / langid.MODEL_FILE, norm_probs=True
    )


def detect_language(text: str) -> tuple[str | None, float]:
    """ISO 639-1 code and probability; ``(None, 0.0)`` for text too short to tell."""
    sample = text[:_SAMPLE]
    if len(_LETTER.findall(sample, 0, 400)) < _MIN_LETTERS:
        return None, 0.0
    code, score = _identifier().classify(sample)
    return code, round(float(score), 3)
