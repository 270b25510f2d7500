#!/usr/bin/env python3
"""Browser check of reform plans and tasks (issue 13), as the ward's people would do it: only the
start page and the login page are typed; everything else is reached by clicking links and
buttons and filling forms.

  phase1 (the ward's clock at Thursday 5 Feb 2026, before Tết; Tết 2026 keeps the ward closed
          from Saturday 14 to Sunday 22 Feb):
    - the office (vanphong) drafts the 2026 CCHC plan with three targets — one bound to the
      dossiers' on-time rate, one bound to the online share, one entered by hand with a PDF —
      and issues it;
    - the clerk receives two guardianship dossiers; the first goes through every step now
      (resolved early), the second waits;
    - the chairman (chutich) assigns three tasks: to Đặng Văn Đức (tuphap) 5 working days from
      12/02 (across Tết: due 26/02), to Trần Văn Bình (diachinh) by a date — first on Tết
      (18/02: refused, the day named, the next working day 23/02 offered, the title kept), then
      24/02 — and a third to Trần Văn Bình by 06/03;
    - tuphap reports progress with a PDF and submits; diachinh reports progress on the first
      task without submitting and submits the second;
    - the chairman accepts tuphap's task ("Đạt yêu cầu") and returns diachinh's second with a
      reason.
  (scripts/check stops the server and starts it again on the same data at 26 Feb 2026 09:00)
  phase2:
    - the second dossier is resolved now, late: the on-time rate of dossiers becomes 50%;
    - the chairman's view shows diachinh's first task as overdue; its completion and
      on-schedule rates equal the JSON API's overview, a computation from the API's task list,
      and what the three tasks made here add to the demo's;
    - the plan's bound on-time target shows the same rate as the statistics matrix it links to;
    - the plan XLSX and the task register XLSX open in openpyxl;
    - the chairman's 766 index, its drill-down, and the supervisor's ranking;
    - the office writes the Q1 CCHC report (refused first for what is missing), downloads its DOCX
      (read back by scripts/docx_check.py and printed by LibreOffice) and XLSX annex, sends it;
      the supervisor accepts it from the province's list;
    - the supervisor goes down the statistics: province by unit → the ward by field → a field's
      procedures → the dossiers behind a number → one dossier.
Every page visited is screenshotted at 360 px and 1280 px, scanned with axe (no serious or
critical finding), and read: no ISO timestamp, no account username where a name belongs, no
"N/A", no unrounded decimal, no sideways scrolling on a phone.

Usage: browser_reform.py phase1|phase2 BASE_URL SCREENSHOT_DIR STATE_FILE"""
import io
import json
import math
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.request
import warnings

import openpyxl
from axe_selenium_python import Axe
from browser_common import chromium
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

phase, base, shots, state_file = sys.argv[1:5]
PASSWORD = "Demo@2026"
USERNAMES = ["tuphap", "diachinh", "chutich", "vanphong", "motcua", "vanhoa", "giamsat"]
YEAR = 2026
PLAN_TITLE = "Kế hoạch thực hiện công tác cải cách hành chính năm 2026"
TARGET_ON_TIME = "Tỷ lệ hồ sơ TTHC giải quyết trước và đúng hạn"
TARGET_ONLINE = "Tỷ lệ hồ sơ TTHC tiếp nhận trực tuyến"
TARGET_EVENTS = "Số hội nghị chuyên đề, đợt tuyên truyền về CCHC"
TASK_A = "Rà soát, đơn giản hóa thủ tục chứng thực tại Bộ phận Một cửa"
TASK_B = "Cập nhật bản đồ địa chính các tổ dân phố sau sáp nhập"
TASK_C = "Tổng hợp ý kiến của tổ dân phố về thủ tục đất đai"
LEAD_A, LEAD_B = "Đặng Văn Đức", "Trần Văn Bình"
PDF = b"%PDF-1.4\n1 0 obj <</Type /Page>> endobj\ntrailer <<>>\n%%EOF\n"

failures = []
warnings.filterwarnings("ignore", message="Workbook contains no default style")
state = json.load(open(state_file)) if phase == "phase2" else {}
pdf_path = os.path.join(tempfile.mkdtemp(), "bao-cao-tien-do.pdf")
with open(pdf_path, "wb") as f:
    f.write(PDF)


def check(ok, what, detail=""):
    """One line per check; a failure is remembered and makes the script exit non-zero."""
    print(("ok   " if ok else "FAIL ") + what + ("" if ok or not detail else f" — {detail}"))
    if not ok:
        failures.append(what)
    return ok


driver = chromium()
driver.set_window_size(1280, 900)


def body_text():
    try:
        return driver.find_element(By.TAG_NAME, "body").text
    except WebDriverException:
        return ""


def main_text():
    try:
        return driver.find_element(By.TAG_NAME, "main").text
    except WebDriverException:
        return ""


def loaded():
    WebDriverWait(driver, 15).until(lambda d: d.execute_script("return document.readyState") == "complete")


def gone(element):
    """Waits until `element` left the page (the browser navigated)."""
    def detached(_):
        try:
            element.is_enabled()
            return False
        except WebDriverException:
            return True
    WebDriverWait(driver, 15).until(detached)
    loaded()


def click(element):
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
    element.click()
    gone(element)


def click_link(text, within="main", exact=True):
    """Clicks the link whose text is `text` (or contains it) inside `within`."""
    scope = driver.find_element(By.CSS_SELECTOR, within)
    links = [a for a in scope.find_elements(By.TAG_NAME, "a") if (a.text.strip() == text if exact else text in a.text)]
    if not links:
        raise AssertionError(f"no link “{text}” on {driver.title} ({driver.current_url})")
    click(links[0])


def menu(text):
    click_link(text, within="header nav")


def submit(form):
    click(form.find_element(By.CSS_SELECTOR, "button[type=submit]"))


def open_details(form, field):
    """A field inside a folded <details> (the evidence block) is opened as a person would: by its summary."""
    for details in form.find_elements(By.TAG_NAME, "details"):
        if details.get_attribute("open") is None and field in details.find_elements(By.CSS_SELECTOR, "input, textarea, select"):
            details.find_element(By.TAG_NAME, "summary").click()


def fill(form, name, value):
    """Types into a text field or text area; a date field is set as its picker would set it."""
    field = form.find_element(By.NAME, name)
    open_details(form, field)
    if field.get_attribute("type") == "date":
        driver.execute_script("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('change'))", field, value)
    else:
        field.clear()
        field.send_keys(value)


