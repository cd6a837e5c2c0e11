"""Headless subcommands of the command line, one module per area, each with register(subparsers)."""
