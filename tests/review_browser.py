#!/usr/bin/env python3
"""Loads `budgetx review` pages in headless Chromium and asserts on the DOM.

usage: review_browser.py BUDGETX CORPUS GOLD OUT [--moi | --all]

Runs `budgetx review` on the finance final account (and, with --moi, on the
392-page tw-moi budget, timed; with --all, on every corpus PDF), then drives Chromium through the DevTools
protocol over --remote-debugging-pipe (no network, no websocket): counts
tables and images against the gold, checks that every failed or rounding
check marks its cells in the grid and on the page, that links resolve, that
hover and the keys work, that the console stays clean, and that tidy finds
no error. Screenshots are kept in OUT/screenshots/ as artifacts.
"""
import base64
import glob
import json
import os
import re
import select
import shutil
import subprocess
import sys
import tempfile
import time

FAILURES = []


def expect(cond, what):
    if not cond:
        FAILURES.append(what)
        print("FAIL:", what)


class Browser:
    """Chromium with the DevTools protocol on fds 3 (in) and 4 (out)."""

    def __init__(self):
        self.profile = tempfile.mkdtemp(prefix="bx-chromium-")
        to_r, self.to_w = os.pipe()
        self.from_r, from_w = os.pipe()
        self.proc = subprocess.Popen(
            ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
             "--no-first-run", "--disable-background-networking", "--disable-component-update",
             "--disable-sync", "--hide-scrollbars", "--remote-debugging-pipe",
             "--user-data-dir=" + self.profile, "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            pass_fds=(3, 4), preexec_fn=lambda: (os.dup2(to_r, 3), os.dup2(from_w, 4)))
        os.close(to_r)
        os.close(from_w)
        self.buf = b""
        self.next_id = 0
        self.events = []
        self.session = None

    def _read(self, timeout):
        end = time.time() + timeout
        while b"\0" not in self.buf:
            left = end - time.time()
            if left <= 0 or not select.select([self.from_r], [], [], left)[0]:
                raise TimeoutError("no answer from Chromium")
            chunk = os.read(self.from_r, 1 << 20)
            if not chunk:
                raise EOFError("Chromium closed the pipe")
            self.buf += chunk
        msg, self.buf = self.buf.split(b"\0", 1)
        return json.loads(msg)

    def call(self, method, params=None, session=True, timeout=30):
        self.next_id += 1
        msg = {"id": self.next_id, "method": method, "params": params or {}}
        if session and self.session:
            msg["sessionId"] = self.session
        os.write(self.to_w, json.dumps(msg).encode() + b"\0")
        while True:
            m = self._read(timeout)
            if m.get("id") == self.next_id:
                if "error" in m:
                    raise RuntimeError(f"{method}: {m['error']}")
                return m.get("result", {})
            self.events.append(m)

    def wait_event(self, name, timeout=30):
        for i, m in enumerate(self.events):
            if m.get("method") == name:
                return self.events.pop(i)
        end = time.time() + timeout
        while time.time() < end:
            m = self._read(end - time.time())
            if m.get("method") == name:
                return m
            self.events.append(m)
        raise TimeoutError(name)

    def open_tab(self, width, height, mobile=False):
        target = self.call("Target.createTarget", {"url": "about:blank"}, session=False)
        self.session = self.call("Target.attachToTarget",
                                 {"targetId": target["targetId"], "flatten": True},
                                 session=False)["sessionId"]
        for domain in ("Page", "Runtime", "Log"):
            self.call(domain + ".enable")
        self.call("Emulation.setDeviceMetricsOverride",
                  {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile})

    def load(self, url):
        """Navigates; returns seconds until the load event."""
        self.events = [m for m in self.events if m.get("method") != "Page.loadEventFired"]
        start = time.time()
        self.call("Page.navigate", {"url": url})
        self.wait_event("Page.loadEventFired", 60)
        return time.time() - start

    def js(self, expr):
        r = self.call("Runtime.evaluate", {"expression": expr, "returnByValue": True,
                                           "awaitPromise": True})
        if "exceptionDetails" in r:
            raise RuntimeError(f"{expr}: {r['exceptionDetails']}")
        return r["result"].get("value")

    def screenshot(self, path):
        data = self.call("Page.captureScreenshot", {"format": "png"})["data"]
        with open(path, "wb") as f:
            f.write(base64.b64decode(data))

    def console_errors(self):
        """Exceptions and console errors seen so far (and forgets them)."""
        errors = []
        for m in self.events:
            meth, p = m.get("method"), m.get("params", {})
            if meth == "Runtime.exceptionThrown":
                errors.append(p["exceptionDetails"].get("text", "exception"))
            elif meth == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert"):
                errors.append(str(p.get("args")))
            elif meth == "Log.entryAdded" and p["entry"].get("level") == "error":
                errors.append(p["entry"].get("text", ""))
        self.events = []
        return errors

    def close(self):
        try:
            self.call("Browser.close", session=False, timeout=5)
        except Exception:
            pass
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        shutil.rmtree(self.profile, ignore_errors=True)


def tidy_problems(path):
    """tidy's errors and warnings, less the one attribute Debian 12's tidy
    (5.6) predates: img loading=lazy is in the HTML standard since 2019."""
    r = subprocess.run(["tidy", "-errors", "-q", path], capture_output=True, text=True)
    lines = [l for l in r.stderr.splitlines() if l.strip()]
    return [l for l in lines if 'proprietary attribute "loading"' not in l]


def pdf_words(pdf, page):
    """pdftotext's words of one page: (text, centre x, centre y), page size."""
    xml = subprocess.run(["pdftotext", "-f", str(page), "-l", str(page), "-bbox", pdf, "-"],
                         capture_output=True, text=True).stdout
    size = re.search(r'<page width="([\d.]+)" height="([\d.]+)"', xml)
    words = [(w, (float(a) + float(c)) / 2, (float(b_) + float(d)) / 2) for a, b_, c, d, w in
             re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">'
                        r'([^<]*)</word>', xml)]
    return words, (float(size.group(1)), float(size.group(2)))