def choose(form, name, label=None, value=None):
    select = Select(form.find_element(By.NAME, name))
    if label is not None:
        options = [o for o in select.options if o.text.strip() == label or o.text.startswith(label)]
        if not options:
            raise AssertionError(f"no option “{label}” in {name}: " + " | ".join(o.text for o in select.options))
        select.select_by_visible_text(options[0].text)
    else:
        select.select_by_value(value)


def form_with(selector_or_heading):
    """The form on the page whose action ends with a path piece, or whose card has this heading."""
    for form in driver.find_elements(By.CSS_SELECTOR, "main form"):
        action = form.get_attribute("action") or ""
        if action.split("?")[0].endswith(selector_or_heading):
            return form
    for form in driver.find_elements(By.CSS_SELECTOR, "main form"):
        if any(h.text.strip() == selector_or_heading for h in form.find_elements(By.CSS_SELECTOR, "h2, h3")):
            return form
    raise AssertionError(f"no form “{selector_or_heading}” on {driver.title}")


# ---- what every page is checked for --------------------------------------------------------------
ISO_TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}T")
ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
USERNAME = re.compile(r"\b(" + "|".join(USERNAMES) + r")\b")
UNROUNDED = re.compile(r"\d+[.,]\d{3,}")
# codes that legitimately carry a dot and digits: procedure codes (1.004837, 3.000527.H61),
# unit codes (000.00.31.H42), dossier codes; and Vietnamese thousands (1.234.567 đồng)
CODES = re.compile(r"\b\d{1,3}\.\d{6}(\.[A-Z0-9]+)?\b|\b\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}\b|\b[A-Z0-9.]+-\d{6}-\d{4}\b")
seen = {}
looked = 0


def look(name, expect=None, axe=True):
    """Screenshots at 360 px and 1280 px, axe at both, and the text rules; then back to 1280 px."""
    global looked
    looked += 1
    if expect:
        try:
            WebDriverWait(driver, 10).until(lambda d: expect in body_text())
        except Exception:
            pass
        check(expect in body_text(), f"{name}: shows “{expect}”", main_text()[:400])
    problems = []
    for width, height in [(360, 780), (1280, 900)]:
        # the whole page in one picture: the window as tall as the page, then back
        driver.set_window_size(width, height)
        driver.execute_script("window.scrollTo(0, 0)")
        full = driver.execute_script("return document.documentElement.scrollHeight")
        driver.set_window_size(width, min(max(full, height), 12000))
        time.sleep(0.15)
        driver.save_screenshot(f"{shots}/reform-{phase}-{name}-{width}.png")
        driver.set_window_size(width, height)
        if width < 500 and driver.execute_script("return document.documentElement.scrollWidth > window.innerWidth + 1"):
            problems.append(f"scrolls sideways at {width} px")
        if axe:
            a = Axe(driver)
            a.inject()
            bad = [v for v in a.run()["violations"] if v.get("impact") in ("serious", "critical")]
            problems += [f"axe {v['impact']} {v['id']} at {width} px: {v['help']} ({len(v['nodes'])} nodes)" for v in bad]
    text = body_text()
    if 'lang="vi"' not in driver.page_source:
        problems.append("not <html lang=vi>")
    for rule, pattern, subject in [("an ISO timestamp", ISO_TIMESTAMP, text), ("a username", USERNAME, text),
                                   ("N/A", re.compile(r"\bN/A\b"), text), ("an unrounded decimal", UNROUNDED, CODES.sub(" ", text))]:
        found = sorted(set(m.group(0) for m in pattern.finditer(subject)))
        if found:
            problems.append(f"shows {rule}: " + ", ".join(found[:5]))
    dates = sorted(set(ISO_DATE.findall(text)))
    if dates:
        print(f"note {name}: shows dates as YYYY-MM-DD: " + ", ".join(dates[:3]))
    check(not problems, f"{name}: screenshots, axe, page text", "; ".join(problems))
    seen[name] = driver.current_url


def cookie_get(href):
    """Downloads `href` with the browser's session, as a click on a download link would."""
    cookie = "; ".join(f"{c['name']}={c['value']}" for c in driver.get_cookies())
    with urllib.request.urlopen(urllib.request.Request(href, headers={"Cookie": cookie})) as r:
        return r.read(), r.headers.get("Content-Type", "")


def api(method, path, token=None, body=None):
    data = json.dumps(body).encode() if body is not None else None
    headers = {"Content-Type": "application/json"} if data else {}
    if token:
        headers["Authorization"] = "Bearer " + token
    with urllib.request.urlopen(urllib.request.Request(base + path, data=data, headers=headers, method=method)) as r:
        return json.loads(r.read())


def login(user):
    driver.get(base + "/login")
    form = driver.find_element(By.CSS_SELECTOR, "main form")
    fill(form, "username", user)
    fill(form, "password", PASSWORD)
    submit(form)
    WebDriverWait(driver, 10).until(lambda d: "Đăng xuất" in body_text())


def logout():
    click(driver.find_element(By.CSS_SELECTOR, "form.logout button"))
    WebDriverWait(driver, 10).until(lambda d: "Đăng xuất" not in body_text())


def open_task(title, section=None):
    """From anywhere: the menu "Nhiệm vụ", then the task's title (in a given section of "my tasks")."""
    menu("Nhiệm vụ")
    if section:
        heading = [h for h in driver.find_elements(By.CSS_SELECTOR, "main h2") if h.text.strip() == section]
        check(bool(heading), f"“{title}” is under “{section}”", main_text()[:300])
        if heading:
            table = heading[0].find_element(By.XPATH, "following-sibling::*[1]")
            links = [a for a in table.find_elements(By.TAG_NAME, "a") if a.text.strip() == title]
            check(bool(links), f"“{title}” is listed under “{section}”", table.text[:300])
            if links:
                return click(links[0])
    click_link(title)


def notice():
    found = driver.find_elements(By.CSS_SELECTOR, "main .notice")
    return found[0].text if found else ""


def act_on_task(form_heading, fields, expect_notice, shot):
    """Fills and sends one action form of the task page, then checks the success message."""
    form = form_with(form_heading)
    for name, value in fields:
        if name == "file":
            open_details(form, form.find_element(By.NAME, "file"))
            form.find_element(By.NAME, "file").send_keys(value)
        elif name == "quality":
            choose(form, name, label=value)
        else:
            fill(form, name, value)
    submit(form)
    check(notice() == expect_notice, f"{shot}: “{expect_notice}”", (notice() or main_text())[:300])
    look(shot)


