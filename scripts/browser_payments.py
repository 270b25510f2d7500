#!/usr/bin/env python3
"""Browser check of fees, payments and electronic results, against a server started with the
sandbox gateway and a VietQR account (see scripts/check):
  - the ward office completes a fee-charging procedure; the counter receives three dossiers;
  - one is paid in cash at the counter (receipt printed);
  - one is paid by the applicant on a phone through the sandbox gateway (its own process);
  - one is paid by VietQR: the QR on the page is decoded from a screenshot with zbarimg, and the
    office imports a bank statement line carrying the dossier code;
  - an official issues a signed electronic result; the public verify page confirms the file and
    refuses the same file with one byte changed;
  - the payments report shows one payment per channel.
Every page visited is checked with axe (no serious or critical finding) and screenshotted."""
import os
import subprocess
import sys
import tempfile

from browser_common import chromium
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait
from selenium.common.exceptions import WebDriverException
from axe_selenium_python import Axe

base, shots = sys.argv[1], sys.argv[2]
PROCEDURE = "2.001035"
PASSWORD = "Demo@2026"
problems = []

driver = chromium()


def body_text(d):
    try:
        return d.find_element(By.TAG_NAME, "body").text
    except WebDriverException:  # the page is being replaced
        return ""


def wait_for(text, timeout=10):
    try:
        WebDriverWait(driver, timeout).until(lambda d: text in body_text(d))
    except Exception:
        problems.append(f"'{text}' not shown at {driver.current_url}: {driver.find_element(By.TAG_NAME, 'body').text[:300]}")


def look(name, expect=None, axe=True):
    """Screenshot, sideways-scroll and axe checks of the page on screen."""
    if expect:
        wait_for(expect)
    width = driver.get_window_size()["width"]
    driver.save_screenshot(f"{shots}/pay-{name}-{width}.png")
    if width < 500 and driver.execute_script("return document.documentElement.scrollWidth > window.innerWidth + 1"):
        problems.append(f"{name}: page scrolls sideways at {width}px")
    if axe:
        a = Axe(driver)
        a.inject()
        bad = [v for v in a.run()["violations"] if v.get("impact") in ("serious", "critical")]
        problems.extend(f"{name}: axe {v['impact']} {v['id']}: {v['help']}" for v in bad)
        print(f"{name} @{width}px: {len(bad)} serious/critical axe findings")


def login(user):
    driver.get(base + "/login")
    driver.find_element(By.NAME, "username").send_keys(user)
    driver.find_element(By.NAME, "password").send_keys(PASSWORD)
    driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    wait_for("Đăng xuất")


def logout():
    driver.get(base + "/")
    driver.find_element(By.CSS_SELECTOR, "form.logout button").click()
    WebDriverWait(driver, 10).until(lambda d: "Đăng xuất" not in d.page_source)


def submit(form_selector):
    form = driver.find_element(By.CSS_SELECTOR, form_selector)
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    WebDriverWait(driver, 10).until(lambda d: d.execute_script("return document.readyState") == "complete")


def receive(name, id_number):
    driver.get(base + f"/counter/new/{PROCEDURE}")
    driver.find_element(By.NAME, "name").send_keys(name)
    driver.find_element(By.NAME, "idNumber").send_keys(id_number)
    for box in driver.find_elements(By.CSS_SELECTOR, "input[type=checkbox][name='submitted[]']"):
        box.click()
    submit("main form[action^='/counter/new/'][method=post]")
    WebDriverWait(driver, 10).until(lambda d: "/counter/dossiers/" in d.current_url)
    code = driver.title.split(" ")[2]
    secret = driver.find_elements(By.CSS_SELECTOR, "main dd")[2].text
    return code, secret, driver.current_url


def track(code, secret):
    driver.get(base + f"/track?code={code}&secret={secret}")


