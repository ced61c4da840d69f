"""`show`: a brief's sections, annotations, analysis and suggested edits."""

from __future__ import annotations

import argparse
from typing import Any

from reviewdesk.cli.json_shapes import (
    analysis_json,
    annotation_json,
    date_json,
    section_json,
    suggestion_json,
)
from reviewdesk.cli.output import print_json, print_tracked
from reviewdesk.cli.parser import open_store
from reviewdesk.domain.words import count as _count


def add_parsers(commands: Any) -> None:
    """Add `show` to the subcommands."""
    _add_show(commands)


def _add_show(commands: Any) -> None:
    command = commands.add_parser("show", help="show a brief's sections and annotations")
    command.add_argument("brief", metavar="BRIEF", help="the brief's id or a unique prefix")
    command.add_argument("--json", action="store_true")
    command.set_defaults(handler=_show)


def _show(args: argparse.Namespace) -> None:
    from reviewdesk.domain.appendix import annotation_dates
    from reviewdesk.services.analysis import analyse
    from reviewdesk.services.annotations import list_annotations
    from reviewdesk.services.briefs import load_brief
    from reviewdesk.services.decisions import brief_decisions
    from reviewdesk.services.tracking import suggestion_views

    with open_store(args) as store:
        brief = load_brief(store, args.brief)
        annotations = list_annotations(store, brief.id)
        analysis = analyse(store, brief.id)
        suggestions = suggestion_views(store, brief.id)
        decided = brief_decisions(store, brief.id)
    dated = annotation_dates(brief, annotations)
    notes = [annotation_json(a) | {"version": brief.version}
             | (date_json(dated[a.id]) if a.id in dated else {}) for a in annotations]
    if args.json:
        print_json({"id": brief.id, "title": brief.title, "format": brief.source_format.value,
                    "language": brief.language,
                    "version": brief.version, "version_of": brief.version_of,
                    "tracked_changes": brief.tracked_changes,
                    "sections": [section_json(s) for s in brief.sections],
                    "annotations": notes} | _with_decisions(analysis_json(analysis), analysis,
                                                            decided)
                   | {"suggestions": [suggestion_json(s) for s in suggestions]})
        return
    _print_brief(brief, notes, analysis)
    _print_suggestions(suggestions)


def _with_decisions(found: dict[str, Any], analysis: Any, decided: Any) -> dict[str, Any]:
    """The analysis's references with the claims linked to each, and its recommendations
    with their evidence and the history of the decisions on them."""
    from reviewdesk.cli.decisions import history_json

    for shown, reference in zip(found["references"], analysis.references, strict=True):
        shown["claims"] = decided.claims.get(reference.id, [])
    for shown, recommendation in zip(found["recommendations"], analysis.recommendations,
                                     strict=True):
        shown["evidence"] = decided.evidence.get(recommendation.id, [])
        shown["history"] = [history_json(e) for e in decided.history.get(recommendation.id, [])]
    return found


def _print_brief(brief: Any, notes: list[dict[str, Any]], analysis: Any) -> None:
    print(brief.title)
    print(f"id: {brief.id}  format: {brief.source_format.value}  "
          f"language: {brief.language or 'unknown'}")
    print_tracked(brief.tracked_changes, indent="")
    _print_sections(brief)
    _print_notes(notes)
    _print_analysis(analysis)


def _print_sections(brief: Any) -> None:
    for index, section in enumerate(brief.sections):
        untitled = "(front matter)" if index == 0 else "(notes)" \
            if section.kind == "references" else "(untitled)"
        print(f"\n[{section.kind.value}] {section.title or untitled}")
        for block in section.blocks[1 if section.title else 0:]:
            marker = "  - " if block.kind == "list_item" else "  "
            print(f"{marker}{block.text}")


def _print_notes(notes: list[dict[str, Any]]) -> None:
    print(f"\n{_count(len(notes), 'annotation')}")
    for note in notes:
        comment = f" — {note['comment']}" if note["comment"] else ""
        state = "" if note["anchor_state"] == "anchored" else \
            f" {note['anchor_state'].replace('_', ' ').upper()}"
        print(f"  {note['id'][:8]} [{note['tag']}] {note['reviewer']} ({note['status']}"
              f"{state}): \"{note['quote']}\"{comment}")


def _print_analysis(analysis: Any) -> None:
    print(f"\n{_count(len(analysis.references), 'reference')}")
    for ref in analysis.references:
        flags = f"  [{', '.join(ref.flags)}]" if ref.flags else ""
        check = "" if ref.check.value == "unchecked" else \
            f"  ({ref.check.value}{': ' + ref.note if ref.note else ''})"
        print(f"  {ref.position + 1}. {ref.raw[:90]}{flags}{check}")
    for citation in analysis.citations_without_reference:
        print(f"  cited but not in the list: {citation}")
    print(f"\n{_count(len(analysis.recommendations), 'recommendation')}")
    for rec in analysis.recommendations:
        tracked = [rec.status.value] + [f"{label} {value}" for label, value in (
            ("priority", rec.priority), ("owner", rec.owner),
            ("due", rec.due.isoformat() if rec.due else "")) if value]
        print(f"  {rec.position + 1}. [{rec.addressee or 'no addressee'}] {rec.text[:90]}"
              f"  ({', '.join(tracked)})")
    unsupported = [c for c in analysis.claim_support if c.unsupported]
    print(f"\n{_count(len(analysis.indicator_candidates), 'indicator candidate')}, "
          f"{_count(len(unsupported), 'claim')} without a plausible source")
    for check in analysis.date_checks:
        verdict = "consistent" if check.consistent else "DATES DO NOT MATCH"
        print(f"  date check: {check.text} — {verdict}")


def _print_suggestions(suggestions: list[Any]) -> None:
    if not suggestions:
        return
    print(f"\n{len(suggestions)} suggested edit{'' if len(suggestions) == 1 else 's'}")
    for s in suggestions:
        decided = "" if s.status == "pending" else f" ({s.status})"
        print(f"  {s.id[:8]} {s.reviewer}: {s.quote!r} -> {s.replacement!r}{decided}")
