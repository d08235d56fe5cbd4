#!/usr/bin/env python3
"""Reads budgetx's exports back with independent readers, for the tests.

  readback.py csv FILE...   -> {"FILE": {"bom": bool, "rows": [[cell...]...]}}
  readback.py xlsx FILE     -> {"sheets": [{"name", "merges": [...],
                                "cells": {"A1": {"type": "n"|"s", "value", "format"}}}]}

CSV is parsed by Python's csv module (RFC 4180 quoting); XLSX by opening the
zip package and its sheet XML, with no spreadsheet library in between.
"""
import csv
import io
import json
import sys
import zipfile
import xml.etree.ElementTree as ET

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
BUILTIN_FORMATS = {0: "General", 1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00", 49: "@"}


def read_csv(paths):
    out = {}
    for path in paths:
        raw = open(path, "rb").read()
        bom = raw.startswith(b"\xef\xbb\xbf")
        text = raw.decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
        out[path] = {"bom": bom, "rows": rows, "crlf": b"\r\n" in raw or not raw}
    return out


def text_of(si):
    return "".join(t.text or "" for t in si.iter("{%s}t" % NS["m"]))


def read_xlsx(path):
    z = zipfile.ZipFile(path)
    if z.testzip() is not None:
        raise SystemExit("corrupt member in " + path)
    for name in z.namelist():  # every part must be well-formed XML
        if name.endswith(".xml") or name.endswith(".rels"):
            ET.fromstring(z.read(name))
    shared = []
    if "xl/sharedStrings.xml" in z.namelist():
        shared = [text_of(si) for si in ET.fromstring(z.read("xl/sharedStrings.xml"))
                  .findall("m:si", NS)]
    styles = ET.fromstring(z.read("xl/styles.xml"))
    formats = dict(BUILTIN_FORMATS)
    for f in styles.iterfind("m:numFmts/m:numFmt", NS):
        formats[int(f.get("numFmtId"))] = f.get("formatCode")
    xfs = [int(x.get("numFmtId", "0")) for x in styles.iterfind("m:cellXfs/m:xf", NS)]
    fills = []
    for f in styles.iterfind("m:fills/m:fill", NS):
        fg = f.find("m:patternFill/m:fgColor", NS)
        fills.append(fg.get("rgb") if fg is not None else None)
    xf_fill = [int(x.get("fillId", "0")) for x in styles.iterfind("m:cellXfs/m:xf", NS)]
    rels = {r.get("Id"): r.get("Target") for r in
            ET.fromstring(z.read("xl/_rels/workbook.xml.rels"))}
    sheets = []
    for s in ET.fromstring(z.read("xl/workbook.xml")).iterfind("m:sheets/m:sheet", NS):
        xml = ET.fromstring(z.read("xl/" + rels[s.get(REL)]))
        cells = {}
        for c in xml.iterfind("m:sheetData/m:row/m:c", NS):
            v = c.find("m:v", NS)
            kind = c.get("t", "n")
            if kind == "inlineStr":  # constant-memory workbooks write strings inline
                kind, value = "s", text_of(c.find("m:is", NS))
            elif v is None:
                continue
            else:
                value = shared[int(v.text)] if kind == "s" else float(v.text)
            xf = int(c.get("s", "0"))
            cells[c.get("r")] = {"type": kind, "value": value,
                                 "format": formats.get(xfs[xf], "?"),
                                 "fill": fills[xf_fill[xf]] if xf_fill[xf] < len(fills) else None}
        merges = [m.get("ref") for m in xml.iterfind("m:mergeCells/m:mergeCell", NS)]
        autofilter = xml.find("m:autoFilter", NS)
        pane = xml.find("m:sheetViews/m:sheetView/m:pane", NS)
        links = {h.get("ref"): h.get("location") for h in xml.iterfind("m:hyperlinks/m:hyperlink", NS)}
        cols = {}
        for col in xml.iterfind("m:cols/m:col", NS):
            for i in range(int(col.get("min")), int(col.get("max")) + 1):
                cols[i] = float(col.get("width"))
        sheets.append({"name": s.get("name"), "cells": cells, "merges": merges,
                       "autofilter": autofilter.get("ref") if autofilter is not None else None,
                       "frozen_rows": float(pane.get("ySplit", "0"))
                       if pane is not None and pane.get("state") == "frozen" else 0,
                       "links": links, "widths": cols})
    return {"sheets": sheets}


if __name__ == "__main__":
    if sys.argv[1] == "csv":
        result = read_csv(sys.argv[2:])
    else:
        result = read_xlsx(sys.argv[2])
    json.dump(result, sys.stdout, ensure_ascii=False)
