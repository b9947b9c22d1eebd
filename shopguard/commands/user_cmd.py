"""`shopguard user list|add|passwd|unlock|disable|enable`: accounts from the command line. Changes need
the owner's PIN/password (asked without echo; read from standard input when it is not a terminal)."""

from __future__ import annotations

import argparse
import getpass
import sys

from shopguard.errors import ShopGuardError
from shopguard.paths import DataPaths, data_dir
from shopguard.security.accounts import Accounts
from shopguard.security.passwords import SecretKind
from shopguard.security.permissions import Role
from shopguard.storage.database import open_database
from shopguard.storage.users import User


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("user", help="owner and staff accounts (사용자)")
    user_sub = parser.add_subparsers(dest="user_command", metavar="ACTION", required=True)
    listing = user_sub.add_parser("list", help="list accounts")
    listing.set_defaults(func=run_list)
    add = user_sub.add_parser("add", help="add an account (the first one is the owner)")
    add.add_argument("name")
    add.add_argument("--role", choices=[Role.OWNER.value, Role.STAFF.value], default=Role.STAFF.value)
    add.add_argument("--kind", choices=[k.value for k in SecretKind], default=SecretKind.PIN.value)
    add.add_argument("--as", dest="actor", help="owner account approving the change")
    add.set_defaults(func=run_add)
    passwd = user_sub.add_parser("passwd", help="set a new PIN or password")
    passwd.add_argument("name")
    passwd.add_argument("--kind", choices=[k.value for k in SecretKind], default=SecretKind.PIN.value)
    passwd.add_argument("--as", dest="actor", help="who approves (the user or the owner); default: the user")
    passwd.set_defaults(func=run_passwd)
    for action, helptext in (
        ("unlock", "end a lockout after wrong tries"),
        ("disable", "switch an account off"),
        ("enable", "switch an account on again"),
    ):
        cmd = user_sub.add_parser(action, help=helptext)
        cmd.add_argument("name")
        cmd.add_argument("--as", dest="actor", required=True, help="owner account approving the change")
        cmd.set_defaults(func=run_switch, action=action)


def read_secret(prompt: str) -> str:
    if sys.stdin.isatty():
        return getpass.getpass(prompt)
    line = sys.stdin.readline()
    if not line:
        raise ShopGuardError("PIN/비밀번호가 입력되지 않았습니다", "no PIN/password given on standard input")
    return line.rstrip("\r\n")


def read_new_secret(kind: SecretKind) -> str:
    word = "PIN (6 digits)" if kind == SecretKind.PIN else "password"
    first = read_secret(f"새 {word} / new {word}: ")
    if sys.stdin.isatty() and read_secret("한 번 더 / again: ") != first:
        raise ShopGuardError("두 번 입력한 값이 다릅니다", "the two entries differ")
    return first


def accounts() -> tuple[Accounts, object]:
    paths = DataPaths(data_dir()).ensure()
    db = open_database(paths.database, paths.backups)
    return Accounts(db), db


def log_in(acc: Accounts, name: str | None) -> User:
    if not name:
        raise ShopGuardError(
            "--as 로 승인할 점주 계정을 적으세요", "name the approving owner account with --as"
        )
    return acc.authenticate(name, read_secret(f"{name}의 PIN/비밀번호 / PIN or password of {name}: "))


def run_list(args: argparse.Namespace) -> int:
    acc, db = accounts()
    try:
        users = acc.users(include_disabled=True)
        for user in users:
            state = "off" if user.disabled else ("locked" if acc.lock_remaining_s(user.name) else "on")
            last = user.last_login_utc or "-"
            print(f"{user.name}\t{user.role.value}\t{user.secret_kind.value}\t{state}\tlast login {last}")
        if not users:
            print("계정이 없습니다 / no accounts yet (shopguard user add NAME)")
    finally:
        db.conn.close()
    return 0


def run_add(args: argparse.Namespace) -> int:
    acc, db = accounts()
    try:
        kind = SecretKind(args.kind)
        if acc.needs_owner():
            user = acc.create_owner(args.name, kind, read_new_secret(kind))
        else:
            actor = log_in(acc, args.actor)
            user = acc.add_user(actor, args.name, Role(args.role), kind, read_new_secret(kind))
    finally:
        db.conn.close()
    print(f"계정을 만들었습니다 / account created: {user.name} ({user.role.value})")
    return 0


def run_passwd(args: argparse.Namespace) -> int:
    acc, db = accounts()
    try:
        actor = log_in(acc, args.actor or args.name)
        kind = SecretKind(args.kind)
        acc.change_secret(actor, args.name, kind, read_new_secret(kind))
    finally:
        db.conn.close()
    print(f"바꾸었습니다 / changed: {args.name}")
    return 0


def run_switch(args: argparse.Namespace) -> int:
    acc, db = accounts()
    try:
        actor = log_in(acc, args.actor)
        if args.action == "unlock":
            acc.unlock(actor, args.name)
        else:
            acc.set_disabled(actor, args.name, args.action == "disable")
    finally:
        db.conn.close()
    print(f"완료 / done: {args.action} {args.name}")
    return 0
