"""Every edit goes through the undo stack, is stored at once, and undoes exactly."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from reviewdesk.domain.findings import RecommendationStatus, ReferenceCheck
from reviewdesk.domain.review import AnnotationStatus
from reviewdesk.services.annotations import list_annotations
from reviewdesk.services.tracking import recommendations_of, references_of
from reviewdesk.ui import undo
from reviewdesk.ui.session import ReviewSession


def _span(session: ReviewSession, words: str) -> tuple[int, int]:
    assert session.brief is not None
    start = session.brief.text.index(words)
    return start, start + len(words)


def test_create_undo_redo(session: ReviewSession) -> None:
    assert session.brief is not None
    tag = session.codebook.find("Indicator › security")
    assert tag is not None
    command = undo.CreateAnnotation(session, session.brief.id,
                                    *_span(session, "first joint patrol"), tag.id)
    session.push(command)
    [stored] = list_annotations(session.store, session.brief.id)
    assert stored.tag == "Indicator › security" and session.annotations == [stored]
    session.undo_stack.undo()
    assert list_annotations(session.store, session.brief.id) == []
    assert session.annotations == []
    session.undo_stack.redo()
    [again] = list_annotations(session.store, session.brief.id)
    assert again.id == stored.id and session.annotations == [again]


def test_edit_delete_and_reply_undo(session: ReviewSession) -> None:
    assert session.brief is not None
    session.push(undo.CreateAnnotation(session, session.brief.id, *_span(session, "perch"),
                                       None, comment="Species?"))
    [note] = session.annotations
    session.push(undo.EditAnnotation(session, note.id, comment="Which species?",
                                     status=AnnotationStatus.RESOLVED))
    session.push(undo.AddReply(session, note.id, "Perch only."))
    changed = session.annotation(note.id)
    assert changed is not None and changed.comment == "Which species?"
    assert [r.text for r in changed.replies] == ["Perch only."]
    session.push(undo.DeleteAnnotation(session, note.id))
    assert list_annotations(session.store, session.brief.id) == []
    session.undo_stack.undo()  # delete
    session.undo_stack.undo()  # reply
    session.undo_stack.undo()  # edit
    [back] = list_annotations(session.store, session.brief.id)
    assert (back.id, back.comment, back.status, back.replies) == (note.id, "Species?", "open",
                                                                 ())


def test_reference_and_recommendation_edits_undo(session: ReviewSession) -> None:
    assert session.brief is not None
    reference = references_of(session.store, session.brief.id)[0].reference
    session.push(undo.CheckReference(session, reference.id, ReferenceCheck.VERIFIED, "ok"))
    assert references_of(session.store, session.brief.id)[0].reference.check == "verified"
    session.undo_stack.undo()
    assert references_of(session.store, session.brief.id)[0].reference.check == "unchecked"

    recommendation = recommendations_of(session.store, session.brief.id)[0].recommendation
    session.push(undo.EditRecommendation(session, recommendation.id, status="accepted",
                                         owner="Harbour desk"))
    tracked = recommendations_of(session.store, session.brief.id)[0].recommendation
    assert (tracked.status, tracked.owner) == (RecommendationStatus.ACCEPTED, "Harbour desk")
    session.undo_stack.undo()
    tracked = recommendations_of(session.store, session.brief.id)[0].recommendation
    assert (tracked.status, tracked.owner) == (RecommendationStatus.PROPOSED, "")

    session.push(undo.CreateAnnotation(session, session.brief.id, *_span(session, "perch"),
                                       None))
    [note] = session.annotations
    session.push(undo.LinkClaim(session, note.id, reference.id))
    assert references_of(session.store, session.brief.id)[0].claims == (note.id,)
    session.undo_stack.undo()
    assert references_of(session.store, session.brief.id)[0].claims == ()


def test_a_failed_edit_is_a_message_and_leaves_no_step(qtbot: QtBot,
                                                       session: ReviewSession) -> None:
    assert session.brief is not None
    with qtbot.waitSignal(session.error) as message:
        session.push(undo.CreateAnnotation(session, session.brief.id, 3, 3, None))
    assert "select some words" in message.args[0]
    assert session.undo_stack.count() == 0
