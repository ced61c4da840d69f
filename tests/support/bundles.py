"""Review bundles for tests: a team of databases that trust each other, a canonical dump of
a database's content, and bundles rewritten (and re-signed) as an attacker would."""

from __future__ import annotations

import hashlib
import io
import json
import sqlite3
import zipfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from reviewdesk.domain.trust import Role
from reviewdesk.services.annotations import add_reply, create_annotation
from reviewdesk.services.briefs import import_files, load_brief
from reviewdesk.services.bundle.format import MEMBERS
from reviewdesk.services.bundles import export_bundle, import_bundle
from reviewdesk.services.codebooks import default_codebook
from reviewdesk.services.identity import local_identity
from reviewdesk.services.reviewers import set_configured_reviewer
from reviewdesk.services.trust import own_key, trust_reviewer
from reviewdesk.storage.store import Store

RAIL_MD = """\
# Valley Rail Freight Outlook

## Introduction

Freight volumes on the valley line fell in 2023 after the bridge closure.
Shippers moved grain to trucks, and road repairs cost the districts more.

## Indicators of change

- In April 2024 the rail authority reopened the north bridge.
- Two grain cooperatives signed five-year rail contracts in May 2024.

## Recommendations

1. The rail authority should publish monthly freight figures.
2. The districts should share road repair costs with shippers.

## References

- Valley Rail Authority. (2024, April 2). Bridge reopening notice. https://example.org/bridge
- Grain Cooperative Union. (2024). Annual report.
"""

# Another brief, which no bundle of the team carries: nothing may touch it.
MEMO_MD = """\
# Harbour Memo

Pilots wait for the tide at the harbour mouth since the storms of last winter.
The port board will decide on a second dredger in the spring.
"""

# The same rail brief a year on: one indicator reworded, one added.
RAIL_V2_MD = RAIL_MD.replace(
    "- Two grain cooperatives signed five-year rail contracts in May 2024.",
    "- Three grain cooperatives signed five-year rail contracts in May 2024.\n"
    "- A timber mill asked for a siding in June 2024.")

SPANS = ("Freight volumes", "bridge closure", "Shippers moved grain", "road repairs",
         "north bridge", "grain cooperatives", "monthly freight figures")

# Who works in which database; the lead decides reference checks and recommendations.
NAMES = {"lead": "Lena Lund", "ann": "Ann Ashby", "bob": "Bob Brandt", "cy": "Cy Chen"}


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def span(store: Store, brief_id: str, words: str) -> tuple[int, int]:
    start = load_brief(store, brief_id).text.index(words)
    return start, start + len(words)


def tag_id(store: Store, path: str) -> str:
    tag = default_codebook(store).find(path)
    assert tag is not None, path
    return tag.id


def annotate(store: Store, brief_id: str, words: str, comment: str, reviewer: str,
             tag: str | None = "Indicator") -> str:
    return create_annotation(store, brief_id, *span(store, brief_id, words),
                             tag_id=tag_id(store, tag) if tag else None, comment=comment,
                             reviewer=reviewer).id


def introduce(stores: Mapping[str, Store]) -> None:
    """Every database trusts every other's key: the lead's as a lead."""
    keys = {name: own_key(store).public_key for name, store in stores.items()}
    for name, store in stores.items():
        for other, key in keys.items():
            if other != name:
                trust_reviewer(store, key, NAMES[other],
                               Role.LEAD if other == "lead" else Role.REVIEWER)


@dataclass
class Team:
    """Reviewers' databases that share one brief: the lead imported it and made the first
    notes, the others got it from the lead's bundle, so its ids match everywhere."""

    folder: Path
    stores: dict[str, Store]
    brief_id: str
    shared: list[str] = field(default_factory=list)  # the lead's notes every copy has

    def bundle(self, name: str, label: str = "") -> Path:
        target = self.folder / f"{name}{label}.rdbundle"
        export_bundle(self.stores[name], [], target)
        return target

    def close(self) -> None:
        for store in self.stores.values():
            store.close()


def make_team(folder: Path, names: tuple[str, ...] = ("lead", "ann", "bob")) -> Team:
    folder.mkdir(parents=True, exist_ok=True)
    stores: dict[str, Store] = {}
    for name in names:
        stores[name] = Store(folder / f"{name}.sqlite3")
        set_configured_reviewer(stores[name], NAMES[name])
    introduce(stores)
    lead = stores[names[0]]
    author = NAMES[names[0]]
    brief_id = import_files(lead, [write(folder / "rail.md", RAIL_MD)])[0].id
    shared = [annotate(lead, brief_id, "bridge closure", "When exactly?", author),
              annotate(lead, brief_id, "north bridge", "Confirm the date", author,
                       tag="Indicator › economic"),
              annotate(lead, brief_id, "road repairs", "", author, tag=None)]
    add_reply(lead, shared[0], "It closed in March.", reviewer=author)
    seed = folder / "seed.rdbundle"
    export_bundle(lead, [], seed)
    for name in names[1:]:
        import_bundle(stores[name], seed)
    return Team(folder, stores, brief_id, shared)


# ---------------------------------------------------------------------------------------
# A canonical dump: the content of a store, with nothing that may differ between equal
# copies (tags by path, reviewers by name and key, source files by checksum, links by
# their ends); the database's own settings and trusted keys are not content.


