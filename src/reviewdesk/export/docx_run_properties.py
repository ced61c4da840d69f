"""The properties of runs that splitting makes, kept as XML source, and run shading.

A run cut in two needs a copy of its w:rPr; shading a run sets w:shd in it. Hundreds of
thousands of them are written as source when the part is written (see
`docx_marks.write_marks`) rather than made as elements."""

from __future__ import annotations

import re

from lxml import etree

from reviewdesk.ooxml.elements import RPR, escape_attribute, parse_w, set_run_property, writes_w
from reviewdesk.ooxml.namespaces import W

# The placeholder that stands for a shading (w:rPr with w:shd) in a run without properties.
SHADE_MARK = "reviewdesk-shade-{}"


class RunProperties:
    """The properties of the runs that splitting makes, kept as XML source.

    A run cut in two gets a copy of its attributes and w:rPr: with fonts, size and language
    (as Word writes nearly every run) a dozen elements and attributes, for each of 200,000
    pieces. In a part that writes_w(), the new run is instead a bare w:r whose first child
    is a placeholder naming the properties, and write_marks() writes them in its place: the
    same source, made once for each run that was cut (and each shading of it)."""

    def __init__(self) -> None:
        self._writes_w: dict[etree._Element, bool] = {}  # by part root
        self._ids: dict[tuple[str, str, str], int] = {}
        # Each kept set: the run's attributes as written, its w:rPr as written ("" for
        # none), and the declarations of its part (to read the w:rPr again).
        self._sources: list[tuple[str, str, str]] = []
        self._shaded: dict[tuple[int, str], int] = {}

    def placeholder(self, run: etree._Element) -> etree._Element | None:
        """A placeholder for the attributes and properties of `run`, to be the first child
        of a bare run; None where they are copied instead (nothing to copy, or a part or
        attribute that is not written with the prefix w)."""
        first = next(run.iterchildren(), None)
        if first is not None and is_kept_properties(first):
            return run.makeelement(first.tag)  # a piece of a piece
        properties = run.find(RPR)
        if properties is None and not run.attrib:
            return None
        root = run.getroottree().getroot()
        writes = self._writes_w.get(root)
        if writes is None:
            # (Its w:rPr is read again with the root's declarations: a default namespace
            # would not be one of them.)
            writes = self._writes_w[root] = writes_w(root) and None not in root.nsmap
        attributes = _attributes_source(run)
        if not writes or attributes is None:
            return None
        declarations = " ".join(f'xmlns:{prefix}="{escape_attribute(uri)}"'
                                for prefix, uri in root.nsmap.items() if prefix)
        source = _in_place(properties) if properties is not None else ""
        return run.makeelement(_KEPT_PROPERTIES.format(
            self._id((attributes, source, declarations))))

    def source(self, key: int) -> str:
        """The start tag's attributes and the w:rPr of a run whose placeholder is `key`."""
        attributes, properties, _declarations = self._sources[key]
        return f"<w:r{attributes}>{properties}"

    def properties(self, kept: etree._Element) -> etree._Element | None:
        """The w:rPr a placeholder stands for, as an element (None for none)."""
        _attributes, properties, declarations = self._sources[kept_key(kept)]
        if not properties:
            return None
        return etree.fromstring(f"<w:x {declarations}>{properties}</w:x>")[0]

    def shade(self, kept: etree._Element, fill: str) -> None:
        """Shade the run whose first child is the placeholder `kept` (see shade)."""
        key = kept_key(kept)
        shaded = self._shaded.get((key, fill))
        if shaded is None:
            attributes, _properties, declarations = self._sources[key]
            wrapper = etree.fromstring(f"<w:x {declarations}><w:r/></w:x>")
            run = wrapper[0]
            properties = self.properties(kept)
            if properties is not None:
                run.append(properties)
            shade(run, fill)
            source = _in_place(run[0])
            shaded = self._shaded[(key, fill)] = self._id((attributes, source, declarations))
        kept.tag = _KEPT_PROPERTIES.format(shaded)

    def _id(self, kept: tuple[str, str, str]) -> int:
        key = self._ids.get(kept)
        if key is None:
            key = self._ids[kept] = len(self._sources)
            self._sources.append(kept)
        return key