# ---- dossiers: two guardianship registrations, so the on-time rate has something to count ------------
GUARDIANSHIP = "1.004837"


def receive_dossier(applicant, id_number, label):
    menu("Quản trị")
    click_link("Quầy tiếp nhận hồ sơ (Một cửa)")
    form = [f for f in driver.find_elements(By.CSS_SELECTOR, "main form") if f.find_elements(By.NAME, "q")][0]
    fill(form, "q", "giám hộ")
    submit(form)
    link = driver.find_element(By.CSS_SELECTOR, f"main a[href*='/counter/new/{GUARDIANSHIP}']")
    click(link)
    form = driver.find_element(By.CSS_SELECTOR, "main form[method=post]")
    fill(form, "name", applicant)
    fill(form, "idNumber", id_number)
    fill(form, "phone", "0905123456")
    for box in form.find_elements(By.CSS_SELECTOR, "input[type=checkbox][name='submitted[]']"):
        box.click()
    submit(form)
    check("/counter/dossiers/" in driver.current_url, f"dossier for {applicant} received", main_text()[:300])
    code = driver.title.split(" ")[2]
    look(f"dossier-received-{label}", "Đã tiếp nhận")
    return code


def resolve_dossier(code, label):
    """The dossier's four steps (the civil-status official, the chairman, the counter twice), each
    opening it from "Hồ sơ cần xử lý"."""
    for user, action in [("tuphap", "complete"), ("chutich", "complete"), ("motcua", "complete"), ("motcua", "returnResult")]:
        login(user)
        menu("Quản trị")
        click_link("Hồ sơ cần xử lý")
        click_link(code, exact=False)
        # each action has its own form; the one this step needs is chosen by what it says
        form = driver.find_element(By.CSS_SELECTOR, f"main form.action-{action}")
        if action == "returnResult":
            form.find_element(By.NAME, "recipient").send_keys("Người nộp hồ sơ")
            box = form.find_element(By.NAME, "confirm")
            driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", box)
            box.click()  # a checkbox: the page stays
        else:
            form.find_element(By.CSS_SELECTOR, "textarea").send_keys("Đã xử lý theo quy trình")
        submit(form)
        WebDriverWait(driver, 15).until(lambda d: d.find_elements(By.CSS_SELECTOR, "p.notice.success"))
        logout()
    login("motcua")
    menu("Quản trị")
    click_link("Sổ theo dõi hồ sơ")
    look(f"dossier-register-{label}", code)
    logout()


# ---- the API's figures and our own count ------------------------------------------------------
def expected_figures(tasks, today):
    """TaskFigures, counted again from the API's task list: tasks whose original deadline is in
    the year; cancelled ones aside; completed = accepted; on schedule = accepted not late; due =
    accepted, or open past the original deadline; overdue = still being worked on (assigned or in
    progress, not submitted) past the deadline in force."""
    f = dict(assigned=0, completed=0, onSchedule=0, due=0, overdue=0)
    for t in tasks:
        if not t["originalDeadline"].startswith(str(YEAR)) or t["state"] == "cancelled":
            continue
        f["assigned"] += 1
        if t["state"] == "accepted":
            f["completed"] += 1
            f["due"] += 1
            if t["timeliness"] != "late":
                f["onSchedule"] += 1
            continue
        if t["state"] in ("assigned", "in-progress") and today > t["deadline"]:
            f["overdue"] += 1
        if today > t["originalDeadline"]:
            f["due"] += 1
    return f


def percent(numerator, denominator):
    """As the pages write a rate: one decimal, a decimal comma, no ",0"."""
    if denominator == 0:
        return "không có dữ liệu"
    v = math.floor(numerator * 1000 / denominator + 0.5) / 10  # half away from zero, as Swift's rounded()
    return (str(int(v)) if v == int(v) else f"{v:.1f}".replace(".", ",")) + "%"


def rate_value(text):
    """A rate read off a page, as a number (98,5% and 98.5% alike); None for "no data"."""
    m = re.search(r"(\d+(?:[.,]\d+)?)\s*%", text)
    return float(m.group(1).replace(",", ".")) if m else None


def card(title):
    """The big number and the line under it of one card of the chairman's view."""
    for c in driver.find_elements(By.CSS_SELECTOR, "main .card"):
        if c.find_element(By.TAG_NAME, "h2").text.strip() == title:
            ps = c.find_elements(By.TAG_NAME, "p")
            return ps[0].text.strip(), ps[1].text.strip() if len(ps) > 1 else "", c
    raise AssertionError(f"no card “{title}”")


