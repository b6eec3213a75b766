"""Hostile uploads, built in code so the suite carries no opaque binaries.

Each builder returns the bytes of one file that once hurt (or could hurt) the worker or a
reader: see tests/test_hostile_uploads.py for what each must do now.
"""

from __future__ import annotations

import io
import zipfile

_OOXML = "http://schemas.openxmlformats.org"
_SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_REL_TYPE = f"{_OOXML}/officeDocument/2006/relationships"
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    f'<Types xmlns="{_OOXML}/package/2006/content-types">'
    '<Default Extension="rels" '
    'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/xl/workbook.xml" ContentType="{_SHEET_TYPE}.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" '
    f'ContentType="{_SHEET_TYPE}.worksheet+xml"/>'
    "</Types>"
)
_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    f'<Relationships xmlns="{_OOXML}/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{_REL_TYPE}/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    f'<workbook xmlns="{_OOXML}/spreadsheetml/2006/main" xmlns:r="{_REL_TYPE}">'
    '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    f'<Relationships xmlns="{_OOXML}/package/2006/relationships">'
    f'<Relationship Id="rId1" Type="{_REL_TYPE}/worksheet" Target="worksheets/sheet1.xml"/>'
    "</Relationships>"
)


def sheet_xml(rows: str, dimension: str | None = None) -> str:
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f"{dim}<sheetData>{rows}</sheetData></worksheet>"
    )


def xlsx(sheet: str | bytes, extra: dict[str, bytes] | None = None) -> bytes:
    """A minimal one-sheet workbook around the given worksheet XML."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
        for name, data in (extra or {}).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def corner_cell_xlsx(dimension: str | None = "A1:XFD1048576") -> bytes:
    """1.5 KB: cells only at A1 and XFD1048576; a reader that fills the area between asks
    for 17 billion cells (the 512 GB allocation that killed the worker)."""
    rows = (
        f'<row r="1">{_cell("A1", "nisn")}</row><row r="1048576">{_cell("XFD1048576", "x")}</row>'
    )
    return xlsx(sheet_xml(rows, dimension))


def unreferenced_rows_xlsx(rows: int) -> bytes:
    """Rows and cells without `r=` references (legal XML): only counting them tells how far
    the sheet reaches."""
    body = f'<row><c t="inlineStr"><is><t>nisn</t></is></c></row>{"<row/>" * rows}'
    body += '<row><c/><c/><c t="inlineStr"><is><t>x</t></is></c></row>'
    return xlsx(sheet_xml(body))


def zip_bomb_xlsx(unpacked_mb: int = 64) -> bytes:
    """A workbook whose sheet unpacks about a thousand times its packed size."""
    head = sheet_xml(f'<row r="1">{_cell("A1", "nisn")}</row>').encode()
    blank = b" " * (1024 * 1024)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, text in (("[Content_Types].xml", _CONTENT_TYPES), ("_rels/.rels", _RELS),
                           ("xl/workbook.xml", _WORKBOOK),
                           ("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)):  # fmt: skip
            archive.writestr(name, text)
        with archive.open("xl/worksheets/sheet1.xml", "w") as member:
            cut = head.index(b"</sheetData>")
            member.write(head[:cut])
            for _ in range(unpacked_mb):
                member.write(blank)  # whitespace between elements: valid XML
            member.write(head[cut:])
    return buffer.getvalue()


PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
    b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xff\xff?\x00\x05\xfe\x02\xfe\xa7"
    b"5\x81\x84\x00\x00\x00\x00IEND\xaeB`\x82"
)
HTML_CV = (
    b"<!DOCTYPE html><html><body><script>fetch('/me/').then(r=>r.text())</script></body></html>"
)
SVG_CV = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg">'
    b"<script>alert(document.cookie)</script></svg>"
)
# Starts like a PDF, carries a page of HTML: served, it must never be sniffed as HTML.
PDF_POLYGLOT = b"%PDF-1.4\n<html><script>alert(1)</script></html>\n%%EOF\n"


_ODS_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
)


_ODS_MANIFEST = (
    '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
    'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
    '<manifest:file-entry manifest:full-path="/" '
    'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
    '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
    "</manifest:manifest>"
)


def ods(tables: str) -> bytes:
    """A minimal OpenDocument spreadsheet around the given `<table:table>` elements."""
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_ODS_NS}>'
        f"<office:body><office:spreadsheet>{tables}</office:spreadsheet></office:body>"
        "</office:document-content>"
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        # The mimetype comes first and stored, as the OpenDocument format requires.
        archive.writestr(
            zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet"
        )
        archive.writestr("META-INF/manifest.xml", _ODS_MANIFEST)
        archive.writestr("content.xml", content)
    return buffer.getvalue()


def ods_text_cell(text: str, repeat: int = 1) -> str:
    repeated = f' table:number-columns-repeated="{repeat}"' if repeat > 1 else ""
    return (
        f'<table:table-cell office:value-type="string"{repeated}>'
        f"<text:p>{text}</text:p></table:table-cell>"
    )


def repeated_rows_ods(rows: int, columns: int) -> bytes:
    """Under 1 KB: one header row, then one row of text cells repeated `rows` times with
    each cell repeated `columns` times (how LibreOffice writes runs of equal cells)."""
    return ods(
        '<table:table table:name="Lembar1">'
        f"<table:table-row>{ods_text_cell('nisn')}</table:table-row>"
        f'<table:table-row table:number-rows-repeated="{rows}">'
        f"{ods_text_cell('x', columns)}</table:table-row></table:table>"
    )
