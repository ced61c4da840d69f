"""`search`: every brief's titles, text, comments and replies, searched at once."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from reviewdesk.cli.output import print_json
from reviewdesk.cli.parser import open_store
from reviewdesk.domain.words import count as _count

if TYPE_CHECKING:
    from reviewdesk.services.search import BriefMatches, SearchHit


def add_parsers(commands: Any) -> None:
    """Add `search` to the subcommands."""
    command = commands.add_parser(
        "search", help="search every brief's title, text, comments and replies",
        description="Find briefs holding every word of QUERY (the last word may be the "
                    "start of one) in their title, text, comments or replies.")
    command.add_argument("query", metavar="QUERY", nargs="+", help="the words to look for")
    command.add_argument("--limit", type=int, default=200, metavar="N",
                         help="at most N matches in all (default: 200)")
    command.add_argument("--json", action="store_true")
    command.set_defaults(handler=_search)


def _search(args: argparse.Namespace) -> None:
    from reviewdesk.errors import InputError
    from reviewdesk.services.search import hit_count, search

    query = " ".join(args.query)
    if args.limit < 1:
        raise InputError("--limit must be at least 1")
    with open_store(args) as store:
        results = search(store, query, limit=args.limit)
    if args.json:
        print_json({"query": query, "matches": hit_count(results),
                    "briefs": [_brief_json(result) for result in results]})
        return
    if not results:
        print(f"No matches for “{query.strip()}”.")
        return
    for result in results:
        version = f", version {result.version}" if result.version is not None else ""
        print(f"{result.title}  ({result.brief_id[:8]}{version})")
        for hit in result.hits:
            print(f"  {hit.kind.value:8} {hit.snippet.marked('«', '»')}  (at {hit.offset:,})")
    matches = hit_count(results)
    print(f"\n{_count(matches, 'match', 'matches')} in {_count(len(results), 'brief')}.")


def _brief_json(result: BriefMatches) -> dict[str, Any]:
    return {"id": result.brief_id, "title": result.title, "version": result.version,
            "hits": [_hit_json(hit) for hit in result.hits]}


def _hit_json(hit: SearchHit) -> dict[str, Any]:
    return {"kind": hit.kind.value, "snippet": hit.snippet.text,
            "marks": [list(mark) for mark in hit.snippet.marks],
            "offset": hit.offset, "item_id": hit.item_id}
