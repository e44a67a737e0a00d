"""The portal as an official uses it, in a real (headless) browser."""
from __future__ import annotations

from collections.abc import Callable

from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException, WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.remote.webelement import WebElement
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait

import portal_scenario as s
from chassis.security.testing import token_for


def replaced(old: WebElement) -> Callable[[WebDriver], bool]:
    """Until the page holding `old` has gone. Chromium answers a query on a
    node of a page being torn down either 'stale' or, mid-navigation, with
    'Node with given id does not belong to the document': both mean gone."""
    def gone(_: WebDriver) -> bool:
        try:
            old.is_enabled()
        except (StaleElementReferenceException, WebDriverException):
            return True
        return False
    return gone


def sign_in(browser: WebDriver, world: s.World, role: str, jurisdiction: str) -> None:
    browser.get(f"{world.base_url}/login")
    assert browser.find_element(By.CSS_SELECTOR, "label[for=token]").text == "Bearer token"
    browser.find_element(By.ID, "token").send_keys(token_for(role, jurisdiction))
    old = browser.find_element(By.TAG_NAME, "html")
    browser.find_element(By.CSS_SELECTOR, "form.stacked button[type=submit]").click()
    WebDriverWait(browser, 10).until(replaced(old))
    WebDriverWait(browser, 10).until(ec.presence_of_element_located((By.CSS_SELECTOR, "[data-testid=who]")))


def follow(browser: WebDriver, link_text: str) -> None:
    """Clicks a link and waits until the next page has replaced this one."""
    old = browser.find_element(By.TAG_NAME, "html")
    browser.find_element(By.PARTIAL_LINK_TEXT, link_text).click()
    WebDriverWait(browser, 10).until(replaced(old))
    WebDriverWait(browser, 10).until(ec.presence_of_element_located((By.TAG_NAME, "h1")))


def bars_of(browser: WebDriver, chart: str) -> list[tuple[float, float]]:
    bars = browser.find_elements(By.CSS_SELECTOR, f"svg[data-chart={chart}] rect.bar")
    return [(bar.rect["width"], bar.rect["height"]) for bar in bars]


def test_an_official_signs_in_and_drills_down_from_the_province_to_a_village(browser: WebDriver,
                                                                           world: s.World) -> None:
    sign_in(browser, world, "provincial_office", s.PROVINCE)
    assert browser.find_element(By.TAG_NAME, "h1").text == "Overview of Guangdong"
    assert "provincial office" in browser.find_element(By.CSS_SELECTOR, "[data-testid=role]").text
    for name in ("Qingyuan", "Liannan Yao Autonomous County", "Sanpai Town", "Sanpai Village"):
        follow(browser, name)
        assert browser.find_element(By.TAG_NAME, "h1").text.startswith(name)
    rows = browser.find_elements(By.CSS_SELECTOR, "[data-testid=households] tbody tr")
    assert len(rows) == len(world.scenario.registered[s.SANPAI]) + len(world.scenario.pending)
    crumbs = [a.text for a in browser.find_elements(By.CSS_SELECTOR, ".breadcrumbs a")]
    assert crumbs == ["Guangdong", "Qingyuan", "Liannan Yao Autonomous County", "Sanpai Town"]


def test_a_county_approver_approves_an_application_and_the_queue_shrinks(browser: WebDriver,
                                                                        world: s.World) -> None:
    sign_in(browser, world, "county_approver", s.LIANNAN)
    assert browser.find_element(By.TAG_NAME, "h1").text.startswith("Liannan Yao Autonomous County")
    follow(browser, "Work queue")
    before = int(browser.find_element(By.CSS_SELECTOR, "[data-testid=queue-size]").text)
    assert before == len(world.scenario.pending)
    row = browser.find_element(By.CSS_SELECTOR, f"tr[data-household='{world.scenario.pending[0]}']")
    old = browser.find_element(By.TAG_NAME, "html")
    row.find_element(By.CSS_SELECTOR, "button[value=approve]").click()
    WebDriverWait(browser, 10).until(replaced(old))
    WebDriverWait(browser, 10, ignored_exceptions=(NoSuchElementException, StaleElementReferenceException)).until(
        lambda b: b.find_element(By.CSS_SELECTOR, "[data-testid=queue-size]").text == str(before - 1))
    assert "approve recorded" in browser.find_element(By.CSS_SELECTOR, ".messages").text
    assert not browser.find_elements(By.CSS_SELECTOR, f"tr[data-household='{world.scenario.pending[0]}']")


