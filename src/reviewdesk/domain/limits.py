"""How much ReviewDesk takes from one file of annotations (W3C Web Annotation JSON-LD, review
bundles) and how much a command prints of what such a file held.

A file beyond any of these is refused with one sentence that names the limit and the item,
before the work its size would make long, and nothing is stored. They are far above what a
review needs (ReviewDesk is built for about 10,000 annotations a brief) and low enough that
a refused file costs next to nothing. docs/cli.md ("Limits") states them for users.
"""

from __future__ import annotations

# --- The file as a whole, checked before it is parsed ---------------------------------------

# ReviewDesk writes about 1.3 KB of JSON-LD per annotation and 0.6 KB per reply, so a file at
# both count limits below fits.
MAX_ANNOTATION_FILE_BYTES = 200_000_000
# Parsed JSON takes up to about 125 bytes per value however short the value is written
# ('{"a":[]},' is nine bytes): 100 MB of them would take 2.7 GB, 5,000,000 about 650 MB at
# most. Counted before parsing as the "{", "[" and "," characters of the file (those inside
# strings too); ReviewDesk writes about 35 per annotation and 20 per reply.
MAX_JSON_VALUES = 5_000_000

# --- What the file holds, counted before any annotation is built ----------------------------

MAX_ANNOTATIONS_PER_FILE = 100_000
MAX_REPLIES_PER_FILE = 50_000
# The codebook is a tree (the default one is two levels deep: Indicator › economic); the
# codebook editor makes none deeper, and a tag path from a file is followed level by level.
MAX_TAG_DEPTH = 10
MAX_TAG_NAME_CHARS = 200
# Different tags one file names (each level of a tag path counts): each may become a new tag
# of the codebook, which is edited by hand.
MAX_TAGS_PER_FILE = 1_000

# --- One annotation --------------------------------------------------------------------------

# The words annotated may be a long paragraph: as long as the longest paragraph a brief may
# have (importers.guards.MAX_PARAGRAPH_CHARS).
MAX_QUOTE_CHARS = 1_000_000
# The text recorded before and after the quote is short context (ReviewDesk writes 32
# characters, as other annotation tools do); it is compared at every place the quote stands.
MAX_CONTEXT_CHARS = 1_000
# A comment or a reply may be as long as a Word comment ReviewDesk imports.
MAX_COMMENT_CHARS = 1_000_000
# A reviewer's name or initials (the creator of an annotation or reply).
MAX_NAME_CHARS = 200
# A date a reviewer sets on an indicator ("15 September 2024", "١٠ شوال ١٤٤٤ هـ").
MAX_DATE_CHARS = 100

# --- What a command prints --------------------------------------------------------------------

# A list of things found in a file (quotes not placed, tags added, warnings) is printed up to
# this many entries, beside its full count.
MAX_PRINTED_ITEMS = 100
# A quote in such a list is cut to this many characters (ending in "…").
MAX_PRINTED_QUOTE_CHARS = 200
