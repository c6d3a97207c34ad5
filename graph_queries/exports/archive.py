"""Every analysis table as one ZIP archive of CSV files, built in memory with a size bound.

The members are `<table name>.csv`, encoded by `writers.table_csv` (the bytes `--csv` writes),
in the order of the tables, each stamped 1980-01-01 00:00 (the earliest time ZIP can hold,
APPNOTE.TXT 4.4.6) with mode 0644 and DEFLATE: the same tables always give the same bytes, so
two downloads of one graph version can be compared byte for byte.
"""

from __future__ import annotations

import io
import zipfile

from graph_queries.exports.tables import Table
from graph_queries.exports.writers import table_csv

EPOCH = (1980, 1, 1, 0, 0, 0)
UNIX = 3  # "version made by" host system (APPNOTE.TXT 4.4.2)
MEMBER_MODE = 0o100644 << 16  # a regular file, rw-r--r-- (the Unix bits in external_attr)


class ExportTooLarge(ValueError):
    """The export would pass its size bound; nothing more is built."""

    def __init__(self, max_bytes: int) -> None:
        self.max_bytes = max_bytes
        super().__init__(f"the export exceeds {max_bytes} bytes")


def tables_zip(tables: list[Table], max_bytes: int) -> bytes:
    """The archive of `tables`; ExportTooLarge as soon as it (compressed) or one member
    (uncompressed) passes `max_bytes`, so a huge organization costs at most about that."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for table in tables:
            member = table_csv(table).encode("utf-8")
            if len(member) > max_bytes:
                raise ExportTooLarge(max_bytes)
            info = zipfile.ZipInfo(f"{table.name}.csv", date_time=EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = MEMBER_MODE
            info.create_system = UNIX  # else the building platform's, and other bytes
            archive.writestr(info, member)
            if buffer.tell() > max_bytes:
                raise ExportTooLarge(max_bytes)
    content = buffer.getvalue()
    if len(content) > max_bytes:
        raise ExportTooLarge(max_bytes)
    return content
