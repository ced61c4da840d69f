"""Text boxes of a Word paragraph: the w:txbxContent under its drawings and VML pictures."""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from reviewdesk.ooxml.namespaces import DRAWING_2010_NS, MC, W

TXBX_CONTENT = f"{W}txbxContent"
ALTERNATE_CONTENT = f"{MC}AlternateContent"
_CHOICE, _FALLBACK = f"{MC}Choice", f"{MC}Fallback"
# Run children that may hold text boxes: DrawingML, VML, and Word's pairing of the two.
BOX_HOLDERS = frozenset({f"{W}drawing", f"{W}pict", ALTERNATE_CONTENT})
# The namespaces an mc:Choice may require for us to read it: the Word 2010 shapes, groups
# and canvases that hold DrawingML text boxes, and their positioning extensions.
_UNDERSTOOD = DRAWING_2010_NS


def text_boxes(element: etree._Element) -> Iterator[etree._Element]:
    """The outermost w:txbxContent at or under `element`, in document order.

    Word writes each text box twice, as DrawingML in an mc:Choice and as VML in its
    mc:Fallback; reading one branch only keeps its text from showing twice. A text box
    inside a text box is its content's business, so the search stops at the first level."""
    if element.tag == TXBX_CONTENT:
        yield element
        return
    if element.tag == ALTERNATE_CONTENT:
        branch = chosen_branch(element)
        children: etree._Element | tuple[()] = branch if branch is not None else ()
    else:
        children = element
    for child in children:
        if isinstance(child.tag, str):
            yield from text_boxes(child)


def chosen_branch(alternate: etree._Element) -> etree._Element | None:
    """What a consumer of mc:AlternateContent reads: the first Choice whose required
    namespaces it understands, else the Fallback, else nothing."""
    for child in alternate:
        if child.tag == _CHOICE and _understood(child):
            return child
        if child.tag == _FALLBACK:
            return child
    return None


def _understood(choice: etree._Element) -> bool:
    # Requires names prefixes, declared on the Choice or any ancestor.
    prefixes = (choice.get("Requires") or "").split()
    return bool(prefixes) and all(choice.nsmap.get(prefix) in _UNDERSTOOD
                                  for prefix in prefixes)
