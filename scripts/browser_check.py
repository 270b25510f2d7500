#!/usr/bin/env python3
"""Browser check: headless Chromium logs in as the demo clerk and the demo admin, opens the home
page and the admin pages on a phone-sized and a desktop window, saves screenshots, and fails on
any serious or critical axe-core accessibility violation (or a page that is not Vietnamese)."""
import sys
from browser_common import chromium
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait
from selenium.common.exceptions import WebDriverException
from axe_selenium_python import Axe

base, shots = sys.argv[1], sys.argv[2]
WARD = "000.00.31.H42"
PASSWORD = "Demo@2026"

problems = []
tracked = []


def check_page(driver, name, path, expect_text):
    driver.get(base + path)
    html = driver.page_source
    if 'lang="vi"' not in html:
        problems.append(f"{name}: not <html lang=vi>")
    if expect_text not in driver.find_element(By.TAG_NAME, "body").text:
        problems.append(f"{name}: '{expect_text}' not shown")
    width = driver.get_window_size()["width"]
    driver.save_screenshot(f"{shots}/{name}-{width}.png")
    overflow = driver.execute_script("return document.documentElement.scrollWidth > window.innerWidth + 1")
    if overflow and width < 500 and "calendar" not in name and name != "posting" and not name.startswith("bm01"):
        problems.append(f"{name}: page scrolls sideways at {width}px")
    axe = Axe(driver)
    axe.inject()
    results = axe.run()
    bad = [v for v in results["violations"] if v.get("impact") in ("serious", "critical")]
    for v in bad:
        problems.append(f"{name}: axe {v['impact']} {v['id']}: {v['help']} ({len(v['nodes'])} nodes)")
    print(f"{name} @{width}px: {len(results['violations'])} axe findings, {len(bad)} serious/critical")


def receive(driver, code, due, width):
    driver.get(base + "/counter?q=" + code)
    driver.find_element(By.CSS_SELECTOR, f"a[href^='/counter/new/{code}']").click()
    WebDriverWait(driver, 10).until(lambda d: "Tiếp nhận:" in d.title)
    check_page(driver, "clerk-intake-" + code, driver.current_url.replace(base, ""), "Thành phần hồ sơ đã nộp")
    driver.find_element(By.NAME, "name").send_keys("Lê Thị Thu")
    driver.find_element(By.NAME, "idNumber").send_keys("042196007777")
    driver.find_element(By.NAME, "phone").send_keys("0905123456")
    for box in driver.find_elements(By.CSS_SELECTOR, "input[type=checkbox][name='submitted[]']"):
        box.click()
    driver.find_element(By.CSS_SELECTOR, "main form[method=post] button[type=submit]").click()
    WebDriverWait(driver, 10).until(lambda d: "/counter/dossiers/" in d.current_url)
    url = driver.current_url
    check_page(driver, "clerk-dossier-" + code, url.replace(base, ""), "Đã tiếp nhận")
    secret = driver.find_elements(By.CSS_SELECTOR, "main dd")[2].text
    number = driver.title.split(" ")[2]
    check_page(driver, "bm01-" + code, url.replace(base, "") + "/slip", due)
    tracked.append((number, secret, url))


def gone(element):
    """A wait condition: the element left the page (the browser navigated). Chromium sometimes
    reports a detached node as an inspector error rather than a stale element: both mean gone."""
    def check(_):
        try:
            element.is_enabled()
            return False
        except WebDriverException:
            return True
    return check


def act(driver, user, url, action, note=""):
    """Logs in as `user`, performs `action` on the dossier at `url` with `note`, logs out."""
    login(driver, user)
    driver.get(url)
    form = driver.find_element(By.CSS_SELECTOR, "form[action$='/act']")
    for option in form.find_elements(By.CSS_SELECTOR, "select[name=action] option"):
        if option.get_attribute("value") == action:
            option.click()
    if note:
        form.find_element(By.NAME, "note").send_keys(note)
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    WebDriverWait(driver, 10).until(gone(form))
    WebDriverWait(driver, 10).until(lambda d: d.execute_script("return document.readyState") == "complete")
    if driver.title.startswith(("Yêu cầu không hợp lệ", "Không có quyền truy cập", "Lỗi hệ thống")):
        problems.append(f"{user} could not {action}: " + driver.find_element(By.TAG_NAME, "main").text[:200])
    logout(driver)


