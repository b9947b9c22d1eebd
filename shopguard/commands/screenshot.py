"""`shopguard screenshot VIEW --out FILE.png`: render a view offscreen with demo data."""

from __future__ import annotations

import argparse
import os
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("screenshot", help="render a screen to PNG offscreen (demo data)")
    parser.add_argument("view", help="which screen, e.g. main")
    parser.add_argument("--out", required=True, help="PNG file to write")
    parser.add_argument("--lang", choices=("ko", "en"), default="ko", help="language")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from shopguard.ui.screenshot import render_to_png

    out = render_to_png(args.view, Path(args.out))
    print(out)
    return 0
