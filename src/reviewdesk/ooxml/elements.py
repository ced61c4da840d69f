"""WordprocessingML elements, and the XML source written beside them.

Large exports write much of their XML as source rather than as elements made one by one
(200,000 comment markers, 100,000 appendix rows). The helpers here make both, so that the
two are written alike: the source is what lxml serialises for the same elements."""

from __future__ import annotations

import re

from lxml import etree

from reviewdesk.ooxml.namespaces import W_NS, XML_SPACE, W

R, T, RPR, SHD = f"{W}r", f"{W}t", f"{W}rPr", f"{W}shd"
W_DECLARATION = f'xmlns:w="{W_NS}"'

# The order of w:rPr's children in the schema (CT_RPr's sequence); Word rejects others.
_RPR_ORDER = [f"{W}{name}" for name in (
    "rStyle", "rFonts", "b", "bCs", "i", "iCs", "caps", "smallCaps", "strike", "dstrike",
    "outline", "shadow", "emboss", "imprint", "noProof", "snapToGrid", "vanish", "webHidden",
    "color", "spacing", "w", "kern", "position", "sz", "szCs", "highlight", "u", "effect",
    "bdr", "shd", "fitText", "vertAlign", "rtl", "cs", "em", "lang", "eastAsianLayout",
    "specVanish", "oMath")]
_RPR_RANK = {tag: rank for rank, tag in enumerate(_RPR_ORDER)}
_TEXT_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
_ATTRIBUTE_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;",
                                    "\t": "&#9;", "\n": "&#10;", "\r": "&#13;"})
# Characters XML 1.0 cannot hold (control characters, lone surrogates, U+FFFE/U+FFFF).
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def w(name: str, **attributes: str) -> etree._Element:
    """A WordprocessingML element: w("ins", id="3") is <w:ins w:id="3"/>."""
    return etree.Element(f"{W}{name}", {f"{W}{key}": value for key, value in attributes.items()})


def needs_preserve(text: str) -> bool:
    """Whether a w:t of `text` must say xml:space="preserve" (Word drops the spaces at its
    ends, and folds doubled ones, otherwise)."""
    return text != text.strip() or "  " in text


def text_element(text: str, tag: str = T) -> etree._Element:
    """A w:t (or `tag`) holding `text`, its spaces preserved where they must be."""
    element = etree.Element(tag)
    element.text = text
    if needs_preserve(text):
        element.set(XML_SPACE, "preserve")
    return element


def text_source(text: str) -> str:
    """text_element() as XML source (`text` must be XML-safe, see xml_safe)."""
    if needs_preserve(text):
        return f'<w:t xml:space="preserve">{escape_text(text)}</w:t>'
    return f"<w:t>{escape_text(text)}</w:t>"


def xml_safe(text: str) -> str:
    """`text` without the characters XML 1.0 cannot hold (control characters, U+FFFE,
    U+FFFF, lone surrogates)."""
    return _NOT_XML.sub("", text)


def escape_text(text: str) -> str:
    """`text` as the content of an element in XML source (a carriage return as a reference,
    which a parser would otherwise turn into a line feed)."""
    return text.translate(_TEXT_ESCAPES)


def escape_attribute(value: str) -> str:
    """`value` inside double quotes in XML source; tabs and line breaks as references, which
    a parser would otherwise turn into spaces."""
    return value.translate(_ATTRIBUTE_ESCAPES)


def parse_w(source: str) -> list[etree._Element]:
    """The elements of a piece of XML source in which the prefix w is WordprocessingML's.
    Many small elements come out of one parse far faster than made one by one; once moved
    into a document they are written exactly as elements made one by one would be."""
    if not source:
        return []
    return list(etree.fromstring(f"<w:x {W_DECLARATION}>{source}</w:x>"))


def writes_w(root: etree._Element) -> bool:
    """Whether every element of a part writes WordprocessingML with the prefix w and w means
    nothing else (as in every Word and LibreOffice file): source written with that prefix
    then reads as the same elements anywhere in the part, and is what lxml would write for
    elements made one by one and put there."""
    return writes_prefixes(root, {"w": W_NS})


def writes_prefixes(root: etree._Element, prefixes: dict[str, str]) -> bool:
    """writes_w() for each prefix: namespace of `prefixes`."""
    declared = root.nsmap
    for prefix, uri in prefixes.items():
        if [name for name, value in declared.items() if value == uri] != [prefix]:
            return False
    uris = set(prefixes.values())
    for _event, (prefix, uri) in etree.iterwalk(root, events=("start-ns",)):
        if (prefix in prefixes or uri in uris) and prefixes.get(prefix) != uri:
            return False
    return True


def set_run_property(run: etree._Element, prop: etree._Element) -> None:
    """Set one w:rPr child (replacing one of the same tag) in the schema's order."""
    properties = run.find(RPR)
    if properties is None:
        properties = etree.Element(RPR)
        run.insert(0, properties)
    old = properties.find(prop.tag)
    if old is not None:
        properties.replace(old, prop)
        return
    rank = _RPR_RANK.get(prop.tag, len(_RPR_ORDER))
    for position, child in enumerate(properties):
        if _RPR_RANK.get(child.tag, len(_RPR_ORDER)) > rank:
            properties.insert(position, prop)
            return
    properties.append(prop)
