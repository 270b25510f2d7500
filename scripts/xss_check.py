#!/usr/bin/env python3
"""XSS check in headless Chromium (called by scripts/check): puts a script payload into every text
field a user can write through the API (unit, field, account, calendar override and its notice,
a catalogue procedure, applicant name, address and represented party, a supplement note, an
account's deactivation reason), then opens every page that shows them as the administrator, the
counter clerk and an anonymous visitor. Each page must show each of its payloads as literal text
(escaped, not dropped), none may run (the payloads set window.__x when they execute) and no
markup of theirs may reach the DOM (the Content-Security-Policy would stop the scripts, so the
check looks for the injected elements and attributes themselves). Payloads in the address
(reflected) are checked the same way. The payload is short (under 80 characters) so that every
field takes it.

    xss_check.py BASE_URL
"""
import csv
import io
import json
import os
import sys
import urllib.error
import urllib.parse
import urllib.request

from browser_common import chromium
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

base = sys.argv[1]
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WARD, PROVINCE, PASSWORD = "000.00.31.H42", "000.00.00.H42", "Demo@2026"
problems = []


def payload(tag):
    return f'<img src=x onerror=__x="{tag}"><script>__x="{tag}"</script>{tag}'


def api(method, path, body=None, token=None):
    req = urllib.request.Request(base + "/api/v1" + path, method=method, data=json.dumps(body).encode() if body is not None else None,
                                 headers={"Content-Type": "application/json", **({"Authorization": "Bearer " + token} if token else {})})
    try:
        with urllib.request.urlopen(req) as r:
            data = r.read()
            return r.status, json.loads(data) if data else None
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()


def must(what, result, status=(200, 201, 204)):
    if result[0] not in status:
        problems.append(f"setting up {what}: {result[0]} {str(result[1])[:300]}")
    return result[1]


admin = api("POST", "/auth/token", {"username": "admin", "password": PASSWORD})[1]["token"]
clerk = api("POST", "/auth/token", {"username": "motcua", "password": PASSWORD})[1]["token"]
must("unit", api("POST", "/units", {"code": "000.00.99.H42", "name": payload("unit"), "kind": "ward", "parentCode": PROVINCE}, admin))
must("field", api("POST", f"/units/{WARD}/fields", {"code": "XSS", "name": payload("field")}, admin))
must("account", api("POST", "/users", {"username": "xss1", "displayName": payload("account"), "password": "Xss@20261", "role": "official", "unitCode": WARD}, admin))
must("override", api("POST", f"/units/{WARD}/calendar/overrides", {"date": "2027-03-03", "kind": "holiday", "name": payload("holiday"),
                                                                    "noticeNumber": payload("notice"), "noticeDate": "2027-02-01"}, admin))
rows = list(csv.DictReader(open(os.path.join(ROOT, "Sources/PhuongSoApp/Demo/data/procedures.csv"), encoding="utf-8")))
extra = dict(next(r for r in rows if r["code"] == "1.001193"))
extra.update(code="9.000001", name=payload("procedure"))
out = io.StringIO()
w = csv.DictWriter(out, fieldnames=rows[0].keys())
w.writeheader()
w.writerows(rows + [extra])
must("procedure", api("POST", f"/units/{WARD}/catalog/import", {"procedures": out.getvalue(), "effectiveFrom": "2025-07-01", "dryRun": False}, admin))
detail = must("procedure detail", api("GET", f"/procedures/9.000001?unit={WARD}"))
components = [c["name"] for c in detail["procedure"]["components"]] if isinstance(detail, dict) else []
applicant = {"name": payload("applicant"), "idNumber": "042190001234", "address": payload("address"), "represented": payload("represented")}
received = must("dossier", api("POST", "/dossiers", {"procedureCode": "9.000001", "applicant": applicant, "submitted": components, "decision": "receive"}, clerk))
supplement = must("supplement", api("POST", "/dossiers", {"procedureCode": "9.000001", "applicant": applicant, "submitted": [], "decision": "supplement",
                                                          "note": payload("note")}, clerk))
