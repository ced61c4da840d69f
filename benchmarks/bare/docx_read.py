"""Bare: python-docx reading every paragraph's and every table cell's text of a file."""

import sys

import docx

document = docx.Document(sys.argv[1])
texts = [paragraph.text for paragraph in document.paragraphs]
texts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
print(sum(map(len, texts)))
