"""The JSON shapes of what `show`, `annotate` and `date` print: sections, analysis,
annotations, dates and suggested edits."""

from __future__ import annotations

from typing import Any


def section_json(section: Any) -> dict[str, Any]:
    """A section with its blocks, as `show --json` prints it."""
    return {"id": section.id, "title": section.title, "kind": section.kind.value,
            "level": section.level,
            "blocks": [{"id": b.id, "kind": b.kind.value, "text": b.text, "start": b.start,
                        "end": b.end, "level": b.level, "locator": b.locator, "page": b.page,
                        "tracked_changes": b.tracked_changes, "rtl": b.rtl}
                       for b in section.blocks]}


def analysis_json(analysis: Any) -> dict[str, Any]:
    """References, recommendations, indicator candidates, date checks and claim
    support, as `show --json` prints them (the accuracy benchmark reads them too)."""
    return {
        "references": [{"index": r.position + 1, "text": r.raw, "author": r.author,
                        "date": r.date_text, "title": r.title, "container": r.container,
                        "url": r.url, "flags": r.flags, "duplicate_of": r.duplicate_of,
                        "check": r.check.value, "note": r.note}
                       for r in analysis.references],
        "citations_without_reference": analysis.citations_without_reference,
        "recommendations": [{"index": r.position + 1, "id": r.id, "text": r.text,
                             "addressee": r.addressee, "status": r.status.value,
                             "priority": r.priority, "owner": r.owner,
                             "due": r.due.isoformat() if r.due else None, "note": r.note}
                            for r in analysis.recommendations],
        "indicator_candidates": [{"text": c.text, "date": c.date, "section": c.section,
                                  "start": c.start, "end": c.end,
                                  "confidence": round(c.confidence, 2),
                                  "date_stated": c.date_stated, "date_source": c.date_source}
                                 for c in analysis.indicator_candidates],
        "date_checks": [{"text": d.text, "gregorian": d.gregorian, "solar_hijri": d.solar_hijri,
                         "lunar_hijri": d.lunar_hijri, "consistent": d.consistent}
                        for d in analysis.date_checks],
        "claim_support": [{"text": c.text, "references": list(c.references),
                           "unsupported": c.unsupported, "start": c.start, "end": c.end}
                          for c in analysis.claim_support],
    }


def annotation_json(annotation: Any) -> dict[str, Any]:
    """An annotation with its replies, as `show` and `annotate` print it."""
    return {"id": annotation.id, "tag": annotation.tag, "comment": annotation.comment,
            "reviewer": annotation.reviewer, "status": annotation.status.value,
            "quote": annotation.quote, "start": annotation.start, "end": annotation.end,
            "anchor_state": annotation.anchor_state, "anchor_score": annotation.anchor_score,
            "date_set": annotation.date,
            "replies": [{"id": r.id, "reviewer": r.reviewer, "text": r.text,
                         "created": r.created.isoformat()} for r in annotation.replies]}


def date_json(dated: Any) -> dict[str, Any]:
    """An indicator's date as JSON: as written or worked out, whether the brief states it,
    how it was had (stated, inferred, reviewer, none) and from what."""
    if dated is None or not dated.date.text:
        return {"date": None, "date_stated": False, "date_origin": "none",
                "date_source": ""}
    return {"date": dated.date.text, "other_calendar": dated.other,
            "date_stated": dated.date.stated, "date_origin": dated.date.origin.value,
            "date_source": dated.date.source}


def suggestion_json(suggestion: Any) -> dict[str, Any]:
    """A suggested edit, as `show --json` prints it."""
    return {"id": suggestion.id, "start": suggestion.start, "end": suggestion.end,
            "quote": suggestion.quote, "replacement": suggestion.replacement,
            "reviewer": suggestion.reviewer, "created": suggestion.created.isoformat(),
            "status": str(suggestion.status)}
