#!/usr/bin/env python3
"""Checks that a PhuongSo report DOCX is laid out as Nghị định 30/2020/NĐ-CP wants (DOMAIN §10).

python-docx reads it back: the header table (issuer, national name, motto), the "Số:" line, the
date line, the title, the data tables, the signature block and "Nơi nhận:", A4 portrait with the
Decree's margins, Times New Roman as the default font. LibreOffice headless then converts it to
PDF: every page must be A4 portrait, and page 1 is left as OUTDIR/page1.png to look at.

  docx_check.py FILE.docx OUTDIR [--expect-number 05/BC-UBND] [--expect-tables N]

Exits 1 with a message on the first failure.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys

import docx
from docx.oxml.ns import qn
from docx.shared import Mm

DATE_LINE = re.compile(r"ngày \d\d tháng (0[12]|[3-9]|1[0-2]) năm \d{4}")
NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
# Decree 30, Phụ lục I, mục I.3: top/bottom 20 mm, left 30 mm, right 15 mm (within 0.5 mm)
MARGINS = {"top_margin": 20, "bottom_margin": 20, "left_margin": 30, "right_margin": 15}


def fail(message):
    print("FAIL:", message)
    sys.exit(1)


def words(text):
    return re.sub(r"\s+", " ", text).strip()


def cell_lines(table):
    """The paragraphs of every cell of a table, in order, each as one line."""
    lines = []
    for row in table.rows:
        seen = set()
        for cell in row.cells:
            if id(cell._tc) in seen:  # a merged cell is listed once per column it spans
                continue
            seen.add(id(cell._tc))
            lines += [words(p.text) for p in cell.paragraphs if p.text.strip()]
    return lines


def default_font(document):
    fonts = document.styles.element.find(qn("w:docDefaults") + "/" + qn("w:rPrDefault") + "/" + qn("w:rPr") + "/" + qn("w:rFonts"))
    if fonts is not None and fonts.get(qn("w:ascii")):
        return fonts.get(qn("w:ascii")), fonts.get(qn("w:hAnsi"))
    normal = document.styles["Normal"].font.name
    return normal, normal


def check_docx(path, expect_number, expect_tables):
    document = docx.Document(path)
    tables = document.tables
    if len(tables) < 2:
        fail(f"{path}: expected a header table and a signature table, found {len(tables)} table(s)")
    header, footer, data = tables[0], tables[-1], tables[1:-1]

    top = cell_lines(header)
    if NATION not in top:
        fail(f"the header table lacks '{NATION}' (has {top})")
    if MOTTO not in top:
        fail(f"the header table lacks '{MOTTO}' (has {top})")
    issuer = top[: top.index(NATION)] if top and top[0] != NATION else []
    if not issuer or not all(line == line.upper() for line in issuer):
        fail(f"the header table starts with no issuer in capitals (has {top})")
    numbers = [line for line in top if line.startswith("Số:")]
    if not numbers:
        fail(f"no 'Số:' line in the header table (has {top})")
    if expect_number and words(numbers[0]) != words("Số: " + expect_number):
        fail(f"the number line is '{numbers[0]}', expected 'Số: {expect_number}'")
    dates = [line for line in top if DATE_LINE.search(line)]
    if not dates:
        fail(f"no date line 'ngày dd tháng m năm yyyy' (Decree 30 zeros) in the header table (has {top})")
    if not re.match(r"^[^,]+, ngày", dates[0]):
        fail(f"the date line '{dates[0]}' does not start with the place and a comma")

    body = [words(p.text) for p in document.paragraphs if p.text.strip()]
    titles = [p for p in document.paragraphs if words(p.text) == "BÁO CÁO"]
    if not titles:
        fail("no 'BÁO CÁO' title paragraph")
    title = titles[0]
    if title.alignment is None or title.alignment != 1 or not all(r.bold for r in title.runs):
        fail("the title 'BÁO CÁO' is not bold and centred")
    subject = body[body.index("BÁO CÁO") + 1] if body.index("BÁO CÁO") + 1 < len(body) else ""
    if not subject:
        fail("no subject line under the title")

    if len(data) < expect_tables:
        fail(f"{len(data)} data table(s) besides the header and signature tables, expected at least {expect_tables}")
    for n, table in enumerate(data, 1):
        properties = table.rows[0]._tr.trPr
        if properties is None or properties.find(qn("w:tblHeader")) is None:
            fail(f"data table {n}: the header row is not repeated on each page (w:tblHeader)")
        if len(table.rows) < 2:
            fail(f"data table {n}: no rows under the header")

    bottom = cell_lines(footer)
    for needed in ("Nơi nhận:", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"):
        if needed not in bottom:
            fail(f"the signature table lacks '{needed}' (has {bottom})")

    for n, section in enumerate(document.sections, 1):
        if abs(section.page_width - Mm(210)) > Mm(0.5) or abs(section.page_height - Mm(297)) > Mm(0.5):
            fail(f"section {n}: the page is {section.page_width.mm:.1f} x {section.page_height.mm:.1f} mm, not A4 portrait")
        for name, mm in MARGINS.items():
            value = getattr(section, name)
            if value is None or abs(value - Mm(mm)) > Mm(0.5):
                shown = f"{value.mm:.1f} mm" if value is not None else "not set"
                fail(f"section {n}: {name.replace('_', ' ')} is {shown}, expected {mm} mm")
        if not section.different_first_page_header_footer:
            fail(f"section {n}: no different first page (the page number must not show on page 1)")
        if "PAGE" in section.first_page_header._element.xml:
            fail(f"section {n}: the first page shows a page number")
        if "PAGE" not in section.header._element.xml:
            fail(f"section {n}: no page number in the header of the following pages")

    ascii_font, latin_font = default_font(document)
    if ascii_font != "Times New Roman" or latin_font != "Times New Roman":
        fail(f"the default font is {ascii_font} / {latin_font}, not Times New Roman")
    return {"issuer": " / ".join(issuer), "number": numbers[0], "date": dates[0], "subject": subject,
            "tables": len(data), "signer": bottom[-1]}


def check_pdf(path, outdir):
    # its own profile, so a LibreOffice already open elsewhere does not take the conversion over
    profile = "file://" + os.path.abspath(os.path.join(outdir, ".soffice-profile"))
    subprocess.run(["soffice", "-env:UserInstallation=" + profile, "--headless", "--convert-to", "pdf", "--outdir", outdir, path],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=180)
    pdf = os.path.join(outdir, os.path.splitext(os.path.basename(path))[0] + ".pdf")
    if not os.path.exists(pdf):
        fail(f"LibreOffice made no PDF of {path}")
    info = subprocess.run(["pdfinfo", "-f", "1", "-l", "999", pdf], capture_output=True, text=True, check=True).stdout
    sizes = re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info)
    if not sizes:
        fail(f"{pdf}: no pages")
    for n, (w, h) in enumerate(sizes, 1):
        if abs(float(w) - 595) > 2 or abs(float(h) - 842) > 2:
            fail(f"{pdf}: page {n} is {w} x {h} pt, not A4 portrait (595 x 842)")
    first = subprocess.run(["pdftotext", "-f", "1", "-l", "1", "-layout", pdf, "-"], capture_output=True, text=True).stdout
    if first.strip() and re.fullmatch(r"\s*1\s*", first.strip().splitlines()[0]):
        fail(f"{pdf}: page 1 shows a page number")
    stem = os.path.join(outdir, "page1")
    subprocess.run(["pdftoppm", "-r", "80", "-png", "-f", "1", "-l", "1", "-singlefile", pdf, stem], check=True)
    return pdf, len(sizes), stem + ".png"


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file")
    parser.add_argument("outdir")
    parser.add_argument("--expect-number")
    parser.add_argument("--expect-tables", type=int, default=0)
    args = parser.parse_args(argv[1:])
    if not os.path.exists(args.file):
        fail(f"no file {args.file}")
    os.makedirs(args.outdir, exist_ok=True)
    if not shutil.which("soffice"):
        fail("LibreOffice (soffice) is not installed")
    summary = check_docx(args.file, args.expect_number, args.expect_tables)
    pdf, pages, png = check_pdf(args.file, args.outdir)
    print(f"ok: {os.path.basename(args.file)} — {summary['issuer']}, {summary['number']}, {summary['date']}")
    print(f"    BÁO CÁO: {summary['subject']}")
    print(f"    {summary['tables']} data table(s), signed {summary['signer']}; A4 portrait, Decree 30 margins, Times New Roman")
    print(f"    {pages} page(s) in {pdf}; page 1: {png}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
