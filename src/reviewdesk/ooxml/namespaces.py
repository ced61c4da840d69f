"""The namespaces, relationship types and content types of Word files, defined once.

A name ending in `_NS` is a namespace URI; the same name without it (`W`) is the URI in
braces, the prefix of lxml's qualified names (`f"{W}p"` is WordprocessingML's paragraph)."""

from __future__ import annotations

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W14_NS = "http://schemas.microsoft.com/office/word/2010/wordml"
W15_NS = "http://schemas.microsoft.com/office/word/2012/wordml"
W16CID_NS = "http://schemas.microsoft.com/office/word/2016/wordml/cid"
W16CEX_NS = "http://schemas.microsoft.com/office/word/2018/wordml/cex"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
MATH_NS = "http://schemas.openxmlformats.org/officeDocument/2006/math"
CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
OFFICE_RELS_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
# The Word 2010 shapes, groups, canvases and positioning extensions of DrawingML.
DRAWING_2010_NS = frozenset({
    "http://schemas.microsoft.com/office/word/2010/wordprocessingShape",
    "http://schemas.microsoft.com/office/word/2010/wordprocessingGroup",
    "http://schemas.microsoft.com/office/word/2010/wordprocessingCanvas",
    "http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing",
})
CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
XML_NS = "http://www.w3.org/XML/1998/namespace"

W = f"{{{W_NS}}}"
W14 = f"{{{W14_NS}}}"
W15 = f"{{{W15_NS}}}"
W16CID = f"{{{W16CID_NS}}}"
W16CEX = f"{{{W16CEX_NS}}}"
MC = f"{{{MC_NS}}}"
MATH = f"{{{MATH_NS}}}"
OFFICE_RELS = f"{{{OFFICE_RELS_NS}}}"
CT = f"{{{CT_NS}}}"
REL = f"{{{REL_NS}}}"
CUSTOM = f"{{{CUSTOM_NS}}}"
VT = f"{{{VT_NS}}}"
XML_SPACE = f"{{{XML_NS}}}space"

# Strict OOXML renames the namespaces but keeps the vocabulary, so renaming them back lets
# one reader serve both. The relationships rename also fixes the relationship types.
STRICT_W_NS = "http://purl.oclc.org/ooxml/wordprocessingml/main"
STRICT_TO_TRANSITIONAL: tuple[tuple[bytes, bytes], ...] = (
    (STRICT_W_NS.encode(), W_NS.encode()),
    (b"http://purl.oclc.org/ooxml/officeDocument/relationships", OFFICE_RELS_NS.encode()),
    (b"http://purl.oclc.org/ooxml/officeDocument/math",
     b"http://schemas.openxmlformats.org/officeDocument/2006/math"),
)

# Relationship types and content types of the parts an export adds.
COMMENTS_TYPE = f"{OFFICE_RELS_NS}/comments"
COMMENTS_EX_TYPE = "http://schemas.microsoft.com/office/2011/relationships/commentsExtended"
CUSTOM_TYPE = f"{OFFICE_RELS_NS}/custom-properties"
COMMENTS_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
COMMENTS_EX_CT = ("application/vnd.openxmlformats-officedocument.wordprocessingml."
                  "commentsExtended+xml")
CUSTOM_CT = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
COMMENTS_IDS_TYPE = "http://schemas.microsoft.com/office/2016/09/relationships/commentsIds"
COMMENTS_EXTENSIBLE_TYPE = ("http://schemas.microsoft.com/office/2018/08/relationships/"
                            "commentsExtensible")
PEOPLE_TYPE = "http://schemas.microsoft.com/office/2011/relationships/people"
COMMENTS_IDS_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.commentsIds+xml"
COMMENTS_EXTENSIBLE_CT = ("application/vnd.openxmlformats-officedocument.wordprocessingml."
                          "commentsExtensible+xml")
PEOPLE_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.people+xml"
