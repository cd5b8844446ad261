"""dyad: news on international relations turned into checkable event data,
claims and cross-source verdicts, each tied to the sentence it came from.

The command line is a thin layer over these functions::

    from dyad import Store, ingest, export
    with Store("iran-russia.db") as store:
        report = ingest(["articles/"], store)
        print(report.summary())
        export(store, "parquet", "documents.parquet")
"""

__version__ = "0.1.0"

from .export import export  # noqa: E402
from .ingest import IngestReport, ingest  # noqa: E402
from .store import Store  # noqa: E402

__all__ = ["IngestReport", "Store", "__version__", "export", "ingest"]