def check_links(b, folder):
    """Every #fragment names an element; every file link and image exists."""
    missing = b.js("""(() => { const bad = [];
        for (const a of document.querySelectorAll('a[href^="#"]'))
          if (!document.getElementById(decodeURIComponent(a.getAttribute('href').slice(1))))
            bad.push(a.getAttribute('href'));
        return bad; })()""")
    expect(not missing, f"{folder}: fragments with no target: {missing[:5]}")
    files = b.js("""[...document.querySelectorAll('a[href]:not([href^="#"]), img[src]')]
        .map(e => e.getAttribute('href') || e.getAttribute('src'))""")
    for f in files:
        path = os.path.normpath(os.path.join(folder, f.split("#")[0]))
        expect(os.path.exists(path), f"{folder}: link to a missing file {f}")


def test_finance(b, budgetx, corpus, gold, out, shots):
    name = "sh-putuo-finance-2024-final"
    pdf = os.path.join(corpus, name + ".pdf")
    folder = os.path.join(out, name)
    page = os.path.join(folder, "index.html")
    g = json.load(open(os.path.join(gold, name + ".json"), encoding="utf-8"))
    checks = json.loads(subprocess.run([budgetx, "check", "-f", "json", pdf],
                                       capture_output=True, text=True).stdout)

    b.open_tab(1400, 1000)
    b.load("file://" + page)
    # one section per gold table, an image per page of each
    sections = b.js("""[...document.querySelectorAll('main > section')].map(s => ({
        title: s.querySelector('h2').textContent,
        images: s.querySelectorAll('.pages img').length,
        rows: s.querySelectorAll('tbody tr').length,
        boxes: s.querySelectorAll('.pages .bx').length,
        linked: s.querySelectorAll('td[data-k]').length}))""")
    expect(len(sections) == len(g["tables"]),
           f"finance: {len(sections)} table sections, gold has {len(g['tables'])}")
    for s, t in zip(sections, g["tables"]):
        expect(t["title"] in s["title"].replace(" ", ""), f"finance: section {s['title']} vs {t['title']}")
        expect(s["images"] == len(t["pages"]),
               f"finance: {t['title']}: {s['images']} images, gold pages {t['pages']}")
        if t["rows"]:
            expect(s["rows"] == len(t["rows"]), f"finance: {t['title']}: {s['rows']} rows")
            expect(s["boxes"] > 0 and s["linked"] > 0, f"finance: {t['title']}: no cell boxes")

    # each failed or rounding check: listed, and its cells marked in the grid
    # and on the page, in its status's colour
    flagged = [(i, c) for i, c in enumerate(checks["checks"]) if c["status"] != "pass"]
    expect(len(flagged) >= 2, "finance: the check list should have failures and roundings")
    for i, c in flagged:
        got = b.js(f"""(() => {{ const li = document.getElementById('x-{i}');
            const cells = [...document.querySelectorAll('td[data-c~="{i}"]')];
            const boxes = [...document.querySelectorAll('.bx[data-c~="{i}"]')];
            const other = li && li.querySelector('a[href^="#t-"]');
            return {{listed: !!li, status: li ? li.className : '',
              text: li ? li.textContent : '', other: other ? other.getAttribute('href').slice(1) : '',
              cells: cells.map(td => ({{cls: td.className, col: td.cellIndex - 1,
                row: +td.parentElement.querySelector('th.rn').textContent - 1,
                table: td.closest('section').id}})),
              boxes: boxes.map(x => x.className),
              linked: document.querySelectorAll('a[href="#x-{i}"]').length}}; }})()""")
        expect(got["listed"], f"finance: check {i} ({c['rule']}) not on the page")
        expect(got["linked"] == 1, f"finance: check {i} not linked from the list")
        expect(c["rule"] in got["text"], f"finance: check {i}: rule id missing")
        if c["table_index"] is None or c["table_index"] < 0 or c["row"] < 0:
            continue
        want = "bad" if c["status"] == "fail" else "round"
        expect(got["cells"], f"finance: check {i} ({c['rule']}) marks no cell")
        for cell in got["cells"]:
            expect(want in cell["cls"].split(), f"finance: check {i}: cell {cell} not '{want}'")
        marked = {(x["table"], x["row"], x["col"]) for x in got["cells"]}
        # the cells the check lists, where it lists them; else cells of its row
        listed = {(f"t-{c['table_index']}", x[0], x[1]) for x in c.get("cells") or []}
        listed |= {(got["other"], x[0], x[1]) for x in c.get("other_cells") or []}
        if listed:
            expect(marked == listed, f"finance: check {i} marks {sorted(marked)}, lists {sorted(listed)}")
        else:
            expect(all(t == f"t-{c['table_index']}" and r == c["row"] for t, r, _ in marked),
                   f"finance: check {i} marks {sorted(marked)}, not row {c['row'] + 1}")
        expect(got["boxes"] and all(want in x.split() for x in got["boxes"]),
               f"finance: check {i}: page boxes {got['boxes']}")

    # the genuine problems the printed pages show (README.md, checks): the
    # 总计 claim of 0.3万元 on page 21, the 占71.73% share, and the 八、社会
    # 保障和就业支出 line 326.72 in the expenditure table against 326.71
    text = b.js("document.body.textContent")
    expect("0.3万元" in text and "71.73%" in text, "finance: the narrative findings' quotes")
    marked = b.js("""[...document.querySelectorAll('#t-0 td.round')].map(td => td.textContent)""")
    expect(marked == ["326.71"], f"finance: 收入支出决算总表 row 8 marks {marked}, not 326.71")
    expect(b.js("!!document.querySelector('#findings a[href=\"#pg-21\"]')"),
           "finance: the share finding links to page 21")
    expect(b.js("!!document.getElementById('pg-21')"), "finance: page 21's image")

    # each amount cell's box on the page holds that amount as pdftotext
    # places it (-bbox: word boxes in points, independent of budgetx)
    for section, t in zip(range(len(g["tables"])), g["tables"]):
        if not t["rows"]:
            continue
        first = t["pages"][0]
        words, size = pdf_words(pdf, first)
        cells = b.js(f"""[...document.querySelectorAll('#t-{section} td.n[data-k]')].map(td => {{
            const box = document.querySelector('#t-{section} figure .bx[data-k="' + td.dataset.k + '"]');
            const fig = box && box.closest('figure');
            return box ? [td.textContent, fig.querySelector('figcaption').textContent,
                          box.style.left, box.style.top, box.style.width, box.style.height] : null;
            }}).filter(x => x)""")
        on_page = [c for c in cells if c[1] == f"第 {first} 页"]
        hits = 0
        for text, _, *pct in on_page:
            x0, y0, w, h = (float(v.rstrip("%")) / 100 for v in pct)
            x0, w, y0, h = x0 * size[0], w * size[0], y0 * size[1], h * size[1]
            hits += any(wt.replace(",", "") == text and x0 <= cx <= x0 + w and y0 <= cy <= y0 + h
                        for wt, cx, cy in words)
        expect(on_page and hits == len(on_page),
               f"finance: {t['title']}: {hits} of {len(on_page)} amount boxes on page {first} "
               "hold their amount")

    # hover a cell: its box on the page lights up, and the other way round
    hov = b.js("""(() => { const td = document.querySelector('#t-1 td.n[data-k]');
        td.scrollIntoView({block: 'center'}); const r = td.getBoundingClientRect();
        return {x: r.x + r.width / 2, y: r.y + r.height / 2, k: td.dataset.k}; })()""")
    b.call("Input.dispatchMouseEvent", {"type": "mouseMoved", "x": hov["x"], "y": hov["y"]})
    lit = b.js(f"""[...document.querySelectorAll('.hl')].map(e => e.tagName + ':' + e.dataset.k)""")
    expect(f"DIV:{hov['k']}" in lit and f"TD:{hov['k']}" in lit, f"finance: hover lit {lit}")
    b.screenshot(os.path.join(shots, name + "-hover.png"))

    # keys: j to the next table, f to the next failed check
    b.js("window.scrollTo(0, 0)")
    b.call("Input.dispatchKeyEvent", {"type": "keyDown", "key": "j", "text": "j"})
    b.call("Input.dispatchKeyEvent", {"type": "keyUp", "key": "j"})
    expect(b.js("location.hash") == "#t-0", f"finance: j went to {b.js('location.hash')}")
    b.call("Input.dispatchKeyEvent", {"type": "keyDown", "key": "f", "text": "f"})
    b.call("Input.dispatchKeyEvent", {"type": "keyUp", "key": "f"})
    fail_ids = [f"#x-{i}" for i, c in flagged if c["status"] == "fail" and c["table_index"] is not None
                and c["table_index"] >= 0]
    expect(b.js("location.hash") in fail_ids, f"finance: f went to {b.js('location.hash')}")
    b.screenshot(os.path.join(shots, name + "-failed.png"))
    check_links(b, folder)
    b.js("window.scrollTo(0, 0)")
    b.screenshot(os.path.join(shots, name + ".png"))

    # print: no navigation, every section laid out, only the marked boxes
    b.call("Emulation.setEmulatedMedia", {"media": "print"})
    shown = b.js("""[getComputedStyle(document.getElementById('toc')).display,
        getComputedStyle(document.querySelector('main > section')).contentVisibility,
        getComputedStyle(document.querySelector('.bx:not(.bad):not(.round)')).display,
        getComputedStyle(document.querySelector('.bx.round')).display]""")
    expect(shown == ["none", "visible", "none", "block"], f"finance: print styles {shown}")
    b.call("Emulation.setEmulatedMedia", {"media": ""})

    # small screens: the grid and its page stack, nothing wider than the screen
    b.open_tab(400, 800, mobile=True)
    b.load("file://" + page)
    b.js("document.getElementById('t-1').scrollIntoView()")
    wide = b.js("document.querySelector('#t-1 .pages').getBoundingClientRect().width")
    expect(wide <= 400, f"finance: on a small screen the page image is {wide}px wide")
    b.screenshot(os.path.join(shots, name + "-small.png"))
    errors = b.console_errors()
    expect(not errors, f"finance: console errors {errors[:3]}")
    for p in (page, os.path.join(out, "index.html")):
        problems = tidy_problems(p)
        expect(not problems, f"{p}: tidy: {problems[:3]}")


