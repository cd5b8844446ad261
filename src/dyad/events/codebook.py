"""The CAMEO event codebook: label, root, PLOVER category, Goldstein score and
QuadClass of every code, read from ``dyad/data/cameo/codes.yaml`` (built by
``scripts/build_cameo_data.py`` from the open event-data tables).

A field a code lacks is taken from its parent (``0874`` -> ``087`` -> ``08``), so
every code has a root, a Goldstein score and a QuadClass. ``plover`` stays
``None`` for the CAMEO 01 (statements) and 02 (appeals) families: PLOVER does
not code them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class CodeInfo:
    code: str
    root: str
    label: str
    plover: str | None
    plover_mode: str | None
    goldstein: float
    quad_class: int
    plover_context: str | None = None
    goldstein_alt: float | None = None  # the Phoenix table's value where it differs from GDELT's


def _parents(code: str):
    while len(code) > 2:
        code = code[:-1]
        yield code


def _load() -> dict[str, dict]:
    text = resources.files("dyad").joinpath("data", "cameo", "codes.yaml").read_text(encoding="utf-8")
    return yaml.load(text, Loader=_Loader)


@cache
def codebook() -> dict[str, CodeInfo]:
    """Every known CAMEO event code -> its CodeInfo."""
    raw = _load()
    out: dict[str, CodeInfo] = {}
    for code, entry in raw.items():
        chain = [entry, *(raw[p] for p in _parents(code) if p in raw)]
        plover_from = next((e for e in chain if e.get("plover")), {})
        goldstein = next((e["goldstein"] for e in chain if e.get("goldstein") is not None), None)
        if goldstein is None:
            raise ValueError(f"codes.yaml: no Goldstein score for {code} or its parents")
        out[code] = CodeInfo(
            code=code,
            root=entry["root"],
            label=entry["label"],
            plover=plover_from.get("plover"),
            plover_mode=plover_from.get("plover_mode"),
            goldstein=float(goldstein),
            quad_class=int(entry["quad_class"]),
            plover_context=plover_from.get("plover_context"),
            goldstein_alt=entry.get("goldstein_alt"),
        )
    return out


def describe(code: str) -> CodeInfo:
    """The CodeInfo of a CAMEO code such as ``"042"``; KeyError for an unknown code."""
    info = codebook().get(code) if isinstance(code, str) else None
    if info is None:
        raise KeyError(f"unknown CAMEO event code {code!r} (codes are strings of 2-4 digits such as '042')")
    return info


def is_valid(code) -> bool:
    """Whether ``code`` is a known CAMEO event code (a string such as ``"042"``)."""
    return isinstance(code, str) and code in codebook()
