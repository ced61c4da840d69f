"""Listing the briefs of a store by its file: read with sqlite3 alone when the file is
current and sound (`storage.catalog`), else through the full store, which migrates a file
that needs it and refuses a damaged one in one sentence."""

from __future__ import annotations

from pathlib import Path

from reviewdesk.storage.catalog import BriefSummary, quick_summaries


def list_briefs_at(path: Path | str) -> list[BriefSummary]:
    """Every brief of the store at `path` (a file, or a server's URL), each version on its
    own, oldest import first, with its number of annotations (as
    services.briefs.list_briefs lists them)."""
    quick = quick_summaries(path) if isinstance(path, Path) else None
    if quick is not None:
        return quick
    from reviewdesk.services.briefs import list_briefs
    from reviewdesk.storage.store import Store

    with Store(path) as store:
        return list_briefs(store)


__all__ = ["BriefSummary", "list_briefs_at"]