def processing_scenarios(driver):
    """Scenario 1: a guardianship dossier through every step, a liên thông to the provincial
    Sở Tư pháp and back, one supplement, and return; the register and the matrix count it.
    Scenario 2: a second dossier gets the leader's apology and a new date."""
    login(driver, "motcua")
    receive(driver, "1.004837", "ngày 25/02/2026", 0)
    code, secret, url = tracked[-1]
    receive(driver, "1.004837", "ngày 25/02/2026", 0)
    late_code, late_secret, late_url = tracked[-1]
    logout(driver)
    act(driver, "tuphap", url, "transfer", "000.20.00.H42: Xác minh thông tin người được giám hộ")
    login(driver, "sotuphap")
    check_page(driver, "agency-inbox", "/inbox", "Hồ sơ liên thông đến đơn vị")
    logout(driver)
    act(driver, "sotuphap", url, "returnTransfer", "Thông tin đúng với cơ sở dữ liệu hộ tịch")
    act(driver, "tuphap", url, "requestSupplement", "Bản sao giấy khai sinh của người được giám hộ")
    check_page(driver, "track-supplement", f"/track?code={code}&secret={secret}", "Bản sao giấy khai sinh của người được giám hộ")
    act(driver, "motcua", url, "resume", "Đã nhận bản sao")
    act(driver, "tuphap", url, "complete", "Đủ điều kiện")
    act(driver, "chutich", url, "complete", "Đồng ý")
    act(driver, "motcua", url, "complete", "Vào sổ")
    act(driver, "motcua", url, "returnResult", "Trả trực tiếp cho bà Thu")
    login(driver, "motcua")
    check_page(driver, "dossier-returned", url.replace(base, ""), "Liên thông: Sở Tư pháp tỉnh Hà Tĩnh")
    check_page(driver, "register", "/counter/register", "Trả trực tiếp cho bà Thu")
    logout(driver)
    login(driver, "vanphong")
    check_page(driver, "matrix-after", "/reports/matrix?from=2026-02-01&to=2026-02-28", "100%")
    logout(driver)
    # scenario 2: the leader apologises with a new date
    login(driver, "chutich")
    driver.get(late_url)
    driver.execute_script("document.getElementsByName('newDue')[0].value = '2026-02-27T17:30'")
    driver.find_element(By.NAME, "reason").send_keys("Chờ xác minh nơi cư trú")
    apology = driver.find_element(By.CSS_SELECTOR, "form[action$='/apology']")
    apology.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    WebDriverWait(driver, 10).until(gone(apology))
    check_page(driver, "bm04", late_url.replace(base, "") + "/apology", "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ")
    logout(driver)
    check_page(driver, "track-apology", f"/track?code={late_code}&secret={late_secret}", "17:30 ngày 27/02/2026")


def login(driver, username):
    driver.get(base + "/login")
    if not driver.find_elements(By.NAME, "username"):
        problems.append(f"login page for {username} has no form: {driver.title}: {driver.find_element(By.TAG_NAME, 'main').text[:300]}")
        return
    driver.find_element(By.NAME, "username").send_keys(username)
    driver.find_element(By.NAME, "password").send_keys(PASSWORD)
    driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
    try:
        WebDriverWait(driver, 10).until(lambda d: "Đăng xuất" in d.page_source)
    except Exception:
        problems.append(f"login as {username} failed: {driver.current_url} {driver.find_element(By.TAG_NAME, 'main').text[:300]}")


def logout(driver):
    if not driver.find_elements(By.CSS_SELECTOR, "form.logout button"):
        driver.get(base + "/")  # printable slips have no page header
    driver.find_element(By.CSS_SELECTOR, "form.logout button").click()
    WebDriverWait(driver, 10).until(lambda d: "Đăng xuất" not in d.page_source)


