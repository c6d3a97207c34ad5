"""What long CLI work says while it runs: a bar with counts (or a spinner) on a terminal, and
nothing while it runs when stderr is a pipe or a log, so those stay clean.

Commands wrap a step in `progress(description, total)` and pass the `advance` it yields to the
code doing the work as a plain callback; that code never imports the CLI.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)

Advance = Callable[[int], None]


def stderr_console() -> Console:
    return Console(stderr=True)


@contextmanager
def progress(description: str, total: int, console: Console | None = None) -> Iterator[Advance]:
    """Yields `advance(n)`: n more of `total` done. Silent when the console is no terminal."""
    console = console or stderr_console()
    if not console.is_terminal:
        yield _ignore
        return
    columns = (
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
    )
    with Progress(*columns, console=console, transient=True) as bar:
        task = bar.add_task(description, total=total)
        yield lambda n: bar.advance(task, n)


@contextmanager
def status(text: str, console: Console | None = None) -> Iterator[None]:
    """A spinner beside `text` for a step that has nothing to count."""
    console = console or stderr_console()
    if not console.is_terminal:
        yield
        return
    with console.status(text):
        yield


def _ignore(done: int) -> None:
    """The `advance` of a progress nobody sees."""
