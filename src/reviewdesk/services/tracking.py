"""Tracking the review: reference checks, claims traced to references, recommendation
decisions with their history and evidence, suggested edits, and the history of the values
merges did not keep."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any

from reviewdesk.domain.anchor import anchor_at
from reviewdesk.domain.brief import Block, Brief
from reviewdesk.domain.findings import (
    Recommendation,
    RecommendationEvent,
    RecommendationStatus,
    Reference,
    ReferenceCheck,
)
from reviewdesk.domain.ids import as_utc
from reviewdesk.domain.review import Reviewer, Suggestion, SuggestionStatus
from reviewdesk.errors import InputError, NotFoundError
from reviewdesk.services.annotations import locate_quote, short_quote
from reviewdesk.services.briefs import resolve_brief
from reviewdesk.services.reviewers import ensure_reviewer, reviewer_name
from reviewdesk.storage.repositories import Transaction
from reviewdesk.storage.store import Store

# The recommendation fields a reviewer edits, and how each is stored.
EDITABLE_FIELDS = ("addressee", "priority", "status", "owner", "due", "note")


@dataclass(frozen=True, slots=True)
class TrackedReference:
    """A reference entry with the claims traced to it."""

    reference: Reference
    claims: tuple[str, ...]  # ids of the annotations traced to this entry


@dataclass(frozen=True, slots=True)
class TrackedRecommendation:
    """A recommendation with the annotations cited as its evidence."""

    recommendation: Recommendation
    evidence: tuple[str, ...]  # ids of the annotations cited as evidence


@dataclass(frozen=True, slots=True)
class SuggestionView:
    """A suggested edit with its reviewer's name resolved, as the CLI prints it."""

    id: str
    brief_id: str
    block_id: str
    start: int
    end: int
    quote: str  # the brief's text[start:end], the words to be replaced
    replacement: str  # empty for a deletion
    reviewer: str
    initials: str
    created: datetime
    status: SuggestionStatus = SuggestionStatus.PENDING


def references_of(store: Store, brief_id: str) -> list[TrackedReference]:
    with store.transaction() as tx:
        references = tx.findings.references(brief_id)
        claims = tx.tracking.claims_of_references([r.id for r in references])
    return [TrackedReference(r, tuple(claims[r.id])) for r in references]


def set_reference_check(store: Store, reference_id: str, check: ReferenceCheck | str,
                        note: str | None = None) -> Reference:
    """Record the reviewer's verdict on a reference; returns the entry as it was."""
    values: dict[str, object] = {"check_status": ReferenceCheck(check).value}
    if note is not None:
        values["note"] = note.strip()
    with store.transaction() as tx:
        before = _reference(tx, reference_id)
        tx.tracking.update_reference(reference_id, **values)
        return before


def _reference(tx: Transaction, reference_id: str) -> Reference:
    for reference in tx.findings.references_by_ids([reference_id]):
        return reference
    raise NotFoundError("that reference is no longer in the store")


def link_claim(store: Store, annotation_id: str, reference_id: str) -> None:
    with store.transaction() as tx:
        _reference(tx, reference_id)
        if tx.annotations.get(annotation_id) is None:
            raise NotFoundError("select an annotation (the claim) to link first")
        tx.tracking.link_claim(annotation_id, reference_id)


def unlink_claim(store: Store, annotation_id: str, reference_id: str) -> None:
    with store.transaction() as tx:
        tx.tracking.unlink_claim(annotation_id, reference_id)


def recommendations_of(store: Store, brief_id: str) -> list[TrackedRecommendation]:
    with store.transaction() as tx:
        recommendations = tx.findings.recommendations(brief_id)
        evidence = tx.tracking.evidence_of_recommendations([r.id for r in recommendations])
    return [TrackedRecommendation(r, tuple(evidence[r.id])) for r in recommendations]


