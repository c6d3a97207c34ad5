"""Tables as pandas DataFrames, pandas being optional (`pip install "unsilo[pandas]"`).

pandas is imported here, when a DataFrame is asked for, never when `unsilo` is imported: the
service and the command line do not need it, and it costs a noticeable start-up.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from graph_queries.exports import Table

if TYPE_CHECKING:
    import pandas as pd

INSTALL_HINT = 'DataFrames need pandas: pip install "unsilo[pandas]"'


def table_frame(table: Table) -> pd.DataFrame:
    """`table` as a DataFrame: one column per table column in order, empty cells as None
    (pandas shows them as missing), one row per table row.

    Raises ImportError with `INSTALL_HINT` when pandas is not installed.
    """
    try:
        import pandas as pd
    except ImportError as error:
        raise ImportError(INSTALL_HINT) from error
    return pd.DataFrame.from_records(list(table.rows), columns=list(table.columns))
