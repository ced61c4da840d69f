"""Markup compatibility: the Microsoft extension namespaces a part uses, declared on its root
and named in its mc:Ignorable, so that a reader that knows only ISO 29500 (a strict one, or
a schema validator) may skip them rather than reject the part."""

from __future__ import annotations

from lxml import etree

from reviewdesk.ooxml.namespaces import MC, MC_NS

_IGNORABLE = f"{MC}Ignorable"


def declare_ignorable(root: etree._Element, extensions: dict[str, str]) -> etree._Element:
    """`root` with each namespace of `extensions` (preferred prefix: URI) declared on it and
    named in its mc:Ignorable, as is mc itself. lxml cannot declare a namespace on an element
    that exists, so when one is missing the root is made again with the same tag,
    attributes and children (moved, not copied: elements held elsewhere stay valid); the
    caller uses the root returned in place of `root`."""
    nsmap = dict(root.nsmap)
    wanted = {"mc": MC_NS, **extensions}
    prefixes: dict[str, str] = {}
    for prefix, uri in wanted.items():
        found = [name for name, value in nsmap.items() if value == uri and name]
        if found:
            prefixes[uri] = found[0]
            continue
        name, number = prefix, 1
        while name in nsmap:
            number += 1
            name = f"{prefix}x{number}"
        nsmap[name] = uri
        prefixes[uri] = name
    if nsmap != root.nsmap:
        remade = etree.Element(root.tag, nsmap=nsmap)  # type: ignore[arg-type]
        for key, value in root.attrib.items():
            remade.set(key, value)
        remade.text = root.text
        remade.extend(list(root))
        root = remade
    tokens = (root.get(_IGNORABLE) or "").split()
    for uri in extensions.values():
        if prefixes[uri] not in tokens:
            tokens.append(prefixes[uri])
    root.set(_IGNORABLE, " ".join(tokens))
    return root
