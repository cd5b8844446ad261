"""Language identification with py3langid (its model ships inside the wheel)."""

from __future__ import annotations

from functools import cache

# A classifier sees enough of an article in its first few thousand characters;
# reading more costs time and gains nothing.
_SAMPLE = 3000
_MIN_LETTERS = 20


@cache
def _identifier():
    from py3langid import langid

    return langid.LanguageIdentifier.from_model_file(
        langid.MODEL_DIR / langid.MODEL_FILE, norm_probs=True
    )


def detect_language(text: str) -> tuple[str | None, float]:
    """ISO 639-1 code and probability; ``(None, 0.0)`` for text too short to tell."""
    sample = text[:_SAMPLE]
    if sum(ch.isalpha() for ch in sample) < _MIN_LETTERS:
        return None, 0.0
    code, score = _identifier().classify(sample)
    return code, round(float(score), 3)
