"""`shopguard door [--camera SPEC]`: the full-screen door station (QR passes open the door)."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    parser = sub.add_parser("door", help="full-screen door station: scan QR passes, open the door")
    parser.add_argument("--camera", help="USB index, rtsp:// URL or video file (default: settings)")
    parser.add_argument("--windowed", action="store_true", help="a window instead of full screen")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from shopguard.ui.door_window import run_door_app

    return run_door_app(args.camera, args.windowed)
