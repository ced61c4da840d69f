"""The library as a reviewer sees it: one entry per brief, its newest version first and
the older versions under it, and where the open version stands among them."""

from __future__ import annotations

from dataclasses import dataclass

from reviewdesk.errors import NotFoundError
from reviewdesk.storage.catalog import BriefSummary
from reviewdesk.storage.store import Store


@dataclass(frozen=True, slots=True)
class LibraryEntry:
    """One brief in the library: its newest version, and the older ones, newest first."""

    newest: BriefSummary
    older: tuple[BriefSummary, ...] = ()

    @property
    def versions(self) -> int:
        """How many versions of the brief are stored."""
        return 1 + len(self.older)

    @property
    def ids(self) -> tuple[str, ...]:
        """The ids of every version, newest first."""
        return (self.newest.id, *(brief.id for brief in self.older))


@dataclass(frozen=True, slots=True)
class VersionStanding:
    """Where one version of a brief stands: version `version` of `newest_version`, the
    newest being `newest_id`."""

    brief_id: str
    version: int
    newest_version: int
    newest_id: str

    @property
    def is_newest(self) -> bool:
        return self.brief_id == self.newest_id


def library_entries(store: Store) -> list[LibraryEntry]:
    """Every stored brief once, by the order its newest version was imported in, with its
    older versions under it."""
    with store.transaction() as tx:
        summaries = tx.briefs.summaries()
    families: dict[str, list[BriefSummary]] = {}
    for summary in summaries:
        families.setdefault(summary.version_of or summary.id, []).append(summary)
    entries = []
    for members in families.values():
        members.sort(key=lambda brief: brief.version, reverse=True)
        entries.append(LibraryEntry(members[0], tuple(members[1:])))
    entries.sort(key=lambda entry: (entry.newest.imported_at, entry.newest.title))
    return entries


def previous_version(store: Store, brief_id: str) -> str | None:
    """The version before this one, or None for a first version."""
    with store.transaction() as tx:
        family = tx.briefs.family(brief_id)
    ids = [id_ for id_, _, _, _ in family]
    index = ids.index(brief_id) if brief_id in ids else -1
    return ids[index - 1] if index > 0 else None


def version_standing(store: Store, brief_id: str) -> VersionStanding:
    """Which version the brief is, and which is its newest."""
    with store.transaction() as tx:
        family = tx.briefs.family(brief_id)
    versions = {id_: version for id_, version, _, _ in family}
    if brief_id not in versions:
        raise NotFoundError("that brief is no longer in the store")
    newest_id, newest_version = family[-1][0], family[-1][1]
    return VersionStanding(brief_id, versions[brief_id], newest_version, newest_id)