must("reason", api("POST", "/users/xss1/deactivate", {"reason": payload("reason")}, admin))
if problems:
    print("\n".join(problems))
    sys.exit(1)

driver = chromium()
checked = 0


def login(username):
    driver.delete_all_cookies()
    driver.get(base + "/login")
    driver.find_element(By.NAME, "username").send_keys(username)
    driver.find_element(By.NAME, "password").send_keys(PASSWORD)
    driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    WebDriverWait(driver, 10).until(lambda d: "Đăng xuất" in d.page_source)


def page(path, *tags):
    global checked
    driver.get(base + path)
    WebDriverWait(driver, 10).until(lambda d: d.execute_script("return document.readyState") == "complete")
    ran = driver.execute_script("return window.__x")
    if ran is not None:
        problems.append(f"{path}: the payload of '{ran}' ran")
    # what the page shows: its text and the values in its form fields (prefilled forms)
    text = driver.find_element(By.TAG_NAME, "body").text + "\n" + driver.execute_script(
        "return Array.from(document.querySelectorAll('input, textarea')).map(e => e.value).join(' ')")
    for tag in tags:
        if payload(tag).replace("\n", " ") not in text:
            problems.append(f"{path}: the '{tag}' payload is not shown as text")
    # Chromium obeys the server's Content-Security-Policy, which stops inline scripts even when
    # markup gets through: so look for the markup itself, not only for a script that ran.
    injected = driver.execute_script("""
        const found = [];
        document.querySelectorAll('img[src="x"], [onerror], [onfocus], [onload]').forEach(e => found.push(e.outerHTML.slice(0, 80)));
        document.querySelectorAll('script').forEach(e => { if (e.textContent.includes('__x')) found.push(e.outerHTML.slice(0, 80)); });
        document.querySelectorAll('*').forEach(e => { for (const a of e.attributes) if (/["<>]/.test(a.name)) found.push(e.tagName + ' attribute ' + a.name); });
        return found;""")
    if injected:
        problems.append(f"{path}: injected markup in the page: {injected[:3]}")
    checked += 1
    print(f"{path}: {len(tags)} payloads shown as text, none ran")


q = urllib.parse.quote
try:
    login("admin")
    page("/admin/units", "unit")
    page(f"/admin/units/{WARD}", "field")
    page("/admin/users", "account")
    page("/admin/users/xss1", "account")
    page(f"/admin/units/{WARD}/calendar?year=2027", "holiday")
    page("/admin/procedures", "procedure")
    page("/admin/procedures/9.000001/edit")
    page("/admin/audit", "reason")
    page(f"/reports/matrix?unit={WARD}&group=procedure", "procedure")
    login("motcua")
    page("/counter")
    page(f"/counter/dossiers/{received['id']}", "applicant", "procedure")
    page(f"/counter/new/9.000001?lookup=042190001234", "applicant", "address", "procedure")  # the represented party is not prefilled
    page(f"/counter/dossiers/{received['id']}/slip", "applicant", "procedure")
    page(f"/counter/dossiers/{supplement['id']}", "applicant", "note")
    page("/counter/register", "applicant", "address", "procedure")
    page("/inbox")
    page("/reports/matrix?group=procedure", "procedure")
    driver.delete_all_cookies()
    page("/procedures?q=9.000001", "procedure")
    page(f"/procedures/9.000001?unit={WARD}", "procedure")
    page(f"/procedures/posting?field={q('Hộ tịch')}", "procedure")
    page(f"/track?code={q(received['code'])}&secret={received['secret']}", "procedure")
    # reflected: what the address carries comes back in form values, titles and links
    reflected = q(payload("reflected"))
    page(f"/login?next={reflected}", "reflected")
    page(f"/procedures?q={reflected}", "reflected")
    page(f"/procedures/posting?field={reflected}")
    page(f"/track?code={reflected}&secret={reflected}", "reflected")
    page(f"/verify?code={reflected}", "reflected")
    page(f"/pay?code={q(received['code'])}&secret={received['secret']}")
finally:
    driver.quit()
if problems:
    print("\n".join(problems))
    sys.exit(1)
print(f"xss check passed: {checked} pages")