def update_recommendation(store: Store, recommendation_id: str, *,
                          reviewer: str | None = None, **changes: Any) -> Recommendation:
    """Change fields of a recommendation (addressee, priority, status, owner, due, note),
    recording each change in its history; returns the recommendation as it was."""
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise InputError(f"a recommendation has no field {sorted(unknown)[0]!r}")
    values = {name: _stored(name, value) for name, value in changes.items()}
    with store.transaction() as tx:
        before = _recommendation(tx, recommendation_id)
        author = ensure_reviewer(tx, reviewer_name(tx, reviewer))
        for name, value in values.items():
            old = _text(getattr(before, name))
            if old != _text(value):
                tx.tracking.add_event(RecommendationEvent(
                    recommendation_id=recommendation_id, changed=name, old=old,
                    new=_text(value), reviewer_id=author.id))
        tx.tracking.update_recommendation(recommendation_id, **values)
        return before


def _stored(name: str, value: Any) -> Any:
    if name == "status":
        return RecommendationStatus(value).value
    if name == "due":
        if value in (None, ""):
            return None
        try:
            return value if isinstance(value, date) else date.fromisoformat(str(value))
        except ValueError as error:
            raise InputError(f"{value!r} is not a date; write it as YYYY-MM-DD") from error
    return str(value).strip()


def _text(value: Any) -> str:
    if value is None:
        return ""
    return value.value if isinstance(value, RecommendationStatus) else str(value)


def _recommendation(tx: Transaction, recommendation_id: str) -> Recommendation:
    for recommendation in tx.findings.recommendations_by_ids([recommendation_id]):
        return recommendation
    raise NotFoundError("that recommendation is no longer in the store")


def recommendation_history(store: Store, recommendation_id: str) -> list[RecommendationEvent]:
    with store.transaction() as tx:
        return tx.tracking.events(recommendation_id)


@dataclass(frozen=True, slots=True)
class AnnotationEvent:
    """A value of an annotation's field that a merge did not keep: `value_other` was
    written at `at` in another copy, and `value_kept` is the one the annotation kept."""

    id: str
    annotation_id: str
    field: str  # comment, status, tag (its path), anchor or placement (as JSON lists)
    value_kept: str
    value_other: str
    at: datetime
    source: str  # "merge" (the later edit was kept) or "merge-tie" (the same time)


def annotation_history(store: Store, annotation_id: str) -> list[AnnotationEvent]:
    """The values merges of review bundles did not keep for this annotation, oldest first."""
    with store.transaction() as tx:
        rows = tx.bundle_rows.where_in("annotation_event", "annotation_id", [annotation_id])
    events = [AnnotationEvent(id=row["id"], annotation_id=row["annotation_id"],
                              field=row["field"], value_kept=row["value_kept"],
                              value_other=row["value_other"], at=as_utc(row["at"]),
                              source=row["source"]) for row in rows]
    return sorted(events, key=lambda e: (e.at, e.field, e.id))


def link_evidence(store: Store, annotation_id: str, recommendation_id: str) -> None:
    with store.transaction() as tx:
        _recommendation(tx, recommendation_id)
        if tx.annotations.get(annotation_id) is None:
            raise NotFoundError("select an annotation (the evidence) to link first")
        tx.tracking.link_evidence(annotation_id, recommendation_id)


def unlink_evidence(store: Store, annotation_id: str, recommendation_id: str) -> None:
    with store.transaction() as tx:
        tx.tracking.unlink_evidence(annotation_id, recommendation_id)


def suggest_edit(store: Store, brief_id: str, start: int, end: int, replacement: str,
                 reviewer: str | None = None) -> Suggestion:
    """Record a proposed rewording of text[start:end], which must lie inside one block."""
    with store.transaction() as tx:
        brief = tx.briefs.get(brief_id)
        if brief is None:
            raise NotFoundError("that brief is no longer in the store")
        block = _block_holding(brief, start, end)
        if block is None:
            raise InputError("a suggested edit rewords part of one paragraph; select words "
                             "inside a single paragraph")
        if brief.text[start:end] == replacement:
            raise InputError("the suggested wording is the same as the original")
        return _add_suggestion(tx, brief, block, start, end, replacement, reviewer)[0]