result = b"%PDF-1.7\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>> endobj\n3 0 obj <</Type /Page /Parent 2 0 R>> endobj\n%%EOF\n"
try:
    driver.set_window_size(1280, 900)
    # the demo catalogue carries the procedure's published document list: the office has nothing to fill in
    login("vanphong")
    driver.get(base + f"/procedures/{PROCEDURE}")
    if "Thành phần hồ sơ" not in driver.page_source or "đang cập nhật" in driver.page_source:
        problems.append("the procedure's document list is missing: " + driver.find_element(By.TAG_NAME, "main").text[:300])
    logout()

    login("motcua")
    cash = receive("Trần Thị Mai", "042190001111")
    online = receive("Lê Văn Hùng", "042190002222")
    transfer = receive("Phạm Thị Hoa", "042190003333")
    # 1. cash at the counter, receipted
    driver.get(cash[2])
    look("dossier-fees", "Phải nộp / đã nộp / còn thiếu")
    submit("form[action$='/pay-cash']")
    look("receipt", "BIÊN LAI THU PHÍ, LỆ PHÍ", axe=False)
    wait_for("Năm mươi nghìn đồng")
    # the clerk scans a paper component: its page count is checked against the original's
    scan = os.path.join(tempfile.mkdtemp(), "giay-to.pdf")
    open(scan, "wb").write(result)
    driver.get(cash[2])
    driver.find_element(By.NAME, "originalPages").send_keys("2")
    driver.find_element(By.ID, "f-scan-file").send_keys(scan)
    submit("form[action$='/scan']")
    look("scanned", "Bản quét 1/2 trang")
    wait_for("SỐ TRANG KHÔNG KHỚP")
    logout()

    # 2. the applicant pays online through the sandbox gateway, on a phone
    driver.set_window_size(360, 780)
    track(*online[:2])
    look("track-owes", "còn phải nộp")
    driver.find_element(By.ID, "pay-link").click()
    look("pay-page", "Còn phải nộp")
    submit("form[action='/pay/gateway']")
    wait_for("SANDBOX")
    look("gateway-sandbox", "Xác nhận thanh toán", axe=False)
    driver.find_element(By.CSS_SELECTOR, "button[value=approve]").click()
    look("gateway-returned", "Thanh toán thành công")
    track(*online[:2])
    wait_for("đã nộp đủ")

    # 3. VietQR: the QR decodes to the payload shown, then a statement line settles it
    track(*transfer[:2])
    driver.find_element(By.ID, "pay-link").click()
    submit("form[action='/pay/vietqr']")
    look("vietqr", "Nội dung chuyển khoản")
    reference = driver.find_element(By.ID, "vietqr-reference").text
    payload = driver.execute_script("return document.getElementById('vietqr-payload').textContent")
    if reference != transfer[0]:
        problems.append(f"VietQR reference {reference} is not the dossier code {transfer[0]}")
    driver.set_window_size(1280, 1400)
    png = os.path.join(tempfile.mkdtemp(), "vietqr.png")
    driver.find_element(By.CSS_SELECTOR, "div.qr").screenshot(png)
    decoded = subprocess.run(["zbarimg", "--quiet", "--raw", png], capture_output=True, text=True).stdout.strip()
    if decoded != payload:
        problems.append(f"the VietQR image decodes to '{decoded}', the page shows '{payload}'")
    else:
        print(f"VietQR decoded from the screenshot: {decoded}")
    driver.set_window_size(1280, 900)
    statement = os.path.join(tempfile.mkdtemp(), "sao-ke.csv")
    with open(statement, "w", encoding="utf-8") as f:
        f.write("Ngày,Mã giao dịch,Số tiền,Nội dung\n")
        f.write(f"2026-02-13,FT2604400011,50000,PHAM THI HOA CHUYEN TIEN {transfer[0].replace('.', '').replace('-', ' ')}\n")
        f.write("2026-02-13,FT2604400012,120000,TIEN DIEN THANG 1\n")
    login("vanphong")
    driver.get(base + "/payments/statement")
    driver.find_element(By.NAME, "file").send_keys(statement)
    submit("main form[method=post]")
    look("statement", "1/2 dòng khớp")
    wait_for("Không tìm thấy mã hồ sơ")
    logout()
    track(*transfer[:2])
    wait_for("đã nộp đủ")

    # 4. a signed electronic result, verified by anyone; one changed byte is caught
    folder = tempfile.mkdtemp()
    good, bad = os.path.join(folder, "ket-qua.pdf"), os.path.join(folder, "ket-qua-sua.pdf")
    open(good, "wb").write(result)
    changed = bytearray(result)
    changed[len(changed) // 2] ^= 1
    open(bad, "wb").write(bytes(changed))
    login("tuphap")
    driver.get(cash[2])
    driver.find_element(By.ID, "f-result-file").send_keys(good)
    submit("form[action$='/result']")
    look("result-sheet", "PHIẾU THÔNG TIN KẾT QUẢ ĐIỆN TỬ", axe=False)
    result_code = driver.current_url.rsplit("/", 1)[1]
    logout()
    driver.set_window_size(360, 780)
    driver.get(base + f"/verify?code={result_code}")
    look("verify-code", "HỢP LỆ")
    for path, expect, name in [(good, "HỢP LỆ: tệp đúng là kết quả đã phát hành", "verify-file"), (bad, "KHÔNG HỢP LỆ", "verify-altered")]:
        driver.get(base + f"/verify?code={result_code}")
        driver.find_element(By.ID, "f-verify-file").send_keys(path)
        submit("form[enctype='multipart/form-data']")
        look(name, expect)

    # 5. one payment per channel in the report
    driver.set_window_size(1280, 900)
    login("vanphong")
    driver.get(base + "/reports/payments?from=2026-02-01&to=2026-02-28")
    look("payments-report", "Tổng cộng")
    rows = [r.text for r in driver.find_elements(By.CSS_SELECTOR, "tbody tr")]
    for channel in ["Tiền mặt tại Bộ phận Một cửa 1", "Thanh toán trực tuyến qua cổng thanh toán 1", "Chuyển khoản VietQR 1"]:
        if not any(r.startswith(channel) for r in rows):
            problems.append(f"payments report has no row '{channel}': {rows}")
    wait_for("Tổng cộng 3 150.000")
    logout()

    # 6. the counter refunds the cash payment with a reason
    login("motcua")
    driver.get(cash[2])
    refund = driver.find_element(By.CSS_SELECTOR, "form[action$='/refund']")
    refund.find_element(By.NAME, "reason").send_keys("Thu nhầm, trả lại tiền mặt")
    submit("form[action$='/refund']")
    look("refunded", "Đã hoàn trả (Thu nhầm, trả lại tiền mặt)")
    logout()

    # 7. the ward's administrator sets the ward's own receiving account and sees its signing keys
    login("quantri")
    driver.get(base + "/admin/units/000.00.31.H42")
    driver.find_element(By.NAME, "bankBIN").send_keys("970436")
    driver.find_element(By.NAME, "bankAccount").send_keys("0071000888999")
    driver.find_element(By.NAME, "bankAccountName").send_keys("UBND Phường Thành Sen")
    submit("form[action$='/bank']")
    look("unit-bank", "970436 — 0071000888999 — UBND PHƯỜNG THÀNH SEN")
    driver.get(base + "/admin/keys")
    look("signing-keys", "Đang dùng")
    logout()

    # 8. a citizen's data store, on a phone
    driver.set_window_size(360, 780)
    login("congdan")
    driver.get(base + "/my/documents")
    look("my-documents", "Kho dữ liệu của tôi")
    logout()

    # 9. a citizen on a phone applies online (links and buttons only), the counter receives it,
    #    the citizen pays the fee through the gateway and tracks the dossier
    login("congdan")
    driver.get(base + "/")
    driver.find_element(By.PARTIAL_LINK_TEXT, "Nộp hồ sơ trực tuyến").click()
    wait_for("Thủ tục nhận hồ sơ trực tuyến")
    driver.find_element(By.CSS_SELECTOR, f"main a[href='/apply/{PROCEDURE}']").click()
    wait_for("Họ và tên")
    form = driver.find_element(By.CSS_SELECTOR, "main form[method=post]")
    form.find_element(By.NAME, "idNumber").send_keys("042196005555")
    form.find_element(By.NAME, "address").send_keys("Tổ 3, phường Thành Sen")
    form.find_element(By.NAME, "phone").send_keys("0912345678")
    submit("main form[method=post]")
    look("apply-documents", "Lưu và tiếp tục")
    pdf = os.path.join(shots, "giay-to.pdf")
    with open(pdf, "wb") as f:
        f.write(result)
    form = driver.find_element(By.CSS_SELECTOR, "main form[method=post]")
    for field in form.find_elements(By.CSS_SELECTOR, "input[type=file]"):
        field.send_keys(pdf)
    submit("main form[method=post]")
    look("apply-check", "Nộp hồ sơ")
    submit("main form[method=post]")
    look("apply-done", "Đã nộp hồ sơ")
    cells = driver.find_elements(By.CSS_SELECTOR, "main dd")
    applied_code, applied_secret = cells[0].text.strip(), cells[1].text.strip()
    logout()
    login("motcua")
    driver.get(base + "/counter")
    driver.find_element(By.PARTIAL_LINK_TEXT, applied_code).click()
    look("online-intake", "Kết quả kiểm tra")
    submit("form[action$='/decide']")
    wait_for("Đã tiếp nhận")
    logout()
    login("congdan")
    driver.get(base + "/my/dossiers")
    driver.find_element(By.PARTIAL_LINK_TEXT, applied_code).click()
    look("applied-track-owes", "còn phải nộp")
    driver.find_element(By.ID, "pay-link").click()
    submit("form[action='/pay/gateway']")
    wait_for("SANDBOX")
    driver.find_element(By.CSS_SELECTOR, "button[value=approve]").click()
    look("applied-paid", "Thanh toán thành công")
    track(applied_code, applied_secret)
    look("applied-tracked", "đã nộp đủ")
    logout()
finally:
    driver.quit()

if problems:
    print("\n".join(problems))
    sys.exit(1)
print("payments browser check passed")
