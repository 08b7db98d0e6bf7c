#!/usr/bin/env python3
"""The web console in a real headless Chromium, driven by Selenium against a running `ocpctl serve`.

Usage: console_browser.py BASE_URL ADMIN_TOKEN ARTIFACT_DIR

Signs in as the admin, makes a token for team-a and one for team-b on the admin page, then as team-a: a bad request
shows its field errors beside the fields (a label holding <script> stays text), "show YAML" shows the admitted
manifest, a request becomes Ready on its page without a reload, it scales, hibernates and is deleted behind a
confirmation; a form posted without its CSRF token is refused. As team-b: none of team-a's clusters, and their
pages refused by URL. Screenshots of the inventory, the cluster page, the form and the report go to ARTIFACT_DIR.
Prints one "ok ..." line per check; exits 1 at the first failure.
"""
import os
import ssl
import sys
import time
import urllib.error
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.common.exceptions import TimeoutException, WebDriverException
from selenium.webdriver.support.ui import Select, WebDriverWait

BASE, ADMIN_TOKEN, ARTIFACTS = sys.argv[1].rstrip("/"), sys.argv[2], sys.argv[3]


STARTED = time.monotonic()


def ok(text):
    print("ok %s (%.1f s)" % (text, time.monotonic() - STARTED), flush=True)


def fail(text):
    print("FAIL " + text, flush=True)
    try:
        # What the page said, so a failure on a machine where the artifacts cannot be opened still explains itself.
        print("page %s:\n%s" % (driver.current_url, driver.execute_script("return document.body.innerText")[:1500]), flush=True)
    except Exception:
        pass
    try:
        driver.save_screenshot(os.path.join(ARTIFACTS, "failure.png"))
        with open(os.path.join(ARTIFACTS, "failure.html"), "w") as page:
            page.write(driver.page_source)
    except Exception:
        pass
    sys.exit(1)


def check(condition, text):
    if not condition:
        fail(text)
    ok(text)


def text(css):
    return driver.find_element(By.CSS_SELECTOR, css).text


def wait_for(description, predicate, timeout=30):
    last_error = []

    def attempt(_):
        # While a page loads or navigates, Chromium answers with transient errors (no such element, stale element,
        # frame detached); they are retried until the timeout, and the last one is named if it is reached.
        try:
            return predicate()
        except WebDriverException as error:
            last_error[:] = [error]
            return False

    try:
        WebDriverWait(driver, timeout, poll_frequency=0.2).until(attempt)
    except TimeoutException:
        detail = ""
        if last_error:
            detail = ": last error %s %s" % (type(last_error[0]).__name__, (last_error[0].msg or "").split("\n")[0])
        fail("timed out waiting for " + description + detail)
    ok(description)


def go(path):
    driver.get(BASE + path)


def fill(field_id, value):
    element = driver.find_element(By.ID, field_id)
    element.clear()
    element.send_keys(value)


def sign_in(token):
    go("/ui/signin")
    fill("token", token)
    driver.find_element(By.CSS_SELECTOR, "form button[type=submit]").click()
    wait_for("signed in and on the inventory", lambda: driver.current_url.endswith("/ui/clusters"))


def sign_out():
    driver.find_element(By.CSS_SELECTOR, ".signout button").click()
    wait_for("signed out", lambda: "/ui/signin" in driver.current_url)


def make_token(user, team):
    go("/ui/admin")
    fill("t-user", user)
    Select(driver.find_element(By.ID, "t-role")).select_by_visible_text("requester")
    fill("t-teams", team)
    driver.find_element(By.CSS_SELECTOR, "form[aria-label='Create a token'] button").click()
    wait_for("the admin page created a token for " + user + " and showed it once", lambda: len(text("#secret")) > 20)
    return text("#secret")


def fetch_with_session(path):
    """GETs a console path with the browser's cookies, as the download link would: (status, Content-Disposition, body)."""
    cookies = "; ".join("%s=%s" % (c["name"], c["value"]) for c in driver.get_cookies())
    request = urllib.request.Request(BASE + path, headers={"Cookie": cookies})
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    try:
        with urllib.request.urlopen(request, context=context, timeout=20) as response:
            return response.status, response.headers.get("Content-Disposition", ""), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, "", error.read().decode()


def screenshot(name, width=1280):
    path = os.path.join(ARTIFACTS, name + ".png")
    driver.set_window_size(width, 900)
    driver.set_window_size(width, max(900, driver.execute_script("return document.body.scrollHeight")))
    driver.save_screenshot(path)
    driver.set_window_size(1280, 900)
    ok("screenshot " + path)


def request_cluster(name, labels="", tags=""):
    go("/ui/request")
    fill("name", name)
    fill("workers", "1")
    fill("labels", labels)
    fill("tags", tags)
    driver.find_element(By.ID, "submit").click()


options = Options()
for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900",
                 # The server's own CA is not in Chromium's store; the test trusts the connection as the CLI trusts the CA.
                 "--ignore-certificate-errors"]:
    options.add_argument(argument)
