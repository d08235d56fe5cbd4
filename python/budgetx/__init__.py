"""budgetx: Chinese government budget disclosures as checked tables.

    >>> import budgetx
    >>> r = budgetx.open("report.pdf")            # a PDF, a text dump or our JSON
    >>> r.document["year"], len(r.tables)
    >>> t = r.tables[0]
    >>> t.title, t.kind, t.unit, t.pages
    >>> t.to_frame()                               # the grid, header rows as columns
    >>> t.records_frame()                          # tidy line items, amounts in yuan
    >>> r.failed_checks()                          # what does not add up

Amounts are exact: `to_frame()` gives `decimal.Decimal` in the table's printed
unit (or float with amounts="float", or the printed text with amounts="text"),
and `records_frame()` gives the exact amount in fen and in yuan.

Errors are exceptions carrying budgetx's status and its one-line message:
`UnusableInput` (missing, not a PDF, encrypted, damaged, no text layer: the
CLI's exit 2), `NoTables` (exit 3), `UsageError` (exit 1).
"""
import decimal
import json
import re

from . import _native

__all__ = ["open", "dataset", "version", "Report", "Table", "Dataset", "BudgetxError",
           "UnusableInput", "NoTables", "UsageError"]


class BudgetxError(Exception):
    """A budgetx failure: `status` is the status name ("not_pdf", ...),
    `exit_status` the CLI's exit status for it, `message` the one line."""

    exit_status = 2

    def __init__(self, status, message):
        super().__init__(message)
        self.status = status
        self.message = message


class UsageError(BudgetxError):
    """The call asked for something impossible (a bad page range ...)."""
    exit_status = 1


class UnusableInput(BudgetxError):
    """The input cannot be read: missing, a folder, empty, not a PDF,
    encrypted, damaged, or without a text layer."""
    exit_status = 2


class NoTables(BudgetxError):
    """The input is readable but holds no titled table."""
    exit_status = 3


_ERRORS = {"usage": UsageError, "no_tables": NoTables}


def version():
    """The library's version, e.g. "0.2.0"."""
    return _native.version()


def _page_list(pages):
    """pages as the library reads them: "15-16,20" as given, a page number,
    or an iterable of page numbers (a list, a range)."""
    if pages is None or isinstance(pages, str):
        return pages
    if isinstance(pages, int):
        return str(pages)
    return ",".join(str(int(p)) for p in pages)


def open(path, pages=None, password=None):
    """Reads a PDF, a pdftotext dump or budgetx's table JSON (told apart by
    content) and returns its `Report`.

    `pages` keeps only the tables printed on those pages (1-based, whole
    tables when printed partly on them): "15-16,20" (tabula's and camelot's
    syntax; "20-" runs to the end), a page number, or a list or range of
    them. `password` opens an encrypted PDF. A malformed `pages` raises
    `UsageError`; a wrong password `UnusableInput` with status "encrypted"."""
    status, text = _native.open_json(str(path), _page_list(pages), password)
    if status != "ok":
        raise _ERRORS.get(status, UnusableInput)(status, text)
    return Report(json.loads(text))


_NUMBER = re.compile(r"^[-+]?[0-9][0-9,]*(\.[0-9]+)?$")


def _amount(text, mode):
    """A printed amount cell as Decimal/float; None when empty or a dash."""
    t = text.strip()
    if t in ("", "-", "－", "—"):
        return None if mode == "decimal" else float("nan")
    neg = t.startswith("(") and t.endswith(")")
    if neg:
        t = t[1:-1]
    if not _NUMBER.match(t):
        return text
    d = decimal.Decimal(t.replace(",", ""))
    d = -d if neg else d
    return d if mode == "decimal" else float(d)