# ---- phase 1 -----------------------------------------------------------------------------------
def office_drafts_the_plan():
    login("vanphong")
    menu("Cải cách hành chính")
    look("overview-before", "Tổng hợp cải cách hành chính năm 2026")
    click_link("Kế hoạch CCHC")
    look("plans", "Kế hoạch cải cách hành chính")
    click_link("Lập kế hoạch mới")
    look("plan-new", "Lập kế hoạch cải cách hành chính")
    form = driver.find_element(By.CSS_SELECTOR, "main form")
    fill(form, "year", str(YEAR))
    fill(form, "title", PLAN_TITLE)
    fill(form, "provinceNumber", "350/KH-UBND")
    fill(form, "provinceDate", "2025-12-20")
    fill(form, "provinceTitle", "Kế hoạch cải cách hành chính tỉnh Hà Tĩnh năm 2026")
    submit(form)
    check(PLAN_TITLE in driver.title, "the office drafts the 2026 plan", main_text()[:300])
    state["plan_url"] = driver.current_url.split("?")[0]
    look("plan-draft", "Dự thảo")
    # one section written: the first "Sửa mục này" after the TTHC heading
    heading = [h for h in driver.find_elements(By.CSS_SELECTOR, "main h3") if "Cải cách TTHC" in h.text][0]
    click(heading.find_element(By.XPATH, "following-sibling::p/a[text()='Sửa mục này']"))
    form = driver.find_element(By.CSS_SELECTOR, "main #section-form form")
    fill(form, "content", "Giải quyết hồ sơ trước và đúng hạn; công khai thủ tục tại Bộ phận Một cửa.\nXin lỗi người dân khi trễ hạn.")
    submit(form)
    check("Xin lỗi người dân khi trễ hạn." in main_text(), "a section of the plan written", (notice() or main_text())[:300])
    targets = [("Cải cách TTHC", TARGET_ON_TIME, "Tự động: Tỷ lệ hồ sơ giải quyết trước và đúng hạn", "98", "%"),
               ("Xây dựng và phát triển chính quyền điện tử", TARGET_ONLINE, "Tự động: Tỷ lệ hồ sơ tiếp nhận trực tuyến", "50", "%"),
               ("Công tác chỉ đạo, điều hành", TARGET_EVENTS, "Nhập thủ công kèm minh chứng", "4", "cuộc")]
    for section, measure, binding, goal, unit in targets:
        form = form_with("/targets")
        choose(form, "section", label=section)
        fill(form, "measure", measure)
        choose(form, "binding", label=binding)
        fill(form, "goal", goal)
        fill(form, "unitOfMeasure", unit)
        fill(form, "due", f"{YEAR}-12-31")
        submit(form)
        check(measure in main_text(), f"target “{measure}” added", (notice() or main_text())[:300])
    look("plan-targets", TARGET_ON_TIME)
    # the hand-entered target gets its first value, with the PDF as evidence
    row = [tr for tr in driver.find_elements(By.CSS_SELECTOR, "main table tr") if TARGET_EVENTS in tr.text][0]
    click(row.find_element(By.LINK_TEXT, "Nhập số liệu"))
    form = form_with("/entries")
    fill(form, "value", "1")
    fill(form, "asOf", "2026-02-04")
    fill(form, "docNumber", "03/BC-UBND")
    fill(form, "docDate", "2026-02-04")
    form.find_element(By.NAME, "file").send_keys(pdf_path)
    submit(form)
    check("bao-cao-tien-do.pdf" in main_text(), "a value entered by hand with its PDF evidence", main_text()[:300])
    form = form_with("/issue")
    fill(form, "number", "12/KH-UBND")
    fill(form, "issuedOn", "2026-01-15")
    fill(form, "signerName", "Nguyễn Văn Hùng")
    fill(form, "signerTitle", "Chủ tịch UBND phường")
    submit(form)
    look("plan-issued", "12/KH-UBND ngày 15/01/2026")
    logout()


def clerk_receives_dossiers():
    login("motcua")
    first = receive_dossier("Lê Thị Thu", "042196007777", "first")
    second = receive_dossier("Nguyễn Văn An", "042196008888", "second")
    logout()
    state["dossiers"] = [first, second]
    resolve_dossier(first, "first")


def chairman_assigns():
    login("chutich")
    menu("Nhiệm vụ")
    look("my-tasks-chairman", "Nhiệm vụ của tôi")
    click_link("Giao nhiệm vụ mới")
    look("task-new", "Giao nhiệm vụ")

    def new_task(title, product, lead, start, deadline_days=None, deadline_date=None, area=None, doc=None):
        """Under the plan (with its reform area), or, with `doc`, following the chairman's notice."""
        form = driver.find_element(By.CSS_SELECTOR, "main form[method=post]")
        fill(form, "title", title)
        fill(form, "product", product)
        if doc:
            choose(form, "sourceKind", label="Chỉ đạo của lãnh đạo")
            fill(form, "sourceRef", doc)
            fill(form, "sourceDate", "2026-02-04")
        else:
            choose(form, "sourceKind", label="Kế hoạch CCHC")
            choose(form, "planID", label=PLAN_TITLE)
            choose(form, "area", label=area)
        choose(form, "leadID", label=lead)
        fill(form, "start", start)
        if deadline_days is not None:
            form.find_element(By.ID, "mode-days").click()
            fill(form, "deadlineDays", str(deadline_days))
            fill(form, "deadlineDate", "")
        else:
            form.find_element(By.ID, "mode-date").click()
            fill(form, "deadlineDate", deadline_date)
        submit(form)

    # a deadline on Tết is refused: the day off is named, the next working day offered, input kept
    new_task(TASK_B, "Bản đồ địa chính cập nhật", LEAD_B, "2026-02-05", deadline_date="2026-02-18", area="Xây dựng và phát triển chính quyền điện tử")
    message = "Ngày 18/02/2026 là ngày nghỉ: Tết Nguyên đán (mùng 2). Ngày làm việc tiếp theo là 23/02/2026."
    check(message in main_text(), "a deadline on Tết: “" + message + "”", main_text()[:500])
    check(driver.find_element(By.NAME, "title").get_attribute("value") == TASK_B, "the refused form keeps the typed title")
    check("/tasks" in driver.current_url and "Giao nhiệm vụ" in driver.title, "the refused form is the same page again")
    look("task-new-refused-tet")
    fill(driver.find_element(By.CSS_SELECTOR, "main form[method=post]"), "deadlineDate", "2026-02-24")
    submit(driver.find_element(By.CSS_SELECTOR, "main form[method=post]"))
    check(notice() == "Đã giao nhiệm vụ.", "task to Trần Văn Bình by 24/02/2026 assigned", main_text()[:300])
    check("đến hết ngày 24/02/2026" in main_text(), "its deadline reads 24/02/2026", main_text()[:400])
    state["task_b"] = driver.current_url.split("?")[0]
    look("task-b-assigned")

    menu("Nhiệm vụ")
    click_link("Giao nhiệm vụ mới")
    # 5 working days from Thursday 12/02: Fri 13/02, then (Tết 14–22/02) 23, 24, 25, 26/02
    new_task(TASK_A, "Danh mục thủ tục chứng thực đề xuất đơn giản hóa", LEAD_A, "2026-02-12", deadline_days=5, area="Cải cách TTHC")
    check(notice() == "Đã giao nhiệm vụ.", "task to Đặng Văn Đức, 5 working days from 12/02/2026, assigned", main_text()[:300])
    check("Từ 12/02/2026 đến hết ngày 26/02/2026" in main_text(), "5 working days from 12/02/2026 across Tết end on 26/02/2026",
          main_text()[:500])
    check("giao 5 ngày làm việc" in main_text(), "the page says the deadline was given as 5 working days")
    check(bool(driver.find_elements(By.PARTIAL_LINK_TEXT, PLAN_TITLE)) or "Kế hoạch CCHC" in main_text(),
          "the task says it carries out the plan", main_text()[:400])
    state["task_a"] = driver.current_url.split("?")[0]
    look("task-a-assigned")

    menu("Nhiệm vụ")
    click_link("Giao nhiệm vụ mới")
    new_task(TASK_C, "Báo cáo tổng hợp ý kiến", LEAD_B, "2026-02-05", deadline_date="2026-03-06", doc="16/TB-UBND")
    check("Chỉ đạo của lãnh đạo — 16/TB-UBND ngày 04/02/2026" in main_text(), "the task shows the direction it follows", main_text()[:400])
    check(notice() == "Đã giao nhiệm vụ.", "a second task to Trần Văn Bình by 06/03/2026 assigned", main_text()[:300])
    state["task_c"] = driver.current_url.split("?")[0]
    logout()


