"""What a review bundle holds, counted before it is written (the export dialog's preview,
`bundle export --dry-run`) and after (the export's report), by the same queries."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from reviewdesk.domain.words import count
from reviewdesk.errors import InputError
from reviewdesk.services.briefs import resolve_brief
from reviewdesk.storage.bundle_rows import BundleRows
from reviewdesk.storage.repositories import Transaction
from reviewdesk.storage.store import Store

# The tables whose rows are the review work a bundle carries, counted in its report.
WORK_TABLES = ("annotation", "suggestion", "tombstone")


@dataclass(frozen=True, slots=True)
class BundleContents:
    """How much a bundle holds: `briefs` counts every version stored (as the export's
    report does), `families` the briefs they are versions of; `reviewers` is how many
    people wrote its annotations, replies and suggested edits."""

    briefs: int
    families: int
    annotations: int
    replies: int
    suggestions: int
    tombstones: int
    reviewers: int


def bundle_families(tx: Transaction, references: Sequence[str]) -> list[str]:
    """The ids of the briefs named (ids, id starts or titles; none: every brief), with all
    their versions: a version needs its first version, and a reviewer of one version wants
    the others, so whole families travel."""
    if references:
        named = {resolve_brief(tx, reference) for reference in references}
    else:
        named = {summary.id for summary in tx.briefs.summaries()}
    if not named:
        raise InputError("there are no briefs in the store to bundle; import one first")
    return sorted({id_ for brief_id in named for id_, _, _, _ in tx.briefs.family(brief_id)})


def work_rows(rows: BundleRows, brief_ids: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
    """The rows of the review work on the briefs: annotations, suggested edits, deletions
    (tombstones) and the replies to those annotations."""
    tables = {table: rows.where_in(table, "brief_id", list(brief_ids))
              for table in WORK_TABLES}
    tables["reply"] = rows.where_in("reply", "annotation_id",
                                    [row["id"] for row in tables["annotation"]])
    return tables


def contents_of(tables: Mapping[str, Sequence[Mapping[str, Any]]]) -> BundleContents:
    """The counts of the rows a bundle holds (its brief rows and its work rows)."""
    briefs = tables["brief"]
    families = {row["version_of"] or row["id"] for row in briefs}
    authors = {row["reviewer_id"] for table in ("annotation", "reply", "suggestion")
               for row in tables[table]}
    return BundleContents(briefs=len(briefs), families=len(families),
                          annotations=len(tables["annotation"]), replies=len(tables["reply"]),
                          suggestions=len(tables["suggestion"]),
                          tombstones=len(tables["tombstone"]), reviewers=len(authors))


def plan_bundle(store: Store, references: Sequence[str]) -> BundleContents:
    """What a bundle of the briefs named (none: every brief) would hold, written nowhere."""
    with store.transaction() as tx:
        brief_ids = bundle_families(tx, references)
        rows = tx.bundle_rows
        tables = work_rows(rows, brief_ids)
        tables["brief"] = rows.where_in("brief", "id", brief_ids)
    return contents_of(tables)


def held_phrase(briefs: int, annotations: int, replies: int, suggestions: int) -> str:
    """'2 briefs with 5 annotations, 1 reply and 0 suggested edits', as the export says what
    it wrote and the dry run what it would write."""
    return (f"{count(briefs, 'brief')} with {count(annotations, 'annotation')}, "
            f"{count(replies, 'reply', 'replies')} and "
            f"{count(suggestions, 'suggested edit')}")


def preview_line(contents: BundleContents) -> str:
    """'2 briefs, 14 annotations, 3 replies, 1 suggested edit, by 2 reviewers' (a brief
    stored in several versions: '1 brief in 2 versions, …')."""
    briefs = count(contents.families, "brief")
    if contents.briefs != contents.families:
        briefs += f" in {count(contents.briefs, 'version')}"
    parts = [briefs, count(contents.annotations, "annotation"),
             count(contents.replies, "reply", "replies"),
             count(contents.suggestions, "suggested edit")]
    if contents.reviewers:
        parts.append(f"by {count(contents.reviewers, 'reviewer')}")
    return ", ".join(parts)
