#!/usr/bin/env python3
"""Checks that PhuongSo's spreadsheets print as the forms they are.

For each XLSX: openpyxl reads the layout (title block, widths, frozen header, A4 landscape fitted
to the width, print titles, date cells as dates), LibreOffice headless converts it to PDF, and
pdftotext reads every page back: each page must be landscape and carry the form's title and the
table's header. A PNG of the first page is left next to the PDF to look at.

  xlsx_print_check.py OUTDIR FILE.xlsx [FILE.xlsx ...]
  xlsx_print_check.py OUTDIR --server http://127.0.0.1:8080 --user vanphong --password Demo@2026 [PATH ...]

With --server it logs in and fetches the given paths (by default the statistics matrix and the
BM.06 register of the current year). It starts nothing but soffice; exits 1 on the first failure.
"""
import datetime
import http.cookiejar
import os
import re
import subprocess
import sys
import urllib.parse
import urllib.request

import openpyxl

DEFAULT_PATHS = ["/reports/matrix.xlsx", "/counter/register.xlsx", "/tasks/register.xlsx"]


def fail(message):
    print("FAIL:", message)
    sys.exit(1)


def fetch(server, user, password, paths, outdir):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(server + "/login").read().decode()
    token = re.search(r'name="_csrf" value="([^"]*)"', page)
    if not token:
        fail("no CSRF token on the login page")
    body = urllib.parse.urlencode({"_csrf": token.group(1), "username": user, "password": password}).encode()
    opener.open(server + "/login", body)
    files = []
    for path in paths:
        response = opener.open(server + path)
        if "spreadsheetml" not in response.headers.get("Content-Type", ""):
            fail(f"{path} did not answer a spreadsheet (logged in as {user}?)")
        name = os.path.join(outdir, re.sub(r"[^A-Za-z0-9.-]+", "-", path.strip("/").split("?")[0]))
        with open(name, "wb") as f:
            f.write(response.read())
        files.append(name)
    return files


def check_layout(path):
    """The layout as a spreadsheet program reads it; returns (title, header texts) per sheet."""
    book = openpyxl.load_workbook(path)
    expected = []
    for ws in book.worksheets:
        where = f"{os.path.basename(path)} / {ws.title}"
        if ws.page_setup.orientation != "landscape" or str(ws.page_setup.paperSize) != "9":
            fail(f"{where}: not A4 landscape")
        if not ws.sheet_properties.pageSetUpPr.fitToPage or ws.page_setup.fitToWidth != 1 or ws.page_setup.fitToHeight not in (0, "0"):
            fail(f"{where}: not fitted to the page width")
        if not ws.freeze_panes:
            fail(f"{where}: the header row is not frozen")
        header_row = ws[ws.freeze_panes].row - 1
        if ws.print_title_rows not in (f"1:{header_row}", f"$1:${header_row}"):
            fail(f"{where}: print titles are {ws.print_title_rows!r}, expected rows 1:{header_row}")
        header = [c.value for c in ws[header_row] if c.value]
        if not header or not all(c.font.b and c.alignment.wrap_text and c.fill.fgColor.rgb not in (None, "00000000") and c.border.bottom.style == "thin"
                                 for c in ws[header_row] if c.value):
            fail(f"{where}: the header is not bold, wrapped, filled and bordered")
        for i, cell in enumerate(ws[header_row]):
            width = ws.column_dimensions[cell.column_letter].width
            if not width or width < 4:
                fail(f"{where}: column {cell.column_letter} has no width")
        title = ws.cell(row=2, column=1).value
        if not title or not ws.cell(row=1, column=1).value:
            fail(f"{where}: no title block (unit, form name)")
        for row in ws.iter_rows(min_row=header_row + 1):
            for cell in row:
                if isinstance(cell.value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}.*)?", cell.value):
                    fail(f"{where}: {cell.coordinate} holds a date as text ({cell.value})")
                if isinstance(cell.value, str) and re.fullmatch(r"\d{2}/\d{2}/\d{4}", cell.value):
                    fail(f"{where}: {cell.coordinate} holds a date as text ({cell.value})")
                if isinstance(cell.value, datetime.datetime) and "dd/mm/yyyy" not in cell.number_format:
                    fail(f"{where}: {cell.coordinate} is a date shown as {cell.number_format}")
        expected.append((title, header))
    return expected


def words(text):
    return re.sub(r"\s+", " ", text).strip()


def check_pdf(path, outdir, expected):
    # its own profile, so a LibreOffice already open elsewhere does not take the conversion over
    profile = "file://" + os.path.abspath(os.path.join(outdir, ".soffice-profile"))
    subprocess.run(["soffice", "-env:UserInstallation=" + profile, "--headless", "--convert-to", "pdf", "--outdir", outdir, path], check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=180)
    pdf = os.path.join(outdir, os.path.splitext(os.path.basename(path))[0] + ".pdf")
    if not os.path.exists(pdf):
        fail(f"LibreOffice made no PDF of {path}")
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "999", pdf], capture_output=True, text=True, check=True).stdout
    sizes = re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info)
    if not sizes:
        fail(f"{pdf}: no pages")
    for n, (w, h) in enumerate(sizes, 1):
        if float(w) <= float(h):
            fail(f"{pdf}: page {n} is portrait ({w} x {h} pt)")
        if abs(float(w) - 842) > 3 or abs(float(h) - 595) > 3:
            fail(f"{pdf}: page {n} is not A4 ({w} x {h} pt)")
    # -raw keeps each cell's text together (-layout interleaves wrapped header cells)
    pages = subprocess.run(["pdftotext", "-raw", pdf, "-"], capture_output=True, text=True, check=True).stdout.split("\f")
    pages = [p for p in pages if p.strip()]
    # the sheets follow each other; each page belongs to one sheet, whose title and header it must show
    for n, page in enumerate(pages, 1):
        text = words(page)
        flat = text.replace(" ", "")
        owners = [(t, h) for t, h in expected if words(t).replace(" ", "") in flat]
        if not owners:
            fail(f"{pdf}: page {n} lacks the title block ({[t for t, _ in expected]})")
        title, header = owners[0]
        for h in header:
            # a wrapped header cell is split over lines: compare without spaces
            if words(h).replace(" ", "") not in flat:
                fail(f"{pdf}: page {n} lacks the header '{h}'")
    subprocess.run(["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", pdf, os.path.splitext(pdf)[0]], check=True)
    print(f"ok: {os.path.basename(path)} — {len(pages)} landscape A4 page(s) with title and header on each")


def main(argv):
    if len(argv) < 3:
        print(__doc__)
        return 2
    outdir = argv[1]
    os.makedirs(outdir, exist_ok=True)
    if argv[2] == "--server":
        server, rest = argv[3].rstrip("/"), argv[4:]
        options = dict(zip(rest[0:4:2], rest[1:4:2]))
        paths = [p for p in rest[4:]] or DEFAULT_PATHS
        files = fetch(server, options.get("--user", "vanphong"), options.get("--password", "Demo@2026"), paths, outdir)
    else:
        files = argv[2:]
    for path in files:
        check_pdf(path, outdir, check_layout(path))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
