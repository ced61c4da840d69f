"""WordprocessingML helpers: XML source written as lxml writes the same elements, escaping
that survives a parse, and w:rPr children kept in the schema's order."""

from __future__ import annotations

import pytest
from lxml import etree

from reviewdesk.ooxml.elements import (
    escape_attribute,
    parse_w,
    set_run_property,
    text_element,
    text_source,
    w,
    writes_w,
    xml_safe,
)
from reviewdesk.ooxml.namespaces import W_NS, XML_SPACE, W


@pytest.mark.parametrize("text", ["plain", " leading", "trailing ", "two  spaces", "a&b<c>"])
def test_text_source_is_what_the_element_writes(text: str) -> None:
    [parsed] = parse_w(text_source(text))
    made = text_element(text)
    assert parsed.tag == made.tag == f"{W}t"
    assert parsed.text == made.text == text
    assert parsed.get(XML_SPACE) == made.get(XML_SPACE)


def test_attribute_escapes_survive_a_parse() -> None:
    value = 'tab\there\nline "quoted" & <tag>\r'
    [element] = parse_w(f'<w:x w:val="{escape_attribute(value)}"/>')
    assert element.get(f"{W}val") == value


def test_xml_safe_drops_what_xml_cannot_hold() -> None:
    assert xml_safe("a\x00b\x0bc\ufffed\tok\n") == "abcd\tok\n"


def test_run_properties_in_schema_order() -> None:
    run = w("r")
    set_run_property(run, w("sz", val="20"))
    set_run_property(run, w("b"))
    set_run_property(run, w("shd", val="clear", fill="FFEE00"))
    set_run_property(run, w("sz", val="24"))
    properties = run.find(f"{W}rPr")
    assert properties is not None
    assert [etree.QName(child).localname for child in properties] == ["b", "sz", "shd"]
    assert properties[1].get(f"{W}val") == "24"


def test_writes_w_only_where_the_prefix_w_means_wordprocessingml() -> None:
    assert writes_w(etree.fromstring(f'<w:document xmlns:w="{W_NS}"><w:body/></w:document>'))
    assert not writes_w(etree.fromstring(f'<document xmlns="{W_NS}"><body/></document>'))
    assert not writes_w(etree.fromstring(
        f'<w:document xmlns:w="{W_NS}"><x:y xmlns:x="{W_NS}"/></w:document>'))