def officials_report():
    login("tuphap")
    open_task(TASK_A, section="Tôi chủ trì hoặc phối hợp")
    look("task-a-official", TASK_A)
    act_on_task("Báo cáo tiến độ", [("percent", "60"), ("note", "Đã rà soát 12/18 thủ tục chứng thực"), ("file", pdf_path),
                                    ("docNumber", "05/BC-TP"), ("docDate", "2026-02-05")],
                "Đã ghi báo cáo tiến độ.", "task-a-progress")
    files = driver.find_elements(By.PARTIAL_LINK_TEXT, "bao-cao-tien-do.pdf")
    check(bool(files), "the timeline links the PDF evidence", main_text()[-600:])
    if files:
        data, kind = cookie_get(files[0].get_attribute("href"))
        check(data == PDF, "the evidence link gives back the same PDF", kind)
    act_on_task("Gửi kết quả để nghiệm thu", [("note", "Danh mục 18 thủ tục, đề xuất đơn giản hóa 4 thủ tục")],
                "Đã gửi kết quả để người giao nghiệm thu.", "task-a-submitted")
    check("Chờ nghiệm thu" in main_text(), "Đặng Văn Đức's task waits for acceptance")
    logout()

    login("diachinh")
    open_task(TASK_B, section="Tôi chủ trì hoặc phối hợp")
    act_on_task("Báo cáo tiến độ", [("percent", "40"), ("note", "Đã cập nhật 5/12 tổ dân phố")], "Đã ghi báo cáo tiến độ.", "task-b-progress")
    check("Đang thực hiện" in main_text() and "40%" in main_text(), "Trần Văn Bình's task is in progress at 40%, not submitted")
    open_task(TASK_C, section="Tôi chủ trì hoặc phối hợp")
    act_on_task("Gửi kết quả để nghiệm thu", [("note", "Đã tổng hợp ý kiến của 8 tổ dân phố")],
                "Đã gửi kết quả để người giao nghiệm thu.", "task-c-submitted")
    logout()


def chairman_decides():
    login("chutich")
    open_task(TASK_A, section="Chờ tôi quyết định")
    look("task-a-to-accept", "Nghiệm thu")
    act_on_task("Nghiệm thu", [("quality", "Đạt yêu cầu"), ("note", "Sản phẩm đạt yêu cầu")], "Đã nghiệm thu nhiệm vụ.", "task-a-accepted")
    check("Đã hoàn thành" in main_text() and "Đạt yêu cầu" in main_text(), "Đặng Văn Đức's task is completed and meets requirements",
          main_text()[:400])
    open_task(TASK_C, section="Chờ tôi quyết định")
    act_on_task("Trả lại để làm tiếp", [("note", "Thiếu ý kiến của 4 tổ dân phố còn lại")], "Đã trả lại nhiệm vụ để làm tiếp.", "task-c-returned")
    check("Thiếu ý kiến của 4 tổ dân phố còn lại" in main_text(), "the reason for returning shows in the timeline")
    check("Chờ nghiệm thu" not in driver.find_element(By.CSS_SELECTOR, "main .status").text, "the returned task no longer waits for acceptance",
          driver.find_element(By.CSS_SELECTOR, "main .status").text)
    menu("Nhiệm vụ")
    look("my-tasks-chairman-after")
    click_link("Sổ theo dõi nhiệm vụ")
    look("register-phase1", TASK_A)
    logout()


