"""Custom attributes in a CSV folder: declared in `attributes.csv`, each one a column of
`units.csv` or `leaders.csv` named by the attribute (`age`, `office`), an empty cell for no value.

Cells become the values a JSON document would hold (numbers, booleans, text), so the document
conversion checks them with the same messages.
"""

from __future__ import annotations

from graph_queries.attributes import ATTRIBUTE_NAME, RESERVED, typed_values
from graph_queries.formats.specs import COLLECTION_KINDS
from graph_queries.model import AttributeType, Entity

ATTRIBUTE_FILES = frozenset({"units", "leaders"})
BOOLEAN_CELLS = {"true": True, "false": False}


def attribute_columns(declarations: list[dict[str, object]], name: str) -> dict[str, AttributeType]:
    """The columns the rows of `attributes.csv` (as read) add to the file of collection `name`.

    A malformed declaration adds no column: it is reported where it is declared.
    """
    if name not in ATTRIBUTE_FILES:
        return {}
    kind = COLLECTION_KINDS[name]
    columns: dict[str, AttributeType] = {}
    for row in declarations:
        column, entity, type = row.get("name"), row.get("entity"), row.get("type") or "STRING"
        if (
            isinstance(column, str)
            and ATTRIBUTE_NAME.fullmatch(column)
            and column not in RESERVED[kind]
            and entity == kind.value
            and type in AttributeType.__members__
        ):
            columns.setdefault(column, AttributeType(str(type)))
    return columns


def attribute_cell(type: AttributeType, cell: str) -> object:
    """What a non-empty cell means: a number or a boolean where the type says so, else text (a
    cell that does not parse stays text, and the conversion reports it)."""
    text = cell.strip()
    if type is AttributeType.BOOLEAN:
        return BOOLEAN_CELLS.get(text.lower(), cell)
    if type in (AttributeType.INTEGER, AttributeType.FLOAT):
        for parse in (int, float):
            try:
                return parse(text)
            except ValueError:
                continue
    return cell


def attribute_cells(entity: Entity, columns: dict[str, AttributeType]) -> dict[str, object]:
    """An entity's values by column, as a document holds them."""
    return typed_values(getattr(entity, "attributes", ()), columns)
