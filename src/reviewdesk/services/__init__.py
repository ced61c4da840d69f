"""Use cases shared by the CLI and the desktop app; each opens its own short transaction."""