# ---- phase 2 -----------------------------------------------------------------------------------
def chairman_view():
    login("chutich")
    menu("Cải cách hành chính")
    look("overview", "Tổng hợp cải cách hành chính năm 2026")
    today = "2026-02-26"
    check("đến ngày 26/02/2026" in main_text(), "the chairman's view counts up to the moved clock's day (26/02/2026)", main_text()[:300])
    overdue_table = [h for h in driver.find_elements(By.CSS_SELECTOR, "main h2") if h.text.strip() == "Nhiệm vụ quá hạn"]
    rows = []
    if check(bool(overdue_table), "the chairman's view lists overdue tasks"):
        rows = [tr.text for tr in overdue_table[0].find_element(By.XPATH, "following-sibling::*[1]").find_elements(By.TAG_NAME, "tr")]
    row_b = [r for r in rows if TASK_B in r]
    check(bool(row_b) and "Quá hạn" in row_b[0] and LEAD_B in row_b[0] and "24/02/2026" in row_b[0],
          "Trần Văn Bình's task due 24/02/2026 shows as “Quá hạn” in the chairman's view", " / ".join(rows)[:500])
    check(not any(TASK_C in r for r in rows), "the returned task (due 06/03/2026) is not overdue")

    token = api("POST", "/api/v1/auth/token", body={"username": "chutich", "password": PASSWORD})["token"]
    overview = api("GET", f"/api/v1/reform/overview?year={YEAR}", token)
    counts = overview["total"]["counts"]
    tasks = api("GET", "/api/v1/tasks", token)
    mine = {t["title"]: t for t in tasks if t["title"] in (TASK_A, TASK_B, TASK_C)}
    check(len(mine) == 3, "the three tasks made here are in the API's list", ", ".join(mine))
    a, b, c = mine.get(TASK_A, {}), mine.get(TASK_B, {}), mine.get(TASK_C, {})
    check(a.get("state") == "accepted" and a.get("quality") == "meets" and a.get("timeliness") == "early" and a.get("deadline") == "2026-02-26",
          "task A: accepted, meets requirements, early (due 26/02/2026)", json.dumps({k: a.get(k) for k in ("state", "quality", "timeliness", "deadline")}))
    check(b.get("state") == "in-progress" and b.get("overdue") is True and b.get("progress") == 40,
          "task B: in progress at 40%, overdue", json.dumps({k: b.get(k) for k in ("state", "overdue", "progress")}))
    check(c.get("state") == "in-progress" and c.get("overdue") is False, "task C: returned, in progress again, not overdue",
          json.dumps({k: c.get(k) for k in ("state", "overdue")}))
    ours = expected_figures([a, b, c], today)
    check(ours == dict(assigned=3, completed=1, onSchedule=1, due=2, overdue=1),
          "our three tasks count: 3 assigned, 1 completed, 1 on schedule, 2 due, 1 overdue", json.dumps(ours))
    demo = expected_figures([t for t in tasks if t["title"] not in mine], today)
    total = {k: demo[k] + ours[k] for k in ours}
    api_counts = {k: counts[k] for k in total}
    check(api_counts == total, "the API's overview = the demo's tasks + ours, counted from the task list",
          f"API {json.dumps(api_counts)}, counted {json.dumps(total)}")

    big, small, _ = card("Tỷ lệ hoàn thành")
    want = percent(total["completed"], total["assigned"])
    check(big == want == percent(counts["completed"], counts["assigned"]) and small.startswith(f"{total['completed']}/{total['assigned']} "),
          f"completion rate on the page {big} ({small}) = API = ours {want}")
    big, small, _ = card("Tỷ lệ đúng hạn")
    want = percent(total["onSchedule"], total["due"])
    check(big == want == percent(counts["onSchedule"], counts["due"]) and small.startswith(f"{total['onSchedule']}/{total['due']} "),
          f"on-schedule rate on the page {big} ({small}) = API = ours {want}")
    api_rate = overview["total"]["onScheduleRate"]
    check(api_rate is not None and abs(api_rate - total["onSchedule"] * 100 / total["due"]) < 1e-9, "the API's on-schedule rate is on-schedule ÷ due")
    # per plan: our plan carries tasks A (accepted on schedule) and B (overdue): 2 assigned, 1
    # completed (50%), 1 of 2 due on schedule (50%), 1 overdue
    plan_rows = [tr for tr in driver.find_elements(By.CSS_SELECTOR, "main table tr") if tr.text.startswith(PLAN_TITLE)]
    cells = [td.text.strip() for td in plan_rows[0].find_elements(By.TAG_NAME, "td")] if plan_rows else []
    check(cells[1:] == ["2", "1", "1", "1", "0", "1", "50%", "50%"],
          "“Theo kế hoạch”: our plan has 2 assigned, 1 completed, 1 meeting requirements, 1 on schedule, 0 late, 1 overdue, 50%, 50%",
          " | ".join(cells))
    api_plan = [g for g in overview.get("byPlan", []) if g["name"] == PLAN_TITLE]
    check(bool(api_plan) and api_plan[0]["figures"]["completionRate"] == 50 and api_plan[0]["figures"]["onScheduleRate"] == 50,
          "the API's figures for our plan say the same", json.dumps(api_plan)[:300])
    big, _, overdue_card = card("Quá hạn")
    check(big == str(total["overdue"]), f"overdue on the page {big} = ours {total['overdue']}")
    # every number links to the tasks behind it: the overdue card opens the register filtered
    click(overdue_card.find_element(By.TAG_NAME, "a"))
    look("register-overdue", TASK_B)
    listed = [a.text.strip() for a in driver.find_elements(By.CSS_SELECTOR, "main table a")]
    check(TASK_B in listed and TASK_A not in listed and TASK_C not in listed and len(listed) == total["overdue"],
          f"the overdue card's register lists exactly the {total['overdue']} overdue task(s)", ", ".join(listed)[:400])
    click_link(TASK_B)
    look("task-b-overdue", "Quá hạn")
    click_link("Sổ theo dõi nhiệm vụ")
    look("register", "Sổ theo dõi nhiệm vụ")
    link = driver.find_element(By.LINK_TEXT, "Tải sổ theo dõi (XLSX)").get_attribute("href")
    data, _ = cookie_get(link)
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    cells = [str(v) for row in sheet.iter_rows(values_only=True) for v in row if v is not None]
    check(sheet.max_row > 1 and any(TASK_B in v for v in cells) and any(TASK_A in v for v in cells),
          f"the task register XLSX opens: {sheet.max_row} rows, {sheet.max_column} columns, our tasks in it")
    check(not any(ISO_TIMESTAMP.search(v) or USERNAME.search(v) for v in cells), "the task register XLSX has no ISO timestamp or username")
    logout()


def official_sees_overdue():
    login("diachinh")
    menu("Nhiệm vụ")
    look("my-tasks-official-overdue", TASK_B)
    rows = [tr.text for tr in driver.find_elements(By.CSS_SELECTOR, "main table tr") if TASK_B in tr.text]
    check(bool(rows) and "Quá hạn" in rows[0], "Trần Văn Bình sees his task marked “Quá hạn” in his own list", " / ".join(rows))
    logout()