def test_a_county_approver_sees_only_their_county_and_is_refused_the_next_one(browser: WebDriver,
                                                                             world: s.World) -> None:
    sign_in(browser, world, "county_approver", s.LIANNAN)
    browser.get(f"{world.base_url}/divisions/{s.LIANSHAN}")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Not within your jurisdiction"
    assert "Error 403" in browser.find_element(By.CSS_SELECTOR, "[data-testid=error-status]").text


def test_the_ranking_renders_with_grades_and_its_chart_draws_real_bars(browser: WebDriver, world: s.World) -> None:
    sign_in(browser, world, "provincial_office", s.PROVINCE)
    follow(browser, "Rankings")
    names = [a.text for a in browser.find_elements(By.CSS_SELECTOR, "[data-testid=ranking] tbody th a")]
    assert {"Sanpai Village", "Sanjiang Village 1 (synthetic)", "Jitian Village 1 (synthetic)"} <= set(names)
    assert browser.find_elements(By.CSS_SELECTOR, "[data-testid=ranking] .grade")
    bars = bars_of(browser, "ranking-scores")
    assert len(bars) == len(names) and all(w > 0 for w, _ in bars) and max(h for _, h in bars) > 50
    svg = browser.find_element(By.CSS_SELECTOR, "svg[data-chart=ranking-scores]")
    assert svg.get_attribute("role") == "img" and svg.find_element(By.TAG_NAME, "title")


def test_the_funds_page_draws_the_source_mix(browser: WebDriver, world: s.World) -> None:
    sign_in(browser, world, "county_approver", s.LIANNAN)
    follow(browser, "Funds")
    segments = bars_of(browser, "source-mix")
    assert segments and all(w > 0 and h > 0 for w, h in segments)
    assert browser.find_element(By.CSS_SELECTOR, "[data-testid=total-allocated]").text == "5,876,000.00"


def test_the_skip_link_leads_to_the_main_content(browser: WebDriver, world: s.World) -> None:
    sign_in(browser, world, "auditor", s.PROVINCE)
    skip = browser.find_element(By.CSS_SELECTOR, "a.skip")
    assert skip.get_attribute("href").endswith("#content")
    assert browser.find_element(By.ID, "content").tag_name == "main"
    assert not browser.find_elements(By.PARTIAL_LINK_TEXT, "Work queue")  # auditors decide nothing


def test_a_county_approver_confirms_an_exit_and_the_exit_queue_shrinks(browser: WebDriver, world: s.World) -> None:
    sign_in(browser, world, "county_approver", s.LIANNAN)
    follow(browser, "Work queue")
    size = browser.find_element(By.CSS_SELECTOR, "[data-testid=exit-queue-size]")
    before = int(size.text)
    assert before == len(world.scenario.exits)
    target = world.scenario.exits[0]
    row = browser.find_element(By.CSS_SELECTOR, f"tr[data-exit='{target}']")
    assert row.find_element(By.CSS_SELECTOR, "label").text == "Reason (required to reject)"
    old = browser.find_element(By.TAG_NAME, "html")
    row.find_element(By.CSS_SELECTOR, "button[value=approve]").click()
    WebDriverWait(browser, 10).until(replaced(old))
    WebDriverWait(browser, 10, ignored_exceptions=(NoSuchElementException, StaleElementReferenceException)).until(
        lambda b: b.find_element(By.CSS_SELECTOR, "[data-testid=exit-queue-size]").text == str(before - 1))
    assert "exit confirmed" in browser.find_element(By.CSS_SELECTOR, ".messages").text
    assert not browser.find_elements(By.CSS_SELECTOR, f"tr[data-exit='{target}']")


def test_from_a_village_an_official_follows_its_cadre_by_name_to_a_calendar_with_rest_days(
        browser: WebDriver, world: s.World) -> None:
    sign_in(browser, world, "county_approver", s.LIANNAN)
    browser.get(f"{world.base_url}/divisions/{s.SANJIANG_1}")
    listed = browser.find_element(By.CSS_SELECTOR, "[data-testid=cadres]").text
    assert "Li Hua, first secretary" in listed and world.scenario.cadre_id[:8] not in listed
    follow(browser, "Li Hua")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Resident cadre Li Hua"
    stationed = browser.find_element(By.CSS_SELECTOR, "[data-testid=stationings] a")
    assert stationed.text == "Sanjiang Village 1 (synthetic)"
    assert browser.find_element(By.CSS_SELECTOR, "[data-testid=support-unit]").text == \
        "Provincial Water Resources Department"
    rest = browser.find_elements(By.CSS_SELECTOR, "[data-testid=calendar] td.rest")
    assert len(rest) >= 8 and all("Rest day" in cell.text for cell in rest)  # every month has 8 weekend days


