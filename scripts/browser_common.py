"""What the browser checks share: a headless Chromium that asks for Vietnamese pages, and the steps
every story script takes on it."""
import json
import re
import sys
import time
import urllib.request

from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait


def chromium():
    options = webdriver.ChromeOptions()
    for arg in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--lang=vi"]:
        options.add_argument(arg)
    options.add_experimental_option("prefs", {"intl.accept_languages": "vi-VN,vi"})
    options.binary_location = "/usr/bin/chromium"
    return webdriver.Chrome(options=options, service=webdriver.ChromeService(executable_path="/usr/bin/chromedriver"))

# What a person should never read on a page: machine timestamps, usernames, "N/A", numbers with
# more decimals than a sheet prints (procedure, unit and dossier codes aside).
USERNAMES = ["tuphap", "diachinh", "chutich", "vanphong", "motcua", "vanhoa", "giamsat"]
ISO_TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}T")
USERNAME = re.compile(r"\b(" + "|".join(USERNAMES) + r")\b")
UNROUNDED = re.compile(r"\d+[.,]\d{3,}")
CODES = re.compile(r"\b\d{1,3}\.\d{6}(\.[A-Z0-9]+)?\b|\b\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}\b|\b[A-Z0-9.]+-\d{6}-\d{4}\b")


class Browser:
    """The steps every story script takes: checks that are remembered, waits for a page to load or
    to leave, clicks on links and buttons as a person would, downloads with the session, and the
    JSON API beside it."""

    def __init__(self, base):
        self.base = base
        self.failures = []
        self.driver = chromium()
        self.driver.set_window_size(1280, 900)

    def check(self, ok, what, detail=""):
        """One line per check; a failure is remembered and makes the script exit non-zero."""
        print(("ok   " if ok else "FAIL ") + what + ("" if ok or not detail else f" — {detail}"))
        if not ok:
            self.failures.append(what)
        return ok

    def text_of(self, tag):
        try:
            return self.driver.find_element(By.TAG_NAME, tag).text
        except WebDriverException:
            return ""

    def body_text(self):
        return self.text_of("body")

    def main_text(self):
        return self.text_of("main")

    def loaded(self):
        WebDriverWait(self.driver, 15).until(lambda d: d.execute_script("return document.readyState") == "complete")

    def gone(self, element):
        """Waits until `element` left the page (the browser navigated)."""
        def detached(_):
            try:
                element.is_enabled()
                return False
            except WebDriverException:
                return True
        WebDriverWait(self.driver, 15).until(detached)
        self.loaded()

    def click(self, element):
        self.driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", element)
        element.click()
        self.gone(element)

    def click_link(self, text, within="main", exact=True):
        """Clicks the link whose text is `text` (or contains it) inside `within`."""
        scope = self.driver.find_element(By.CSS_SELECTOR, within)
        links = [a for a in scope.find_elements(By.TAG_NAME, "a") if (a.text.strip() == text if exact else text in a.text)]
        if not links:
            raise AssertionError(f"no link “{text}” on {self.driver.title} ({self.driver.current_url})")
        self.click(links[0])

    def menu(self, text):
        self.click_link(text, within="header nav")

    def submit(self, form):
        self.click(form.find_element(By.CSS_SELECTOR, "button[type=submit]"))

    def run(self, story, what, error_shot, looked):
        """Runs the story and exits: non-zero when a check failed, or when a step could not be done
        (a failure, with where it happened and a screenshot)."""
        try:
            story()
        except Exception as e:
            self.check(False, f"{what} could not go on at {self.driver.current_url}",
                       f"{type(e).__name__}: {e}; page: {self.main_text()[:500]}")
            self.driver.save_screenshot(error_shot)
        finally:
            self.driver.quit()
        print(f"{what}: {looked()} pages looked at, {len(self.failures)} failed check(s)")
        sys.exit(1 if self.failures else 0)

    def login(self, user, password="Demo@2026"):
        self.driver.get(self.base + "/login")
        form = self.driver.find_element(By.CSS_SELECTOR, "main form")
        for name, value in [("username", user), ("password", password)]:
            field = form.find_element(By.NAME, name)
            field.clear()
            field.send_keys(value)
        self.submit(form)
        WebDriverWait(self.driver, 10).until(lambda d: "Đăng xuất" in self.body_text())

    def logout(self):
        self.click(self.driver.find_element(By.CSS_SELECTOR, "form.logout button"))
        WebDriverWait(self.driver, 10).until(lambda d: "Đăng xuất" not in self.body_text())

    def cookie_get(self, href):
        """Downloads `href` with the browser's session, as a click on a download link would."""
        cookie = "; ".join(f"{c['name']}={c['value']}" for c in self.driver.get_cookies())
        with urllib.request.urlopen(urllib.request.Request(href, headers={"Cookie": cookie})) as r:
            return r.read(), r.headers.get("Content-Type", "")

    def api(self, method, path, token=None, body=None):
        data = json.dumps(body).encode() if body is not None else None
        headers = {"Content-Type": "application/json"} if data else {}
        if token:
            headers["Authorization"] = "Bearer " + token
        request = urllib.request.Request(self.base + path, data=data, headers=headers, method=method)
        with urllib.request.urlopen(request) as r:
            return json.loads(r.read())

    def shots(self, path_prefix, at_each_width=None):
        """The whole page in one picture at 360 px and 1280 px (`path_prefix-WIDTH.png`), then back
        to 1280 px; returns the problems: sideways scrolling on a phone, and what `at_each_width`
        finds at each width."""
        problems = []
        for width, height in [(360, 780), (1280, 900)]:
            self.driver.set_window_size(width, height)
            self.driver.execute_script("window.scrollTo(0, 0)")
            full = self.driver.execute_script("return document.documentElement.scrollHeight")
            self.driver.set_window_size(width, min(max(full, height), 12000))
            time.sleep(0.15)
            self.driver.save_screenshot(f"{path_prefix}-{width}.png")
            self.driver.set_window_size(width, height)
            if width < 500 and self.driver.execute_script(
                    "return document.documentElement.scrollWidth > window.innerWidth + 1"):
                problems.append(f"scrolls sideways at {width} px")
            if at_each_width:
                problems += at_each_width(width)
        self.driver.set_window_size(1280, 900)
        return problems

    def text_problems(self, codes=CODES):
        """What the page shows that a person should not read (`codes`: what may carry long decimals)."""
        text = self.body_text()
        problems = []
        for rule, pattern, subject in [("an ISO timestamp", ISO_TIMESTAMP, text), ("a username", USERNAME, text),
                                       ("N/A", re.compile(r"\bN/A\b"), text),
                                       ("an unrounded decimal", UNROUNDED, codes.sub(" ", text))]:
            found = sorted(set(m.group(0) for m in pattern.finditer(subject)))
            if found:
                problems.append(f"shows {rule}: " + ", ".join(found[:5]))
        return problems
