"""Browser tests: Debian's Chromium, headless, driven by selenium through the
system chromedriver (Selenium Manager never downloads anything), against the
portal in front of the four real services. A failing test leaves a
screenshot and the page source under var/test-artifacts/browser/."""
from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

import portal_scenario as s

ARTIFACTS = Path(__file__).resolve().parents[2] / "var" / "test-artifacts" / "browser"
CHROMIUM = "/usr/bin/chromium"
FLAGS = ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
         "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--window-size=1280,1000")


def browser_paths() -> tuple[str, str]:
    """The system browser and driver, or a failure saying what to install
    (never a skip: without them the portal is untested)."""
    driver = shutil.which("chromedriver")
    browser = CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium")
    if not driver or not browser:
        pytest.fail("browser tests need Debian's chromium and chromium-driver packages "
                    f"(found chromium={browser!r}, chromedriver={driver!r})", pytrace=False)
    return browser, driver


@pytest.fixture(scope="session")
def world(postgres_base_url: str, kafka_bootstrap: str) -> Iterator[s.World]:
    with s.start_world(postgres_base_url, kafka_bootstrap, pending=2) as running:
        yield running


@pytest.fixture(scope="session")
def driver() -> Iterator[webdriver.Chrome]:
    browser, chromedriver = browser_paths()
    profile = tempfile.mkdtemp(prefix="portal-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = browser
    for flag in (*FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    chrome = webdriver.Chrome(service=Service(executable_path=chromedriver), options=options)
    chrome.set_page_load_timeout(30)
    try:
        yield chrome
    finally:
        chrome.quit()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture
def browser(driver: webdriver.Chrome) -> Iterator[webdriver.Chrome]:
    """The session's browser with no cookies left from another test."""
    driver.delete_all_cookies()
    yield driver


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: Any) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()
    if report.when != "call" or not report.failed:
        return
    chrome = item.funcargs.get("browser") if hasattr(item, "funcargs") else None
    if chrome is None:
        return
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    stem = re.sub(r"[^A-Za-z0-9_.-]+", "_", item.nodeid)[-150:]
    try:
        chrome.save_screenshot(str(ARTIFACTS / f"{stem}.png"))
        (ARTIFACTS / f"{stem}.html").write_text(chrome.page_source, encoding="utf-8")
    except Exception as error:  # the test's own failure is what matters
        report.sections.append(("browser artifacts", f"could not save: {error}"))