# ---------------------------------------------------------------------------- accessibility

# Run in the page: what a screen-reader user would trip over, as a list of problems.
AUDIT = """
const problems = [];
const text = (ids) => ids.split(/\\s+/).map(id => (document.getElementById(id) || {textContent: ''}).textContent)
    .join(' ').trim();
const named = (el) => (el.getAttribute('aria-labelledby') && text(el.getAttribute('aria-labelledby')))
    || (el.getAttribute('aria-label') || '').trim();
const headings = Array.from(document.querySelectorAll('h1, h2, h3, h4, h5, h6'));
const h1s = headings.filter(h => h.tagName === 'H1').length;
if (h1s !== 1) problems.push(`${h1s} h1 elements`);
let last = 0;
for (const h of headings) {
  const level = Number(h.tagName[1]);
  if (level > last + 1) problems.push(`h${level} after h${last}: ${h.textContent.trim()}`);
  last = level;
}
for (const c of document.querySelectorAll('input:not([type=hidden]), select, textarea')) {
  const label = Array.from(c.labels || []).map(l => l.textContent).join(' ').trim();
  if (!label && !named(c)) problems.push(`unlabelled ${c.tagName.toLowerCase()} ${c.name || c.id}`);
}
for (const b of document.querySelectorAll('button')) {
  if (!b.textContent.trim() && !named(b)) problems.push('a button without a name');
}
for (const img of document.querySelectorAll('img')) {
  if (!(img.getAttribute('alt') || '').trim() && !named(img)) problems.push(`img without a name: ${img.src}`);
}
for (const svg of document.querySelectorAll('svg')) {
  if (svg.getAttribute('aria-hidden') === 'true') continue;
  const title = svg.querySelector(':scope > title');
  if (svg.getAttribute('role') !== 'img') problems.push('an svg neither role=img nor aria-hidden');
  else if (!named(svg) && !(title && title.textContent.trim())) problems.push('svg[role=img] without a name');
}
if (!document.documentElement.lang) problems.push('no lang on html');
if (!document.title.trim()) problems.push('no title');
return problems;
"""


def audit(browser: WebDriver) -> list[str]:
    return browser.execute_script(AUDIT)  # type: ignore[no-any-return]


def test_the_accessibility_audit_reports_each_kind_of_problem_it_looks_for(browser: WebDriver,
                                                                           world: s.World) -> None:
    browser.get(f"{world.base_url}/login")
    browser.execute_script("""document.querySelector('main').innerHTML =
        '<h1>One</h1><h1>Two</h1><h3>Skipped</h3><input name="lonely"><button></button>' +
        '<img src="data:,x"><svg role="img"></svg><svg></svg>';""")
    problems = audit(browser)
    for expected in ("2 h1 elements", "h3 after h1", "unlabelled input lonely", "a button without a name",
                     "img without a name", "svg[role=img] without a name", "an svg neither role=img nor aria-hidden"):
        assert any(expected in problem for problem in problems), (expected, problems)


def test_every_page_of_the_tour_passes_the_accessibility_audit(browser: WebDriver, world: s.World) -> None:
    browser.get(f"{world.base_url}/login")
    failures = {"/login": audit(browser)}
    sign_in(browser, world, "provincial_office", s.PROVINCE)
    tour = ["/", f"/divisions/{s.CITY}", f"/divisions/{s.LIANNAN}", f"/divisions/{s.SANPAI_TOWN}",
            f"/divisions/{s.SANPAI}", f"/divisions/{s.SANJIANG_1}",
            f"/households/{world.scenario.registered[s.SANPAI][0]}", "/rankings?kind=village",
            f"/scores/village/{s.SANPAI}", f"/cadres/{world.scenario.cadre_id}", f"/funds?division={s.LIANNAN}",
            "/funds", "/queue", "/rankings?kind=planet"]
    for path in tour:
        browser.get(f"{world.base_url}{path}")
        failures[path] = audit(browser)
    sign_in(browser, world, "county_approver", s.LIANNAN)
    for path in ("/queue", f"/divisions/{s.LIANSHAN}"):
        browser.get(f"{world.base_url}{path}")
        failures[f"{path} (county approver)"] = audit(browser)
    assert {path: problems for path, problems in failures.items() if problems} == {}
    assert len(failures) == 17