def dump(path: Path, history: bool = True) -> dict[str, Any]:
    connection = sqlite3.connect(path)
    try:
        def rows(sql: str) -> list[tuple[Any, ...]]:
            return sorted((tuple(row) for row in connection.execute(sql)), key=repr)

        tags = {id_: (name, parent) for id_, name, parent in
                connection.execute("SELECT id, name, parent_id FROM tag")}

        def path_of(tag: str | None) -> str | None:
            names = []
            while tag is not None:
                name, tag = tags[tag]
                names.append(name)
            return " › ".join(reversed(names)) or None

        reviewers = dict(connection.execute("SELECT id, name FROM reviewer"))
        annotations = [(id_, brief, path_of(tag), reviewers[who], *rest) for id_, brief, tag,
                       who, *rest in rows(
            "SELECT id, brief_id, tag_id, reviewer_id, comment, status, exact, prefix, suffix, "
            "start, \"end\", created, modified, anchor_state, anchor_score, carried_from, "
            "revision FROM annotation")]
        content: dict[str, Any] = {
            "briefs": rows("SELECT b.id, b.title, b.source_format, b.text, b.imported_at, "
                           "b.version_of, b.version, s.sha256, s.filename, s.data FROM brief b "
                           "LEFT JOIN source_file s ON s.id = b.source_file_id"),
            "sections": rows("SELECT * FROM section"),
            "blocks": rows("SELECT * FROM block"),
            "annotations": sorted(annotations, key=repr),
            "replies": sorted(((id_, note, reviewers[who], text, at) for id_, note, who, text, at
                               in rows("SELECT * FROM reply")), key=repr),
            "held_replies": rows("SELECT id, annotation_id, brief_id, text FROM held_reply"),
            "suggestions": sorted(((id_, brief, block, reviewers[who], *rest) for id_, brief,
                                   block, who, *rest in rows("SELECT * FROM suggestion")),
                                  key=repr),
            "references": rows("SELECT * FROM reference"),
            "recommendations": rows("SELECT * FROM recommendation"),
            "recommendation_events": sorted(
                ((id_, rec, reviewers[who], *rest) for id_, rec, who, *rest in
                 rows("SELECT * FROM recommendation_event")), key=repr),
            "claim_links": rows("SELECT annotation_id, reference_id, created FROM claim_link"),
            "evidence_links": rows("SELECT annotation_id, recommendation_id, created "
                                   "FROM evidence_link"),
            "tombstones": sorted(((id_, kind, brief, at, reviewers.get(who)) for
                                  id_, kind, brief, at, who in
                                  rows("SELECT id, kind, brief_id, deleted_at, reviewer_id "
                                       "FROM tombstone")), key=repr),
            "reviewers": rows("SELECT name, public_key FROM reviewer"),
            "tag_paths": sorted({path_of(tag) for tag in tags} - {None}),
        }
        if history:
            content["annotation_events"] = rows("SELECT * FROM annotation_event")
        return content
    finally:
        connection.close()


def backups(path: Path) -> list[Path]:
    return sorted(path.parent.glob(f"{path.name}.*.bak"))


# ---------------------------------------------------------------------------------------
# Rewriting a bundle


def members_of(bundle: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(bundle) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def rows_of(bundle: Path, member: str) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = json.loads(members_of(bundle)[member])
    return rows


def rewrite(bundle: Path, target: Path, *, manifest: dict[str, Any] | None = None,
            replace: Mapping[str, bytes] | None = None,
            edit: Mapping[str, Callable[[list[dict[str, Any]]], Any]] | None = None,
            fix_checksums: bool = True, sign_with: Store | None = None,
            drop: tuple[str, ...] = ()) -> Path:
    """A copy of `bundle` at `target` with members replaced or their rows edited in place
    (`edit`: member -> a function of its rows). Checksums are made to fit unless told
    otherwise; the manifest is signed again with `sign_with`'s key (a team member who
    tampers with a bundle) or left with its old signature (anyone else)."""
    members = members_of(bundle)
    members.update(replace or {})
    for member, change in (edit or {}).items():
        rows = json.loads(members[member])
        change(rows)
        members[member] = json.dumps(rows, ensure_ascii=False).encode()
    for name in drop:
        members.pop(name, None)
    original = members["manifest.json"]
    data = json.loads(original)
    if not fix_checksums and not manifest and sign_with is None:
        return _zip(members, target)  # the manifest as it was, and its signature with it
    if fix_checksums:
        data["files"] = {name: hashlib.sha256(content).hexdigest()
                         for name, content in members.items()
                         if name not in ("manifest.json", "signature.json")}
    data.update(manifest or {})
    if sign_with is not None:
        with sign_with.transaction() as tx:
            identity = local_identity(tx)
        data["signer"] = {"public_key": identity.public_key,
                          "name": data.get("signer", {}).get("name", "someone")}
        members["manifest.json"] = json.dumps(data).encode()
        members["signature.json"] = json.dumps({
            "algorithm": "Ed25519",
            "signature": identity.sign(members["manifest.json"])}).encode()
    else:
        members["manifest.json"] = json.dumps(data).encode()
    return _zip(members, target)


def _zip(members: Mapping[str, bytes], target: Path) -> Path:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    target.write_bytes(buffer.getvalue())
    return target


def as_format_1(bundle: Path, target: Path) -> Path:
    """The bundle as ReviewDesk wrote it before bundles were signed (format 1): no
    signature, no keys, authors of deletions or revision counters."""
    newer = {member.name: [c.name for c in member.columns if c.since > 1]
             for member in MEMBERS}

    def strip(names: list[str]) -> Callable[[list[dict[str, Any]]], None]:
        def edit(rows: list[dict[str, Any]]) -> None:
            for row in rows:
                for name in names:
                    row.pop(name, None)
        return edit

    edits = {member: strip(names) for member, names in newer.items() if names}
    return rewrite(bundle, target, manifest={"version": 1, "signer": None}, edit=edits,
                   drop=("signature.json",))
