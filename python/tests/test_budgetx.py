"""The Python module against the gold, the bad-input fixtures, arithmetic,
memory and threads. Expected values come from ../shared/eval/gold and from
the printed amounts themselves, never from the module's own output."""
import concurrent.futures
import decimal
import glob
import json
import os
import sqlite3
import subprocess
import tempfile

import pytest

import budgetx

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), "..", ".."))
SHARED = os.path.join(ROOT, "..", "shared")
FIXTURES = os.path.join(ROOT, "fixtures")
SAMPLE = os.path.join(FIXTURES, "sh-putuo-commerce-2025-budget.pdf")
GOLD_SH = sorted(glob.glob(os.path.join(SHARED, "eval", "gold", "sh-*.json")))
need_shared = pytest.mark.skipif(not GOLD_SH, reason="../shared is absent")


def gold_pairs(gold_path):
    """(gold table, extracted Table) pairs, paired by title in order."""
    gold = json.load(open(gold_path, encoding="utf-8"))
    pdf = os.path.join(SHARED, "corpus", "real", gold["source"])
    report = budgetx.open(pdf)
    unused = list(report.tables)
    for g in gold["tables"]:
        match = next((t for t in unused if t.title == g["title"]), None)
        assert match is not None, f"{gold['source']}: no table {g['title']}"
        unused.remove(match)
        yield g, match


@need_shared
@pytest.mark.parametrize("gold_path", GOLD_SH, ids=os.path.basename)
def test_frames_equal_gold(gold_path):
    for g, t in gold_pairs(gold_path):
        frame = t.to_frame(amounts="text")
        assert frame.values.tolist() == g["rows"], t.title
        if g["rows"]:
            if len(g["header"]) > 1:
                assert [list(level) for level in zip(*frame.columns)] == g["header"], t.title
            elif g["header"]:
                assert list(frame.columns) == g["header"][0], t.title
        assert t.unit == g["unit"] and t.department == g["department"]
        assert t.pages == g["pages"]


FEN_PER_UNIT = {"元": 100, "万元": 1000000, "千元": 100000}


def test_exact_amounts_survive():
    report = budgetx.open(SAMPLE)
    checked = 0
    for t in report.tables:
        scale = FEN_PER_UNIT.get(t.unit)
        if scale is None:
            continue
        frame = t.records_frame()
        for _, v in frame[frame["fen"].notna()].iterrows():
            printed = decimal.Decimal(v["text"].replace(",", ""))
            assert int(printed * scale) == v["fen"], v["text"]
            assert v["amount_yuan"] * 100 == v["fen"]
            checked += 1
        decimals = t.to_frame()
        for j, role in enumerate(t.column_roles):
            if role != "value":
                continue
            for i, cell in enumerate(decimals.iloc[:, j]):
                text = t.rows[i][j]
                if isinstance(cell, decimal.Decimal):
                    assert cell == decimal.Decimal(text.replace(",", ""))
    assert checked > 100


def test_decimal_and_float_frames():
    t = next(t for t in budgetx.open(SAMPLE).tables if t.kind == "summary")
    d = t.to_frame()
    f = t.to_frame(amounts="float")
    j = t.column_roles.index("value")
    assert isinstance(d.iloc[0, j], decimal.Decimal)
    assert f.iloc[0, j] == float(d.iloc[0, j])
    assert "<table>" in t._repr_html_() and t.title in t._repr_html_()


@pytest.mark.parametrize("name,error,status", [
    ("empty.pdf", budgetx.UnusableInput, "empty"),
    ("not-a-pdf.pdf", budgetx.UnusableInput, "not_pdf"),
    ("encrypted.pdf", budgetx.UnusableInput, "encrypted"),
    ("scanned.pdf", budgetx.UnusableInput, "no_text"),
    ("truncated.pdf", budgetx.UnusableInput, "damaged"),
    ("text.pdf", budgetx.NoTables, "no_tables"),
    ("no-such-file.pdf", budgetx.UnusableInput, "missing"),
])
def test_bad_inputs(name, error, status):
    path = os.path.join(FIXTURES, name)
    with pytest.raises(error) as e:
        budgetx.open(path)
    assert e.value.status == status
    assert name in e.value.message and "\n" not in e.value.message


