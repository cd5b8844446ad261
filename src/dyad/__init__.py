"""dyad: news on international relations turned into checkable event data,
claims and cross-source verdicts, each tied to the sentence it came from."""

__version__ = "0.1.0"
