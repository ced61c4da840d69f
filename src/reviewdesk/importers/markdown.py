"""Markdown importer: markdown-it-py's block tokens become blocks, inline markup plain text."""

from __future__ import annotations

import re
from collections.abc import Sequence

from markdown_it import MarkdownIt
from markdown_it.token import Token

from reviewdesk.domain.brief import BlockKind, Brief, BriefBuilder, Link, SourceFormat
from reviewdesk.errors import InputError
from reviewdesk.importers.text import fold_links, title_from_filename

# Raw HTML is parsed (not shown as text) so that its tags can be dropped.
_PARSER = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
# markdown-it drops everything after a block nested this deep (20 in the commonmark preset;
# a list in a list counts two, the list and its item), so a file that reaches it is refused
# rather than imported cut short. Raising it would not do: the same limit bounds inline
# nesting, and unclosed "![" cost time in proportion to it.
_MAX_NESTING: int = _PARSER.options["maxNesting"]

_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<body>.*?)^(?:---|\.\.\.)[ \t]*$", re.DOTALL | re.M)
# A "---" line may also be a thematic break, so the block is front matter only if every
# line reads as YAML: a key, an indented value, a list entry or a comment.
_YAML_KEY = re.compile(r"[A-Za-z_][\w-]*[ \t]*:")
_YAML_LINE = re.compile(r"[A-Za-z_][\w-]*[ \t]*:|[ \t]+\S|-[ \t]|#|[ \t]*$")
_YAML_TITLE = re.compile(r"^title[ \t]*:[ \t]*(?P<value>.*?)[ \t]*$", re.MULTILINE)
_TEXT_PARENTS = {"heading_open", "paragraph_open", "th_open", "td_open"}
# The blocks whose content is parsed as blocks again, one nesting level deeper.
_CONTAINERS = frozenset({"blockquote_open", "list_item_open"})


def parse_markdown(text: str, filename: str) -> Brief:
    """Cut Markdown into a Brief; `filename` only supplies a title when the text has none."""
    body, front_title = _split_front_matter(text)
    tokens = _PARSER.parse(body)
    if any(token.type in _CONTAINERS and token.level >= _MAX_NESTING - 1 for token in tokens):
        raise InputError(f"cannot import {filename}: its lists or quotes are nested too deeply "
                         "for ReviewDesk to read")
    builder = BriefBuilder()
    first_h1 = _Walker(builder).walk(tokens)
    title = front_title or first_h1 or title_from_filename(filename)
    return builder.build(title, SourceFormat.MARKDOWN)


def _split_front_matter(text: str) -> tuple[str, str]:
    """The text without its YAML front matter (blanked, so line numbers hold) and its title."""
    match = _FRONT_MATTER.match(text)
    if match is None or not _looks_like_yaml(match["body"]):
        return text, ""
    title_match = _YAML_TITLE.search(match["body"])
    title = title_match["value"].strip("\"'") if title_match else ""
    blanked = "\n" * match.group(0).count("\n")
    return blanked + text[match.end():], " ".join(title.split())


def _looks_like_yaml(body: str) -> bool:
    lines = body.split("\n")
    return bool(_YAML_KEY.match(lines[0])) and all(_YAML_LINE.match(line) for line in lines)


class _Walker:
    """Walks the block tokens once, keeping track of the lists it is inside."""

    def __init__(self, builder: BriefBuilder) -> None:
        self._builder = builder
        self._list_depth = 0
        # One flag per open list item: True until the item's first paragraph is seen.
        self._item_waiting: list[bool] = []
        self._first_h1 = ""

    def walk(self, tokens: Sequence[Token]) -> str:
        """Add every block to the builder; returns the text of the first level-1 heading."""
        for index, token in enumerate(tokens):
            if token.type == "inline" and index and tokens[index - 1].type in _TEXT_PARENTS:
                self._inline(tokens[index - 1], token)
            elif token.type in ("fence", "code_block"):
                self._builder.block(BlockKind.PARAGRAPH, token.content, _locator(token.map))
            else:
                self._structure(token)
        return self._first_h1

    def _structure(self, token: Token) -> None:
        if token.type in ("bullet_list_open", "ordered_list_open"):
            self._list_depth += 1
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            self._list_depth -= 1
        elif token.type == "list_item_open":
            self._item_waiting.append(True)
        elif token.type == "list_item_close":
            self._item_waiting.pop()

    def _inline(self, parent: Token, inline: Token) -> None:
        text, links = _plain_text(inline.children or [])
        locator = _locator(parent.map or inline.map)
        if parent.type == "heading_open":
            level = int(parent.tag[1:])
            block = self._builder.heading(text, level, locator, links=links)
            if block is not None and level == 1 and not self._first_h1:
                self._first_h1 = block.text
        elif parent.type in ("th_open", "td_open"):
            self._builder.block(BlockKind.TABLE_CELL, text, locator, links=links)
        elif self._item_waiting and self._item_waiting[-1]:
            self._item_waiting[-1] = False
            self._builder.block(BlockKind.LIST_ITEM, text, locator, self._list_depth,
                                links=links)
        else:
            self._builder.block(BlockKind.PARAGRAPH, text, locator, links=links)


def _plain_text(children: Sequence[Token]) -> tuple[str, tuple[Link, ...]]:
    """Inline tokens to what a reader sees (markup, link targets and HTML tags dropped),
    cleaned, with the links in it. markdown-it resolves reference-style links and
    autolinks to link_open tokens as well."""
    parts: list[str] = []
    spans: list[tuple[int, int, str]] = []
    opened: list[tuple[int, str]] = []
    length = 0
    for child in children:
        if child.type == "link_open":
            opened.append((length, str(child.attrGet("href") or "")))
        elif child.type == "link_close" and opened:
            start, href = opened.pop()
            if href:
                spans.append((start, length, href))
        else:
            part = _token_text(child)
            parts.append(part)
            length += len(part)
    return fold_links("".join(parts), spans)


def _token_text(token: Token) -> str:
    if token.type in ("text", "code_inline"):
        return token.content
    if token.type in ("softbreak", "hardbreak"):
        return " "
    if token.type == "image":
        # Its description shows, but an image is no link, nor is a link written inside it.
        return "".join(_token_text(child) for child in token.children or [])
    return ""


def _locator(line_map: list[int] | None) -> str:
    """markdown-it maps are [first, end) zero-based; locators are 1-based and inclusive."""
    if not line_map:
        return ""
    first, last = line_map[0] + 1, max(line_map[1], line_map[0] + 1)
    return f"line:{first}" if first == last else f"lines:{first}-{last}"
