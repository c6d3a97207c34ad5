"""Small pieces of the HTML report's markup, shared by its sections (`report_html`,
`report_trends`). Every cell goes through `html.escape`: names are user input."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from html import escape


def html_table(
    header: Sequence[str], rows: Iterable[Sequence[str]], caption: str | None = None
) -> str:
    """A table with a header row; `caption` (optional) names it for a screen reader."""
    head = "".join(f"<th>{escape(cell)}</th>" for cell in header)
    body = "".join(
        "<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in row) + "</tr>" for row in rows
    )
    titled = "" if caption is None else f"<caption>{escape(caption)}</caption>"
    return f"<table>{titled}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