def plan_against_matrix():
    login("vanphong")
    menu("Cải cách hành chính")
    click_link("Kế hoạch CCHC")
    click_link(PLAN_TITLE)
    look("plan", TARGET_ON_TIME)
    line = "Được giao: 2 · Hoàn thành: 1 (50%) · Đúng tiến độ: 50% · Quá hạn: 1."
    check(line in main_text(), f"the plan's tasks: “{line}”", main_text()[-900:])
    listed = [a.text.strip() for a in driver.find_elements(By.CSS_SELECTOR, "main table a")]
    check(TASK_A in listed and TASK_B in listed and TASK_C not in listed, "the plan lists the two tasks assigned under it, not the direction's")
    row = [tr for tr in driver.find_elements(By.CSS_SELECTOR, "main table tr") if TARGET_ON_TIME in tr.text]
    if not check(bool(row), "the plan lists the bound on-time target"):
        return
    cells = row[0].find_elements(By.TAG_NAME, "td")
    current = cells[3].text
    target_rate = rate_value(current.split("\n")[0])
    period = re.search(r"từ (\d\d/\d\d/\d{4}) đến (\d\d/\d\d/\d{4})", current)
    check(period is not None and period.groups() == ("01/01/2026", "31/12/2026"), "the bound target counts 01/01/2026–31/12/2026", current)
    check(target_rate == 50.0, "the bound target shows 50% (one dossier early, one late)", current)
    click(cells[3].find_element(By.LINK_TEXT, "Xem số liệu"))
    look("matrix", "Tỷ lệ trước và đúng hạn")
    total_row = driver.find_elements(By.CSS_SELECTOR, "main table tbody tr")[-1]
    matrix_rate = rate_value(total_row.find_elements(By.TAG_NAME, "td")[-1].text)
    check(matrix_rate is not None and matrix_rate == target_rate,
          f"the bound target's on-time rate ({target_rate}%) = the statistics matrix's ({matrix_rate}%) for the same period",
          total_row.text)
    frm = driver.find_element(By.NAME, "from").get_attribute("value")
    to = driver.find_element(By.NAME, "to").get_attribute("value")
    check((frm, to) == ("2026-01-01", "2026-12-31"), "the matrix opened from the target covers the target's period", f"{frm}–{to}")
    driver.back()  # the browser's back button, to the plan
    WebDriverWait(driver, 10).until(lambda d: PLAN_TITLE in d.title)
    loaded()
    link = driver.find_element(By.PARTIAL_LINK_TEXT, "Tải kế hoạch, chỉ tiêu và nhiệm vụ (XLSX)").get_attribute("href")
    data, kind = cookie_get(link)
    book = openpyxl.load_workbook(io.BytesIO(data))
    cells = [str(v) for ws in book.worksheets for row in ws.iter_rows(values_only=True) for v in row if v is not None]
    rows = sum(ws.max_row for ws in book.worksheets)
    check(rows > 1 and any(TARGET_ON_TIME in v for v in cells) and any(TARGET_EVENTS in v for v in cells)
          and any(TASK_A in v for v in cells) and any(TASK_B in v for v in cells),
          f"the plan XLSX opens: {len(book.worksheets)} sheet(s), {rows} rows, its targets and tasks in it")
    check(not any(ISO_TIMESTAMP.search(v) or USERNAME.search(v) for v in cells), "the plan XLSX has no ISO timestamp or username")
    logout()


def index766():
    """The chairman opens the ward's 766 index from the workspace, follows 2.1's missing points to
    the dossiers behind them and to one of them; the page agrees with the API; the supervisor sees
    the wards ranked and opens one."""
    login("chutich")
    click_link("Chỉ số 766 của phường")
    look("index766", "Tổng điểm")
    token = api("POST", "/api/v1/auth/token", body={"username": "chutich", "password": PASSWORD})["token"]
    frm = driver.find_element(By.NAME, "from").get_attribute("value")
    to = driver.find_element(By.NAME, "to").get_attribute("value")
    iso = lambda d: "-".join(reversed(d.split("/")))
    index = api("GET", f"/api/v1/units/000.00.31.H42/index766?from={iso(frm)}&to={iso(to)}", token)
    on_time = [i for i in index["indicators"] if i["code"] == "2.1"][0]
    row = [tr for tr in driver.find_elements(By.CSS_SELECTOR, "main table tr") if tr.text.startswith("2.1.")]
    cells = [td.text.strip() for td in row[0].find_elements(By.TAG_NAME, "td")] if row else []
    want = f"{on_time['numerator']}/{on_time['denominator']}"
    check(bool(cells) and cells[1] == want, f"2.1 on the page ({cells[1] if cells else '?'}) = the API's counts {want}")
    check(index["total"] is None and "chưa đủ số liệu" in main_text(),
          "the total is not invented while the province's figures are not entered")
    missing = [a for a in row[0].find_elements(By.TAG_NAME, "a")] if row else []
    if check(on_time["points"] is not None and on_time["points"] < 20 and bool(missing),
             "2.1 misses points and links to the dossiers behind them", json.dumps(on_time)):
        click(missing[0])
        look("index766-gaps", "Các hồ sơ được tính trong chỉ số nhưng chưa đạt")
        gaps = api("GET", f"/api/v1/units/000.00.31.H42/index766/gaps?code=2.1&from={iso(frm)}&to={iso(to)}", token)
        listed = [a.text.strip() for a in driver.find_elements(By.CSS_SELECTOR, "main table a")]
        check(listed == [d["code"] for d in gaps["dossiers"]] and len(listed) == on_time["denominator"] - on_time["numerator"],
              f"the list shows the {len(listed)} dossier(s) 2.1 counts but that do not score, as the API", ", ".join(listed)[:300])
        if listed:
            click_link(listed[0])
            look("index766-gap-dossier", listed[0])
    logout()
    login("giamsat")
    click_link("Chỉ số 766 các đơn vị")
    look("index766-province", "Xếp hạng theo tỷ lệ điểm đạt")
    click_link("Phường Thành Sen", exact=False)
    look("index766-province-ward", "Tổng điểm")
    logout()