def test_index(b, out, shots):
    b.open_tab(1400, 900)
    b.load("file://" + os.path.join(out, "index.html"))
    rows = b.js("document.querySelectorAll('tbody tr').length")
    expect(rows == len([d for d in os.listdir(out) if os.path.isdir(os.path.join(out, d))
                        and d != "screenshots"]), f"index: {rows} rows")
    check_links(b, out)
    b.screenshot(os.path.join(shots, "index.png"))
    expect(not b.console_errors(), "index: console errors")


def test_dataset(b, budgetx, corpus, out, shots):
    """A batch dataset's review: paged lists, one page per document."""
    base = os.path.join(out, "dataset")
    os.makedirs(base)
    db = os.path.join(base, "d.sqlite")
    pdfs = [os.path.join(corpus, n + ".pdf") for n in
            ("sh-putuo-finance-2024-final", "sh-putuo-commerce-2025-budget",
             "sh-putuo-wanli-2024-budget")]
    subprocess.run([budgetx, "batch", "-j", "1", "-o", db, *pdfs], check=True,
                   stdout=subprocess.DEVNULL)
    folder = os.path.join(base, "review")
    subprocess.run([budgetx, "review", "--per-page", "2", db, "-o", folder], check=True,
                   stdout=subprocess.DEVNULL)
    expect(sorted(os.listdir(folder)) == ["doc-1.html", "doc-2.html", "doc-3.html",
                                          "index-2.html", "index.html"],
           f"dataset: files {sorted(os.listdir(folder))}")
    b.open_tab(1400, 900)
    listed = 0
    for page in ("index.html", "index-2.html"):
        b.load("file://" + os.path.join(folder, page))
        listed += b.js("document.querySelectorAll('tbody tr').length")
        check_links(b, folder)
    expect(listed == 3, f"dataset: {listed} documents listed over two pages")
    sql = subprocess.run(["python3", "-c", "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]);"
                          "print(c.execute(\"select d.id, count(t.id) from documents d join tables t"
                          " on t.document_id=d.id where d.file_name like '%finance%'\").fetchone())",
                          db], capture_output=True, text=True).stdout
    doc_id, tables = eval(sql)
    b.load("file://" + os.path.join(folder, f"doc-{doc_id}.html"))
    expect(b.js("document.querySelectorAll('main > section').length") == tables,
           "dataset: the finance document's tables")
    expect(b.js("document.querySelectorAll('main li.fail, main li.rounding').length") > 0,
           "dataset: the finance document's checks")
    check_links(b, folder)
    b.screenshot(os.path.join(shots, "dataset-document.png"))
    expect(not b.console_errors(), "dataset: console errors")
    for p in ("index.html", f"doc-{doc_id}.html"):
        problems = tidy_problems(os.path.join(folder, p))
        expect(not problems, f"dataset {p}: tidy: {problems[:3]}")


