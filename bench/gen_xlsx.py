#!/usr/bin/env python3
"""Write a survey export as an XLSX workbook, for the memory and time figures
of large workbooks in docs/security.md (Python 3 standard library only).

Two sources:

  gen_xlsx.py --csv EXPORT.csv --out big.xlsx
      any CSV export (e.g. gen_export.py's Google Forms layout: Timestamp,
      Role, Department, 40 labels), one sheet row per record;
  gen_xlsx.py --narrow 700000 --out narrow.xlsx
      many short rows: an id and the seven questions of
      tests/data/score/bank.yaml (labels, about 3% blank), like a long
      pulse survey.

Text goes through the shared strings table as Excel and Google Sheets write
it; numbers are numbers; a CSV Timestamp "M/D/YYYY H:MM:SS" becomes an Excel
date serial (a number), as Google Sheets stores it. Deterministic for a given
--seed.

  python3 bench/gen_xlsx.py --narrow 700000 --out /tmp/x700k.xlsx
  python3 bench/gen_export.py --rows 120000 --out /tmp/e120k.csv
  python3 bench/gen_xlsx.py --csv /tmp/e120k.csv --out /tmp/x120k.xlsx
"""
import argparse
import calendar
import csv
import random
import re
import time
import zipfile
from xml.sax.saxutils import escape

LABELS = ["Strongly disagree", "Disagree", "Neutral", "Agree", "Strongly agree"]
NARROW_HEADER = ["id", "contact-1", "contact-2", "contact-3", "metrics-1", "metrics-2",
                 "culture-1", "culture-2"]
STAMP = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4}) (\d{1,2}):(\d{2}):(\d{2})$")
NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


def narrow_rows(rows, seed):
    rng = random.Random(seed)
    yield NARROW_HEADER
    for i in range(rows):
        yield ["r%d" % (i + 1)] + ["" if rng.random() < 0.03 else LABELS[int(rng.random() * 5)]
                                   for _ in range(7)]


def csv_rows(path):
    with open(path, encoding="utf-8", newline="") as f:
        yield from csv.reader(f)


def column_name(index):
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = chr(ord("A") + rest) + name
    return name


def serial(match):
    month, day, year, hour, minute, second = (int(g) for g in match.groups())
    seconds = calendar.timegm((year, month, day, hour, minute, second))
    return "%.10g" % (seconds / 86400.0 + 25569.0)  # days since 1899-12-30


def write(rows, out):
    shared = {}
    names = [column_name(i) for i in range(16384)]
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as z:
        z.writestr("[Content_Types].xml",
                   '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                   '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="xml" ContentType="application/xml"/></Types>')
        z.writestr("xl/workbook.xml",
                   '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                   'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
                   '<sheets><sheet name="Responses" sheetId="1" r:id="rId1"/></sheets></workbook>')
        z.writestr("xl/_rels/workbook.xml.rels",
                   '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                   'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org'
                   '/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
                   '</Relationships>')
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            sheet.write(b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/'
                        b'main"><sheetData>')
            batch = []
            for r, row in enumerate(rows, start=1):
                cells = []
                for c, text in enumerate(row):
                    if text == "":
                        continue
                    ref = "%s%d" % (names[c], r)
                    stamp = STAMP.match(text) if r > 1 else None
                    if stamp or (r > 1 and NUMBER.match(text)):
                        cells.append('<c r="%s"><v>%s</v></c>'
                                     % (ref, serial(stamp) if stamp else text))
                    else:
                        index = shared.setdefault(text, len(shared))
                        cells.append('<c r="%s" t="s"><v>%d</v></c>' % (ref, index))
                batch.append('<row r="%d">%s</row>' % (r, "".join(cells)))
                if len(batch) >= 10000:
                    sheet.write("".join(batch).encode())
                    batch.clear()
            sheet.write(("".join(batch) + "</sheetData></worksheet>").encode())
        items = "".join("<si><t>%s</t></si>" % escape(t) for t in shared)
        z.writestr("xl/sharedStrings.xml",
                   '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                   'count="%d" uniqueCount="%d">%s</sst>' % (len(shared), len(shared), items))


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    source = ap.add_mutually_exclusive_group(required=True)
    source.add_argument("--csv", help="a CSV export to write as a workbook")
    source.add_argument("--narrow", type=int, help="this many rows of id + 7 answers")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    started = time.time()
    rows = csv_rows(args.csv) if args.csv else narrow_rows(args.narrow, args.seed)
    write(rows, args.out)
    print("wrote %s in %.1f s" % (args.out, time.time() - started))


if __name__ == "__main__":
    main()