def cchc_report():
    """The office starts the Q1 report from the schedule, is told what is missing, writes it,
    checks the page's figures against the API, downloads the DOCX (read back with python-docx and
    printed by LibreOffice) and the XLSX annex, and sends it; the supervisor opens it from the
    province's list and accepts it."""
    login("vanphong")
    click_link("Báo cáo CCHC định kỳ")
    look("reports-list", "Báo cáo CCHC quý I")
    card = [c for c in driver.find_elements(By.CSS_SELECTOR, "main section.card") if c.text.startswith("Báo cáo CCHC quý I")]
    submit(card[0].find_element(By.TAG_NAME, "form"))
    look("report-new", "Đã lập báo cáo")
    report_id = driver.current_url.split("/reform/reports/")[1][:36]
    click([b for b in driver.find_elements(By.CSS_SELECTOR, "main button") if b.text.strip() == "Lưu và gửi tỉnh"][0])
    look("report-refused", "Vui lòng nhập số ký hiệu báo cáo.")
    form = form_with("Thông tin văn bản")
    fill(form, "number", "05/BC-UBND")
    fill(form, "reportDate", "26/02/2026")
    fill(form, "signerName", "Nguyễn Văn Hùng")
    fill(form, "s-direction", "UBND phường ban hành Kế hoạch CCHC năm 2026, giao nhiệm vụ cho từng công chức.")
    fill(form, "s-procedures", "Bộ phận Một cửa tiếp nhận và trả kết quả đúng quy trình; công khai đầy đủ TTHC.")
    fill(form, "s-assessment", "Một số hồ sơ còn trễ hạn do phải xác minh; tỷ lệ số hóa chưa đạt chỉ tiêu.")
    fill(form, "s-next", "Số hóa toàn bộ hồ sơ tiếp nhận trực tiếp; rà soát quy trình nội bộ.")
    submit(form)
    look("report-written", "Đã lưu nội dung báo cáo.")
    token = api("POST", "/api/v1/auth/token", body={"username": "vanphong", "password": PASSWORD})["token"]
    figures = api("GET", f"/api/v1/reform-reports/{report_id}", token)["figures"]
    total = [tr for tr in driver.find_elements(By.CSS_SELECTOR, "main table tr") if tr.text.startswith("Tổng cộng")]
    cells = [td.text.strip() for td in total[0].find_elements(By.TAG_NAME, "td")] if total else []
    check(bool(cells) and cells[1] == str(figures["received"]),
          f"the report's dossier total on the page ({cells[1] if cells else '?'}) = the API's {figures['received']}")
    link = [a for a in driver.find_elements(By.CSS_SELECTOR, "main a") if a.text.strip() == "Tải báo cáo (Word)"][0]
    data, kind = cookie_get(link.get_attribute("href"))
    docx_path = os.path.join(shots, "reform-report-q1.docx")
    with open(docx_path, "wb") as f:
        f.write(data)
    docx_dir = os.path.join(shots, "reform-report-q1")
    os.makedirs(docx_dir, exist_ok=True)
    result = subprocess.run(
        [sys.executable, os.path.join(os.path.dirname(os.path.abspath(__file__)), "docx_check.py"), docx_path, docx_dir,
         "--expect-number", "05/BC-UBND", "--expect-tables", "4"], capture_output=True, text=True)
    check(result.returncode == 0 and "wordprocessingml" in kind,
          "the DOCX reads back (python-docx: header, number, date, title, tables, signature) and prints on A4",
          (result.stdout + result.stderr)[-800:])
    import docx as python_docx
    document = python_docx.Document(docx_path)
    text = "\n".join([p.text for p in document.paragraphs]
                     + [c.text for t in document.tables for row in t.rows for c in row.cells])
    check("ngày 26 tháng 02 năm 2026" in text, "the date line writes February with its leading zero", text[:300])
    link = [a for a in driver.find_elements(By.CSS_SELECTOR, "main a") if a.text.strip() == "Tải phụ lục số liệu (Excel)"][0]
    data, _ = cookie_get(link.get_attribute("href"))
    book = openpyxl.load_workbook(io.BytesIO(data))
    check(book.sheetnames == ["Hồ sơ theo lĩnh vực", "Hồ sơ theo thủ tục", "Chỉ số 766", "Tỷ lệ chính"],
          "the annex has its four sheets", ", ".join(book.sheetnames))
    sheet = book["Hồ sơ theo lĩnh vực"]
    totals = [r for r in sheet.iter_rows(values_only=True) if r and r[0] == "Tổng"]
    check(bool(totals) and totals[-1][1] == figures["received"], "the annex's total received = the report's",
          str(totals[-1] if totals else None))
    click([b for b in driver.find_elements(By.CSS_SELECTOR, "main button") if b.text.strip() == "Lưu và gửi tỉnh"][0])
    look("report-sent", "Đã gửi báo cáo lên tỉnh")
    logout()
    login("giamsat")
    click_link("Báo cáo CCHC của các phường, xã")
    look("reports-province", "Phường Thành Sen")
    click_link("Đã gửi, chờ tỉnh xem xét", exact=False)
    look("report-review", "Xem xét báo cáo")
    submit(form_with(f"/reform/reports/{report_id}/accept"))
    look("report-accepted", "Đã chấp nhận báo cáo")
    check("Tỉnh đã chấp nhận" in main_text(), "the report shows it is accepted")
    logout()


def province_drilldown():
    """The supervisor goes down the province's statistics: by unit, the demo ward by field, one
    field's procedures, the dossiers behind a number, one dossier."""
    login("giamsat")
    click_link("Thống kê hồ sơ toàn tỉnh")
    form = driver.find_element(By.CSS_SELECTOR, "main form")
    choose(form, "group", label="Đơn vị")
    submit(form)
    look("matrix-province-units", "Phường Thành Sen")
    province_total = [tr for tr in driver.find_elements(By.CSS_SELECTOR, "main table tr") if tr.text.startswith("Tổng")]
    click_link("Phường Thành Sen")
    look("matrix-ward-fields", "Phường Thành Sen")
    ward_total = [tr for tr in driver.find_elements(By.CSS_SELECTOR, "main table tr") if tr.text.startswith("Tổng")]
    ward_row_links = [a for a in driver.find_elements(By.CSS_SELECTOR, "main table tbody td:first-child a")]
    check(bool(ward_row_links), "each field of the ward leads to its procedures")
    click(ward_row_links[0])
    look("matrix-ward-field-procedures", "lĩnh vực")
    numbers = [a for a in driver.find_elements(By.CSS_SELECTOR, "main table tbody td a") if a.text.strip().isdigit()]
    if check(bool(numbers), "the procedures' numbers lead to the dossiers"):
        count = int(numbers[0].text)
        click(numbers[0])
        look("register-from-province", "Sổ theo dõi hồ sơ")
        listed = driver.find_elements(By.CSS_SELECTOR, "main table tbody tr")
        check(len(listed) == count, f"the register lists the {count} dossier(s) of the number clicked", str(len(listed)))
        links = driver.find_elements(By.CSS_SELECTOR, "main table tbody td a")
        if links:
            code = links[0].text.strip()
            click(links[0])
            look("dossier-from-province", code)
    check(bool(province_total) and bool(ward_total), "the province's and the ward's totals are shown")
    logout()


try:
    if phase == "phase1":
        office_drafts_the_plan()
        clerk_receives_dossiers()
        chairman_assigns()
        officials_report()
        chairman_decides()
        json.dump(state, open(state_file, "w"))
    elif phase == "phase2":
        resolve_dossier(state["dossiers"][1], "second-late")
        chairman_view()
        official_sees_overdue()
        plan_against_matrix()
        index766()
        cchc_report()
        province_drilldown()
    else:
        sys.exit(f"unknown phase {phase}")
except Exception as e:  # a step that could not be done is a failure, with where it happened
    check(False, f"{phase} could not go on at {driver.current_url}", f"{type(e).__name__}: {e}; page: {main_text()[:500]}")
    driver.save_screenshot(f"{shots}/reform-{phase}-error.png")
finally:
    driver.quit()

print(f"{phase}: {looked} pages looked at, {len(failures)} failed check(s)")
sys.exit(1 if failures else 0)
