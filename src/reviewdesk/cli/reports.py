"""Writing a review out: `export` (a Word document) and `summary` (across briefs)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reviewdesk.cli.output import capped, print_json, print_warnings
from reviewdesk.cli.parser import PROG, open_store
from reviewdesk.domain.words import count as _count

if TYPE_CHECKING:
    from reviewdesk.domain.summary import Summary
    from reviewdesk.export.report import ChartRenderer


def add_parsers(commands: Any) -> None:
    """Add `export` and `summary` to the subcommands."""
    _add_export(commands)
    _add_summary(commands)


def _add_export(commands: Any) -> None:
    command = commands.add_parser("export", help="write a brief with its review as a Word "
                                  "document (.docx)")
    command.add_argument("brief", metavar="BRIEF")
    command.add_argument("-o", "--output", required=True, metavar="OUT.docx", type=Path,
                         help="the Word file to write (replaced if it exists)")
    command.add_argument("--reviewer", action="append", default=[], metavar="NAME",
                         dest="reviewers", help="only this reviewer's annotations and "
                         "suggestions (repeat for more; default: everyone's)")
    command.add_argument("--tag", action="append", default=[], metavar="TAG", dest="tags",
                         help="only annotations with this tag or one of its sub-tags "
                         "(repeat for more; default: all)")
    command.add_argument("--no-resolved", action="store_true",
                         help="leave out resolved annotations")
    command.add_argument("--no-suggestions", action="store_true",
                         help="leave out suggested edits (no tracked changes)")
    command.add_argument("--no-appendix", action="store_true",
                         help="leave out the appendix of indicators, reference checks and "
                         "recommendations")
    command.add_argument("--json", action="store_true", help="print the report as JSON")
    command.set_defaults(handler=_export)


def _export(args: argparse.Namespace) -> None:
    from reviewdesk.services.export import ExportOptions, export_brief

    options = ExportOptions(reviewers=tuple(args.reviewers), tags=tuple(args.tags),
                            include_resolved=not args.no_resolved,
                            include_suggestions=not args.no_suggestions,
                            include_appendix=not args.no_appendix)
    with open_store(args) as store:
        report = export_brief(store, args.brief, Path(args.output), options)
    if args.json:
        print_json({"path": str(report.path), "base": report.base,
                    "comments": report.comments, "replies": report.replies,
                    "highlights": report.highlights,
                    "tracked_changes": report.tracked_changes,
                    **capped({"warnings": report.warnings}, cut=False)})
        return
    base = ("from the original Word file" if report.base == "original"
            else "built from the brief's text")
    counts = ", ".join(_count(n, one, many) for n, one, many in (
        (report.comments, "comment", "comments"), (report.replies, "reply", "replies"),
        (report.highlights, "highlight", "highlights"),
        (report.tracked_changes, "tracked change", "tracked changes")))
    print(f"Exported {report.title!r} to {report.path}: {counts} ({base})")
    print_warnings(report.warnings)


def _add_summary(commands: Any) -> None:
    command = commands.add_parser("summary", help="sum up the review across briefs: tags, "
                                  "reviewers, checks, decisions, agreement, dated indicators")
    command.add_argument("--brief", metavar="BRIEF", help="only this brief (its id, a unique "
                         "start of it, or its title; default: every brief, at its latest "
                         "version)")
    command.add_argument("--report", metavar="FILE", type=Path,
                         help="also write the summary to FILE: .docx (tables and charts), "
                         ".csv (one value a line) or .xlsx (a sheet per table)")
    command.add_argument("--json", action="store_true", help="print the summary as JSON")
    command.set_defaults(handler=_summary)


def _summary(args: argparse.Namespace) -> None:
    from reviewdesk.export.report import check_report_path, write_report
    from reviewdesk.services.summary import summary_of

    # A name or folder that cannot be fails before any work.
    kind = check_report_path(args.report) if args.report is not None else None
    with open_store(args) as store:
        summary = summary_of(store, args.brief)
    charts, warnings = _chart_renderer() if kind == "docx" else (None, ())
    report = write_report(summary, args.report, charts=charts) if kind is not None else None
    if args.json:
        print_json(summary.to_dict())
    else:
        _print_summary(summary)
    if report is not None:
        print(f"Wrote the summary to {report.path} ({_count(report.tables, 'table')}"
              + (f", {_count(report.charts, 'chart', 'charts')}" if report.format == "docx"
                 else "") + ")", file=sys.stderr if args.json else sys.stdout)
        for warning in warnings:
            print(f"{PROG}: warning: {warning}", file=sys.stderr)


def _chart_renderer() -> tuple[ChartRenderer | None, tuple[str, ...]]:
    """The app's charts for a Word report; None, and a warning, where Qt cannot be loaded."""
    try:
        from reviewdesk.ui.charts import render_chart
    except ImportError as error:
        return None, (f"the report has no charts: Qt could not be loaded ({error})",)
    return render_chart, ()


def _print_summary(summary: Summary) -> None:
    briefs = summary.briefs
    if not briefs:
        print("No briefs in the store yet; 'reviewdesk import FILE' adds one.")
        return
    print(f"{_count(len(briefs), 'brief', 'briefs')}, "
          f"{_count(summary.annotation_total, 'annotation', 'annotations')} by "
          f"{_count(len(summary.progress), 'reviewer', 'reviewers')}")
    for brief in briefs:
        version = f" (version {brief.version})" if brief.version > 1 else ""
        print(f"  {brief.id[:8]}  {brief.title}{version}: "
              f"{_count(brief.annotations, 'annotation', 'annotations')}; references "
              f"{brief.checked('verified')} verified, {brief.checked('problem')} problem, "
              f"{brief.checked('unchecked')} unchecked; recommendations "
              f"{brief.recommendations_decided} of {brief.recommendations_total} decided")
    tags = summary.top_level_tags
    if tags:
        print("Tags: " + ", ".join(f"{tag} {n}" for tag, n in
                                   sorted(tags.items(), key=lambda item: (-item[1], item[0]))))
    for name, progress in summary.reviewer_progress.items():
        print(f"  {name}: {_count(progress.annotations, 'annotation', 'annotations')}, "
              f"{progress.resolved} resolved, "
              f"{_count(progress.replies, 'reply', 'replies')}")
    statuses = summary.status_counts
    print("Recommendations: " + ", ".join(f"{status.replace('_', ' ')} {n}"
                                          for status, n in statuses.items() if n)
          if any(statuses.values()) else "Recommendations: none")
    _print_summary_lists(summary)


def _print_summary_lists(summary: Summary) -> None:
    """The recurring recommendations, open comments, agreement and dated indicators."""
    print(f"Recurring recommendations: {len(summary.recurring)}")
    for group in summary.recurring:
        print("  - " + " | ".join(f"{item.text!r} ({item.title})" for item in group))
    print(f"Open comments: {len(summary.unresolved)}")
    if summary.agreement:
        print(f"Agreement reports: {len(summary.agreement)} "
              f"{'brief' if len(summary.agreement) == 1 else 'briefs'} with two or more "
              "reviewers")
    print(f"Dated indicators: {len(summary.timeline)}")
    for entry in summary.timeline:
        other = f" / {entry.other_calendar}" if entry.other_calendar else ""
        how = {"inferred": f" (inferred from {entry.source})",
               "reviewer": " (set by a reviewer)"}.get(entry.origin, "")
        print(f"  {entry.date}{other}{how}: {entry.text!r}")