for width, height in [(360, 780), (1280, 900)]:
    driver = chromium()
    driver.set_window_size(width, height)
    try:
        check_page(driver, "home", "/", "Đăng nhập")
        check_page(driver, "login", "/login", "Tên đăng nhập")
        driver.get(base + "/")
        driver.find_element(By.NAME, "q").send_keys("khai sinh")
        driver.find_element(By.CSS_SELECTOR, "main form button[type=submit]").click()
        WebDriverWait(driver, 10).until(lambda d: "/procedures" in d.current_url)
        check_page(driver, "search", driver.current_url.replace(base, ""), "Thủ tục đăng ký khai sinh")
        check_page(driver, "procedure", "/procedures/1.001193", "Thành phần hồ sơ")
        check_page(driver, "history", "/procedures/1.001193/history", "Phiên bản 1")
        check_page(driver, "posting", "/procedures/posting?field=H%E1%BB%99%20t%E1%BB%8Bch", "DANH MỤC THỦ TỤC HÀNH CHÍNH")
        login(driver, "motcua")
        check_page(driver, "clerk-home", "/", "Đăng xuất")
        check_page(driver, "clerk-admin", "/admin", "Lịch làm việc")
        # The server's clock starts at Friday 13 Feb 2026 15:20 (PHUONGSO_CLOCK): after the
        # same-day cut-off and just before the Tết holidays. The clerk receives a birth
        # registration (due the end of the next working day, after Tết) and a three-working-day
        # guardianship registration (due Wednesday 25 Feb).
        for code, due in [("1.001193", "17:30 ngày 23/02/2026"), ("1.004837", "ngày 25/02/2026")]:
            receive(driver, code, due, width)
        check_page(driver, "clerk-calendar", f"/admin/units/{WARD}/calendar?year=2026&from=2026-02-13T16:00&amount=2&per=days", "Hạn xử lý: 2026-02-24T16:00:00+07:00")
        logout(driver)
        login(driver, "admin")
        check_page(driver, "admin-units", "/admin/units", "Phường Thành Sen")
        check_page(driver, "admin-unit", f"/admin/units/{WARD}", "Hộ tịch")
        check_page(driver, "admin-users", "/admin/users", "motcua")
        check_page(driver, "admin-audit", "/admin/audit", "user.create")
        check_page(driver, "admin-procedures", "/admin/procedures", "Thủ tục đăng ký kết hôn")
        check_page(driver, "admin-procedure-edit", "/admin/procedures/3.000527.H61/edit", "Tổng thời gian các bước: 24 giờ")
        check_page(driver, "admin-import", "/admin/catalog/import", "Tải tệp lên")
        check_page(driver, "admin-calendar", f"/admin/units/{WARD}/calendar?year=2027", "Tháng 2/2027")
        check_page(driver, "not-found", "/khong-co", "Không tìm thấy trang")
        check_page(driver, "matrix", "/reports/matrix", "Tỷ lệ trước và đúng hạn")
        # the spreadsheets open in openpyxl
        import io, urllib.request, openpyxl
        cookie = "; ".join(f"{c['name']}={c['value']}" for c in driver.get_cookies())
        for path in ["/reports/matrix.xlsx", "/counter/register.xlsx"]:
            data = urllib.request.urlopen(urllib.request.Request(base + path, headers={"Cookie": cookie})).read()
            sheet = openpyxl.load_workbook(io.BytesIO(data)).active
            if sheet.max_row < 2:
                problems.append(f"{path}: only {sheet.max_row} rows")
            print(f"{path}: {sheet.max_row} rows, {sheet.max_column} columns, first row: {sheet.cell(1, 1).value}")
        logout(driver)
        # the guardianship dossier goes through its steps and is returned
        code, secret, url = tracked[-1]
        for user in ["tuphap", "chutich", "motcua", "motcua"]:
            login(driver, user)
            driver.get(url)
            driver.find_element(By.CSS_SELECTOR, "form[action$='/act'] textarea").send_keys("Trả trực tiếp cho người nộp")
            driver.find_element(By.CSS_SELECTOR, "form[action$='/act'] button[type=submit]").click()
            WebDriverWait(driver, 10).until(lambda d: "/inbox" in d.current_url)
            logout(driver)
        for c, sec, _ in tracked[-2:]:
            check_page(driver, "track", f"/track?code={c}&secret={sec}", c)
        check_page(driver, "track-returned", f"/track?code={code}&secret={secret}", "Đã trả kết quả")
        driver.find_element(By.CSS_SELECTOR, "form[action^='/track/rate'] button[type=submit]").click()
        try:
            WebDriverWait(driver, 10).until(lambda d: "Cảm ơn bạn đã đánh giá." in d.page_source)
        except Exception:
            problems.append("rating failed: " + driver.find_element(By.TAG_NAME, "main").text[:400])
        processing_scenarios(driver)
    finally:
        driver.quit()

if problems:
    print("\n".join(problems))
    sys.exit(1)
print("browser check passed")