def suggest_replacement(store: Store, brief_reference: str, quote: str, replacement: str, *,
                        occurrence: int = 1, reviewer: str | None = None) -> SuggestionView:
    """Suggest `replacement` (empty: delete) for the Nth occurrence of `quote` in the brief
    named by `brief_reference` (id, id prefix or title). The quote is found as `annotate`
    finds it and must lie inside one paragraph; every refusal is one InputError sentence."""
    if occurrence < 1:
        raise InputError("--occurrence counts from 1")
    with store.transaction() as tx:
        brief_id = resolve_brief(tx, brief_reference)
        brief = tx.briefs.get(brief_id)
        assert brief is not None
        start, end = locate_quote(brief.text, quote, occurrence, brief.title, purpose="reword")
        block = _block_holding(brief, start, end)
        if block is None:
            raise InputError(f"the quote {short_quote(quote)!r} runs across paragraphs of "
                             f"{brief.title!r}; a suggestion rewords part of one paragraph")
        if replacement in (quote, brief.text[start:end]):
            raise InputError(f"the new wording is the same as {short_quote(quote)!r}; give "
                             "other words with --with (or an empty --with to delete them)")
        suggestion, author = _add_suggestion(tx, brief, block, start, end, replacement,
                                             reviewer)
        return _suggestion_view(suggestion, brief.text, {author.id: author})


def _block_holding(brief: Brief, start: int, end: int) -> Block | None:
    """The block that holds all of text[start:end], if one does and the range is not empty."""
    if start >= end:
        return None
    return next((b for b in brief.blocks if b.start <= start and end <= b.end), None)


def _add_suggestion(tx: Transaction, brief: Brief, block: Block, start: int, end: int,
                    replacement: str, reviewer: str | None) -> tuple[Suggestion, Reviewer]:
    author = ensure_reviewer(tx, reviewer_name(tx, reviewer))
    suggestion = Suggestion(brief_id=brief.id, block_id=block.id,
                            anchor=anchor_at(brief.text, start, end),
                            replacement=replacement, reviewer_id=author.id)
    tx.findings.add_suggestion(suggestion)
    return suggestion, author


def _suggestion_view(suggestion: Suggestion, text: str,
                     reviewers: dict[str, Reviewer]) -> SuggestionView:
    start, end = suggestion.anchor.start, suggestion.anchor.end
    author = reviewers.get(suggestion.reviewer_id)
    return SuggestionView(id=suggestion.id, brief_id=suggestion.brief_id,
                          block_id=suggestion.block_id, start=start, end=end,
                          quote=text[start:end], replacement=suggestion.replacement,
                          reviewer=author.name if author else "?",
                          initials=author.initials if author else "?",
                          created=suggestion.created, status=suggestion.status)


def suggestions_of(store: Store, brief_id: str) -> list[Suggestion]:
    with store.transaction() as tx:
        return tx.findings.suggestions(brief_id)


def suggestion_views(store: Store, brief_id: str) -> list[SuggestionView]:
    """A brief's suggested edits in text order, with their reviewers' names."""
    with store.transaction() as tx:
        found = tx.briefs.title_and_text(brief_id)
        if found is None:
            raise NotFoundError("that brief is no longer in the store")
        reviewers = tx.reviewers.all()
        return [_suggestion_view(s, found[1], reviewers) for s in tx.findings.suggestions(brief_id)]


def withdraw_suggestion(store: Store, suggestion_id: str) -> None:
    with store.transaction() as tx:
        place = tx.tracking.suggestion_place(suggestion_id)
        if tx.tracking.delete_suggestion(suggestion_id) and place is not None:
            # The withdrawal travels in review bundles.
            tx.tracking.add_tombstone(suggestion_id, "suggestion", *place)


def decide_suggestion(store: Store, suggestion_id: str,
                      status: SuggestionStatus | str) -> SuggestionStatus:
    """Accept or reject a suggested edit (or make it pending again); returns the status it
    had. The brief's text stays as it was: an accepted edit is one the review proposes."""
    decided = SuggestionStatus(status)
    with store.transaction() as tx:
        before = tx.tracking.suggestion_status(suggestion_id)
        if before is None:
            raise NotFoundError("that suggested edit is no longer in the store")
        tx.tracking.set_suggestion_status(suggestion_id, decided.value)
        return SuggestionStatus(before)


def restore_suggestion(store: Store, suggestion: Suggestion) -> None:
    with store.transaction() as tx:
        tx.tracking.remove_tombstone(suggestion.id)
        tx.findings.add_suggestion(replace(suggestion))
