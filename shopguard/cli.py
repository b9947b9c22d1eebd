"""The `shopguard` command: global options, subcommand discovery, plain one-line errors."""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import sys
from collections.abc import Sequence

from shopguard import __version__
from shopguard import commands as commands_pkg
from shopguard.errors import ShopGuardError
from shopguard.paths import DATA_DIR_ENV


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="shopguard",
        description="ShopGuard — 무인점포 지킴이. Without a command: the owner's window.",
    )
    parser.add_argument("--version", action="version", version=f"shopguard {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help=f"data folder (database, recordings, settings); also ${DATA_DIR_ENV}",
    )
    parser.add_argument(
        "--smoke-test",
        action="store_true",
        help="load every model, run one frame, migrate a temp database, render a screen; exit 0",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for info in sorted(pkgutil.iter_modules(commands_pkg.__path__), key=lambda i: i.name):
        module = importlib.import_module(f"{commands_pkg.__name__}.{info.name}")
        register = getattr(module, "register", None)
        if register is not None:
            register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.data_dir:
        os.environ[DATA_DIR_ENV] = os.path.abspath(args.data_dir)
    try:
        if args.smoke_test:
            from shopguard.smoke import run_smoke_test

            return run_smoke_test()
        if args.command is None:
            from shopguard.app import run_owner_app

            return run_owner_app(args.data_dir)
        return int(args.func(args) or 0)
    except ShopGuardError as exc:
        print(f"오류 / error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
