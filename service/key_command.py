"""`unsilo create-key`: a new API key, printed once; only its hash is written."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from graph_queries.context import Role
from service.api_keys import KeyFileError, create_key
from service.grants import InvalidGrants
from service.settings import Settings, SettingsError


def add_create_key_parser(sub: Any) -> None:
    parser = sub.add_parser(
        "create-key", help="create an API key for a service (printed once, stored hashed)"
    )
    parser.add_argument("--name", required=True, help="who uses the key, for the logs")
    parser.add_argument(
        "--org",
        action="append",
        default=[],
        metavar="ID=ROLE",
        help=f"a grant (repeatable); ROLE is one of {', '.join(Role.__members__)}",
    )
    parser.add_argument("--admin", action="store_true", help="ADMIN of every organization")
    parser.add_argument("--keys-file", type=Path, help="default: UNSILO_API_KEYS_FILE")


def create_key_command(settings: Settings, args: argparse.Namespace) -> int:
    path = args.keys_file or (Path(settings.api_keys_file) if settings.api_keys_file else None)
    if path is None:
        raise SettingsError("--keys-file or UNSILO_API_KEYS_FILE is required")
    orgs: dict[str, str] = {}
    for grant in args.org:
        organization_id, sep, role = grant.partition("=")
        if not sep or not organization_id or role.upper() not in Role.__members__:
            names = ", ".join(Role.__members__)
            raise SettingsError(f"--org {grant!r}: must be ID=ROLE with ROLE one of {names}")
        orgs[organization_id] = role.upper()
    if not orgs and not args.admin:
        raise SettingsError("a key needs --org ID=ROLE or --admin")
    try:
        key = create_key(path, args.name, {"orgs": orgs, "admin": args.admin})
    except (KeyFileError, InvalidGrants) as error:
        raise SettingsError(f"--keys-file: {error}") from error
    except OSError as error:
        raise SettingsError(f"--keys-file: {path}: {error.strerror}") from error
    print(key)
    print(f"unsilo: key for {args.name!r} added to {path}; it is shown only now", file=sys.stderr)
    return 0
