from __future__ import annotations

from reviewdesk.domain.claims import claim_support, stem
from reviewdesk.domain.references import analyse_references
from reviewdesk.importers.markdown import parse_markdown

BRIEF = """# River Ports of Velmora

## Introduction

Velmora has long depended on river trade.

## Indicators

In March 2024, the port authority of Dravik reopened the northern ferry crossing. Later,
the harbour master Ilse Marov visited Tolen to sign a dredging contract. A cholera outbreak
in Sarn prompted 40 tonnes of medical supplies to be shipped upriver. Tariffs were cut by
half (Velmora Customs, 2024). Velmora’s ministers remain divided on the ports.

## References

- Dravik Gazette. (2024, March 18). Northern ferry crossing reopens at Dravik. Link
- River News. (2024, June 2). Harbour master Marov signs dredging deal in Tolen. Link
- Velmora Customs. (2024). Tariff schedule. Link
- Trade Weekly. (2021, May 5). Velmora ports and the river economy. Link
"""


def test_ranks_entries_and_flags_unsupported() -> None:
    brief = parse_markdown(BRIEF, "v.md")
    report = analyse_references(brief)
    support = claim_support(brief, report.entries)
    rows = [(s.text.split()[:3], s.references, s.unsupported) for s in support]
    assert rows == [
        (["In", "March", "2024,"], [1], False),
        (["Later,", "the", "harbour"], [2], False),
        (["A", "cholera", "outbreak"], [], True),
    ]
    assert all(brief.text[s.start:s.end] == s.text for s in support)


def test_date_consistency_breaks_a_tie() -> None:
    brief = parse_markdown("""# Ferries

## Indicators

The Osk ferry line closed in June 2022.

## References

- Harbour Desk. (2019, January 3). Osk ferry line. Link
- Harbour Desk. (2022, June 20). Osk ferry line. Link
""", "f.md")
    [claim] = claim_support(brief, analyse_references(brief).entries)
    assert claim.references[0] == 2


def test_stem() -> None:
    assert stem("reopening") == stem("reopened") == stem("reopens") == "reopen"
    assert stem("approves") == stem("approve")
