"""How a Word paragraph looks: bold, size, capitals and centring as Word shows them, from its
runs, their character styles, its paragraph style and the document defaults."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from lxml import etree

from reviewdesk.domain.script import mostly_rtl
from reviewdesk.importers.docx_styles import VAL, W, int_val, is_on

_R, _T, _PPR, _RPR = f"{W}r", f"{W}t", f"{W}pPr", f"{W}rPr"
# Inline wrappers whose runs are the paragraph's own text (deletions are not).
_INLINE = frozenset(f"{W}{name}" for name in (
    "hyperlink", "ins", "moveTo", "smartTag", "sdt", "sdtContent", "customXml", "fldSimple",
    "bdo", "dir"))
_RUN_SPACE = {f"{W}tab": "\t", f"{W}ptab": "\t", f"{W}br": " ", f"{W}cr": " "}
_BOLD_SHARE = 0.9
_DEFAULT_SIZE = 20  # half-points: Word's 10 pt when nothing says otherwise


@dataclass(frozen=True, slots=True)
class RunFormat:
    """The character properties one level (run, style, defaults) sets; None: not set here."""

    bold: bool | None = None
    bold_cs: bool | None = None
    size: int | None = None  # half-points
    size_cs: int | None = None
    caps: bool | None = None

    def under(self, parent: RunFormat) -> RunFormat:
        """These properties where set, the parent's elsewhere."""
        return RunFormat(
            bold=self.bold if self.bold is not None else parent.bold,
            bold_cs=self.bold_cs if self.bold_cs is not None else parent.bold_cs,
            size=self.size if self.size is not None else parent.size,
            size_cs=self.size_cs if self.size_cs is not None else parent.size_cs,
            caps=self.caps if self.caps is not None else parent.caps)


def run_format(rpr: etree._Element | None) -> RunFormat:
    if rpr is None:
        return RunFormat()
    caps = [is_on(el) for el in (rpr.find(f"{W}caps"), rpr.find(f"{W}smallCaps"))
            if el is not None]
    return RunFormat(bold=_toggle(rpr, "b"), bold_cs=_toggle(rpr, "bCs"),
                     size=int_val(rpr.find(f"{W}sz")), size_cs=int_val(rpr.find(f"{W}szCs")),
                     caps=any(caps) if caps else None)


def _toggle(rpr: etree._Element, name: str) -> bool | None:
    element = rpr.find(f"{W}{name}")
    return is_on(element) if element is not None else None


@dataclass(frozen=True, slots=True)
class Look:
    """What a reader sees of a paragraph: its text (tabs kept) and how it stands out."""

    text: str
    bold: bool  # nearly every letter bold
    size: float  # points, of most of its letters
    caps: bool  # every cased letter shown as a capital
    centered: bool


