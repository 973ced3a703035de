#!/usr/bin/env python3
"""Writes ms-forms-likert.xlsx: a Microsoft Forms response workbook ("Open
in Excel") for the survey of pulse-bank.yaml, written by this project, no
third-party content.

The layout is the one Microsoft Forms downloads (see README.md): one sheet
"Sheet1" whose data is an Excel table "Table1"; the fixed columns ID, Start
time, Completion time, Email, Name, Last modified time; then one column per
question headed by its title; a Likert question gives one column per
statement headed "<question title>.<statement>", each cell the chosen
column label. Times are Excel serial numbers formatted m/d/yy h:mm:ss;
texts are shared strings; an unanswered question is a missing cell.

Deterministic: fixed zip timestamps, so the bytes only change with this
script. Run from this folder: python3 make_ms_forms_likert.py
"""

import zipfile
from datetime import datetime
from xml.sax.saxutils import escape

LIKERT = "How far do you agree with these statements?"
STATEMENTS = [
    "Senior leaders hear customers first-hand.",
    "Complaints reach the people who can fix their cause.",
    "We drop projects that do not help customers.",
]
CHOICE = "Our budget decisions start from what customers need."
HEADER = (["ID", "Start time", "Completion time", "Email", "Name", "Last modified time",
           "Which team are you in?"]
          + [LIKERT + "." + s for s in STATEMENTS] + [CHOICE])

# ID, start, completion, email, name, team, three Likert answers, the choice
# (None: not answered). IDs run from 3: two responses were deleted in Forms.
RESPONSES = [
    (3, "2026-11-02 09:11:02", "2026-11-02 09:14:31", "anonymous", None, "Sales",
     ["Strongly agree", "Agree", "Disagree"], "Neither agree nor disagree"),
    (4, "2026-11-02 09:58:40", "2026-11-02 10:02:07", "anonymous", None, "Support",
     ["Agree", "Not applicable", "Strongly agree"], "Agree"),
    (5, "2026-11-03 16:41:13", "2026-11-03 16:45:59", "anonymous", None, "Product",
     ["Strongly disagree", "Disagree", "Not applicable"], "Strongly disagree"),
    (6, "2026-11-03 18:20:51", "2026-11-03 18:23:12", "anonymous", None, "Sales",
     ["Neither agree nor disagree", "Neither agree nor disagree", None], None),
    (7, "2026-11-04 08:27:45", "2026-11-04 08:30:12", "anonymous", None, "Support",
     ["Disagree", "Strongly agree", "Agree"], "Strongly agree"),
]


def serial(text):
    """Excel's serial day number (1900 date system) of 'YYYY-MM-DD HH:MM:SS'."""
    delta = datetime.strptime(text, "%Y-%m-%d %H:%M:%S") - datetime(1899, 12, 30)
    return repr(round(delta.days + delta.seconds / 86400, 10))


def column_name(index):
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(ord("A") + rest) + name
    return name


strings = []


def shared(text):
    if text not in strings:
        strings.append(text)
    return strings.index(text)


rows = [[("s", h) for h in HEADER]]
for rid, start, end, email, name, team, likert, choice in RESPONSES:
    cells = [("n", str(rid)), ("d", serial(start)), ("d", serial(end)), ("s", email),
             ("s", name), None, ("s", team)]
    cells += [("s", a) if a else None for a in likert]
    cells.append(("s", choice) if choice else None)
    rows.append(cells)

sheet_rows = []
for r, cells in enumerate(rows, 1):
    xml = []
    for c, cell in enumerate(cells):
        if cell is None or cell[1] is None:
            continue
        ref = f"{column_name(c)}{r}"
        kind, value = cell
        if kind == "s":
            xml.append(f'<c r="{ref}" t="s"><v>{shared(value)}</v></c>')
        elif kind == "d":
            xml.append(f'<c r="{ref}" s="1"><v>{value}</v></c>')
        else:
            xml.append(f'<c r="{ref}"><v>{value}</v></c>')
    sheet_rows.append(f'<row r="{r}">{"".join(xml)}</row>')
last = f"{column_name(len(HEADER) - 1)}{len(rows)}"

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
parts = {
    "[Content_Types].xml":
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        '<Override PartName="/xl/tables/table1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml"/>'
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
        '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
        '</Types>',
    "_rels/.rels":
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
        f'<Relationships xmlns="{PKG}">'
        f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/>'
        '</Relationships>',
    "xl/workbook.xml":
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
        f'<workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets>'
        '<sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>',
    "xl/_rels/workbook.xml.rels":
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
        f'<Relationships xmlns="{PKG}">'
        f'<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>'
        f'<Relationship Id="rId2" Type="{REL}/styles" Target="styles.xml"/>'
        f'<Relationship Id="rId3" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>'
        '</Relationships>',
    "xl/styles.xml":
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
        f'<styleSheet xmlns="{MAIN}">'
        '<numFmts count="1"><numFmt numFmtId="164" formatCode="m/d/yy\\ h:mm:ss"/></numFmts>'
        '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
        '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
        '<borders count="1"><border/></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
        '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
        '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
        '</cellXfs></styleSheet>',
    "xl/worksheets/sheet1.xml":
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
        f'<worksheet xmlns="{MAIN}" xmlns:r="{REL}"><dimension ref="A1:{last}"/>'
        f'<sheetData>{"".join(sheet_rows)}</sheetData>'
        '<tableParts count="1"><tablePart r:id="rId1"/></tableParts></worksheet>',
    "xl/worksheets/_rels/sheet1.xml.rels":
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
        f'<Relationships xmlns="{PKG}">'
        f'<Relationship Id="rId1" Type="{REL}/table" Target="../tables/table1.xml"/>'
        '</Relationships>',
    "xl/tables/table1.xml":
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
        f'<table xmlns="{MAIN}" id="1" name="Table1" displayName="Table1" ref="A1:{last}">'
        f'<autoFilter ref="A1:{last}"/><tableColumns count="{len(HEADER)}">'
        + "".join(f'<tableColumn id="{i + 1}" name="{escape(h, {chr(34): "&quot;"})}"/>'
                  for i, h in enumerate(HEADER))
        + '</tableColumns><tableStyleInfo name="TableStyleMedium2" showRowStripes="1"/></table>',
}
# Shared strings last: the sheet above numbered them.
parts["xl/sharedStrings.xml"] = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
    f'<sst xmlns="{MAIN}" count="{len(strings)}" uniqueCount="{len(strings)}">'
    + "".join(f"<si><t>{escape(s)}</t></si>" for s in strings) + "</sst>")

with zipfile.ZipFile("ms-forms-likert.xlsx", "w", zipfile.ZIP_DEFLATED) as archive:
    for name, text in parts.items():
        info = zipfile.ZipInfo(name, date_time=(2026, 11, 4, 9, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        archive.writestr(info, text.encode("utf-8"))