options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
driver = webdriver.Chrome(service=Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")), options=options)
try:
    # Signing in is refused without the form's CSRF token too: the sign-in form is a form.
    sign_in(ADMIN_TOKEN)
    alice = make_token("alice@example.com", "team-a")
    bob = make_token("bob@example.com", "team-b")
    sign_out()

    sign_in(alice)
    # A bad request: every field error beside its field, a <script> in a label shown as text.
    request_cluster("Bad_Name", labels="x=<script>window.__pwned=1</script>")
    wait_for("the name's error is beside the name field", lambda: "DNS-1123" in text("#name-errors"))
    check("<script>" in text("#labels-errors"), "the label's error shows <script> as text beside the labels field")
    check(driver.execute_script("return document.querySelectorAll('script').length") == 1 and
          driver.execute_script("return window.__pwned === undefined"), "no script from the label ran or was inserted")
    check("&lt;script&gt;" in driver.page_source or "<script>window" not in driver.execute_script("return document.body.innerHTML"),
          "the page source has the label escaped")
    screenshot("request-form-errors")

    # Show YAML: the admitted manifest from a dry run, nothing created.
    go("/ui/request")
    fill("name", "web-yaml")
    driver.find_element(By.ID, "show-yaml").click()
    wait_for("show YAML renders the admitted manifest", lambda: "kind: Cluster" in text("#yaml") and "web-yaml" in text("#yaml"))
    screenshot("request-form")

    # A request that works: its page turns Ready without a reload.
    request_cluster("web-1", tags="note=<script>window.__pwned=2</script>")
    wait_for("the request opens the cluster's page", lambda: "/ui/clusters/team-a/web-1" in driver.current_url)
    driver.execute_script("window.__sameDocument = 'yes'")
    wait_for("the page says Ready=True, pushed by the server", lambda: text("#ready") == "True", timeout=60)
    check(driver.execute_script("return window.__sameDocument") == "yes", "the page was not reloaded")
    check("note=<script>window.__pwned=2</script>" in text("#tags") and driver.execute_script("return window.__pwned === undefined"),
          "a tag holding <script> renders as text")
    screenshot("cluster")

    # Scale, then hibernate, each through its form; the page follows live.
    fill("workers-input", "2")
    driver.find_element(By.ID, "scale").click()
    wait_for("the scale form was accepted", lambda: text("#flash") == "Scaling requested.")
    driver.execute_script("window.__sameDocument = 'scale'")
    wait_for("the workers reach 2/2 live", lambda: text("#workers") == "2/2", timeout=60)
    check(driver.execute_script("return window.__sameDocument") == "scale", "scaling was followed without a reload")
    driver.find_element(By.ID, "power").click()
    wait_for("the hibernate form was accepted", lambda: text("#flash") == "Hibernation requested.")
    wait_for("the phase reaches Hibernated live", lambda: text("#phase") == "Hibernated", timeout=60)

    # The TTL through its form; then resume.
    expires_before = text("#expires")
    fill("ttl-input", "48h")
    driver.find_element(By.ID, "extend").click()
    wait_for("the TTL form was accepted", lambda: text("#flash") == "TTL changed.")
    wait_for("the expiry moves later", lambda: text("#expires") > expires_before, timeout=30)
    driver.find_element(By.ID, "power").click()
    wait_for("the resume form was accepted", lambda: text("#flash") == "Resume requested.")
    wait_for("the phase is Running again, live", lambda: text("#phase") == "Running", timeout=60)
    # A browser opens at most six connections to one host: a live page left behind must close its stream, or the
    # seventh page would wait for a connection until an old stream times out.
    driver.set_page_load_timeout(20)
    for visit in range(8):
        go("/ui/clusters" if visit % 2 == 0 else "/ui/clusters/team-a/web-1")
    driver.set_page_load_timeout(300)
    ok("eight live pages in a row each load: streams of pages left behind are closed")
    check(driver.find_element(By.ID, "kubeconfig").get_attribute("href").endswith("/ui/clusters/team-a/web-1/kubeconfig"),
          "the owning team is offered the kubeconfig download")
    kubeconfig = fetch_with_session("/ui/clusters/team-a/web-1/kubeconfig")
    print("kubeconfig answer: %s %s" % (kubeconfig[0], kubeconfig[2][:120].replace("\n", " ")), flush=True)
    check(kubeconfig[0] == 200 and "attachment" in kubeconfig[1] and "clusters:" in kubeconfig[2], "the owning team downloads the kubeconfig")
    check(not driver.find_elements(By.ID, "reveal"), "a requester is not offered the kubeadmin password")

    # Out of range: the API's error beside the workers field, nothing changed.
    fill("workers-input", "9")
    driver.find_element(By.ID, "scale").click()
    wait_for("an out-of-range scale shows the API's error beside the workers field", lambda: "0..3" in text("#workers-errors"))

    # A form without its CSRF token is refused.
    go("/ui/clusters/team-a/web-1")
    driver.execute_script("document.querySelector('form[action$=\"/scale\"] input[name=_csrf]').remove()")
    driver.find_element(By.ID, "scale").click()
    wait_for("a form posted without its CSRF token is refused",
             lambda: driver.find_element(By.TAG_NAME, "h1").text == "Forbidden" and "CSRF" in text("#message"))
    status = driver.execute_async_script("""
        const done = arguments[arguments.length - 1];
        fetch('/ui/clusters/team-a/web-1/scale', {method: 'POST', headers: {'Content-Type': 'application/x-www-form-urlencoded'},
              body: 'workers=1'}).then(r => done(r.status));""")
    check(status == 403, "a POST without the CSRF token answers 403")

    # A second cluster stays for the tenancy check; the inventory shows both.
    request_cluster("web-2", labels="app=demo")
    wait_for("web-2's page opens", lambda: "/ui/clusters/team-a/web-2" in driver.current_url)
    go("/ui/clusters")
    driver.execute_script("window.__sameDocument = 'inventory'")
    wait_for("web-2's row in the inventory turns Ready live",
             lambda: driver.find_element(By.CSS_SELECTOR, '[data-cluster="team-a/web-2"] [data-field="ready"]').text == "True", timeout=60)
    check(driver.execute_script("return window.__sameDocument") == "inventory", "the inventory was not reloaded")
    rows = [row.get_attribute("data-cluster") for row in driver.find_elements(By.CSS_SELECTOR, "#inventory tbody tr[data-cluster]")]
    check("team-a/web-1" in rows and "team-a/web-2" in rows, "the inventory lists team-a's clusters")
    go("/ui/clusters?label=app%3Ddemo")
    rows = [row.get_attribute("data-cluster") for row in driver.find_elements(By.CSS_SELECTOR, "#inventory tbody tr[data-cluster]")]
    check(rows == ["team-a/web-2"], "the label filter keeps only matching clusters")
    go("/ui/clusters?sort=bogus")
    check(driver.find_element(By.TAG_NAME, "h1").text == "Bad request" and "sort must be one of" in text("#message"),
          "a bad query parameter is refused with a clear message")
    go("/ui/clusters")
    screenshot("inventory")
    screenshot("inventory-phone", width=390)

    go("/ui/reports?since=7d")
    check(len(driver.find_elements(By.CSS_SELECTOR, ".chart svg")) == 2, "the report draws two SVG charts")
    check(driver.find_element(By.ID, "csv").get_attribute("href").endswith("/ui/reports/usage.csv?since=7d"), "the report links its CSV")
    csv = driver.execute_async_script("""
        const done = arguments[arguments.length - 1];
        fetch('/ui/reports/usage.csv?since=7d').then(r => r.text()).then(done);""")
    check(csv.splitlines()[0].startswith("team") or "," in csv.splitlines()[0], "the CSV download has a header row")
    screenshot("report")

    # Delete behind a typed confirmation.
    go("/ui/clusters/team-a/web-1")
    driver.find_element(By.ID, "delete").click()
    wait_for("the delete asks for the cluster's name", lambda: driver.find_elements(By.ID, "confirm"))
    fill("confirm", "web-1")
    driver.find_element(By.ID, "confirm-delete").click()
    wait_for("the deleted cluster's page says Deleted, live",
             lambda: driver.find_elements(By.ID, "phase") and text("#phase") == "Deleted" or "404" in driver.find_element(By.TAG_NAME, "h1").text,
             timeout=60)
    sign_out()

    # team-b sees nothing of team-a, not even by URL.
    sign_in(bob)
    rows = [row.get_attribute("data-cluster") for row in driver.find_elements(By.CSS_SELECTOR, "#inventory tbody tr[data-cluster]")]
    check(not any(row.startswith("team-a/") for row in rows) and "web-2" not in driver.page_source, "team-b's inventory shows none of team-a's clusters")
    go("/ui/clusters/team-a/web-2")
    heading = driver.find_element(By.TAG_NAME, "h1").text
    check(heading.startswith("403") and not driver.find_elements(By.ID, "live"), "team-b cannot open team-a's cluster page by URL")
    go("/ui/clusters?team=team-a")
    check(driver.find_element(By.TAG_NAME, "h1").text.startswith("403"), "team-b cannot list team-a's clusters by filter")
    sign_out()

    # An admin reveals the kubeadmin password, and the reveal is in the cluster's audit trail without the secret.
    sign_in(ADMIN_TOKEN)
    go("/ui/clusters/team-a/web-2")
    driver.find_element(By.ID, "reveal").click()
    wait_for("an admin sees the kubeadmin password", lambda: len(text("#secret")) > 8)
    password = text("#secret")
    go("/ui/clusters/team-a/web-2")
    audit = text("#h-events + .table-wrap")
    check("reveal-kubeadmin-password" in audit and password not in audit, "the reveal is audited, without the password")
    print("PASS", flush=True)
except Exception as error:
    fail("unexpected %s: %s" % (type(error).__name__, str(error).splitlines()[0] if str(error) else ""))
finally:
    driver.quit()
