"""`shopguard screenshot VIEW --out FILE.png`: render a view offscreen with demo data."""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from shopguard.errors import ShopGuardError


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("screenshot", help="render a screen to PNG offscreen (demo data)")
    parser.add_argument("view", help="which screen, e.g. main")
    parser.add_argument("--out", required=True, help="PNG file to write")
    parser.add_argument("--lang", choices=("ko", "en"), default="ko", help="language")
    parser.add_argument("--size", default="1366x768", help="window size WIDTHxHEIGHT (default 1366x768)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from shopguard.ui.screenshot import render_to_png

    width, _, height = args.size.partition("x")
    if not (width.isdigit() and height.isdigit()):
        raise ShopGuardError(
            f"크기는 1366x768 처럼 쓰세요: {args.size}", f"size must look like 1366x768: {args.size}"
        )
    out = render_to_png(args.view, Path(args.out), args.lang, (int(width), int(height)))
    print(out)
    return 0
