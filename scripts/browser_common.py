"""What the browser checks share: a headless Chromium that asks for Vietnamese pages."""
from selenium import webdriver


def chromium():
    options = webdriver.ChromeOptions()
    for arg in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--lang=vi"]:
        options.add_argument(arg)
    options.add_experimental_option("prefs", {"intl.accept_languages": "vi-VN,vi"})
    options.binary_location = "/usr/bin/chromium"
    return webdriver.Chrome(options=options, service=webdriver.ChromeService(executable_path="/usr/bin/chromedriver"))
