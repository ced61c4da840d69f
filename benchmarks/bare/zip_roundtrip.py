"""The floor of writing a Word file: unzip it, parse every XML part with lxml, serialise it,
and zip every member again. Given the export's own output, it is the least any program
writing that output does."""

import sys
import zipfile

from lxml import etree

source, target = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(source) as archive, \
        zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
    for info in archive.infolist():
        data = archive.read(info)
        if info.filename.endswith((".xml", ".rels")):
            data = etree.tostring(etree.fromstring(data), xml_declaration=True,
                                  encoding="UTF-8", standalone=True)
        out.writestr(info, data)
