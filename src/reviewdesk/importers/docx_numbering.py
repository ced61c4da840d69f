"""Word's list numbering (numbering.xml): whether a list paragraph shows a bullet or a number."""

from __future__ import annotations

from lxml import etree

from reviewdesk.importers.docx_styles import VAL, W

_ABSTRACT_ID = f"{W}abstractNumId"
_ILVL = f"{W}ilvl"
# Formats that show no number: a bullet, or nothing at all.
_UNNUMBERED = frozenset({"bullet", "none"})


class Numbering:
    """numFmt by (numId, level), through the abstract numbering and any level override."""

    def __init__(self, root: etree._Element | None) -> None:
        self._abstract: dict[str, dict[int, str]] = {}
        self._nums: dict[str, tuple[str, dict[int, str]]] = {}
        if root is None:
            return
        for abstract in root.iterchildren(f"{W}abstractNum"):
            self._abstract[abstract.get(_ABSTRACT_ID, "")] = _levels(abstract)
        for num in root.iterchildren(f"{W}num"):
            link = num.find(_ABSTRACT_ID)
            overrides: dict[int, str] = {}
            for override in num.iterchildren(f"{W}lvlOverride"):
                overrides.update(_levels(override))
            self._nums[num.get(f"{W}numId", "")] = (
                link.get(VAL, "") if link is not None else "", overrides)

    def format(self, num_id: str, level: int) -> str:
        """"decimal", "upperRoman", "bullet", ...; "decimal" when the file does not say."""
        abstract_id, overrides = self._nums.get(num_id, ("", {}))
        if level in overrides:
            return overrides[level]
        return self._abstract.get(abstract_id, {}).get(level, "decimal")

    def shows_number(self, num_id: str, level: int) -> bool:
        return self.format(num_id, level) not in _UNNUMBERED


def _levels(parent: etree._Element) -> dict[int, str]:
    found: dict[int, str] = {}
    for level in parent.iter(f"{W}lvl"):
        fmt = level.find(f"{W}numFmt")
        try:
            index = int(level.get(_ILVL, "0"))
        except ValueError:
            continue
        if fmt is not None:
            found[index] = fmt.get(VAL, "decimal")
    return found