class Formats:
    """Run properties of paragraph and character styles along basedOn, and the defaults."""

    def __init__(self, root: etree._Element | None) -> None:
        self._raw: dict[tuple[str, str], etree._Element] = {}
        self._resolved: dict[tuple[str, str], tuple[RunFormat, str | None]] = {}
        self.defaults = RunFormat()
        self.default_jc: str | None = None
        self.default_style: str | None = None
        if root is None:
            return
        defaults = root.find(f"{W}docDefaults")
        if defaults is not None:
            self.defaults = run_format(defaults.find(f"{W}rPrDefault/{_RPR}"))
            self.default_jc = _jc(defaults.find(f"{W}pPrDefault/{_PPR}"))
        for style in root.iterchildren(f"{W}style"):
            kind = style.get(f"{W}type", "paragraph")
            self._raw[(kind, style.get(f"{W}styleId", ""))] = style
            if kind == "paragraph" and style.get(f"{W}default") in ("1", "true", "on"):
                self.default_style = style.get(f"{W}styleId", "")

    def style(self, kind: str, style_id: str | None) -> tuple[RunFormat, str | None]:
        """A paragraph or character style's run properties and justification, basedOn
        applied (walked, with a guard against loops)."""
        if style_id is None:
            return RunFormat(), None
        chain: list[tuple[str, etree._Element]] = []
        current: str | None = style_id
        inherited: tuple[RunFormat, str | None] = (RunFormat(), None)
        while current is not None and len(chain) < 64:
            if (kind, current) in self._resolved:
                inherited = self._resolved[(kind, current)]
                break
            element = self._raw.get((kind, current))
            if element is None or any(ident == current for ident, _ in chain):
                break
            chain.append((current, element))
            based = element.find(f"{W}basedOn")
            current = based.get(VAL) if based is not None else None
        for ident, element in reversed(chain):
            own = run_format(element.find(_RPR)).under(inherited[0])
            inherited = (own, _jc(element.find(_PPR)) or inherited[1])
            self._resolved[(kind, ident)] = inherited
        return inherited

    def look(self, paragraph: etree._Element) -> Look:
        ppr = paragraph.find(_PPR)
        style = ppr.find(f"{W}pStyle") if ppr is not None else None
        style_id = style.get(VAL) if style is not None else self.default_style
        base, style_jc = self.style("paragraph", style_id)
        base = base.under(self.defaults)
        jc = _jc(ppr) or style_jc or self.default_jc
        parts: list[str] = []
        tally = _Tally()
        for run in _runs(paragraph):
            text = _run_text(run)
            if text:
                parts.append(text)
                tally.add(text, self._effective(run, base))
        return Look("".join(parts), tally.bold(), tally.size(), tally.caps(), jc == "center")

    def _effective(self, run: etree._Element, base: RunFormat) -> RunFormat:
        rpr = run.find(_RPR)
        own = run_format(rpr)
        style = rpr.find(f"{W}rStyle") if rpr is not None else None
        if style is not None:
            own = own.under(self.style("character", style.get(VAL))[0])
        return own.under(base)


class _Tally:
    """Letters counted by boldness, size and case across a paragraph's runs."""

    def __init__(self) -> None:
        self.letters = 0
        self.bold_letters = 0
        self.sizes: Counter[float] = Counter()
        self.cased = 0
        self.upper = 0

    def add(self, text: str, fmt: RunFormat) -> None:
        letters = sum(1 for char in text if char.isalpha())
        if not letters:
            return
        complex_script = mostly_rtl(text)
        bold = fmt.bold_cs if complex_script and fmt.bold_cs is not None else fmt.bold
        size = fmt.size_cs if complex_script and fmt.size_cs is not None else fmt.size
        self.letters += letters
        self.bold_letters += letters if bold else 0
        self.sizes[(size or _DEFAULT_SIZE) / 2] += letters
        cased = [char for char in text if char.isalpha() and char.lower() != char.upper()]
        self.cased += len(cased)
        self.upper += len(cased) if fmt.caps else sum(1 for char in cased if char.isupper())

    def bold(self) -> bool:
        return self.letters > 0 and self.bold_letters >= _BOLD_SHARE * self.letters

    def size(self) -> float:
        return self.sizes.most_common(1)[0][0] if self.sizes else _DEFAULT_SIZE / 2

    def caps(self) -> bool:
        return self.cased >= 3 and self.upper == self.cased


def _jc(ppr: etree._Element | None) -> str | None:
    element = ppr.find(f"{W}jc") if ppr is not None else None
    return element.get(VAL) if element is not None else None


def _runs(element: etree._Element) -> Iterator[etree._Element]:
    for child in element:
        if child.tag == _R:
            yield child
        elif child.tag in _INLINE:
            yield from _runs(child)


def _run_text(run: etree._Element) -> str:
    parts: list[str] = []
    for child in run:
        if child.tag == _T:
            parts.append(child.text or "")
        elif child.tag in _RUN_SPACE:
            parts.append(_RUN_SPACE[child.tag])
    return "".join(parts)
