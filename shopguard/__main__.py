"""Entry point for `python -m shopguard`."""

from shopguard.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
