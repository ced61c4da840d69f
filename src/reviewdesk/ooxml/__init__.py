"""The Word file format (Office Open XML), below everything that reads or writes it.

As python-docx's `oxml/`: the namespaces (`namespaces`), the package of parts with their
relationships and content types (`package`), and helpers for WordprocessingML elements and
the XML source written beside them (`elements`). Nothing here knows about briefs,
annotations or the store; it imports only the standard library and lxml.
"""
