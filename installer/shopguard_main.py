"""Entry script of the frozen ShopGuard (PyInstaller): the same as `python -m shopguard`."""

from shopguard.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