class Table:
    """One table as printed, with its meaning. Attributes: `title`, `kind`,
    `unit`, `department`, `pages`, `header` and `rows` (lists of lists of
    printed strings), `columns` (value keys), `column_roles`, `records`
    (dicts), `verified` (share of amounts a passing check covers, or None),
    and `data` (the whole JSON object)."""

    def __init__(self, data, index):
        self.data = data
        self.index = index
        self.title = data.get("title")
        self.kind = data.get("kind")
        self.unit = data.get("unit")
        self.department = data.get("department")
        self.pages = list(data.get("pages") or [])
        self.header = data.get("header") or []
        self.rows = data.get("rows") or []
        self.columns = data.get("columns") or []
        self.column_roles = data.get("column_roles") or []
        self.records = data.get("records") or []
        self.verified = data.get("verified")

    def __repr__(self):
        return (f"<budgetx.Table {self.index}: {self.title!r} kind={self.kind} "
                f"unit={self.unit} pages={self.pages} {len(self.rows)} rows>")

    def _column_index(self):
        import pandas as pd
        width = len(self.rows[0]) if self.rows else (len(self.header[0]) if self.header else 0)
        if not self.header:
            return pd.RangeIndex(width)
        if len(self.header) == 1:
            return pd.Index(self.header[0])
        return pd.MultiIndex.from_arrays(self.header)

    def to_frame(self, amounts="decimal"):
        """The body grid as a DataFrame whose columns are the header rows (a
        MultiIndex when there are several). Codes and names stay strings;
        cells of value columns become Decimal (amounts="decimal"), float
        ("float") or stay as printed ("text"). `attrs` holds title, unit,
        department and pages."""
        import pandas as pd
        if amounts not in ("decimal", "float", "text"):
            raise ValueError("amounts must be 'decimal', 'float' or 'text'")
        roles = self.column_roles
        rows = []
        for r in self.rows:
            if amounts == "text":
                rows.append(list(r))
                continue
            rows.append([_amount(c, amounts) if j < len(roles) and roles[j] == "value" else c
                         for j, c in enumerate(r)])
        frame = pd.DataFrame(rows, columns=self._column_index(), dtype=object)
        frame.attrs.update(title=self.title, unit=self.unit, department=self.department,
                           pages=self.pages, kind=self.kind)
        return frame

    def records_frame(self):
        """The tidy line items: one row per amount of a record, with code,
        level, scheme, name, total flag, side, column key, column, printed
        text, exact fen and the amount in yuan (Decimal)."""
        import pandas as pd
        out = []
        for rec in self.records:
            for v in rec.get("values") or []:
                fen = v.get("fen")
                out.append({
                    "row": rec.get("row"), "side": rec.get("side", 0),
                    "code": rec.get("code"), "level": rec.get("level"),
                    "scheme": rec.get("scheme"), "name": rec.get("name"),
                    "total": bool(rec.get("total")), "column_key": v.get("key"),
                    "col": v.get("col"), "text": v.get("text"), "fen": fen,
                    "amount_yuan": None if fen is None else decimal.Decimal(fen) / 100,
                    "unit": self.unit,
                })
        cols = ["row", "side", "code", "level", "scheme", "name", "total", "column_key", "col",
                "text", "fen", "amount_yuan", "unit"]
        frame = pd.DataFrame(out, columns=cols)
        frame["fen"] = frame["fen"].astype("Int64")
        return frame

    def _repr_html_(self):
        import html
        esc = lambda s: html.escape(str(s))
        parts = [f"<p><b>{esc(self.title)}</b> ({esc(self.kind)}; unit {esc(self.unit)}; "
                 f"pages {esc(', '.join(map(str, self.pages)))})</p><table>"]
        for h in self.header:
            parts.append("<tr>" + "".join(f"<th>{esc(c)}</th>" for c in h) + "</tr>")
        roles = self.column_roles
        for r in self.rows:
            cells = []
            for j, c in enumerate(r):
                right = j < len(roles) and roles[j] == "value"
                cells.append(f"<td style='text-align:right'>{esc(c)}</td>" if right
                             else f"<td>{esc(c)}</td>")
            parts.append("<tr>" + "".join(cells) + "</tr>")
        parts.append("</table>")
        return "".join(parts)


class Report:
    """A document: `source`, `document` (title, department, year, stage,
    level), `tables`, `checks` (dicts with rule, status, expected, actual ...),
    `facts`, and `data` (the whole JSON object)."""

    def __init__(self, data):
        self.data = data
        self.source = data.get("source")
        self.document = data.get("document") or {}
        self.tables = [Table(t, i) for i, t in enumerate(data.get("tables") or [])]
        self.checks = data.get("checks") or []
        self.facts = data.get("facts") or []

    def failed_checks(self):
        """The checks whose status is "fail"."""
        return [c for c in self.checks if c.get("status") == "fail"]

    def __repr__(self):
        return (f"<budgetx.Report {self.source!r}: {len(self.tables)} tables, "
                f"{len(self.failed_checks())} failed checks>")


class Dataset:
    """A batch dataset (`budgetx batch -o DATASET.sqlite`) as DataFrames:
    `documents`, `tables`, `line_items`, `checks`, `failures` (read on first
    use), and `query(sql)` for anything else."""

    _TABLES = ("documents", "tables", "line_items", "checks", "failures")

    def __init__(self, path):
        import sqlite3
        import os
        if not os.path.isfile(path):
            raise UnusableInput("missing", f"{path}: no such dataset")
        self.path = path
        self._db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self._cache = {}

    def query(self, sql, params=()):
        """A DataFrame of any SQL query over the dataset."""
        import pandas as pd
        return pd.read_sql_query(sql, self._db, params=params)

    def __getattr__(self, name):
        if name not in Dataset._TABLES:
            raise AttributeError(name)
        if name not in self._cache:
            self._cache[name] = self.query(f"SELECT * FROM {name}")
        return self._cache[name]

    def close(self):
        self._db.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def dataset(path):
    """Opens a batch dataset (SQLite) read-only as a `Dataset`."""
    return Dataset(path)
