"""What the rows of a bundle name: every id a row names is a row of the bundle, ids are not
repeated, and everything lies on its row's own brief, so that a bundle that holds together
can be merged without surprises."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from reviewdesk.errors import InputError
from reviewdesk.services.bundle.format import (
    BY_TABLE,
    TOMBSTONE_KINDS,
    Bundle,
    damaged,
    tag_paths,
)

Tables = Mapping[str, list[dict[str, Any]]]


def check_rows(bundle: Bundle, name: str) -> None:
    """Every id a row names is a row of the bundle (or null where allowed), ids are not
    repeated, and everything a row names lies on the row's own brief: a bundle that holds
    together can be merged without surprises."""
    tables = bundle.tables
    _check_unique(tables, name)
    _check_named(tables, name)
    _check_same_brief(tables, name)
    _check_extents(tables, name)
    _check_briefs(bundle, name)
    tag_paths(tables["tag"], name)  # refuses a cycle


def _ids(tables: Tables, table: str, name: str) -> set[str]:
    found = [row["id"] for row in tables[table]]
    if len(set(found)) != len(found):
        raise damaged(name, f"{BY_TABLE[table].name} repeats an id")
    return set(found)


def _check_unique(tables: Tables, name: str) -> None:
    """No id, reviewer's name or superseded time is given twice."""
    for table in ("brief", "section", "block", "reviewer", "tag", "annotation", "reference",
                  "recommendation", "recommendation_event", "annotation_event", "reply",
                  "suggestion", "claim_link", "evidence_link", "tombstone"):
        _ids(tables, table, name)
    items = [row["id"] for table in TOMBSTONE_KINDS for row in tables[table]]
    if len(set(items)) != len(items):
        raise damaged(name, "an annotation, reply or suggested edit shares its id with "
                            "another")
    names = [" ".join(row["name"].split()).casefold() for row in tables["reviewer"]]
    if len(set(names)) != len(names):
        raise damaged(name, "two of its reviewers have the same name")
    superseded = [(row["annotation_id"], row["modified"])
                  for row in tables["annotation_superseded"]]
    if len(set(superseded)) != len(superseded):
        raise damaged(name, "annotation_superseded.json repeats an entry")


# What each row names: (table, column, the table it names, the words of the refusal).
_NAMED = (
    [("brief", "version_of", "brief", "a first version")]
    + [(table, "brief_id", "brief", "a brief") for table in (
        "section", "block", "reference", "recommendation", "annotation", "suggestion",
        "tombstone")]
    + [("block", "section_id", "section", "a section")]
    + [(table, "block_id", "block", "a block") for table in (
        "reference", "recommendation", "suggestion")]
    + [(table, "reviewer_id", "reviewer", "a reviewer") for table in (
        "annotation", "reply", "suggestion", "recommendation_event", "tombstone")]
    + [("annotation", "tag_id", "tag", "a tag"), ("tag", "parent_id", "tag", "a tag")]
    + [(table, "annotation_id", "annotation", "an annotation") for table in (
        "reply", "annotation_superseded", "annotation_event", "claim_link", "evidence_link")]
    + [("claim_link", "reference_id", "reference", "a reference"),
       ("recommendation_event", "recommendation_id", "recommendation", "a recommendation"),
       ("evidence_link", "recommendation_id", "recommendation", "a recommendation")])


def _check_named(tables: Tables, name: str) -> None:
    """Every id a row names is a row of the bundle, or null."""
    held = {table: {row["id"] for row in tables[table]}
            for table in {named for _, _, named, _ in _NAMED}}
    for table, column, named, what in _NAMED:
        allowed = held[named]
        for row in tables[table]:
            value = row[column]
            if value is not None and value not in allowed:
                raise damaged(name, f"an entry of {BY_TABLE[table].name} names {what} "
                                    "the bundle does not hold")


def _check_extents(tables: Tables, name: str) -> None:
    """Blocks, annotations and suggested edits lie inside their brief's text."""
    lengths = {row["id"]: len(row["text"]) for row in tables["brief"]}
    for table in ("block", "annotation", "suggestion"):
        for row in tables[table]:
            if not 0 <= row["start"] <= row["end"] <= lengths[row["brief_id"]]:
                raise damaged(name, f"an entry of {BY_TABLE[table].name} lies outside "
                                    "its brief's text")


def _check_briefs(bundle: Bundle, name: str) -> None:
    """Each brief has a version, is a version of a first version, and has its file."""
    briefs = bundle.tables["brief"]
    by_id = {row["id"]: row for row in briefs}
    for brief in briefs:
        if brief["version"] < 1:
            raise damaged(name, f"the brief {brief['title']!r} has no version number")
        if brief["version_of"] is not None and by_id[brief["version_of"]]["version_of"]:
            raise damaged(name, f"the brief {brief['title']!r} is a version of a version")
        source = brief["source"]
        if source is not None:
            data = bundle.sources.get(source["sha256"])
            if data is None or len(data) != source["size"]:
                raise damaged(name, f"the original file of {brief['title']!r} is missing")


def _check_same_brief(tables: Tables, name: str) -> None:
    """What a row names lies on the row's own brief: a block in its section's brief, a
    suggestion on a block of its brief, a link between an annotation and an entry of the
    same brief."""
    brief_of = {table: {row["id"]: row["brief_id"] for row in tables[table]}
                for table in ("section", "block", "annotation", "reference", "recommendation")}

    def refuse(what: str) -> InputError:
        return damaged(name, f"{what} lies outside its brief")

    if any(brief_of["section"][row["section_id"]] != row["brief_id"]
           for row in tables["block"]):
        raise refuse("a block")
    for table in ("reference", "recommendation", "suggestion"):
        if any(row["block_id"] is not None and brief_of["block"][row["block_id"]]
               != row["brief_id"] for row in tables[table]):
            raise refuse(f"an entry of {BY_TABLE[table].name}")
    for table, other in (("claim_link", "reference"), ("evidence_link", "recommendation")):
        if any(brief_of["annotation"][row["annotation_id"]]
               != brief_of[other][row[f"{other}_id"]] for row in tables[table]):
            raise refuse(f"an entry of {BY_TABLE[table].name}")