def test_text_dump(b, budgetx, corpus, out, shots):
    """A text dump: no images, its guessed placements marked as guesses."""
    dump = os.path.join(os.path.dirname(corpus), "text", "kashgar-social-insurance-2023-budget.txt")
    if not os.path.exists(dump):
        return
    base = os.path.join(out, "text")
    subprocess.run([budgetx, "review", dump, "-o", base], check=True, stdout=subprocess.DEVNULL)
    extracted = json.loads(subprocess.run([budgetx, "extract", dump], capture_output=True,
                                          text=True).stdout)
    notes = [(i, a) for i, t in enumerate(extracted["tables"]) for a in t.get("ambiguities") or []]
    b.open_tab(1200, 800)
    b.load("file://" + os.path.join(base, "kashgar-social-insurance-2023-budget", "index.html"))
    got = b.js("""[...document.querySelectorAll('li.guess')].map(li => [li.closest('section').id,
        li.textContent])""")
    expect(len(got) == len(notes), f"text dump: {len(got)} guesses listed, {len(notes)} noted")
    for (i, note), (section, text) in zip(notes, got):
        expect(section == f"t-{i}" and note in text, f"text dump: {note} shown as {section}: {text}")
        m = re.match(r"row (\d+)", note)
        if m:  # the row the note names has its cells outlined as guesses
            cells = b.js(f"""[...document.querySelectorAll('#t-{i} tbody tr')][{int(m.group(1)) - 1}]
                .querySelectorAll('td.guess').length""")
            expect(cells > 0, f"text dump: table {i} row {m.group(1)} not marked as a guess")
    expect(b.js("document.images.length") == 0, "text dump: no page image expected")
    b.screenshot(os.path.join(shots, "kashgar-text-dump.png"))
    expect(not b.console_errors(), "text dump: console errors")


