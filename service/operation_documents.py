"""The operations of a client's `.graphql` / `.gql` files, as the documents it sends.

Two conventions, for the text a client sends and hashes (SHA-256 of its UTF-8 bytes,
`service.persisted_queries.document_hash`):

- **one document per operation** (the default): each operation with the fragments it uses,
  from any of the files, printed by graphql-core's `print_ast` (the printer of graphql-js
  `print`): the operation first, then each fragment in the order the operation first reaches
  it, depth first, separated by a blank line. This is the document of an Apollo-style client
  that prints `gql` documents whose fragments are appended after the operation.
- **as written**: each file is one document, hashed exactly as its text reads (a client that
  sends the file's contents); the file must then hold every fragment it uses.

Each document is validated against the schema (GraphQL spec, section 5) and kept within the
service's `UNSILO_MAX_QUERY_LENGTH` and `UNSILO_MAX_QUERY_TOKENS`. Every problem is one line
`path:line: what is wrong`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from graphql import (
    DefinitionNode,
    DocumentNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLSchema,
    GraphQLSyntaxError,
    Node,
    OperationDefinitionNode,
    Source,
    parse,
    print_ast,
    validate,
)
from graphql.language import Visitor, visit

SUFFIXES = (".graphql", ".gql")


@dataclass(frozen=True)
class Operation:
    """A document a client sends: one operation, or (as written) every one of a file."""

    names: tuple[str | None, ...]  # None for an anonymous operation
    document: str  # the exact text a client sends, whose hash is its key
    where: str  # path:line of the operation, or of the file

    @property
    def label(self) -> str:
        return ", ".join(name or "(anonymous)" for name in self.names)


class OperationProblems(Exception):
    """Every problem found, each a line naming the file and line."""

    def __init__(self, problems: Sequence[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = list(problems)


@dataclass(frozen=True)
class Limits:
    max_query_length: int
    max_query_tokens: int


def graphql_files(paths: Iterable[Path]) -> list[Path]:
    """The files named, and the `.graphql` / `.gql` files under the folders named, in order."""
    found: list[Path] = []
    problems: list[str] = []
    for path in paths:
        if path.is_dir():
            inside = sorted(p for p in path.rglob("*") if p.suffix in SUFFIXES and p.is_file())
            if not inside:
                problems.append(f"{path}: holds no .graphql or .gql file")
            found += inside
        elif not path.exists():
            problems.append(f"{path}: no such file or folder")
        elif path.suffix not in SUFFIXES:
            problems.append(f"{path}: not a .graphql or .gql file")
        else:
            found.append(path)
    if problems:
        raise OperationProblems(problems)
    return list(dict.fromkeys(found))  # a file named twice is read once


def where(node: Node, fallback: str = "?") -> str:
    """`path:line` of a parsed node (its source is named by its path)."""
    if node.loc is None:
        return fallback
    source = node.loc.source
    return f"{source.name}:{source.get_location(node.loc.start).line}"


def _error_line(error: GraphQLError, fallback: str) -> str:
    message = error.message.replace("\n", " ")
    nodes = error.nodes or []
    if nodes:
        return f"{where(nodes[0], fallback)}: {message}"
    if error.source is not None and error.locations:
        return f"{error.source.name}:{error.locations[0].line}: {message}"
    return f"{fallback}: {message}"


class _Files:
    """The parsed files, their operations and every fragment by name."""

    def __init__(self, files: Sequence[Path]) -> None:
        self.problems: list[str] = []
        self.texts: dict[Path, str] = {}
        self.documents: dict[Path, DocumentNode] = {}
        self.fragments: dict[str, FragmentDefinitionNode] = {}
        for file in files:
            self._read(file)

    def _read(self, file: Path) -> None:
        try:
            text = file.read_bytes().decode("utf-8")
        except OSError as error:
            self.problems.append(f"{file}:1: cannot be read ({error.strerror})")
            return
        except UnicodeDecodeError:
            self.problems.append(f"{file}:1: not UTF-8 text")
            return
        try:
            document = parse(Source(text, str(file)))
        except GraphQLSyntaxError as error:
            self.problems.append(_error_line(error, f"{file}:1"))
            return
        self.texts[file] = text
        self.documents[file] = document
        operations = []
        for definition in document.definitions:
            if isinstance(definition, FragmentDefinitionNode):
                self._add_fragment(definition)
            elif isinstance(definition, OperationDefinitionNode):
                operations.append(definition)
            else:
                self.problems.append(
                    f"{where(definition)}: only operations and fragments belong here"
                )
        if len(operations) > 1:
            for operation in operations:
                if operation.name is None:
                    # GraphQL spec 5.2.2.1, Lone Anonymous Operation: which would be sent?
                    message = "an anonymous operation must be the only one in its file"
                    self.problems.append(f"{where(operation)}: {message}")

    def _add_fragment(self, fragment: FragmentDefinitionNode) -> None:
        known = self.fragments.get(fragment.name.value)
        if known is None:
            self.fragments[fragment.name.value] = fragment
        elif print_ast(known) != print_ast(fragment):
            self.problems.append(
                f"{where(fragment)}: fragment {fragment.name.value} differs from the one at "
                f"{where(known)}"
            )

    def operations(self) -> list[tuple[Path, OperationDefinitionNode]]:
        return [
            (file, definition)
            for file, document in self.documents.items()
            for definition in document.definitions
            if isinstance(definition, OperationDefinitionNode)
        ]

    def fragments_of(self, operation: OperationDefinitionNode) -> list[FragmentDefinitionNode]:
        """The fragments the operation uses, in the order first reached, depth first; unknown
        ones are left to validation, which names them."""
        used: dict[str, FragmentDefinitionNode] = {}

        def reach(node: Node) -> None:
            for name in _spreads(node):
                fragment = self.fragments.get(name)
                if fragment is not None and name not in used:
                    used[name] = fragment
                    reach(fragment)

        reach(operation)
        return list(used.values())


class _Spreads(Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.names: list[str] = []

    def enter_fragment_spread(self, node: FragmentSpreadNode, *_: object) -> None:
        self.names.append(node.name.value)


def _spreads(node: Node) -> list[str]:
    visitor = _Spreads()
    visit(node, visitor)
    return visitor.names


def read_operations(
    paths: Iterable[Path], schema: GraphQLSchema, limits: Limits, as_written: bool = False
) -> list[Operation]:
    """The operations of the files named (folders recursively), each as the document a client
    sends; OperationProblems naming every mistake, with its file and line."""
    files = _Files(graphql_files(paths))
    problems = files.problems
    operations: list[Operation] = []
    candidates = _as_written(files, problems) if as_written else _by_operation(files)
    for definitions, operation in candidates:
        errors = validate(schema, DocumentNode(definitions=tuple(definitions)))
        problems += [_error_line(error, operation.where) for error in errors]
        problem = _over_limits(operation.document, limits)
        if problem:
            problems.append(f"{operation.where}: operation {operation.label} {problem}")
        operations.append(operation)
    problems += _conflicts(operations)
    if problems:
        raise OperationProblems(list(dict.fromkeys(problems)))
    return operations


Candidate = tuple[Sequence[DefinitionNode], Operation]  # what is validated, what is sent


def _by_operation(files: _Files) -> list[Candidate]:
    found: list[Candidate] = []
    for _, operation in files.operations():
        definitions = [operation, *files.fragments_of(operation)]
        text = "\n\n".join(print_ast(definition) for definition in definitions)
        name = operation.name.value if operation.name else None
        found.append((definitions, Operation((name,), text, where(operation))))
    return found


def _as_written(files: _Files, problems: list[str]) -> list[Candidate]:
    found: list[Candidate] = []
    for file, document in files.documents.items():
        names = [
            definition.name.value if definition.name else None
            for definition in document.definitions
            if isinstance(definition, OperationDefinitionNode)
        ]
        if not names:
            problems.append(f"{file}:1: holds no operation, so no client sends it")
            continue
        sent = Operation(tuple(names), files.texts[file], f"{file}:1")
        found.append((document.definitions, sent))
    return found


def _over_limits(text: str, limits: Limits) -> str | None:
    """What the service would refuse the document for before running it, if anything."""
    if len(text) > limits.max_query_length:
        return (
            f"is {len(text)} characters, above UNSILO_MAX_QUERY_LENGTH ({limits.max_query_length})"
        )
    try:
        parse(text, no_location=True, max_tokens=limits.max_query_tokens)
    except GraphQLSyntaxError:
        return f"has more than UNSILO_MAX_QUERY_TOKENS ({limits.max_query_tokens}) tokens"
    return None


def _conflicts(operations: Sequence[Operation]) -> list[str]:
    """One name, one text: two different documents of one name would be told apart by hash
    only, and read as one operation in the logs and metrics."""
    first: dict[str, Operation] = {}
    problems = []
    for operation in operations:
        for name in operation.names:
            if name is None:
                continue
            known = first.setdefault(name, operation)
            if known.document != operation.document:
                problems.append(
                    f"{operation.where}: operation {name} differs from the one at {known.where}"
                )
    return problems
