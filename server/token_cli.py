"""`papers-graph token create|list|revoke`: the API tokens of contributors and moderators."""

from __future__ import annotations

import argparse
import sys

from graphdb.driver import open_sync_driver
from graphdb.settings import Neo4jSettings
from graphdb.tokens import ROLES, create_token, list_tokens, revoke_tokens


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    token = commands.add_parser(
        "token",
        help="create, list or revoke API tokens (for submitting and reviewing data)",
        description="API tokens: only a hash of each is stored; a new token is printed once.",
    )
    actions = token.add_subparsers(dest="action", required=True, metavar="ACTION")
    create = actions.add_parser("create", help="create a token and print it once")
    create.add_argument("--name", required=True, help="the account: who submits or reviews")
    create.add_argument("--role", required=True, choices=ROLES)
    create.set_defaults(run=run_create)
    listing = actions.add_parser("list", help="list tokens (never the tokens themselves)")
    listing.set_defaults(run=run_list)
    revoke = actions.add_parser("revoke", help="revoke a token by its id, or all of a name")
    revoke.add_argument("id_or_name", metavar="ID|NAME")
    revoke.set_defaults(run=run_revoke)


def run_create(args: argparse.Namespace) -> int:
    settings = Neo4jSettings.from_env()
    with open_sync_driver(settings) as driver:
        try:
            token = create_token(driver, args.name, args.role, settings.database)
        except ValueError as exc:
            print(f"papers-graph: error: {exc}", file=sys.stderr)
            return 2
    print(token)
    print(f"(a {args.role} token for {args.name}: shown only now; only its hash is kept)",
          file=sys.stderr)  # fmt: skip
    return 0


def run_list(_args: argparse.Namespace) -> int:
    settings = Neo4jSettings.from_env()
    with open_sync_driver(settings) as driver:
        tokens = list_tokens(driver, settings.database)
    print(f"{'ID':<16}  {'ROLE':<11}  {'STATE':<7}  {'CREATED':<19}  {'LAST USED':<19}  NAME")
    for t in tokens:
        created = t["created"].to_native().strftime("%Y-%m-%d %H:%M:%S")
        used = t["lastUsed"].to_native().strftime("%Y-%m-%d %H:%M:%S") if t["lastUsed"] else "-"
        state = "revoked" if t["revoked"] else "active"
        print(f"{t['id']:<16}  {t['role']:<11}  {state:<7}  {created:<19}  {used:<19}  {t['name']}")
    return 0


def run_revoke(args: argparse.Namespace) -> int:
    settings = Neo4jSettings.from_env()
    with open_sync_driver(settings) as driver:
        revoked = revoke_tokens(driver, args.id_or_name, settings.database)
    if not revoked:
        print(f"papers-graph: error: no active token has the id or name {args.id_or_name!r}",
              file=sys.stderr)  # fmt: skip
        return 1
    print(f"revoked {len(revoked)} token(s): {', '.join(revoked)}")
    return 0