def test_bad_input(budgetx, out):
    """One line on stderr naming the file, the documented status, no folder."""
    missing = os.path.join(out, "no-such.pdf")
    r = subprocess.run([budgetx, "review", missing, "-o", os.path.join(out, "bad")],
                       capture_output=True, text=True)
    expect(r.returncode == 2 and missing in r.stderr and len(r.stderr.splitlines()) == 1,
           f"bad input: status {r.returncode}, stderr {r.stderr!r}")
    expect(not os.path.exists(os.path.join(out, "bad", "index.html")), "bad input: an index")
    r = subprocess.run([budgetx, "review", missing], capture_output=True, text=True)
    expect(r.returncode == 1, f"no -o: status {r.returncode}")


def test_all(b, budgetx, corpus, out, shots):
    """Every corpus report: a section per extracted table with an image per
    page, links resolving, a clean console, tidy clean; a screenshot each."""
    for pdf in sorted(glob.glob(os.path.join(corpus, "*.pdf"))):
        name = os.path.splitext(os.path.basename(pdf))[0]
        folder = os.path.join(out, name)
        tables = json.loads(subprocess.run([budgetx, "extract", pdf], capture_output=True,
                                           text=True).stdout)["tables"]
        b.open_tab(1400, 1000)
        b.load("file://" + os.path.join(folder, "index.html"))
        got = b.js("[...document.querySelectorAll('main > section')].map(s => "
                   "s.querySelectorAll('.pages img').length)")
        expect(got == [len(t["pages"]) for t in tables], f"{name}: images per table {got}")
        check_links(b, folder)
        b.screenshot(os.path.join(shots, name + ".png"))
        expect(not b.console_errors(), f"{name}: console errors")
        problems = tidy_problems(os.path.join(folder, "index.html"))
        expect(not problems, f"{name}: tidy: {problems[:3]}")
        print(f"{name}: {len(got)} tables, {sum(got)} images")


