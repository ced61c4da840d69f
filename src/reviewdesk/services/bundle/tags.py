"""The tags a bundle's annotations use, matched to this database's: by id, else by path in
the default codebook, else added there under their parent's match; no tag is duplicated."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from reviewdesk.domain.codebook import PATH_SEPARATOR, Tag
from reviewdesk.services.bundle.format import tag_paths
from reviewdesk.services.bundle.plan import MergePlan
from reviewdesk.services.codebooks import ensure_default_codebook
from reviewdesk.storage.repositories import Transaction


def merge_tags(plan: MergePlan) -> None:
    """Match each tag the signer's annotations use by id, else by path in the default
    codebook, else add it there (with its own id) under its parent's match: no tag is
    ever duplicated."""
    tags = plan.tables["tag"]
    used = _used(plan)
    if not used:
        return
    codebook = ensure_default_codebook(plan.tx)
    local_ids = {row["id"] for row in plan.rows.all("tag")}
    local_paths = {path: tag_id for tag_id, path in tag_paths(
        [{"id": t.id, "name": t.name, "parent_id": t.parent_id}
         for t in codebook.tags], max_depth=None).items()}
    bundle_paths = tag_paths(tags, plan.name)
    shortcuts: set[str | None] = {t.shortcut for t in codebook.tags if t.shortcut}
    added = 0
    for tag in sorted(used, key=lambda t: (bundle_paths[t["id"]].count(PATH_SEPARATOR),
                                           bundle_paths[t["id"]])):
        path = bundle_paths[tag["id"]]
        if tag["id"] in local_ids:
            plan.tags[tag["id"]] = tag["id"]
        elif path in local_paths:
            plan.tags[tag["id"]] = local_paths[path]
        else:
            shortcut = tag["shortcut"] if tag["shortcut"] not in shortcuts else None
            created = Tag(id=tag["id"], name=tag["name"], colour=tag["colour"],
                          codebook_id=codebook.id,
                          parent_id=plan.tags[tag["parent_id"]] if tag["parent_id"]
                          else None,
                          shortcut=shortcut, description=tag["description"],
                          position=len(codebook.tags))
            plan.tx.codebooks.add_tag(created)
            codebook.tags.append(created)
            shortcuts.add(shortcut)
            local_paths[path] = created.id
            local_ids.add(created.id)
            plan.tags[tag["id"]] = created.id
            added += 1
    if added:
        _renumber(plan.tx, codebook.tags)
    plan.report.tags_added = added


def _used(plan: MergePlan) -> list[dict[str, Any]]:
    """The bundle's tags the signer's annotations use, with their parents."""
    by_id = {tag["id"]: tag for tag in plan.tables["tag"]}
    wanted: set[str] = set()
    for annotation in plan.tables["annotation"]:
        current = annotation["tag_id"] if annotation["reviewer_id"] in plan.owned else None
        while current is not None and current not in wanted:
            wanted.add(current)
            current = by_id[current]["parent_id"]
    return [by_id[tag_id] for tag_id in wanted]


def _renumber(tx: Transaction, tags: Sequence[Tag]) -> None:
    """Positions follow the tag tree walked depth-first (see domain.codebook.Tag)."""
    children: dict[str | None, list[Tag]] = defaultdict(list)
    for tag in sorted(tags, key=lambda t: t.position):
        children[tag.parent_id].append(tag)
    order: list[Tag] = []
    stack = list(reversed(children[None]))
    while stack:
        tag = stack.pop()
        order.append(tag)
        stack.extend(reversed(children[tag.id]))
    for position, tag in enumerate(order):
        if tag.position != position:
            tx.codebooks.update_tag(tag.id, position=position)
            tag.position = position
