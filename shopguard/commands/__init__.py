"""CLI subcommands, one module each with `register(subparsers)`; cli.py discovers them."""