_KEPT_PROPERTIES = "reviewdesk-run-{}"
_KEPT_PREFIX = "reviewdesk-run-"


def is_kept_properties(element: etree._Element) -> bool:
    """Whether `element` is the placeholder of a run's properties kept as source."""
    tag = element.tag
    return isinstance(tag, str) and tag.startswith(_KEPT_PREFIX)


def kept_key(kept: etree._Element) -> int:
    """The number of the properties a placeholder stands for."""
    return int(kept.tag[len(_KEPT_PREFIX):])


def _attributes_source(run: etree._Element) -> str | None:
    """The attributes of a run as they are written in its start tag (all WordprocessingML
    ones, as runs have), or None."""
    written = []
    for name, value in run.items():
        if not isinstance(name, str) or not isinstance(value, str) or not name.startswith(W):
            return None
        written.append(f' w:{name[len(W):]}="{escape_attribute(value)}"')
    return "".join(written)


def _in_place(element: etree._Element) -> str:
    """An element (and the text after it, which a copy has too) as it is written where it
    stands: tostring() of it alone declares the namespaces it uses, which are declared
    around it already (declarations come first in a start tag)."""
    alone = etree.tostring(element, encoding="unicode")
    parent = element.getparent()
    around = parent.nsmap if parent is not None else {}
    start = _DECLARATIONS.match(alone)
    assert start is not None
    kept = "".join(declaration[0] for declaration in _DECLARATION.finditer(start[1])
                   if around.get(declaration[1]) != declaration[2])
    return alone[:start.start(1)] + kept + alone[start.end(1):]


_DECLARATION = re.compile(r' xmlns(?::([^=\s]+))?="([^"]*)"')
_DECLARATIONS = re.compile(r'<[^\s/>]+((?: xmlns(?::[^=\s]+)?="[^"]*")*)')


# --- Shading -----------------------------------------------------------------------------------


def shade(run: etree._Element, fill: str) -> None:
    """Run shading in any colour ("RRGGBB"), unlike w:highlight's fixed palette."""
    shade_all([(run, fill)])


def shade_all(shading: list[tuple[etree._Element, str]], as_source: bool = False,
              kept: RunProperties | None = None) -> None:
    """Shade each run in its colour (see shade). The shading elements are made in one parse,
    with the w:rPr around them for runs that have none yet (most of them).

    With `as_source` (a part that writes_w()), a run without properties gets a placeholder
    instead, which write_marks() replaces with its w:rPr and w:shd: two elements and three
    attributes fewer for each of 200,000 runs; and a run whose properties are `kept` as
    source gets them shaded there."""
    if kept is not None:
        shading = [(run, fill) for run, fill in shading if not _shade_kept(run, fill, kept)]
    if as_source:
        shading = _shade_marks(shading)
    bare = [run.find(RPR) is None for run, _fill in shading]
    source = "".join(
        (BARE_SHADE if without else _SHADE).format(escape_attribute(fill))
        for (_run, fill), without in zip(shading, bare, strict=True))
    for (run, _fill), without, element in zip(shading, bare, parse_w(source), strict=True):
        if without:
            run.insert(0, element)
        else:
            set_run_property(run, element)


def _shade_kept(run: etree._Element, fill: str, kept: RunProperties) -> bool:
    first = next(run.iterchildren(), None)
    if first is None or not is_kept_properties(first):
        return False
    kept.shade(first, fill)
    return True


def _shade_marks(shading: list[tuple[etree._Element, str]]) -> list[tuple[etree._Element, str]]:
    """Put a placeholder first in each run without properties; the others, to shade."""
    others = []
    for run, fill in shading:
        if run.find(RPR) is None and _FILL.fullmatch(fill):
            run.insert(0, run.makeelement(SHADE_MARK.format(fill)))
        else:
            others.append((run, fill))
    return others


_FILL = re.compile(r"[0-9A-F]{6}")
_SHADE = '<w:shd w:val="clear" w:color="auto" w:fill="{}"/>'
BARE_SHADE = f"<w:rPr>{_SHADE}</w:rPr>"
