"""A typed Python client for the Unsilo GraphQL API, for scripts that talk to a deployed service.

    from unsilo_client import connect

    with connect("https://unsilo.example.com", token=API_KEY) as client:
        for unit in client.each_unit("acme"):
            print(unit.local_id, unit.name)

The operations' methods and models in `unsilo_client.generated` are generated from
`schema.graphql` and `unsilo_client/operations/*.graphql` (`make client`); this package adds
the connection, paging and typed errors around them. Usage and errors: docs/client.md.
"""

from unsilo_client.connection import UnsiloClient, connect
from unsilo_client.errors import (
    AccessDenied,
    AuthenticationError,
    BadUserInput,
    EntityNotFound,
    ErrorDetail,
    FieldProblem,
    Forbidden,
    GraphQLError,
    HTTPError,
    InternalServerError,
    InvalidQuery,
    InvalidResponse,
    NotFound,
    QueryTooComplex,
    RateLimited,
    Refused,
    RequestTimeout,
    RequestTooLarge,
    ServiceUnavailable,
    StoreUnavailable,
    UnsiloError,
    ValidationFailed,
    WriteConflict,
)
from unsilo_client.paging import MAX_PAGE, each_node
from unsilo_client.results import require

__all__ = [
    "MAX_PAGE",
    "AccessDenied",
    "AuthenticationError",
    "BadUserInput",
    "EntityNotFound",
    "ErrorDetail",
    "FieldProblem",
    "Forbidden",
    "GraphQLError",
    "HTTPError",
    "InternalServerError",
    "InvalidQuery",
    "InvalidResponse",
    "NotFound",
    "QueryTooComplex",
    "RateLimited",
    "Refused",
    "RequestTimeout",
    "RequestTooLarge",
    "ServiceUnavailable",
    "StoreUnavailable",
    "UnsiloClient",
    "UnsiloError",
    "ValidationFailed",
    "WriteConflict",
    "connect",
    "each_node",
    "require",
]