def test_report_fields_and_failed_checks():
    report = budgetx.open(SAMPLE)
    assert report.document["year"] == 2025 and report.document["stage"] == "budget"
    assert report.document["department"] == "上海市普陀区商务委员会"
    assert all(c["status"] == "fail" for c in report.failed_checks())
    assert len(report.checks) > 0


def rss_kib():
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def rss_growth_kib(path, warm, runs):
    """RSS growth over `runs` opens of path, after `warm` opens to fill caches."""
    for _ in range(warm):
        budgetx.open(path)
    base = rss_kib()
    for _ in range(runs):
        budgetx.open(path)
    return rss_kib() - base


def test_no_leak_over_a_thousand_opens(tmp_path):
    # Our own JSON goes through the same reader entry, analysis and writer
    # at a fraction of a PDF's cost; test_no_leak_over_pdf_opens does PDFs.
    report = budgetx.open(SAMPLE)
    small = tmp_path / "small.json"
    small.write_text(json.dumps({"source": "small.pdf", "tables": [report.tables[0].data]},
                                ensure_ascii=False), encoding="utf-8")
    grown = rss_growth_kib(small, 50, 1000)
    assert grown < 4096, f"RSS grew by {grown} KiB over 1000 opens"


def test_no_leak_over_pdf_opens():
    grown = rss_growth_kib(SAMPLE, 5, 60)
    assert grown < 8192, f"RSS grew by {grown} KiB over 60 PDF opens"


def corpus_files():
    files = sorted(glob.glob(os.path.join(SHARED, "corpus", "real", "sh-*.pdf")))
    return files or [SAMPLE]


def test_thread_pool_equals_serial():
    files = corpus_files()
    serial = [budgetx.open(f).data for f in files]
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        parallel = [r.data for r in pool.map(budgetx.open, files)]
    assert parallel == serial


def test_dataset_frames(tmp_path):
    exe = os.path.join(ROOT, "build", "budgetx")
    if not os.path.exists(exe):
        pytest.skip("no release build/budgetx")
    db = tmp_path / "d.sqlite"
    subprocess.run([exe, "batch", "-o", str(db), SAMPLE, os.path.join(FIXTURES, "empty.pdf")],
                   check=False, capture_output=True)
    report = budgetx.open(SAMPLE)
    with budgetx.dataset(str(db)) as ds:
        assert len(ds.documents) == 1
        assert len(ds.tables) == len(report.tables)
        n_values = sum(len(r.get("values") or []) for t in report.tables for r in t.records)
        assert len(ds.line_items) == n_values
        assert len(ds.failures) == 1
        assert len(ds.checks) == len(report.checks)
    with pytest.raises(budgetx.UnusableInput):
        budgetx.dataset(str(tmp_path / "missing.sqlite"))


def test_version():
    v = budgetx.version()
    assert v.count(".") == 2 and all(p.isdigit() for p in v.split("."))


@need_shared
@pytest.mark.parametrize("pages", ["{p}", [0], range(0, 1)], ids=["text", "list", "range"])
def test_pages_keep_the_tables_printed_on_them(pages):
    """The tables of a page selection are the gold tables printed on it,
    whatever form the selection takes."""
    gold = next(g for g in (json.load(open(p, encoding="utf-8")) for p in GOLD_SH)
                if not g.get("sample"))  # a whole report's gold: every table
    pdf = os.path.join(SHARED, "corpus", "real", gold["source"])
    page = gold["tables"][1]["pages"][0]
    if isinstance(pages, str):
        pages = pages.format(p=page)
    else:
        pages = [page + p for p in pages]
    expected = [g["title"] for g in gold["tables"] if page in g["pages"]]
    assert [t.title for t in budgetx.open(pdf, pages=pages).tables] == expected


def test_bad_pages_are_a_usage_error():
    with pytest.raises(budgetx.UsageError) as e:
        budgetx.open(SAMPLE, pages="3-1")
    assert e.value.status == "usage" and "3-1" in e.value.message


def test_password_opens_an_encrypted_pdf():
    """encrypted.pdf is text.pdf (a PDF of prose, no table) under the user
    password "secret" (fixtures/make-bad-inputs): with it the file opens
    and is found to hold no table; with a wrong one it stays encrypted."""
    path = os.path.join(FIXTURES, "encrypted.pdf")
    with pytest.raises(budgetx.NoTables):
        budgetx.open(path, password="secret")
    with pytest.raises(budgetx.UnusableInput) as e:
        budgetx.open(path, password="wrong")
    assert e.value.status == "encrypted"
