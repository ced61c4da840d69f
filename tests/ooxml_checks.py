"""Checking an exported .docx as a reader that knows only ISO/IEC 29500 would: every XML
part of WordprocessingML, the package's content types and relationships and the document
properties validated against the transitional schemas in ../shared/standards/ooxml/, after
what the part declares ignorable (mc:Ignorable) is taken out; an extension namespace used
without being declared ignorable is an error. The comment extension parts Word writes
(commentsExtended, commentsIds, commentsExtensible, people), which no ISO schema covers,
are checked for the shape Word-made files give them."""

from __future__ import annotations

import copy
import functools
import re
import tempfile
import zipfile
from pathlib import Path

from lxml import etree

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SCHEMAS = SHARED / "standards" / "ooxml"

MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"
MC = f"{{{MC_NS}}}"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
W14 = "{http://schemas.microsoft.com/office/word/2010/wordml}"
W15 = "{http://schemas.microsoft.com/office/word/2012/wordml}"
W16CID = "{http://schemas.microsoft.com/office/word/2016/wordml/cid}"
W16CEX = "{http://schemas.microsoft.com/office/word/2018/wordml/cex}"
_ISO = {  # root namespace -> the schema that covers it
    "http://schemas.openxmlformats.org/wordprocessingml/2006/main": "wml.xsd",
    "http://schemas.openxmlformats.org/package/2006/content-types":
        "opc-xsd/opc-contentTypes.xsd",
    "http://schemas.openxmlformats.org/package/2006/relationships":
        "opc-xsd/opc-relationships.xsd",
    "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties":
        "shared-documentPropertiesCustom.xsd",
    "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties":
        "shared-documentPropertiesExtended.xsd",
}
# wml.xsd refers to xml:space without importing the XML namespace: a minimal schema of it.
_XML_XSD = """<?xml version="1.0"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"
           targetNamespace="http://www.w3.org/XML/1998/namespace">
  <xs:attribute name="space"><xs:simpleType><xs:restriction base="xs:NCName">
    <xs:enumeration value="default"/><xs:enumeration value="preserve"/>
  </xs:restriction></xs:simpleType></xs:attribute>
  <xs:attribute name="lang" type="xs:language"/>
</xs:schema>"""
_HEX8 = re.compile(r"[0-9A-Fa-f]{8}")
_UTC = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z")


@functools.cache
def _schema() -> etree.XMLSchema:
    imports = [f'<xs:import namespace="{ns}" schemaLocation="{(SCHEMAS / f).as_uri()}"/>'
               for ns, f in _ISO.items()]
    with tempfile.TemporaryDirectory() as folder:
        xml_xsd = Path(folder) / "xml.xsd"
        xml_xsd.write_text(_XML_XSD, encoding="utf-8")
        source = ('<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" '
                  'targetNamespace="urn:reviewdesk:tests:all">'
                  '<xs:import namespace="http://www.w3.org/XML/1998/namespace" '
                  f'schemaLocation="{xml_xsd.as_uri()}"/>{"".join(imports)}</xs:schema>')
        return etree.XMLSchema(etree.fromstring(source))


def _is_extension(uri: str | None) -> bool:
    return bool(uri) and not uri.startswith(("http://schemas.openxmlformats.org/",
                                             "http://www.w3.org/", "http://purl.org/dc/",
                                             "urn:schemas-microsoft-com:"))


def strict_view(root: etree._Element, part: str) -> tuple[etree._Element, list[str]]:
    """The part as an ISO-only reader sees it (AlternateContent as its Fallback, what is
    declared ignorable taken out), and the extension namespaces it uses undeclared."""
    root = copy.deepcopy(root)
    problems: list[str] = []
    for alternate in list(root.iter(f"{MC}AlternateContent")):
        fallback = alternate.find(f"{MC}Fallback")
        parent = alternate.getparent()
        assert parent is not None
        at = parent.index(alternate)
        for child in reversed(list(fallback) if fallback is not None else []):
            parent.insert(at, child)
        parent.remove(alternate)

    def walk(element: etree._Element, ignorable: frozenset[str]) -> None:
        named = element.get(f"{MC}Ignorable")
        if named:
            ignorable = ignorable | {element.nsmap.get(p, f"undeclared:{p}")
                                     for p in named.split()}
            problems.extend(f"{part}: mc:Ignorable names undeclared prefix {p}"
                            for p in named.split() if p not in element.nsmap)
        for name in list(element.attrib):
            uri = etree.QName(name).namespace
            if uri == MC_NS or uri in ignorable:
                del element.attrib[name]
            elif _is_extension(uri):
                problems.append(f"{part}: attribute {name} not declared ignorable")
        for child in list(element):
            if not isinstance(child.tag, str):
                continue
            uri = etree.QName(child).namespace
            if uri in ignorable:
                element.remove(child)
                continue
            if _is_extension(uri):
                problems.append(f"{part}: element {child.tag} not declared ignorable")
            walk(child, ignorable)

    walk(root, frozenset())
    return root, problems


def new_problems(export: Path, original: Path) -> list[str]:
    """The problems of an export (see validate_docx) that its original does not have
    (where the original itself breaks the schema, as python-docx's template does, the
    export keeps what it is given)."""
    def key(problem: str) -> str:
        return re.sub(r"line \d+: ", "", problem)
    known = {key(problem) for problem in validate_docx(original)}
    return [problem for problem in validate_docx(export) if key(problem) not in known]