def test_moi(b, budgetx, corpus, out, shots):
    """The 392-page report: its folder under 30 MB, open in under 2 s."""
    name = "tw-moi-2025-budget"
    folder = os.path.join(out, name)
    size = sum(os.path.getsize(f) for f in glob.glob(os.path.join(folder, "*")))
    print(f"{name}: folder {size / 1e6:.1f} MB, {len(glob.glob(folder + '/*.png'))} images")
    expect(size < 30e6, f"{name}: folder of {size / 1e6:.1f} MB")
    b.open_tab(1400, 1000)
    times, inside = [], []
    for _ in range(3):
        times.append(b.load("file://" + os.path.join(folder, "index.html")))
        inside.append(b.js("performance.getEntriesByType('navigation')[0].loadEventEnd") / 1000)
    print(f"{name}: load event after {', '.join(f'{t:.2f}' for t in times)} s "
          f"(navigation timing: {', '.join(f'{t:.2f}' for t in inside)} s)")
    expect(min(times) < 2.0, f"{name}: opens in {min(times):.2f} s")
    expect(b.js("document.querySelectorAll('main > section').length") > 0, f"{name}: no tables")
    b.screenshot(os.path.join(shots, name + ".png"))
    expect(not b.console_errors(), f"{name}: console errors")
    expect(not tidy_problems(os.path.join(folder, "index.html")), f"{name}: tidy")


def main():
    budgetx, corpus, gold, out = (os.path.abspath(a) for a in sys.argv[1:5])
    moi = "--moi" in sys.argv[5:]
    every = "--all" in sys.argv[5:]
    if shutil.which("chromium") is None or shutil.which("tidy") is None:
        print("chromium and tidy are needed (scripts/setup installs them)")
        return 1
    shutil.rmtree(out, ignore_errors=True)
    shots = os.path.join(out, "screenshots")
    inputs = [os.path.join(corpus, "sh-putuo-finance-2024-final.pdf")]
    if every:
        inputs = sorted(glob.glob(os.path.join(corpus, "*.pdf")))
    elif moi:
        inputs.append(os.path.join(corpus, "tw-moi-2025-budget.pdf"))
    r = subprocess.run([budgetx, "review", *inputs, "-o", out])
    if r.returncode != 0:
        print("budgetx review failed")
        return 1
    os.makedirs(shots)
    b = Browser()
    try:
        test_finance(b, budgetx, corpus, gold, out, shots)
        test_index(b, out, shots)
        test_dataset(b, budgetx, corpus, out, shots)
        test_text_dump(b, budgetx, corpus, out, shots)
        test_bad_input(budgetx, out)
        if every:
            test_all(b, budgetx, corpus, out, shots)
        if moi or every:
            test_moi(b, budgetx, corpus, out, shots)
    finally:
        b.close()
    print(f"{0 if FAILURES else 1} passed, {1 if FAILURES else 0} failed")
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())
