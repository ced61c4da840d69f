"""Printing helpers shared by the commands: JSON, warnings, and lists cut to a readable length.

Lists that come from a file's content (quotes, tags, warnings) are printed up to
MAX_PRINTED_ITEMS entries, quotes and tags cut to MAX_PRINTED_QUOTE_CHARS, beside their
full count: a small file must not make a large output."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence
from typing import Any

from reviewdesk.cli.parser import PROG
from reviewdesk.domain.limits import MAX_PRINTED_ITEMS, MAX_PRINTED_QUOTE_CHARS


def print_json(data: Any) -> None:
    """Print `data` as indented JSON, non-ASCII as it is."""
    print(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def printed(values: Sequence[str], cut: bool = True) -> list[str]:
    """The first MAX_PRINTED_ITEMS of `values`, each cut to MAX_PRINTED_QUOTE_CHARS."""
    first = list(values[:MAX_PRINTED_ITEMS])
    if not cut:
        return first
    return [value if len(value) <= MAX_PRINTED_QUOTE_CHARS
            else value[:MAX_PRINTED_QUOTE_CHARS - 1] + "…" for value in first]


def capped(lists: dict[str, Sequence[str]], cut: bool = True) -> dict[str, Any]:
    """Each list as printed under its key, how many it holds under `KEY_count`, and
    `truncated`: whether any was shortened (entries left out, or cut)."""
    shown_lists: dict[str, Any] = {}
    truncated = False
    for key, values in lists.items():
        shown = printed(values, cut)
        shown_lists[key], shown_lists[f"{key}_count"] = shown, len(values)
        truncated = truncated or len(shown) < len(values) or shown != list(values[:len(shown)])
    return shown_lists | {"truncated": truncated}


def listed(values: Sequence[str], separator: str = ", ",
           show: Callable[[str], str] = str) -> str:
    """The printed entries joined, then how many more there are."""
    text = separator.join(show(value) for value in printed(values))
    more = len(values) - MAX_PRINTED_ITEMS
    return text + (f"{separator}… and {more:,} more" if more > 0 else "")


def print_warnings(warnings: Sequence[str]) -> None:
    """Each warning on stderr, `reviewdesk: warning: ...`, up to MAX_PRINTED_ITEMS."""
    for warning in printed(warnings, cut=False):
        print(f"{PROG}: warning: {warning}", file=sys.stderr)
    if len(warnings) > MAX_PRINTED_ITEMS:
        print(f"{PROG}: warning: … and {len(warnings) - MAX_PRINTED_ITEMS:,} more warnings",
              file=sys.stderr)


def print_tracked(blocks: int, indent: str = "  ", suggestions: int = 0) -> None:
    """The file's pending tracked changes became suggested edits, or (those no suggestion
    can hold) are read as if accepted: say so."""
    from reviewdesk.services.briefs import suggestions_note, tracked_changes_note

    if suggestions:
        print(f"{indent}{suggestions_note(suggestions)}")
    if blocks:
        print(f"{indent}{tracked_changes_note(blocks)}")