def validate_docx(path: Path) -> list[str]:
    """Every problem of the package's XML parts, as one line each (none: it is valid)."""
    problems: list[str] = []
    schema = _schema()
    with zipfile.ZipFile(path) as archive:
        parts = {name: etree.fromstring(archive.read(name)) for name in archive.namelist()
                 if name.endswith((".xml", ".rels"))}
    for name, root in parts.items():
        if etree.QName(root).namespace in _ISO:
            view, undeclared = strict_view(root, name)
            problems.extend(undeclared)
            if not schema.validate(view):
                problems.extend(f"{name}: line {e.line}: {e.message}"
                                for e in list(schema.error_log)[:5])
        elif root.tag in _SHAPES:
            problems.extend(_SHAPES[root.tag](name, root))
    problems.extend(_threads_complete(parts))
    return problems


def _check(part: str, root: etree._Element, child: str, attributes: dict[str, re.Pattern[str]],
           own_prefix: str) -> list[str]:
    problems = []
    if own_prefix not in (root.get(f"{MC}Ignorable") or "").split() or \
            root.nsmap.get(own_prefix) != etree.QName(root).namespace:
        problems.append(f"{part}: the root does not declare {own_prefix} ignorable")
    for element in root:
        if element.tag != child:
            problems.append(f"{part}: unexpected {element.tag}")
            continue
        for attribute, pattern in attributes.items():
            value = element.get(attribute)
            if value is None or not pattern.fullmatch(value):
                problems.append(f"{part}: {attribute}={value!r} on {child}")
    return problems


def _commentsex(part: str, root: etree._Element) -> list[str]:
    found = _check(part, root, f"{W15}commentEx",
                   {f"{W15}paraId": _HEX8, f"{W15}done": re.compile("[01]")}, "w15")
    found += [f"{part}: paraIdParent {e.get(f'{W15}paraIdParent')!r}" for e in root
              if e.get(f"{W15}paraIdParent") is not None
              and not _HEX8.fullmatch(e.get(f"{W15}paraIdParent", ""))]
    return found


def _ids(part: str, root: etree._Element) -> list[str]:
    found = _check(part, root, f"{W16CID}commentId",
                   {f"{W16CID}paraId": _HEX8, f"{W16CID}durableId": _HEX8}, "w16cid")
    return found + [f"{part}: durableId {e.get(f'{W16CID}durableId')} not below 0x80000000"
                    for e in root if int(e.get(f"{W16CID}durableId", "0"), 16) >= 0x80000000]


def _extensible(part: str, root: etree._Element) -> list[str]:
    return _check(part, root, f"{W16CEX}commentExtensible",
                  {f"{W16CEX}durableId": _HEX8, f"{W16CEX}dateUtc": _UTC}, "w16cex")


def _people(part: str, root: etree._Element) -> list[str]:
    found = _check(part, root, f"{W15}person", {f"{W15}author": re.compile(".+")}, "w15")
    for person in root:
        presence = person.find(f"{W15}presenceInfo")
        if presence is None or not presence.get(f"{W15}providerId") or \
                presence.get(f"{W15}userId") is None:
            found.append(f"{part}: person {person.get(f'{W15}author')!r} without presenceInfo")
    return found


_SHAPES = {f"{W15}commentsEx": _commentsex, f"{W16CID}commentsIds": _ids,
           f"{W16CEX}commentsExtensible": _extensible, f"{W15}people": _people}


def _threads_complete(parts: dict[str, etree._Element]) -> list[str]:
    """Every comment has its commentsEx entry (by the paraId of its last paragraph), and
    every entry of commentsIds and commentsExtensible refers to a comment."""
    roots = {root.tag: root for root in parts.values()}
    comments = roots.get(f"{W}comments")
    if comments is None:
        return []
    last_paras = set()
    problems = []
    for comment in comments.iter(f"{W}comment"):
        paragraphs = list(comment.iter(f"{W}p"))
        para = paragraphs[-1].get(f"{W14}paraId") if paragraphs else None
        if para is None:
            problems.append(f"comment {comment.get(f'{W}id')} has no paraId")
        else:
            last_paras.add(para.upper())
    extended = roots.get(f"{W15}commentsEx")
    have = {e.get(f"{W15}paraId", "").upper() for e in extended} \
        if extended is not None else set()
    problems += [f"comment paraId {p} has no commentEx" for p in sorted(last_paras - have)]
    ids = roots.get(f"{W16CID}commentsIds")
    durable = set()
    for entry in ids if ids is not None else []:
        durable.add(entry.get(f"{W16CID}durableId", "").upper())
        if entry.get(f"{W16CID}paraId", "").upper() not in last_paras:
            problems.append(f"commentsIds refers to no comment: {entry.attrib}")
    extensible = roots.get(f"{W16CEX}commentsExtensible")
    for entry in extensible if extensible is not None else []:
        if entry.get(f"{W16CEX}durableId", "").upper() not in durable:
            problems.append(f"commentsExtensible refers to no durable id: {entry.attrib}")
    return problems
