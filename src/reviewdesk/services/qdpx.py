"""REFI-QDA project exchange: write briefs with their review as a .qdpx project that
QDA tools (QualCoder, ATLAS.ti, NVivo, MAXQDA) open, and read such a project back.

What REFI-QDA has no place for (resolved state, reply threads as threads, suggested edits,
reference checks, recommendation tracking) travels in a ReviewDesk bundle inside the zip
(`reviewdesk/review.rdbundle`, see services.bundle), which other tools leave alone; a
ReviewDesk import merges that bundle, so a round trip loses nothing."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from reviewdesk.domain.anchor import anchor_at, resolve
from reviewdesk.domain.codebook import Codebook, Tag
from reviewdesk.domain.ids import new_id, utc_now
from reviewdesk.domain.limits import MAX_TAG_NAME_CHARS
from reviewdesk.domain.review import Annotation, Reply
from reviewdesk.errors import InputError
from reviewdesk.export.qdpx import QdaCode, QdaNote, QdaProject, QdaSelection, QdaSource, qdpx_bytes
from reviewdesk.files import write_file
from reviewdesk.importers.guards import MAX_TITLE_CHARS, check_brief_size
from reviewdesk.importers.qdpx import (
    ForeignCode,
    ForeignProject,
    ForeignSelection,
    ForeignSource,
    read_qdpx,
)
from reviewdesk.importers.text import parse_text
from reviewdesk.services.annotations import short_quote
from reviewdesk.services.briefs import UNKNOWN_AUTHOR, resolve_brief, store_read_brief
from reviewdesk.services.bundle.importing import import_bundle
from reviewdesk.services.bundle.report import MergeReport
from reviewdesk.services.bundle.signer import UnknownSignerError
from reviewdesk.services.bundle.write import export_bundle
from reviewdesk.services.codebooks import ensure_default_codebook
from reviewdesk.services.interchange import IMPORTED_TAG_COLOUR
from reviewdesk.services.reviewers import ensure_reviewer
from reviewdesk.storage.repositories import Transaction
from reviewdesk.storage.store import Store

SUFFIX = ".qdpx"
BUNDLE_MEMBER = "reviewdesk/review.rdbundle"
# What the command says other tools will not read.
NOT_FOR_OTHER_TOOLS = (
    "resolved state, reply order and threads, suggested edits, reference checks and "
    "recommendation tracking travel in reviewdesk/review.rdbundle, which only ReviewDesk reads")


@dataclass(slots=True)
class QdpxExportReport:
    """What `export_qdpx` wrote."""

    path: Path
    briefs: int = 0
    codes: int = 0
    selections: int = 0
    notes: int = 0
    users: int = 0
    not_for_other_tools: str = NOT_FOR_OTHER_TOOLS
    titles: list[str] = field(default_factory=list)


def export_qdpx(store: Store, references: list[str] | tuple[str, ...],
                target: Path) -> QdpxExportReport:
    """Write the briefs named by `references` (none: every brief) with the codebook, the
    reviewers and every annotation and reply as the REFI-QDA project `target`, written
    whole or not at all."""
    if target.suffix.lower() != SUFFIX:
        raise InputError(f"a REFI-QDA project's file name ends in {SUFFIX}; "
                         f"{target.name!r} does not")
    with store.transaction() as tx:
        brief_ids = ([resolve_brief(tx, ref) for ref in references] if references
                     else [summary.id for summary in tx.briefs.summaries()])
        if not brief_ids:
            raise InputError("there are no briefs to export")
        project = _project(tx, list(dict.fromkeys(brief_ids)))
    with tempfile.TemporaryDirectory() as folder:
        bundle = Path(folder) / "review.rdbundle"
        export_bundle(store, references, bundle)
        data = qdpx_bytes(project, {BUNDLE_MEMBER: bundle.read_bytes()})
    write_file(target, data)
    return QdpxExportReport(path=target, briefs=len(project.sources), codes=len(project.codes),
                            selections=sum(len(s.selections) for s in project.sources),
                            notes=len(project.notes), users=len(project.users),
                            titles=[s.name for s in project.sources])


def _project(tx: Transaction, brief_ids: list[str]) -> QdaProject:
    codebook = ensure_default_codebook(tx)
    reviewers = tx.reviewers.all()
    project = QdaProject(name=_project_name(tx, brief_ids), codes=_codes(codebook),
                         description="Written by ReviewDesk. " + NOT_FOR_OTHER_TOOLS[:1].upper()
                         + NOT_FOR_OTHER_TOOLS[1:] + ".")
    codes = {code.guid for code in project.codes}
    used: set[str] = set()
    for brief_id in brief_ids:
        brief = tx.briefs.get(brief_id)
        assert brief is not None
        source = QdaSource(guid=brief.id, name=brief.title, text=brief.text,
                           created=brief.imported_at)
        replies = tx.annotations.replies_for_brief(brief_id)
        annotations = sorted(tx.annotations.for_brief(brief_id),
                             key=lambda a: (a.anchor.position.start, a.created))
        for annotation in annotations:
            used.add(annotation.reviewer_id)
            selection = QdaSelection(guid=annotation.id, start=annotation.anchor.position.start,
                                     end=annotation.anchor.position.end,
                                     user=annotation.reviewer_id, created=annotation.created,
                                     code=annotation.tag_id if annotation.tag_id in codes
                                     else None)
            if annotation.comment:
                note = _note_guid(annotation.id)
                project.notes.append(QdaNote(guid=note, name=f"Comment on {brief.title}",
                                             text=annotation.comment,
                                             user=annotation.reviewer_id,
                                             created=annotation.created))
                selection.notes.append(note)
            for reply in replies.get(annotation.id, []):
                used.add(reply.reviewer_id)
                project.notes.append(QdaNote(guid=reply.id, name=f"Reply on {brief.title}",
                                             text=reply.text, user=reply.reviewer_id,
                                             created=reply.created))
                selection.notes.append(reply.id)
            source.selections.append(selection)
        project.sources.append(source)
    project.users = [(r.id, r.name) for r in reviewers.values() if r.id in used]
    return project


def _note_guid(annotation_id: str) -> str:
    """The comment note's guid, derived from its annotation's so an export is repeatable."""
    import uuid

    return str(uuid.uuid5(uuid.UUID(annotation_id), "comment"))


def _project_name(tx: Transaction, brief_ids: list[str]) -> str:
    found = tx.briefs.title_and_text(brief_ids[0])
    title = found[0] if found else "ReviewDesk"
    return title if len(brief_ids) == 1 else f"{title} and {len(brief_ids) - 1} more"


def _codes(codebook: Codebook) -> list[QdaCode]:
    ordered = sorted(codebook.tags, key=lambda tag: tag.position)
    return [QdaCode(guid=tag.id, name=tag.name, color=tag.colour.lower(), parent=tag.parent_id,
                    description=tag.description) for tag in ordered]


@dataclass(slots=True)
class QdpxImportReport:
    """What `import_qdpx` did. `merged` holds the report of ReviewDesk's own record when the
    project carried one (then the REFI-QDA parts were not read again)."""

    path: Path
    briefs_added: int = 0
    briefs_present: int = 0
    tags_added: list[str] = field(default_factory=list)
    annotations_added: int = 0
    replies_added: int = 0
    already_present: int = 0
    reviewers: list[str] = field(default_factory=list)
    unplaced: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    merged: MergeReport | None = None


def import_qdpx(store: Store, path: Path, *, trust: bool = False,
                refi_only: bool = False) -> QdpxImportReport:
    """Bring the REFI-QDA project at `path` in: text sources become briefs, codes tags
    (nested, with their colours), coded selections annotations, notes comments and replies,
    users reviewers. Other kinds of source are left out with a warning each. A project
    ReviewDesk wrote carries its own record, merged as a bundle is (`trust` as for
    `bundle import`) unless `refi_only`. A file that cannot be read changes nothing."""
    project = read_qdpx(path)
    if project.bundle is not None and not refi_only:
        with tempfile.TemporaryDirectory() as folder:
            bundle = Path(folder) / (path.stem + ".rdbundle")
            bundle.write_bytes(project.bundle)
            try:
                merged = import_bundle(store, bundle, trust=trust)
            except UnknownSignerError as error:
                message = str(error).replace(bundle.name, path.name)
                raise UnknownSignerError(f"{message}, or with --refi-only to read only its "
                                         "REFI-QDA parts", path, error.signer) from None
        merged.path = path
        return QdpxImportReport(path=path, merged=merged, warnings=list(merged.warnings))
    report = QdpxImportReport(path=path, warnings=list(project.left_out))
    with store.transaction() as tx:
        _Refi(tx, project, report).bring_in(path)
    return report


class _Refi:
    """One import of a project's REFI-QDA parts, in one transaction."""

    def __init__(self, tx: Transaction, project: ForeignProject,
                 report: QdpxImportReport) -> None:
        self.tx, self.project, self.report = tx, project, report
        self.codebook = ensure_default_codebook(tx)
        self.tags: dict[str, Tag] = {}
        self._authors: dict[str | None, str] = {}

    def bring_in(self, path: Path) -> None:
        for code in self.project.codes:
            self._tag(code)
        for source in self.project.sources:
            self._source(path, source)

    def _tag(self, code: ForeignCode) -> None:
        parent = self.tags.get(code.parent) if code.parent else None
        parent_id = parent.id if parent else None
        same = [tag for tag in self.codebook.tags
                if tag.parent_id == parent_id and tag.name.casefold() == code.name.casefold()]
        if same:
            self.tags[code.guid] = same[0]
            return
        tag = Tag(name=code.name[:MAX_TAG_NAME_CHARS], codebook_id=self.codebook.id,
                  colour=code.colour or (parent.colour if parent else IMPORTED_TAG_COLOUR),
                  parent_id=parent_id, description=code.description,
                  position=len(self.codebook.tags))
        self.tx.codebooks.add_tag(tag)
        self.codebook.tags.append(tag)
        self.tags[code.guid] = tag
        self.report.tags_added.append(self.codebook.path(tag))

    def _author(self, user: str | None) -> str:
        found = self._authors.get(user)
        if found is None:
            name = self.project.users.get(user or "", UNKNOWN_AUTHOR)
            found = self._authors[user] = ensure_reviewer(self.tx, name, acting=False).id
            self.report.reviewers.append(name)
        return found

    def _source(self, path: Path, source: ForeignSource) -> None:
        brief = parse_text(source.text, source.name + ".txt")
        brief.title = source.name[:MAX_TITLE_CHARS] or brief.title
        check_brief_size(brief, path)
        result = store_read_brief(self.tx, path, brief)
        if result.already_imported or result.merged_into:
            self.report.briefs_present += 1
        else:
            self.report.briefs_added += 1
        found = self.tx.briefs.title_and_text(result.id)
        assert found is not None
        text = found[1]
        ids = [s.guid for s in source.selections] + list(self.project.notes)
        present = self.tx.annotations.existing_ids(ids)
        annotations: list[Annotation] = []
        replies: list[Reply] = []
        for selection in source.selections:
            if selection.guid in present:
                self.report.already_present += 1
                continue
            made = self._annotations(result.id, source.text, text, selection, present)
            if made is not None:
                annotations.extend(made[0])
                replies.extend(made[1])
        self.tx.annotations.add_all(annotations, replies)
        self.report.annotations_added += len(annotations)
        self.report.replies_added += len(replies)

    def _annotations(self, brief_id: str, source_text: str, text: str,
                     selection: ForeignSelection, present: set[str]
                     ) -> tuple[list[Annotation], list[Reply]] | None:
        quote = source_text[selection.start:selection.end]
        notes = [self.project.notes[n] for n in selection.notes if n in self.project.notes]
        codes = [self.tags[c] for c in selection.codes if c in self.tags]
        if not codes and not notes:
            return None  # a selection with nothing on it says nothing to a reviewer
        found = resolve(text, anchor_at(source_text, selection.start, selection.end))
        if found is None:
            self.report.unplaced.append(short_quote(quote))
            return None
        anchor = anchor_at(text, found.start, found.end)
        created = selection.created or utc_now()
        state, score = ("anchored", None) if found.score >= 1.0 else ("needs_review",
                                                                       round(found.score, 3))
        comment = notes[0].text if notes else ""
        made = []
        for index, tag in enumerate(codes or [None]):
            made.append(Annotation(id=selection.guid if index == 0 else new_id(),
                                   brief_id=brief_id, anchor=anchor,
                                   reviewer_id=self._author(selection.user),
                                   tag_id=tag.id if tag else None,
                                   comment=comment if index == 0 else "", created=created,
                                   modified=created, anchor_state=state, anchor_score=score))
        replies = []
        for note in notes[1:]:
            if note.guid in present:
                continue
            present.add(note.guid)
            replies.append(Reply(id=note.guid, annotation_id=selection.guid,
                                 reviewer_id=self._author(note.user), text=note.text,
                                 created=note.created or created))
        return made, replies
